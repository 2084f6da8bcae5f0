// desk.test.mjs: the desk domain (issue 10, part 1) over HTTP — tasks (validation, the
// workflow, recurrence by RRULE), phone messages (urgent ones queue an e-mail to the
// executive, the executive marks them done, recent callers), the correspondence register, who
// sees what (the executive, their assistants, a covering assistant, managers; nobody else),
// the manager's week plan and a move's preview that agrees with the save, "my day", and the
// handover of an absent assistant's tasks to the cover accepted for the same executive.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertError, personBody, principalBody, run, runOk, todayIn, unique, useServer } from './lib.mjs';

const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
// A Monday far enough ahead that nothing of the demo is planned there.
const base = addDays(new Date().toISOString().slice(0, 10), 120);
const MON = addDays(base, (8 - new Date(`${base}T00:00:00Z`).getUTCDay()) % 7 || 7);
const at = (day, hh) => `${day}T${hh}:00:00Z`;

describe('desk work', () => {
    const h = useServer();
    const w = {}; // the people of the fixture
    const as = {}; // role → request helpers signed in as that person

    /** Requests as the account of person p (an API token from the CLI). */
    async function login(p, role) {
        const loginName = `${unique('desk')}@test.example`;
        const add = await h.srv.post('/api/v1/users', { login: loginName, role, person_id: p.id, password: 'desk-test-password-2026' });
        assert.equal(add.status, 201, add.text);
        const r = await runOk(['user', 'token', loginName, '--db', h.srv.db, '--name', 'desk tests']);
        const token = /hld_[A-Za-z0-9_-]+/.exec(r.stdout)[0];
        const auth = { Authorization: `Bearer ${token}` };
        return {
            get: (url) => h.srv.req('GET', url, { headers: auth }),
            post: (url, json, ifMatch) => h.srv.req('POST', url, { headers: auth, json, ifMatch }),
            patch: (url, json, ifMatch) => h.srv.req('PATCH', url, { headers: auth, json, ifMatch }),
        };
    }

    async function worker(kind, extra = {}) {
        const body = kind === 'principals' ? principalBody({ time_zone: 'UTC', office: w.office, ...extra }) : personBody({ time_zone: 'UTC', office: w.office, ...extra });
        const p = await h.srv.create(kind, body);
        for (let wd = 1; wd <= 5; wd++) await h.srv.create('work-patterns', { person_id: p.id, weekday: wd, start_time: '09:00', end_time: '17:00' });
        return p;
    }

    before(async () => {
        const srv = h.srv;
        w.office = unique('Desk office ');
        w.anna = await worker('assistants'); // P's assistant
        w.bert = await worker('assistants'); // Q's assistant; covers P while Anna is away
        w.cara = await worker('assistants'); // nobody's
        w.piret = await worker('principals');
        w.quinn = await worker('principals');
        const start = addDays(new Date().toISOString().slice(0, 10), -30);
        await srv.create('assignments', { assistant_id: w.anna.id, principal_id: w.piret.id, kind: 'primary', start_date: start });
        await srv.create('assignments', { assistant_id: w.bert.id, principal_id: w.quinn.id, kind: 'primary', start_date: start });
        as.anna = await login(w.anna, 'assistant');
        as.bert = await login(w.bert, 'assistant');
        as.cara = await login(w.cara, 'assistant');
        as.piret = await login(w.piret, 'principal');
    });

    test('a task is validated field by field; a bad RRULE is a clear 422', async () => {
        const srv = h.srv;
        const ok = { assistant_id: w.anna.id, principal_id: w.piret.id, title: 'Board pack', due_at: at(MON, '09') };
        assertError(await srv.post('/api/v1/tasks', { ...ok, rrule: 'EVERY MONDAY' }), 422, 'invalid', 'rrule');
        assertError(await srv.post('/api/v1/tasks', { ...ok, rrule: 'FREQ=HOURLY' }), 422, 'invalid', 'rrule');
        assertError(await srv.post('/api/v1/tasks', { ...ok, due_at: null, rrule: 'FREQ=WEEKLY;BYDAY=MO' }), 422, 'invalid', 'due_at');
        assertError(await srv.post('/api/v1/tasks', { ...ok, estimate_minutes: 0 }), 422, 'invalid', 'estimate_minutes');
        assertError(await srv.post('/api/v1/tasks', { ...ok, priority: 'asap' }), 422, 'invalid', 'priority');
        assertError(await srv.post('/api/v1/tasks', { ...ok, status: 'done' }), 422, 'invalid', 'status');
        assertError(await srv.post('/api/v1/tasks', { ...ok, assistant_id: w.piret.id }), 422, 'invalid', 'assistant_id');
        const t = await srv.create('tasks', { ...ok, rrule: 'FREQ=WEEKLY;BYDAY=MO' });
        assert.equal(t.status, 'open');
        assert.equal(t.rrule, 'FREQ=WEEKLY;BYDAY=MO');
    });

    test('the task workflow: start, complete, no edits when done, reopen; a wrong move is 409', async () => {
        const t = await as.anna.post('/api/v1/tasks', { assistant_id: w.anna.id, principal_id: w.piret.id, title: 'Renew the parking permit', due_at: at(MON, '11') });
        assert.equal(t.status, 201, t.text);
        let cur = t.json;
        const act = async (who, a) => who.post(`/api/v1/tasks/${cur.id}/${a}`, {}, cur.version);
        let r = await act(as.anna, 'start');
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.status, 'in_progress');
        cur = r.json;
        assertError(await act(as.bert, 'complete'), 404, 'not_found'); // not Bert's to see
        r = await act(as.anna, 'complete');
        assert.equal(r.json.status, 'done');
        assert.ok(r.json.status_at);
        cur = r.json;
        assertError(await act(as.anna, 'complete'), 409, 'invalid_transition', 'status');
        assertError(await as.anna.patch(`/api/v1/tasks/${cur.id}`, { title: 'x' }, cur.version), 409, 'invalid_transition', 'status');
        r = await act(as.anna, 'reopen');
        assert.equal(r.json.status, 'open');
        // An assistant writes only their own tasks, for executives they serve.
        assertError(await as.anna.post('/api/v1/tasks', { assistant_id: w.bert.id, title: 'Not mine' }), 403, 'forbidden', 'assistant_id');
        assertError(await as.cara.post('/api/v1/tasks', { assistant_id: w.cara.id, principal_id: w.piret.id, title: 'Not my executive' }), 403, 'forbidden', 'principal_id');
    });

    test('who sees desk work: the executive, their assistant, managers; not others', async () => {
        const srv = h.srv;
        const task = await srv.create('tasks', { assistant_id: w.anna.id, principal_id: w.piret.id, title: 'Visible task' });
        const msg = await srv.create('phone-messages', { principal_id: w.piret.id, taken_by_id: w.anna.id, caller: 'Visible Caller', phone: '+372 555', taken_at: new Date().toISOString() });
        const corr = await srv.create('correspondence', { principal_id: w.piret.id, direction: 'incoming', kind: 'letter', counterpart: 'Ministry', subject: 'Visible letter', date: '2026-01-05', handler_id: w.anna.id });
        for (const [path, rec] of [['tasks', task], ['phone-messages', msg], ['correspondence', corr]]) {
            for (const who of ['anna', 'piret']) {
                const r = await as[who].get(`/api/v1/${path}/${rec.id}`);
                assert.equal(r.status, 200, `${who} should see ${path} ${rec.id}: ${r.text}`);
                const l = await as[who].get(`/api/v1/${path}?limit=500`);
                assert.ok(l.json.items.some((x) => x.id === rec.id), `${who} should list ${path} ${rec.id}`);
            }
            for (const who of ['bert', 'cara']) {
                assertError(await as[who].get(`/api/v1/${path}/${rec.id}`), 404, 'not_found');
                const l = await as[who].get(`/api/v1/${path}?limit=500`);
                assert.equal(l.status, 200, l.text);
                assert.ok(!l.json.items.some((x) => x.id === rec.id), `${who} lists ${path} ${rec.id}`);
            }
        }
    });

    test('phone messages: urgent ones e-mail the executive; they mark them done; callers are suggested', async () => {
        const srv = h.srv;
        const now = new Date().toISOString();
        const body = { principal_id: w.piret.id, taken_by_id: w.anna.id, caller: 'Zebulon Quist', organisation: 'Quist & Daughters', phone: '+372 5000 0001', message: 'About the merger', action: 'call_back', taken_at: now };
        assertError(await as.anna.post('/api/v1/phone-messages', { ...body, phone: '' }), 422, 'invalid', 'phone');
        assertError(await as.anna.post('/api/v1/phone-messages', { ...body, taken_at: '2099-01-01T00:00:00Z' }), 422, 'invalid', 'taken_at');
        assertError(await as.anna.post('/api/v1/phone-messages', { ...body, action: 'shout' }), 422, 'invalid', 'action');
        assertError(await as.cara.post('/api/v1/phone-messages', { ...body, taken_by_id: w.cara.id }), 403, 'forbidden', 'principal_id');
        const mailsBefore = (await srv.listAll(`/api/v1/mail?person_id=${w.piret.id}&kind=message.urgent`)).length;
        const normal = await as.anna.post('/api/v1/phone-messages', body);
        assert.equal(normal.status, 201, normal.text);
        assert.equal((await srv.listAll(`/api/v1/mail?person_id=${w.piret.id}&kind=message.urgent`)).length, mailsBefore, 'a normal message was e-mailed');
        const urgent = await as.anna.post('/api/v1/phone-messages', { ...body, urgency: 'urgent', message: 'Call before noon' });
        assert.equal(urgent.status, 201, urgent.text);
        const mails = await srv.listAll(`/api/v1/mail?person_id=${w.piret.id}&kind=message.urgent`);
        assert.equal(mails.length, mailsBefore + 1);
        const mail = mails[mails.length - 1];
        assert.match(mail.subject, /Zebulon Quist/);
        assert.match(mail.body, /Call before noon/);
        assert.equal(mail.status, 'queued');

        // The executive sees the open messages and marks one done; again is 409; others 404.
        const open = await as.piret.get(`/api/v1/phone-messages?status=open&limit=500`);
        assert.ok(open.json.items.some((m) => m.id === urgent.json.id));
        assertError(await as.cara.post(`/api/v1/phone-messages/${urgent.json.id}/done`, {}), 404, 'not_found');
        assertError(await as.piret.post(`/api/v1/phone-messages/${urgent.json.id}/done`, {}, urgent.json.version + 5), 412, 'version_mismatch');
        const done = await as.piret.post(`/api/v1/phone-messages/${urgent.json.id}/done`, {});
        assert.equal(done.status, 200, done.text);
        assert.equal(done.json.status, 'done');
        assert.ok(done.json.done_at);
        assertError(await as.piret.post(`/api/v1/phone-messages/${urgent.json.id}/done`, {}), 409, 'invalid_transition');
        const audit = await srv.getOk(`/api/v1/audit?entity=phone%20message&entity_id=${urgent.json.id}`);
        assert.ok(audit.items.some((a) => a.action === 'done'), JSON.stringify(audit));

        // Recent callers as you type: by name or organisation prefix, once each; not for others.
        const sug = await as.anna.get('/api/v1/phone-callers?q=zeb');
        assert.equal(sug.status, 200, sug.text);
        assert.deepEqual(sug.json.items.map((c) => [c.caller, c.organisation, c.phone]), [['Zebulon Quist', 'Quist & Daughters', '+372 5000 0001']]);
        assert.equal((await as.anna.get('/api/v1/phone-callers?q=quist%20%26')).json.items.length, 1);
        assert.equal((await as.cara.get('/api/v1/phone-callers?q=zeb')).json.items.length, 0);
        assertError(await as.anna.get('/api/v1/phone-callers?x=1'), 400, 'bad_request', 'x');
    });

    test('correspondence: validated, its workflow, overdue replies on my day', async () => {
        const srv = h.srv;
        const today = new Date().toISOString().slice(0, 10);
        const ok = { principal_id: w.piret.id, direction: 'incoming', kind: 'signature', counterpart: 'Notary', subject: 'Deed', reference: 'REF-1', date: addDays(today, -5), reply_due: addDays(today, -1), handler_id: w.anna.id };
        assertError(await srv.post('/api/v1/correspondence', { ...ok, reply_due: addDays(today, -6) }), 422, 'invalid', 'reply_due');
        assertError(await srv.post('/api/v1/correspondence', { ...ok, kind: 'fax' }), 422, 'invalid', 'kind');
        assertError(await srv.post('/api/v1/correspondence', { ...ok, direction: undefined }), 422, 'invalid', 'direction');
        const c = await as.anna.post('/api/v1/correspondence', ok);
        assert.equal(c.status, 201, c.text);
        let day = await as.anna.get('/api/v1/my-day');
        assert.equal(day.status, 200, day.text);
        const item = day.json.correspondence.find((x) => x.id === c.json.id);
        assert.ok(item, 'the overdue reply is not on her day');
        assert.equal(item.overdue, true);
        const r = await as.anna.post(`/api/v1/correspondence/${c.json.id}/answer`, {}, c.json.version);
        assert.equal(r.json.status, 'answered');
        assertError(await as.anna.post(`/api/v1/correspondence/${c.json.id}/close`, {}, r.json.version), 409, 'invalid_transition');
        day = await as.anna.get('/api/v1/my-day');
        assert.ok(!day.json.correspondence.some((x) => x.id === c.json.id));
    });

    test("my day: the day's tasks (recurring included), waiting messages, for her executives", async () => {
        const srv = h.srv;
        const rec = await srv.create('tasks', { assistant_id: w.anna.id, principal_id: w.piret.id, title: 'Weekly report', estimate_minutes: 60, due_at: at(MON, '10'), rrule: 'FREQ=WEEKLY;BYDAY=MO' });
        const nextMon = addDays(MON, 7);
        const d = await as.anna.get(`/api/v1/my-day?date=${nextMon}`);
        assert.equal(d.status, 200, d.text);
        assert.equal(d.json.date, nextMon);
        const t = d.json.tasks.find((x) => x.id === rec.id);
        assert.ok(t, 'the recurring task is not on the next Monday');
        assert.equal(t.due_at, at(nextMon, '10') + '');
        assert.deepEqual(d.json.executives.map((e) => e.id), [w.piret.id]);
        assert.ok(d.json.messages.every((m) => m.principal_id === w.piret.id));
        assert.ok(Array.isArray(d.json.meetings_to_arrange));
        const tue = await as.anna.get(`/api/v1/my-day?date=${addDays(nextMon, 1)}`);
        assert.ok(!tue.json.tasks.some((x) => x.id === rec.id), 'a Monday task on Tuesday');
        assertError(await as.anna.get(`/api/v1/my-day?assistant_id=${w.bert.id}`), 403, 'forbidden', 'assistant_id');
        assertError(await as.anna.get('/api/v1/my-day?date=tomorrow'), 400, 'bad_request', 'date');
        const m = await srv.getOk(`/api/v1/my-day?assistant_id=${w.bert.id}&date=${nextMon}`);
        assert.equal(m.assistant_id, w.bert.id);
    });

    test('the week plan: hours minus leave and holidays against tasks; a move previewed as saved', async () => {
        const srv = h.srv;
        const week = addDays(MON, 14);
        // Cara: 8 h a day; 9 h of tasks on Tuesday (over-booked), a day off on Wednesday, and
        // a hand-added holiday of her office on Thursday.
        const big = await srv.create('tasks', { assistant_id: w.cara.id, title: 'Archive the year', estimate_minutes: 540, due_at: at(addDays(week, 1), '12') });
        const off = await srv.create('absences', { person_id: w.cara.id, kind: 'training', start_at: at(addDays(week, 2), '00'), end_at: at(addDays(week, 3), '00') });
        await srv.post(`/api/v1/absences/${off.id}/approve`, {}, { ifMatch: off.version });
        await srv.create('office-holidays', { office: w.office, date: addDays(week, 3), name: 'Desk day' });
        assertError(await as.anna.get(`/api/v1/week-plan?from=${week}`), 403, 'forbidden');
        assertError(await srv.get(`/api/v1/week-plan?from=${week}&to=${addDays(week, 40)}`), 400, 'bad_request', 'to');
        const plan = await srv.getOk(`/api/v1/week-plan?from=${week}&assistant_id=${w.cara.id}`);
        assert.equal(plan.assistants.length, 1);
        const c = plan.assistants[0];
        assert.equal(c.days.length, 7);
        const [mon, tue, wed, thu, , sat] = c.days;
        assert.deepEqual([mon.work_minutes, tue.work_minutes, wed.work_minutes, thu.work_minutes, sat.work_minutes], [480, 480, 0, 0, 0]);
        assert.equal(wed.absent_minutes, 480);
        assert.equal(thu.holiday, 'Desk day');
        assert.equal(tue.task_minutes, 540);
        assert.equal(tue.over_booked, true);
        assert.equal(mon.over_booked, false);
        assert.equal(c.over_booked_days, 1);
        assert.equal(c.contracted_minutes, 2400);
        assert.equal(c.work_minutes, 480 * 3);

        // Move the big task to Bert's Monday: the preview shows both before and after …
        const move = { task_id: big.id, assistant_id: w.bert.id, due_at: at(week, '12') };
        assertError(await srv.post('/api/v1/week-plan/preview', { ...move, task_id: 999999999 }), 404, 'not_found');
        assertError(await srv.post('/api/v1/week-plan/preview', { ...move, assistant_id: w.piret.id }), 422, 'invalid', 'assistant_id');
        assertError(await as.anna.post('/api/v1/week-plan/preview', move), 403, 'forbidden');
        const audit = await srv.auditState();
        const pv = await srv.post('/api/v1/week-plan/preview', move);
        assert.equal(pv.status, 200, pv.text);
        assert.deepEqual(await srv.auditState(), audit, 'the preview wrote something');
        const after = (id) => pv.json.after.find((a) => a.assistant_id === id);
        const beforeOf = (id) => pv.json.before.find((a) => a.assistant_id === id);
        assert.equal(beforeOf(w.cara.id).days[1].task_minutes, 540);
        assert.equal(after(w.cara.id).days[1].task_minutes, 0);
        assert.equal(after(w.bert.id).days[0].task_minutes - beforeOf(w.bert.id).days[0].task_minutes, 540);
        assert.equal(after(w.bert.id).days[0].over_booked, true);
        // … and the saved move gives exactly the preview's after.
        const r = await srv.patch(`/api/v1/tasks/${big.id}`, { assistant_id: w.bert.id, due_at: move.due_at }, big.version);
        assert.equal(r.status, 200, r.text);
        const saved = await srv.getOk(`/api/v1/week-plan?from=${pv.json.from}&to=${pv.json.to}`);
        for (const id of [w.cara.id, w.bert.id])
            assert.deepEqual(saved.assistants.find((a) => a.assistant_id === id), after(id), `assistant ${id} differs from the preview`);
    });

    test("handover: an absent assistant's open tasks are proposed to the cover and move on acceptance", async () => {
        const srv = h.srv;
        const week = addDays(MON, 28);
        const t1 = await srv.create('tasks', { assistant_id: w.anna.id, principal_id: w.piret.id, title: 'Send the agenda', due_at: at(addDays(week, 1), '14') });
        const t2 = await srv.create('tasks', { assistant_id: w.anna.id, title: 'Own errand', due_at: at(addDays(week, 2), '14') });
        const later = await srv.create('tasks', { assistant_id: w.anna.id, principal_id: w.piret.id, title: 'After she is back', due_at: at(addDays(week, 9), '14') });
        const abs = await srv.create('absences', { person_id: w.anna.id, kind: 'vacation', start_at: at(week, '00'), end_at: at(addDays(week, 5), '00') });
        let ho = await srv.getOk(`/api/v1/absences/${abs.id}/handover`);
        assert.deepEqual(ho.tasks.map((t) => t.id).sort(), [t1.id, t2.id].sort());
        assert.ok(ho.tasks.every((t) => t.proposed_assistant_id === null && t.reason), 'proposed before any cover was planned');
        assertError(await as.anna.get(`/api/v1/absences/${abs.id}/handover`), 403, 'forbidden');

        const ap = await srv.post(`/api/v1/absences/${abs.id}/approve`, {}, { ifMatch: abs.version });
        assert.equal(ap.status, 200, ap.text);
        const plan = ap.json.coverage_plan;
        assert.ok(plan && plan.covers.length > 0, `no covers were planned: ${ap.text}`);
        ho = await srv.getOk(`/api/v1/absences/${abs.id}/handover`);
        const p1 = ho.tasks.find((t) => t.id === t1.id);
        assert.equal(p1.proposed_assistant_id, w.bert.id);
        assert.equal(p1.cover_status, 'proposed');
        assert.equal(ho.tasks.find((t) => t.id === t2.id).proposed_assistant_id, null);
        assert.equal((await srv.getOk(`/api/v1/tasks/${t1.id}`)).assistant_id, w.anna.id, 'moved before acceptance');

        const acc = await srv.post(`/api/v1/coverage/plans/${plan.id}/accept`, {});
        assert.equal(acc.status, 200, acc.text);
        const moved = await srv.getOk(`/api/v1/tasks/${t1.id}`);
        assert.equal(moved.assistant_id, w.bert.id);
        assert.equal(moved.handed_over_from_id, w.anna.id);
        assert.equal((await srv.getOk(`/api/v1/tasks/${t2.id}`)).assistant_id, w.anna.id);
        assert.equal((await srv.getOk(`/api/v1/tasks/${later.id}`)).assistant_id, w.anna.id);
        const audit = await srv.getOk(`/api/v1/audit?entity=task&entity_id=${t1.id}`);
        assert.ok(audit.items.some((a) => a.action === 'hand over'));
        // Bert now sees the task (his own) and it is on his day.
        assert.equal((await as.bert.get(`/api/v1/tasks/${t1.id}`)).status, 200);
        const day = await as.bert.get(`/api/v1/my-day?date=${addDays(week, 1)}`);
        assert.ok(day.json.tasks.some((t) => t.id === t1.id));
    });

    test('the CLI: haldus task and haldus message, the same rules as the API', async () => {
        const srv = h.srv;
        const db = ['--db', srv.db];
        const add = await runOk(['task', 'add', '--assistant-id', String(w.cara.id), '--title', 'CLI task', '--due-at', at(MON, '13'), '--rrule', 'FREQ=DAILY;COUNT=3', '--json', ...db]);
        const t = JSON.parse(add.stdout);
        assert.equal(t.rrule, 'FREQ=DAILY;COUNT=3');
        const bad = await run(['task', 'add', '--assistant-id', String(w.cara.id), '--title', 'x', '--due-at', at(MON, '13'), '--rrule', 'DAILY', ...db]);
        assert.equal(bad.code, 1);
        assert.match(bad.stderr, /not an RFC 5545 recurrence rule/);
        assert.equal((await run(['task', 'fly', '1', ...db])).code, 2);
        assert.equal((await run(['task', 'add', '--colour', 'red', ...db])).code, 2);
        assert.match((await runOk(['task', 'start', String(t.id), ...db])).stdout, /in_progress/);
        assert.match((await runOk(['task', 'complete', String(t.id), ...db])).stdout, /done/);
        assert.equal((await run(['task', 'start', String(t.id), ...db])).code, 1);
        const list = await runOk(['task', 'list', '--assistant-id', String(w.cara.id), '--status', 'done', '--json', ...db]);
        assert.match(list.stdout, /CLI task/);
        assert.equal((await srv.getOk(`/api/v1/tasks/${t.id}`)).status, 'done');

        const before = (await srv.listAll(`/api/v1/mail?person_id=${w.piret.id}&kind=message.urgent`)).length;
        const m = JSON.parse((await runOk(['message', 'add', '--principal-id', String(w.piret.id), '--taken-by-id', String(w.anna.id), '--caller', 'Cli Caller', '--phone', '+372 1', '--urgent', '--json', ...db])).stdout);
        assert.equal(m.urgency, 'urgent');
        assert.equal((await srv.listAll(`/api/v1/mail?person_id=${w.piret.id}&kind=message.urgent`)).length, before + 1);
        const open = await runOk(['message', 'list', '--principal-id', String(w.piret.id), '--status', 'open', ...db]);
        assert.match(open.stdout, /Cli Caller/);
        assert.match((await runOk(['message', 'done', String(m.id), ...db])).stdout, /done/);
        assert.equal((await run(['message', 'done', String(m.id), ...db])).code, 1);
    });

    test("my day: a reply is overdue by its handler's today, as the overdue mail says", async () => {
        // Lea works in Pago Pago (UTC-11); Kai handles replies from Kiritimati (UTC+14), always a
        // day or two ahead of her. Kai's yesterday is overdue for Kai, whatever Lea's date.
        const srv = h.srv;
        const west = 'Pacific/Pago_Pago';
        const east = 'Pacific/Kiritimati';
        const lea = await worker('assistants', { time_zone: west });
        const kai = await worker('assistants', { time_zone: east });
        const pia = await worker('principals');
        const leaToday = todayIn(west);
        const kaiToday = todayIn(east);
        await srv.create('assignments', { assistant_id: lea.id, principal_id: pia.id, kind: 'primary', start_date: addDays(leaToday, -30) });
        const letter = (subject, handler, due) => srv.create('correspondence', { principal_id: pia.id, direction: 'incoming', kind: 'letter', counterpart: 'Ministry', subject, date: addDays(leaToday, -5), reply_due: due, handler_id: handler.id });
        const kaiLate = await letter('Late for Kai', kai, addDays(kaiToday, -1));
        const kaiDue = await letter('Due today for Kai', kai, kaiToday);
        const kaiLater = await letter('Due tomorrow for Kai', kai, addDays(kaiToday, 1));
        const leaDue = await letter('Due today for Lea', lea, leaToday);
        const mine = await login(lea, 'assistant');
        const day = await mine.get('/api/v1/my-day');
        assert.equal(day.status, 200, day.text);
        assert.equal(day.json.date, leaToday, "Lea's day is her own today");
        const state = (c) => {
            const x = day.json.correspondence.find((y) => y.id === c.id);
            return x ? (x.overdue ? 'overdue' : 'today') : 'later';
        };
        assert.equal(state(kaiLate), 'overdue', `due ${kaiLate.reply_due}; Kai's today is ${kaiToday}`);
        assert.equal(state(kaiDue), 'today');
        assert.equal(state(kaiLater), 'later');
        assert.equal(state(leaDue), 'today');
        // A date asked for judges every reply by that date.
        const asked = (await mine.get(`/api/v1/my-day?date=${kaiToday}`)).json.correspondence;
        const overdueOn = Object.fromEntries(asked.map((x) => [x.id, x.overdue]));
        assert.deepEqual(
            [kaiLate, kaiDue, kaiLater, leaDue].map((c) => overdueOn[c.id]),
            [true, false, undefined, true],
        );
    });
});
