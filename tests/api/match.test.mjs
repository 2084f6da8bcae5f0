// match.test.mjs: `haldus match proposals`, the pool-wide what-if of role fit (issue 14), over
// the demo organisation: its shape, totals that add up, a department, help and usage errors,
// and that it writes nothing; over the API, that it counts an assistant's places as the
// workbench's over-capacity flag does (primaries and secondaries, distinct executives).

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { personBody, principalBody, removeDir, run, runOk, runProgram, tempDir, unique, useServer } from './lib.mjs';

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
        assert.match(r.stdout, /^1\. .+: .+ \(fit \d+\) -> .+ \(fit \d+\), [+-]\d+\n/);
        assert.match(r.stdout, /\nbasis [0-9a-f]{16}\n/);
        assert.equal(await count(), before);
    });

    test('help and usage errors', async () => {
        const h = await runOk(['match', '--help']);
        assert.match(h.stdout, /^Usage: haldus match proposals/);
        assert.match(h.stdout, /--db PATH/);
        assert.equal((await runOk(['help', 'match'])).stdout, h.stdout);
        assert.match(h.stdout, /haldus match accept --basis B/);
        for (const args of [
            ['match'],
            ['match', 'bogus'],
            ['match', 'proposals', 'extra'],
            ['match', '--bogus'],
            ['match', 'accept'],
            ['match', 'accept', '--basis', 'x', '--change', '0'],
            ['match', 'accept', '--basis', 'x', '--change', 'two'],
            ['match', 'proposals', '--change', '1'],
            ['match', 'proposals', '--dry-run'],
        ]) {
            const r = await run([...args, '--db', db]);
            assert.equal(r.code, 2, args.join(' '));
            assert.match(r.stderr, /haldus match: /);
        }
    });
    test('accept: by number, a dry run writes nothing, audited as cli, refused when stale', async () => {
        const count = async () =>
            (await runProgram('sqlite3', [db, 'SELECT count(*) FROM assignment; SELECT count(*) FROM audit_log;']))
                .stdout;
        const prop = JSON.parse((await runOk(['match', 'proposals', '--json', '--db', db])).stdout);
        const free = prop.changes.findIndex((c) => c.needs.length === 0);
        assert.ok(free >= 0, 'the demo has a change that fits alone');
        const n = String(free + 1);
        const c = prop.changes[free];
        const before = await count();
        const bad = await run(['match', 'accept', '--basis', prop.basis, '--change', String(prop.changes.length + 1), '--db', db]);
        assert.equal(bad.code, 1);
        assert.match(bad.stderr, new RegExp(`there is no change ${prop.changes.length + 1}`));
        const dry = await runOk(['match', 'accept', '--basis', prop.basis, '--change', n, '--dry-run', '--db', db]);
        assert.equal(dry.stdout, `${n}. ${c.principal}: ${c.from ?? 'nobody'} -> ${c.to}, ${c.gain >= 0 ? '+' : ''}${c.gain}\nwould accept 1 change (${c.gain >= 0 ? '+' : ''}${c.gain} fit); dry run: nothing was written\n`);
        assert.equal(await count(), before, 'the dry run wrote nothing');
        const ok = JSON.parse((await runOk(['match', 'accept', '--basis', prop.basis, '--change', n, '--json', '--db', db])).stdout);
        assert.equal(ok.accepted, 1);
        assert.equal(ok.dry_run, false);
        assert.equal(ok.assignments[0].assistant_id, c.to_id);
        assert.equal(ok.assignments[0].principal_id, c.principal_id);
        assert.equal(ok.assignments[0].source, 'matcher');
        const audit = await runProgram('sqlite3', [
            db,
            "SELECT actor, json_extract(after, '$.decided_by'), json_array_length(json_extract(after, '$.changes')) FROM audit_log WHERE entity = 'matching' AND action = 'accept' ORDER BY id DESC LIMIT 1",
        ]);
        assert.equal(audit.stdout.trim(), 'cli|cli|1');
        const stale = await run(['match', 'accept', '--basis', prop.basis, '--db', db]);
        assert.equal(stale.code, 1);
        assert.match(stale.stderr, /^haldus match: the assignments changed since/);
        const after = await count();
        const again = await run(['match', 'accept', '--basis', prop.basis, '--change', n, '--db', db]);
        assert.equal(again.code, 1);
        assert.equal(await count(), after, 'a refused accept changes nothing');
    });
});

