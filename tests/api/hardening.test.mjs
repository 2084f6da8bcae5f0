// hardening.test.mjs: the holes of issue 8 that the server itself must close: another
// application's SQLite file is left untouched; API tokens end with the password; a database
// that cannot be written still serves reads (and `serve --read-only`); libmicrohttpd's own
// refusals come back as JSON errors; slow connections from one address cannot starve others.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ms, removeDir, run, runProgram, tempDir } from './lib.mjs';

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
