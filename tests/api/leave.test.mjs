// leave.test.mjs: leave balances as a table (monthly and yearly accrual, carry-over and its
// expiry, half days, holidays not counted), the manager's override below zero, and the stand-in
// approver whose approval the audit log records on the away manager's behalf (issue 9).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertError, personBody, runOk, unique, useServer } from './lib.mjs';

async function assistantIn(srv, office) {
    return srv.create('assistants', personBody({ office, time_zone: 'UTC' }));
}

const BALANCE_TABLE = [
    // name, policy {days, accrual}, entitlement {carry_over_days, carry_over_expires}, booked
    // absences [start, end], the request [start, end], what the answer must hold.
    {
        name: 'monthly accrual: four months begun by 10 April give 28 × 4/12 = 9⅓, so 9',
        policy: { days: 28, accrual: 'monthly' },
        request: ['2031-04-10T00:00:00Z', '2031-04-11T00:00:00Z'],
        want: { accrued: 9, used: 0, balance: 9, request: { days: 1, balance_after: 8 } },
    },
    {
        name: 'yearly accrual: the whole entitlement on 1 January',
        policy: { days: 28, accrual: 'yearly' },
        request: ['2031-01-05T00:00:00Z', '2031-01-08T00:00:00Z'],
        want: { accrued: 28, balance: 28, request: { days: 3, balance_after: 25 } },
    },
    {
        name: 'no policy: vacation is 28 days a year (Estonia)',
        request: ['2031-06-01T00:00:00Z', '2031-06-02T00:00:00Z'],
        want: { entitlement: 28, accrued: 28, request: { days: 1, balance_after: 27 } },
    },
    {
        name: 'carry-over before its expiry is used first',
        policy: { days: 24, accrual: 'monthly' },
        entitlement: { carry_over_days: 5, carry_over_expires: '2031-03-31' },
        request: ['2031-03-20T00:00:00Z', '2031-03-23T00:00:00Z'],
        want: { accrued: 6, carry_over_left: 5, balance: 11, request: { days: 3, balance_after: 8 } },
    },
    {
        name: 'carry-over expires: what was not used by 31 March is gone',
        policy: { days: 24, accrual: 'monthly' },
        entitlement: { carry_over_days: 5, carry_over_expires: '2031-03-31' },
        booked: [['2031-03-02T00:00:00Z', '2031-03-04T00:00:00Z']],
        request: ['2031-04-10T00:00:00Z', '2031-04-11T00:00:00Z'],
        want: {
            accrued: 8,
            used: 2,
            carry_over_used: 2,
            carry_over_left: 0,
            carry_over_expired: 3,
            balance: 8,
            request: { days: 1, balance_after: 7 },
        },
    },
    {
        name: 'a morning is half a day, and its hours are given',
        policy: { days: 28, accrual: 'yearly' },
        request: ['2031-05-05T09:00:00Z', '2031-05-05T12:00:00Z'],
        want: { request: { days: 0.5, hours: 3, balance_after: 27.5 } },
    },
    {
        name: 'an afternoon and the next early morning: a whole day and a half',
        policy: { days: 28, accrual: 'yearly' },
        request: ['2031-05-05T13:00:00Z', '2031-05-06T03:00:00Z'],
        want: { request: { days: 1.5, hours: 14, balance_after: 26.5 } },
    },
    {
        name: 'public holidays are not counted (Estonia: 24–26 December)',
        policy: { days: 28, accrual: 'yearly' },
        calendar: 'EE',
        request: ['2031-12-23T00:00:00Z', '2031-12-28T00:00:00Z'],
        want: { request: { days: 2, balance_after: 26 } },
    },
    {
        name: 'booked requests count against the balance too',
        policy: { days: 10, accrual: 'yearly' },
        booked: [['2031-02-02T00:00:00Z', '2031-02-09T00:00:00Z']],
        request: ['2031-08-01T00:00:00Z', '2031-08-05T00:00:00Z'],
        want: { used: 7, balance: 3, request: { days: 4, balance_after: -1, below_zero: true } },
    },
];

/** Fails unless every key of want is in got with the same value (nested objects too). */
function assertHas(got, want, where) {
    for (const [k, v] of Object.entries(want)) {
        if (v && typeof v === 'object') assertHas(got[k] || {}, v, `${where}.${k}`);
        else assert.equal(got[k], v, `${where}.${k}: ${JSON.stringify(got)}`);
    }
}

