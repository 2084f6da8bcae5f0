// org.test.mjs: haldus import org / export org: a whole organisation from a folder of CSV files
// linked by e-mail and name, all or nothing, updating by natural key; export writes what import
// reads; haldus absence approve|reject|cancel; export --template.

import assert from 'node:assert/strict';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, removeDir, run, runOk, runProgram, tempDir } from './lib.mjs';

const EXAMPLE = path.join(ROOT, 'examples', 'org');

/** The files of a folder: name → text, CSV files only. */
async function readFolder(dir) {
    const out = {};
    for (const f of (await readdir(dir)).filter((n) => n.endsWith('.csv')).sort()) {
        out[f] = await readFile(path.join(dir, f), 'utf8');
    }
    return out;
}

/** Data rows of a CSV text (lines after the header; the example has no line breaks in cells). */
function rows(text) {
    return text.split(/\r?\n/).slice(1).filter((l) => l !== '');
}

describe('an organisation folder', () => {
    let dir, pw, n = 0;
    const sql = async (db, q) => (await runProgram('sqlite3', [db, q])).stdout.trim();
    const count = async (db, table) => Number(await sql(db, `SELECT count(*) FROM ${table}`));
    const freshDb = async () => {
        const db = path.join(dir, `h${++n}.db`);
        await runOk(['init', '--db', db, '--admin-password-file', pw]);
        return db;
    };
    const copyExample = async () => {
        const to = path.join(dir, `org${++n}`);
        await cp(EXAMPLE, to, { recursive: true });
        return to;
    };
    before(async () => {
        dir = await tempDir('haldus-org-');
        pw = path.join(dir, 'pw');
        await writeFile(pw, 'a long admin password\n');
    });
    after(async () => removeDir(dir));

    test('the example folder imports as it is, with every row of every file', async () => {
        const db = await freshDb();
        const files = await readFolder(EXAMPLE);
        assert.ok(Object.keys(files).length >= 11, 'the example has a file per collection');
        const r = await runOk(['import', '--db', db, 'org', EXAMPLE]); // options may come first
        for (const [file, text] of Object.entries(files)) {
            const want = rows(text).length;
            assert.match(r.stdout, new RegExp(`^${file}: ${want} created, 0 changed, 0 unchanged$`, 'm'));
        }
        const people = rows(files['assistants.csv']).length + rows(files['principals.csv']).length;
        assert.equal(await count(db, 'person'), people);
        assert.equal(await count(db, 'assignment'), rows(files['assignments.csv']).length);
        assert.equal(await count(db, 'designated_backup'), rows(files['designated-backups.csv']).length);
        // Links went to the records the e-mails name: the first assignment of the file.
        const [a, p] = rows(files['assignments.csv'])[0].split(',');
        assert.equal(await sql(db, `SELECT count(*) FROM assignment x JOIN person s ON s.id = x.assistant_id ` +
            `JOIN person q ON q.id = x.principal_id WHERE s.email = '${a}' AND q.email = '${p}'`), '1');
        // Statuses came in as written (approved absences need no server, token or curl).
        const statuses = rows(files['absences.csv']).map((l) => l.split(',')[4]).sort();
        assert.deepEqual((await sql(db, 'SELECT status FROM absence')).split('\n').sort(), statuses);
        // Importing the same folder again changes nothing and adds nothing.
        const audit = await count(db, 'audit_log');
        const again = await runOk(['import', 'org', EXAMPLE, '--db', db]);
        assert.match(again.stdout, /^assistants\.csv: 0 created, 0 changed, \d+ unchanged$/m);
        assert.doesNotMatch(again.stdout, /: [1-9]\d* created|: [1-9]\d* changed/);
        assert.equal(await count(db, 'person'), people);
        assert.equal(await count(db, 'audit_log'), audit);
    });

    test('a bad row in the third file: nothing is written; the file, row and column are named', async () => {
        const db = await freshDb();
        const org = await copyExample();
        const skills = (await readFile(path.join(org, 'skills.csv'), 'utf8')).split('\r\n');
        skills[3] = 'Shorthand,' + 'x'.repeat(41); // row 4: category longer than 40
        await writeFile(path.join(org, 'skills.csv'), skills.join('\r\n'));
        const audit = await count(db, 'audit_log');
        const r = await run(['import', 'org', org, '--db', db]);
        assert.equal(r.code, 1, r.stderr);
        assert.match(r.stderr, /skills\.csv row 4, column category: .*40.*\(nothing was imported\)/);
        for (const t of ['person', 'assistant', 'principal', 'skill', 'absence']) {
            assert.equal(await count(db, t), 0, t);
        }
        assert.equal(await count(db, 'audit_log'), audit);

        // A link to someone who is not there names the column and the value.
        const org2 = await copyExample();
        const file = path.join(org2, 'assignments.csv');
        const lines = (await readFile(file, 'utf8')).split('\r\n');
        lines[2] = lines[2].replace(/^[^,]+/, 'nobody@example.org');
        await writeFile(file, lines.join('\r\n'));
        const r2 = await run(['import', 'org', org2, '--db', db]);
        assert.equal(r2.code, 1);
        assert.match(r2.stderr, /assignments\.csv row 3, column assistant_email: no assistant with email nobody@example\.org/);
        assert.equal(await count(db, 'person'), 0);

        // An unknown column and an unknown file are refused before anything is written.
        const org3 = await copyExample();
        await writeFile(path.join(org3, 'skills.csv'), 'name,colour\nTyping,red\n');
        const r3 = await run(['import', 'org', org3, '--db', db]);
        assert.match(r3.stderr, /skills\.csv row 1, column colour: unknown column; the columns of skills\.csv are name,category/);
        const org4 = await copyExample();
        await writeFile(path.join(org4, 'assistant.csv'), 'name\n');
        const r4 = await run(['import', 'org', org4, '--db', db]);
        assert.equal(r4.code, 1);
        assert.match(r4.stderr, /assistant\.csv is not a file of an organisation; the files are assistants\.csv/);
        assert.equal(await count(db, 'person'), 0);
    });

    test('running again with changed files updates by natural key, without duplicates', async () => {
        const db = await freshDb();
        await runOk(['import', 'org', EXAMPLE, '--db', db]);
        const org = await copyExample();
        const edit = async (file, fn) => {
            const p = path.join(org, file);
            await writeFile(p, fn(await readFile(p, 'utf8')));
        };
        const firstAssistant = rows(await readFile(path.join(org, 'assistants.csv'), 'utf8'))[0].split(',');
        const email = firstAssistant[1];
        // A new capacity for the first assistant (column 9), written with the e-mail in capitals.
        await edit('assistants.csv', (t) => t.replace(
            rows(t)[0], rows(t)[0].split(',').map((c, i) => (i === 1 ? c.toUpperCase() : i === 8 ? '1' : c)).join(',')));
        await edit('skills.csv', (t) => t + 'Shorthand,office\r\n');
        // The first requested absence is approved now.
        const requested = rows(await readFile(path.join(org, 'absences.csv'), 'utf8')).find((l) => l.split(',')[4] === 'requested');
        assert.ok(requested, 'the example has a requested absence');
        await edit('absences.csv', (t) => t.replace(requested, requested.replace(',requested,', ',approved,')));
        // ids are optional: a file may still link by id.
        const skillId = await sql(db, "SELECT id FROM skill WHERE name = 'Minutes'");
        await writeFile(path.join(org, 'assistant-skills.csv'),
            `assistant_email,skill_id,level\r\n${email},${skillId},5\r\n`);

        const people = await count(db, 'person');
        const dry = await runOk(['import', 'org', org, '--db', db, '--dry-run']);
        assert.match(dry.stdout, new RegExp(`^assistants\\.csv row 2: update ${email.toUpperCase().replace(/\./g, '\\.')} \\(capacity\\)$`, 'm'));
        assert.match(dry.stdout, /^skills\.csv row \d+: create Shorthand$/m);
        assert.match(dry.stdout, /^absences\.csv row \d+: update .* \(status\)$/m);
        assert.match(dry.stdout, /^principals\.csv row 2: same /m);
        assert.match(dry.stdout, /dry run: nothing was written/);
        assert.equal(await count(db, 'skill'), rows(await readFile(path.join(EXAMPLE, 'skills.csv'), 'utf8')).length);
        assert.notEqual(await sql(db, `SELECT capacity FROM assistant JOIN person USING (id) WHERE email = '${email}'`), '1');

        const r = await runOk(['import', 'org', org, '--db', db]);
        assert.match(r.stdout, /^assistants\.csv: 0 created, 1 changed, \d+ unchanged$/m);
        assert.match(r.stdout, /^skills\.csv: 1 created, 0 changed, \d+ unchanged$/m);
        assert.equal(await count(db, 'person'), people);
        assert.equal(await sql(db, `SELECT capacity FROM assistant JOIN person USING (id) WHERE email = '${email}'`), '1');
        assert.equal(await sql(db, `SELECT level FROM assistant_skill x JOIN person p ON p.id = x.assistant_id ` +
            `WHERE p.email = '${email}' AND x.skill_id = ${skillId}`), '5');
        assert.equal(await count(db, "absence WHERE status = 'approved' AND decided_at IS NOT NULL") > 0, true);
        // An approved absence cannot go back to requested: the workflow table says so.
        await edit('absences.csv', (t) => t.replace(requested.replace(',requested,', ',approved,'), requested));
        const back = await run(['import', 'org', org, '--db', db]);
        assert.equal(back.code, 1);
        assert.match(back.stderr, /absences\.csv row \d+, column status: the absence is approved and cannot become requested/);
    });

    test('a work pattern\'s weekday may be a range: 1-5 is one row per day, Monday to Friday', async () => {
        const db = await freshDb();
        const org = path.join(dir, `week${++n}`);
        await mkdir(org);
        await writeFile(path.join(org, 'assistants.csv'),
            'name,email,time_zone,office\r\nMari Tamm,mari@example.org,Europe/Tallinn,Tallinn\r\n');
        await writeFile(path.join(org, 'work-patterns.csv'),
            'person_email,weekday,start_time,end_time\r\nmari@example.org,1-5,09:00,17:00\r\nmari@example.org,6,10:00,12:00\r\n');
        const dry = await runOk(['import', 'org', org, '--db', db, '--dry-run']);
        assert.equal((dry.stdout.match(/^work-patterns\.csv row 2: create /gm) || []).length, 5, dry.stdout);
        const r = await runOk(['import', 'org', org, '--db', db]);
        assert.match(r.stdout, /^work-patterns\.csv: 6 created, 0 changed, 0 unchanged$/m);
        assert.equal(await sql(db, 'SELECT group_concat(weekday) FROM (SELECT weekday FROM work_pattern ORDER BY weekday)'), '1,2,3,4,5,6');
        // Again: the same six rows, nothing new.
        const again = await runOk(['import', 'org', org, '--db', db]);
        assert.match(again.stdout, /^work-patterns\.csv: 0 created, 0 changed, 6 unchanged$/m);
        // A range that overlaps another row of the file is the same pattern twice; a backwards
        // range is not a weekday.
        await writeFile(path.join(org, 'work-patterns.csv'),
            'person_email,weekday,start_time,end_time\r\nmari@example.org,1-5,09:00,17:00\r\nmari@example.org,3,09:00,13:00\r\n');
        const dup = await run(['import', 'org', org, '--db', db]);
        assert.match(dup.stderr, /work-patterns\.csv row 3: the same work pattern as row 2/);
        await writeFile(path.join(org, 'work-patterns.csv'),
            'person_email,weekday,start_time,end_time\r\nmari@example.org,5-1,09:00,17:00\r\n');
        const back = await run(['import', 'org', org, '--db', db]);
        assert.equal(back.code, 1);
        assert.match(back.stderr, /work-patterns\.csv row 2, column weekday: /);
        assert.equal(await count(db, 'work_pattern'), 6);
    });

    test('re-ranked designated backups (two swap places) update without a clash', async () => {
        const db = await freshDb();
        await runOk(['import', 'org', EXAMPLE, '--db', db]);
        const org = await copyExample();
        const file = path.join(org, 'designated-backups.csv');
        const lines = (await readFile(file, 'utf8')).split('\r\n');
        const [p1, a1, r1] = lines[1].split(',');
        const [p2, a2, r2] = lines[2].split(',');
        assert.equal(p1, p2, 'the first two backups are of one principal');
        lines[1] = [p1, a1, r2].join(',');
        lines[2] = [p2, a2, r1].join(',');
        await writeFile(file, lines.join('\r\n'));
        const backups = await count(db, 'designated_backup');
        const r = await runOk(['import', 'org', org, '--db', db]);
        assert.match(r.stdout, /^designated-backups\.csv: 0 created, 2 changed, \d+ unchanged$/m);
        const rank = (a) => sql(db, `SELECT rank FROM designated_backup b JOIN person p ON p.id = b.principal_id ` +
            `JOIN person s ON s.id = b.assistant_id WHERE p.email = '${p1}' AND s.email = '${a}'`);
        assert.equal(await rank(a1), r2);
        assert.equal(await rank(a2), r1);
        assert.equal(await count(db, 'designated_backup'), backups);
    });

    test('export org writes what import org reads: a round trip gives the same organisation', async () => {
        const db = await freshDb();
        await runOk(['import', 'org', EXAMPLE, '--db', db]);
        const out1 = path.join(dir, 'export1');
        await runOk(['export', 'org', out1, '--db', db]);
        const first = await readFolder(out1);
        // The example folder is itself in the exported form.
        assert.deepEqual(first, await readFolder(EXAMPLE));
        for (const text of Object.values(first)) {
            assert.doesNotMatch(text.split('\r\n')[0], /(^|,)(id|source|decided_at|decision_note)(,|$)/);
        }
        const db2 = await freshDb();
        await runOk(['import', 'org', out1, '--db', db2]);
        const out2 = path.join(dir, 'export2');
        await runOk(['export', 'org', out2, '--db', db2]);
        assert.deepEqual(await readFolder(out2), first);
        // The same organisation in the tables too, compared without ids.
        const q = 'SELECT p.email, a.capacity, a.contracted_hours, p.languages FROM assistant a JOIN person p USING (id) ORDER BY p.email';
        assert.equal(await sql(db2, q), await sql(db, q));
        const qa = 'SELECT s.email, p.email, x.kind, x.share, x.start_date FROM assignment x JOIN person s ON s.id = x.assistant_id ' +
            'JOIN person p ON p.id = x.principal_id ORDER BY 1, 2, 5';
        assert.equal(await sql(db2, qa), await sql(db, qa));
        // An exported demo imports too.
        const demo = path.join(dir, 'demo.db');
        await runOk(['demo', '--db', demo]);
        const out3 = path.join(dir, 'export3');
        await runOk(['export', 'org', out3, '--db', demo]);
        const db3 = await freshDb();
        await runOk(['import', 'org', out3, '--db', db3]);
        assert.equal(await count(db3, 'work_pattern'), await count(demo, 'work_pattern'));
    });

    test('what spreadsheets add is skipped: a byte-order mark, empty columns, rows of empty cells', async () => {
        const db = await freshDb();
        const org = path.join(dir, 'sheet');
        await mkdir(org);
        await writeFile(path.join(org, 'skills.csv'), '\ufeffname,category,,\r\nTyping,office,,\r\n,,,\r\nFiling,,,\r\n');
        const r = await runOk(['import', 'org', org, '--db', db]);
        assert.match(r.stdout, /^skills\.csv: 2 created, 0 changed, 0 unchanged$/m);
        assert.equal(await sql(db, 'SELECT group_concat(name) FROM (SELECT name FROM skill ORDER BY id)'), 'Typing,Filing');
        await writeFile(path.join(org, 'skills.csv'), 'name,category,\r\nShorthand,office,x\r\n');
        const bad = await run(['import', 'org', org, '--db', db]);
        assert.match(bad.stderr, /skills\.csv row 2: cell 3 has a value but its column has no name/);
        assert.equal(await count(db, 'skill'), 2);
    });

    test('an exported assignments file imports back: source is ignored with a note', async () => {
        const db = await freshDb();
        await runOk(['import', 'org', EXAMPLE, '--db', db]);
        const file = path.join(dir, 'assignments-export.csv');
        await runOk(['export', 'assignments', '--db', db, '--output', file]);
        assert.match((await readFile(file, 'utf8')).split('\r\n')[0], /,source$/);
        // The same people in the same order get the same ids in a second database.
        const org = await copyExample();
        await rm(path.join(org, 'assignments.csv'));
        const db2 = await freshDb();
        await runOk(['import', 'org', org, '--db', db2]);
        assert.equal(await count(db2, 'assignment'), 0);
        const r = await runOk(['import', 'assignments', file, '--db', db2]);
        assert.match(r.stderr, /note: column source is set by Haldus and is ignored/);
        assert.equal(await count(db2, 'assignment'), await count(db, 'assignment'));
    });

    test('export --template prints the header of each file and an example row that imports', async () => {
        const files = await readFolder(EXAMPLE);
        for (const [file, text] of Object.entries(files)) {
            const kind = file.replace(/\.csv$/, '');
            const r = await runOk(['export', '--template', kind]);
            const [header, example, rest] = r.stdout.split('\r\n');
            assert.equal(header, text.split('\r\n')[0], kind);
            assert.ok(example.split(',').length >= header.split(',').length, kind);
            assert.equal(rest, '');
        }
        // The templates' rows fit together: a folder of them imports.
        const org = path.join(dir, 'templates');
        await mkdir(org);
        for (const file of Object.keys(files)) {
            const r = await runOk(['export', '--template', file.replace(/\.csv$/, '')]);
            await writeFile(path.join(org, file), r.stdout);
        }
        const db = await freshDb();
        // The example assistant and principal are the same people in every template.
        const r = await runOk(['import', 'org', org, '--db', db]);
        assert.match(r.stdout, /absences\.csv: 1 created/);
        assert.equal(await sql(db, 'SELECT status FROM absence'), 'approved');
        const bad = await run(['export', '--template', 'nothing']);
        assert.equal(bad.code, 2);
        assert.match(bad.stderr, /not a file of an organisation/);
    });

    test('docs/organisation.md describes every column of every file, and --help points to it', async () => {
        const doc = await readFile(path.join(ROOT, 'docs', 'organisation.md'), 'utf8');
        const files = Object.keys(await readFolder(EXAMPLE));
        for (const file of files) {
            const kind = file.replace(/\.csv$/, '');
            const start = doc.indexOf(`### ${file}\n`);
            assert.ok(start >= 0, `a section for ${file}`);
            const next = doc.indexOf('\n### ', start + 1);
            const section = doc.slice(start, next < 0 ? undefined : next);
            const header = (await runOk(['export', '--template', kind])).stdout.split('\r\n')[0];
            for (const col of header.split(',')) {
                assert.match(section, new RegExp(`^\\| \`${col}\` \\| (yes|no)`, 'm'), `${file}: ${col}`);
            }
        }
        for (const args of [['import', 'org', '--help'], ['export', 'org', '--help']]) {
            const r = await runOk(args);
            assert.match(r.stdout, new RegExp(`^Usage: haldus ${args[0]} org FOLDER`));
            for (const file of files) assert.ok(r.stdout.includes(file), `${args[0]} --help names ${file}`);
        }
        const r = await runOk(['absence', '--help']);
        assert.match(r.stdout, /^Usage: haldus absence ACTION ID .*--db PATH/);
        assert.equal((await runOk(['help', 'absence'])).stdout, r.stdout);
        assert.match((await runOk(['--help'])).stdout, /^  absence /m);
        assert.match((await runOk(['import', '--help'])).stdout, /^Usage: haldus import org FOLDER/);
        assert.match((await runOk(['export', '--help'])).stdout, /^Usage: haldus export org FOLDER.*\n.*--template KIND/);
    });

    test('haldus absence approve, reject and cancel follow the workflow table', async () => {
        const db = await freshDb();
        const org = path.join(dir, 'absence-org');
        await mkdir(org);
        await writeFile(path.join(org, 'assistants.csv'),
            'name,email,time_zone,office\r\nMari Tamm,mari@example.org,Europe/Tallinn,Tallinn\r\n');
        await writeFile(path.join(org, 'absences.csv'),
            'person_email,kind,start_at,end_at\r\n' +
            'mari@example.org,vacation,2027-01-04T00:00:00+02:00,2027-01-09T00:00:00+02:00\r\n' +
            'mari@example.org,sick,2027-02-01T00:00:00+02:00,2027-02-02T00:00:00+02:00\r\n');
        await runOk(['import', 'org', org, '--db', db]);
        const [a, b] = (await sql(db, 'SELECT id FROM absence ORDER BY id')).split('\n');
        assert.equal(await sql(db, 'SELECT group_concat(status) FROM (SELECT status FROM absence ORDER BY id)'), 'requested,requested');
        const ok = await runOk(['absence', 'approve', a, '--note', 'enjoy', '--db', db]);
        assert.match(ok.stdout, new RegExp(`^absence ${a}: approved$`, 'm'));
        assert.equal(await sql(db, `SELECT status || '|' || decision_note FROM absence WHERE id = ${a}`), 'approved|enjoy');
        const again = await run(['absence', 'approve', a, '--db', db]);
        assert.equal(again.code, 1);
        assert.match(again.stderr, /cannot approve an absence that is approved/);
        await runOk(['absence', 'reject', b, '--db', db]);
        const cancel = await runOk(['absence', 'cancel', a, '--json', '--db', db]);
        assert.equal(JSON.parse(cancel.stdout).status, 'cancelled');
        assert.equal(await sql(db, 'SELECT group_concat(status) FROM (SELECT status FROM absence ORDER BY id)'), 'cancelled,rejected');
        const audit = await sql(db, 'SELECT group_concat(action) FROM (SELECT action FROM audit_log ' +
            "WHERE entity = 'absence' AND action IN ('approve', 'reject', 'cancel') ORDER BY id)");
        assert.equal(audit, 'approve,reject,cancel');
        const usage = await run(['absence', 'archive', a, '--db', db]);
        assert.equal(usage.code, 2);
        const missing = await run(['absence', 'approve', '999', '--db', db]);
        assert.equal(missing.code, 1);
    });
});
