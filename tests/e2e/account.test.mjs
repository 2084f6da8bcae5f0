// Signing in and out, and "my sessions": a session ended from another browser is signed out
// there, and the page says so.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { KADRI, launch, newPage, open, settle, signIn, startServer } from './lib.mjs';

let srv;
let browser;
before(async () => {
    [srv, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

test('a wrong password is refused on the sign-in page', async () => {
    const { page, check, close } = await newPage(browser);
    await page.goto(`${srv.base}/`);
    await page.getByLabel('Login (your e-mail)').fill(KADRI);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Wrong login or password.').waitFor();
    check();
    await close();
});

test('my sessions: end another session; sign out', async () => {
    const laptop = await newPage(browser);
    const phone = await newPage(browser);
    await signIn(laptop.page, srv.base, KADRI);
    await signIn(phone.page, srv.base, KADRI);

    await open(laptop.page, srv.base, '/account');
    const rows = laptop.page.locator('table.list tbody tr');
    await laptop.page.waitForFunction(() => document.querySelectorAll('table.list tbody tr').length >= 2);
    assert.equal(await rows.filter({ hasText: 'this session' }).count(), 1);
    // End the other one (the phone's).
    await rows.filter({ hasNotText: 'this session' }).first().getByRole('button', { name: 'End session' }).click();
    await laptop.page.waitForFunction(() => document.querySelectorAll('table.list tbody tr').length === 1);

    // The phone's next request finds its session gone: back to the sign-in page, with a word why.
    await phone.page.goto(`${srv.base}/#/leave`);
    await phone.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await phone.page.getByText('Your session ended. Sign in again to go on.').waitFor();

    // Sign out on the laptop.
    await laptop.page.getByRole('button', { name: 'Sign out' }).first().click();
    await laptop.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await laptop.page.goto(`${srv.base}/#/schedule`);
    await laptop.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await settle(laptop.page);
    laptop.check();
    phone.check();
    await laptop.close();
    await phone.close();
});
