// The board over more executives than one page of GET /coverage holds (at most 500 principals a
// page): the page follows next_cursor and shows every executive, not silently the first 500.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MANAGER, addDays, launch, newPage, open, screenshot, settle, signIn, startServer } from './lib.mjs';

const PRINCIPALS = 520;

let srv;
let browser;
before(async () => {
    [srv, browser] = await Promise.all([startServer(['--assistants', '400', '--principals', String(PRINCIPALS)]), launch()]);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

test('a board of more executives than one page shows them all', async () => {
    const api = await srv.api(MANAGER);
    // The server does page this board: a week of 520 principals is more than one page.
    const from = new Date().toISOString().slice(0, 10);
    const firstPage = await api.get(`/coverage?from=${from}&to=${addDays(from, 6)}`);
    assert.ok(firstPage.next_cursor, 'the first page says there is more');
    assert.ok(firstPage.principals.length < PRINCIPALS, `one page held ${firstPage.principals.length}`);
    // Every principal id, in id order, through the API's own paging.
    const ids = [];
    for (let cursor = null; ; ) {
        const page = await api.get(`/principals?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        ids.push(...page.items.map((p) => p.id));
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
    }
    assert.equal(ids.length, PRINCIPALS);

    const { page, check, close } = await newPage(browser, { timeout: 30000 });
    await signIn(page, srv.base, MANAGER);
    const calls = [];
    // Only the board's own range: the Today page signing in lands on asks for one day, and under
    // load that request can still be on its way when the board opens.
    const to = addDays(from, 6);
    page.on('request', (r) => {
        const u = new URL(r.url());
        if (u.pathname === '/api/v1/coverage' && u.searchParams.get('to') === to) calls.push(u.searchParams);
    });
    await open(page, srv.base, `/board?from=${from}&weeks=1`);
    // The grid draws a large board a block of rows at a time; it counts every executive.
    const more = page.locator('p.more', { hasText: 'executives.' });
    await more.waitFor();
    assert.match(await more.innerText(), new RegExp(`Showing \\d+ of ${PRINCIPALS} executives`));
    while (await more.count()) await more.getByRole('button', { name: /^Show \d+ more executives$/ }).click();
    await page.locator(`table.board tbody tr[data-pid="${ids[ids.length - 1]}"]`).waitFor();
    await settle(page);
    const shown = await page.locator('table.board tbody tr[data-pid]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-pid'))));
    assert.deepEqual(shown.slice().sort((a, b) => a - b), ids.slice().sort((a, b) => a - b), 'every executive once');
    assert.ok(calls.length >= 2, `the board asked for ${calls.length} page(s)`);
    assert.ok(calls.slice(1).every((q) => q.get('cursor')), `the later pages continue with the cursor: ${calls.map((q) => q.toString()).join(' | ')}`);
    for (const q of calls) assert.equal(q.get('limit'), '500', 'a week: the largest page');
    await screenshot(page, 'board-pages-520-1280');
    check();
    await close();
});
