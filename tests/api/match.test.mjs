// match.test.mjs: `haldus match proposals`, the pool-wide what-if of role fit (issue 14), over
// the demo organisation: its shape, totals that add up, a department, help and usage errors,
// and that it writes nothing.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { removeDir, run, runOk, runProgram, tempDir } from './lib.mjs';

describe('haldus match', () => {
    let dir;
    let db;
    before(async () => {
        dir = await tempDir('haldus-match-');
        db = path.join(dir, 'demo.db');
        await runOk(['demo', '--db', db]);
    });
    after(async () => {
        await removeDir(dir);
    });

    test('proposals --json: changes with both fits, totals that add up', async () => {
        const r = await runOk(['match', 'proposals', '--json', '--db', db]);
        const out = JSON.parse(r.stdout);
        assert.equal(out.department, null);
        assert.ok(out.executives > 0 && out.assistants > 0);
        assert.ok(out.changes.length > 0);
        let gains = 0;
        for (const c of out.changes) {
            for (const k of ['principal_id', 'principal', 'to_id', 'to', 'to_fit', 'gain'])
                assert.ok(k in c, k);
            assert.ok(c.to_fit >= 0 && c.to_fit <= 100);
            assert.notEqual(c.to_id, c.from_id);
            if (c.from_fit !== null) assert.equal(c.gain, c.to_fit - c.from_fit);
            gains += c.gain;
        }
        assert.equal(out.gain, out.total_proposed - out.total_today);
        assert.equal(gains, out.gain);
        assert.ok(out.gain > 0);
        assert.deepEqual(out.unplaced, []);
    });

    test('--department limits the executives to that department', async () => {
        const all = JSON.parse((await runOk(['match', 'proposals', '--json', '--db', db])).stdout);
        const fin = JSON.parse(
            (await runOk(['match', 'proposals', '--department', 'Finance', '--json', '--db', db])).stdout,
        );
        assert.equal(fin.department, 'Finance');
        assert.ok(fin.executives > 0 && fin.executives < all.executives);
        const none = JSON.parse(
            (await runOk(['match', 'proposals', '--department', 'No such', '--json', '--db', db])).stdout,
        );
        assert.equal(none.executives, 0);
        assert.deepEqual(none.changes, []);
    });

    test('the text form ends with the totals; nothing is written', async () => {
        const count = async () =>
            (await runProgram('sqlite3', [db, 'SELECT count(*) FROM assignment; SELECT count(*) FROM audit_log;']))
                .stdout;
        const before = await count();
        const r = await runOk(['match', 'proposals', '--db', db]);
        assert.match(r.stdout, /changes for \d+ executives; total fit \d+ today, \d+ proposed \(\+\d+\)\n$/);
        assert.match(r.stdout, /\(fit \d+\) -> .+ \(fit \d+\), [+-]\d+\n/);
        assert.equal(await count(), before);
    });

    test('help and usage errors', async () => {
        const h = await runOk(['match', '--help']);
        assert.match(h.stdout, /^Usage: haldus match proposals/);
        assert.match(h.stdout, /--db PATH/);
        assert.equal((await runOk(['help', 'match'])).stdout, h.stdout);
        for (const args of [['match'], ['match', 'bogus'], ['match', 'proposals', 'extra'], ['match', '--bogus']]) {
            const r = await run([...args, '--db', db]);
            assert.equal(r.code, 2, args.join(' '));
            assert.match(r.stderr, /haldus match: /);
        }
    });
});
