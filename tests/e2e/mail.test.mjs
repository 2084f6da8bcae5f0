// Mail under Settings (managers and admins: the outbox, retry, the relay settings and a test
// message) and each person's e-mail notifications on the account page; at phone and desktop
// sizes, with axe.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESKTOP, KADRI, MANAGER, PHONE, axe, formatViolations, launch, newPage, open, screenshot, settle, signIn, startServer } from './lib.mjs';

let srv;
let browser;
before(async () => {
    [srv, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
]) {
    test(`the mail page as a manager (${label}): nothing is lost without a relay`, async () => {
        const { page, check, close } = await newPage(browser, { viewport });
        await signIn(page, srv.base, MANAGER);
        await open(page, srv.base, '/settings');
        await page.getByRole('link', { name: 'Mail: the outbox and the SMTP relay' }).click();
        await page.getByRole('heading', { level: 1, name: 'Mail' }).waitFor();
        await settle(page);
        await page.getByText('No SMTP relay is configured').waitFor();
        // Failed first: none yet.
        await page.getByText('No mail here.').waitFor();
        await page.getByLabel('Show').selectOption('queued');
        await page.locator('table.list tbody tr').first().waitFor();
        assert.ok((await page.locator('table.list tbody tr').count()) > 0);
        await page.locator('table.list tbody tr').first().getByText('Waiting for the relay').waitFor();
        // A manager sees no relay settings: those are the admin's.
        assert.equal(await page.getByRole('heading', { name: 'SMTP relay' }).count(), 0);
        await screenshot(page, `mail-manager-${label}`);
        const v = await axe(page);
        assert.deepEqual(v, [], formatViolations(v));
        check();
        await close();
    });
}

test('the admin sets the relay (a wrong address is named) and queues a test message', async () => {
    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, 'admin');
    await open(page, srv.base, '/settings/mail');
    await page.getByRole('heading', { name: 'SMTP relay' }).waitFor();
    await page.getByLabel('Relay address').fill('smtp://user:secret@relay.example.org');
    await page.getByLabel('Sender address').fill('haldus@example.org');
    await page.getByRole('button', { name: 'Save the relay settings' }).click();
    await page.locator('.field-error').getByText(/without a user or password/).waitFor();
    await page.getByLabel('Relay address').fill('smtp://127.0.0.1:9');
    await page.getByRole('button', { name: 'Save the relay settings' }).click();
    await page.getByText('Saved. The sender uses the new settings').waitFor();
    await page.getByText('A relay is in use.').waitFor();
    await page.getByLabel('Send to').fill('someone@example.org');
    await page.getByLabel('Attach a sample calendar invitation').check();
    await page.getByRole('button', { name: 'Send a test message' }).click();
    await page.getByText('A test message to someone@example.org is in the outbox.').waitFor();
    await settle(page);
    await screenshot(page, 'mail-admin-desktop');
    const v = await axe(page);
    assert.deepEqual(v, [], formatViolations(v));
    check();
    await close();
});

for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
]) {
    test(`each person chooses their e-mail notifications on the account page (${label})`, async () => {
        const { page, check, close } = await newPage(browser, { viewport });
        await signIn(page, srv.base, KADRI);
        await open(page, srv.base, '/account');
        await page.getByRole('heading', { name: 'E-mail notifications' }).waitFor();
        const box = page.getByLabel('Urgent phone messages');
        await box.waitFor();
        if (!(await box.isChecked())) {
            await box.check();
            await page.getByText('Saved: Urgent phone messages.').waitFor();
        }
        await box.uncheck();
        await page.getByText('Saved: Urgent phone messages.').waitFor();
        await page.reload();
        await page.getByRole('heading', { name: 'E-mail notifications' }).waitFor();
        await settle(page);
        assert.equal(await page.getByLabel('Urgent phone messages').isChecked(), false);
        assert.equal(await page.getByLabel('Invitation to your Haldus account').isChecked(), true);
        await screenshot(page, `mail-notifications-${label}`);
        const v = await axe(page);
        assert.deepEqual(v, [], formatViolations(v));
        check();
        await close();
    });
}
