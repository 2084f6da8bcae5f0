// review.test.mjs: what a code review found, kept found: time-zone names that are paths, a
// principal seeing their assistant's other principals through assignments, a what-if that
// saved a plan, overlapping working hours counted twice, concurrent wrong passwords slipping
// under the throttle, the per-address throttle behind a proxy, accepting a plan in parts.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runOk, useServer } from './lib.mjs';

const PASSWORD = 'haldus-demo-2026';
const MANAGER = 'manager@demo.haldus.example';

async function cliToken(db, login) {
    const r = await runOk(['user', 'token', login, '--db', db, '--name', 'review tests']);
    return /hld_[A-Za-z0-9_-]+/.exec(r.stdout)[0];
}

const signIn = (srv, login, password, headers = {}) =>
    srv.req('POST', '/api/v1/session', { json: { login, password }, auth: false, headers });

describe('review findings', () => {
    const h = useServer();

    test('a time-zone name that is a path is refused at once (400), and the server stays up', async () => {
        const srv = h.srv;
        for (const z of ['../../../dev/ptmx', './Europe/Tallinn', 'Europe//Tallinn', '/etc/passwd']) {
            const r = await srv.get(`/api/v1/people?time_zone=${encodeURIComponent(z)}`, { timeout: 5000 });
            assert.equal(r.status, 400, `${z}: ${r.text}`);
        }
        assert.equal((await srv.get('/healthz')).status, 200);
        assert.equal((await srv.get('/api/v1/people?time_zone=Europe/Tallinn&limit=1')).status, 200);
    });

    test("a principal sees only their own assignments and designated backups, not their assistant's other principals", async () => {
        const srv = h.srv;
        const kadri = (await srv.getOk('/api/v1/assistants?q=Kadri%20Tamm')).items[0];
        const execs = (await srv.getOk(`/api/v1/assistants/${kadri.id}/principals`)).principals;
        assert.equal(execs.length, 2);
        const me = await srv.getOk(`/api/v1/principals/${execs[0].principal_id}`);
        const token = await cliToken(srv.db, me.email);
        const as = (url) => srv.req('GET', url, { headers: { Authorization: `Bearer ${token}` } });
        for (const coll of ['assignments', 'designated-backups']) {
            const r = await as(`/api/v1/${coll}?limit=500`);
            assert.equal(r.status, 200, r.text);
            assert.ok(r.json.items.length > 0, `${coll}: their own are there`);
            for (const row of r.json.items) assert.equal(row.principal_id, me.id, `${coll}: ${JSON.stringify(row)}`);
        }
    });

    test('the impact of an approved absence saves nothing either', async () => {
        const srv = h.srv;
        const abs = (await srv.getOk('/api/v1/absences?status=approved&limit=1')).items[0];
        const plans0 = (await srv.getOk('/api/v1/audit?entity=coverage%20plan&limit=500')).items.length;
        const audit0 = (await srv.getOk('/api/v1/audit?limit=1')).items[0].id;
        const r = await srv.get(`/api/v1/absences/${abs.id}/impact`);
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.status, 'approved');
        assert.equal((await srv.getOk('/api/v1/audit?entity=coverage%20plan&limit=500')).items.length, plans0);
        assert.equal((await srv.getOk('/api/v1/audit?limit=1')).items[0].id, audit0);
    });

    test("overlapping working hours are one span: on the board, a day's slots are counted once", async () => {
        const srv = h.srv;
        const p = await srv.create('principals', {
            name: 'Overlap Test', email: `overlap-${Date.now()}@example.org`, time_zone: 'UTC',
            office: 'Tallinn', department: 'Legal' });
        // Monday 09:00–17:00 and 12:00–18:00: nine hours, not fourteen.
        await srv.create('work-patterns', { person_id: p.id, weekday: 1, start_time: '09:00', end_time: '17:00' });
        await srv.create('work-patterns', { person_id: p.id, weekday: 1, start_time: '12:00', end_time: '18:00' });
        const monday = '2027-03-01';
        const b = await srv.getOk(`/api/v1/coverage?from=${monday}&to=${monday}`);
        const row = b.principals.find((x) => x.id === p.id);
        assert.equal(row.days[0].slots, 9, JSON.stringify(row.days[0]));
        const gaps = b.gaps.filter((g) => g.principal_id === p.id);
        assert.deepEqual(gaps.map((g) => [g.start_at, g.end_at]), [['2027-03-01T09:00:00Z', '2027-03-01T18:00:00Z']]);
    });

    test('wrong passwords sent at once cannot slip under the throttle', async () => {
        const srv = h.srv;
        const login = `nobody-${Date.now()}@example.org`;
        const answers = await Promise.all(Array.from({ length: 30 }, () => signIn(srv, login, 'wrong password here')));
        const wrong = answers.filter((r) => r.status === 401).length;
        const throttled = answers.filter((r) => r.status === 429).length;
        assert.equal(wrong + throttled, 30);
        assert.ok(wrong <= 5, `${wrong} wrong passwords were tried; at most 5 may be before the first wait`);
    });

    test('accepting a plan in parts: the rest stays acceptable', async () => {
        const srv = h.srv;
        const from = new Date(Date.now() + 86400e3).toISOString().slice(0, 10);
        const to = new Date(Date.now() + 21 * 86400e3).toISOString().slice(0, 10);
        const plan = (await srv.post('/api/v1/coverage/plans', { from, to })).json;
        assert.ok(plan.covers.length >= 2, 'the plan has covers to split');
        const [first, ...rest] = plan.covers.map((c) => c.id);
        const a = await srv.post(`/api/v1/coverage/plans/${plan.id}/accept`, { cover_ids: [first] });
        assert.equal(a.status, 200, a.text);
        const b = await srv.post(`/api/v1/coverage/plans/${plan.id}/accept`, { cover_ids: rest });
        assert.equal(b.status, 200, b.text);
        assert.equal(b.json.accepted, rest.length);
    });
});

describe('behind a TLS proxy', () => {
    const h = useServer({ serveArgs: ['--behind-tls'] });

    test("the client's address comes from X-Forwarded-For: one address's failures do not lock out another", async () => {
        const srv = h.srv;
        const from = (ip) => ({ 'X-Forwarded-For': `203.0.113.9, ${ip}` });
        for (let i = 0; i < 22; i++) await signIn(srv, `guess${i}@example.org`, 'wrong password here', from('198.51.100.7'));
        const blocked = await signIn(srv, MANAGER, PASSWORD, from('198.51.100.7'));
        assert.equal(blocked.status, 429, blocked.text);
        const other = await signIn(srv, MANAGER, PASSWORD, from('192.0.2.44'));
        assert.equal(other.status, 201, other.text);
        assert.match(other.headers.get('strict-transport-security') || '', /max-age=/);
    });
});
