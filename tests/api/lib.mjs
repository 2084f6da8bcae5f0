// lib.mjs: helpers of the API tests: start the real haldus binary on a fresh temporary
// database, talk to it, stop it, and run its CLI.
//
// Environment:
//   HALDUS_BIN        the binary (default: build/haldus of the repository)
//   HALDUS_SANITIZED  1 when the binary is an ASan/UBSan build: slower, so timeouts grow, and
//                     any sanitizer report on stderr fails the test.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before } from 'node:test';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.HALDUS_BIN || path.join(ROOT, 'build', 'haldus');
export const SANITIZED = process.env.HALDUS_SANITIZED === '1';

/** The environment of every haldus run: the caller's, without haldus's own settings. */
function childEnv(extra = {}) {
    const env = { ...process.env };
    for (const k of Object.keys(env)) if (k.startsWith('HALDUS_')) delete env[k];
    return { ...env, ...extra };
}

/** n milliseconds, scaled up for the sanitizer build (about three times slower). */
export function ms(n) {
    return SANITIZED ? n * 4 : n;
}

/** The body size limit of the server (src/core/http.h HTTP_BODY_LIMIT). */
export const BODY_LIMIT = 256 * 1024;

const SANITIZER_PATTERNS = [
    /ERROR: AddressSanitizer/,
    /ERROR: LeakSanitizer/,
    /runtime error:/,
    /ERROR: UndefinedBehaviorSanitizer/,
];

/** Throws when text holds a sanitizer report. */
export function assertNoSanitizerReport(text, what = 'haldus') {
    for (const re of SANITIZER_PATTERNS) {
        if (re.test(text)) {
            assert.fail(`${what} reported a sanitizer error:\n${text.slice(0, 8000)}`);
        }
    }
}

/** A fresh temporary directory (remove it with removeDir). */
export async function tempDir(prefix = 'haldus-test-') {
    return mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function removeDir(dir) {
    if (dir) await rm(dir, { recursive: true, force: true });
}

/**
 * Runs `haldus ...args` to completion: {code, signal, stdout, stderr}. A sanitizer report on
 * stderr throws unless opts.allowSanitizer.
 */
export function run(args, opts = {}) {
    return new Promise((resolve, reject) => {
        const child = spawn(opts.bin || BIN, args, {
            cwd: opts.cwd,
            env: childEnv(opts.env),
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
        const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeout || ms(30000));
        child.on('error', (e) => {
            clearTimeout(timer);
            reject(e);
        });
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            try {
                if (!opts.allowSanitizer) assertNoSanitizerReport(stderr, `haldus ${args.join(' ')}`);
            } catch (e) {
                reject(e);
                return;
            }
            resolve({ code, signal, stdout, stderr });
        });
    });
}

