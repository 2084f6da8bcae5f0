// leave_picklist.test.mjs: "pick another assistant" for a cover (GET
// /coverage/covers/{id}/candidates): who is free and qualified, ranked by the planner's cost,
// with their load that week; the others apart with the reason, in the executive's local time
// and the reader's language.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { personBody, principalBody, unique, useServer } from './lib.mjs';

const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
// A Wednesday well ahead: nothing of the demo planned there.
let DAY = addDays(new Date().toISOString().slice(0, 10), 180);
while (new Date(`${DAY}T12:00:00Z`).getUTCDay() !== 3) DAY = addDays(DAY, 1);
const ZONE = 'Asia/Tokyo'; // UTC+9 all year: local 09:00 is 00:00Z

async function worker(srv, kind, extra = {}) {
    const body = kind === 'principals' ? principalBody({ time_zone: ZONE, ...extra }) : personBody({ time_zone: ZONE, ...extra });
    const p = await srv.create(kind, body);
    for (let wd = 1; wd <= 7; wd++) await srv.create('work-patterns', { person_id: p.id, weekday: wd, start_time: '09:00', end_time: '17:00' });
    return p;
}

describe('pick another assistant', () => {
    const h = useServer();

    test('ranked by the planner\'s cost; the unavailable apart, with the reason in local time', async () => {
        const srv = h.srv;
        const office = unique('Pick office ');
        const skill = await srv.create('skills', { name: unique('Japanese ') });
        const duty = await srv.create('duties', { name: unique('Tokyo desk ') });
        await srv.create('duty-skills', { duty_id: duty.id, skill_id: skill.id, min_level: 3 });
        const piret = await worker(srv, 'principals', { office });
        await srv.create('principal-duties', { principal_id: piret.id, duty_id: duty.id, must_have: true });
        const anna = await worker(srv, 'assistants', { office });
        const dina = await worker(srv, 'assistants', { office }); // designated #1, same office
        const eero = await worker(srv, 'assistants', { office: unique('Elsewhere ') }); // not designated, other office
        const fred = await worker(srv, 'assistants', { office }); // lacks the skill
        const gert = await worker(srv, 'assistants', { office }); // away in the afternoon
        for (const [a, level] of [[anna, 4], [dina, 3], [eero, 5], [fred, 1], [gert, 4]])
            await srv.create('assistant-skills', { assistant_id: a.id, skill_id: skill.id, level });
        await srv.create('assignments', { assistant_id: anna.id, principal_id: piret.id, kind: 'primary', start_date: addDays(DAY, -10) });
        await srv.create('designated-backups', { principal_id: piret.id, assistant_id: dina.id, rank: 1 });
        // Gert is away from 13:00 Tokyo time (04:00Z) that day.
        const g = await srv.create('absences', { person_id: gert.id, kind: 'training', start_at: `${DAY}T04:00:00Z`, end_at: `${DAY}T09:00:00Z` });
        assert.equal((await srv.post(`/api/v1/absences/${g.id}/approve`, {}, { ifMatch: g.version })).status, 200);
        const a = await srv.create('absences', { person_id: anna.id, kind: 'vacation', start_at: `${DAY}T00:00:00Z`, end_at: `${DAY}T08:00:00Z` });
        const ap = await srv.post(`/api/v1/absences/${a.id}/approve`, {}, { ifMatch: a.version });
        assert.equal(ap.status, 200, ap.text);
        const cover = ap.json.coverage_plan.covers.find((c) => c.principal_id === piret.id);
        assert.ok(cover, ap.text);
        assert.equal(cover.assistant_id, dina.id, 'the planner itself picks the designated backup');

        const list = await srv.getOk(`/api/v1/coverage/covers/${cover.id}/candidates`);
        assert.equal(list.principal_id, piret.id);
        assert.equal(list.time_zone, ZONE);
        assert.equal(list.slots, 8);
        const ids = list.candidates.map((x) => x.assistant_id);
        // Dina (designated #1, same office) costs least; Eero (not designated, other office) more.
        assert.ok(ids.indexOf(dina.id) >= 0 && ids.indexOf(eero.id) > ids.indexOf(dina.id), JSON.stringify(list.candidates));
        const d = list.candidates.find((x) => x.assistant_id === dina.id);
        const e = list.candidates.find((x) => x.assistant_id === eero.id);
        assert.equal(d.current, true);
        assert.equal(d.designated_rank, 1);
        assert.ok(e.cost > d.cost);
        assert.ok(e.cost_terms.designation > 0 && e.cost_terms.office > 0, JSON.stringify(e));
        for (let i = 1; i < list.candidates.length; i++) assert.ok(list.candidates[i].cost >= list.candidates[i - 1].cost);
        // Eero supports nobody: no load; Dina holds this cover (8 h) that week.
        assert.equal(e.week_load_hours, 0);
        assert.ok(!ids.includes(fred.id) && !ids.includes(gert.id) && !ids.includes(anna.id));

        const why = Object.fromEntries(list.unavailable.map((x) => [x.assistant_id, x]));
        assert.equal(why[fred.id].why, 'skill');
        assert.match(why[fred.id].reason, /lacks the must-have Japanese .* \(level 1 of 3\)/);
        assert.equal(why[gert.id].why, 'away');
        assert.match(why[gert.id].reason, /is away at \w{3} \d+ \w{3} 13:00$/, 'the time is Tokyo time');
        assert.equal(why[gert.id].at, `${DAY}T04:00:00Z`);
        assert.equal(why[anna.id].why, 'away');
        assert.equal(list.available_count, list.candidates.length);
        assert.deepEqual(why[gert.id].reason_parts, [{ code: 'pick', why: 'away', weekday: 3, day: Number(DAY.slice(8)), month: Number(DAY.slice(5, 7)), minute: 13 * 60 }]);

        // Read by an Estonian browser: the same list, the reasons in Estonian (as plan reasons).
        const et = await srv.req('GET', `/api/v1/coverage/covers/${cover.id}/candidates`, { headers: { 'Accept-Language': 'et-EE,et;q=0.9' } });
        assert.equal(et.status, 200, et.text);
        const whyEt = Object.fromEntries(et.json.unavailable.map((x) => [x.assistant_id, x]));
        assert.deepEqual(et.json.candidates.map((x) => x.assistant_id), ids);
        assert.match(whyEt[fred.id].reason, /^nõutav Japanese .* puudu \(tase 1 \/ 3\)$/);
        assert.match(whyEt[gert.id].reason, /^on eemal: K \d+\. \p{L}+ 13:00$/u, 'Estonian weekday and month, Tokyo time');
        assert.deepEqual(whyEt[gert.id].reason_parts, why[gert.id].reason_parts, 'the same parts, other words');
        // The account's own choice wins over the browser's.
        assert.equal((await srv.req('POST', '/api/v1/me/lang', { json: { lang: 'en' } })).status, 200);
        const en = await srv.req('GET', `/api/v1/coverage/covers/${cover.id}/candidates`, { headers: { 'Accept-Language': 'et' } });
        assert.match(en.json.unavailable.find((x) => x.assistant_id === gert.id).reason, /^is away at Wed /);
        assert.equal((await srv.req('POST', '/api/v1/me/lang', { json: { lang: null } })).status, 200);

        // An unknown cover is 404; a limit out of range 400.
        assert.equal((await srv.get('/api/v1/coverage/covers/987654/candidates')).status, 404);
        assert.equal((await srv.get(`/api/v1/coverage/covers/${cover.id}/candidates?limit=0`)).status, 400);
    });
});