describe('the matching counts places as the workbench does', () => {
    const h = useServer();
    const TODAY = new Date().toISOString().slice(0, 10);
    const lab = {};

    test('a secondary takes a place; an executive held as secondary takes none more', async () => {
        const srv = h.srv;
        const u = unique('cap');
        // a must-have only these assistants have: nobody of the demo can be proposed
        const skill = await srv.create('skills', { name: `Cap skill ${u}` });
        const duty = await srv.create('duties', { name: `Cap duty ${u}` });
        await srv.create('duty-skills', { duty_id: duty.id, skill_id: skill.id, min_level: 1 });
        const dep = `CapLab ${u}`;
        const style = { pace: 2, formality: 2, autonomy: -2, channel: 2 };
        const exec = async (department) => {
            const x = await srv.create('principals', principalBody({ department, languages: ['et', 'en'] }));
            await srv.create('principal-duties', { principal_id: x.id, duty_id: duty.id, must_have: true });
            await srv.create('role-profiles', { principal_id: x.id, ...style });
            return x;
        };
        const asst = async (capacity, good) => {
            const a = await srv.create('assistants', personBody({ capacity, languages: good ? ['et', 'en'] : ['fi'] }));
            await srv.create('assistant-skills', { assistant_id: a.id, skill_id: skill.id, level: 5 });
            await srv.create('work-styles', {
                assistant_id: a.id,
                ...(good ? style : { pace: -2, formality: -2, autonomy: 2, channel: -2 }),
            });
            return a;
        };
        const [x1, x2, x3] = [await exec(dep), await exec(dep), await exec(dep)];
        const y = await exec(`${dep} elsewhere`);
        const a = await asst(1, true); // full through a secondary for y, outside the set
        const c = await asst(1, true); // full through a secondary for x1, inside the set
        const b = await asst(3, false);
        const assign = (assistant, principal, kind) =>
            srv.create('assignments', { assistant_id: assistant.id, principal_id: principal.id, kind, start_date: '2020-01-01' });
        await assign(a, y, 'secondary');
        await assign(c, x1, 'secondary');
        await assign(b, x1, 'primary');
        await assign(b, x2, 'primary');
        Object.assign(lab, { a, b, c, x1, x2, x3 });
        const flagged = async () =>
            (await srv.getOk(`/api/v1/support/flags?from=${TODAY}&to=${TODAY}`)).overloaded
                .filter((o) => o.reason === 'capacity' && [a.id, b.id, c.id].includes(o.assistant_id))
                .map((o) => o.assistant_id);
        assert.deepEqual(await flagged(), [], 'nobody is over capacity before');

        // the best fits' places left count the same way
        const fits = await srv.getOk(`/api/v1/fit?principal_id=${x2.id}`);
        const row = (out, who) => out.fits.find((f) => f.assistant_id === who.id);
        assert.ok(row(fits, a).score > row(fits, b).score, 'a fits better than b');
        assert.equal(row(fits, a).places_left, 0, 'a secondary takes a place');
        assert.equal(row(fits, c).places_left, 0);
        assert.equal(row(fits, b).places_left, 2, 'b holds x1 besides x2');
        const fits1 = await srv.getOk(`/api/v1/fit?principal_id=${x1.id}`);
        assert.equal(row(fits1, c).places_left, 1, 'x1 takes no place more at c');

        const prop = await srv.getOk(`/api/v1/matching/proposals?department=${encodeURIComponent(dep)}`);
        assert.equal(prop.executives, 3);
        const moves = prop.changes.map((m) => [m.principal_id, m.from_id, m.to_id]).sort();
        assert.deepEqual(moves, [[x1.id, b.id, c.id], [x3.id, null, b.id]].sort(), JSON.stringify(prop.changes));
        assert.deepEqual(prop.unplaced, []);
        // x1 into c needs nothing: c holds x1 already
        assert.deepEqual(prop.changes.find((m) => m.principal_id === x1.id).needs, []);
        const r = await srv.post('/api/v1/matching/proposals/accept', { department: dep, basis: prop.basis });
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.accepted, 2);
        assert.deepEqual(await flagged(), [], 'nobody is over capacity after the whole what-if');
        // and the matching has nothing left to change
        const again = await srv.getOk(`/api/v1/matching/proposals?department=${encodeURIComponent(dep)}`);
        assert.deepEqual(again.changes, []);
    });
});
