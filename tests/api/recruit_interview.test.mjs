// recruit_interview.test.mjs: recruiting's interviews and scorecards (issue 12) over HTTP — the
// panel must hold the requisition's executive; find-a-time keeps out the panel's busy time and
// keeps to the candidate's own availability; the candidate's slot link (plain HTML form, no
// script, its own CSP) books once, refuses a taken slot and a bad token; invitations with .ics
// are queued to the panel and the candidate; the assistant on the panel gets an `interview`
// absence that a coverage plan covers, and cancelling removes it; scorecards stay blind until
// one's own is submitted; a non-panel assistant cannot see the candidate.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertError, personBody, principalBody, runOk, unique, useServer } from './lib.mjs';

const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const TODAY = new Date().toISOString().slice(0, 10);
// Far enough ahead that nothing of the demo is planned there.
const DAY = addDays(TODAY, 170);
const at = (day, hhmm) => `${day}T${hhmm}:00Z`;

describe('recruiting interviews', () => {
    const h = useServer();
    const w = {};

    /** Requests as the account of person p (an API token from the CLI). */
    async function login(p, role) {
        const loginName = `${unique('interview')}@test.example`;
        const add = await h.srv.post('/api/v1/users', { login: loginName, role, person_id: p.id, password: 'interview-test-password-2026' });
        assert.equal(add.status, 201, add.text);
        const r = await runOk(['user', 'token', loginName, '--db', h.srv.db, '--name', 'interview tests']);
        const token = /hld_[A-Za-z0-9_-]+/.exec(r.stdout)[0];
        const auth = { Authorization: `Bearer ${token}` };
        return {
            get: (url) => h.srv.req('GET', url, { headers: auth }),
            post: (url, json, ifMatch) => h.srv.req('POST', url, { headers: auth, json, ifMatch }),
        };
    }

    /** A person of the kind who works 08–18 UTC every day. */
    async function worker(kind, extra = {}) {
        const body = kind === 'principals' ? principalBody({ time_zone: 'UTC', office: w.office, ...extra }) : personBody({ time_zone: 'UTC', office: w.office, ...extra });
        const p = await h.srv.create(kind, body);
        for (let wd = 1; wd <= 7; wd++) await h.srv.create('work-patterns', { person_id: p.id, weekday: wd, start_time: '08:00', end_time: '18:00' });
        return p;
    }

    /** A screened application to the requisition. */
    async function candidate(name, lang = 'en') {
        const a = await h.srv.create('applications', {
            requisition_id: w.req.id,
            name,
            email: `${unique('cand')}@example.com`,
            lang,
            resume_text: 'Board minutes, travel, Excel. Secret resume text.',
        });
        const s = await h.srv.post(`/api/v1/applications/${a.id}/screen`, undefined, { ifMatch: a.version });
        assert.equal(s.status, 200, s.text);
        return s.json;
    }

    /** Outbox rows of a kind for an address. */
    async function mails(kind, address) {
        const r = await h.srv.getOk(`/api/v1/mail?kind=${kind}&limit=500`);
        return r.items.filter((m) => !address || m.to_address === address);
    }

    before(async () => {
        w.office = unique('Interview office ');
        w.exec = await worker('principals');
        w.other = await worker('principals');
        w.anna = await worker('assistants');
        w.bert = await worker('assistants');
        // The manager's person (people are assistants or executives; the account makes a manager).
        w.boss = await worker('principals');
        // Anna supports the other executive.
        await h.srv.create('assignments', { assistant_id: w.anna.id, principal_id: w.other.id, kind: 'primary', start_date: addDays(TODAY, -30) });
        const r = await h.srv.create('requisitions', { title: unique('Assistant to the CEO '), reason: 'growth', principal_id: w.exec.id, office: w.office, must_skills: ['board minutes'], languages: ['English'] });
        const ok = await h.srv.post(`/api/v1/requisitions/${r.id}/approve`, undefined, { ifMatch: r.version });
        assert.equal(ok.status, 200, ok.text);
        w.req = ok.json;
        w.as = {
            boss: await login(w.boss, 'manager'),
            exec: await login(w.exec, 'principal'),
            anna: await login(w.anna, 'assistant'),
            bert: await login(w.bert, 'assistant'),
        };
    });

    test('the executive the requisition supports must be on the panel', async () => {
        const a = await candidate('Without Executive');
        const r = await w.as.boss.post(`/api/v1/applications/${a.id}/interviews`, { panel: [w.anna.id], start_at: at(DAY, '09:00') });
        assertError(r, 422, 'invalid', 'panel');
        assert.match(r.json.error.message, /executive/);
        // Nothing was made.
        assert.deepEqual((await h.srv.getOk(`/api/v1/applications/${a.id}/interviews`)).items, []);
        assertError(await w.as.boss.post(`/api/v1/applications/${a.id}/interviews/find-time`, { panel: [w.anna.id], from: at(DAY, '00:00'), to: at(addDays(DAY, 1), '00:00') }), 422, 'invalid', 'panel');
        // Either a time or slots, not both, not none.
        assertError(await w.as.boss.post(`/api/v1/applications/${a.id}/interviews`, { panel: [w.exec.id] }), 422, 'invalid', 'start_at');
        assertError(await w.as.boss.post(`/api/v1/applications/${a.id}/interviews`, { panel: [w.exec.id], slots: [{ start_at: at(DAY, '09:00') }] }), 422, 'invalid', 'slots');
        // Only managers arrange interviews.
        assertError(await w.as.exec.post(`/api/v1/applications/${a.id}/interviews`, { panel: [w.exec.id], start_at: at(DAY, '09:00') }), 403, 'forbidden');
    });

    test('booking: find-a-time avoids the panel busy time; invitations with .ics; the assistant is absent and covered', async () => {
        const a = await candidate('Booked Candidate', 'et');
        w.booked = a;
        const window = { from: at(DAY, '00:00'), to: at(addDays(DAY, 1), '00:00'), duration_minutes: 60 };
        const free = await w.as.boss.post(`/api/v1/applications/${a.id}/interviews/find-time`, { panel: [w.exec.id, w.anna.id], ...window, count: 20 });
        assert.equal(free.status, 200, free.text);
        assert.ok(free.json.slots.length > 0);
        assert.ok(free.json.slots.some((s) => s.start === at(DAY, '10:00')), JSON.stringify(free.json.slots));
        // Book 10:00 with Anna on the panel.
        const r = await w.as.boss.post(`/api/v1/applications/${a.id}/interviews`, { panel: [w.exec.id, w.anna.id], start_at: at(DAY, '10:00'), duration_minutes: 60, location: 'Room 4', criteria: ['Discretion'] });
        assert.equal(r.status, 201, r.text);
        const iv = r.json;
        w.iv = iv;
        assert.equal(iv.status, 'scheduled');
        assert.equal(iv.end_at, at(DAY, '11:00'));
        assert.deepEqual(iv.panel.map((m) => [m.person_id, m.role]), [[w.boss.id, 'manager'], [w.exec.id, 'executive'], [w.anna.id, 'member']]);
        // The screened application moved on to the interview stage.
        assert.equal((await h.srv.getOk(`/api/v1/applications/${a.id}`)).stage, 'interview');
        // Now the panel is busy at 10:00: find-a-time does not offer it again.
        const again = await w.as.boss.post(`/api/v1/applications/${a.id}/interviews/find-time`, { panel: [w.exec.id], ...window, count: 50 });
        assert.equal(again.status, 200, again.text);
        for (const s of again.json.slots)
            assert.ok(s.end <= at(DAY, '10:00') || s.start >= at(DAY, '11:00'), `offered ${s.start} over the booked interview`);
        // The candidate's own availability narrows the times to their spans.
        const cand = await w.as.boss.post(`/api/v1/applications/${a.id}/interviews/find-time`, { panel: [w.exec.id], ...window, candidate_free: [{ start_at: at(DAY, '13:00'), end_at: at(DAY, '15:00') }] });
        assert.equal(cand.status, 200, cand.text);
        assert.ok(cand.json.slots.length > 0);
        for (const s of cand.json.slots) assert.ok(s.start >= at(DAY, '13:00') && s.end <= at(DAY, '15:00'), JSON.stringify(s));
        // Invitations: one per panel member and one to the candidate, each with its iTIP request.
        for (const p of [w.boss, w.exec, w.anna]) {
            const m = (await mails('recruit.interview')).filter((x) => x.person_id === p.id);
            assert.equal(m.length, 1, `one invitation for ${p.name}`);
            assert.match(JSON.stringify(m[0]), /METHOD:REQUEST|text\/calendar|ics/);
        }
        const cm = await mails('recruit.interview.candidate', a.email);
        assert.equal(cm.length, 1);
        assert.match(cm[0].subject, /^Vestlus: /, 'in the candidate\'s language (et)');
        // Anna's interview duty is an approved absence the planner sees, and a plan covers her
        // executive for that hour with someone else.
        const abs = (await h.srv.getOk(`/api/v1/absences?person_id=${w.anna.id}`)).items.filter((x) => x.kind === 'interview');
        assert.equal(abs.length, 1);
        assert.equal(abs[0].status, 'approved');
        assert.equal(abs[0].start_at, at(DAY, '10:00'));
        const plan = await h.srv.post('/api/v1/coverage/plans', { from: DAY, to: DAY });
        assert.equal(plan.status, 201, plan.text);
        assert.ok(plan.json.covers.some((c) => c.principal_id === w.other.id && c.assistant_id !== w.anna.id && c.start_at < at(DAY, '11:00') && c.end_at > at(DAY, '10:00')), JSON.stringify(plan.json.covers));
        // The feed of a panel member holds it, under the neutral title only.
        const feed = await w.as.anna.get('/api/v1/my/interviews');
        assert.equal(feed.status, 200, feed.text);
        assert.ok(feed.json.items.some((x) => x.id === iv.id && x.candidate === 'Booked Candidate'));
    });

    test('scorecards stay blind until one’s own is submitted; the summary shows agreement', async () => {
        const iv = w.iv;
        const crit = (await w.as.exec.get(`/api/v1/interviews/${iv.id}/scorecards`)).json.criteria;
        assert.deepEqual(crit, ['board minutes', 'English', 'Discretion']);
        const card = (scores, submit) => ({ ratings: crit.map((c, i) => ({ criterion: c, score: scores[i], note: `on ${c}` })), note: 'overall', submit });
        // The executive submits.
        let r = await w.as.exec.post(`/api/v1/interviews/${iv.id}/scorecard`, card([5, 4, 2], true));
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.mine.status, 'submitted');
        assert.deepEqual(r.json.others, [], 'nobody else has submitted');
        // A submitted card is final.
        assertError(await w.as.exec.post(`/api/v1/interviews/${iv.id}/scorecard`, card([1, 1, 1], true)), 409, 'conflict');
        // Anna drafts: she does not see the executive's scores, and he does not see her draft.
        r = await w.as.anna.post(`/api/v1/interviews/${iv.id}/scorecard`, card([3, 4, 5], false));
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.revealed, false);
        assert.deepEqual(r.json.others, []);
        assert.equal(r.json.summary, null);
        assert.equal(r.json.submitted_hidden, 1);
        assert.doesNotMatch(r.text, /"score":\s*2/);
        const ex = await w.as.exec.get(`/api/v1/interviews/${iv.id}/scorecards`);
        assert.deepEqual(ex.json.others, [], 'a draft is never shown to others');
        // The manager on the panel has not scored: blind too. A manager not on it sees the submitted.
        const boss = await w.as.boss.get(`/api/v1/interviews/${iv.id}/scorecards`);
        assert.equal(boss.json.revealed, false);
        assert.deepEqual(boss.json.others, []);
        const admin = await h.srv.getOk(`/api/v1/interviews/${iv.id}/scorecards`);
        assert.equal(admin.revealed, true);
        assert.deepEqual(admin.others.map((c) => c.person_id), [w.exec.id]);
        // Validation: an unknown criterion, a score out of range, a submit with one missing.
        assertError(await w.as.anna.post(`/api/v1/interviews/${iv.id}/scorecard`, { ratings: [{ criterion: 'Juggling', score: 3 }] }), 422, 'invalid', 'ratings');
        assertError(await w.as.anna.post(`/api/v1/interviews/${iv.id}/scorecard`, { ratings: [{ criterion: crit[0], score: 6 }] }), 422, 'invalid', 'ratings');
        assertError(await w.as.anna.post(`/api/v1/interviews/${iv.id}/scorecard`, { ratings: [{ criterion: crit[0], score: 3 }], submit: true }), 422, 'invalid', 'ratings');
        // Anna submits: now both see each other's, and the summary per criterion.
        r = await w.as.anna.post(`/api/v1/interviews/${iv.id}/scorecard`, card([3, 4, 5], true));
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.revealed, true);
        assert.deepEqual(r.json.others.map((c) => c.person_id), [w.exec.id]);
        const sum = Object.fromEntries(r.json.summary.map((s) => [s.criterion, s]));
        assert.deepEqual([sum['board minutes'].mean, sum['board minutes'].spread, sum['board minutes'].agree], [4, 2, false]);
        assert.deepEqual([sum.English.mean, sum.English.spread, sum.English.agree], [4, 0, true]);
        assert.deepEqual([sum.Discretion.spread, sum.Discretion.agree], [3, false]);
        const seen = await w.as.exec.get(`/api/v1/interviews/${iv.id}/scorecards`);
        assert.deepEqual(seen.json.others.map((c) => c.person_id), [w.anna.id]);
        // Bert is on no panel: he may not score.
        assert.equal((await w.as.bert.post(`/api/v1/interviews/${iv.id}/scorecard`, card([3, 3, 3], false))).status, 404);
    });

    test('panel visibility: the candidate is the panel’s and the managers’ only', async () => {
        const a = w.booked;
        // Anna (on the panel) and the executive read the candidate with the resume text.
        for (const who of [w.as.anna, w.as.exec]) {
            const r = await who.get(`/api/v1/applications/${a.id}`);
            assert.equal(r.status, 200, r.text);
            assert.match(r.json.resume_text, /Secret resume text/);
            assert.equal((await who.get(`/api/v1/interviews/${w.iv.id}`)).status, 200);
        }
        // Bert, an assistant on no panel, gets 404 (what is not his to see does not exist).
        for (const url of [`/api/v1/applications/${a.id}`, `/api/v1/interviews/${w.iv.id}`, `/api/v1/interviews/${w.iv.id}/scorecards`, `/api/v1/applications/${a.id}/interviews`]) {
            const r = await w.as.bert.get(url);
            assert.equal(r.status, 404, `${url}: ${r.text}`);
            assert.doesNotMatch(r.text, /Secret resume text|Booked Candidate/);
        }
        const list = await w.as.bert.get('/api/v1/applications?limit=500');
        assert.equal(list.status, 200);
        assert.ok(!list.json.items.some((x) => x.id === a.id));
        // Another candidate of the same requisition is not Anna's to see.
        const b = await candidate('Not Interviewed');
        assert.equal((await w.as.anna.get(`/api/v1/applications/${b.id}`)).status, 404);
        // The resume file stays the managers' alone.
        assertError(await w.as.anna.get(`/api/v1/applications/${a.id}/resume`), 403, 'forbidden');
    });

    test('the slot link: a plain HTML form, books once, refuses a taken slot and a bad token', async () => {
        const a = await candidate('Picking Candidate');
        const s1 = at(addDays(DAY, 1), '09:00'), s2 = at(addDays(DAY, 1), '11:00'), s3 = at(addDays(DAY, 1), '14:00');
        const r = await w.as.boss.post(`/api/v1/applications/${a.id}/interviews`, { panel: [w.exec.id], slots: [{ start_at: s1 }, { start_at: s2 }, { start_at: s3 }], duration_minutes: 45, url: 'https://meet.example/x' });
        assert.equal(r.status, 201, r.text);
        assert.equal(r.json.status, 'offered');
        assert.equal(r.json.slots.length, 3);
        const path = r.json.pick_path;
        assert.match(path, /^\/careers\/interview\?token=[A-Za-z0-9_-]{43}$/);
        // The token is shown once: not in the interview read back.
        assert.doesNotMatch(JSON.stringify(await h.srv.getOk(`/api/v1/interviews/${r.json.id}`)), /token/);
        // The candidate got the link by e-mail.
        const pm = await mails('recruit.interview.pick', a.email);
        assert.equal(pm.length, 1);
        assert.ok(pm[0].body.includes(path), pm[0].body);
        // The page: HTML, no script, its own policy, the three times.
        const page = await fetch(h.srv.base + path);
        assert.equal(page.status, 200);
        assert.match(page.headers.get('content-type'), /text\/html/);
        assert.match(page.headers.get('content-security-policy'), /default-src 'none'/);
        const html = await page.text();
        assert.doesNotMatch(html, /<script/i);
        const ids = [...html.matchAll(/name="slot" value="(\d+)"/g)].map((m) => Number(m[1]));
        assert.equal(ids.length, 3);
        assert.match(html, /<form method="post" action="\/careers\/interview/);
        // Another candidate is offered the same 09:00 and 11:00 with the same executive.
        const b = await candidate('Second Picker');
        const r2 = await w.as.boss.post(`/api/v1/applications/${b.id}/interviews`, { panel: [w.exec.id], slots: [{ start_at: s1 }, { start_at: s2 }] });
        assert.equal(r2.status, 201, r2.text);
        const ids2 = r2.json.slots.map((s) => s.id);
        // A bad token is refused, changing nothing.
        const token = new URL(h.srv.base + path).searchParams.get('token');
        const form = (tok, slot) => fetch(`${h.srv.base}/careers/interview`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: tok, slot: String(slot) }).toString() });
        assert.equal((await form(token.slice(0, -2) + 'xx', ids[0])).status, 404);
        assert.equal((await fetch(`${h.srv.base}/careers/interview?token=nonsense`)).status, 404);
        // A slot of another interview is not this link's.
        assert.equal((await form(token, ids2[0])).status, 404);
        // The first candidate picks 09:00 with a plain form POST (no script anywhere).
        const ok = await form(token, ids[0]);
        assert.equal(ok.status, 200);
        assert.match(await ok.text(), /booked/);
        const iv = await h.srv.getOk(`/api/v1/interviews/${r.json.id}`);
        assert.equal(iv.status, 'scheduled');
        assert.equal(iv.start_at, s1);
        assert.equal(iv.end_at, at(addDays(DAY, 1), '09:45'));
        assert.equal((await mails('recruit.interview.candidate', a.email)).length, 1);
        // Single use: the link no longer works, for another slot either.
        assert.equal((await form(token, ids[1])).status, 404);
        assert.equal((await fetch(h.srv.base + path)).status, 404);
        // The second candidate's page no longer offers 09:00 (the executive is taken then) …
        const token2 = new URL(h.srv.base + r2.json.pick_path).searchParams.get('token');
        const html2 = await (await fetch(h.srv.base + r2.json.pick_path)).text();
        const offered2 = [...html2.matchAll(/name="slot" value="(\d+)"/g)].map((m) => Number(m[1]));
        assert.deepEqual(offered2, [ids2[1]]);
        // … and a POST of it anyway is refused with 409, booking nothing.
        assert.equal((await form(token2, ids2[0])).status, 409);
        assert.equal((await h.srv.getOk(`/api/v1/interviews/${r2.json.id}`)).status, 'offered');
        // Estonian when asked.
        assert.match(await (await fetch(`${h.srv.base}${r2.json.pick_path}&lang=et`)).text(), /Vali vestluse aeg/);
    });

    test('cancelling sends the cancellation and removes the assistant’s absence', async () => {
        const iv = await h.srv.getOk(`/api/v1/interviews/${w.iv.id}`);
        const r = await w.as.boss.post(`/api/v1/interviews/${iv.id}/cancel`, undefined, iv.version);
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.status, 'cancelled');
        assert.equal(r.json.sequence, 1);
        const abs = (await h.srv.getOk(`/api/v1/absences?person_id=${w.anna.id}`)).items.filter((x) => x.kind === 'interview');
        assert.deepEqual(abs.map((x) => x.status), ['cancelled']);
        const c = await mails('recruit.interview.cancel');
        assert.ok(c.filter((m) => [w.boss.id, w.exec.id, w.anna.id].includes(m.person_id)).length >= 3);
        assert.match(JSON.stringify(c[0]), /CANCEL|text\/calendar|ics/);
        assert.equal((await mails('recruit.interview.candidate.cancel', w.booked.email)).length, 1);
        // The panel no longer sees the candidate through a cancelled interview.
        assert.equal((await w.as.anna.get(`/api/v1/applications/${w.booked.id}`)).status, 404);
    });

    test('rejecting a candidate cancels their open interviews and the absences', async () => {
        const a = await candidate('Rejected Later');
        const day = addDays(DAY, 2);
        const r = await w.as.boss.post(`/api/v1/applications/${a.id}/interviews`, { panel: [w.exec.id, w.anna.id], start_at: at(day, '15:00') });
        assert.equal(r.status, 201, r.text);
        const abs = async () => (await h.srv.getOk(`/api/v1/absences?person_id=${w.anna.id}`)).items.filter((x) => x.kind === 'interview' && x.start_at === at(day, '15:00'));
        assert.deepEqual((await abs()).map((x) => x.status), ['approved']);
        const cur = await h.srv.getOk(`/api/v1/applications/${a.id}`);
        const rej = await w.as.boss.post(`/api/v1/applications/${a.id}/reject`, { reason: 'Another candidate fits better' }, cur.version);
        assert.equal(rej.status, 200, rej.text);
        assert.equal((await h.srv.getOk(`/api/v1/interviews/${r.json.id}`)).status, 'cancelled');
        assert.deepEqual((await abs()).map((x) => x.status), ['cancelled']);
        assert.equal((await mails('recruit.interview.candidate.cancel', a.email)).length, 1);
    });

    test('erasing a candidate blanks what their interviews and scorecards said in the audit', async () => {
        const iv = w.iv;
        const before = (await h.srv.getOk(`/api/v1/audit?entity=scorecard&limit=500`)).items;
        assert.ok(before.some((r) => /overall|on board minutes/.test(JSON.stringify(r))), 'the scorecards were audited with their notes');
        const er = await h.srv.post(`/api/v1/applications/${w.booked.id}/erase`);
        assert.equal(er.status, 204, er.text);
        assertError(await h.srv.get(`/api/v1/interviews/${iv.id}`), 404, 'not_found');
        const cards = (await h.srv.getOk(`/api/v1/audit?entity=scorecard&limit=500`)).items;
        assert.ok(cards.length >= 2, 'the audit keeps that the scorecards happened');
        assert.doesNotMatch(JSON.stringify(cards), /overall|on board minutes|on English/);
        const ivs = (await h.srv.getOk(`/api/v1/audit?entity=interview&entity_id=${iv.id}`)).items;
        assert.ok(ivs.length >= 1, 'and that the interview happened');
        assert.doesNotMatch(JSON.stringify(ivs), /Room 4|Booked Candidate/);
    });
});