/** Runs a command that must succeed (exit 0); returns its result. */
export async function runOk(args, opts) {
    const r = await run(args, opts);
    assert.equal(r.code, 0, `haldus ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return r;
}

/** Runs any program (not haldus), e.g. sqlite3. */
export function runProgram(prog, args) {
    return new Promise((resolve, reject) => {
        const child = spawn(prog, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
}

/** The JSON of a response body, or undefined. */
function parseBody(text) {
    if (!text) return undefined;
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}

export class Server {
    constructor(dir, db, opts) {
        this.dir = dir;
        this.db = db;
        this.opts = opts;
        this.proc = null;
        this.port = 0;
        this.base = '';
        this.stderr = '';
        this.stdout = '';
        this.exited = null; // promise of {code, signal}
        this.ownsDir = false;
        this.host = '127.0.0.1';
        this.authorization = opts.authorization || null; // "Bearer …" once signed in
        this.actor = opts.credentials ? opts.credentials.login : 'api'; // who the audit log names
    }

    /** Starts `haldus serve` and waits for the "listening" line. */
    async start(listen = '127.0.0.1:0') {
        const args = ['serve', '--db', this.db, '--listen', listen];
        if (this.opts.threads) args.push('--threads', String(this.opts.threads));
        // No periodic work on its own: a test runs it with `haldus jobs run` when it means to
        // (a test that wants the timer passes --jobs-interval in serveArgs, which wins).
        args.push('--jobs-interval', '0');
        if (this.opts.serveArgs) args.push(...this.opts.serveArgs); // e.g. ['--behind-tls']
        // opts.uid/gid: run as another user (a root test run cannot otherwise be refused a write)
        const as = this.opts.uid === undefined ? {} : { uid: this.opts.uid, gid: this.opts.gid };
        const proc = spawn(BIN, args, { env: childEnv(this.opts.env), stdio: ['ignore', 'pipe', 'pipe'], ...as });
        this.proc = proc;
        this.stdout = '';
        this.exited = new Promise((resolve) => {
            proc.on('exit', (code, signal) => resolve({ code, signal }));
        });
        proc.stderr.setEncoding('utf8').on('data', (d) => (this.stderr += d));
        proc.stdout.setEncoding('utf8');
        const port = await new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                reject(new Error(`haldus serve did not start in time; stderr: ${this.stderr}`));
            }, ms(15000));
            const onData = (d) => {
                this.stdout += d;
                const m = /listening on http:\/\/(\[[^\]]+\]|[^:/\s]+):(\d+)/.exec(this.stdout);
                if (m) {
                    clearTimeout(timer);
                    proc.stdout.off('data', onData);
                    proc.stdout.on('data', (x) => (this.stdout += x));
                    this.host = m[1] === '0.0.0.0' ? '127.0.0.1' : m[1] === '[::]' ? '[::1]' : m[1];
                    resolve(Number(m[2]));
                }
            };
            proc.stdout.on('data', onData);
            proc.on('error', (e) => {
                clearTimeout(timer);
                reject(e);
            });
            this.exited.then(({ code, signal }) => {
                clearTimeout(timer);
                reject(new Error(`haldus serve exited (${code ?? signal}) before listening: ${this.stderr}`));
            });
        });
        this.port = port;
        this.base = `http://${this.host}:${port}`;
        if (this.opts.credentials && !this.authorization) await this.signIn(this.opts.credentials);
        return this;
    }

    /**
     * With accounts: signs in with {login, password}, creates an API token and sends it as a
     * bearer token with every request from then on (a token needs no CSRF header and outlives
     * restarts of the server on the same database).
     */
    async signIn(credentials) {
        const json = { 'Content-Type': 'application/json' };
        const r = await fetch(`${this.base}/api/v1/session`, {
            method: 'POST',
            headers: json,
            body: JSON.stringify(credentials),
        });
        const body = await r.json().catch(() => ({}));
        assert.equal(r.status, 201, `sign-in as ${credentials.login}: ${r.status} ${JSON.stringify(body)}`);
        const cookie = (r.headers.get('set-cookie') || '').split(';')[0];
        const t = await fetch(`${this.base}/api/v1/tokens`, {
            method: 'POST',
            headers: { ...json, Cookie: cookie, 'X-CSRF-Token': body.csrf_token },
            body: JSON.stringify({ name: 'api tests' }),
        });
        const token = await t.json().catch(() => ({}));
        assert.equal(t.status, 201, `token: ${t.status} ${JSON.stringify(token)}`);
        this.authorization = `Bearer ${token.token}`;
        this.actor = credentials.login;
    }

    /** The Authorization header line for raw requests ('' without accounts). */
    authLine() {
        return this.authorization ? `Authorization: ${this.authorization}\r\n` : '';
    }

    get running() {
        return this.proc !== null && this.proc.exitCode === null && this.proc.signalCode === null;
    }

    /** Fails when the server's stderr holds a sanitizer report. */
    assertClean() {
        assertNoSanitizerReport(this.stderr, 'haldus serve');
    }

    /** SIGTERM, then waits for the exit; the exit must be clean (status 0, no reports). */
    async stop() {
        if (!this.proc) return;
        const proc = this.proc;
        if (this.running) proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), ms(10000));
        const { code, signal } = await this.exited;
        clearTimeout(timer);
        this.proc = null;
        this.assertClean();
        assert.equal(signal, null, `haldus serve was killed by ${signal}; stderr: ${this.stderr}`);
        assert.equal(code, 0, `haldus serve exited ${code} after SIGTERM; stderr: ${this.stderr}`);
    }

    /** kill -9: no chance to clean up. */
    async kill9() {
        if (!this.proc) return;
        const proc = this.proc;
        if (this.running) proc.kill('SIGKILL');
        await this.exited;
        this.proc = null;
        this.assertClean();
    }

    /** Stops the server and removes its temporary directory. */
    async close() {
        try {
            await this.stop();
        } finally {
            if (this.ownsDir) await removeDir(this.dir);
        }
    }

    /**
     * One request. opts: json (a value sent as JSON), body (raw string/Buffer), headers,
     * ifMatch (a version number or string), timeout. Returns {status, headers, text, json}.
     */
    async req(method, url, opts = {}) {
        const headers = { ...(opts.headers || {}) };
        if (this.authorization && opts.auth !== false && !('Authorization' in headers))
            headers.Authorization = this.authorization;
        let body = opts.body;
        if (opts.json !== undefined) {
            body = JSON.stringify(opts.json);
            if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
                headers['Content-Type'] = 'application/json';
        }
        if (opts.ifMatch !== undefined) {
            headers['If-Match'] =
                typeof opts.ifMatch === 'number' ? `"${opts.ifMatch}"` : String(opts.ifMatch);
        }
        const res = await fetch(this.base + url, {
            method,
            headers,
            body,
            signal: AbortSignal.timeout(opts.timeout || ms(20000)),
        });
        const text = await res.text();
        return { status: res.status, headers: res.headers, text, json: parseBody(text) };
    }

    get(url, opts) {
        return this.req('GET', url, opts);
    }
    post(url, json, opts = {}) {
        return this.req('POST', url, { ...opts, json });
    }
    patch(url, json, ifMatch, opts = {}) {
        return this.req('PATCH', url, { ...opts, json, ifMatch });
    }
    del(url, ifMatch, opts = {}) {
        return this.req('DELETE', url, { ...opts, ifMatch });
    }

    /** GET that must answer 200; returns the JSON. */
    async getOk(url) {
        const r = await this.get(url);
        assert.equal(r.status, 200, `GET ${url}: ${r.status} ${r.text}`);
        return r.json;
    }

    /** POST that must answer 201; returns the record. */
    async create(collection, json) {
        const r = await this.post(`/api/v1/${collection}`, json);
        assert.equal(r.status, 201, `POST /api/v1/${collection} ${JSON.stringify(json)}: ${r.status} ${r.text}`);
        return r.json;
    }

    /** Every item of a list, walking all pages. */
    async listAll(url, limit = 500) {
        const items = [];
        let cursor = null;
        const sep = url.includes('?') ? '&' : '?';
        for (let i = 0; i < 10000; i++) {
            const page = await this.getOk(
                `${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
            );
            items.push(...page.items);
            if (!page.next_cursor) return items;
            cursor = page.next_cursor;
        }
        throw new Error(`listAll ${url}: too many pages`);
    }

    /** The number of audit log entries and the newest one's id. */
    async auditState() {
        const items = await this.listAll('/api/v1/audit');
        return { count: items.length, newest: items.length ? items[0].id : 0 };
    }

    /** Raw bytes over a socket (for what fetch cannot send); see rawRequest. */
    raw(data, opts) {
        return rawRequest(this.port, data, opts);
    }
}

let accountsProbe = null;

/** Whether this haldus has user accounts (a `user` command), so the API needs signing in. */
export function hasAccounts() {
    if (!accountsProbe)
        accountsProbe = run(['--help']).then((r) => /^ {2}user /m.test(r.stdout));
    return accountsProbe;
}

/**
 * For a haldus with accounts: creates db (demo or init) with a known admin and returns the
 * admin's {login, password}.
 */
async function setUpAccount(dir, db, demo) {
    if (demo) {
        const r = await runOk(['demo', '--db', db]);
        const m = /demo-only password (\S+): .*?(\S+) \(admin\)/.exec(r.stdout);
        assert.ok(m, `demo did not name its admin login and password: ${r.stdout}`);
        return { login: m[2], password: m[1] };
    }
    const password = `test-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
    const file = path.join(dir, 'admin-password');
    await writeFile(file, `${password}\n`, { mode: 0o600 });
    await runOk(['init', '--db', db, '--admin-login', 'test-admin', '--admin-password-file', file]);
    return { login: 'test-admin', password };
}

/**
 * Starts a server on a fresh temporary database.
 * opts: demo (default true: `haldus demo`, else `haldus init`), threads, dir/db (reuse),
 * credentials (with db: who signs in), serveArgs (more arguments of `haldus serve`).
 */
export async function startServer(opts = {}) {
    let dir = opts.dir;
    let owns = false;
    if (!dir) {
        dir = await tempDir();
        owns = true;
    }
    const db = opts.db || path.join(dir, 'haldus.db');
    if (!opts.db && !(await hasAccounts())) {
        const demo = opts.demo !== false;
        await runOk(demo ? ['demo', '--db', db] : ['init', '--db', db]);
    }
    let credentials = opts.credentials;
    if (!opts.db && (await hasAccounts())) credentials = await setUpAccount(dir, db, opts.demo !== false);
    const srv = new Server(dir, db, { ...opts, credentials });
    srv.ownsDir = owns;
    try {
        await srv.start();
    } catch (e) {
        if (owns) await removeDir(dir);
        throw e;
    }
    return srv;
}

/**
 * Registers node:test hooks for one server per test file: started before the first test,
 * checked for sanitizer reports after each test, stopped (cleanly) after the last.
 * Returns a holder whose .srv is the server once started.
 */
export function useServer(opts = {}) {
    const holder = { srv: null };
    before(async () => {
        holder.srv = await startServer(opts);
    });
    afterEach(() => {
        holder.srv?.assertClean();
    });
    after(async () => {
        await holder.srv?.close();
    });
    return holder;
}

/**
 * Sends raw bytes to 127.0.0.1:port and collects the answer until the server closes the
 * connection or the first response is complete. Returns {status, headers (lower-case keys),
 * body, closed, error}. opts.chunks: more data to write after data, one write each; writing
 * stops quietly when the server has closed the connection. opts.localAddress: send from it.
 */
export function rawRequest(port, data, opts = {}) {
    return new Promise((resolve) => {
        // opts.localAddress: the client's own address (another loopback address, 127.0.0.2)
        const sock = net.connect({ port, host: '127.0.0.1', localAddress: opts.localAddress });
        let buf = Buffer.alloc(0);
        let done = false;
        let error = null;
        const timer = setTimeout(() => finish(), opts.timeout || ms(10000));
        function parse() {
            const s = buf.toString('latin1');
            const end = s.indexOf('\r\n\r\n');
            if (end < 0) return null;
            const lines = s.slice(0, end).split('\r\n');
            const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
            if (!m) return null;
            const headers = {};
            for (const line of lines.slice(1)) {
                const i = line.indexOf(':');
                headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
            }
            const body = buf.subarray(end + 4);
            const len = headers['content-length'];
            const complete = len !== undefined && body.length >= Number(len);
            return { status: Number(m[1]), headers, body: body.toString('utf8'), complete };
        }
        function finish() {
            if (done) return;
            done = true;
            clearTimeout(timer);
            sock.destroy();
            const p = parse();
            resolve({
                status: p ? p.status : 0,
                headers: p ? p.headers : {},
                body: p ? p.body : '',
                json: p ? parseBody(p.body) : undefined,
                error,
            });
        }
        sock.on('data', (d) => {
            buf = Buffer.concat([buf, d]);
            const p = parse();
            if (p && p.complete) finish();
        });
        sock.on('error', (e) => {
            error = e;
            finish();
        });
        sock.on('close', () => finish());
        sock.on('connect', async () => {
            try {
                sock.write(data);
                for (const chunk of opts.chunks || []) {
                    if (done || sock.destroyed) break;
                    if (!sock.write(chunk)) await new Promise((r) => sock.once('drain', r));
                }
                if (opts.end) sock.end();
            } catch (e) {
                error = e;
            }
        });
    });
}

/** Asserts the error shape {"error":{"code","message"[,"field"]}} of a response. */
export function assertError(res, status, code, field) {
    const where = `${res.status} ${res.text ?? res.body}`;
    assert.equal(res.status, status, `expected ${status} ${code}, got ${where}`);
    const j = res.json;
    assert.ok(j && typeof j === 'object' && j.error && typeof j.error === 'object', `error shape: ${where}`);
    assert.deepEqual(
        Object.keys(j).sort(),
        ['error'],
        `only "error" at the top: ${where}`,
    );
    assert.equal(j.error.code, code, `error code: ${where}`);
    assert.equal(typeof j.error.message, 'string', `error message: ${where}`);
    assert.ok(j.error.message.length > 0, `error message is empty: ${where}`);
    for (const k of Object.keys(j.error))
        assert.ok(['code', 'message', 'field'].includes(k), `unexpected key error.${k}: ${where}`);
    if (field === undefined) {
        // no expectation
    } else if (field === null) {
        assert.equal(j.error.field, undefined, `no field expected: ${where}`);
    } else {
        assert.equal(j.error.field, field, `error field: ${where}`);
    }
    const ct = res.headers?.get ? res.headers.get('content-type') : res.headers?.['content-type'];
    assert.match(ct || '', /^application\/json/, `error content type: ${where}`);
    return j.error;
}

/** A unique suffix for names and e-mail addresses. */
let uniq = 0;
export function unique(prefix = 'x') {
    uniq += 1;
    return `${prefix}${process.pid}-${Date.now().toString(36)}-${uniq}`;
}

export const sleep = (n) => new Promise((r) => setTimeout(r, n));

/** Record factories: valid create bodies for each entity. */
export function personBody(extra = {}) {
    const u = unique('p');
    return {
        name: `Test Person ${u}`,
        email: `${u}@test.haldus.example`,
        time_zone: 'Europe/Tallinn',
        office: 'Tallinn',
        ...extra,
    };
}

export function principalBody(extra = {}) {
    return personBody({ department: 'Testing', ...extra });
}

/** Today's date (YYYY-MM-DD) in the IANA zone tz at the instant at (default now): whose day a
 * date is judged by. Between 22:00 and 24:00 UTC it is already tomorrow in Europe/Tallinn. */
export function todayIn(tz, at = Date.now()) {
    return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
}

/** The offset of zone tz from UTC at the instant ms, in milliseconds (Tallinn in winter: +2 h). */
export function zoneOffsetMs(tz, ms) {
    const f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
    return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(ms / 1000) * 1000;
}

/** The UTC instant (RFC 3339) of local midnight starting date (YYYY-MM-DD) in zone tz. */
export function localMidnight(date, tz) {
    const wall = Date.parse(`${date}T00:00:00Z`);
    const t = wall - zoneOffsetMs(tz, wall - zoneOffsetMs(tz, wall));
    return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
