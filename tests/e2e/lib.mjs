// lib.mjs: helpers of the browser tests: start the real haldus binary (which serves the
// embedded web app) on a fresh demo database, drive Debian's Chromium with playwright-core,
// sign in, take screenshots, run axe-core.
//
// Environment:
//   HALDUS_BIN      the binary (default: build/haldus of the repository)
//   CHROMIUM        the browser (default: /usr/bin/chromium)
//   E2E_HEADED=1    show the browser (debugging)
//
// Language: newPage(browser, {lang: 'et'}) gives a browser whose language is Estonian, and
// signIn then makes the account's language (POST /me/lang) that of the page, so the app shows it
// (the demo's accounts read Haldus in their office's language). The default is English.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.HALDUS_BIN || path.join(ROOT, 'build', 'haldus');
export const SHOTS = path.join(ROOT, 'test-artifacts', 'screenshots');
export const PASSWORD = 'haldus-demo-2026';
export const MANAGER = 'manager@demo.haldus.example';
export const KADRI = 'kadri.tamm@demo.haldus.example';

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

const require = createRequire(import.meta.url);

function runToEnd(args) {
    return new Promise((resolve, reject) => {
        const child = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`haldus ${args.join(' ')} exited ${code}: ${err}`))));
    });
}

/**
 * Creates a demo database (extra args e.g. ['--assistants', '150']) and serves it on an
 * ephemeral loopback port. Returns {base, stop(), api(login)}.
 */
export async function startServer(demoArgs = []) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'haldus-e2e-'));
    const db = path.join(dir, 'haldus.db');
    await runToEnd(['demo', '--db', db, ...demoArgs]);
    const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise((r) => proc.on('exit', (code, signal) => r({ code, signal })));
    const base = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`haldus serve did not start: ${stderr}`)), 15000);
        proc.stdout.on('data', (d) => {
            stdout += d;
            const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
            if (m) {
                clearTimeout(timer);
                resolve(m[1]);
            }
        });
        exited.then(({ code, signal }) => {
            clearTimeout(timer);
            reject(new Error(`haldus serve exited (${code ?? signal}): ${stderr}`));
        });
    });
    return {
        base,
        dir,
        stderr: () => stderr,
        async stop() {
            if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
            const t = setTimeout(() => proc.kill('SIGKILL'), 10000);
            await exited;
            clearTimeout(t);
            await rm(dir, { recursive: true, force: true });
        },
        api: (login, password = PASSWORD) => apiClient(base, login, password),
    };
}

