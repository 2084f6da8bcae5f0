// reasons.test.mjs: the planner's reasons are data (reason_parts) rendered in the reader's
// language (issue 9: the account's choice, else Accept-Language), and a cover says why the
// higher-ranked designated backups were not chosen (issue 16) — an open case only to managers.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { personBody, principalBody, runOk, unique, useServer } from './lib.mjs';

const MANAGER = 'manager@demo.haldus.example';
const ET = { 'Accept-Language': 'et-EE,et;q=0.9,en;q=0.5' };
const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
// A Wednesday well ahead: nothing of the demo planned there.
let DAY = addDays(new Date().toISOString().slice(0, 10), 200);
while (new Date(`${DAY}T12:00:00Z`).getUTCDay() !== 3) DAY = addDays(DAY, 1);

async function worker(srv, kind, extra = {}) {
    const p = await srv.create(kind, kind === 'principals' ? principalBody(extra) : personBody(extra));
    for (let wd = 1; wd <= 7; wd++) await srv.create('work-patterns', { person_id: p.id, weekday: wd, start_time: '09:00', end_time: '17:00' });
    return p;
}

async function approve(srv, person, kind) {
    const a = await srv.create('absences', { person_id: person.id, kind, start_at: `${DAY}T07:00:00Z`, end_at: `${DAY}T15:00:00Z` });
    const r = await srv.post(`/api/v1/absences/${a.id}/approve`, {}, { ifMatch: a.version });
    assert.equal(r.status, 200, r.text);
    return r.json;
}

describe('planner reasons', () => {
    const h = useServer();

    test('a cover by backup #3 says why #1 and #2 were not chosen, in English and Estonian', async () => {
        const srv = h.srv;
        const office = unique('Reasons office ');
        const p = await worker(srv, 'principals', { office });
        const q = await worker(srv, 'principals', { office });
        const anna = await worker(srv, 'assistants', { office });
        const b1 = await worker(srv, 'assistants', { office, capacity: 1 }); // full: Q's primary
        const b2 = await worker(srv, 'assistants', { office }); // away that day
        const b3 = await worker(srv, 'assistants', { office });
        await srv.create('assignments', { assistant_id: anna.id, principal_id: p.id, kind: 'primary', start_date: addDays(DAY, -30) });
        await srv.create('assignments', { assistant_id: b1.id, principal_id: q.id, kind: 'primary', start_date: addDays(DAY, -30) });
        for (const [b, rank] of [[b1, 1], [b2, 2], [b3, 3]])
            await srv.create('designated-backups', { principal_id: p.id, assistant_id: b.id, rank });
        await approve(srv, b2, 'training');
        const plan = (await approve(srv, anna, 'vacation')).coverage_plan;
        const cover = plan.covers.find((c) => c.principal_id === p.id);
        assert.ok(cover, JSON.stringify(plan));
        assert.equal(cover.assistant_id, b3.id);
        // The API's own client (no language chosen, Accept-Language "*"): English.
        assert.match(cover.reason, /^designated backup #3, same office, same time zone/);
        assert.ok(cover.reason.includes(`backup #1 ${b1.name} is at capacity on those days`), cover.reason);
        assert.ok(cover.reason.includes(`backup #2 ${b2.name} is away on those days`), cover.reason);
        const over = cover.reason_parts.filter((x) => x.code === 'passed_over');
        assert.deepEqual(over.map((x) => [x.rank, x.assistant_id, x.why]), [[1, b1.id, 'capacity'], [2, b2.id, 'away']]);

        // The same cover read by an Estonian browser: the same parts, Estonian words.
        const url = `/api/v1/coverage/covers?from=${DAY}&to=${DAY}&limit=500`;
        const et = await srv.req('GET', url, { headers: ET });
        assert.equal(et.status, 200, et.text);
        const c2 = et.json.items.find((c) => c.id === cover.id);
        assert.deepEqual(c2.reason_parts, cover.reason_parts);
        assert.match(c2.reason, /^määratud asendaja nr 3, sama kontor, sama ajavöönd/);
        assert.ok(c2.reason.includes(`asendaja nr 1 ${b1.name} on neil päevadel täielikult hõivatud`), c2.reason);
        assert.ok(c2.reason.includes(`asendaja nr 2 ${b2.name} on neil päevadel eemal`), c2.reason);
        // The board, too.
        const board = await srv.req('GET', `/api/v1/coverage?from=${DAY}&to=${DAY}&department=Testing&limit=500`, { headers: ET });
        assert.equal(board.status, 200, board.text);
        const c3 = board.json.covers.find((c) => c.id === cover.id);
        assert.ok(c3 && /^määratud asendaja nr 3/.test(c3.reason), JSON.stringify(c3));

        // The account's own choice wins over the browser's.
        assert.equal((await srv.req('POST', '/api/v1/me/lang', { json: { lang: 'en' } })).status, 200);
        const en = await srv.req('GET', url, { headers: ET });
        assert.match(en.json.items.find((c) => c.id === cover.id).reason, /^designated backup #3/);
        assert.equal((await srv.req('POST', '/api/v1/me/lang', { json: { lang: null } })).status, 200);

        // An open case between backup #1 and the executive: the manager reads it, others read
        // "not available".
        const tok = /hld_[A-Za-z0-9_-]+/.exec((await runOk(['user', 'token', MANAGER, '--db', srv.db, '--name', 'reasons'])).stdout)[0];
        const mgr = (method, u, opts = {}) => srv.req(method, u, { ...opts, headers: { ...(opts.headers || {}), Authorization: `Bearer ${tok}` } });
        const kase = await mgr('POST', '/api/v1/cases', { json: { category: 'other', parties: [b1.id, p.id] } });
        assert.equal(kase.status, 201, kase.text);
        const again = await mgr('POST', '/api/v1/coverage/plans', { json: { from: DAY, to: DAY } });
        assert.equal(again.status, 201, again.text);
        const mc = again.json.covers.find((c) => c.principal_id === p.id);
        assert.equal(mc.assistant_id, b3.id);
        assert.equal(mc.reason_parts.find((x) => x.rank === 1).why, 'conflict');
        assert.match(mc.reason, /party to an open case|avatud juhtumi osapool/);
        const adm = (await srv.getOk(url)).items.find((c) => c.id === mc.id);
        assert.ok(adm.reason.includes(`backup #1 ${b1.name} is not available`), adm.reason);
        assert.doesNotMatch(JSON.stringify(adm), /case|conflict/);
        assert.equal((await mgr('POST', `/api/v1/cases/${kase.json.id}/close`, { json: { outcome: 'resolved' } })).status, 200);
    });
});
