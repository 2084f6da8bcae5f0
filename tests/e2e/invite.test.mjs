// Account invitations in the browser: the admin invites a person on the accounts page (the
// link is shown once), the invited person opens the public welcome page (no script; axe-clean
// at phone and desktop sizes), chooses a password, lands on the sign-in page and signs in;
// the accounts page shows the pending invitation until then.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESKTOP, PHONE, axe, formatViolations, launch, newPage, open, screenshot, settle, signIn, startServer } from './lib.mjs';

let srv;
let browser;
before(async () => {
    [srv, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

test('an admin invites; the person sets a password on the welcome page and signs in', async () => {
    const admin = await newPage(browser);
    await signIn(admin.page, srv.base, 'admin');
    await open(admin.page, srv.base, '/settings');
    await admin.page.getByRole('button', { name: 'Invite', exact: true }).click();
    const form = admin.page.getByRole('form', { name: 'Invite a person' });
    const login = `invited.${Date.now()}@example.org`;
    await form.getByLabel('Login', { exact: true }).fill(login);
    await form.getByLabel('Role', { exact: true }).selectOption('manager');
    await form.getByLabel('E-mail', { exact: true }).fill(login);
    await form.getByLabel('Language of the e-mail').selectOption('en');
    await form.getByRole('button', { name: 'Send invitation' }).click();
    const status = admin.page.getByRole('status').filter({ hasText: 'The invitation is on its way' });
    await status.waitFor();
    const link = (await status.locator('code').textContent()).trim();
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/welcome\?token=[A-Za-z0-9_-]{43}&lang=en$/);
    assert.deepEqual(await axe(admin.page), [], 'the accounts page with the sent invitation');
    await admin.page.getByRole('button', { name: 'Done' }).click();
    await settle(admin.page);
    const row = admin.page.locator('table.list tbody tr').filter({ hasText: login });
    await row.getByText('Invited (pending until').waitFor();
    await row.getByRole('button', { name: `Resend the invitation of ${login}` }).waitFor();
    const problems = await axe(admin.page);
    assert.deepEqual(problems, [], formatViolations(problems));
    admin.check();

    // The welcome page at phone and desktop sizes: no script, no serious axe findings.
    for (const [name, viewport] of [
        ['phone', PHONE],
        ['desktop', DESKTOP],
    ]) {
        const p = await newPage(browser, { viewport });
        await p.page.goto(link);
        await p.page.getByRole('heading', { level: 1, name: 'Welcome to Haldus' }).waitFor();
        assert.equal(await p.page.locator('script').count(), 0);
        assert.equal(await p.page.getByLabel('Your login').inputValue(), login);
        const vs = await axe(p.page);
        assert.deepEqual(vs, [], `${name}: ${formatViolations(vs)}`);
        await screenshot(p.page, `invite-welcome-${name}`);
        p.check();
        await p.close();
    }

    const person = await newPage(browser, { viewport: PHONE });
    await person.page.goto(link);
    await person.page.getByLabel('New password', { exact: true }).fill('my-own-password-2026');
    await person.page.getByLabel('New password again').fill('my-other-password-2026');
    await person.page.getByRole('button', { name: 'Save password' }).click();
    await person.page.getByRole('alert').getByText('The two passwords are not the same.').waitFor();
    assert.deepEqual(await axe(person.page), [], 'the form with its problem');
    await person.page.getByLabel('New password', { exact: true }).fill('my-own-password-2026');
    await person.page.getByLabel('New password again').fill('my-own-password-2026');
    await person.page.getByRole('button', { name: 'Save password' }).click();
    // On to the app's sign-in page; the new password works there.
    await person.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await signIn(person.page, srv.base, login, 'my-own-password-2026');
    assert.ok(await person.page.locator('#page-title').isVisible());
    person.check();
    await person.close();

    // The link is dead now; the accounts page no longer shows the account as invited.
    const again = await fetch(link);
    assert.equal(again.status, 410);
    await admin.page.reload();
    await settle(admin.page);
    await admin.page.locator('table.list tbody tr').filter({ hasText: login }).waitFor();
    assert.equal(await admin.page.locator('table.list tbody tr').filter({ hasText: login }).getByText('Invited (pending').count(), 0);
    await admin.close();
});
