// cli.test.mjs: the command line: help and version, usage errors (exit 2), init, check on good
// and bad databases, and the listen address rule of serve.

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Server, hasAccounts, removeDir, run, runOk, runProgram, tempDir } from './lib.mjs';

const COMMANDS = ['init', 'migrate', 'check', 'demo', 'serve'];

describe('CLI', () => {
    let dir;
    before(async () => {
        dir = await tempDir('haldus-cli-');
    });
    after(async () => {
        await removeDir(dir);
    });
    const db = (name) => path.join(dir, name);

    describe('help and version', () => {
        for (const args of [['--help'], ['-h'], ['help']]) {
            test(`haldus ${args.join(' ')}`, async () => {
                const r = await runOk(args);
                assert.match(r.stdout, /^Usage: haldus COMMAND/);
                for (const c of COMMANDS) assert.match(r.stdout, new RegExp(`^  ${c} `, 'm'), c);
                assert.equal(r.stderr, '');
            });
        }

        test('every command haldus --help lists answers --help, help COMMAND and -h alike', async () => {
            const listed = [...(await runOk(['--help'])).stdout.matchAll(/^  ([a-z]+) {2,}\S/gm)].map((m) => m[1]);
            assert.ok(listed.length >= 18, `only ${listed.length} commands listed: ${listed.join(' ')}`);
            for (const c of listed) {
                const r = await runOk([c, '--help']);
                assert.match(r.stdout, new RegExp(`^Usage: haldus ${c}\\b`), `haldus ${c} --help`);
                assert.equal(r.stderr, '', `haldus ${c} --help writes nothing to stderr`);
                assert.equal((await runOk(['help', c])).stdout, r.stdout, `haldus help ${c}`);
                assert.equal((await runOk([c, '-h'])).stdout, r.stdout, `haldus ${c} -h`);
            }
        });

        test('haldus --version', async () => {
            const r = await runOk(['--version']);
            assert.match(r.stdout, /^haldus \d+\.\d+\.\d+\S*\n$/);
            assert.equal((await runOk(['version'])).stdout, r.stdout);
        });

        for (const c of COMMANDS) {
            test(`haldus ${c} --help`, async () => {
                const r = await runOk([c, '--help']);
                assert.match(r.stdout, new RegExp(`^Usage: haldus ${c}\\b`));
                assert.match(r.stdout, /--db PATH/);
                const r2 = await runOk(['help', c]);
                assert.equal(r2.stdout, r.stdout);
                const r3 = await runOk([c, '-h']);
                assert.equal(r3.stdout, r.stdout);
            });
        }
    });

    describe('bad arguments exit 2 with a message', () => {
        const cases = [
            [[], /Usage: haldus COMMAND/],
            [['frobnicate'], /unknown command 'frobnicate'/],
            [['--frobnicate'], /unknown command '--frobnicate'/],
            [['init', '--bogus'], /haldus init: unknown option --bogus/],
            [['init', '--db'], /haldus init: --db needs a value/],
            [['init', '--db', 'a.db', 'extra'], /haldus init: unexpected argument extra/],
            [['migrate', '-x'], /haldus migrate: unknown option -x/],
            [['check', 'extra'], /haldus check: unexpected argument extra/],
            [['check', '--db'], /--db needs a value/],
            [['demo', '--seed', 'x'], /--seed must be a number/],
            [['demo', '--seed', '-1'], /--seed must be a number/],
            [['demo', '--names', 'fr'], /--names must be et or en/],
            [['demo', '--assistants', '5'], /give both --assistants and --principals/],
            [['demo', '--assistants', '0', '--principals', '5'], /--assistants must be a number/],
            [['demo', '--principals', '200001', '--assistants', '5'], /--principals must be a number/],
            [['serve', '--threads', '0'], /--threads must be a number from 1 to 256/],
            [['serve', '--threads', 'many'], /--threads must be a number/],
            [['serve', '--listen'], /--listen needs a value/],
            [['serve', '--port', '80'], /unknown option --port/],
            [['serve', 'now'], /unexpected argument now/],
        ];
        for (const [args, re] of cases) {
            test(`haldus ${args.join(' ')}`, async () => {
                const r = await run(args, { cwd: dir });
                assert.equal(r.code, 2, `exit ${r.code}: ${r.stderr}`);
                assert.match(r.stderr, re);
                assert.equal(r.stdout, '');
            });
        }
        test('a usage error names the command to ask for help', async () => {
            const r = await run(['check', '--what'], { cwd: dir });
            assert.match(r.stderr, /Try 'haldus check --help'/);
        });
    });

    describe('databases', () => {
        test('init creates a database; init again fails and leaves it alone', async () => {
            const file = db('init.db');
            const r1 = await runOk(['init', '--db', file]);
            assert.match(r1.stdout, /created .*init\.db \(schema \d+\)/);
            const check1 = await runOk(['check', '--db', file]);
            const r2 = await run(['init', '--db', file]);
            assert.notEqual(r2.code, 0);
            assert.match(r2.stderr, /already holds a Haldus database/);
            const check2 = await runOk(['check', '--db', file]);
            assert.equal(check2.stdout, check1.stdout);
        });

        test('HALDUS_DB names the database when --db is absent', async () => {
            const file = db('env.db');
            await runOk(['init'], { env: { HALDUS_DB: file }, cwd: dir });
            const r = await runOk(['check'], { env: { HALDUS_DB: file }, cwd: dir });
            assert.match(r.stdout, /env\.db/);
        });

        test('check on a good database exits 0 and says what it checked', async () => {
            const file = db('good.db');
            await runOk(['demo', '--db', file]);
            const r = await runOk(['check', '--db', file]);
            assert.match(r.stdout, /^ok: .*good\.db \(schema \d+\): integrity ok, foreign keys ok, \d+ people, \d+ absences/);
        });

        test('migrate on a current database changes nothing', async () => {
            const file = db('good.db');
            const r = await runOk(['migrate', '--db', file]);
            assert.match(r.stdout, /already at schema \d+/);
        });

        test('demo refuses a database that already holds people', async () => {
            const r = await run(['demo', '--db', db('good.db')]);
            assert.notEqual(r.code, 0);
            assert.match(r.stderr, /already holds people|must be empty|empty database/);
        });

        const bad = [
            ['a text file', 'text.db', async (f) => writeFile(f, 'hello, I am not a database\n'.repeat(100)), /not an SQLite database/],
            ['random bytes', 'random.db', async (f) => writeFile(f, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251))), /not an SQLite database/],
            ['an empty file', 'empty.db', async (f) => writeFile(f, ''), /is empty; create it with `haldus init/],
            ['no file at all', 'missing.db', async () => {}, /no such file/],
            [
                'an SQLite database of another program',
                'other.db',
                async (f) => {
                    const r = await runProgram('sqlite3', [f, 'CREATE TABLE t (x); INSERT INTO t VALUES (1);']);
                    assert.equal(r.code, 0, r.stderr);
                },
                /not a Haldus database/,
            ],
            [
                'a database newer than this binary (user_version 99)',
                'future.db',
                async (f) => {
                    await runOk(['init', '--db', f]);
                    const r = await runProgram('sqlite3', [f, 'PRAGMA user_version=99']);
                    assert.equal(r.code, 0, r.stderr);
                },
                /schema version 99, newer than this haldus knows/,
            ],
        ];
        for (const [what, name, make, re] of bad) {
            test(`check and serve (and migrate) refuse ${what}`, async () => {
                const file = db(name);
                await make(file);
                const r = await run(['check', '--db', file]);
                assert.equal(r.code, 1, `check exited ${r.code}: ${r.stdout} ${r.stderr}`);
                assert.match(r.stderr, re);
                assert.match(r.stderr, /^haldus check: /);
                assert.equal(r.stdout, '');
                const s = await run(['serve', '--db', file, '--listen', '127.0.0.1:0'], { timeout: 20000 });
                assert.notEqual(s.code, 0, `serve: ${s.stdout}`);
                assert.doesNotMatch(s.stdout, /listening/);
                // migrate refuses it too, except an empty file, which it may turn into a database.
                const m = await run(['migrate', '--db', file]);
                if (name !== 'empty.db') {
                    assert.notEqual(m.code, 0, `migrate: ${m.stdout}`);
                    assert.match(m.stderr, re);
                }
            });
        }

        test('init into a folder that does not exist fails clearly', async () => {
            const r = await run(['init', '--db', db('no/such/folder/x.db')]);
            assert.notEqual(r.code, 0);
            assert.match(r.stderr, /cannot open database/);
        });
    });

    describe('serve --listen', () => {
        test('loopback addresses only (until accounts exist)', async () => {
            const file = db('good.db');
            const accounts = await hasAccounts();
            for (const listen of ['0.0.0.0:0', '192.0.2.1:0', '[::]:0', '10.0.0.1:0']) {
                if (accounts) {
                    // With accounts, other addresses are allowed; only check 0.0.0.0 starts.
                    if (listen !== '0.0.0.0:0') continue;
                    const srv = new Server(dir, file, {});
                    await srv.start('0.0.0.0:0');
                    await srv.stop();
                    continue;
                }
                const r = await run(['serve', '--db', file, '--listen', listen], { timeout: 20000 });
                assert.notEqual(r.code, 0, `${listen}: ${r.stdout}`);
                assert.match(r.stderr, /refusing to listen on .*loopback/, listen);
                assert.doesNotMatch(r.stdout, /listening/);
            }
        });

        for (const listen of ['localhost', '127.0.0.1', '127.0.0.1:70000', ':8080', '127.0.0.1:x', '[::1]8080']) {
            test(`--listen ${listen} is not ADDR:PORT`, async () => {
                const r = await run(['serve', '--db', db('good.db'), '--listen', listen], { timeout: 20000 });
                assert.notEqual(r.code, 0);
                assert.match(r.stderr, /--listen must be ADDR:PORT/);
            });
        }

        test('serve on [::1] and on 127.0.0.2 (loopback) starts and stops cleanly', async () => {
            for (const listen of ['[::1]:0', '127.0.0.2:0']) {
                const srv = new Server(dir, db('good.db'), {});
                try {
                    await srv.start(listen);
                } catch (e) {
                    // A host without IPv6 cannot bind ::1; that is not what this test is about.
                    if (listen.startsWith('[') && /cannot listen/.test(String(e))) continue;
                    throw e;
                }
                const r = await srv.get('/healthz', { auth: false });
                assert.equal(r.status, 200);
                await srv.stop();
            }
        });

        test('SIGTERM stops the server with exit 0', async () => {
            const srv = new Server(dir, db('good.db'), {});
            await srv.start();
            await srv.stop(); // asserts exit 0 and no sanitizer report
            assert.match(srv.stderr, /SIGTERM received/);
        });
    });
});
