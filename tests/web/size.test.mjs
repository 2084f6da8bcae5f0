// size.test.mjs: the web app's JavaScript, both message catalogs included, stays within 150 KB
// gzipped (issue 9). The size of a build is deterministic, so this is a test, not a benchmark.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');
const LIMIT = 150 * 1024;

test('the JavaScript with both catalogs is at most 150 KB gzipped', () => {
    const js = readdirSync(join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
    assert.ok(js.length > 0, 'web/dist has the built app (make build)');
    let total = 0;
    let bundle = '';
    for (const f of js) {
        const text = readFileSync(join(DIST, 'assets', f));
        total += gzipSync(text, { level: 9 }).length;
        bundle += text.toString('utf8');
    }
    // Both languages are in the bundle (a word only the Estonian catalog has, and its English).
    assert.ok(bundle.includes('Asendusplaan') && bundle.includes('Coverage board'), 'both catalogs are bundled');
    console.log(`# web JS: ${(total / 1024).toFixed(1)} KB gzipped (limit ${LIMIT / 1024} KB)`);
    assert.ok(total <= LIMIT, `${total} bytes gzipped`);
});