/** A small API client signed in by cookie (like the page), for setting up and checking. */
export async function apiClient(base, login, password = PASSWORD) {
    const r = await fetch(`${base}/api/v1/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login, password }),
    });
    const s = await r.json();
    assert.equal(r.status, 201, `sign-in as ${login}: ${JSON.stringify(s)}`);
    const cookie = (r.headers.get('set-cookie') || '').split(';')[0];
    async function req(method, url, body, ifMatch) {
        const headers = { Cookie: cookie };
        if (method !== 'GET') headers['X-CSRF-Token'] = s.csrf_token;
        if (body !== undefined) headers['Content-Type'] = 'application/json';
        if (ifMatch !== undefined) headers['If-Match'] = `"${ifMatch}"`;
        const res = await fetch(`${base}/api/v1${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
        const text = await res.text();
        let json;
        try {
            json = text ? JSON.parse(text) : undefined;
        } catch {
            json = undefined;
        }
        return { status: res.status, json, text };
    }
    return {
        req,
        async get(url) {
            const r = await req('GET', url);
            assert.equal(r.status, 200, `GET ${url}: ${r.status} ${r.text}`);
            return r.json;
        },
        async post(url, body = {}) {
            const r = await req('POST', url, body);
            assert.ok(r.status === 200 || r.status === 201, `POST ${url}: ${r.status} ${r.text}`);
            return r.json;
        },
    };
}

export async function launch() {
    return chromium.launch({
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        headless: process.env.E2E_HEADED !== '1',
        args: [
            ...(process.env.E2E_HEADED === '1' ? [] : ['--headless']),
            '--no-sandbox',
            '--disable-gpu',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
        ],
    });
}

/**
 * A new browser context and page. Collects what must never happen: uncaught errors, CSP
 * violations and failed requests other than the expected ones; call check() at the end.
 */
export async function newPage(browser, opts = {}) {
    const lang = opts.lang === 'et' ? 'et' : 'en';
    const context = await browser.newContext({
        viewport: opts.viewport || DESKTOP,
        timezoneId: 'Europe/Tallinn',
        locale: lang === 'et' ? 'et-EE' : 'en-GB',
        bypassCSP: false,
    });
    const page = await context.newPage();
    PAGE_LANG.set(page, lang);
    page.setDefaultTimeout(opts.timeout || 15000);
    const problems = [];
    page.on('pageerror', (e) => problems.push(`uncaught error: ${e.message}`));
    page.on('console', (m) => {
        const t = m.text();
        if (/Content Security Policy|Refused to/i.test(t)) problems.push(`CSP: ${t}`);
    });
    return {
        page,
        context,
        problems,
        /** Fails when the page had uncaught errors or CSP violations. */
        check() {
            assert.deepEqual(problems, [], `the page reported problems:\n${problems.join('\n')}`);
        },
        close: () => context.close(),
    };
}

const PAGE_LANG = new WeakMap();

/** The sign-in page's words in each language. */
export const SIGN_IN = {
    en: { login: 'Login (your e-mail)', password: 'Password', submit: 'Sign in' },
    et: { login: 'Kasutajanimi (sinu e-posti aadress)', password: 'Parool', submit: 'Logi sisse' },
};

/**
 * Signs in through the sign-in page (in the page's language) and waits for the first page of
 * the role; when the account's language is another, sets it to the page's and reloads.
 */
export async function signIn(page, base, login, password = PASSWORD) {
    const lang = PAGE_LANG.get(page) || 'en';
    const words = SIGN_IN[lang];
    await page.goto(`${base}/`);
    await page.getByLabel(words.login).fill(login);
    await page.getByLabel(words.password).fill(password);
    await page.getByRole('button', { name: words.submit }).click();
    await page.locator('#page-title').waitFor();
    const changed = await page.evaluate(async (want) => {
        const me = await (await fetch('/api/v1/me')).json();
        if (me.account.lang === want) return false;
        const r = await fetch('/api/v1/me/lang', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
            body: JSON.stringify({ lang: want }),
        });
        if (!r.ok) throw new Error(`POST /me/lang: ${r.status}`);
        return true;
    }, lang);
    if (changed) {
        await page.reload();
        await page.locator('#page-title').waitFor();
    }
}

/** Opens a page of the app by its hash route and waits for its heading and data. */
export async function open(page, base, route) {
    await page.goto(`${base}/#${route}`);
    await page.locator('#page-title').waitFor();
    await settle(page);
}

/** Waits until no loading indicator is left. */
export async function settle(page) {
    await page.waitForFunction(() => !document.querySelector('.loading'), null, { timeout: 15000 });
}

/** A screenshot under test-artifacts/screenshots/; the whole page unless a dialog is open. */
export async function screenshot(page, name) {
    await mkdir(SHOTS, { recursive: true });
    const file = path.join(SHOTS, `${name}.png`);
    const modal = await page.evaluate(() => !!document.querySelector('dialog[open]'));
    await page.screenshot({ path: file, fullPage: !modal });
    return file;
}

let axeSource = null;

/** Runs axe-core (WCAG 2.1 A and AA rules) in the page; returns the serious and critical violations. */
export async function axe(page) {
    if (!axeSource) axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    // page.evaluate goes through the DevTools protocol, so the page's CSP does not block it.
    const has = await page.evaluate(() => typeof window.axe !== 'undefined');
    if (!has) await page.evaluate(`(() => { ${axeSource}\n; return true; })()`);
    const result = await page.evaluate(async () => {
        const r = await window.axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
            resultTypes: ['violations'],
        });
        return r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
        }));
    });
    return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function formatViolations(vs) {
    return vs.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.join('\n  ')}`).join('\n');
}

/** The first requested absence of a person (through the API). */
export async function requestedAbsence(api, personId) {
    const page = await api.get(`/absences?person_id=${personId}&status=requested`);
    assert.ok(page.items.length > 0, `person ${personId} has no requested absence`);
    return page.items[0];
}

/** Local date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(at, tz = 'Europe/Tallinn') {
    return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
}

export function addDays(date, n) {
    return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
}
