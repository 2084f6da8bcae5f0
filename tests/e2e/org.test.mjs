// Your own organisation in the browser (issue 16): a new installation's admin uploads the
// example folder's CSV files in Settings, sees the dry run per file, imports, and the board
// shows the organisation; the board marks a day on which an executive's primary assistant is
// away even while a secondary covers it, in English and Estonian.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { BIN, MANAGER, PHONE, ROOT, addDays, axe, formatViolations, launch, newPage, open, screenshot, signIn, startServer } from './lib.mjs';

const EXAMPLE = path.join(ROOT, 'examples', 'org');

function runBin(args) {
    return new Promise((resolve, reject) => {
        const child = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d) => (err += d));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`haldus ${args.join(' ')}: ${code} ${err}`))));
    });
}

/** A new installation: `haldus init` with a known admin password, served on a free port. */
async function freshServer() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'haldus-e2e-org-'));
    const db = path.join(dir, 'haldus.db');
    const pw = path.join(dir, 'pw');
    await writeFile(pw, 'a new admin password\n');
    await runBin(['init', '--db', db, '--admin-password-file', pw]);
    const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((r) => proc.on('exit', r));
    const base = await new Promise((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error('haldus serve did not start')), 15000);
        proc.stdout.on('data', (d) => {
            out += d;
            const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
            if (m) {
                clearTimeout(timer);
                resolve(m[1]);
            }
        });
    });
    return {
        base,
        password: 'a new admin password',
        async stop() {
            proc.kill('SIGTERM');
            await exited;
            await rm(dir, { recursive: true, force: true });
        },
    };
}

let browser;
before(async () => {
    browser = await launch();
});
after(async () => {
    await browser?.close();
});

test('Settings: upload the organisation, a dry run per file, Import, and the board shows it', async () => {
    const srv = await freshServer();
    try {
        const { page, check, close } = await newPage(browser);
        await signIn(page, srv.base, 'admin', srv.password);
        await open(page, srv.base, '/settings');
        const files = (await readdir(EXAMPLE)).filter((f) => f.endsWith('.csv')).sort();
        await page.getByLabel('CSV files').setInputFiles(files.map((f) => path.join(EXAMPLE, f)));
        await page.getByText(`${files.length} files chosen`).waitFor();
        assert.ok(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled(), 'Import waits for the dry run');
        await page.getByRole('button', { name: 'Check (dry run)' }).click();
        const table = page.getByRole('table', { name: 'What the import would do, per file' });
        await table.waitFor();
        // One row per file; assistants: 12 would be created.
        assert.equal(await table.locator('tbody tr').count(), files.length);
        const row = table.locator('tbody tr', { has: page.getByRole('rowheader', { name: 'assistants.csv' }) });
        assert.equal((await row.locator('td').first().textContent()).trim(), '12');
        // Nothing is written by the dry run.
        const n = await page.evaluate(async () => (await (await fetch('/api/v1/assistants')).json()).items.length);
        assert.equal(n, 0);
        const v = await axe(page);
        assert.deepEqual(v, [], formatViolations(v));
        await screenshot(page, 'org-import-dry-run');
        await page.getByRole('button', { name: 'Import', exact: true }).click();
        await page.getByText(/Imported: \d+ created/).waitFor();
        await page.getByRole('link', { name: 'Open the coverage board' }).click();
        await page.locator('table.board tbody tr').first().waitFor();
        assert.equal(await page.locator('table.board tbody tr').count(), 30, 'the 30 executives of the example');
        await screenshot(page, 'org-import-board');
        check();
        await close();
    } finally {
        await srv.stop();
    }
});

