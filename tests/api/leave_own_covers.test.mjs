// leave_own_covers.test.mjs: approving an absence releases the covers the absent assistant was
// to take for others during it (the part inside the absence; a cover reaching past it keeps
// the rest) and plans those executives again; the preview says so first (issue 9).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { personBody, principalBody, unique, useServer } from './lib.mjs';

const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const DAY = addDays(new Date().toISOString().slice(0, 10), 190);

async function worker(srv, kind, extra = {}) {
    const body = kind === 'principals' ? principalBody({ time_zone: 'UTC', ...extra }) : personBody({ time_zone: 'UTC', ...extra });
    const p = await srv.create(kind, body);
    for (let wd = 1; wd <= 7; wd++) await srv.create('work-patterns', { person_id: p.id, weekday: wd, start_time: '09:00', end_time: '17:00' });
    return p;
}
const away = (srv, person, from, days) =>
    srv.create('absences', { person_id: person.id, kind: 'training', start_at: `${addDays(DAY, from)}T00:00:00Z`, end_at: `${addDays(DAY, from + days)}T00:00:00Z` });

describe("approving an absence releases the absent assistant's own covers", () => {
    const h = useServer();

    test('the preview names them, the approval releases and re-plans them', async () => {
        const srv = h.srv;
        const office = unique('Own covers ');
        const anna = await worker(srv, 'assistants', { office });
        const kadri = await worker(srv, 'assistants', { office, capacity: 3 });
        const eero = await worker(srv, 'assistants', { office, capacity: 3 });
        const helen = await worker(srv, 'principals', { office });
        await srv.create('assignments', { assistant_id: anna.id, principal_id: helen.id, kind: 'primary', start_date: addDays(DAY, -10) });
        await srv.create('designated-backups', { principal_id: helen.id, assistant_id: kadri.id, rank: 1 });
        await srv.create('designated-backups', { principal_id: helen.id, assistant_id: eero.id, rank: 2 });

        // Anna is away four days: Kadri, backup #1, covers Helen, accepted.
        const annaOff = await away(srv, anna, 0, 4);
        const a = await srv.post(`/api/v1/absences/${annaOff.id}/approve`, {}, { ifMatch: annaOff.version });
        assert.equal(a.status, 200, a.text);
        const plan = a.json.coverage_plan;
        assert.ok(plan.covers.length > 0 && plan.covers.every((c) => c.assistant_id === kadri.id), a.text);
        assert.equal((await srv.post(`/api/v1/coverage/plans/${plan.id}/accept`, {})).status, 200);
        const range = `from=${DAY}&to=${addDays(DAY, 3)}`;
        const held = (await srv.listAll(`/api/v1/coverage/covers?${range}`)).filter((c) => c.assistant_id === kadri.id && c.principal_id === helen.id);
        assert.ok(held.length > 0);
        const heldDays = new Set(held.map((c) => c.start_at.slice(0, 10)));

        // Kadri asks for days 1–2 off: the preview names her covers for Helen on those days.
        const kadriOff = await away(srv, kadri, 1, 2);
        const inside = held.filter((c) => c.start_at >= `${addDays(DAY, 1)}T` && c.start_at < `${addDays(DAY, 3)}T`);
        assert.ok(inside.length > 0, JSON.stringify(held));
        const audit = await srv.auditState();
        const im = await srv.getOk(`/api/v1/absences/${kadriOff.id}/impact`);
        assert.deepEqual(await srv.auditState(), audit, 'the preview changes nothing');
        assert.equal(im.own_covers_released.length, 1, JSON.stringify(im.own_covers_released));
        const n = im.own_covers_released[0];
        assert.equal(n.principal_id, helen.id);
        assert.deepEqual(n.cover_ids.sort((x, y) => x - y), inside.map((c) => c.id).sort((x, y) => x - y));
        assert.equal(n.from, addDays(DAY, 1));
        assert.equal(n.to, addDays(DAY, 2));
        assert.match(n.message, new RegExp(`^${kadri.name}'s ${inside.length} covers? for ${helen.name} on \\d+(–\\d+)? \\w{3}.* released and re-planned$`));

        // Approving releases them and plans Helen's days again: Eero, backup #2, takes them.
        const cur = await srv.getOk(`/api/v1/absences/${kadriOff.id}`);
        const ap = await srv.post(`/api/v1/absences/${kadriOff.id}/approve`, {}, { ifMatch: cur.version });
        assert.equal(ap.status, 200, ap.text);
        // The preview planned as the approval did: her covers released, Helen planned again.
        const runs = (l) => l.map((c) => [c.principal_id, c.assistant_id ?? null, c.start_at, c.end_at]).sort();
        assert.deepEqual(runs(ap.json.coverage_plan.covers), runs(im.covers), 'the covers the preview promised');
        assert.deepEqual(runs(ap.json.coverage_plan.open_gaps), runs(im.open_gaps), 'the gaps the preview said stay open');
        assert.ok(im.covers.some((c) => c.principal_id === helen.id && c.assistant_id === eero.id), JSON.stringify(im.covers));
        const rel = ap.json.coverage_plan.released_own_covers;
        assert.deepEqual(rel.map((r) => r.cover_id).sort((x, y) => x - y), inside.map((c) => c.id).sort((x, y) => x - y));
        assert.ok(rel.every((r) => r.principal_id === helen.id && r.was === 'accepted' && r.kept.length === 0), JSON.stringify(rel));
        const replanned = ap.json.coverage_plan.covers.filter((c) => c.principal_id === helen.id);
        assert.ok(replanned.length > 0 && replanned.every((c) => c.assistant_id === eero.id), JSON.stringify(ap.json.coverage_plan));

        // The board and the plan agree: no accepted cover of Kadri's on her days off remains.
        const after = (await srv.listAll(`/api/v1/coverage/covers?${range}`)).filter((c) => c.principal_id === helen.id);
        assert.ok(!after.some((c) => c.assistant_id === kadri.id && inside.some((i) => i.id === c.id)), JSON.stringify(after));
        assert.ok(after.some((c) => c.assistant_id === kadri.id), 'her covers outside her days off stay');
        assert.ok(heldDays.size > 2);
        const log = await srv.getOk(`/api/v1/audit?entity=coverage%20cover&entity_id=${inside[0].id}`);
        assert.ok(log.items.some((r) => r.action === 'release'), JSON.stringify(log.items));
    });
});
