// The rest of the desk in the browser: a meeting to arrange on Kadri's day opens find-a-time for
// it and booking closes it; one recorded and dropped on the meetings page; a recurring task done
// for today only; an outside calendar subscribed by URL on the account page, refreshed, with its
// last error shown. axe at desktop and phone sizes.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { DESKTOP, KADRI, MANAGER, PHONE, addDays, axe, formatViolations, launch, localDate, newPage, open, screenshot, settle, signIn, startServer } from './lib.mjs';

// The calendar server below is on this machine: let the server read it (docs/security.md).
process.env.HALDUS_CALENDAR_ALLOW_PRIVATE = '1';

let srv;
let browser;
const cal = { status: 0, hits: 0 };
const calServer = http.createServer((req, res) => {
    cal.hits++;
    if (cal.status) {
        res.writeHead(cal.status);
        return res.end();
    }
    res.writeHead(200, { 'Content-Type': 'text/calendar' });
    res.end(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//e2e//EN', 'BEGIN:VEVENT', 'UID:e2e@outside', 'DTSTAMP:20270101T000000Z',
        'DTSTART:20270301T080000Z', 'DTEND:20270301T090000Z', 'RRULE:FREQ=WEEKLY;COUNT=3', 'SUMMARY:Outside', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n'));
});

before(async () => {
    await new Promise((r) => calServer.listen(0, '127.0.0.1', r));
    [srv, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
    await new Promise((r) => calServer.close(r));
});

async function noAxe(page, what) {
    for (const size of [DESKTOP, PHONE]) {
        await page.setViewportSize(size);
        await settle(page);
        const v = await axe(page);
        assert.deepEqual(v, [], `${what} at ${size.width}px:\n${formatViolations(v)}`);
    }
    await page.setViewportSize(DESKTOP);
}

test("a meeting to arrange: on Kadri's day, arranged with find-a-time, closed by the booking", async () => {
    const api = await srv.api(MANAGER);
    const kadri = (await api.get('/assistants?q=Kadri%20Tamm')).items[0];
    const exec = (await api.get(`/assistants/${kadri.id}/principals`)).principals[0];
    const req = await api.post('/meetings-to-arrange', { principal_id: exec.principal_id, with_whom: 'Estonian Chamber of Commerce', subject: 'Export council seat', duration_minutes: 30 });
    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, KADRI);
    await open(page, srv.base, '/my-day');
    await page.getByRole('heading', { name: /^\d+ meetings? to arrange$/ }).waitFor();
    const item = page.locator(`li[data-request="${req.id}"]`);
    await item.getByText('Export council seat').waitFor();
    await noAxe(page, 'my day with meetings to arrange');
    await screenshot(page, 'arrange-my-day');
    await item.getByRole('link', { name: 'Arrange Export council seat' }).click();

    // The meetings page, for that executive, with the booking filled in from it.
    await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
    await page.getByText('Arranging: Export council seat, with Estonian Chamber of Commerce.', { exact: false }).waitFor();
    assert.equal(await page.getByLabel('Executive').inputValue(), String(exec.principal_id));
    assert.equal(await page.getByLabel('Title').inputValue(), 'Export council seat');
    assert.equal(await page.getByLabel('Length (minutes)').inputValue(), '30');
    await page.getByRole('button', { name: 'Find a time', exact: true }).click();
    await page.getByRole('heading', { name: 'Suggested times' }).waitFor();
    await noAxe(page, 'meetings with one to arrange');
    await screenshot(page, 'arrange-find-a-time');
    await page.getByRole('button', { name: /^Book for / }).click();
    await page.getByRole('status').getByText(/Booked: Export council seat\./).waitFor();
    await page.locator(`li[data-request="${req.id}"]`).waitFor({ state: 'detached' });
    const closed = await api.get(`/meetings-to-arrange/${req.id}`);
    assert.equal(closed.status, 'booked');
    assert.ok(closed.meeting_id > 0);

    // Recorded on the meetings page, then dropped.
    await page.getByText('Record a meeting to arrange').click();
    await page.getByLabel('With whom').fill('Tallinn Port');
    await page.getByLabel('About what').fill('Ferry timetable');
    await page.getByLabel('How long (minutes)').fill('45');
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    const rec = page.locator('ul.to-arrange li', { hasText: 'Ferry timetable' });
    await rec.waitFor();
    const mine = (await api.get(`/meetings-to-arrange?principal_id=${exec.principal_id}&status=open&limit=100`)).items.find((r) => r.subject === 'Ferry timetable');
    assert.equal(mine.duration_minutes, 45);
    assert.equal(mine.requested_by, KADRI);
    await rec.getByRole('button', { name: 'Drop Ferry timetable' }).click();
    await rec.waitFor({ state: 'detached' });
    assert.equal((await api.get(`/meetings-to-arrange/${mine.id}`)).status, 'dropped');
    check();
    await close();
});

test('a recurring task is done for today only', async () => {
    const api = await srv.api(MANAGER);
    const kadri = (await api.get('/assistants?q=Kadri%20Tamm')).items[0];
    // Every day at noon UTC from yesterday on: today's occurrence is on her day.
    const y = new Date(Date.now() - 86400e3).toISOString().slice(0, 10);
    const task = await api.post('/tasks', { assistant_id: kadri.id, title: 'Empty the post box', estimate_minutes: 15, due_at: `${y}T10:00:00Z`, rrule: 'FREQ=DAILY' });
    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, KADRI);
    await open(page, srv.base, '/my-day');
    const row = page.locator('li.card-row', { hasText: 'Empty the post box' });
    await row.getByText('open', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Done' }).click();
    await row.getByText('done', { exact: true }).waitFor();
    assert.equal((await api.get(`/tasks/${task.id}`)).status, 'open', 'the series stays open');
    // Her tomorrow: My day is her local day (Europe/Tallinn), a day ahead of UTC's from 22:00 UTC.
    const tomorrow = addDays(localDate(new Date().toISOString(), kadri.time_zone), 1);
    const next = (await api.get(`/my-day?assistant_id=${kadri.id}&date=${tomorrow}`)).tasks.find((x) => x.id === task.id);
    assert.equal(next.status, 'open', "tomorrow's occurrence is still to do");
    check();
    await close();
});

test('an outside calendar subscribed by URL: read, refreshed, its error shown', async () => {
    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, KADRI);
    await open(page, srv.base, '/account');
    await page.getByRole('heading', { name: 'Outside calendars' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Church choir');
    await page.getByLabel('Calendar address (https://…)').fill(`http://127.0.0.1:${calServer.address().port}/choir.ics`);
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const row = page.locator('ul.outside-calendars li', { hasText: 'Church choir' });
    await row.getByText('3 busy times').waitFor();
    await row.getByText(/^Last read /).waitFor();
    // The server fails: refreshing keeps the busy times and says why.
    cal.status = 503;
    await row.getByRole('button', { name: 'Refresh now: Church choir' }).click();
    await row.getByText(/Reading failed .*HTTP 503/).waitFor();
    await row.getByText('3 busy times').waitFor();
    await noAxe(page, 'account with an outside calendar');
    await screenshot(page, 'account-outside-calendar');
    // A bad address is refused at its field.
    await page.getByLabel('Name', { exact: true }).fill('Bad');
    await page.getByLabel('Calendar address (https://…)').fill('ftp://example.org/x.ics');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.locator('.field.has-error').getByText(/http:\/\/ or https:\/\//).waitFor();
    check();
    await close();
});