test('a bad cell: the upload names the file, row and column and nothing is imported', async () => {
    const srv = await freshServer();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'haldus-e2e-bad-'));
    try {
        await writeFile(path.join(dir, 'assistants.csv'), 'name,email,time_zone,office,capacity\r\nMari Tamm,mari@example.org,Europe/Tallinn,Tallinn,11\r\n');
        const { page, check, close } = await newPage(browser, { viewport: PHONE });
        await signIn(page, srv.base, 'admin', srv.password);
        await open(page, srv.base, '/settings');
        await page.getByLabel('CSV files').setInputFiles([path.join(dir, 'assistants.csv')]);
        await page.getByText('1 file chosen').waitFor();
        await page.getByRole('button', { name: 'Check (dry run)' }).click();
        const alert = page.getByRole('alert');
        await alert.waitFor();
        assert.match(await alert.textContent(), /assistants\.csv row 2, column capacity/);
        assert.ok(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled());
        const v = await axe(page);
        assert.deepEqual(v, [], formatViolations(v));
        check();
        await close();
    } finally {
        await srv.stop();
        await rm(dir, { recursive: true, force: true });
    }
});

/** An approved day off for the primary of a principal who also has a secondary. */
async function primaryAwayDay(srv) {
    const api = await srv.api(MANAGER);
    const asg = (await api.get('/assignments?limit=500')).items;
    const sec = asg.find((a) => a.kind === 'secondary' && !a.end_date);
    const prim = asg.find((a) => a.kind === 'primary' && a.principal_id === sec.principal_id && !a.end_date);
    const d = new Date(Date.now() + 35 * 86400000);
    d.setUTCDate(d.getUTCDate() + ((3 - d.getUTCDay() + 7) % 7)); // a Wednesday
    const day = d.toISOString().slice(0, 10);
    const abs = await api.post('/absences', { person_id: prim.assistant_id, kind: 'vacation', start_at: `${day}T00:00:00Z`, end_at: `${addDays(day, 1)}T00:00:00Z` });
    await api.post(`/absences/${abs.id}/approve`, {});
    const name = (await api.get(`/assistants/${prim.assistant_id}`)).name;
    return { day, principal: sec.principal_id, name };
}

test('the board marks a day whose primary is away, in English and Estonian', async () => {
    const srv = await startServer();
    try {
        const { day, principal, name } = await primaryAwayDay(srv);
        for (const [lang, words] of [
            ['en', `primary assistant ${name} away`],
            ['et', `põhiassistent ${name} on eemal`],
        ]) {
            for (const viewport of [undefined, PHONE]) {
                const { page, check, close } = await newPage(browser, { lang, viewport });
                await signIn(page, srv.base, MANAGER);
                await open(page, srv.base, `/board?from=${addDays(day, -2)}&to=${addDays(day, 2)}`);
                const cell = page.locator(`tr[data-pid="${principal}"] td[data-date="${day}"]`);
                await cell.waitFor();
                assert.ok(Number(await cell.getAttribute('data-primary-away')) > 0);
                const button = cell.getByRole('button');
                assert.ok((await button.getAttribute('aria-label')).includes(words), await button.getAttribute('aria-label'));
                // The mark is drawn beside the state's glyph (the stylesheet's ◐, no spoken text).
                const mark = await button.evaluate((b) => getComputedStyle(b, '::after').content);
                assert.match(mark, /◐/);
                assert.ok(await button.isVisible());
                // The day before is not marked.
                const before = page.locator(`tr[data-pid="${principal}"] td[data-date="${addDays(day, -1)}"]`);
                assert.equal(await before.getAttribute('data-primary-away'), null);
                // The legend explains the mark; the cell's dialog says who is away.
                assert.equal(await page.locator('.legend .pa-chip').count(), 1);
                const v = await axe(page);
                assert.deepEqual(v, [], `${lang} ${viewport ? 'phone' : 'desktop'}: ${formatViolations(v)}`);
                await button.click();
                const dialog = page.getByRole('dialog');
                await dialog.waitFor();
                assert.ok((await dialog.locator('.primary-away').textContent()).includes(name));
                if (!viewport) await screenshot(page, `board-primary-away-${lang}`);
                check();
                await close();
            }
        }
    } finally {
        await srv.stop();
    }
});
