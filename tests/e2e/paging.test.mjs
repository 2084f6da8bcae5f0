// Keyset lists in the page: "Show more" fetches only the next page (with the cursor of the last
// one) and appends it; the pages already shown are not fetched again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MANAGER, launch, newPage, open, settle, signIn, startServer } from './lib.mjs';

let srv;
let browser;
before(async () => {
    [srv, browser] = await Promise.all([startServer(['--assistants', '120', '--principals', '60']), launch()]);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

test('people: Show more fetches only the next page, with the cursor', async () => {
    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, MANAGER);
    const lists = [];
    page.on('request', (r) => {
        const u = new URL(r.url());
        if (u.pathname === '/api/v1/assistants') lists.push(u.searchParams);
    });
    await open(page, srv.base, '/people');
    const rows = page.locator('table.people tbody tr');
    await page.waitForFunction(() => document.querySelectorAll('table.people tbody tr').length === 50);
    assert.equal(lists.length, 1, 'one request for the first page');
    assert.equal(lists[0].get('cursor'), null);

    await page.getByRole('button', { name: 'Show more' }).click();
    await page.waitForFunction(() => document.querySelectorAll('table.people tbody tr').length === 100);
    await settle(page);
    assert.equal(lists.length, 2, 'one more request, for the next page only');
    assert.ok(lists[1].get('cursor'), 'the second request carries the cursor');
    assert.equal(lists[1].get('limit'), '50');

    await page.getByRole('button', { name: 'Show more' }).click();
    await page.waitForFunction(() => document.querySelectorAll('table.people tbody tr').length === 120);
    await settle(page);
    assert.equal(lists.length, 3);
    assert.notEqual(lists[2].get('cursor'), lists[1].get('cursor'), 'each page follows the one before');
    assert.equal(await page.getByRole('button', { name: 'Show more' }).count(), 0, 'no more after the last page');
    // Every assistant exactly once.
    const links = await rows.locator('td:first-child a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.equal(links.length, 120);
    assert.equal(new Set(links).size, 120, 'no assistant twice');
    check();
    await close();
});
