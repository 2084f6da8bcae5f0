// csv.test.mjs: haldus import / export: columns are the API's field names, an import is all or
// nothing with the row and column of the first problem, and an exported file imports again.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { removeDir, run, runOk, runProgram, tempDir } from './lib.mjs';

describe('CSV import and export', () => {
    let dir, db;
    const count = async (table) => Number((await runProgram('sqlite3', [db, `SELECT count(*) FROM ${table}`])).stdout.trim());
    before(async () => {
        dir = await tempDir('haldus-csv-');
        db = path.join(dir, 'h.db');
        await writeFile(path.join(dir, 'pw'), 'a long admin password\n');
        await runOk(['init', '--db', db, '--admin-password-file', path.join(dir, 'pw')]);
    });
    after(async () => removeDir(dir));

    test('imports people with lists, quotes and defaults, and exports them back identically', async () => {
        const file = path.join(dir, 'people.csv');
        await writeFile(file,
            'name,email,time_zone,office,languages,capacity,hire_date\n' +
            'Mari Maasikas,mari@example.org,Europe/Tallinn,Tallinn,Estonian; English,3,2020-05-01\n' +
            '"Smith, John",john@example.org,Europe/London,London,English,2,\n');
        const r = await runOk(['import', 'assistants', file, '--db', db]);
        assert.match(r.stdout, /imported 2 assistants/);
        const out = path.join(dir, 'out.csv');
        await runOk(['export', 'assistants', '--db', db, '--output', out]);
        const text = await readFile(out, 'utf8');
        assert.match(text, /^id,name,email,/);
        assert.match(text, /"Smith, John"/);
        assert.match(text, /"Estonian;English"/);
        assert.match(text, /,3,0,"2020-05-01",/); // capacity 3, experience default 0
        // An exported file imports into another database and exports the same.
        const db2 = path.join(dir, 'h2.db');
        await runOk(['init', '--db', db2, '--admin-password-file', path.join(dir, 'pw')]);
        await runOk(['import', 'assistants', out, '--db', db2]);
        const again = await runOk(['export', 'assistants', '--db', db2]);
        assert.equal(again.stdout, text);
    });

    test('one bad row and nothing is imported; the message names the row and the column', async () => {
        const before = await count('person');
        const audit = await count('audit_log');
        const file = path.join(dir, 'bad.csv');
        await writeFile(file, 'name,email,time_zone,office\nAnn,ann@example.org,Europe/Tallinn,Tallinn\n' +
            'Bob,bob@example.org,Mars/Olympus,Tallinn\n');
        const r = await run(['import', 'assistants', file, '--db', db]);
        assert.equal(r.code, 1);
        assert.match(r.stderr, /row 3, column time_zone: .*IANA time zone.*nothing was imported/);
        assert.equal(await count('person'), before);
        assert.equal(await count('audit_log'), audit);
    });

    test('a duplicate e-mail, an unknown column, broken CSV and an unknown collection are refused', async () => {
        const cases = [
            ['assistants', 'name,email,time_zone,office\nX,mari@example.org,UTC,Tallinn\n', /row 2, column email: .*already/],
            ['skills', 'name,colour\nTyping,red\n', /row 1, column colour: unknown column/],
            ['skills', 'name\n"unterminated\n', /row \d+: .*pars/],
            ['skills', 'name\nA,B\n', /more cells than the header/],
        ];
        for (const [coll, csv, re] of cases) {
            const file = path.join(dir, 'case.csv');
            await writeFile(file, csv);
            const r = await run(['import', coll, file, '--db', db]);
            assert.equal(r.code, 1, `${csv}: ${r.stderr}`);
            assert.match(r.stderr, re);
        }
        const r = await run(['import', 'nothing', 'x.csv', '--db', db]);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /not a collection/);
    });
});
