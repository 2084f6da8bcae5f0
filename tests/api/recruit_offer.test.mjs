// recruit_offer.test.mjs: recruiting's offer (issue 12) over HTTP — the terms validated with the
// field named (hours, dates, contract, currency), the salary kept within the requisition's range
// unless overridden, sending moves the application to the offer stage and queues the terms in
// the candidate's language, a new offer withdraws the one sent before, the hire needs an
// accepted offer (or an override with a reason) and takes its start date and hours, the daily
// job expires what was not answered, erasure takes the offers too, and a refused request
// changes nothing.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertError, principalBody, run, runOk, unique, useServer } from './lib.mjs';

const day = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);

describe('recruiting offers', () => {
    const h = useServer();
    const w = {};

    /** An application moved through `actions` (screen, interview). */
    async function candidate(lang = 'en', actions = ['screen', 'interview']) {
        let a = await h.srv.create('applications', { requisition_id: w.req.id, name: unique('Offer Candidate '), email: `${unique('offer')}@example.com`, lang, resume_text: 'Board minutes and Excel.' });
        for (const x of actions) {
            const r = await h.srv.post(`/api/v1/applications/${a.id}/${x}`, undefined, { ifMatch: a.version });
            assert.equal(r.status, 200, r.text);
            a = r.json;
        }
        return a;
    }
    const terms = (app, extra = {}) => ({ application_id: app.id, salary_amount: 2100, start_date: day(45), hours_per_week: 37.5, expires_on: day(14), ...extra });
    async function act(offer, action, json) {
        const r = await h.srv.post(`/api/v1/offers/${offer.id}/${action}`, json, { ifMatch: offer.version });
        assert.equal(r.status, 200, `${action}: ${r.text}`);
        return r.json;
    }
    const mails = async (address) => (await h.srv.getOk('/api/v1/mail?limit=500')).items.filter((m) => m.to_address === address);

    before(async () => {
        const exec = await h.srv.create('principals', principalBody());
        const r = await h.srv.create('requisitions', { title: 'Assistant to the CFO', reason: 'growth', principal_id: exec.id, office: 'Tallinn', hours_per_week: 40, start_date: day(90), salary_min: 1800, salary_max: 2400 });
        w.req = await h.srv.post(`/api/v1/requisitions/${r.id}/approve`, undefined, { ifMatch: r.version }).then((x) => x.json);
        w.exec = exec;
    });

    test('the terms are validated, each refusal naming its field', async () => {
        const a = await candidate();
        const bad = [
            [{ hours_per_week: 61 }, 'hours_per_week'],
            [{ hours_per_week: 0 }, 'hours_per_week'],
            [{ start_date: day(-1), expires_on: day(-2) }, 'start_date'],
            [{ expires_on: day(-1) }, 'expires_on'],
            [{ expires_on: day(50) }, 'expires_on'],
            [{ contract: 'fixed_term' }, 'end_date'],
            [{ contract: 'fixed_term', end_date: day(10) }, 'end_date'],
            [{ end_date: day(400) }, 'end_date'],
            [{ salary_currency: 'eur' }, 'salary_currency'],
            [{ salary_period: 'week' }, 'salary_period'],
            [{ salary_amount: 0 }, 'salary_amount'],
        ];
        for (const [extra, field] of bad) assertError(await h.srv.post('/api/v1/offers', terms(a, extra)), 422, 'invalid', field);
        assertError(await h.srv.post('/api/v1/offers', { application_id: a.id, salary_amount: 2000 }), 422, 'invalid', 'start_date');
        // Nothing of it was stored.
        assert.equal((await h.srv.getOk(`/api/v1/offers?application_id=${a.id}`)).items.length, 0);
        const ok = await h.srv.post('/api/v1/offers', terms(a, { contract: 'fixed_term', end_date: day(400), notes: 'Phone and laptop.' }));
        assert.equal(ok.status, 201, ok.text);
        assert.equal(ok.json.status, 'draft');
        assert.equal(ok.json.salary_currency, 'EUR');
        assert.equal(ok.json.salary_period, 'month');
        // A rejected candidate gets no offer.
        let r = await candidate('en', []);
        r = (await h.srv.post(`/api/v1/applications/${r.id}/reject`, { reason: 'No' }, { ifMatch: r.version })).json;
        assertError(await h.srv.post('/api/v1/offers', terms(r)), 409, 'invalid_transition', 'application_id');
    });

    test('the salary stays within the requisition\'s range unless overridden', async () => {
        const a = await candidate();
        const high = await h.srv.post('/api/v1/offers', terms(a, { salary_amount: 2600 }));
        assertError(high, 422, 'invalid', 'salary_amount');
        assert.match(high.json.error.message, /outside the requisition's range \(1800-2400 EUR a month\)/);
        assertError(await h.srv.post('/api/v1/offers', terms(a, { salary_amount: 1500 })), 422, 'invalid', 'salary_amount');
        // A yearly salary is compared by the month: 27,600 a year is 2,300 a month.
        assert.equal((await h.srv.post('/api/v1/offers', terms(a, { salary_amount: 27600, salary_period: 'year' }))).status, 201);
        assertError(await h.srv.post('/api/v1/offers', terms(a, { salary_amount: 36000, salary_period: 'year' })), 422, 'invalid', 'salary_amount');
        assertError(await h.srv.post('/api/v1/offers', terms(a, { salary_currency: 'USD' })), 422, 'invalid', 'salary_currency');
        const over = await h.srv.post('/api/v1/offers', terms(a, { salary_amount: 2600, salary_override: true }));
        assert.equal(over.status, 201, over.text);
        assert.equal(over.json.salary_override, true);
        // An edit is held to the same rule; a draft only, with If-Match.
        assertError(await h.srv.patch(`/api/v1/offers/${over.json.id}`, { salary_override: false }, over.json.version), 422, 'invalid', 'salary_amount');
        assertError(await h.srv.patch(`/api/v1/offers/${over.json.id}`, { notes: 'x' }), 428, 'if_match_required');
        const ed = await h.srv.patch(`/api/v1/offers/${over.json.id}`, { salary_amount: 2400, salary_override: false }, over.json.version);
        assert.equal(ed.status, 200, ed.text);
        assertError(await h.srv.patch(`/api/v1/offers/${over.json.id}`, { notes: 'x' }, over.json.version), 412, 'version_mismatch');
    });

    test('sending moves the application to the offer stage and mails the terms in the candidate\'s language', async () => {
        const a = await candidate('et');
        const o = await h.srv.create('offers', terms(a, { salary_amount: 2100, hours_per_week: 37.5, notes: 'Sülearvuti ja telefon.' }));
        const sent = await act(o, 'send');
        assert.equal(sent.status, 'sent');
        assert.ok(sent.sent_at);
        assert.ok(sent.status_by, 'who sent it is kept');
        const app = await h.srv.getOk(`/api/v1/applications/${a.id}`);
        assert.equal(app.stage, 'offer');
        const m = (await mails(a.email)).filter((x) => x.kind === 'recruit.offer');
        assert.equal(m.length, 1);
        assert.equal(m[0].subject, 'Meie pakkumine: Assistant to the CFO');
        const body = (await h.srv.getOk(`/api/v1/mail/${m[0].id}`)).body;
        assert.match(body, /Palk: 2\u00a0100 EUR kuus/);
        assert.match(body, /Tööaeg: 37,5 tundi nädalas/);
        assert.match(body, /Leping: tähtajatu/);
        assert.match(body, /Sülearvuti ja telefon\./);
        // Its audit rows say who changed it and when.
        const audit = (await h.srv.getOk(`/api/v1/audit?entity=offer&entity_id=${o.id}`)).items;
        assert.deepEqual(audit.map((x) => x.action).sort(), ['create', 'send']);
        // An English candidate reads English; a new offer withdraws the one sent before.
        const b = await candidate('en');
        const first = await act(await h.srv.create('offers', terms(b)), 'send');
        const second = await act(await h.srv.create('offers', terms(b, { salary_amount: 2300, salary_period: 'month', contract: 'fixed_term', end_date: day(400) })), 'send');
        assert.equal((await h.srv.getOk(`/api/v1/offers/${first.id}`)).status, 'withdrawn');
        assert.equal(second.status, 'sent');
        const en = (await mails(b.email)).filter((x) => x.kind === 'recruit.offer');
        assert.equal(en.length, 2);
        const enBody = (await h.srv.getOk(`/api/v1/mail/${en[1].id}`)).body;
        assert.match(enBody, /Salary: 2,300 EUR a month/);
        assert.match(enBody, /Contract: fixed-term, until /);
        // The bare stage move is gone.
        const c = await candidate();
        assertError(await h.srv.post(`/api/v1/applications/${c.id}/offer`, undefined, { ifMatch: c.version }), 409, 'invalid_transition', 'stage');
    });

    test('a refused send changes nothing', async () => {
        const a = await candidate('en', ['screen']);
        const o = await h.srv.create('offers', terms(a));
        const before = (await mails(a.email)).length;
        assertError(await h.srv.post(`/api/v1/offers/${o.id}/send`, undefined, { ifMatch: o.version }), 409, 'invalid_transition', 'application_id');
        assertError(await h.srv.post(`/api/v1/offers/${o.id}/send`, undefined, { ifMatch: o.version + 1 }), 412, 'version_mismatch');
        assert.equal((await h.srv.getOk(`/api/v1/offers/${o.id}`)).status, 'draft');
        assert.equal((await h.srv.getOk(`/api/v1/applications/${a.id}`)).stage, 'screening');
        assert.equal((await mails(a.email)).length, before, 'no mail queued');
        // Accepting needs a sent offer; a draft cannot be edited once sent.
        assertError(await h.srv.post(`/api/v1/offers/${o.id}/accept`, undefined, { ifMatch: o.version }), 409, 'invalid_transition', 'status');
    });

    test('the hire needs an accepted offer, or an override with a reason, and takes the offer\'s terms', async () => {
        const a = await candidate();
        let o = await act(await h.srv.create('offers', terms(a, { start_date: day(30), hours_per_week: 32, expires_on: day(10) })), 'send');
        let app = await h.srv.getOk(`/api/v1/applications/${a.id}`);
        const refused = await h.srv.post(`/api/v1/applications/${a.id}/hire`, undefined, { ifMatch: app.version });
        assertError(refused, 409, 'offer_not_accepted', 'override_reason');
        assert.equal((await h.srv.getOk(`/api/v1/applications/${a.id}`)).stage, 'offer', 'nothing changed');
        assertError(await h.srv.patch(`/api/v1/offers/${o.id}`, { notes: 'late' }, o.version), 409, 'invalid_transition', 'status');
        o = await act(o, 'accept');
        assert.equal(o.status, 'accepted');
        const hire = await h.srv.post(`/api/v1/applications/${a.id}/hire`, undefined, { ifMatch: app.version });
        assert.equal(hire.status, 200, hire.text);
        const person = await h.srv.getOk(`/api/v1/assistants/${hire.json.hired_person_id}`);
        assert.equal(person.hire_date, day(30));
        assert.equal(person.contracted_hours, 32);
        assert.equal(hire.json.proposed_assignment.start_date, day(30));
        // Without an offer: only with the manager's reason, which the audit keeps.
        const b = await candidate();
        // A declined offer counts as none.
        const d = await act(await h.srv.create('offers', terms(b)), 'send');
        const declined = await act(d, 'decline', { reason: 'Another job' });
        assert.equal(declined.status, 'declined');
        assert.equal(declined.decline_reason, 'Another job');
        const b3 = await h.srv.getOk(`/api/v1/applications/${b.id}`);
        assertError(await h.srv.post(`/api/v1/applications/${b.id}/hire`, undefined, { ifMatch: b3.version }), 409, 'offer_not_accepted');
        assertError(await h.srv.post(`/api/v1/applications/${b.id}/hire`, { override_reason: '' }, { ifMatch: b3.version }), 422, 'invalid', 'override_reason');
        const over = await h.srv.post(`/api/v1/applications/${b.id}/hire`, { override_reason: 'Signed on paper at the interview' }, { ifMatch: b3.version });
        assert.equal(over.status, 200, over.text);
        assert.equal(over.json.hire_override_reason, 'Signed on paper at the interview');
        const audit = (await h.srv.getOk(`/api/v1/audit?entity=application&entity_id=${b.id}`)).items;
        assert.ok(audit.some((x) => x.action === 'hire' && JSON.stringify(x.after).includes('Signed on paper')));
        // Rejecting withdraws what is open.
        const c = await candidate();
        const co = await act(await h.srv.create('offers', terms(c)), 'send');
        const capp = await h.srv.getOk(`/api/v1/applications/${c.id}`);
        assert.equal((await h.srv.post(`/api/v1/applications/${c.id}/reject`, { reason: 'Budget' }, { ifMatch: capp.version })).status, 200);
        assert.equal((await h.srv.getOk(`/api/v1/offers/${co.id}`)).status, 'withdrawn');
    });

    test('the daily job expires sent offers past their answer date, once', async () => {
        const a = await candidate();
        const o = await act(await h.srv.create('offers', terms(a, { expires_on: day(3) })), 'send');
        const kept = await act(await h.srv.create('offers', terms(await candidate(), { expires_on: day(20) })), 'send');
        const now = await runOk(['jobs', 'run', '--db', h.srv.db]);
        assert.doesNotMatch(now.stdout, /offers? past the answer date/);
        const at = new Date(Date.now() + 5 * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z');
        const later = await runOk(['jobs', 'run', '--at', at, '--db', h.srv.db]);
        assert.match(later.stdout, /^recruit: .*\d+ offers? past the answer date expired$/m);
        const again = await runOk(['jobs', 'run', '--at', at, '--db', h.srv.db]);
        assert.doesNotMatch(again.stdout, /offers? past the answer date/, 'idempotent');
        const ex = await h.srv.getOk(`/api/v1/offers/${o.id}`);
        assert.equal(ex.status, 'expired');
        assert.equal(ex.status_by, 'jobs');
        assert.equal((await h.srv.getOk(`/api/v1/offers/${kept.id}`)).status, 'sent');
        assertError(await h.srv.post(`/api/v1/offers/${o.id}/accept`, undefined, { ifMatch: ex.version }), 409, 'invalid_transition');
    });

    test('export includes the offers; erasure removes them and blanks their audit', async () => {
        const a = await candidate();
        const o = await act(await h.srv.create('offers', terms(a, { notes: 'Secret term 4711' })), 'send');
        const ex = await h.srv.getOk(`/api/v1/applications/${a.id}/export`);
        assert.equal(ex.offers.length, 1);
        assert.equal(ex.offers[0].notes, 'Secret term 4711');
        const er = await h.srv.post(`/api/v1/applications/${a.id}/erase`);
        assert.equal(er.status, 204, er.text);
        assertError(await h.srv.get(`/api/v1/offers/${o.id}`), 404, 'not_found');
        const audit = (await h.srv.getOk(`/api/v1/audit?entity=offer&entity_id=${o.id}`)).items;
        assert.ok(audit.length >= 2, 'the audit keeps that it happened');
        assert.doesNotMatch(JSON.stringify(audit), /Secret term 4711|2100/);
    });

    test('the board shows each candidate\'s offer status', async () => {
        const a = await candidate();
        await act(await h.srv.create('offers', terms(a)), 'send');
        const none = await candidate();
        const board = await h.srv.getOk(`/api/v1/requisitions/${w.req.id}/board`);
        const item = board.stages.find((s) => s.stage === 'offer').items.find((x) => x.id === a.id);
        assert.equal(item.offer_status, 'sent');
        const plain = board.stages.find((s) => s.stage === 'interview').items.find((x) => x.id === none.id);
        assert.equal(plain.offer_status, null, 'no offer: no status');
    });

    test('the CLI: haldus recruit offer create/send/decline/show, and recruit interviews with local times', async () => {
        const a = await candidate();
        const db = ['--db', h.srv.db];
        const made = JSON.parse((await runOk(['recruit', 'offer', 'create', String(a.id), '--salary', '2000', '--start', day(40), '--hours', '40', '--expires', day(10), '--notes', 'From the CLI', '--json', ...db])).stdout);
        assert.equal(made.status, 'draft');
        assert.equal(made.notes, 'From the CLI');
        const high = await run(['recruit', 'offer', 'create', String(a.id), '--salary', '9000', '--start', day(40), '--hours', '40', '--expires', day(10), ...db]);
        assert.equal(high.code, 1);
        assert.match(high.stderr, /outside the requisition's range/);
        assert.equal((await run(['recruit', 'offer', 'send', String(made.id), '--reason', 'x', ...db])).code, 2, '--reason goes with decline');
        assert.match((await runOk(['recruit', 'offer', 'send', String(made.id), ...db])).stdout, new RegExp(`^offer ${made.id}  sent  2000 EUR a month`));
        assert.equal((await h.srv.getOk(`/api/v1/applications/${a.id}`)).stage, 'offer');
        await runOk(['recruit', 'offer', 'decline', String(made.id), '--reason', 'Too far to travel', ...db]);
        const shown = (await runOk(['recruit', 'offer', 'show', String(a.id), ...db])).stdout;
        assert.match(shown, /declined: Too far to travel/);
        const audit = (await h.srv.getOk(`/api/v1/audit?entity=offer&entity_id=${made.id}`)).items;
        assert.deepEqual(audit.map((x) => x.action).sort(), ['create', 'decline', 'send']);
        // The demo's interview (Mari Tamm) by application, in the panel's and in a given zone.
        const mari = (await h.srv.getOk('/api/v1/applications?limit=500')).items.find((x) => x.email === 'mari.tamm@example.ee');
        const list = JSON.parse((await runOk(['recruit', 'interviews', '--application', String(mari.id), '--json', ...db])).stdout);
        assert.equal(list.items.length, 1);
        assert.equal(list.items[0].candidate, 'Mari Tamm');
        const iv = list.items[0];
        const manager = iv.panel.find((m) => m.role === 'manager');
        const local = (zone) => new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iv.start_at));
        const mine = (await runOk(['recruit', 'interviews', '--mine-for', String(manager.person_id), '--from', iv.start_at.slice(0, 10), '--to', iv.start_at.slice(0, 10), ...db])).stdout;
        assert.match(mine, new RegExp(`^${local(manager.time_zone)}  .*Mari Tamm`, 'm'));
        assert.match(mine, new RegExp(`\\(times in ${manager.time_zone.replace('/', '\\/')}\\)`));
        const ny = (await runOk(['recruit', 'interviews', '--application', String(mari.id), '--tz', 'America/New_York', ...db])).stdout;
        assert.match(ny, new RegExp(`^${local('America/New_York')}  `, 'm'));
        assert.equal((await run(['recruit', 'interviews', '--tz', 'Mars/Base', ...db])).code, 2);
        assert.equal((await run(['recruit', 'interviews', '--from', '2026-12-05', '--to', '2026-12-01', ...db])).code, 2);
    });
});
