// Measures (prints, never asserts on time) how long the coverage board of 200 executives × 28
// days takes to appear in Chromium, and the size of the JavaScript the page ships, gzipped.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { MANAGER, launch, newPage, open, signIn, startServer } from './lib.mjs';

let srv;
let browser;
before(async () => {
    [srv, browser] = await Promise.all([startServer(['--assistants', '150', '--principals', '200']), launch()]);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('the JavaScript shipped, gzipped', async () => {
    const html = await (await fetch(`${srv.base}/`)).text();
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(scripts.length > 0, 'index.html loads a script');
    // Every module the entry pulls in (static imports of other chunks, if any).
    const seen = new Set();
    const queue = [...scripts];
    let raw = 0;
    let gz = 0;
    while (queue.length) {
        const url = queue.shift();
        if (seen.has(url)) continue;
        seen.add(url);
        const res = await fetch(new URL(url, srv.base));
        assert.equal(res.status, 200, url);
        assert.match(res.headers.get('cache-control') || '', /immutable/, `${url} is cached for good`);
        const body = Buffer.from(await res.arrayBuffer());
        raw += body.length;
        gz += gzipSync(body, { level: 9 }).length;
        for (const m of body.toString('utf8').matchAll(/(?:from|import)\s*["'](\.?\/?assets\/[^"']+\.js|\.\/[^"']+\.js)["']/g))
            queue.push(new URL(m[1], new URL(url, srv.base)).pathname);
    }
    console.log(`web app JS: ${seen.size} file(s), ${(raw / 1024).toFixed(1)} KiB, ${(gz / 1024).toFixed(1)} KiB gzipped (budget 150 KiB)`);
    const index = await fetch(`${srv.base}/`);
    assert.match(index.headers.get('cache-control') || '', /no-cache/);
});

test('the board of 200 executives × 28 days', async () => {
    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, MANAGER);
    const runs = [];
    for (let i = 0; i < 3; i++) {
        await open(page, srv.base, '/leave');
        await page.evaluate(() => {
            performance.clearMarks();
            window.__t0 = performance.now();
            location.hash = '#/board';
        });
        await page.locator('table.board tbody tr').nth(199).waitFor({ timeout: 30000 });
        await page.waitForFunction(() => performance.getEntriesByName('haldus:board-painted').length > 0, null, { timeout: 30000 });
        const t = await page.evaluate(() => {
            const at = (n) => performance.getEntriesByName(n).slice(-1)[0].startTime;
            return {
                total: at('haldus:board-painted') - window.__t0,
                fetch: at('haldus:board-fetched') - at('haldus:board-start'),
                model: at('haldus:board-model') - at('haldus:board-fetched'),
                render: at('haldus:board-rendered') - at('haldus:board-model'),
                paint: at('haldus:board-painted') - at('haldus:board-rendered'),
                rows: document.querySelectorAll('table.board tbody tr').length,
                cols: document.querySelectorAll('table.board thead th.day').length,
            };
        });
        runs.push(t);
    }
    assert.equal(runs[0].rows, 200);
    assert.equal(runs[0].cols, 28);
    const m = (k) => median(runs.map((r) => r[k])).toFixed(0);
    console.log(
        `board 200 × 28 (median of ${runs.length}): ${m('total')} ms from click to painted ` +
            `(API fetch ${m('fetch')} ms, model ${m('model')} ms, render ${m('render')} ms, paint ${m('paint')} ms; budget 300 ms)`,
    );
    check();
    await close();
});
