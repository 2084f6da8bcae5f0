// invitation.test.mjs: accounts by invitation — an admin invites, the mail goes out through the
// outbox with the link in the person's language, the public welcome page (no script, its own
// CSP) sets the password once, sign-in works, and a used, revoked, replaced, expired or made-up
// token is refused and changes nothing; the page's per-address limit; a hire invites the new
// assistant.
//
// The server runs --behind-tls so each test speaks from its own X-Forwarded-For address (the
// welcome page allows 30 requests per address in 10 minutes), with HALDUS_SITE_URL set.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertError, personBody, run, runOk, unique, useServer } from './lib.mjs';

const SITE = 'https://haldus.example.org';
let addr = 0;
const nextAddress = () => `203.0.113.${++addr}`;

describe('account invitations', () => {
    const h = useServer({ serveArgs: ['--behind-tls'], env: { HALDUS_SITE_URL: SITE } });

    /** Invites a new account for a fresh person; returns the answer's JSON. */
    async function invite(extra = {}, person = {}) {
        const p = await h.srv.create('assistants', personBody(person));
        const r = await h.srv.post('/api/v1/users', { login: p.email, role: 'assistant', person_id: p.id, invite: true, ...extra });
        assert.equal(r.status, 201, r.text);
        return { ...r.json, person: p };
    }
    const tokenOf = (link) => new URL(link).searchParams.get('token');
    const page = (path, address, opts = {}) =>
        fetch(`${h.srv.base}${path}`, { redirect: 'manual', ...opts, headers: { 'X-Forwarded-For': address, ...(opts.headers || {}) } });
    const submit = (address, fields, lang = 'en') =>
        page(`/welcome?lang=${lang}`, address, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(fields).toString(),
        });
    const signIn = (login, password) =>
        fetch(`${h.srv.base}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, password }) });
    const accept = (address, json) =>
        fetch(`${h.srv.base}/api/v1/invitations/accept`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
            body: JSON.stringify(json),
        }).then(async (r) => ({ status: r.status, headers: r.headers, json: await r.json().catch(() => null), text: '' }));
    async function mailTo(address) {
        return (await h.srv.listAll('/api/v1/mail')).filter((m) => m.to_address === address && m.kind === 'account.invitation');
    }
    /** Screens, interviews, offers (sent and accepted) and hires application a: the hire's answer. */
    async function hireThroughOffer(a) {
        for (const action of ['screen', 'interview']) {
            const r = await h.srv.post(`/api/v1/applications/${a.id}/${action}`, undefined, { ifMatch: a.version });
            assert.equal(r.status, 200, `${action}: ${r.text}`);
            a = r.json;
        }
        const day = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);
        let o = await h.srv.create('offers', { application_id: a.id, salary_amount: 2100, start_date: day(45), hours_per_week: 37.5, expires_on: day(14) });
        for (const action of ['send', 'accept']) {
            const r = await h.srv.post(`/api/v1/offers/${o.id}/${action}`, undefined, { ifMatch: o.version });
            assert.equal(r.status, 200, `${action}: ${r.text}`);
            o = r.json;
        }
        a = await h.srv.getOk(`/api/v1/applications/${a.id}`);
        return h.srv.post(`/api/v1/applications/${a.id}/hire`, undefined, { ifMatch: a.version });
    }
    const hashOf = async (account) => (await run([h.srv.db, `SELECT password_hash FROM account WHERE id = ${account}`], { bin: 'sqlite3' })).stdout.trim();

    test('invite → mail with the link → the welcome page → password set → sign-in; the link then is dead', async () => {
        const inv = await invite();
        const login = inv.account.login;
        assert.equal(inv.account.role, 'assistant');
        assert.match(inv.link, new RegExp(`^${SITE}/welcome\\?token=[A-Za-z0-9_-]{43}&lang=en$`));
        assert.ok(inv.mail_id > 0);
        assert.equal(inv.invitation.email, inv.person.email);
        // The account cannot sign in before the invitation is accepted.
        assert.equal((await signIn(login, 'whatever-password-1')).status, 401);
        const [mail] = await mailTo(inv.person.email);
        assert.ok(mail, 'the invitation is in the outbox');
        assert.equal(mail.lang, 'en');
        assert.ok(mail.body.includes(inv.link), 'the mail holds the link');
        assert.match(mail.body, /Your login: /);
        // The user list shows the account as invited, until when.
        const users = await h.srv.listAll('/api/v1/users');
        const row = users.find((u) => u.id === inv.account.id);
        assert.equal(row.invitation.expires_at, inv.invitation.expires_at);
        assert.equal(row.invitation.expired, false);
        const pending = (await h.srv.getOk('/api/v1/invitations')).items;
        assert.ok(pending.some((p) => p.account_id === inv.account.id && p.email === inv.person.email));
        // Neither the token nor its hash is in the audit log.
        const token = tokenOf(inv.link);
        const audit = JSON.stringify(await h.srv.listAll('/api/v1/audit'));
        assert.ok(!audit.includes(token), 'no token in the audit log');
        assert.match(audit, /"entity":"invitation"/);

        const me = nextAddress();
        const get = await page(`/welcome?token=${token}`, me);
        const html = await get.text();
        assert.equal(get.status, 200);
        assert.match(get.headers.get('content-type'), /^text\/html/);
        assert.match(get.headers.get('content-security-policy'), /default-src 'none'/);
        assert.doesNotMatch(get.headers.get('content-security-policy'), /script-src/);
        assert.equal(get.headers.get('referrer-policy'), 'same-origin');
        assert.doesNotMatch(html, /<script/i);
        assert.ok(html.includes(`value="${login}"`), 'the page shows the login');
        assert.match(html, /<form method="post" action="\/welcome\?lang=en">/);
        assert.match(html, /type="password" id="password2"/);
        const css = await page('/welcome/style.css', me);
        assert.equal(css.status, 200);
        assert.match(css.headers.get('content-type'), /^text\/css/);

        // Two different passwords, then too short: the form again, nothing changes.
        const before = await hashOf(inv.account.id);
        const differ = await submit(me, { token, password: 'a-good-password-1', password2: 'a-good-password-2' });
        assert.equal(differ.status, 422);
        assert.match(await differ.text(), /not the same/);
        const short = await submit(me, { token, password: 'short', password2: 'short' });
        assert.equal(short.status, 422);
        assert.match(await short.text(), /at least 12 characters/);
        assert.equal(await hashOf(inv.account.id), before);

        const ok = await submit(me, { token, password: 'a-good-password-1', password2: 'a-good-password-1' });
        assert.equal(ok.status, 303);
        assert.match(ok.headers.get('location'), /^\/\?welcome=1/);
        const s = await signIn(login, 'a-good-password-1');
        assert.equal(s.status, 201, 'sign-in works with the chosen password');

        // The link works once.
        const again = await page(`/welcome?token=${token}`, me);
        assert.equal(again.status, 410);
        assert.match(await again.text(), /used already/);
        const reuse = await submit(me, { token, password: 'another-password-2', password2: 'another-password-2' });
        assert.equal(reuse.status, 410);
        assertError(await accept(me, { token, password: 'another-password-2' }), 410, 'gone', 'token');
        assert.equal((await signIn(login, 'another-password-2')).status, 401);
        assert.equal((await h.srv.getOk('/api/v1/users/' + inv.account.id)).login, login);
        const row2 = (await h.srv.listAll('/api/v1/users')).find((u) => u.id === inv.account.id);
        assert.equal(row2.invitation, null, 'no longer pending');
    });

    test('in Estonian: the mail, the page by the link and by Accept-Language', async () => {
        const inv = await invite({ lang: 'et' });
        assert.match(inv.link, /&lang=et$/);
        const [mail] = await mailTo(inv.person.email);
        assert.equal(mail.lang, 'et');
        assert.match(mail.subject, /Sinu Halduse konto/);
        assert.ok(mail.body.includes(inv.link));
        const token = tokenOf(inv.link);
        const me = nextAddress();
        const et = await (await page(`/welcome?token=${token}&lang=et`, me)).text();
        assert.match(et, /<html lang="et">/);
        assert.match(et, /Vali oma kontole parool/);
        const al = await (await page(`/welcome?token=${token}`, me, { headers: { 'Accept-Language': 'et-EE,et;q=0.9' } })).text();
        assert.match(al, /<html lang="et">/);
        // The JSON form for API clients.
        const r = await accept(me, { token, password: 'eesti-parool-123' });
        assert.equal(r.status, 200);
        assert.equal(r.json.login, inv.account.login);
        assert.equal((await signIn(inv.account.login, 'eesti-parool-123')).status, 201);
        // A dead link says why in Estonian too.
        const used = await page(`/welcome?token=${token}&lang=et`, me);
        assert.equal(used.status, 410);
        assert.match(await used.text(), /Seda kutset on juba kasutatud/);
    });

    test('a person whose first language is Estonian is invited in Estonian; the address given wins', async () => {
        const inv = await invite({ email: `${unique('other')}@example.org` }, { languages: ['Estonian', 'English'] });
        assert.equal(inv.invitation.lang, 'et');
        assert.equal((await mailTo(inv.person.email)).length, 0, 'not to the person\'s own address');
        const [mail] = await mailTo(inv.invitation.email);
        assert.equal(mail.lang, 'et');
    });

    test('a made-up, revoked or expired token is refused and changes nothing', async () => {
        const me = nextAddress();
        const bad = await page('/welcome?token=not-a-real-token-at-all-xxxxxxxxx', me);
        assert.equal(bad.status, 400);
        assert.match(await bad.text(), /not valid/);
        assert.equal((await page('/welcome', me)).status, 400);
        assertError(await accept(me, { token: 'not-a-real-token-at-all-xxxxxxxxx', password: 'a-good-password-1' }), 400, 'bad_request', 'token');

        const inv = await invite();
        const token = tokenOf(inv.link);
        const before = await hashOf(inv.account.id);
        const rv = await h.srv.del(`/api/v1/users/${inv.account.id}/invitation`);
        assert.equal(rv.status, 204, rv.text);
        assertError(await h.srv.del(`/api/v1/users/${inv.account.id}/invitation`), 409, 'conflict');
        assertError(await h.srv.del('/api/v1/users/999999/invitation'), 404, 'not_found');
        const gone = await page(`/welcome?token=${token}`, me);
        assert.equal(gone.status, 410);
        assert.match(await gone.text(), /withdrawn/);
        assertError(await accept(me, { token, password: 'a-good-password-1' }), 410, 'gone', 'token');
        assert.equal((await submit(me, { token, password: 'a-good-password-1', password2: 'a-good-password-1' })).status, 410);
        assert.equal(await hashOf(inv.account.id), before, 'the account still has no password');
        assert.ok(!(await h.srv.getOk('/api/v1/invitations')).items.some((p) => p.account_id === inv.account.id));

        const old = await invite();
        const oldToken = tokenOf(old.link);
        const hash = (await run([h.srv.db, `UPDATE account_invitation SET expires_at = strftime('%s','now') - 1 WHERE account_id = ${old.account.id}`], { bin: 'sqlite3' }));
        assert.equal(hash.code, 0, hash.stderr);
        const expired = await page(`/welcome?token=${oldToken}`, me);
        assert.equal(expired.status, 410);
        assert.match(await expired.text(), /expired/);
        assertError(await accept(me, { token: oldToken, password: 'a-good-password-1' }), 410, 'gone', 'token');
        assert.equal((await h.srv.listAll('/api/v1/users')).find((u) => u.id === old.account.id).invitation.expired, true);
    });

    test('resend: a new link, the old one dead; an account with a password has nothing to resend', async () => {
        const inv = await invite();
        const first = tokenOf(inv.link);
        const r = await h.srv.post(`/api/v1/users/${inv.account.id}/invitation`);
        assert.equal(r.status, 200, r.text);
        const second = tokenOf(r.json.link);
        assert.notEqual(first, second);
        assert.equal((await mailTo(inv.person.email)).length, 2, 'a second mail');
        const me = nextAddress();
        assertError(await accept(me, { token: first, password: 'a-good-password-1' }), 410, 'gone', 'token');
        assert.equal((await accept(me, { token: second, password: 'a-good-password-1' })).status, 200);
        assertError(await h.srv.post(`/api/v1/users/${inv.account.id}/invitation`), 409, 'conflict');
        assertError(await h.srv.post('/api/v1/users/999999/invitation'), 404, 'not_found');
    });

    test('the request is checked: invite with a password, a bad address, a missing e-mail', async () => {
        const p = await h.srv.create('assistants', personBody());
        const base = { login: unique('x'), role: 'assistant', person_id: p.id };
        assertError(await h.srv.post('/api/v1/users', { ...base, invite: true, password: 'a-good-password-1' }), 422, 'invalid', 'password');
        assertError(await h.srv.post('/api/v1/users', { ...base, invite: true, email: 'no at sign' }), 422, 'invalid', 'email');
        assertError(await h.srv.post('/api/v1/users', { ...base, invite: true, lang: 'fi' }), 422, 'invalid', 'lang');
        assertError(await h.srv.post('/api/v1/users', { ...base, invite: 'yes' }), 422, 'invalid', 'invite');
        assertError(await h.srv.post('/api/v1/users', { ...base, email: 'a@example.org', password: 'a-good-password-1' }), 422, 'invalid', 'email');
        assertError(await h.srv.post('/api/v1/users', { login: unique('y'), role: 'manager', invite: true }), 422, 'invalid', 'email');
        assertError(await h.srv.post('/api/v1/users', { login: unique('y'), role: 'assistant', invite: true, email: 'a@example.org' }), 422, 'invalid', 'person_id');
        const before = (await h.srv.listAll('/api/v1/users')).length;
        const mails = (await h.srv.listAll('/api/v1/mail')).length;
        // A duplicate login is refused whole: no account, no invitation, no mail.
        assertError(await h.srv.post('/api/v1/users', { login: h.srv.actor, role: 'manager', invite: true, email: 'a@example.org' }), 409, 'duplicate', 'login');
        assert.equal((await h.srv.listAll('/api/v1/users')).length, before);
        assert.equal((await h.srv.listAll('/api/v1/mail')).length, mails);
    });

    test('an admin\'s password reset ends the open invitation', async () => {
        const inv = await invite();
        const acc = await h.srv.getOk(`/api/v1/users/${inv.account.id}`);
        const r = await h.srv.patch(`/api/v1/users/${inv.account.id}`, { password: 'set-by-the-admin-1' }, acc.version);
        assert.equal(r.status, 200, r.text);
        assertError(await accept(nextAddress(), { token: tokenOf(inv.link), password: 'a-good-password-1' }), 410, 'gone', 'token');
        assert.equal((await signIn(inv.account.login, 'set-by-the-admin-1')).status, 201);
    });

    test('the welcome page is limited per address: the 31st request in 10 minutes gets 429', async () => {
        const me = nextAddress();
        for (let i = 0; i < 30; i++) assert.equal((await page('/welcome?token=x', me)).status, 400, `request ${i + 1}`);
        const over = await page('/welcome?token=x', me);
        assert.equal(over.status, 429);
        assert.match(await over.text(), /Too many requests/);
        assertError(await accept(me, { token: 'x'.repeat(43), password: 'a-good-password-1' }), 429, 'throttled');
        // Another address is not slowed.
        assert.equal((await page('/welcome?token=x', nextAddress())).status, 400);
    });

    test('hiring a candidate invites the new assistant (login = e-mail) in the candidate\'s language', async () => {
        const exec = await h.srv.create('principals', personBody({ department: 'Testing' }));
        const req = await h.srv.create('requisitions', { title: 'Assistant', reason: 'growth', principal_id: exec.id, office: 'Tallinn', hours_per_week: 40 });
        const appr = await h.srv.post(`/api/v1/requisitions/${req.id}/approve`, undefined, { ifMatch: req.version });
        assert.equal(appr.status, 200, appr.text);
        const email = `${unique('hire')}@example.org`;
        const a = await h.srv.create('applications', { requisition_id: req.id, name: 'Hired Candidate', email, lang: 'et', resume_text: 'Assistant.' });
        const hire = await hireThroughOffer(a);
        assert.equal(hire.status, 200, hire.text);
        assert.equal(hire.json.invitation_sent, true);
        const acc = (await h.srv.listAll('/api/v1/users')).find((u) => u.login === email);
        assert.ok(acc, 'the account exists');
        assert.equal(acc.role, 'assistant');
        assert.equal(acc.person_id, hire.json.hired_person_id);
        assert.ok(acc.invitation && !acc.invitation.expired);
        const [mail] = await mailTo(email);
        assert.equal(mail.lang, 'et');
        assert.match(mail.body, new RegExp(`${SITE}/welcome\\?token=`));
    });

    test('a hire whose e-mail is already a login gets no second account', async () => {
        const exec = await h.srv.create('principals', personBody({ department: 'Testing' }));
        const req = await h.srv.create('requisitions', { title: 'Assistant', reason: 'growth', principal_id: exec.id, office: 'Tallinn', hours_per_week: 40 });
        const appr = await h.srv.post(`/api/v1/requisitions/${req.id}/approve`, undefined, { ifMatch: req.version });
        assert.equal(appr.status, 200, appr.text);
        const email = `${unique('taken')}@example.org`;
        const mgr = await h.srv.post('/api/v1/users', { login: email, role: 'manager', password: 'a-good-password-1' });
        assert.equal(mgr.status, 201, mgr.text);
        const a = await h.srv.create('applications', { requisition_id: req.id, name: 'Known Login', email, resume_text: 'x' });
        const hire = await hireThroughOffer(a);
        assert.equal(hire.status, 200, hire.text);
        assert.equal(hire.json.invitation_sent, false);
        assert.equal((await mailTo(email)).length, 0);
    });

    test('CLI: user invite prints the link; user invitations lists it', async () => {
        const p = await h.srv.create('assistants', personBody());
        const login = unique('cli');
        const r = await runOk(['user', 'invite', login, '--role', 'assistant', '--person', String(p.id), '--db', h.srv.db], { env: { HALDUS_SITE_URL: SITE } });
        assert.match(r.stdout, new RegExp(`invited ${login} \\(assistant\\): ${SITE}/welcome\\?token=`));
        const list = await runOk(['user', 'invitations', '--db', h.srv.db]);
        assert.match(list.stdout, new RegExp(login));
        const users = await runOk(['user', 'list', '--db', h.srv.db]);
        assert.match(users.stdout, new RegExp(`${login}\\s+assistant\\s+\\d+\\s+invited until `));
    });
});
