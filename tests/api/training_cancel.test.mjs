// training_cancel.test.mjs: cancelling training (issue 11, docs/api.md "Training: cancellation")
// over HTTP. A cancelled session cancels every seated, waitlisted and requested enrolment
// (audited "session cancelled"), withdraws the confirmed ones' training absences through the
// absence workflow so the covers planned for them are released, and mails the assistants and
// the manager who gave each seat in their language, with an iTIP CANCEL (METHOD:CANCEL, the
// invitation's UID, SEQUENCE one more, STATUS:CANCELLED) per invitation sent; the assistant's
// calendar feed drops the session. A completed enrolment refuses it, and then nothing changes.
// A single enrolment's cancel moves the waitlist up and sends its own iTIP CANCEL.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertError, personBody, principalBody, run, runOk, unique, useServer } from './lib.mjs';

const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const TODAY = new Date().toISOString().slice(0, 10);
// Far enough ahead that nothing of the demo or other tests is planned there.
const DAY = addDays(TODAY, 230);
const at = (day, hh) => `${day}T${hh}:00:00Z`;

/** RFC 5545 text → {name, props: [{name, params, value}], children}: unfolds lines, nests
 * BEGIN/END and fails on anything unbalanced (as a calendar program's parser would). */
function parseIcs(text) {
    assert.ok(text.includes('\r\n'), 'lines end in CRLF');
    const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n').filter((l) => l !== '');
    const stack = [{ name: 'ROOT', props: [], children: [] }];
    for (const l of lines) {
        const m = /^([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$/.exec(l);
        assert.ok(m, `not a content line: ${l}`);
        const [, name, rawParams, value] = m;
        const params = {};
        for (const p of rawParams.split(';').filter(Boolean)) {
            const i = p.indexOf('=');
            params[p.slice(0, i).toUpperCase()] = p.slice(i + 1).replace(/^"|"$/g, '');
        }
        if (name === 'BEGIN') {
            const c = { name: value, props: [], children: [] };
            stack.at(-1).children.push(c);
            stack.push(c);
        } else if (name === 'END') {
            assert.equal(stack.pop().name, value, 'END matches BEGIN');
        } else {
            stack.at(-1).props.push({ name: name.toUpperCase(), params, value });
        }
    }
    assert.equal(stack.length, 1, 'every BEGIN has its END');
    assert.equal(stack[0].children.length, 1, 'one VCALENDAR');
    assert.equal(stack[0].children[0].name, 'VCALENDAR');
    return stack[0].children[0];
}
const prop = (c, n) => c.props.find((p) => p.name === n)?.value;
const vevent = (cal) => {
    const evs = cal.children.filter((c) => c.name === 'VEVENT');
    assert.equal(evs.length, 1, 'one event per iTIP message');
    return evs[0];
};

describe('training cancellation', () => {
    const h = useServer();
    const w = {};

    /** Requests as the account of person p with role (an API token from the CLI). */
    async function login(p, role) {
        const loginName = `${unique('trcancel')}@test.example`;
        const add = await h.srv.post('/api/v1/users', { login: loginName, role, person_id: p.id, password: 'training-cancel-password-2026' });
        assert.equal(add.status, 201, add.text);
        const r = await runOk(['user', 'token', loginName, '--db', h.srv.db, '--name', 'training cancel tests']);
        const headers = { Authorization: `Bearer ${/hld_[A-Za-z0-9_-]+/.exec(r.stdout)[0]}` };
        return {
            get: (url) => h.srv.req('GET', url, { headers }),
            post: (url, json, ifMatch) => h.srv.req('POST', url, { headers, json, ifMatch }),
        };
    }

    /** A person who works 09–17 UTC every day. */
    async function worker(kind, extra = {}) {
        const body = kind === 'principals' ? principalBody({ time_zone: 'UTC', office: w.office, ...extra }) : personBody({ time_zone: 'UTC', office: w.office, ...extra });
        const p = await h.srv.create(kind, body);
        for (let wd = 1; wd <= 7; wd++) await h.srv.create('work-patterns', { person_id: p.id, weekday: wd, start_time: '09:00', end_time: '17:00' });
        return p;
    }

    /** A session of capacity seats with a meeting on each of days (10–12 UTC). */
    async function session(capacity, days) {
        const course = await h.srv.create('training-courses', { name: unique('Cancel course '), format: 'class', cost: 100 });
        await h.srv.create('course-skills', { course_id: course.id, skill_id: w.skill.id, level: 3 });
        const s = await h.srv.create('training-sessions', { course_id: course.id, name: unique('Cancel session '), capacity, cost: 80, time_zone: 'UTC', place: 'Room 4' });
        for (const d of days) await h.srv.create('training-meetings', { session_id: s.id, start_at: at(d, '10'), end_at: at(d, '12') });
        return { course, session: await h.srv.getOk(`/api/v1/training-sessions/${s.id}`) };
    }

    /** Mails of a kind to person, with their iTIP text parsed (cal null without one). */
    async function mails(kind, person) {
        const all = await h.srv.listAll(`/api/v1/mail?kind=${kind}`);
        return all.filter((m) => m.person_id === person.id).map((m) => ({ ...m, cal: m.ics ? parseIcs(m.ics) : null }));
    }

    const asAdmin = { post: (u, j, v) => h.srv.post(u, j, { ifMatch: v }) };
    const enrolment = (id) => h.srv.getOk(`/api/v1/training-enrolments/${id}`);
    const act = async (as, e, action) => {
        const cur = await enrolment(e.id);
        const r = await as.post(`/api/v1/training-enrolments/${e.id}/${action}`, {}, cur.version);
        assert.equal(r.status, 200, `${action}: ${r.text}`);
        return r.json;
    };

    before(async () => {
        w.office = unique('Cancel office ');
        w.skill = await h.srv.create('skills', { name: unique('Estonian ') });
        // A manager is a person too (here one of the assistants' records, as in leave.test.mjs).
        w.mari = await h.srv.create('assistants', personBody({ time_zone: 'UTC' }));
        w.asMari = await login(w.mari, 'manager');
    });

    test('a cancelled session cancels every enrolment, its absences, covers and invitations', async () => {
        const srv = h.srv;
        // Anna supports Piret; Bert works the same hours and covers her while she learns.
        const anna = await worker('assistants');
        const bert = await worker('assistants');
        const piret = await worker('principals');
        await srv.create('assignments', { assistant_id: anna.id, principal_id: piret.id, kind: 'primary', start_date: addDays(TODAY, -30) });
        const frank = await worker('assistants');
        const dora = await worker('assistants');
        const eve = await worker('assistants');
        const asAnna = await login(anna, 'assistant');
        const asEve = await login(eve, 'assistant');
        // Anna reads Haldus, and her mail, in Estonian.
        assert.equal((await asAnna.post('/api/v1/me/lang', { lang: 'et' })).status, 200);
        const feed = await asAnna.post('/api/v1/feeds', {});
        assert.equal(feed.status, 201, feed.text);

        const days = [DAY, addDays(DAY, 1)];
        const { course, session: s } = await session(2, days);
        const enrol = async (p) => {
            const r = await w.asMari.post(`/api/v1/training/sessions/${s.id}/enrol`, { assistant_id: p.id });
            assert.equal(r.status, 201, r.text);
            return r.json;
        };
        const eAnna = await enrol(anna);
        const eFrank = await enrol(frank);
        const eDora = await enrol(dora);
        assert.equal(eAnna.enrolled_by, w.mari.id, 'the manager who gave the seat is kept');
        assert.equal(eDora.waitlisted, true);
        const req = await asEve.post(`/api/v1/training/sessions/${s.id}/enrol`, { assistant_id: eve.id });
        assert.equal(req.status, 201, req.text);
        assert.equal(req.json.status, 'requested');
        assert.equal(req.json.enrolled_by, null);

        // Anna's seat is confirmed: two approved training absences, planned; Bert covers Piret.
        const conf = await act(w.asMari, eAnna, 'confirm');
        assert.equal(conf.absence_ids.length, 2);
        // The first day's plan is accepted; the second's stays proposed (both are released).
        assert.equal((await srv.post(`/api/v1/coverage/plans/${conf.coverage_plans[0].id}/accept`, {})).status, 200);
        const range = `from=${DAY}&to=${addDays(DAY, 2)}`;
        const covers = (await srv.listAll(`/api/v1/coverage/covers?${range}`)).filter((c) => c.principal_id === piret.id);
        assert.ok(covers.some((c) => c.status === 'accepted') && covers.every((c) => c.assistant_id === bert.id), JSON.stringify(covers));
        // Frank's seat is confirmed and completed: the session took place for him.
        await act(w.asMari, eFrank, 'confirm');
        await act(asAdmin, eFrank, 'complete');

        const invites = await mails('training.invite', anna);
        assert.equal(invites.length, 2, 'one invitation per meeting');
        const uids = invites.map((m) => prop(vevent(m.cal), 'UID')).sort();
        for (const m of invites) {
            assert.equal(prop(m.cal, 'METHOD'), 'REQUEST');
            assert.equal(prop(vevent(m.cal), 'SEQUENCE'), '0');
        }
        const feedBefore = await srv.get(feed.json.url, { auth: false });
        assert.equal(feedBefore.status, 200);
        assert.ok(feedBefore.text.includes(course.name), 'the session is in Anna\'s calendar feed');
        // Her feed names each meeting as its invitation does (UID and SEQUENCE), so a calendar
        // that subscribes to the feed and has accepted the invitation shows the session once.
        const fed = parseIcs(feedBefore.text).children.filter((c) => c.name === 'VEVENT' && prop(c, 'SUMMARY') === course.name);
        assert.deepEqual(fed.map((ev) => prop(ev, 'UID')).sort(), uids, 'the feed\'s UIDs are the invitations\'');
        for (const ev of fed) assert.equal(prop(ev, 'SEQUENCE') ?? '0', '0', 'the invitation\'s SEQUENCE');

        // A completed enrolment refuses the cancel, and it changes nothing (Anna's enrolment,
        // handled before Frank's, included).
        const audit = await srv.auditState();
        const cur = await srv.getOk(`/api/v1/training-sessions/${s.id}`);
        assertError(await srv.patch(`/api/v1/training-sessions/${s.id}`, { status: 'cancelled' }, cur.version), 409, 'invalid_transition', 'status');
        assert.deepEqual(await srv.auditState(), audit, 'the refused cancel wrote to the audit log');
        assert.equal((await srv.getOk(`/api/v1/training-sessions/${s.id}`)).status, 'planned');
        assert.equal((await enrolment(eAnna.id)).status, 'confirmed');
        for (const id of conf.absence_ids) assert.equal((await srv.getOk(`/api/v1/absences/${id}`)).status, 'approved');
        assert.deepEqual(await mails('training.cancel', anna), [], 'no cancellation mail');
        assert.deepEqual((await srv.listAll(`/api/v1/coverage/covers?${range}`)).filter((c) => c.principal_id === piret.id).map((c) => c.id), covers.map((c) => c.id));
        // A stale version is refused too.
        assertError(await srv.patch(`/api/v1/training-sessions/${s.id}`, { status: 'cancelled' }, cur.version + 1), 412, 'version_mismatch');

        // Frank's completion undone, the session is cancelled.
        await act(asAdmin, eFrank, 'reopen');
        const now = await srv.getOk(`/api/v1/training-sessions/${s.id}`);
        const c = await srv.patch(`/api/v1/training-sessions/${s.id}`, { status: 'cancelled' }, now.version);
        assert.equal(c.status, 200, c.text);
        assert.equal(c.json.status, 'cancelled');

        // Every enrolment is cancelled, audited as "session cancelled"; nobody moved up.
        for (const e of [eAnna, eFrank, eDora, req.json]) {
            const after = await enrolment(e.id);
            assert.equal(after.status, 'cancelled', JSON.stringify(after));
            assert.equal(after.decision_note, 'the training session was cancelled');
            const log = await srv.getOk(`/api/v1/audit?entity=enrolment&entity_id=${e.id}`);
            const row = log.items.find((r) => r.action === 'session cancelled');
            assert.ok(row, JSON.stringify(log.items.map((r) => r.action)));
            assert.equal(row.after.status, 'cancelled');
        }
        assert.notEqual((await enrolment(eDora.id)).waitlisted, false, 'the waitlist did not move up into a cancelled session');
        // Anna's absences are cancelled by the absence workflow, and Bert's covers released.
        for (const id of conf.absence_ids) {
            const a = await srv.getOk(`/api/v1/absences/${id}`);
            assert.equal(a.status, 'cancelled');
            const log = await srv.getOk(`/api/v1/audit?entity=absence&entity_id=${id}`);
            assert.ok(log.items.some((r) => r.action === 'cancel'), JSON.stringify(log.items.map((r) => r.action)));
        }
        const left = (await srv.listAll(`/api/v1/coverage/covers?${range}`)).filter((x) => x.principal_id === piret.id);
        assert.deepEqual(left, [], 'the covers planned for the training are released');
        for (const cv of covers) {
            const log = await srv.getOk(`/api/v1/audit?entity=coverage%20cover&entity_id=${cv.id}`);
            assert.ok(log.items.some((r) => r.action === 'release'), JSON.stringify(log.items.map((r) => r.action)));
        }
        const told = await srv.getOk(`/api/v1/audit?entity=principal&entity_id=${piret.id}`);
        assert.ok(told.items.some((r) => r.action === 'notify'), 'Piret is told her assistant is back');

        // Anna's mail: an iTIP CANCEL per invitation, in Estonian, with the invitation's UID.
        const anns = await mails('training.cancel', anna);
        assert.equal(anns.length, 2);
        assert.deepEqual(anns.map((m) => prop(vevent(m.cal), 'UID')).sort(), uids, 'the UIDs of the invitations');
        for (const m of anns) {
            assert.equal(m.lang, 'et');
            assert.match(m.subject, /^Tühistatud: /);
            assert.match(m.body, /Koolitus jääb ära/);
            assert.equal(prop(m.cal, 'METHOD'), 'CANCEL');
            const ev = vevent(m.cal);
            assert.equal(prop(ev, 'SEQUENCE'), '1', 'one more than the invitation');
            assert.equal(prop(ev, 'STATUS'), 'CANCELLED');
            assert.equal(prop(ev, 'ATTENDEE'), `mailto:${anna.email}`);
        }
        assert.deepEqual(anns.map((m) => prop(vevent(m.cal), 'DTSTART')).sort(), days.map((d) => `${d.replaceAll('-', '')}T100000Z`));
        // The manager who gave the seats: the same CANCELs for Anna's and Frank's seats, in
        // English, and a plain word about Dora's waitlisted seat.
        const mm = await mails('training.cancel', w.mari);
        assert.equal(mm.length, 5, JSON.stringify(mm.map((m) => m.subject)));
        assert.ok(mm.every((m) => m.lang === 'en' && /^Cancelled: /.test(m.subject)));
        const mariCals = mm.filter((m) => m.cal);
        assert.equal(mariCals.length, 4);
        assert.ok(uids.every((u) => mariCals.some((m) => prop(vevent(m.cal), 'UID') === u)));
        assert.ok(mariCals.every((m) => prop(m.cal, 'METHOD') === 'CANCEL' && prop(vevent(m.cal), 'SEQUENCE') === '1'));
        assert.equal(mm.filter((m) => !m.cal && m.body.includes(dora.name)).length, 1);
        // Frank's CANCEL carries his own invitations' UIDs.
        const frankInv = (await mails('training.invite', frank)).map((m) => prop(vevent(m.cal), 'UID')).sort();
        const frankCancel = (await mails('training.cancel', frank)).map((m) => prop(vevent(m.cal), 'UID')).sort();
        assert.equal(frankInv.length, 2);
        assert.deepEqual(frankCancel, frankInv);
        // Dora (waitlisted) and Eve (requested) had no invitation: one mail each, no calendar part.
        for (const p of [dora, eve]) {
            const m = await mails('training.cancel', p);
            assert.equal(m.length, 1, p.name);
            assert.equal(m[0].ics, null);
            assert.match(m[0].body, /The training session was cancelled/);
        }
        // Anna's calendar feed no longer has the session.
        const feedAfter = await srv.get(feed.json.url, { auth: false });
        assert.equal(feedAfter.status, 200);
        assert.ok(!feedAfter.text.includes(course.name), 'the cancelled session left the feed');
        // Cancelling it again changes nothing and sends nothing.
        const again = await srv.getOk(`/api/v1/training-sessions/${s.id}`);
        assert.equal((await srv.patch(`/api/v1/training-sessions/${s.id}`, { notes: 'cancelled: the trainer is ill' }, again.version)).status, 200);
        assert.equal((await mails('training.cancel', anna)).length, 2);
        // Enrolling in a cancelled session is refused.
        assertError(await w.asMari.post(`/api/v1/training/sessions/${s.id}/enrol`, { assistant_id: anna.id }), 409, 'conflict');
    });

    test('cancelling one enrolment sends its iTIP CANCEL and moves the waitlist up', async () => {
        const srv = h.srv;
        const gail = await worker('assistants');
        const hugo = await worker('assistants');
        const asGail = await login(gail, 'assistant');
        const { session: s } = await session(1, [addDays(DAY, 5)]);
        const eg = (await w.asMari.post(`/api/v1/training/sessions/${s.id}/enrol`, { assistant_id: gail.id })).json;
        const eh = (await w.asMari.post(`/api/v1/training/sessions/${s.id}/enrol`, { assistant_id: hugo.id })).json;
        assert.equal(eh.waitlisted, true);
        await act(w.asMari, eg, 'confirm');
        const inv = await mails('training.invite', gail);
        assert.equal(inv.length, 1);
        // Gail cancels her own seat.
        const done = await act(asGail, eg, 'cancel');
        assert.equal(done.status, 'cancelled');
        assert.equal((await enrolment(eh.id)).waitlisted, false, 'Hugo takes the seat');
        const c = await mails('training.cancel', gail);
        assert.equal(c.length, 1);
        assert.equal(prop(c[0].cal, 'METHOD'), 'CANCEL');
        const ev = vevent(c[0].cal);
        assert.equal(prop(ev, 'UID'), prop(vevent(inv[0].cal), 'UID'));
        assert.equal(prop(ev, 'SEQUENCE'), '1');
        assert.equal(prop(ev, 'STATUS'), 'CANCELLED');
        assert.match(c[0].body, /This seat at the training was cancelled/);
        const m = (await mails('training.cancel', w.mari)).filter((x) => x.body.includes(gail.name));
        assert.equal(m.length, 1, 'the manager who gave the seat is told');
        assert.equal(prop(vevent(m[0].cal), 'UID'), prop(ev, 'UID'));
        assert.deepEqual(await mails('training.cancel', hugo), [], 'moving up is not a cancellation');
        // A waitlisted seat withdrawn had no invitation: no mail.
        const { session: s2 } = await session(1, [addDays(DAY, 6)]);
        await w.asMari.post(`/api/v1/training/sessions/${s2.id}/enrol`, { assistant_id: hugo.id });
        const ew = (await w.asMari.post(`/api/v1/training/sessions/${s2.id}/enrol`, { assistant_id: gail.id })).json;
        await act(w.asMari, ew, 'cancel');
        assert.equal((await mails('training.cancel', gail)).length, 1);
        assertError(await srv.post(`/api/v1/training-enrolments/${eg.id}/cancel`, {}), 409, 'invalid_transition', 'status');
    });

    test('the CLI cancels a session the same way, and is refused the same way', async () => {
        const srv = h.srv;
        const ines = await worker('assistants');
        const { session: s } = await session(2, [addDays(DAY, 8)]);
        const e = (await w.asMari.post(`/api/v1/training/sessions/${s.id}/enrol`, { assistant_id: ines.id })).json;
        await act(w.asMari, e, 'confirm');
        await act(asAdmin, e, 'complete');
        const refused = await run(['training', 'cancel-session', String(s.id), '--db', srv.db]);
        assert.equal(refused.code, 1);
        assert.match(refused.stderr, /a session that took place is not cancelled/);
        assert.equal((await srv.getOk(`/api/v1/training-sessions/${s.id}`)).status, 'planned');
        await act(asAdmin, e, 'reopen');
        const r = await runOk(['training', 'cancel-session', String(s.id), '--db', srv.db]);
        assert.equal(r.stdout, `session ${s.id}: cancelled\n`);
        assert.equal((await enrolment(e.id)).status, 'cancelled');
        const c = await mails('training.cancel', ines);
        assert.equal(c.length, 1);
        assert.equal(prop(c[0].cal, 'METHOD'), 'CANCEL');
    });
});
