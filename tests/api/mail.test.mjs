// mail.test.mjs: delivering the outbox through a real SMTP server (tests/api/smtp_sink.py on
// Debian's python3-aiosmtpd), which parses every message back: without a relay mail stays
// queued; the settings (validation, If-Match, never a password); delivery of the demo's
// invitations in each recipient's language with an RFC 2047 subject; a test message with its
// .ics part and METHOD; retry after the server was down; giving up after the limit and retrying
// by hand; each person's notifications (opt-out); authentication with a password file; the CLI.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, assertError, ms, removeDir, run, sleep, startServer, tempDir, useServer } from './lib.mjs';

const PYTHON = '/usr/bin/python3'; // Debian's, with python3-aiosmtpd
const SINK = path.join(ROOT, 'tests', 'api', 'smtp_sink.py');
const DEMO_PASSWORD = 'haldus-demo-2026';
const MANAGER = 'manager@demo.haldus.example';

/** A running smtp_sink.py: .port, .messages() (parsed), .stop(), .start() on the same port. */
class Sink {
    constructor(dir, opts = {}) {
        this.out = path.join(dir, `sink-${Math.random().toString(36).slice(2)}.jsonl`);
        this.port = 0;
        this.auth = opts.auth;
        this.proc = null;
    }

    async start() {
        const args = [SINK, '--out', this.out, '--port', String(this.port)];
        if (this.auth) args.push('--auth', this.auth);
        const proc = spawn(PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        this.proc = proc;
        let err = '';
        proc.stderr.setEncoding('utf8').on('data', (d) => (err += d));
        this.port = await new Promise((resolve, reject) => {
            let out = '';
            const timer = setTimeout(() => reject(new Error(`smtp_sink did not start: ${err}`)), ms(15000));
            proc.stdout.setEncoding('utf8').on('data', (d) => {
                out += d;
                const m = /ready (\d+)/.exec(out);
                if (m) {
                    clearTimeout(timer);
                    resolve(Number(m[1]));
                }
            });
            proc.on('exit', (code) => {
                clearTimeout(timer);
                reject(new Error(`smtp_sink exited ${code}: ${err}`));
            });
        });
        return this;
    }

    async stop() {
        if (!this.proc) return;
        const proc = this.proc;
        this.proc = null;
        const done = new Promise((r) => proc.on('exit', r));
        proc.kill('SIGTERM');
        await done;
    }

    async messages() {
        const text = await readFile(this.out, 'utf8').catch(() => '');
        return text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    }

    get url() {
        return `smtp://127.0.0.1:${this.port}`;
    }
}

/** Polls fn until it returns a truthy value (at most seconds); returns that value. */
async function until(what, fn, seconds = 20) {
    const end = Date.now() + ms(seconds * 1000);
    for (;;) {
        const v = await fn();
        if (v) return v;
        if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
        await sleep(100);
    }
}

/** Signs in as login on srv's server and returns a fetch helper with that session's token. */
async function as(srv, login) {
    const r = await fetch(`${srv.base}/api/v1/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login, password: DEMO_PASSWORD }),
    });
    const body = await r.json();
    assert.equal(r.status, 201, JSON.stringify(body));
    const cookie = (r.headers.get('set-cookie') || '').split(';')[0];
    return async (method, url, json) => {
        const res = await fetch(`${srv.base}${url}`, {
            method,
            headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': body.csrf_token },
            body: json === undefined ? undefined : JSON.stringify(json),
        });
        const text = await res.text();
        let parsed = null;
        try {
            parsed = JSON.parse(text);
        } catch {
            /* not JSON */
        }
        return { status: res.status, json: parsed, text };
    };
}

describe('mail delivery', () => {
    const h = useServer();
    let dir;
    let sink;

    before(async () => {
        dir = await tempDir('haldus-mail-');
        sink = await new Sink(dir).start();
    });
    after(async () => {
        await sink?.stop();
        await removeDir(dir);
    });

    // The whole outbox's counts: the manager's (an admin's leave out mediation mails).
    let manager;
    const summary = async () => {
        manager ??= await as(h.srv, MANAGER);
        const r = await manager('GET', '/api/v1/mail/summary');
        assert.equal(r.status, 200, r.text);
        return r.json;
    };
    const mailById = (id) => h.srv.getOk(`/api/v1/mail/${id}`);
    let settingsVersion = 0;
    async function settings(json) {
        const res = await h.srv.patch('/api/v1/mail/settings', json, settingsVersion);
        assert.equal(res.status, 200, res.text);
        settingsVersion = res.json.version;
        return res.json;
    }
    const kadri = async () =>
        (await h.srv.getOk('/api/v1/people?q=Kadri%20Tamm')).items.find((p) => p.email === 'kadri.tamm@demo.haldus.example');

    test('without a relay, mail stays queued and visible', async () => {
        const s = await summary();
        assert.equal(s.configured, false);
        assert.ok(s.queued >= 40, `the demo queues an invitation per login: ${JSON.stringify(s)}`);
        assert.equal(s.sent, 0);
        await sleep(ms(1500)); // the sender looks every second
        const again = await summary();
        assert.deepEqual(again, s);
        assert.deepEqual(await sink.messages(), []);
        // The manager sees every queued mail; the admin (no manager role) all but mediation's.
        const page = await manager('GET', '/api/v1/mail?status=queued&limit=500');
        assert.equal(page.json.items.length, s.queued);
        const mediation = page.json.items.filter((m) => m.kind.startsWith('mediation.')).length;
        const admin = await h.srv.getOk('/api/v1/mail?status=queued&limit=500');
        assert.equal(admin.items.length, s.queued - mediation);
        assert.ok(mediation > 0, 'the demo queues mediation mails');
        assert.equal((await h.srv.getOk('/api/v1/mail/summary')).queued, s.queued - mediation);
    });

    test('settings: validated, If-Match, the password never in the answer', async () => {
        const cur = await h.srv.getOk('/api/v1/mail/settings');
        assert.equal(cur.version, 0);
        assert.equal(cur.smtp_url, null);
        assert.equal(cur.retry_limit, 8);
        assert.equal(cur.password_set, false);
        assert.deepEqual(cur.command_line, []);
        assert.ok(!('password' in cur));
        assertError(await h.srv.patch('/api/v1/mail/settings', { retry_limit: 3 }), 428, 'if_match_required');
        for (const [body, field] of [
            [{ smtp_url: 'smtp://user:secret@relay.example.org' }, 'smtp_url'],
            [{ smtp_url: 'http://relay.example.org' }, 'smtp_url'],
            [{ from_address: 'not an address' }, 'from_address'],
            [{ retry_limit: 0 }, 'retry_limit'],
            [{ retry_base_seconds: 86401 }, 'retry_base_seconds'],
            [{ password: 'secret' }, 'password'],
        ])
            assertError(await h.srv.patch('/api/v1/mail/settings', body, 0), 422, 'invalid', field);
        assert.equal((await h.srv.getOk('/api/v1/mail/settings')).version, 0, 'nothing was saved');
        assertError(await h.srv.patch('/api/v1/mail/settings', { retry_limit: 3 }, 5), 412, 'version_mismatch');
    });

    test('delivery: every queued mail once, in its recipient language, parsed back', async () => {
        const queued = (await summary()).queued;
        const s = await settings({ smtp_url: sink.url, from_address: 'haldus@example.org', retry_base_seconds: 1, retry_limit: 5 });
        assert.equal(s.configured, true);
        assert.equal(s.smtp_url, sink.url);
        await until('every invitation sent', async () => (await summary()).sent === queued);
        const s2 = await summary();
        assert.equal(s2.queued, 0);
        assert.equal(s2.failed, 0);
        const got = await sink.messages();
        assert.equal(got.length, queued, 'each mail exactly once');
        assert.equal(new Set(got.map((m) => m.message_id)).size, queued);
        const k = got.find((m) => m.to === 'kadri.tamm@demo.haldus.example');
        assert.ok(k, 'Kadri got her invitation');
        assert.deepEqual(k.rcpt_tos, ['kadri.tamm@demo.haldus.example']);
        assert.equal(k.mail_from, 'haldus@example.org');
        assert.equal(k.from, 'haldus@example.org');
        // Tallinn reads Estonian: the subject travels RFC 2047 encoded and decodes back.
        assert.equal(k.subject, 'Sinu Halduse konto');
        assert.match(k.text, /^Tere!\n\nAssistentide tööd planeeritakse nüüd Halduses\./);
        assert.match(k.message_id, /^<haldus\.\d+\.\d+@example\.org>$/);
        assert.ok(!Number.isNaN(Date.parse(k.date)));
        assert.deepEqual(k.calendars, []);
        const london = got.find((m) => m.subject === 'Your Haldus account');
        assert.ok(london, 'London reads English');
        assert.match(london.text, /^Hello,\n\nyour administrative pool/);
        const rec = (await h.srv.getOk('/api/v1/mail?status=sent&limit=1')).items[0];
        assert.equal(rec.attempts, 1);
        assert.ok(rec.sent_at);
    });

    test('a test message with a calendar invitation: the .ics part and its METHOD', async () => {
        const p = await kadri();
        const before = (await sink.messages()).length;
        const res = await h.srv.post('/api/v1/mail/test', { person_id: p.id, calendar: true });
        assert.equal(res.status, 201, res.text);
        await until('the test message', async () => (await mailById(res.json.id)).status === 'sent');
        const got = (await sink.messages()).slice(before);
        assert.equal(got.length, 1);
        const m = got[0];
        assert.equal(m.subject, 'Halduse proovisõnum');
        assert.match(m.raw_subject, /Subject: =\?UTF-8\?B\?/);
        assert.match(m.text, /Halduse proovisõnum, mille saatis/);
        assert.equal(m.content_type, 'multipart/mixed');
        assert.equal(m.calendars.length, 1);
        assert.equal(m.calendars[0].method, 'REQUEST');
        assert.match(m.calendars[0].text, /^BEGIN:VCALENDAR\r?\n/);
        assert.match(m.calendars[0].text, /METHOD:REQUEST/);
        assert.match(m.calendars[0].text, /UID:mail-test-\d+@haldus/);
        assertError(await h.srv.post('/api/v1/mail/test', { person_id: 999999 }), 422, 'invalid', 'person_id');
        assertError(await h.srv.post('/api/v1/mail/test', { to_address: 'x@y.z\r\nBcc: a@b.c' }), 422, 'invalid', 'to_address');
        assertError(await h.srv.post('/api/v1/mail/test', {}), 422, 'invalid', 'person_id');
    });

    test('retry after the server was down', async () => {
        await sink.stop();
        const before = (await sink.messages()).length;
        const res = await h.srv.post('/api/v1/mail/test', { to_address: 'outside@example.com' });
        assert.equal(res.status, 201, res.text);
        const failedOnce = await until('a failed attempt', async () => {
            const m = await mailById(res.json.id);
            return m.attempts >= 1 && m.last_error ? m : null;
        });
        assert.equal(failedOnce.status, 'queued');
        assert.match(failedOnce.last_error, /connect|Couldn't|refused/i);
        await sink.start(); // the same port
        await until('delivery after the restart', async () => (await mailById(res.json.id)).status === 'sent');
        const m = await mailById(res.json.id);
        assert.ok(m.attempts >= 2, `attempts ${m.attempts}`);
        const got = (await sink.messages()).slice(before);
        assert.deepEqual(got.map((x) => x.to), ['outside@example.com']);
        assert.equal(got[0].subject, 'Haldus test message');
    });

    test('give up after the retry limit; shown as failed; retried by hand', async () => {
        await settings({ retry_limit: 2 });
        await sink.stop();
        const res = await h.srv.post('/api/v1/mail/test', { to_address: 'gives-up@example.com' });
        assert.equal(res.status, 201, res.text);
        const failed = await until('the mail to fail', async () => {
            const m = await mailById(res.json.id);
            return m.status === 'failed' ? m : null;
        });
        assert.equal(failed.attempts, 2);
        assert.ok(failed.last_error.length > 0);
        assert.equal(failed.sent_at, null);
        const list = await h.srv.getOk('/api/v1/mail?status=failed');
        assert.ok(list.items.some((x) => x.id === res.json.id));
        assert.equal((await summary()).failed, 1);
        await sleep(ms(2500));
        assert.equal((await mailById(res.json.id)).attempts, 2, 'no attempt after giving up');
        await sink.start();
        assertError(await h.srv.req('POST', `/api/v1/mail/${res.json.id}/retry`, { json: {}, ifMatch: 999 }), 412, 'version_mismatch');
        const r = await h.srv.post(`/api/v1/mail/${res.json.id}/retry`, {});
        assert.equal(r.status, 200, r.text);
        await until('the retried mail', async () => (await mailById(res.json.id)).status === 'sent');
        assertError(await h.srv.post(`/api/v1/mail/${res.json.id}/retry`, {}), 409, 'conflict', 'status');
        assertError(await h.srv.post('/api/v1/mail/999999/retry', {}), 404, 'not_found');
        await settings({ retry_limit: 5 });
    });

    test('each person chooses their notifications; an opted-out kind is not queued', async () => {
        const me = await as(h.srv, 'kadri.tamm@demo.haldus.example');
        const p = await kadri();
        let r = await me('GET', '/api/v1/me/notifications');
        assert.equal(r.status, 200, r.text);
        const kinds = r.json.notifications.map((n) => n.kind);
        assert.ok(kinds.includes('account.invitation'));
        assert.ok(kinds.includes('mail.test'), 'a kind she was sent is listed');
        assert.ok(r.json.notifications.every((n) => n.enabled === true));
        r = await me('PATCH', '/api/v1/me/notifications', { notifications: [{ kind: 'mail.test', enabled: false }] });
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.notifications.find((n) => n.kind === 'mail.test').enabled, false);
        assert.equal(r.json.notifications.find((n) => n.kind === 'account.invitation').enabled, true);
        for (const body of [{ notifications: [{ kind: 'Mail Test', enabled: false }] }, { notifications: [{ kind: 'a' }] }, { other: 1 }]) {
            const bad = await me('PATCH', '/api/v1/me/notifications', body);
            assert.equal(bad.status, 422, bad.text);
            assert.equal(bad.json.error.field, 'notifications');
        }
        const countBefore = (await summary());
        const sent = await h.srv.post('/api/v1/mail/test', { person_id: p.id });
        assert.equal(sent.status, 200, sent.text);
        assert.deepEqual(sent.json, { id: 0, opted_out: true });
        assert.deepEqual(await summary(), countBefore, 'nothing was queued');
        // Turned on again: the next one arrives.
        r = await me('PATCH', '/api/v1/me/notifications', { notifications: [{ kind: 'mail.test', enabled: true }] });
        assert.equal(r.status, 200, r.text);
        const before = (await sink.messages()).length;
        const again = await h.srv.post('/api/v1/mail/test', { person_id: p.id });
        assert.equal(again.status, 201, again.text);
        await until('the mail', async () => (await mailById(again.json.id)).status === 'sent');
        const got = (await sink.messages()).slice(before);
        assert.deepEqual(got.map((m) => m.to), ['kadri.tamm@demo.haldus.example']);
        // An admin account without a person gets nothing, and has nothing to choose.
        assert.deepEqual(await h.srv.getOk('/api/v1/me/notifications'), { notifications: [] });
        assertError(await h.srv.patch('/api/v1/me/notifications', { notifications: [] }), 409, 'conflict');
        // The change is in the audit log.
        const audit = await h.srv.getOk('/api/v1/audit?limit=50');
        assert.ok(audit.items.some((a) => a.entity === 'notifications' && a.entity_id === p.id));
    });

    test('the CLI lists the outbox and refuses a wrong retry', async () => {
        const list = await run(['mail', 'list', '--db', h.srv.db, '--status', 'sent', '--limit', '2']);
        assert.equal(list.code, 0, list.stderr);
        assert.equal(list.stdout.trim().split('\n').length, 2);
        assert.match(list.stdout, /^\d+ {2}sent +\d+ {2}[a-z.]+ {2}\S+@\S+ {2}\S/m, list.stdout);
        const json = await run(['mail', 'list', '--db', h.srv.db, '--json', '--limit', '1']);
        assert.equal(JSON.parse(json.stdout).length, 1);
        const bad = await run(['mail', 'retry', '999999', '--db', h.srv.db]);
        assert.equal(bad.code, 1);
        assert.match(bad.stderr, /no mail with id 999999/); // as `GET /mail/{id}` says it
        const usage = await run(['mail', 'list', '--status', 'lost', '--db', h.srv.db]);
        assert.equal(usage.code, 2);
    });
});

describe('mail: a relay with a login, the password from a file', () => {
    let dir;
    let sink;
    let srv;
    const PASSWORD = 'relay-secret-7f3a';

    before(async () => {
        dir = await tempDir('haldus-mail-auth-');
        sink = await new Sink(dir, { auth: `haldus:${PASSWORD}` }).start();
        const file = path.join(dir, 'smtp-password');
        await writeFile(file, `${PASSWORD}\n`, { mode: 0o600 });
        srv = await startServer({
            serveArgs: ['--smtp', sink.url, '--smtp-from', 'pool@example.org', '--smtp-user', 'haldus',
                '--smtp-password-file', file, '--smtp-retry-base', '1'],
        });
    });
    after(async () => {
        await srv?.close();
        await sink?.stop();
        await removeDir(dir);
    });

    test('the command line configures the relay; AUTH with the password; never shown', async () => {
        const s = await srv.getOk('/api/v1/mail/settings');
        assert.equal(s.configured, true);
        assert.equal(s.password_set, true);
        assert.deepEqual(s.command_line.sort(), ['from_address', 'retry_base_seconds', 'smtp_url', 'username']);
        const text = JSON.stringify(s);
        assert.ok(!text.includes(PASSWORD));
        const manager = await as(srv, MANAGER); // the whole outbox's counts
        const summary = async () => (await manager('GET', '/api/v1/mail/summary')).json;
        const first = await summary();
        const q = first.queued + first.sent;
        await until('the invitations', async () => (await summary()).sent === q);
        const got = await sink.messages();
        assert.equal(got.length, q);
        assert.ok(got.every((m) => m.login === 'haldus' && m.mail_from === 'pool@example.org'));
        assert.ok(!srv.stderr.includes(PASSWORD));
    });

    test('a wrong password is an error the admin sees, and the mail waits', async () => {
        const wrong = path.join(dir, 'wrong');
        await writeFile(wrong, 'not-it\n', { mode: 0o600 });
        const file = path.join(dir, 'smtp-password');
        // A mail the server could not deliver (the relay is down), then the server stops.
        await sink.stop();
        const q = await srv.post('/api/v1/mail/test', { to_address: 'x@example.com' });
        assert.equal(q.status, 201, q.text);
        await until('a failed attempt', async () => (await srv.getOk(`/api/v1/mail/${q.json.id}`)).attempts >= 1);
        await srv.stop();
        await sink.start();
        const relay = ['--smtp', sink.url, '--smtp-from', 'pool@example.org', '--smtp-user', 'haldus'];
        // Due now; `haldus mail send` with the wrong password: one attempt, kept for a retry.
        assert.equal((await run(['mail', 'retry', String(q.json.id), '--db', srv.db])).code, 0);
        const res = await run(['mail', 'send', '--db', srv.db, ...relay, '--smtp-password-file', wrong]);
        assert.equal(res.code, 0, res.stderr);
        assert.match(res.stdout, /sent 0, to retry 1, failed 0/);
        const list = await run(['mail', 'list', '--db', srv.db, '--status', 'queued']);
        assert.match(list.stdout, /^\d+ {2}queued +1 {2}mail\.test {2}x@example\.com/m, list.stdout);
        assert.match(list.stdout, /^ {4}last error: \S/m);
        // The right password: delivered.
        assert.equal((await run(['mail', 'retry', String(q.json.id), '--db', srv.db])).code, 0);
        const ok = await run(['mail', 'send', '--db', srv.db, ...relay, '--smtp-password-file', file]);
        assert.match(ok.stdout, /sent 1, to retry 0, failed 0/, ok.stderr);
        assert.ok((await sink.messages()).some((m) => m.to === 'x@example.com' && m.login === 'haldus'));
        // The stored settings have no relay: the command line gave it to the server only.
        const none = await run(['mail', 'send', '--db', srv.db]);
        assert.equal(none.code, 1);
        assert.match(none.stderr, /no SMTP relay configured/);
    });
});
