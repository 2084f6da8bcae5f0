// absence_rules.test.mjs: leave refusals (issue 9). Overlapping absences of the same person are
// refused with 409 overlap naming the clash (requested and approved ones count, rejected and
// cancelled do not), on create and on update; an absence starting before today needs a manager.
// A refused request changes nothing.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertError, localMidnight, personBody, runOk, todayIn, useServer } from './lib.mjs';

const ASSISTANT = 'kadri.tamm@demo.haldus.example'; // the demo's case assistant

const DAY = 86400 * 1000;
/** Midnight UTC `days` days from today, as RFC 3339. */
function at(days, hours = 0) {
    const t = Math.floor(Date.now() / DAY) * DAY + days * DAY + hours * 3600 * 1000;
    return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

describe('absence refusals', () => {
    const h = useServer();
    let as; // request options of the assistant
    let me; // her person id
    // Far beyond the demo's absences (they reach about a year ahead).
    const D = 1000;

    before(async () => {
        const r = await runOk(['user', 'token', ASSISTANT, '--db', h.srv.db, '--name', 'absence tests']);
        as = { headers: { Authorization: `Bearer ${/hld_[A-Za-z0-9_-]+/.exec(r.stdout)[0]}` } };
        me = (await h.srv.get('/api/v1/me', as)).json.account.person_id;
        assert.ok(me > 0);
    });

    async function mine(from, to) {
        const r = await h.srv.get(
            `/api/v1/absences?person_id=${me}&from=${at(from)}&to=${at(to)}&limit=500`,
        );
        assert.equal(r.status, 200, r.text);
        return r.json.items;
    }

    async function request(start, end, opts = as, person = me, kind = 'vacation') {
        return h.srv.req('POST', '/api/v1/absences', {
            ...opts,
            json: { person_id: person, kind, start_at: at(start), end_at: at(end) },
        });
    }

    test('an overlapping request is refused, naming the clash, and nothing is stored', async () => {
        const a = await request(D, D + 3);
        assert.equal(a.status, 201, a.text);
        const before = await mine(D - 5, D + 10);
        const r = await request(D + 2, D + 5);
        const e = assertError(r, 409, 'overlap', 'start_at');
        assert.match(e.message, new RegExp(`absence ${a.json.id}\\b`));
        assert.ok(e.message.includes('vacation') && e.message.includes('requested'), e.message);
        assert.ok(e.message.includes(at(D)) && e.message.includes(at(D + 3)), e.message);
        assert.deepEqual(await mine(D - 5, D + 10), before);
        // one inside the other, and one around it, clash too; by the manager as well
        assertError(await request(D + 1, D + 2), 409, 'overlap', 'start_at');
        assertError(await request(D - 1, D + 4, {}), 409, 'overlap', 'start_at');
        const hour = await h.srv.req('POST', '/api/v1/absences', {
            ...as,
            json: { person_id: me, kind: 'sick', start_at: at(D + 2, 23), end_at: at(D + 4) },
        });
        assertError(hour, 409, 'overlap', 'start_at');
        assert.deepEqual(await mine(D - 5, D + 10), before);
        // back to back is no overlap
        const next = await request(D + 3, D + 4);
        assert.equal(next.status, 201, next.text);
        const prev = await request(D - 2, D);
        assert.equal(prev.status, 201, prev.text);
    });

    test('approved absences count; rejected and cancelled ones do not', async () => {
        const a = await request(D + 20, D + 25);
        assert.equal(a.status, 201, a.text);
        const ok = await h.srv.post(`/api/v1/absences/${a.json.id}/approve`, {});
        assert.equal(ok.status, 200, ok.text);
        const e = assertError(await request(D + 24, D + 26), 409, 'overlap', 'start_at');
        assert.match(e.message, new RegExp(`absence ${a.json.id} \\(vacation, approved`));

        const b = await request(D + 40, D + 42);
        assert.equal(b.status, 201, b.text);
        assertError(await request(D + 41, D + 43), 409, 'overlap');
        const rej = await h.srv.post(`/api/v1/absences/${b.json.id}/reject`, {});
        assert.equal(rej.status, 200, rej.text);
        const c = await request(D + 41, D + 43);
        assert.equal(c.status, 201, `over a rejected one: ${c.text}`);
        const can = await h.srv.req('POST', `/api/v1/absences/${c.json.id}/cancel`, { ...as, json: {} });
        assert.equal(can.status, 200, can.text);
        const d = await request(D + 40, D + 44);
        assert.equal(d.status, 201, `over a cancelled one: ${d.text}`);
        // cancelling the approved one frees its days
        const can2 = await h.srv.post(`/api/v1/absences/${a.json.id}/cancel`, {});
        assert.equal(can2.status, 200, can2.text);
        const f = await request(D + 24, D + 26);
        assert.equal(f.status, 201, f.text);
    });

    test('another person may be away on the same days', async () => {
        const other = await h.srv.create('assistants', personBody());
        const a = await request(D + 60, D + 62, {}, other.id);
        assert.equal(a.status, 201, a.text);
        const b = await request(D + 60, D + 62);
        assert.equal(b.status, 201, b.text);
    });

    test('an edit that makes an overlap is refused and changes nothing', async () => {
        const a = await request(D + 80, D + 82);
        const b = await request(D + 83, D + 85);
        assert.equal(a.status, 201, a.text);
        assert.equal(b.status, 201, b.text);
        const r = await h.srv.req('PATCH', `/api/v1/absences/${b.json.id}`, {
            ...as,
            json: { start_at: at(D + 81), note: 'moved' },
            ifMatch: b.json.version,
        });
        const e = assertError(r, 409, 'overlap', 'start_at');
        assert.match(e.message, new RegExp(`absence ${a.json.id}\\b`));
        const g = await h.srv.get(`/api/v1/absences/${b.json.id}`);
        assert.deepEqual(g.json, b.json, 'the refused edit changed the record');
        // moving within its own days, or next to the other, is fine: it never clashes with itself
        const ok = await h.srv.req('PATCH', `/api/v1/absences/${b.json.id}`, {
            ...as,
            json: { start_at: at(D + 82), end_at: at(D + 86) },
            ifMatch: b.json.version,
        });
        assert.equal(ok.status, 200, ok.text);
    });

    test('an absence starting before today needs a manager', async () => {
        const before = await mine(-10, 0);
        const r = await request(-3, 2);
        const e = assertError(r, 403, 'forbidden', 'start_at');
        assert.match(e.message, /before today/);
        assert.match(e.message, /manager/);
        assertError(await request(-1, -0.5), 403, 'forbidden', 'start_at');
        assert.deepEqual(await mine(-10, 0), before, 'the refused request was stored');
        // today is not in the past: her today, from her own midnight (Tallinn's is 22:00 UTC)
        const zone = (await h.srv.getOk(`/api/v1/people/${me}`)).time_zone;
        const midnight = localMidnight(todayIn(zone), zone);
        const hour = (t, n) => new Date(Date.parse(t) + n * 3600e3).toISOString().replace(/\.\d{3}Z$/, 'Z');
        const late = await h.srv.req('POST', '/api/v1/absences', { ...as, json: { person_id: me, kind: 'sick', start_at: hour(midnight, -1), end_at: hour(midnight, 6) } });
        const e2 = assertError(late, 403, 'forbidden', 'start_at');
        assert.ok(e2.message.includes(todayIn(zone)) && e2.message.includes(zone), e2.message);
        const today = await h.srv.req('POST', '/api/v1/absences', { ...as, json: { person_id: me, kind: 'sick', start_at: midnight, end_at: hour(midnight, 6) } });
        assert.equal(today.status, 201, today.text);
        // an assistant cannot move her request into the past either
        const fut = await request(D + 100, D + 101);
        assert.equal(fut.status, 201, fut.text);
        const mv = await h.srv.req('PATCH', `/api/v1/absences/${fut.json.id}`, {
            ...as,
            json: { start_at: at(-400), end_at: at(-399) },
            ifMatch: fut.json.version,
        });
        assertError(mv, 403, 'forbidden', 'start_at');
        assert.deepEqual((await h.srv.get(`/api/v1/absences/${fut.json.id}`)).json, fut.json);
        // a manager records it (the overlap rule still applies to them)
        const m = await request(-400, -399, {});
        assert.equal(m.status, 201, m.text);
        assertError(await request(-400, -398, {}), 409, 'overlap', 'start_at');
    });
});
