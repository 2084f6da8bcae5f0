// Meetings in the browser: an assistant books a meeting for her executive with find-a-time —
// the slots and the picture of everyone's free time — and it is listed; calendar feeds on the
// account page (the address shown once, then revoked). axe at desktop and phone sizes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESKTOP, KADRI, PHONE, axe, formatViolations, launch, newPage, open, screenshot, settle, signIn, startServer } from './lib.mjs';

let srv;
let browser;
before(async () => {
    [srv, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

test('book a meeting with find-a-time', async () => {
    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, KADRI);
    await open(page, srv.base, '/meetings');
    await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
    await page.getByRole('heading', { name: 'Coming meetings' }).waitFor();
    // Kadri supports two executives: book for the first, with the second attending.
    const execs = page.getByLabel('Executive');
    const options = await execs.locator('option').allTextContents();
    assert.equal(options.length, 2, `Kadri's executives: ${options}`);
    await page.getByLabel('Title').fill('Browser-booked review');
    await page.getByLabel('Length (minutes)').fill('45');
    await page.getByLabel('Add an attendee from Haldus').selectOption({ label: options[1] });
    await page.getByRole('button', { name: `Remove ${options[1]}` }).waitFor();
    await page.getByRole('button', { name: 'Find a time' }).click();
    await page.getByRole('heading', { name: 'Suggested times' }).waitFor();
    const slots = page.locator('.slots input[type=radio]');
    assert.ok((await slots.count()) > 0, 'find-a-time offers slots');
    // The picture: a row per person (the executive and the attendee), a bar per day.
    const rows = page.locator('table.free-picture tbody tr');
    assert.equal(await rows.count(), 2);
    assert.ok((await page.locator('table.free-picture .free').count()) > 0, 'free time is drawn');
    assert.equal(await page.locator('table.free-picture .chosen').count(), 2, 'the chosen slot is outlined in each row');
    for (const size of [DESKTOP, PHONE]) {
        await page.setViewportSize(size);
        const v = await axe(page);
        assert.deepEqual(v, [], `axe at ${size.width}px:\n${formatViolations(v)}`);
    }
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'meetings-find-a-time');
    // Take the second suggestion and book it.
    await slots.nth(Math.min(1, (await slots.count()) - 1)).check();
    await page.getByRole('button', { name: /^Book for / }).click();
    await page.getByRole('status').getByText(/Booked: Browser-booked review\. Invitations are queued for 2 people\./).waitFor();
    await settle(page);
    await page.locator('table.list tbody tr', { hasText: 'Browser-booked review' }).waitFor();
    check();
    await close();
});

test('calendar feeds on the account page: shown once, revoked', async () => {
    const { page, check, close } = await newPage(browser, { viewport: PHONE });
    await signIn(page, srv.base, KADRI);
    await open(page, srv.base, '/account');
    await page.getByRole('heading', { name: 'Calendar feeds' }).waitFor();
    await page.getByRole('button', { name: 'New busy-only feed' }).click();
    const url = await page.getByLabel("Your new feed's address (shown once)").inputValue();
    assert.match(url, /\/api\/v1\/calendar\.ics\?token=hlf_/);
    const feed = await fetch(url);
    assert.equal(feed.status, 200);
    assert.match(await feed.text(), /^BEGIN:VCALENDAR/);
    await page.getByText(/busy only · Created/).waitFor();
    const v = await axe(page);
    assert.deepEqual(v, [], formatViolations(v));
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('No calendar feeds.').waitFor();
    assert.equal((await fetch(url)).status, 404);
    check();
    await close();
});
