// leave_preview.test.mjs: the preview before approving (GET /absences/{id}/impact) and the plan
// the approval answers agree, also when an approved absence already overlaps the days: another
// assistant's, whose covers the absent assistant holds (issue 9).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { personBody, principalBody, unique, useServer } from './lib.mjs';

const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
// Far enough ahead that nothing of the demo is planned there; a zone without daylight saving.
const DAY = addDays(new Date().toISOString().slice(0, 10), 160);

/** A person of the kind who works start–end (HH:MM) every day of the week. */
async function worker(srv, kind, start, end, extra = {}) {
    const body = kind === 'principals' ? principalBody({ time_zone: 'UTC', ...extra }) : personBody({ time_zone: 'UTC', ...extra });
    const p = await srv.create(kind, body);
    for (let wd = 1; wd <= 7; wd++) await srv.create('work-patterns', { person_id: p.id, weekday: wd, start_time: start, end_time: end });
    return p;
}
const assign = (srv, a, p, kind) => srv.create('assignments', { assistant_id: a.id, principal_id: p.id, kind, start_date: addDays(DAY, -10) });
/** Days [from, from + days) away, whole days. */
const away = (srv, person, from, days) =>
    srv.create('absences', { person_id: person.id, kind: 'training', start_at: `${addDays(DAY, from)}T00:00:00Z`, end_at: `${addDays(DAY, from + days)}T00:00:00Z` });
const covers = (list) => list.map((c) => [c.principal_id, c.assistant_id, c.start_at, c.end_at]).sort();
const open = (list) => list.map((c) => [c.principal_id, c.start_at, c.end_at]).sort();

describe('the preview before approving and the result after it', () => {
    const h = useServer();

    test('agree when an approved absence overlaps and the absent assistant holds its covers', async () => {
        const srv = h.srv;
        const office = unique('Preview office ');
        // Anna supports Piret, Dina supports Rein; Eero supports no one and is Piret's backup.
        const anna = await worker(srv, 'assistants', '09:00', '17:00', { office });
        const dina = await worker(srv, 'assistants', '09:00', '17:00', { office });
        const eero = await worker(srv, 'assistants', '09:00', '13:00', { office });
        const piret = await worker(srv, 'principals', '09:00', '17:00', { office });
        const rein = await worker(srv, 'principals', '09:00', '17:00', { office });
        await assign(srv, anna, piret, 'primary');
        await assign(srv, dina, rein, 'primary');
        await srv.create('designated-backups', { principal_id: rein.id, assistant_id: anna.id, rank: 1 });
        await srv.create('designated-backups', { principal_id: piret.id, assistant_id: eero.id, rank: 1 });

        // Dina is away days 0–2, approved; the plan (Anna covers Rein) is accepted.
        const dinaOff = await away(srv, dina, 0, 3);
        const ap = await srv.post(`/api/v1/absences/${dinaOff.id}/approve`, {}, { ifMatch: dinaOff.version });
        assert.equal(ap.status, 200, ap.text);
        const plan = ap.json.coverage_plan;
        assert.ok(plan && plan.covers.length > 0, ap.text);
        assert.ok(plan.covers.every((c) => c.assistant_id === anna.id && c.principal_id === rein.id), JSON.stringify(plan.covers));
        const acc = await srv.post(`/api/v1/coverage/plans/${plan.id}/accept`, {});
        assert.equal(acc.status, 200, acc.text);

        // Anna asks for days 1–2: the approved absence of Dina overlaps them.
        const abs = await away(srv, anna, 1, 2);
        const im = await srv.getOk(`/api/v1/absences/${abs.id}/impact`);
        // The preview names Rein too: Anna's covers of him fall in her absence.
        const r = im.principals.find((p) => p.principal_id === rein.id);
        assert.ok(r, `Rein is missing from the preview: ${JSON.stringify(im.principals)}`);
        assert.equal(r.caused_slots, 16, 'two days of 8 hours that Anna would have covered');

        const ok = await srv.post(`/api/v1/absences/${abs.id}/approve`, {}, { ifMatch: abs.version });
        assert.equal(ok.status, 200, ok.text);
        const result = ok.json.coverage_plan;
        assert.ok(result, ok.text);
        assert.deepEqual(covers(result.covers), covers(im.covers), 'the covers the preview promised');
        assert.deepEqual(open(result.open_gaps), open(im.open_gaps), 'the gaps the preview said stay open');
        // Rein's 16 hours are planned again (Eero or open), never left to Anna who is away.
        const slots = (l) => l.filter((g) => g.principal_id === rein.id).reduce((n, g) => n + g.slots, 0);
        assert.equal(slots(result.open_gaps) + slots(result.covers), 16);
        assert.ok(result.covers.every((c) => c.assistant_id !== anna.id), JSON.stringify(result.covers));

        // The board agrees: Rein has gaps on those days, not a backup who is away.
        const board = await srv.getOk(`/api/v1/coverage?from=${addDays(DAY, 1)}&to=${addDays(DAY, 2)}&office=${encodeURIComponent(office)}`);
        const row = board.principals.find((p) => p.principal_id === rein.id || p.id === rein.id);
        assert.ok(row, JSON.stringify(board).slice(0, 500));
        assert.ok(JSON.stringify(row).includes('gap'), `Rein's days show no gap: ${JSON.stringify(row)}`);
    });
});
