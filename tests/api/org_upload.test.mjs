// org_upload.test.mjs: POST /api/v1/import/org (the Settings upload, issue 16): the same
// importer as `haldus import org`, a dry run that writes nothing, all or nothing with the file,
// row and column named, a larger body than other routes, CSRF and 403 as other POSTs; and the
// board's mark of an executive whose primary assistant is away while a secondary covers.

import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, assertError, startServer } from './lib.mjs';

const EXAMPLE = path.join(ROOT, 'examples', 'org');
const DEMO_PASSWORD = 'haldus-demo-2026';

async function exampleFiles() {
    const out = {};
    for (const f of (await readdir(EXAMPLE)).filter((n) => n.endsWith('.csv')).sort()) out[f] = await readFile(path.join(EXAMPLE, f), 'utf8');
    return out;
}
const dataRows = (text) => text.split(/\r?\n/).slice(1).filter((l) => l !== '').length;

/** Signs in by session (cookie + CSRF token), as the web app does. */
async function session(base, login) {
    const r = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, password: DEMO_PASSWORD }) });
    const s = await r.json();
    assert.equal(r.status, 201, JSON.stringify(s));
    return { cookie: (r.headers.get('set-cookie') || '').split(';')[0], csrf: s.csrf_token };
}
async function postAs(base, s, body, csrf = true) {
    const headers = { 'Content-Type': 'application/json', Cookie: s.cookie };
    if (csrf) headers['X-CSRF-Token'] = s.csrf;
    const r = await fetch(`${base}/api/v1/import/org`, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await r.text();
    let json;
    try {
        json = JSON.parse(text);
    } catch {
        json = undefined;
    }
    return { status: r.status, headers: r.headers, text, json };
}

describe('importing an organisation through the API (a fresh installation)', () => {
    let srv, files;
    before(async () => {
        srv = await startServer({ demo: false });
        files = await exampleFiles();
    });
    after(async () => srv?.close());
    const total = async (url) => (await srv.listAll(url)).length;

    test('a bad row in the third file: 422 naming the file, row and column; nothing written', async () => {
        const bad = { ...files };
        const lines = bad['skills.csv'].split('\r\n');
        lines[3] = 'Shorthand,' + 'x'.repeat(41);
        bad['skills.csv'] = lines.join('\r\n');
        const audit = await srv.auditState();
        for (const dry_run of [true, false]) {
            const r = await srv.post('/api/v1/import/org', { files: bad, dry_run });
            const e = assertError(r, 422, 'invalid');
            assert.match(e.message, /skills\.csv row 4, column category: .*40/);
        }
        assert.equal(await total('/api/v1/assistants'), 0);
        assert.equal(await total('/api/v1/skills'), 0);
        assert.deepEqual(await srv.auditState(), audit);
    });

    test('the body is checked: files an object of CSV texts, dry_run a boolean, known file names', async () => {
        assertError(await srv.post('/api/v1/import/org', { files: 'assistants.csv' }), 422, 'invalid', 'files');
        assertError(await srv.post('/api/v1/import/org', { files, dry_run: 'yes' }), 422, 'invalid', 'dry_run');
        assertError(await srv.post('/api/v1/import/org', { files, colour: 1 }), 422, 'invalid');
        const e = assertError(await srv.post('/api/v1/import/org', { files: { 'assistant.csv': 'name\n' } }), 422, 'invalid');
        assert.match(e.message, /assistant\.csv is not a file of an organisation; the files are assistants\.csv/);
        assert.equal(await total('/api/v1/assistants'), 0);
    });

    test('a dry run reports per file what would be created and writes nothing; then Import writes it all', async () => {
        const audit = await srv.auditState();
        const dry = await srv.post('/api/v1/import/org', { files, dry_run: true });
        assert.equal(dry.status, 200, dry.text);
        assert.equal(dry.json.dry_run, true);
        assert.deepEqual(dry.json.files.map((f) => f.file).sort(), Object.keys(files).sort());
        for (const f of dry.json.files) {
            assert.equal(f.created, dataRows(files[f.file]), f.file);
            assert.equal(f.changed + f.unchanged, 0, f.file);
            assert.ok(f.rows.every((r) => r.action === 'create' && r.row >= 2 && r.key), f.file);
        }
        assert.equal(await total('/api/v1/assistants'), 0, 'a dry run writes nothing');
        assert.deepEqual(await srv.auditState(), audit);

        const r = await srv.post('/api/v1/import/org', { files });
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.dry_run, false);
        assert.equal(await total('/api/v1/assistants'), dataRows(files['assistants.csv']));
        assert.equal(await total('/api/v1/principals'), dataRows(files['principals.csv']));
        assert.equal(await total('/api/v1/assignments'), dataRows(files['assignments.csv']));
        // The organisation is on the board.
        const board = await srv.getOk('/api/v1/coverage?limit=100');
        assert.equal(board.principals.length, dataRows(files['principals.csv']));
    });

    test('uploading again with a change updates by natural key, without duplicates', async () => {
        const changed = { 'assistants.csv': files['assistants.csv'].replace(/^(.*?@[^,]*,[^,]*,[^,]*,)([^,]+)/m, (m, a) => `${a}Tartu`) };
        const first = files['assistants.csv'].split(/\r?\n/)[1];
        assert.notEqual(changed['assistants.csv'].split(/\r?\n/)[1], first, 'the test changed a row');
        const r = await srv.post('/api/v1/import/org', { files: { ...files, ...changed }, dry_run: true });
        assert.equal(r.status, 200, r.text);
        const a = r.json.files.find((f) => f.file === 'assistants.csv');
        assert.equal(a.created, 0);
        assert.equal(a.changed, 1);
        assert.deepEqual(a.rows.find((x) => x.action === 'update').changes, ['office']);
        for (const f of r.json.files.filter((x) => x.file !== 'assistants.csv')) assert.equal(f.created + f.changed, 0, f.file);
        const n = await total('/api/v1/assistants');
        const done = await srv.post('/api/v1/import/org', { files: changed });
        assert.equal(done.status, 200, done.text);
        assert.equal(await total('/api/v1/assistants'), n, 'no duplicates');
        const offices = (await srv.listAll('/api/v1/assistants')).map((x) => x.office);
        assert.ok(offices.includes('Tartu'), offices.join());
    });

    test('the body may be larger than other routes allow, up to the upload limit', async () => {
        // 300 duties with a description of 1,000 characters each: more than the 256 KiB of
        // other routes.
        let big = 'name,description\r\n';
        for (let i = 0; i < 300; i++) big += `Duty ${i},${'d'.repeat(1000)}\r\n`;
        assert.ok(big.length > 256 * 1024);
        const r = await srv.post('/api/v1/import/org', { files: { 'duties.csv': big }, dry_run: true });
        assert.equal(r.status, 200, r.text.slice(0, 300));
        assert.equal(r.json.files[0].created, 300);
        const over = await srv.req('POST', '/api/v1/import/org', { body: 'x'.repeat(17 * 1024 * 1024), headers: { 'Content-Type': 'application/json' } }).catch((e) => ({ status: 0, e }));
        // Refused before it is read (413) — or the connection is closed while sending.
        assert.ok(over.status === 413 || over.status === 0, `status ${over.status}`);
    });
});

