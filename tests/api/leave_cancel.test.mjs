// leave_cancel.test.mjs: cancelling an approved absence releases the covers its days no longer
// need (proposed and accepted), keeps those still needed (a cover needed in part is split:
// only the part no longer needed is released), and tells the executives with a
// notify row in the audit log (issue 9).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { personBody, principalBody, unique, useServer } from './lib.mjs';

const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const DAY = addDays(new Date().toISOString().slice(0, 10), 170);

async function worker(srv, kind, start, end, extra = {}) {
    const body = kind === 'principals' ? principalBody({ time_zone: 'UTC', ...extra }) : personBody({ time_zone: 'UTC', ...extra });
    const p = await srv.create(kind, body);
    for (let wd = 1; wd <= 7; wd++) await srv.create('work-patterns', { person_id: p.id, weekday: wd, start_time: start, end_time: end });
    return p;
}
const assign = (srv, a, p, kind) => srv.create('assignments', { assistant_id: a.id, principal_id: p.id, kind, start_date: addDays(DAY, -10) });
const away = (srv, person, from, days) =>
    srv.create('absences', { person_id: person.id, kind: 'training', start_at: `${addDays(DAY, from)}T00:00:00Z`, end_at: `${addDays(DAY, from + days)}T00:00:00Z` });

describe('cancelling an approved absence', () => {
    const h = useServer();

    test('releases the covers no longer needed, keeps the others, tells the executives', async () => {
        const srv = h.srv;
        const office = unique('Cancel office ');
        // Anna supports Piret and Rein. Rein works until 18:00, an hour Anna never covers: the
        // plan made on approval covers that hour too, so Rein's covers stay needed after.
        const anna = await worker(srv, 'assistants', '09:00', '17:00', { office });
        const eero = await worker(srv, 'assistants', '09:00', '18:00', { office, capacity: 3 });
        const piret = await worker(srv, 'principals', '09:00', '17:00', { office });
        const rein = await worker(srv, 'principals', '09:00', '18:00', { office });
        await assign(srv, anna, piret, 'primary');
        await assign(srv, anna, rein, 'primary');
        await srv.create('designated-backups', { principal_id: piret.id, assistant_id: eero.id, rank: 1 });
        await srv.create('designated-backups', { principal_id: rein.id, assistant_id: eero.id, rank: 1 });

        const annaOff = await away(srv, anna, 0, 2);
        const a = await srv.post(`/api/v1/absences/${annaOff.id}/approve`, {}, { ifMatch: annaOff.version });
        assert.equal(a.status, 200, a.text);
        const plan = a.json.coverage_plan;
        assert.ok(plan && plan.covers.length > 0, a.text);
        assert.equal((await srv.post(`/api/v1/coverage/plans/${plan.id}/accept`, {})).status, 200);
        const range = `from=${DAY}&to=${addDays(DAY, 1)}`;
        const before = await srv.listAll(`/api/v1/coverage/covers?${range}`);
        const mine = before.filter((c) => [piret.id, rein.id].includes(c.principal_id));
        assert.ok(mine.length > 0);
        // Rein's covers take in 17–18, which stays a gap after Anna's cancel.
        const reinDay1 = mine.filter((c) => c.principal_id === rein.id && c.end_at.includes('T18:00'));
        assert.ok(reinDay1.length > 0, JSON.stringify(mine));

        const audit = await srv.auditState();
        const cur = await srv.getOk(`/api/v1/absences/${annaOff.id}`);
        const c = await srv.post(`/api/v1/absences/${cur.id}/cancel`, { note: 'plans changed' }, { ifMatch: cur.version });
        assert.equal(c.status, 200, c.text);
        assert.equal(c.json.status, 'cancelled');
        const released = c.json.released_covers.map((r) => r.cover_id).sort((x, y) => x - y);
        // A cover of Rein's reaching into 17–18 from earlier is split: only 17–18 stays.
        const split = reinDay1.filter((m) => !m.start_at.includes('T17:00'));
        assert.ok(split.length > 0, `Rein's covers run from before 17:00: ${JSON.stringify(reinDay1)}`);
        const want = mine.filter((m) => !reinDay1.includes(m) || split.includes(m)).map((m) => m.id).sort((x, y) => x - y);
        assert.deepEqual(released, want, 'every cover of the cancelled days, those reaching into 17–18 in part');
        assert.ok(c.json.released_covers.every((r) => r.was === 'accepted'));
        for (const r of c.json.released_covers) {
            if (!split.some((m) => m.id === r.cover_id)) {
                assert.deepEqual(r.kept, [], 'a cover not needed at all is released whole');
                continue;
            }
            assert.equal(r.kept.length, 1, JSON.stringify(r));
            assert.equal(r.kept[0].cover_id, r.cover_id, 'the row itself keeps the part still needed');
            assert.equal(r.kept[0].start_at, r.end_at.replace('T18:00', 'T17:00'));
            assert.equal(r.kept[0].end_at, r.end_at);
        }
        assert.deepEqual(c.json.notified_principal_ids.sort((x, y) => x - y), [piret.id, rein.id].sort((x, y) => x - y));

        const after = await srv.listAll(`/api/v1/coverage/covers?${range}`);
        const left = after.filter((x) => [piret.id, rein.id].includes(x.principal_id));
        assert.deepEqual(left.map((x) => x.id), reinDay1.map((x) => x.id));
        for (const x of left) {
            assert.ok(x.start_at.includes('T17:00') && x.end_at.includes('T18:00'), JSON.stringify(x));
            assert.equal(x.status, 'accepted', 'the part still needed stays accepted');
        }
        // Each executive gets a notify row naming the absence and the released covers.
        for (const p of [piret, rein]) {
            const log = await srv.getOk(`/api/v1/audit?entity=principal&entity_id=${p.id}`);
            const n = log.items.find((r) => r.action === 'notify');
            assert.ok(n, JSON.stringify(log.items));
            assert.equal(n.after.absence_id, annaOff.id);
            assert.deepEqual(n.after.released_cover_ids.sort(), c.json.released_covers.filter((r) => r.principal_id === p.id).map((r) => r.cover_id).sort());
        }
        assert.notDeepEqual(await srv.auditState(), audit);
    });

    test('a requested absence cancelled has nothing to release', async () => {
        const srv = h.srv;
        const anna = await worker(srv, 'assistants', '09:00', '17:00', { office: unique('Quiet ') });
        const abs = await away(srv, anna, 5, 1);
        const c = await srv.post(`/api/v1/absences/${abs.id}/cancel`, {}, { ifMatch: abs.version });
        assert.equal(c.status, 200, c.text);
        assert.deepEqual(c.json.released_covers, []);
    });
});
