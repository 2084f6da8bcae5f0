// The board's address is a range a manager can share: to= is honoured (issue 16), not replaced
// by a number of weeks.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MANAGER, addDays, launch, newPage, open, signIn, startServer } from './lib.mjs';

let srv;
let browser;
before(async () => {
    [srv, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

test('board?from=…&to=… shows exactly those days; a to= before from= falls back to weeks', async () => {
    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, MANAGER);
    const from = new Date().toISOString().slice(0, 10);
    const to = addDays(from, 9);
    const asked = [];
    page.on('request', (r) => {
        const u = new URL(r.url());
        if (u.pathname === '/api/v1/coverage') asked.push([u.searchParams.get('from'), u.searchParams.get('to')]);
    });
    await open(page, srv.base, `/board?from=${from}&to=${to}`);
    await page.locator(`td[data-date="${to}"]`).first().waitFor();
    assert.ok(asked.some(([f, t]) => f === from && t === to), `the board asked for ${JSON.stringify(asked)}`);
    assert.equal(await page.locator(`td[data-date="${addDays(to, 1)}"]`).count(), 0, 'no day after to=');
    // A to= before from= is not a range: the default four weeks.
    asked.length = 0;
    await open(page, srv.base, `/board?from=${from}&to=${addDays(from, -3)}`);
    await page.locator(`td[data-date="${addDays(from, 27)}"]`).first().waitFor();
    assert.ok(asked.some(([f, t]) => f === from && t === addDays(from, 27)), JSON.stringify(asked));
    check();
    await close();
});