describe('leave balances', () => {
    const h = useServer();

    for (const row of BALANCE_TABLE) {
        test(row.name, async () => {
            const srv = h.srv;
            const office = unique('Leave office ');
            const a = await assistantIn(srv, office);
            if (row.policy) await srv.create('leave-policies', { office, kind: 'vacation', ...row.policy });
            if (row.calendar) await srv.create('office-calendars', { office, country: row.calendar });
            if (row.entitlement) await srv.create('leave-entitlements', { person_id: a.id, kind: 'vacation', year: 2031, ...row.entitlement });
            for (const [s, e] of row.booked || []) await srv.create('absences', { person_id: a.id, kind: 'vacation', start_at: s, end_at: e });
            const [s, e] = row.request;
            const q = `person_id=${a.id}&kind=vacation&start_at=${encodeURIComponent(s)}&end_at=${encodeURIComponent(e)}`;
            const b = await srv.getOk(`/api/v1/leave/balance?${q}`);
            assert.equal(b.tracked, true);
            assert.equal(b.year, 2031);
            assertHas(b, row.want, 'balance');
            // The same request, made: its balance by absence_id is the same answer.
            const abs = await srv.create('absences', { person_id: a.id, kind: 'vacation', start_at: s, end_at: e });
            const again = await srv.getOk(`/api/v1/leave/balance?absence_id=${abs.id}`);
            assert.deepEqual(again.request, b.request);
            assert.equal(again.balance, b.balance);
        });
    }

    test('a kind without a policy keeps no balance; bad queries are 400', async () => {
        const srv = h.srv;
        const a = await assistantIn(srv, unique('Leave office '));
        const b = await srv.getOk(`/api/v1/leave/balance?person_id=${a.id}&kind=sick&start_at=2031-01-05T00:00:00Z&end_at=2031-01-07T00:00:00Z`);
        assert.equal(b.tracked, false);
        assert.equal(b.balance, undefined);
        assert.equal(b.request.days, 2);
        for (const [q, field] of [
            ['kind=holiday', 'kind'],
            ['start_at=tomorrow', 'start_at'],
            ['start_at=2031-01-05T00:00:00Z&end_at=2031-01-04T00:00:00Z', 'end_at'],
            ['year=1999', 'year'],
        ]) {
            const r = await srv.get(`/api/v1/leave/balance?person_id=${a.id}&${q}`);
            assert.equal(r.status, 400, `${q}: ${r.text}`);
            assert.equal(r.json.error.field, field, r.text);
        }
        const r = await srv.get('/api/v1/leave/balance?person_id=987654');
        assert.equal(r.status, 404, r.text);
        // start_at alone is one day from it.
        const one = await srv.getOk(`/api/v1/leave/balance?person_id=${a.id}&start_at=2031-01-05T00:00:00Z`);
        assert.equal(one.request.days, 1);
    });

    test('approving below zero needs the override; without it nothing changes', async () => {
        const srv = h.srv;
        const office = unique('Leave office ');
        const a = await assistantIn(srv, office);
        await srv.create('leave-policies', { office, kind: 'vacation', days: 2, accrual: 'yearly' });
        const abs = await srv.create('absences', { person_id: a.id, kind: 'vacation', start_at: '2031-03-02T00:00:00Z', end_at: '2031-03-05T00:00:00Z' });
        const audit = await srv.auditState();
        const no = await srv.post(`/api/v1/absences/${abs.id}/approve`, {}, { ifMatch: abs.version });
        assert.equal(no.status, 409, no.text);
        assert.equal(no.json.error.code, 'leave_balance');
        assert.equal(no.json.error.field, 'override');
        assert.match(no.json.error.message, /-1\.0 days/);
        assert.deepEqual(await srv.auditState(), audit, 'a refused approval wrote to the audit log');
        assert.equal((await srv.getOk(`/api/v1/absences/${abs.id}`)).status, 'requested');
        // A stale If-Match is still answered as stale, not as the balance.
        const stale = await srv.post(`/api/v1/absences/${abs.id}/approve`, {}, { ifMatch: abs.version + 5 });
        assert.equal(stale.status, 412, stale.text);

        const yes = await srv.post(`/api/v1/absences/${abs.id}/approve`, { override: true, note: 'agreed' }, { ifMatch: abs.version });
        assert.equal(yes.status, 200, yes.text);
        assert.equal(yes.json.status, 'approved');
        assert.equal(yes.json.balance_override, true);
        const bal = await srv.getOk(`/api/v1/leave/balance?person_id=${a.id}&year=2031`);
        assert.equal(bal.balance, -1);
    });

    test('a stand-in approver: the audit log says who approved on whose behalf', async () => {
        const srv = h.srv;
        const office = unique('Leave office ');
        const boss = await assistantIn(srv, office);
        const maris = await assistantIn(srv, office);
        const login = `${unique('maris')}@test.example`;
        const u = await srv.post('/api/v1/users', { login, role: 'manager', person_id: maris.id, password: 'stand-in-password-2026' });
        assert.equal(u.status, 201, u.text);
        const r = await runOk(['user', 'token', login, '--db', srv.db, '--name', 'stand-in']);
        const token = /hld_[A-Za-z0-9_-]+/.exec(r.stdout)[0];
        const asMaris = (method, url, json, ifMatch) =>
            srv.req(method, url, { json, ifMatch, headers: { Authorization: `Bearer ${token}` } });
        const today = new Date().toISOString().slice(0, 10);
        const later = new Date(Date.now() + 5 * 86400e3).toISOString().slice(0, 10);

        // Without a stand-in row Maris approves in her own name.
        const a = await assistantIn(srv, office);
        const abs1 = await srv.create('absences', { person_id: a.id, kind: 'training', start_at: '2031-05-02T00:00:00Z', end_at: '2031-05-03T00:00:00Z' });
        const own = await asMaris('POST', `/api/v1/absences/${abs1.id}/approve`, {}, abs1.version);
        assert.equal(own.status, 200, own.text);
        assert.equal(own.json.decided_by, maris.id);
        assert.equal(own.json.decided_for, null);

        const st = await srv.create('approval-standins', { manager_id: boss.id, standin_id: maris.id, from_date: today, to_date: later, note: 'away' });
        assert.equal(st.standin_id, maris.id);
        const bad = await srv.post('/api/v1/approval-standins', { manager_id: boss.id, standin_id: boss.id, from_date: today, to_date: later });
        assert.equal(bad.status, 422, bad.text);
        assert.equal(bad.json.error.field, 'standin_id');

        const abs2 = await srv.create('absences', { person_id: a.id, kind: 'training', start_at: '2031-05-06T00:00:00Z', end_at: '2031-05-07T00:00:00Z' });
        const rej = await asMaris('POST', `/api/v1/absences/${abs2.id}/reject`, { note: 'not that week' }, abs2.version);
        assert.equal(rej.status, 200, rej.text);
        assert.equal(rej.json.decided_by, maris.id);
        assert.equal(rej.json.decided_for, boss.id);
        const log = await srv.getOk(`/api/v1/audit?entity=absence&entity_id=${abs2.id}`);
        const row = log.items.find((x) => x.action === 'reject');
        assert.ok(row, JSON.stringify(log.items));
        assert.equal(row.actor, login);
        assert.equal(row.after.decided_by, maris.id);
        assert.equal(row.after.decided_for, boss.id);
    });

    test('an assistant lead as stand-in approver: decides while named, not before, not after, not their own', async () => {
        const srv = h.srv;
        const office = unique('Lead office ');
        const boss = await assistantIn(srv, office);
        const lead = await assistantIn(srv, office);
        const login = `${unique('lead')}@test.example`;
        const u = await srv.post('/api/v1/users', { login, role: 'assistant', person_id: lead.id, password: 'assistant-lead-password-2026' });
        assert.equal(u.status, 201, u.text);
        const token = /hld_[A-Za-z0-9_-]+/.exec((await runOk(['user', 'token', login, '--db', srv.db, '--name', 'lead'])).stdout)[0];
        const asLead = (method, url, json, ifMatch) =>
            srv.req(method, url, { json, ifMatch, headers: { Authorization: `Bearer ${token}` } });
        const day = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);
        const a = await assistantIn(srv, office);
        const abs1 = await srv.create('absences', { person_id: a.id, kind: 'training', start_at: '2031-06-02T00:00:00Z', end_at: '2031-06-03T00:00:00Z' });
        // Not named: to an assistant a colleague's absence is not theirs to see, let alone decide.
        assertError(await asLead('POST', `/api/v1/absences/${abs1.id}/approve`, {}, abs1.version), 404, 'not_found');
        // Named for days that are over: still not.
        const past = await srv.create('approval-standins', { manager_id: boss.id, standin_id: lead.id, from_date: day(-10), to_date: day(-5) });
        assertError(await asLead('POST', `/api/v1/absences/${abs1.id}/approve`, {}, abs1.version), 404, 'not_found');
        assert.equal((await srv.getOk(`/api/v1/absences/${abs1.id}`)).status, 'requested');
        // Named for today: approves on the manager's behalf, and the audit says so.
        await srv.create('approval-standins', { manager_id: boss.id, standin_id: lead.id, from_date: day(-1), to_date: day(3), note: 'away' });
        const ok = await asLead('POST', `/api/v1/absences/${abs1.id}/approve`, {}, abs1.version);
        assert.equal(ok.status, 200, ok.text);
        assert.equal(ok.json.status, 'approved');
        assert.equal(ok.json.decided_by, lead.id);
        assert.equal(ok.json.decided_for, boss.id);
        const row = (await srv.getOk(`/api/v1/audit?entity=absence&entity_id=${abs1.id}`)).items.find((x) => x.action === 'approve');
        assert.equal(row.actor, login);
        assert.equal(row.after.decided_for, boss.id);
        // A stand-in does not decide their own leave.
        const mine = await srv.create('absences', { person_id: lead.id, kind: 'training', start_at: '2031-06-09T00:00:00Z', end_at: '2031-06-10T00:00:00Z' });
        assertError(await asLead('POST', `/api/v1/absences/${mine.id}/approve`, {}, mine.version), 403, 'forbidden');
        assert.equal((await srv.getOk(`/api/v1/absences/${mine.id}`)).status, 'requested');
        assert.ok(past.id > 0);
    });
});