describe('who may import, and the board of a primary who is away', () => {
    let srv;
    before(async () => {
        srv = await startServer();
    });
    after(async () => srv?.close());

    test('an assistant gets 403; a session without the CSRF token gets 403; nothing is written', async () => {
        const files = { 'skills.csv': 'name,category\r\nLatin,language\r\n' };
        const kadri = await session(srv.base, 'kadri.tamm@demo.haldus.example');
        assertError(await postAs(srv.base, kadri, { files }), 403, 'forbidden');
        const manager = await session(srv.base, 'manager@demo.haldus.example');
        assertError(await postAs(srv.base, manager, { files }, false), 403, 'forbidden');
        assert.ok(!(await srv.listAll('/api/v1/skills')).some((s) => s.name === 'Latin'));
        const ok = await postAs(srv.base, manager, { files });
        assert.equal(ok.status, 200, ok.text);
        assert.ok((await srv.listAll('/api/v1/skills')).some((s) => s.name === 'Latin'));
    });

    test('a day whose primary is away is marked on the board even while a secondary covers it', async () => {
        const asg = await srv.listAll('/api/v1/assignments');
        const sec = asg.find((a) => a.kind === 'secondary' && !a.end_date);
        assert.ok(sec, 'the demo has a secondary assignment');
        const prim = asg.find((a) => a.kind === 'primary' && a.principal_id === sec.principal_id && !a.end_date);
        assert.ok(prim, 'and the same principal has a primary');
        const primary = await srv.getOk(`/api/v1/assistants/${prim.assistant_id}`);
        // A Wednesday five weeks on, whole local day in Tallinn/London (UTC−2h … +2h around it).
        const d = new Date(Date.now() + 35 * 86400000);
        d.setUTCDate(d.getUTCDate() + ((3 - d.getUTCDay() + 7) % 7));
        const day = d.toISOString().slice(0, 10);
        const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
        const before = await srv.getOk(`/api/v1/coverage?from=${day}&to=${day}&limit=500`);
        const pb = before.principals.find((p) => p.id === sec.principal_id);
        assert.equal(pb.days[0].primary_away, 0, 'nobody away yet');
        assert.equal(pb.days[0].primary_away_assistant, undefined);
        const abs = await srv.create('absences', { person_id: prim.assistant_id, kind: 'vacation', start_at: `${day}T00:00:00Z`, end_at: `${next}T00:00:00Z` });
        // Whole UTC day is enough for both zones' working hours on that day.
        const ap = await srv.post(`/api/v1/absences/${abs.id}/approve`, {});
        assert.equal(ap.status, 200, ap.text);
        const board = await srv.getOk(`/api/v1/coverage?from=${day}&to=${day}&limit=500`);
        const p = board.principals.find((x) => x.id === sec.principal_id);
        const cell = p.days[0];
        assert.ok(cell.slots > 0, JSON.stringify(cell));
        assert.equal(cell.primary_away, cell.slots, JSON.stringify(cell));
        assert.deepEqual(cell.primary_away_assistant, { id: primary.id, name: primary.name });
        assert.notEqual(cell.state, 'none');
        // The secondary works those hours, so the day is covered, not a gap: the mark is the only
        // sign that the primary is away.
        assert.ok(cell.covered > 0, `the secondary covers some of it: ${JSON.stringify(cell)}`);
        // Other principals of that day whose primaries are at work are not marked.
        const others = board.principals.filter((x) => !asg.some((a) => a.principal_id === x.id && a.assistant_id === prim.assistant_id && a.kind === 'primary'));
        assert.ok(others.length > 0);
        assert.ok(others.every((x) => x.days[0].primary_away === 0), 'only the away primary\'s principals are marked');
    });
});
