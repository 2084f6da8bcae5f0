// standin.test.mjs: a stand-in approver who is an assistant lead sees exactly the requests they
// may decide — by get, by list, in the impact preview and the balance — and decides them; one
// rule (the absence's vis.standin) says both, so what they see and what they may decide agree
// (issue 9). A colleague who is not named sees none of it; the preview speaks the reader's
// language.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertError, personBody, principalBody, runOk, unique, useServer } from './lib.mjs';

const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const TODAY = new Date().toISOString().slice(0, 10);
const DAY = addDays(TODAY, 200);

/** An account of role for person, and a function that sends requests with its token. */
async function accountFor(srv, person, role, headers = {}) {
    const login = `${unique(role)}@test.example`;
    const u = await srv.post('/api/v1/users', { login, role, person_id: person.id, password: 'stand-in-password-2026' });
    assert.equal(u.status, 201, u.text);
    const token = /hld_[A-Za-z0-9_-]+/.exec((await runOk(['user', 'token', login, '--db', srv.db, '--name', 'test'])).stdout)[0];
    return (method, url, json, ifMatch) =>
        srv.req(method, url, { json, ifMatch, headers: { ...headers, Authorization: `Bearer ${token}` } });
}

async function worker(srv, kind, extra = {}) {
    const body = kind === 'principals' ? principalBody({ time_zone: 'UTC', ...extra }) : personBody({ time_zone: 'UTC', ...extra });
    const p = await srv.create(kind, body);
    for (let wd = 1; wd <= 7; wd++) await srv.create('work-patterns', { person_id: p.id, weekday: wd, start_time: '09:00', end_time: '17:00' });
    return p;
}

const away = (srv, person, from, days) =>
    srv.create('absences', { person_id: person.id, kind: 'training', start_at: `${addDays(DAY, from)}T00:00:00Z`, end_at: `${addDays(DAY, from + days)}T00:00:00Z` });

