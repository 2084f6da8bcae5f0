// impact.test.mjs: GET /absences/{id}/impact per executive: the gaps the absence causes apart
// from those that exist anyway, who still covers, the executives' time zones and their
// designated backups with whether each is away; a what-if that saves nothing.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { personBody, principalBody, unique, useServer } from './lib.mjs';

const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
// Far enough ahead that nothing of the demo is planned there; zones without daylight saving.
const DAY = addDays(new Date().toISOString().slice(0, 10), 150);

/** A person of the kind who works start–end (HH:MM) every day of the week. */
async function worker(srv, kind, start, end, extra = {}) {
    const body = kind === 'principals' ? principalBody({ time_zone: 'UTC', ...extra }) : personBody({ time_zone: 'UTC', ...extra });
    const p = await srv.create(kind, body);
    for (let wd = 1; wd <= 7; wd++) await srv.create('work-patterns', { person_id: p.id, weekday: wd, start_time: start, end_time: end });
    return p;
}

const assign = (srv, a, p, kind) => srv.create('assignments', { assistant_id: a.id, principal_id: p.id, kind, start_date: addDays(DAY, -10) });

const dayOff = (srv, person) =>
    srv.create('absences', { person_id: person.id, kind: 'vacation', start_at: `${DAY}T00:00:00Z`, end_at: `${addDays(DAY, 1)}T00:00:00Z` });

const at = (hh) => `${DAY}T${hh}:00:00Z`;
const runs = (rs) => rs.map((r) => [r.start_at, r.end_at, r.slots]);

describe('the impact of an absence, per executive', () => {
    const h = useServer();

    test('caused and existing gaps, who still covers, zones and backups; nothing saved', async () => {
        const srv = h.srv;
        const office = unique('Impact office ');
        // Anna (the absent assistant) works 09–17. Piret works 08–18, so 08–09 and 17–18 have
        // no support anyway; Bert (secondary) keeps her mornings. Reykjavik's Rein also has
        // Cara (secondary), who works all of Anna's hours.
        const anna = await worker(srv, 'assistants', '09:00', '17:00', { office });
        const bert = await worker(srv, 'assistants', '09:00', '13:00', { office });
        const cara = await worker(srv, 'assistants', '09:00', '17:00', { office });
        const dina = await worker(srv, 'assistants', '09:00', '17:00', { office });
        const eero = await worker(srv, 'assistants', '09:00', '17:00', { office });
        const piret = await worker(srv, 'principals', '08:00', '18:00', { office });
        const rein = await worker(srv, 'principals', '09:00', '17:00', { office, time_zone: 'Atlantic/Reykjavik' });
        await assign(srv, anna, piret, 'primary');
        await assign(srv, bert, piret, 'secondary');
        await assign(srv, anna, rein, 'primary');
        await assign(srv, cara, rein, 'secondary');
        await srv.create('designated-backups', { principal_id: piret.id, assistant_id: dina.id, rank: 1 });
        await srv.create('designated-backups', { principal_id: piret.id, assistant_id: eero.id, rank: 2 });
        const dinaOff = await dayOff(srv, dina);
        const ap = await srv.post(`/api/v1/absences/${dinaOff.id}/approve`, {}, { ifMatch: dinaOff.version });
        assert.equal(ap.status, 200, ap.text);

        const abs = await dayOff(srv, anna);
        const audit = await srv.auditState();
        const im = await srv.getOk(`/api/v1/absences/${abs.id}/impact`);
        assert.deepEqual(await srv.auditState(), audit, 'the what-if wrote to the audit log');
        const board = await srv.getOk(`/api/v1/coverage?from=${DAY}&to=${DAY}&office=${encodeURIComponent(office)}`);
        assert.deepEqual(board.covers, [], 'the what-if saved covers');

        assert.equal(im.assistant, true);
        assert.equal(im.slot_minutes, 60);
        assert.deepEqual(im.principals.map((p) => p.principal_id).sort((a, b) => a - b), [piret.id, rein.id].sort((a, b) => a - b));
        const p = im.principals.find((x) => x.principal_id === piret.id);
        assert.equal(p.name, piret.name);
        assert.equal(p.time_zone, 'UTC');
        assert.equal(p.kind, 'primary');
        assert.deepEqual(runs(p.caused_gaps), [[at('13'), at('17'), 4]], 'Bert keeps the mornings: only 13–17 is caused');
        assert.equal(p.caused_slots, 4);
        assert.deepEqual(runs(p.existing_gaps), [[at('08'), at('09'), 1], [at('17'), at('18'), 1]]);
        assert.equal(p.existing_slots, 2);
        assert.deepEqual(p.covered_by, [{ assistant_id: bert.id, name: bert.name, kind: 'secondary', slots: 4, whole: false }]);
        assert.deepEqual(p.designated_backups, [
            { assistant_id: dina.id, name: dina.name, rank: 1, away: true },
            { assistant_id: eero.id, name: eero.name, rank: 2, away: false },
        ]);

        const r = im.principals.find((x) => x.principal_id === rein.id);
        assert.equal(r.time_zone, 'Atlantic/Reykjavik');
        assert.equal(r.caused_slots, 0);
        assert.deepEqual(r.caused_gaps, []);
        assert.deepEqual(r.existing_gaps, []);
        assert.deepEqual(r.covered_by, [{ assistant_id: cara.id, name: cara.name, kind: 'secondary', slots: 8, whole: true }]);
        assert.deepEqual(r.designated_backups, []);

        // The planner's covers and open gaps span every gap of those days, the existing ones too.
        const planned = [...im.covers, ...im.open_gaps].filter((x) => x.principal_id === piret.id).reduce((n, x) => n + x.slots, 0);
        assert.equal(planned, 6);

        // Once approved the absence is in the data: the same gaps are still the ones it causes.
        const ok = await srv.post(`/api/v1/absences/${abs.id}/approve`, {}, { ifMatch: abs.version });
        assert.equal(ok.status, 200, ok.text);
        const after = await srv.getOk(`/api/v1/absences/${abs.id}/impact`);
        assert.equal(after.status, 'approved');
        const p2 = after.principals.find((x) => x.principal_id === piret.id);
        assert.deepEqual(runs(p2.caused_gaps), [[at('13'), at('17'), 4]]);
        assert.deepEqual(runs(p2.existing_gaps), [[at('08'), at('09'), 1], [at('17'), at('18'), 1]]);
    });

    test("an executive's own absence: not an assistant, no executive loses support", async () => {
        const srv = h.srv;
        const boss = await worker(srv, 'principals', '09:00', '17:00', { office: unique('Boss office ') });
        const abs = await dayOff(srv, boss);
        const im = await srv.getOk(`/api/v1/absences/${abs.id}/impact`);
        assert.equal(im.assistant, false);
        assert.deepEqual(im.principals, []);
    });
});
