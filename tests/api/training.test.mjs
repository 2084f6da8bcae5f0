// training.test.mjs: the training domain (issue 11) over HTTP — the catalog and search by
// skill, seats and the first-come waitlist under concurrent enrolments (exactly `capacity`
// seats), the waitlist moving up on a cancellation, an assistant's request and its approval,
// the coverage impact of a seat (a what-if that saves nothing), the confirmation making
// approved training absences that a plan covers and queuing invitations with .ics, completion
// raising a skill and its undo, an expired certificate lowering the skill the planner sees (a
// cover becomes a gap), training needs, the budget, late arrangements, and who sees what.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertError, personBody, principalBody, run, runOk, todayIn, unique, useServer } from './lib.mjs';

const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const TODAY = new Date().toISOString().slice(0, 10);
// Far enough ahead that nothing of the demo is planned there.
const DAY = addDays(TODAY, 160);
const at = (day, hh) => `${day}T${hh}:00:00Z`;

describe('training', () => {
    const h = useServer();
    const w = {};

    /** Requests as the account of person p (an API token from the CLI). */
    async function login(p, role) {
        const loginName = `${unique('training')}@test.example`;
        const add = await h.srv.post('/api/v1/users', { login: loginName, role, person_id: p.id, password: 'training-test-password-2026' });
        assert.equal(add.status, 201, add.text);
        const r = await runOk(['user', 'token', loginName, '--db', h.srv.db, '--name', 'training tests']);
        const token = /hld_[A-Za-z0-9_-]+/.exec(r.stdout)[0];
        const auth = { Authorization: `Bearer ${token}` };
        return {
            get: (url) => h.srv.req('GET', url, { headers: auth }),
            post: (url, json, ifMatch) => h.srv.req('POST', url, { headers: auth, json, ifMatch }),
        };
    }

    /** A person of the kind who works 09–17 UTC every day. */
    async function worker(kind, extra = {}) {
        const body = kind === 'principals' ? principalBody({ time_zone: 'UTC', office: w.office, ...extra }) : personBody({ time_zone: 'UTC', office: w.office, ...extra });
        const p = await h.srv.create(kind, body);
        for (let wd = 1; wd <= 7; wd++) await h.srv.create('work-patterns', { person_id: p.id, weekday: wd, start_time: '09:00', end_time: '17:00' });
        return p;
    }

    /** A course teaching skill to level, a session of it with one meeting on day. */
    async function session(skill, level, capacity, day = DAY, extra = {}) {
        const course = await h.srv.create('training-courses', { name: unique('Course '), format: 'workshop', cost: 300, language: 'et' });
        await h.srv.create('course-skills', { course_id: course.id, skill_id: skill.id, level });
        const s = await h.srv.create('training-sessions', { course_id: course.id, name: unique('Session '), capacity, cost: 250, time_zone: 'UTC', ...extra });
        const m = await h.srv.create('training-meetings', { session_id: s.id, start_at: at(day, '10'), end_at: at(day, '12') });
        return { course, session: s, meeting: m };
    }

    before(async () => {
        w.office = unique('Training office ');
        w.skill = await h.srv.create('skills', { name: unique('Finnish ') });
        w.anna = await worker('assistants');
        w.bert = await worker('assistants');
        w.piret = await worker('principals');
        await h.srv.create('assignments', { assistant_id: w.anna.id, principal_id: w.piret.id, kind: 'primary', start_date: addDays(TODAY, -30) });
        w.as = { anna: await login(w.anna, 'assistant'), bert: await login(w.bert, 'assistant') };
    });

    test('the catalog: validation and search by skill', async () => {
        const srv = h.srv;
        assertError(await srv.post('/api/v1/training-courses', { name: unique('C '), format: 'lecture' }), 422, 'invalid', 'format');
        assertError(await srv.post('/api/v1/training-courses', { provider: 'x' }), 422, 'invalid', 'name');
        const low = await srv.create('training-courses', { name: unique('Low '), cost: 100 });
        const high = await srv.create('training-courses', { name: unique('High '), cost: 900 });
        await srv.create('course-skills', { course_id: low.id, skill_id: w.skill.id, level: 2 });
        await srv.create('course-skills', { course_id: high.id, skill_id: w.skill.id, level: 5 });
        assertError(await srv.post('/api/v1/course-skills', { course_id: low.id, skill_id: w.skill.id, level: 6 }), 422, 'invalid', 'level');
        const all = await srv.getOk(`/api/v1/training/course-search?skill_id=${w.skill.id}`);
        assert.deepEqual(all.items.map((c) => c.id), [low.id, high.id], 'cheapest first');
        const four = await srv.getOk(`/api/v1/training/course-search?skill_id=${w.skill.id}&min_level=4`);
        assert.deepEqual(four.items.map((c) => c.id), [high.id]);
        assert.ok((await srv.getOk('/api/v1/training/course-search')).items.some((c) => c.id === low.id && c.skill_id === w.skill.id));
        assertError(await srv.get(`/api/v1/training/course-search?skill_id=${w.skill.id}&min_level=9`), 400, 'bad_request', 'min_level');
        // The catalog is everyone's to read.
        const seen = await w.as.anna.get(`/api/v1/training-courses/${high.id}`);
        assert.equal(seen.status, 200);
        assertError(await w.as.anna.post('/api/v1/training-courses', { name: unique('Mine ') }), 403, 'forbidden');
    });

    test('concurrent enrolments take exactly capacity seats; the waitlist moves up in order', async () => {
        const srv = h.srv;
        const { session: s } = await session(w.skill, 3, 3);
        const people = [];
        for (let i = 0; i < 8; i++) people.push(await worker('assistants'));
        const answers = await Promise.all(people.map((p) => srv.post(`/api/v1/training/sessions/${s.id}/enrol`, { assistant_id: p.id })));
        for (const r of answers) assert.equal(r.status, 201, r.text);
        const seated = answers.filter((r) => !r.json.waitlisted);
        assert.equal(seated.length, 3, 'exactly capacity seats');
        const view = await srv.getOk(`/api/v1/training/sessions/${s.id}/view`);
        assert.equal(view.seats_taken, 3);
        assert.equal(view.waitlist, 5);
        const waiting = view.enrolments.filter((e) => e.waitlisted);
        assert.deepEqual(waiting.map((e) => e.waitlist_position), [1, 2, 3, 4, 5]);
        // First come, first seated: the waitlist is in the order the enrolments were written.
        const order = [...waiting].sort((a, b) => a.id - b.id).map((e) => e.id);
        assert.deepEqual(waiting.map((e) => e.id), order);
        // The same assistant twice: refused, nothing changes.
        assertError(await srv.post(`/api/v1/training/sessions/${s.id}/enrol`, { assistant_id: people[0].id }), 409, 'duplicate', 'assistant_id');
        // A waitlisted enrolment cannot be confirmed.
        const first = await srv.getOk(`/api/v1/training-enrolments/${waiting[0].id}`);
        assertError(await srv.post(`/api/v1/training-enrolments/${first.id}/confirm`, {}, { ifMatch: first.version }), 409, 'waitlisted', 'waitlisted');
        // A seated one cancels: the first of the waitlist takes the seat, the rest move up.
        const gone = await srv.getOk(`/api/v1/training-enrolments/${seated[0].json.id}`);
        const c = await srv.post(`/api/v1/training-enrolments/${gone.id}/cancel`, {}, { ifMatch: gone.version });
        assert.equal(c.status, 200, c.text);
        assert.equal(c.json.status, 'cancelled');
        const after = await srv.getOk(`/api/v1/training/sessions/${s.id}/view`);
        assert.equal(after.seats_taken, 3);
        assert.equal(after.waitlist, 4);
        const promoted = await srv.getOk(`/api/v1/training-enrolments/${waiting[0].id}`);
        assert.equal(promoted.waitlisted, false);
        assert.deepEqual(after.enrolments.filter((e) => e.waitlisted).map((e) => e.id), waiting.slice(1).map((e) => e.id));
        // Cancelling a waitlisted one seats nobody.
        const last = await srv.getOk(`/api/v1/training-enrolments/${waiting[4].id}`);
        assert.equal((await srv.post(`/api/v1/training-enrolments/${last.id}/cancel`, {}, { ifMatch: last.version })).status, 200);
        const end = await srv.getOk(`/api/v1/training/sessions/${s.id}/view`);
        assert.equal(end.seats_taken, 3);
        assert.equal(end.waitlist, 3);
        // Raising the capacity by two seats the next two of the waitlist, in order.
        const cur = await srv.getOk(`/api/v1/training-sessions/${s.id}`);
        assert.equal((await srv.patch(`/api/v1/training-sessions/${s.id}`, { capacity: 5 }, cur.version)).status, 200);
        const grown = await srv.getOk(`/api/v1/training/sessions/${s.id}/view`);
        assert.equal(grown.seats_taken, 5);
        assert.deepEqual(grown.enrolments.filter((e) => e.waitlisted && e.status === 'enrolled').map((e) => e.id), [waiting[3].id]);
    });

    test('an assistant requests a seat for themself; the manager approves; who sees what', async () => {
        const srv = h.srv;
        const { session: s } = await session(w.skill, 3, 1);
        assertError(await w.as.anna.post(`/api/v1/training/sessions/${s.id}/enrol`, { assistant_id: w.bert.id }), 403, 'forbidden', 'assistant_id');
        const r = await w.as.anna.post(`/api/v1/training/sessions/${s.id}/enrol`, { note: 'for the Finnish clients' });
        assert.equal(r.status, 201, r.text);
        assert.equal(r.json.status, 'requested');
        assert.equal(r.json.assistant_id, w.anna.id);
        // Only managers approve; the other assistant sees nothing of it.
        assertError(await w.as.anna.post(`/api/v1/training-enrolments/${r.json.id}/approve`, {}, r.json.version), 403, 'forbidden');
        assertError(await w.as.bert.get(`/api/v1/training-enrolments/${r.json.id}`), 404, 'not_found');
        const bertList = await w.as.bert.get(`/api/v1/training-enrolments?session_id=${s.id}`);
        assert.deepEqual(bertList.json.items, []);
        const bertView = await w.as.bert.get(`/api/v1/training/sessions/${s.id}/view`);
        assert.deepEqual(bertView.json.enrolments, [], "another assistant's enrolment is not in the session view");
        assert.equal(bertView.json.arrangements, null, 'arrangements are for managers');
        assert.equal((await w.as.anna.get(`/api/v1/training-enrolments/${r.json.id}`)).status, 200);
        const ap = await srv.post(`/api/v1/training-enrolments/${r.json.id}/approve`, { note: 'yes' }, { ifMatch: r.json.version });
        assert.equal(ap.status, 200, ap.text);
        assert.equal(ap.json.status, 'enrolled');
        assert.equal(ap.json.waitlisted, false);
        // Bert's request to the now full session waits once approved.
        const b = await w.as.bert.post(`/api/v1/training/sessions/${s.id}/enrol`, {});
        const bap = await srv.post(`/api/v1/training-enrolments/${b.json.id}/approve`, {}, { ifMatch: b.json.version });
        assert.equal(bap.json.waitlisted, true);
        // The assistant cancels their own; Bert moves up.
        const mine = await w.as.anna.get(`/api/v1/training-enrolments/${r.json.id}`);
        const cx = await w.as.anna.post(`/api/v1/training-enrolments/${r.json.id}/cancel`, {}, mine.json.version);
        assert.equal(cx.status, 200, cx.text);
        assert.equal((await srv.getOk(`/api/v1/training-enrolments/${b.json.id}`)).waitlisted, false);
        // My training: Bert's own enrolments, not Anna's.
        const my = await w.as.bert.get('/api/v1/training/mine');
        assert.equal(my.status, 200, my.text);
        assert.ok(my.json.enrolments.some((e) => e.id === b.json.id));
        assertError(await w.as.bert.get(`/api/v1/training/mine?assistant_id=${w.anna.id}`), 404, 'not_found');
        assertError(await w.as.bert.get('/api/v1/training/needs'), 403, 'forbidden');
    });

    test('the impact before confirming saves nothing; the confirmation makes covered training absences and invitations', async () => {
        const srv = h.srv;
        const day = addDays(DAY, 3);
        const { session: s } = await session(w.skill, 3, 2, day);
        const e = await srv.create(`training/sessions/${s.id}/enrol`, { assistant_id: w.anna.id });
        const audit = await srv.auditState();
        const before = await srv.getOk(`/api/v1/absences?person_id=${w.anna.id}`);
        const im = await srv.post(`/api/v1/training/enrolments/${e.id}/impact`, {});
        assert.equal(im.status, 200, im.text);
        assert.equal(im.json.absences.length, 1);
        assert.equal(im.json.absences[0].start_at, at(day, '10'));
        const one = im.json.absences[0].impact;
        assert.equal(one.assistant, true);
        const pr = one.principals.find((p) => p.principal_id === w.piret.id);
        assert.ok(pr, JSON.stringify(one.principals));
        assert.deepEqual(await srv.auditState(), audit, 'the what-if wrote to the audit log');
        assert.deepEqual(await srv.getOk(`/api/v1/absences?person_id=${w.anna.id}`), before, 'the what-if saved an absence');

        const cur = await srv.getOk(`/api/v1/training-enrolments/${e.id}`);
        const c = await srv.post(`/api/v1/training-enrolments/${e.id}/confirm`, {}, { ifMatch: cur.version });
        assert.equal(c.status, 200, c.text);
        assert.equal(c.json.status, 'confirmed');
        assert.equal(c.json.absence_ids.length, 1);
        assert.equal(c.json.coverage_plans.length, 1);
        const abs = await srv.getOk(`/api/v1/absences/${c.json.absence_ids[0]}`);
        assert.equal(abs.kind, 'training');
        assert.equal(abs.status, 'approved');
        assert.equal(abs.start_at, at(day, '10'));
        assert.equal(abs.end_at, at(day, '12'));
        // The plan made on confirmation covers Piret's hours with Bert (he works then).
        const plan = c.json.coverage_plans[0];
        assert.ok(plan && plan.covers.some((cv) => cv.principal_id === w.piret.id && cv.assistant_id === w.bert.id), JSON.stringify(plan));
        // The invitation waits in the outbox with its iTIP text.
        const mail = await srv.getOk('/api/v1/mail?kind=training.invite&limit=500');
        const inv = mail.items.find((m) => m.person_id === w.anna.id);
        assert.ok(inv, 'no invitation queued');
        assert.match(JSON.stringify(inv), /METHOD:REQUEST|text\/calendar|ics/);
        // Cancelling the confirmed enrolment cancels its absence.
        const now = await srv.getOk(`/api/v1/training-enrolments/${e.id}`);
        assert.equal((await srv.post(`/api/v1/training-enrolments/${e.id}/cancel`, {}, { ifMatch: now.version })).status, 200);
        assert.equal((await srv.getOk(`/api/v1/absences/${abs.id}`)).status, 'cancelled');
    });

    test('completion raises the skill to the course level, audited; reopening undoes it', async () => {
        const srv = h.srv;
        const a = await worker('assistants');
        const other = await srv.create('skills', { name: unique('Minutes ') });
        const held = await srv.create('assistant-skills', { assistant_id: a.id, skill_id: w.skill.id, level: 2 });
        const { course, session: s } = await session(w.skill, 4, 2, addDays(DAY, 10));
        await srv.create('course-skills', { course_id: course.id, skill_id: other.id, level: 3 });
        const e = await srv.create(`training/sessions/${s.id}/enrol`, { assistant_id: a.id });
        let cur = await srv.getOk(`/api/v1/training-enrolments/${e.id}`);
        assertError(await srv.post(`/api/v1/training-enrolments/${e.id}/complete`, {}, { ifMatch: cur.version }), 409, 'invalid_transition');
        assert.equal((await srv.post(`/api/v1/training-enrolments/${e.id}/confirm`, {}, { ifMatch: cur.version })).status, 200);
        cur = await srv.getOk(`/api/v1/training-enrolments/${e.id}`);
        const view = await srv.getOk(`/api/v1/training/sessions/${s.id}/view`);
        const occ = view.occurrences[0];
        const att = await srv.post(`/api/v1/training/enrolments/${e.id}/attendance`, { meeting_id: occ.meeting_id, start_at: occ.start_at, present: true });
        assert.equal(att.status, 201, att.text);
        assertError(await srv.post(`/api/v1/training/enrolments/${e.id}/attendance`, { meeting_id: occ.meeting_id, start_at: '2020-01-01T00:00:00Z' }), 422, 'invalid', 'start_at');
        const done = await srv.post(`/api/v1/training-enrolments/${e.id}/complete`, {}, { ifMatch: cur.version });
        assert.equal(done.status, 200, done.text);
        const skills = await srv.getOk(`/api/v1/assistant-skills?assistant_id=${a.id}`);
        const level = (id) => skills.items.find((k) => k.skill_id === id)?.level;
        assert.equal(level(w.skill.id), 4, 'raised to the course level');
        assert.equal(level(other.id), 3, 'a skill not held before is added');
        const audit = await srv.getOk(`/api/v1/audit?entity=assistant%20skill&entity_id=${held.id}`);
        assert.ok(audit.items.some((r) => r.action === 'update'), JSON.stringify(audit.items));
        // A certificate for the completion, one per skill taught.
        const cert = await srv.post(`/api/v1/training/enrolments/${e.id}/certificates`, { title: 'Finnish B2', issued_on: addDays(DAY, 10), expires_on: addDays(DAY, 800) });
        assert.equal(cert.status, 201, cert.text);
        assert.equal(cert.json.certificates.length, 2);
        const fc = cert.json.certificates.find((c) => c.skill_id === w.skill.id);
        assert.equal(fc.level, 4);
        assert.equal(fc.level_without, 2, 'what counts once it expires: the level before the course');
        // Undo: the skills go back, the added one goes, the certificates go.
        const back = await srv.post(`/api/v1/training-enrolments/${e.id}/reopen`, {}, { ifMatch: done.json.version });
        assert.equal(back.status, 200, back.text);
        assert.equal(back.json.status, 'confirmed');
        const again = await srv.getOk(`/api/v1/assistant-skills?assistant_id=${a.id}`);
        assert.equal(again.items.find((k) => k.skill_id === w.skill.id)?.level, 2);
        assert.equal(again.items.find((k) => k.skill_id === other.id), undefined);
        assert.deepEqual((await srv.getOk(`/api/v1/certificates?assistant_id=${a.id}`)).items, []);
    });

    test('an expired certificate lowers the skill the planner sees: the cover becomes a gap', async () => {
        const srv = h.srv;
        w.office2 = unique('Expiry office ');
        const day = addDays(DAY, 20);
        const rare = await srv.create('skills', { name: unique('Board law ') });
        const duty = await srv.create('duties', { name: unique('Board law duty ') });
        await srv.create('duty-skills', { duty_id: duty.id, skill_id: rare.id, min_level: 3 });
        const mk = async (kind) => {
            const body = kind === 'principals' ? principalBody({ time_zone: 'UTC', office: w.office2 }) : personBody({ time_zone: 'UTC', office: w.office2 });
            const p = await srv.create(kind, body);
            for (let wd = 1; wd <= 7; wd++) await srv.create('work-patterns', { person_id: p.id, weekday: wd, start_time: '09:00', end_time: '17:00' });
            return p;
        };
        const own = await mk('assistants');
        const backup = await mk('assistants');
        const boss = await mk('principals');
        await srv.create('principal-duties', { principal_id: boss.id, duty_id: duty.id, must_have: true });
        await srv.create('assistant-skills', { assistant_id: own.id, skill_id: rare.id, level: 3 });
        await srv.create('assistant-skills', { assistant_id: backup.id, skill_id: rare.id, level: 3 });
        await srv.create('assignments', { assistant_id: own.id, principal_id: boss.id, kind: 'primary', start_date: addDays(TODAY, -10) });
        const cert = await srv.create('certificates', { assistant_id: backup.id, skill_id: rare.id, level: 3, level_without: 1, title: 'Board law', issued_on: addDays(TODAY, -400), expires_on: addDays(TODAY, 300) });
        const abs = await srv.create('absences', { person_id: own.id, kind: 'vacation', start_at: at(day, '00'), end_at: at(addDays(day, 1), '00') });
        const coversOf = (im) => im.covers.filter((c) => c.principal_id === boss.id);
        const gapsOf = (im) => im.open_gaps.filter((g) => g.principal_id === boss.id);
        const valid = await srv.getOk(`/api/v1/absences/${abs.id}/impact`);
        assert.ok(coversOf(valid).some((c) => c.assistant_id === backup.id), JSON.stringify(valid.covers));
        assert.deepEqual(gapsOf(valid), []);
        // The certificate expired yesterday: the stored level stays 3, the planner sees 1.
        const ch = await srv.patch(`/api/v1/certificates/${cert.id}`, { expires_on: addDays(TODAY, -1) }, cert.version);
        assert.equal(ch.status, 200, ch.text);
        const stored = await srv.getOk(`/api/v1/assistant-skills?assistant_id=${backup.id}`);
        assert.equal(stored.items[0].level, 3);
        const expired = await srv.getOk(`/api/v1/absences/${abs.id}/impact`);
        assert.deepEqual(coversOf(expired).filter((c) => c.assistant_id === backup.id), [], JSON.stringify(expired.covers));
        const gaps = gapsOf(expired);
        assert.ok(gaps.length > 0, JSON.stringify(expired));
        assert.ok(gaps.every((g) => typeof g.reason === 'string' && g.reason.length > 0));
        // The planner proper agrees: the plan made on approval leaves the executive's gap open.
        const ap = await srv.post(`/api/v1/absences/${abs.id}/approve`, {}, { ifMatch: abs.version });
        assert.equal(ap.status, 200, ap.text);
        const plan = ap.json.coverage_plan;
        assert.ok(plan.open_gaps.some((g) => g.principal_id === boss.id), JSON.stringify(plan));
        assert.ok(!plan.covers.some((c) => c.principal_id === boss.id && c.assistant_id === backup.id));
        // The needs page names the expiry's consequence: the backup is not listed (no
        // assignment), but the pool ranking counts no holder of the level now.
        const needs = await srv.getOk('/api/v1/training/needs');
        const stake = needs.pool.find((p) => p.skill_id === rare.id && p.level === 3);
        assert.ok(stake, JSON.stringify(needs.pool.slice(0, 3)));
        assert.equal(stake.executives, 1);
        assert.equal(stake.assistants, 1, 'only the own assistant still holds it');
    });

    test('training needs: must-have first, with courses; certificates expiring soon', async () => {
        const srv = h.srv;
        const office = unique('Needs office ');
        const fi = await srv.create('skills', { name: unique('Finnish ') });
        const xl = await srv.create('skills', { name: unique('Excel ') });
        const d1 = await srv.create('duties', { name: unique('Finnish clients ') });
        const d2 = await srv.create('duties', { name: unique('Reports ') });
        await srv.create('duty-skills', { duty_id: d1.id, skill_id: fi.id, min_level: 4 });
        await srv.create('duty-skills', { duty_id: d2.id, skill_id: xl.id, min_level: 5 });
        const kadri = await srv.create('assistants', personBody({ office, name: 'Kadri Needs' }));
        const helen = await srv.create('principals', principalBody({ office, name: 'Helen Needs' }));
        await srv.create('principal-duties', { principal_id: helen.id, duty_id: d1.id, must_have: true });
        await srv.create('principal-duties', { principal_id: helen.id, duty_id: d2.id, must_have: false });
        await srv.create('assignments', { assistant_id: kadri.id, principal_id: helen.id, kind: 'primary', start_date: addDays(TODAY, -5) });
        await srv.create('assistant-skills', { assistant_id: kadri.id, skill_id: fi.id, level: 2 });
        const course = await srv.create('training-courses', { name: unique('Soome keel B2 '), cost: 420 });
        await srv.create('course-skills', { course_id: course.id, skill_id: fi.id, level: 4 });
        await srv.create('certificates', { assistant_id: kadri.id, skill_id: fi.id, level: 2, title: 'Finnish A2', issued_on: addDays(TODAY, -300), expires_on: addDays(TODAY, 20) });
        const r = await srv.getOk(`/api/v1/training/needs?assistant_id=${kadri.id}`);
        assert.equal(r.assistants.length, 1);
        const k = r.assistants[0];
        assert.equal(k.name, 'Kadri Needs');
        assert.deepEqual(k.needs.map((n) => [n.skill_id, n.required, n.have, n.must]), [
            [fi.id, 4, 2, true],
            [xl.id, 5, 0, false],
        ]);
        assert.deepEqual(k.needs[0].principals, [{ id: helen.id, name: 'Helen Needs' }]);
        assert.deepEqual(k.needs[0].courses.map((c) => c.id), [course.id]);
        assert.equal(k.expiring.length, 1);
        assert.equal(k.expiring[0].skill_id, fi.id);
        // The server's periodic work (here run once by hand) tells Kadri and the managers once.
        const jobs = await runOk(['jobs', 'run', '--db', srv.db]);
        assert.match(jobs.stdout, /^training: \d+ certificate expiry notices? queued$/m);
        const mails = (await srv.getOk('/api/v1/mail?limit=200')).items.filter((m) => m.kind === 'training.expiry' && /Finnish A2|Kadri Needs/.test(m.subject + (m.body || '')));
        assert.ok(mails.length >= 1, 'an expiry notice was queued');
        const again = await runOk(['jobs', 'run', '--db', srv.db]);
        assert.doesNotMatch(again.stdout, /^training:/m, 'a notice goes once');
        assertError(await srv.get('/api/v1/training/needs?soon_days=999'), 400, 'bad_request', 'soon_days');
    });

    test('the CLI: needs in words, enrolment and the workflow, usage errors', async () => {
        const srv = h.srv;
        const { session: s } = await session(w.skill, 3, 1, addDays(DAY, 40));
        const a = await worker('assistants');
        const b = await worker('assistants');
        const r1 = await runOk(['training', 'enrol', String(s.id), '--assistant-id', String(a.id), '--db', srv.db]);
        assert.match(r1.stdout, /^enrolment \d+: enrolled\n$/);
        const r2 = await runOk(['training', 'enrol', String(s.id), '--assistant-id', String(b.id), '--db', srv.db]);
        assert.match(r2.stdout, /enrolled \(waitlisted\)/);
        const id = Number(/enrolment (\d+)/.exec(r1.stdout)[1]);
        const c = await runOk(['training', 'cancel', String(id), '--note', 'ill', '--db', srv.db]);
        assert.match(c.stdout, new RegExp(`^enrolment ${id}: cancelled`));
        const view = JSON.parse((await runOk(['training', 'session', String(s.id), '--db', srv.db])).stdout);
        assert.equal(view.seats_taken, 1);
        assert.equal(view.waitlist, 0, 'the waitlisted assistant moved up');
        const needs = await runOk(['training', 'needs', '--db', srv.db]);
        assert.match(needs.stdout, /-> \d \((must|nice)\) for /);
        const bad = await run(['training', 'enrol', 'x', '--db', srv.db]);
        assert.equal(bad.code, 2);
        assert.match(bad.stderr, /needs the ID/);
    });

    test('budget per assistant and year, late arrangements, settings with If-Match', async () => {
        const srv = h.srv;
        const set = await srv.getOk('/api/v1/training/settings');
        assertError(await srv.patch('/api/v1/training/settings', { yearly_budget: 500 }), 428, 'if_match_required');
        assertError(await srv.patch('/api/v1/training/settings', { yearly_budget: -1 }, set.version), 422, 'invalid', 'yearly_budget');
        const ch = await srv.patch('/api/v1/training/settings', { yearly_budget: 200 }, set.version);
        assert.equal(ch.status, 200, ch.text);
        assert.equal(ch.json.yearly_budget, 200);
        assertError(await srv.patch('/api/v1/training/settings', { yearly_budget: 300 }, set.version), 412, 'version_mismatch');
        const day = addDays(TODAY, 20);
        const a = await worker('assistants');
        const { session: s } = await session(w.skill, 3, 2, day);
        const e = await srv.create(`training/sessions/${s.id}/enrol`, { assistant_id: a.id });
        assert.equal((await srv.post(`/api/v1/training-enrolments/${e.id}/confirm`, {}, { ifMatch: e.version })).status, 200);
        const b = await srv.getOk(`/api/v1/training/budget?year=${day.slice(0, 4)}`);
        const row = b.assistants.find((x) => x.assistant_id === a.id);
        assert.equal(row.spent, 250);
        assert.equal(row.left, -50);
        assert.equal(row.over, true);
        const late = await srv.create('training-arrangements', { session_id: s.id, title: 'Book the room', kind: 'room', due_date: addDays(TODAY, -2) });
        await srv.create('training-arrangements', { session_id: s.id, title: 'Print handouts', due_date: addDays(TODAY, 5) });
        const list = await srv.getOk('/api/v1/training/late-arrangements');
        assert.ok(list.items.some((x) => x.id === late.id));
        assert.ok(list.items.every((x) => x.due_date < TODAY));
        assert.equal((await srv.patch(`/api/v1/training-arrangements/${late.id}`, { done: true }, late.version)).status, 200);
        assert.ok(!(await srv.getOk('/api/v1/training/late-arrangements')).items.some((x) => x.id === late.id));
        assertError(await w.as.anna.get('/api/v1/training/late-arrangements'), 403, 'forbidden');
    });

    test("an arrangement is late by its session's own today, not by UTC's date", async () => {
        // Kiritimati (UTC+14) is a day ahead of UTC from 10:00 UTC, Pago Pago (UTC-11) a day
        // behind until 11:00 UTC: at every hour one of them is on another date than UTC.
        const srv = h.srv;
        const { session: east } = await session(w.skill, 1, 2, DAY, { time_zone: 'Pacific/Kiritimati' });
        const { session: west } = await session(w.skill, 1, 2, DAY, { time_zone: 'Pacific/Pago_Pago' });
        const eastToday = todayIn('Pacific/Kiritimati');
        const westToday = todayIn('Pacific/Pago_Pago');
        const yesterday = await srv.create('training-arrangements', { session_id: east.id, title: 'Book the room', due_date: addDays(eastToday, -1) });
        const dueToday = await srv.create('training-arrangements', { session_id: west.id, title: 'Send the agenda', due_date: westToday });
        const late = (await srv.getOk('/api/v1/training/late-arrangements')).items.map((x) => x.id);
        assert.ok(late.includes(yesterday.id), `due ${yesterday.due_date}, the day before ${eastToday} in Kiritimati`);
        assert.ok(!late.includes(dueToday.id), `due ${dueToday.due_date}, today in Pago Pago`);
        // The session's own page says the same.
        const lateOn = async (s, id) => (await srv.getOk(`/api/v1/training/sessions/${s.id}/view`)).arrangements.find((x) => x.id === id).late;
        assert.equal(await lateOn(east, yesterday.id), true);
        assert.equal(await lateOn(west, dueToday.id), false);
    });

    test("the budget's year without one is the manager's own this year", async () => {
        // On 31 December from 10:00 UTC it is already next year in Kiritimati (UTC+14).
        for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
            const me = await worker('assistants', { time_zone: zone });
            const b = await (await login(me, 'manager')).get('/api/v1/training/budget');
            assert.equal(b.status, 200, b.text);
            assert.equal(b.json.year, Number(todayIn(zone).slice(0, 4)), zone);
        }
    });

    test("a certificate has expired by its assistant's today, not by UTC's date", async () => {
        const srv = h.srv;
        const expired = async (zone, expires) => {
            const a = await worker('assistants', { time_zone: zone });
            const c = await srv.create('certificates', { assistant_id: a.id, skill_id: w.skill.id, level: 2, title: 'Minutes', issued_on: addDays(expires, -300), expires_on: expires });
            return (await srv.getOk(`/api/v1/training/mine?assistant_id=${a.id}`)).certificates.find((x) => x.id === c.id).expired;
        };
        assert.equal(await expired('Pacific/Kiritimati', todayIn('Pacific/Kiritimati')), true, 'it expired on her today');
        assert.equal(await expired('Pacific/Pago_Pago', addDays(todayIn('Pacific/Pago_Pago'), 1)), false, 'it expires on his tomorrow');
    });
});