describe('a stand-in approver who is an assistant lead', () => {
    const h = useServer();

    test('sees and decides the requests they stand in for, nothing else; a colleague sees none', async () => {
        const srv = h.srv;
        const office = unique('Stand-in office ');
        const boss = await worker(srv, 'assistants', { office });
        const lead = await worker(srv, 'assistants', { office });
        const colleague = await worker(srv, 'assistants', { office });
        const anna = await worker(srv, 'assistants', { office });
        const helen = await worker(srv, 'principals', { office });
        await srv.create('assignments', { assistant_id: anna.id, principal_id: helen.id, kind: 'primary', start_date: addDays(DAY, -10) });
        const asLead = await accountFor(srv, lead, 'assistant');
        const asColleague = await accountFor(srv, colleague, 'assistant');

        const request = await away(srv, anna, 0, 2);
        const decided = await away(srv, anna, 10, 1);
        const done = await srv.post(`/api/v1/absences/${decided.id}/approve`, {}, { ifMatch: decided.version });
        assert.equal(done.status, 200, done.text);
        const own = await away(srv, lead, 20, 1);

        // (The other test of the file runs beside this one: only these people's absences count.)
        const mine = new Set([boss.id, lead.id, colleague.id, anna.id, helen.id]);
        const ids = async (as, q = '') =>
            (await as('GET', `/api/v1/absences?limit=500${q}`)).json.items.filter((a) => mine.has(a.person_id)).map((a) => a.id);
        // Not named yet: the lead sees their own absence only, and cannot preview or decide.
        assert.deepEqual(await ids(asLead), [own.id]);
        assertError(await asLead('GET', `/api/v1/absences/${request.id}`), 404, 'not_found');
        assertError(await asLead('GET', `/api/v1/absences/${request.id}/impact`), 403, 'forbidden');

        await srv.create('approval-standins', { manager_id: boss.id, standin_id: lead.id, from_date: addDays(TODAY, -1), to_date: addDays(TODAY, 3), note: 'away' });

        // Named for today: the requested absence of another person, not the decided one.
        assert.deepEqual((await ids(asLead)).sort((a, b) => a - b), [request.id, own.id].sort((a, b) => a - b));
        assert.deepEqual(await ids(asLead, '&status=requested&person_id=' + anna.id), [request.id]);
        assert.equal((await asLead('GET', `/api/v1/absences/${request.id}`)).status, 200);
        assertError(await asLead('GET', `/api/v1/absences/${decided.id}`), 404, 'not_found');
        // Whose request it is (their name and time zone for the dates), and no one else.
        assert.equal((await asLead('GET', `/api/v1/people/${anna.id}`)).json.name, anna.name);
        assertError(await asLead('GET', `/api/v1/people/${colleague.id}`), 404, 'not_found');
        // With what they need to decide it: the impact preview and the balance after it.
        const im = await asLead('GET', `/api/v1/absences/${request.id}/impact`);
        assert.equal(im.status, 200, im.text);
        assert.equal(im.json.absence_id, request.id);
        assert.ok(im.json.principals.some((p) => p.principal_id === helen.id), im.text);
        const bal = await asLead('GET', `/api/v1/leave/balance?absence_id=${request.id}`);
        assert.equal(bal.status, 200, bal.text);
        assert.equal(bal.json.person_id, anna.id);
        // Not the preview of a decided absence, nor their own.
        assertError(await asLead('GET', `/api/v1/absences/${decided.id}/impact`), 403, 'forbidden');
        assertError(await asLead('GET', `/api/v1/absences/${own.id}/impact`), 403, 'forbidden');

        // A colleague who is not named sees none of it.
        assert.deepEqual(await ids(asColleague), []);
        assertError(await asColleague('GET', `/api/v1/absences/${request.id}`), 404, 'not_found');
        assertError(await asColleague('GET', `/api/v1/people/${anna.id}`), 404, 'not_found');
        assertError(await asColleague('GET', `/api/v1/absences/${request.id}/impact`), 403, 'forbidden');
        assertError(await asColleague('POST', `/api/v1/absences/${request.id}/approve`, {}, request.version), 404, 'not_found');

        // The lead approves it on the manager's behalf; it is decided, so it leaves their view.
        const ok = await asLead('POST', `/api/v1/absences/${request.id}/approve`, {}, request.version);
        assert.equal(ok.status, 200, ok.text);
        assert.equal(ok.json.status, 'approved');
        assert.equal(ok.json.decided_by, lead.id);
        assert.equal(ok.json.decided_for, boss.id);
        assert.ok('coverage_plan' in ok.json, ok.text);
        assert.deepEqual(await ids(asLead), [own.id]);
        assertError(await asLead('GET', `/api/v1/people/${anna.id}`), 404, 'not_found');
        // What they cannot see they cannot decide either, and their own stays the manager's.
        const later = await srv.getOk(`/api/v1/absences/${decided.id}`);
        assertError(await asLead('POST', `/api/v1/absences/${decided.id}/cancel`, {}, later.version), 404, 'not_found');
        assertError(await asLead('POST', `/api/v1/absences/${own.id}/approve`, {}, own.version), 403, 'forbidden');
        assert.equal((await srv.getOk(`/api/v1/absences/${own.id}`)).status, 'requested');
    });

    test('the preview names the released covers in the reader’s language', async () => {
        const srv = h.srv;
        const office = unique('Lang office ');
        const anna = await worker(srv, 'assistants', { office });
        const kadri = await worker(srv, 'assistants', { office, capacity: 3 });
        const helen = await worker(srv, 'principals', { office, name: 'Helen Koppel' });
        await srv.create('assignments', { assistant_id: anna.id, principal_id: helen.id, kind: 'primary', start_date: addDays(DAY, -10) });
        await srv.create('designated-backups', { principal_id: helen.id, assistant_id: kadri.id, rank: 1 });
        const annaOff = await away(srv, anna, 30, 4);
        const a = await srv.post(`/api/v1/absences/${annaOff.id}/approve`, {}, { ifMatch: annaOff.version });
        assert.equal(a.status, 200, a.text);
        assert.equal((await srv.post(`/api/v1/coverage/plans/${a.json.coverage_plan.id}/accept`, {})).status, 200);
        const kadriOff = await away(srv, kadri, 31, 2);
        const first = addDays(DAY, 31), last = addDays(DAY, 32);
        const [d0, d1] = [Number(first.slice(8)), Number(last.slice(8))];
        const m = Number(last.slice(5, 7)) - 1;
        const en = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m];
        const et = ['jaan', 'veebr', 'märts', 'apr', 'mai', 'juuni', 'juuli', 'aug', 'sept', 'okt', 'nov', 'dets'][m];
        const sameMonth = first.slice(0, 7) === last.slice(0, 7);

        const inEt = await srv.req('GET', `/api/v1/absences/${kadriOff.id}/impact`, { headers: { 'Accept-Language': 'et-EE,et;q=0.9' } });
        assert.equal(inEt.status, 200, inEt.text);
        const ne = inEt.json.own_covers_released;
        assert.equal(ne.length, 1, inEt.text);
        const n = ne[0].cover_ids.length;
        assert.ok(n >= 1);
        const countEt = n === 1 ? 'asendus' : `${n} asendust`;
        if (sameMonth) assert.equal(ne[0].message, `${kadri.name}: ${countEt} (Helen Koppel, ${d0}.–${d1}. ${et}) vabastatakse ja planeeritakse uuesti`);
        else assert.match(ne[0].message, new RegExp(`^${kadri.name}: ${countEt} \\(Helen Koppel, .+\\) vabastatakse ja planeeritakse uuesti$`));

        const inEn = await srv.req('GET', `/api/v1/absences/${kadriOff.id}/impact`, { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } });
        const nn = inEn.json.own_covers_released[0];
        const countEn = n === 1 ? '1 cover for Helen Koppel on' : `${n} covers for Helen Koppel on`;
        const verb = n === 1 ? 'is' : 'are';
        if (sameMonth) assert.equal(nn.message, `${kadri.name}'s ${countEn} ${d0}–${d1} ${en} ${verb} released and re-planned`);
        else assert.match(nn.message, new RegExp(`^${kadri.name}'s ${countEn} .+ ${verb} released and re-planned$`));
        // The data beside the sentence is the same in both languages.
        assert.deepEqual({ ...nn, message: '' }, { ...ne[0], message: '' });
    });
});
