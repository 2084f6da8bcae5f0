// openapi-cli.test.mjs: `haldus openapi` prints, with no database and no server, the same
// document the server answers at /api/v1/openapi.json (the web build types itself from it).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run, runOk, useServer } from './lib.mjs';

const h = useServer();

test('haldus openapi prints the document the server serves', async () => {
    const cli = await runOk(['openapi'], { env: { HALDUS_DB: '/nonexistent/dir/none.db' } });
    const served = await h.srv.get('/api/v1/openapi.json');
    assert.equal(served.status, 200);
    assert.equal(cli.stdout.trimEnd(), served.text.trimEnd());
    const doc = JSON.parse(cli.stdout);
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.components.schemas.Absence, 'the entity schemas are in it');
});

test('haldus openapi --help says what it prints; a stray argument is a usage error', async () => {
    const help = await runOk(['openapi', '--help']);
    assert.match(help.stdout, /^Usage: haldus openapi/);
    const bad = await run(['openapi', 'extra']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unexpected argument extra/);
    assert.equal(bad.stdout, '');
});
