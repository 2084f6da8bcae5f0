// hardening.test.mjs: the holes of issue 8 that the server itself must close: another
// application's SQLite file is left untouched; API tokens end with the password; a database
// that cannot be written still serves reads (and `serve --read-only`); libmicrohttpd's own
// refusals come back as JSON errors; slow connections from one address cannot starve others.

import assert from 'node:assert/strict';
import { chmod, readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { describe, test } from 'node:test';
import { Server, assertError, ms, rawRequest, removeDir, run, runProgram, sleep, startServer, tempDir, useServer } from './lib.mjs';

const PASSWORD = 'haldus-demo-2026'; // every demo login's password

/** Signs in with a cookie: {cookie, csrf, status}. */
async function signIn(srv, login, password = PASSWORD) {
    const r = await srv.req('POST', '/api/v1/session', { json: { login, password }, auth: false });
    assert.equal(r.status, 201, `sign-in as ${login}: ${r.status} ${r.text}`);
    return { cookie: (r.headers.get('set-cookie') || '').split(';')[0], csrf: r.json.csrf_token };
}

/** A request with a session cookie (and its CSRF token on changes). */
function withCookie(srv, s, method, url, opts = {}) {
    const headers = { Cookie: s.cookie, ...(opts.headers || {}) };
    if (method !== 'GET') headers['X-CSRF-Token'] = s.csrf;
    return srv.req(method, url, { ...opts, headers, auth: false });
}

/** A new API token of the session's account: the bearer header. */
async function newToken(srv, s, name) {
    const t = await withCookie(srv, s, 'POST', '/api/v1/tokens', { json: { name } });
    assert.equal(t.status, 201, t.text);
    return { id: t.json.id, headers: { Authorization: `Bearer ${t.json.token}` } };
}

describe("another application's SQLite file", () => {
    test('check, migrate, serve and init refuse it and change nothing, not even the journal mode', async () => {
        const dir = await tempDir();
        try {
            const db = path.join(dir, 'invoices.db');
            const made = await runProgram('sqlite3', [
                db,
                'CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoice (total) VALUES (12.5);',
            ]);
            assert.equal(made.code, 0, made.stderr);
            const mode = async () => (await runProgram('sqlite3', [db, 'PRAGMA journal_mode'])).stdout.trim();
            assert.equal(await mode(), 'delete');
            const before = await readFile(db);
            for (const args of [
                ['check', '--db', db],
                ['migrate', '--db', db],
                ['init', '--db', db],
                ['serve', '--db', db, '--listen', '127.0.0.1:0'],
            ]) {
                const r = await run(args, { timeout: ms(15000) });
                assert.equal(r.code, 1, `haldus ${args[0]} must refuse the file: ${r.code} ${r.stdout} ${r.stderr}`);
                assert.match(r.stderr, /not a Haldus database.*refusing to touch it/, `haldus ${args[0]}: ${r.stderr}`);
                assert.doesNotMatch(r.stdout, /listening/, `haldus ${args[0]} served it`);
                assert.equal(await mode(), 'delete', `haldus ${args[0]} switched the journal mode`);
                assert.ok((await readFile(db)).equals(before), `haldus ${args[0]} changed the file`);
            }
        } finally {
            await removeDir(dir);
        }
    });
});

describe('API tokens and passwords', () => {
    test('a new password revokes the API tokens, changed by oneself or reset by an admin, with audit rows', async () => {
        const srv = await startServer({ demo: true });
        try {
            const login = 'kadri.tamm@demo.haldus.example';
            const users = await srv.listAll('/api/v1/users');
            const account = users.find((u) => u.login === login);
            assert.ok(account, `demo account ${login}`);
            const bearerMe = (t) => srv.req('GET', '/api/v1/me', { headers: t.headers, auth: false });
            const revoked = async (t, reason) => {
                const a = await srv.getOk(`/api/v1/audit?entity=${encodeURIComponent('api token')}&entity_id=${t.id}`);
                const row = a.items.find((x) => x.action === 'revoke');
                assert.ok(row, `no revoke audit row of token ${t.id}: ${JSON.stringify(a.items)}`);
                assert.equal(row.after.reason, reason, JSON.stringify(row));
            };

            // Changed by the account itself.
            const s1 = await signIn(srv, login);
            const t1 = await newToken(srv, s1, 'laptop script');
            assert.equal((await bearerMe(t1)).status, 200);
            const next = 'a-new-password-for-kadri';
            const ch = await withCookie(srv, s1, 'POST', '/api/v1/me/password', {
                json: { current_password: PASSWORD, new_password: next },
            });
            assert.equal(ch.status, 204, ch.text);
            assertError(await bearerMe(t1), 401, 'unauthorized');
            assert.equal((await withCookie(srv, s1, 'GET', '/api/v1/me')).status, 200, 'the session it was changed from goes on');
            const list = await withCookie(srv, s1, 'GET', '/api/v1/tokens');
            assert.deepEqual(list.json.items, [], list.text);
            await revoked(t1, 'password changed');

            // Reset by an admin.
            const t2 = await newToken(srv, s1, 'after the change');
            assert.equal((await bearerMe(t2)).status, 200);
            const cur = await srv.getOk(`/api/v1/users/${account.id}`);
            const reset = await srv.patch(`/api/v1/users/${account.id}`, { password: 'reset-by-the-admin-2026' }, cur.version);
            assert.equal(reset.status, 200, reset.text);
            assertError(await bearerMe(t2), 401, 'unauthorized');
            await revoked(t2, 'password reset by an admin');

            // A refused change (wrong current password) revokes nothing.
            const s2 = await signIn(srv, login, 'reset-by-the-admin-2026');
            const t3 = await newToken(srv, s2, 'kept');
            const wrong = await withCookie(srv, s2, 'POST', '/api/v1/me/password', {
                json: { current_password: 'not the password', new_password: 'yet-another-password' },
            });
            assertError(wrong, 422, 'invalid', 'current_password');
            // A new password against the policy is named by the form's field (the Account page
            // shows it under "new password").
            const short = await withCookie(srv, s2, 'POST', '/api/v1/me/password', {
                json: { current_password: 'reset-by-the-admin-2026', new_password: 'short' },
            });
            assertError(short, 422, 'invalid', 'new_password');
            assert.equal((await bearerMe(t3)).status, 200, 'a refused change keeps the tokens');
        } finally {
            await srv.close();
        }
    });
});

describe('a database that cannot be written', () => {
    /** A demo database with an API token of its admin; the server that made it is stopped. */
    async function prepared() {
        const srv = await startServer({ demo: true });
        const { dir, db } = srv;
        const base = { credentials: srv.opts.credentials, authorization: srv.authorization };
        const skills = (await srv.getOk('/api/v1/skills?limit=500')).items.length;
        await srv.stop();
        return { dir, db, base, skills };
    }

    /** What must hold on a server whose database cannot be written. */
    async function readsWorkChangesDont(srv, p) {
        // Reads, with the API token made before (its last_used_at cannot be written).
        assert.equal((await srv.get('/healthz')).status, 200);
        const list = await srv.get('/api/v1/skills?limit=500');
        assert.equal(list.status, 200, `a signed-in GET on a read-only database: ${list.text}`);
        assert.equal(list.json.items.length, p.skills);
        assert.equal((await srv.get('/api/v1/assistants?limit=5')).status, 200);
        // Changes: 503 read_only, whoever sends them.
        assertError(await srv.post('/api/v1/skills', { name: 'written anyway', category: 'x' }), 503, 'read_only');
        // The web app signs in (sessions live in memory then), reads, signs out.
        const s = await signIn(srv, p.base.credentials.login, p.base.credentials.password);
        const me = await withCookie(srv, s, 'GET', '/api/v1/me');
        assert.equal(me.status, 200, me.text);
        assert.equal(me.json.account.login, p.base.credentials.login);
        const sessions = await withCookie(srv, s, 'GET', '/api/v1/sessions');
        assert.equal(sessions.status, 200, sessions.text);
        assert.equal(sessions.json.items.filter((x) => x.current).length, 1, sessions.text);
        assertError(await withCookie(srv, s, 'POST', '/api/v1/skills', { json: { name: 'by cookie', category: 'x' } }), 503, 'read_only');
        assertError(
            await withCookie(srv, s, 'POST', '/api/v1/me/password', {
                json: { current_password: p.base.credentials.password, new_password: 'not-stored-anyway-2026' },
            }),
            503,
            'read_only',
        );
        // Wrong passwords are still counted (in memory) and answered as before.
        const wrong = await srv.req('POST', '/api/v1/session', {
            json: { login: p.base.credentials.login, password: 'wrong password here' },
            auth: false,
        });
        assertError(wrong, 401, 'unauthorized');
        const out = await withCookie(srv, s, 'DELETE', '/api/v1/session');
        assert.equal(out.status, 204, out.text);
        assertError(await withCookie(srv, s, 'GET', '/api/v1/me'), 401, 'unauthorized');
        assert.equal((await srv.get('/api/v1/skills?limit=500')).json.items.length, p.skills, 'nothing was added');
    }

    test('haldus serve --read-only: reads and sign-in work, every change answers 503 read_only', async () => {
        const p = await prepared();
        try {
            const before = await readFile(p.db);
            const srv = new Server(p.dir, p.db, { ...p.base, serveArgs: ['--read-only'] });
            await srv.start();
            try {
                assert.match(srv.stdout, /read-only/, srv.stdout);
                await readsWorkChangesDont(srv, p);
            } finally {
                await srv.stop();
            }
            assert.ok((await readFile(p.db)).equals(before), 'the read-only server changed the database file');
        } finally {
            await removeDir(p.dir);
        }
    });

    test('a database file and folder made read-only (chmod 0444, 0555) are served read-only', async () => {
        const p = await prepared();
        try {
            await chmod(p.db, 0o444);
            await chmod(p.dir, 0o555);
            // root writes whatever the mode says: then the server runs as nobody, as it would in
            // production, so the modes mean what they say.
            const as = process.getuid() === 0 ? { uid: 65534, gid: 65534 } : {};
            const srv = new Server(p.dir, p.db, { ...p.base, ...as });
            await srv.start();
            try {
                assert.match(srv.stderr, /cannot be written: serving it read-only/, srv.stderr);
                await readsWorkChangesDont(srv, p);
            } finally {
                await srv.stop();
            }
        } finally {
            await chmod(p.dir, 0o700).catch(() => {});
            await removeDir(p.dir);
        }
    });
});

describe("libmicrohttpd's own refusals answer in JSON", () => {
    const h = useServer({ demo: false });
    const params = (n) => Array.from({ length: n }, (_, i) => `p${i}=1`).join('&');
    const headers = (n) => Array.from({ length: n }, (_, i) => `X-H${i}: v`).join('\r\n');
    // [what, raw request, status, code]: below the library's memory (our limits answer) and
    // past it (the library answers, through our JSON).
    const cases = [
        ['a path and query of 9 KB', `GET /api/v1/skills?q=${'a'.repeat(9000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 414, 'uri_too_long'],
        ['a path and query of 400 KB', `GET /api/v1/skills?q=${'a'.repeat(400000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 414, 'uri_too_long'],
        ['200 query parameters', `GET /api/v1/skills?${params(200)} HTTP/1.1\r\nHost: x\r\n\r\n`, 400, 'bad_request'],
        ['5,000 query parameters', `GET /api/v1/skills?${params(5000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 414, 'uri_too_long'],
        ['1,500 short query parameters', `GET /api/v1/skills?${'a&'.repeat(1500)} HTTP/1.1\r\nHost: x\r\n\r\n`, 400, 'bad_request'],
        ['a header of 20 KB', `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20000)}\r\n\r\n`, 431, 'headers_too_large'],
        ['a header of 300 KB', `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(300000)}\r\n\r\n`, 431, 'headers_too_large'],
        ['150 headers', `GET /healthz HTTP/1.1\r\nHost: x\r\n${headers(150)}\r\n\r\n`, 431, 'headers_too_large'],
        ['5,000 headers', `GET /healthz HTTP/1.1\r\nHost: x\r\n${headers(5000)}\r\n\r\n`, 431, 'headers_too_large'],
        ['9,000 cookies', `GET /healthz HTTP/1.1\r\nHost: x\r\nCookie: ${Array.from({ length: 9000 }, (_, i) => `c${i}=1`).join('; ')}\r\n\r\n`, 431, 'headers_too_large'],
        ['Content-Length: abc', 'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}', 400, 'bad_request'],
        ['Content-Length: -5', 'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -5\r\n\r\n{}', 400, 'bad_request'],
        ['Content-Length past 2^64', 'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n{}', 413, 'too_large'],
        ['two Content-Lengths', 'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\n{}', 400, 'bad_request'],
        ['a malformed chunked body', 'POST /api/v1/session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 400, 'bad_request'],
        ['HTTP/3.7', 'GET /healthz HTTP/3.7\r\nHost: x\r\n\r\n', 505, 'http_version_not_supported'],
    ];
    for (const [what, data, status, code] of cases) {
        test(`${what}: ${status} ${code} in the JSON error shape`, async () => {
            const res = await rawRequest(h.srv.port, data, { timeout: ms(10000) });
            assert.ok(res.status, `no answer to ${what} (${res.error?.code ?? 'closed'})`);
            assertError(res, status, code);
            assert.equal(res.headers['x-content-type-options'], 'nosniff');
            // The server is still there.
            assert.equal((await h.srv.get('/healthz')).status, 200);
        });
    }
    test('requests within the limits still work: 100 query parameters, 100 headers', async () => {
        const q = await rawRequest(h.srv.port, `GET /healthz?${params(100)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
        assert.equal(q.status, 200, q.body);
        const hd = await rawRequest(h.srv.port, `GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${headers(97)}\r\n\r\n`);
        assert.equal(hd.status, 200, hd.body);
    });
});

describe('slow connections', () => {
    /** A connection from 127.0.0.1 that sends the start of a request and then one header line
     * every `every` ms, as long as the server keeps it. Resolves when it is open (or refused). */
    function slowClient(port, every) {
        const sock = net.connect({ port, host: '127.0.0.1' });
        const c = { sock, closedByServer: false, lines: 0, timer: null };
        sock.on('error', () => {});
        sock.on('close', () => {
            c.closedByServer = !c.stopped;
            clearInterval(c.timer);
        });
        c.stop = () => {
            c.stopped = true;
            clearInterval(c.timer);
            sock.destroy();
        };
        return new Promise((resolve) => {
            sock.on('connect', () => {
                sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
                c.timer = setInterval(() => {
                    if (sock.destroyed) return;
                    c.lines += 1;
                    sock.write(`X-Slow-${c.lines}: still here\r\n`);
                }, every);
                resolve(c);
            });
            sock.on('close', () => resolve(c));
        });
    }

    test('a request trickling a header line every 300 ms is dropped at its deadline', async () => {
        const srv = await startServer({ demo: false, serveArgs: ['--request-deadline', '2'] });
        try {
            const c = await slowClient(srv.port, 300);
            // The idle timeout (30 s) never fires while bytes keep coming; the deadline must.
            for (let i = 0; i < 60 && !c.closedByServer; i++) await sleep(200);
            const trickled = c.lines;
            c.stop();
            assert.ok(c.closedByServer, `the server kept a trickling request for ${trickled} header lines`);
            const m = await srv.get('/metrics');
            assert.equal(m.status, 200, m.text);
            assert.match(m.text, /^haldus_request_deadline_drops_total [1-9]/m, m.text);
            // An ordinary request is not hurt.
            assert.equal((await srv.get('/healthz')).status, 200);
        } finally {
            await srv.close();
        }
    });

    test('a flood of slow connections from one address leaves /healthz and signed-in reads answering', async () => {
        // The incident: 4,100 connections from one address, each sending a header line every
        // 10 s, held every slot of the server. Scaled down (a limit of 200 connections, 300
        // slow ones) so it stays quick; the deadline is long here, so only the per-address limit
        // is at work. The good client speaks from 127.0.0.2, another loopback address, since
        // 127.0.0.1 is the flooding one.
        const PER_ADDRESS = 20;
        const srv = await startServer({
            demo: false,
            serveArgs: ['--max-connections', '200', '--per-address', String(PER_ADDRESS), '--request-deadline', '120'],
        });
        const slow = [];
        try {
            for (let i = 0; i < 300; i++) slow.push(slowClient(srv.port, 2000));
            const clients = await Promise.all(slow);
            await sleep(ms(500));
            const open = clients.filter((c) => !c.closedByServer).length;
            assert.ok(open <= PER_ADDRESS, `${open} connections from 127.0.0.1 are open; the limit is ${PER_ADDRESS}`);
            const from2 = { localAddress: '127.0.0.2', timeout: ms(10000) };
            const health = await rawRequest(srv.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', from2);
            assert.equal(health.status, 200, `/healthz during the flood: ${health.status} ${health.body} ${health.error ?? ''}`);
            const read = await rawRequest(
                srv.port,
                `GET /api/v1/users?limit=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${srv.authLine()}\r\n`,
                from2,
            );
            assert.equal(read.status, 200, `a signed-in GET during the flood: ${read.status} ${read.body}`);
            assert.equal(read.json.items.length, 1, read.body);
        } finally {
            for (const c of await Promise.all(slow)) c.stop();
            await srv.close();
        }
    });
});
