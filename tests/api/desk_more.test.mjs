// desk_more.test.mjs: the rest of the desk work (issue 10) over HTTP — a recurring task's
// status per occurrence (done for this Monday without closing the series, shown by the week
// plan and my day), and recent callers by their own query (distinct, by prefix, limited, past
// thousands of newer messages, only what the caller may see).

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertError, personBody, principalBody, run, runOk, unique, useServer } from './lib.mjs';

const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
// A Monday far enough ahead that nothing of the demo is planned there.
const base = addDays(new Date().toISOString().slice(0, 10), 150);
const MON = addDays(base, (8 - new Date(`${base}T00:00:00Z`).getUTCDay()) % 7 || 7);
const at = (day, hh) => `${day}T${hh}:00:00Z`;

describe('desk work, the rest', () => {
    const h = useServer();
    const w = {};
    const as = {};

    async function login(p, role) {
        const loginName = `${unique('desk2')}@test.example`;
        const add = await h.srv.post('/api/v1/users', { login: loginName, role, person_id: p.id, password: 'desk-test-password-2026' });
        assert.equal(add.status, 201, add.text);
        const r = await runOk(['user', 'token', loginName, '--db', h.srv.db, '--name', 'desk tests']);
        const token = /hld_[A-Za-z0-9_-]+/.exec(r.stdout)[0];
        const auth = { Authorization: `Bearer ${token}` };
        return {
            get: (url) => h.srv.req('GET', url, { headers: auth }),
            post: (url, json, ifMatch) => h.srv.req('POST', url, { headers: auth, json, ifMatch }),
        };
    }

    async function worker(kind) {
        const body = kind === 'principals' ? principalBody({ time_zone: 'UTC', office: w.office }) : personBody({ time_zone: 'UTC', office: w.office });
        const p = await h.srv.create(kind, body);
        for (let wd = 1; wd <= 5; wd++) await h.srv.create('work-patterns', { person_id: p.id, weekday: wd, start_time: '09:00', end_time: '17:00' });
        return p;
    }

    before(async () => {
        w.office = unique('Desk2 office ');
        w.anna = await worker('assistants');
        w.bert = await worker('assistants');
        w.piret = await worker('principals');
        w.quinn = await worker('principals');
        const start = addDays(new Date().toISOString().slice(0, 10), -30);
        await h.srv.create('assignments', { assistant_id: w.anna.id, principal_id: w.piret.id, kind: 'primary', start_date: start });
        await h.srv.create('assignments', { assistant_id: w.bert.id, principal_id: w.quinn.id, kind: 'primary', start_date: start });
        as.anna = await login(w.anna, 'assistant');
        as.bert = await login(w.bert, 'assistant');
        as.piret = await login(w.piret, 'principal');
    });

    test('a recurring task: done for one Monday, the series and the other Mondays open', async () => {
        const srv = h.srv;
        const rec = await srv.create('tasks', { assistant_id: w.anna.id, principal_id: w.piret.id, title: 'Board pack', estimate_minutes: 90, due_at: at(MON, '09'), rrule: 'FREQ=WEEKLY;BYDAY=MO' });
        const second = addDays(MON, 7), third = addDays(MON, 14);
        const set = (who, due, status, ifMatch) => who.post(`/api/v1/tasks/${rec.id}/occurrence`, { due_at: due, status }, ifMatch);
        const r = await set(as.anna, at(second, '09'), 'done');
        assert.equal(r.status, 200, r.text);
        assert.deepEqual({ ...r.json, status_at: undefined }, { task_id: rec.id, due_at: at(second, '09'), status: 'done', status_at: undefined });
        // The series is untouched.
        const series = await srv.getOk(`/api/v1/tasks/${rec.id}`);
        assert.equal(series.status, 'open');
        assert.equal(series.version, rec.version);
        // My day: the second Monday shows it done, the first open.
        const statusOn = async (day) => (await as.anna.get(`/api/v1/my-day?date=${day}`)).json.tasks.find((x) => x.id === rec.id)?.status;
        assert.equal(await statusOn(second), 'done');
        assert.equal(await statusOn(MON), 'open');
        // The week plan: each occurrence with its own status; a dropped one is not planned.
        assert.equal((await set(as.anna, at(third, '09'), 'dropped')).status, 200);
        const plan = await srv.getOk(`/api/v1/week-plan?from=${MON}&to=${addDays(MON, 20)}&assistant_id=${w.anna.id}`);
        const days = plan.assistants[0].days;
        const on = (day) => days.find((d) => d.date === day);
        assert.deepEqual(on(MON).tasks.filter((x) => x.id === rec.id).map((x) => x.status), ['open']);
        assert.deepEqual(on(second).tasks.filter((x) => x.id === rec.id).map((x) => x.status), ['done']);
        assert.deepEqual(on(third).tasks.filter((x) => x.id === rec.id), []);
        assert.equal(on(second).task_minutes, 90, 'a done occurrence was still planned');
        assert.equal(on(third).task_minutes, 0);
        assert.equal(await statusOn(third), undefined);
        // Reopened, it is back.
        assert.equal((await set(as.anna, at(third, '09'), 'open')).status, 200);
        assert.equal(await statusOn(third), 'open');
        // The audit log names the occurrence.
        const audit = await srv.getOk(`/api/v1/audit?entity=task&entity_id=${rec.id}`);
        assert.ok(audit.items.some((a) => a.action === 'occurrence'), JSON.stringify(audit.items));
    });

    test('an occurrence is validated and guarded; a refusal changes nothing', async () => {
        const srv = h.srv;
        const rec = await srv.create('tasks', { assistant_id: w.anna.id, principal_id: w.piret.id, title: 'Weekly call list', due_at: at(MON, '11'), rrule: 'FREQ=WEEKLY;BYDAY=MO' });
        const once = await srv.create('tasks', { assistant_id: w.anna.id, principal_id: w.piret.id, title: 'Once', due_at: at(MON, '11') });
        const url = `/api/v1/tasks/${rec.id}/occurrence`;
        const audit = await srv.auditState();
        assertError(await as.anna.post(url, { due_at: at(addDays(MON, 1), '11'), status: 'done' }), 422, 'invalid', 'due_at'); // a Tuesday
        assertError(await as.anna.post(url, { due_at: at(MON, '12'), status: 'done' }), 422, 'invalid', 'due_at'); // wrong hour
        assertError(await as.anna.post(url, { due_at: 'next monday', status: 'done' }), 422, 'invalid', 'due_at');
        assertError(await as.anna.post(url, { due_at: at(MON, '11'), status: 'finished' }), 422, 'invalid', 'status');
        assertError(await as.anna.post(url, { due_at: at(MON, '11'), status: 'done', note: 'x' }), 422, 'invalid');
        assertError(await as.anna.post(`/api/v1/tasks/${once.id}/occurrence`, { due_at: at(MON, '11'), status: 'done' }), 422, 'invalid', 'due_at');
        assertError(await as.bert.post(url, { due_at: at(MON, '11'), status: 'done' }), 404, 'not_found');
        assertError(await as.anna.post(url, { due_at: at(MON, '11'), status: 'done' }, rec.version + 5), 412, 'version_mismatch');
        assert.deepEqual(await srv.auditState(), audit, 'a refused request changed something');
        // The executive sees the task but does not tick it off.
        assertError(await as.piret.post(url, { due_at: at(MON, '11'), status: 'done' }), 403, 'forbidden');
        // A manager may, with the right version.
        const ok = await srv.post(url, { due_at: at(MON, '11'), status: 'in_progress' }, { ifMatch: rec.version });
        assert.equal(ok.status, 200, ok.text);
    });

    test('recent callers: one query, by prefix, distinct, newest first, limited, past 6,000 newer messages', async () => {
        const srv = h.srv;
        const now = Date.now();
        const taken = (minutesAgo) => new Date(now - minutesAgo * 60e3).toISOString().replace(/\.\d+Z$/, 'Z');
        // An old caller, then 6,000 newer messages (written straight into the database: the
        // API would take minutes), then a few that matter.
        await srv.create('phone-messages', { principal_id: w.piret.id, taken_by_id: w.anna.id, caller: 'Ülle Vana', organisation: 'Xylo Partners', phone: '+372 1', taken_at: taken(60 * 24 * 30) });
        const sql = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)
            INSERT INTO phone_message (created_at, updated_at, principal_id, taken_by_id, caller, organisation, taken_at)
            SELECT strftime('%s','now'), strftime('%s','now'), ${w.piret.id}, ${w.anna.id}, 'Filler ' || i, 'Bulk', strftime('%s','now') - 86400 * 10 + i FROM n`;
        const bulk = await run([srv.db, sql], { bin: 'sqlite3' });
        assert.equal(bulk.code, 0, bulk.stderr);
        for (const [caller, org, phone, ago] of [
            ['Zebedee Roos', 'Roos OÜ', '+372 2', 50], ['zebedee roos', 'ROOS OÜ', '+372 3', 40],
            ['Zelda Kask', 'Kask AS', '+372 4', 30], ['Zeno Quinn', 'Quinn Ltd', '+372 5', 20],
        ]) {
            const taker = caller === 'Zeno Quinn' ? w.bert.id : w.anna.id;
            const exec = caller === 'Zeno Quinn' ? w.quinn.id : w.piret.id;
            await srv.create('phone-messages', { principal_id: exec, taken_by_id: taker, caller, organisation: org, phone, taken_at: taken(ago) });
        }
        // Once each (letters in either case), the newest message's phone, newest first.
        const z = await as.anna.get('/api/v1/phone-callers?q=ze');
        assert.equal(z.status, 200, z.text);
        assert.deepEqual(z.json.items.map((c) => [c.caller, c.phone]), [['Zelda Kask', '+372 4'], ['zebedee roos', '+372 3']]);
        assert.match(z.json.items[0].last_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        // Zeno's executive is not Anna's; a manager sees him.
        assert.deepEqual((await srv.getOk('/api/v1/phone-callers?q=zen')).items.map((c) => c.caller), ['Zeno Quinn']);
        assert.deepEqual((await as.bert.get('/api/v1/phone-callers?q=ze')).json.items.map((c) => c.caller), ['Zeno Quinn']);
        // The old caller behind 6,000 newer messages, by name (non-ASCII) and by organisation.
        assert.deepEqual((await as.anna.get(`/api/v1/phone-callers?q=${encodeURIComponent('Ülle')}`)).json.items.map((c) => c.caller), ['Ülle Vana']);
        assert.deepEqual((await as.anna.get('/api/v1/phone-callers?q=xylo')).json.items.map((c) => c.organisation), ['Xylo Partners']);
        // At most ten, with and without a prefix.
        assert.equal((await as.anna.get('/api/v1/phone-callers?q=filler')).json.items.length, 10);
        const all = (await as.anna.get('/api/v1/phone-callers')).json.items;
        assert.equal(all.length, 10);
        assert.equal(all[0].caller, 'Zelda Kask');
        // LIKE's wildcards are plain letters here.
        assert.equal((await as.anna.get('/api/v1/phone-callers?q=%25')).json.items.length, 0);
        // The query runs on the indexes, not a scan of every message.
        const plan = await run([srv.db, `EXPLAIN QUERY PLAN SELECT caller FROM phone_message m WHERE ((m.caller >= 'ze' COLLATE NOCASE AND m.caller < 'ze\u{10FFFF}' COLLATE NOCASE) OR (m.organisation >= 'ze' COLLATE NOCASE AND m.organisation < 'ze\u{10FFFF}' COLLATE NOCASE)) AND m.taken_at >= 0`], { bin: 'sqlite3' });
        assert.match(plan.stdout, /phone_message_caller/);
        assert.match(plan.stdout, /phone_message_organisation/);
    });

    test('meetings to arrange: recorded by the executive or their assistant, on her day, closed by booking', async () => {
        const srv = h.srv;
        const today = new Date().toISOString().slice(0, 10);
        const ok = { principal_id: w.piret.id, with_whom: 'The auditors (KPMG)', subject: 'Annual audit', duration_minutes: 45, by_date: addDays(today, 10) };
        const audit = await srv.auditState();
        assertError(await as.bert.post('/api/v1/meetings-to-arrange', ok), 403, 'forbidden', 'principal_id');
        assertError(await as.anna.post('/api/v1/meetings-to-arrange', { ...ok, subject: undefined }), 422, 'invalid', 'subject');
        assertError(await as.anna.post('/api/v1/meetings-to-arrange', { ...ok, duration_minutes: 2 }), 422, 'invalid', 'duration_minutes');
        assertError(await as.anna.post('/api/v1/meetings-to-arrange', { ...ok, by_date: 'soon' }), 422, 'invalid', 'by_date');
        assertError(await as.anna.post('/api/v1/meetings-to-arrange', { ...ok, status: 'booked' }), 422, 'invalid');
        assertError(await as.anna.post('/api/v1/meetings-to-arrange', { ...ok, principal_id: undefined }), 422, 'invalid', 'principal_id');
        assert.deepEqual(await srv.auditState(), audit, 'a refused request changed something');
        const a = await as.anna.post('/api/v1/meetings-to-arrange', ok);
        assert.equal(a.status, 201, a.text);
        assert.equal(a.json.status, 'open');
        assert.equal(a.json.meeting_id, null);
        assert.match(a.json.requested_by, /^desk2/);
        const piret = as.piret;
        const b = await piret.post('/api/v1/meetings-to-arrange', { principal_id: w.piret.id, with_whom: 'Mayor', subject: 'Harbour plan' });
        assert.equal(b.status, 201, b.text);
        assert.equal(b.json.duration_minutes, 60);
        const q = await srv.create('meetings-to-arrange', { principal_id: w.quinn.id, with_whom: 'Bank', subject: 'Loan' });
        // Visible to the executive and her assistant, not to Bert; on Anna's day, soonest first.
        assertError(await as.bert.get(`/api/v1/meetings-to-arrange/${a.json.id}`), 404, 'not_found');
        assert.equal((await piret.get(`/api/v1/meetings-to-arrange/${a.json.id}`)).status, 200);
        let day = (await as.anna.get(`/api/v1/my-day?date=${today}`)).json;
        assert.deepEqual(day.meetings_to_arrange.map((m) => [m.id, m.principal_name, m.overdue]), [[a.json.id, w.piret.name, false], [b.json.id, w.piret.name, false]]);
        assert.deepEqual((await as.bert.get(`/api/v1/my-day?date=${today}`)).json.meetings_to_arrange.map((m) => m.id), [q.id]);
        // Past its day it is overdue.
        const late = (await as.anna.get(`/api/v1/my-day?date=${addDays(today, 11)}`)).json.meetings_to_arrange.find((m) => m.id === a.json.id);
        assert.equal(late.overdue, true);

        // Booking it closes it; booking for it twice, or for another executive's, is refused.
        let weekday = addDays(today, 3);
        while ([0, 6].includes(new Date(`${weekday}T00:00:00Z`).getUTCDay())) weekday = addDays(weekday, 1);
        const booking = { principal_id: w.piret.id, title: 'Annual audit', start_at: at(weekday, '10'), duration_minutes: 45, attendees: [{ email: 'audit@kpmg.example' }] };
        assertError(await as.anna.post('/api/v1/meetings', { ...booking, request_id: q.id }), 422, 'invalid', 'request_id');
        assertError(await as.anna.post('/api/v1/meetings', { ...booking, request_id: 99999999 }), 422, 'invalid', 'request_id');
        const m = await as.anna.post('/api/v1/meetings', { ...booking, request_id: a.json.id });
        assert.equal(m.status, 201, m.text);
        const closed = (await srv.getOk(`/api/v1/meetings-to-arrange/${a.json.id}`));
        assert.equal(closed.status, 'booked');
        assert.equal(closed.meeting_id, m.json.id);
        assert.ok(closed.status_at);
        const meetings = (await srv.getOk(`/api/v1/meetings?principal_id=${w.piret.id}&limit=500`)).items.length;
        assertError(await as.anna.post('/api/v1/meetings', { ...booking, start_at: at(weekday, '14'), request_id: a.json.id }), 409, 'invalid_transition', 'request_id');
        assert.equal((await srv.getOk(`/api/v1/meetings?principal_id=${w.piret.id}&limit=500`)).items.length, meetings, 'the refused booking left a meeting');
        day = (await as.anna.get(`/api/v1/my-day?date=${today}`)).json;
        assert.deepEqual(day.meetings_to_arrange.map((x) => x.id), [b.json.id]);

        // Dropped when no longer wanted: by those who may act for her, once.
        assertError(await as.bert.post(`/api/v1/meetings-to-arrange/${b.json.id}/drop`, {}), 404, 'not_found');
        assertError(await as.anna.post(`/api/v1/meetings-to-arrange/${b.json.id}/drop`, {}, b.json.version + 3), 412, 'version_mismatch');
        const d = await as.anna.post(`/api/v1/meetings-to-arrange/${b.json.id}/drop`, {});
        assert.equal(d.status, 200, d.text);
        assert.equal(d.json.status, 'dropped');
        assertError(await as.anna.post(`/api/v1/meetings-to-arrange/${b.json.id}/drop`, {}), 409, 'invalid_transition', 'status');
        assert.deepEqual((await as.anna.get(`/api/v1/my-day?date=${today}`)).json.meetings_to_arrange, []);
        const open = (await srv.getOk(`/api/v1/meetings-to-arrange?principal_id=${w.piret.id}&status=open`)).items;
        assert.deepEqual(open, []);
    });
});
