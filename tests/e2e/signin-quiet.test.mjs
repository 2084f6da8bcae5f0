// The sign-in page is quiet: opening Haldus before signing in makes no request that fails (no
// 401 in the console), and signing out does not either.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { KADRI, launch, newPage, signIn, startServer } from './lib.mjs';

let srv;
let browser;
before(async () => {
    [srv, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

test('opening the sign-in page logs no error and no failed request', async () => {
    const { page, check, close } = await newPage(browser);
    const failed = [];
    const errors = [];
    page.on('response', (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${srv.base}/`);
    await page.getByLabel('Password').waitFor();
    await signIn(page, srv.base, KADRI);
    assert.deepEqual(failed, [], 'no request failed');
    assert.deepEqual(errors, [], 'nothing was logged as an error');
    check();
    await close();
});
