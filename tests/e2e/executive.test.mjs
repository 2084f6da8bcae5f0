// An executive signs in, sees who supports them and who covers while their assistant is away,
// and cannot reach the manager's pages: no link to them, and typing their address shows
// "not available for your role".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MANAGER, PHONE, launch, newPage, open, requestedAbsence, screenshot, settle, signIn, startServer } from './lib.mjs';

let srv;
let browser;
before(async () => {
    [srv, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

const MANAGER_PAGES = ['/today', '/board', '/people', '/people/new/assistant', '/settings'];
const MANAGER_LINKS = ['Today', 'Coverage board', 'People', 'Settings'];

test('an executive sees their supporters and covers, and no manager page', async () => {
    // Kadri's week off is approved and its covers accepted (by the manager, through the API).
    const api = await srv.api(MANAGER);
    const kadri = (await api.get('/assistants?q=Kadri%20Tamm')).items[0];
    const execs = (await api.get(`/assistants/${kadri.id}/principals`)).principals;
    const absence = await requestedAbsence(api, kadri.id);
    const approved = await api.post(`/absences/${absence.id}/approve`, { note: 'Enjoy' });
    assert.ok(approved.coverage_plan, 'approval answers with the coverage plan');
    await api.post(`/coverage/plans/${approved.coverage_plan.id}/accept`, {});
    // The executive whose cover comes from the planner (not from their other assistant).
    const covered = execs.find((e) => approved.coverage_plan.covers.some((c) => c.principal_id === e.principal_id));
    assert.ok(covered, `one of Kadri's executives gets a backup: ${JSON.stringify(approved.coverage_plan.covers)}`);
    const backupName = approved.coverage_plan.covers.find((c) => c.principal_id === covered.principal_id).assistant_name;

    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, covered.email);
    await page.getByRole('heading', { level: 1, name: 'My support' }).waitFor();
    await settle(page);

    // Who supports them.
    const who = page.locator('section.card', { has: page.getByRole('heading', { name: 'Who supports you' }) });
    await who.getByRole('link', { name: 'Kadri Tamm' }).waitFor();
    assert.match(await who.innerText(), /Designated backups/);

    // Who covers while Kadri is away.
    const away = page.locator('section.card', { has: page.getByRole('heading', { name: 'When your assistants are away' }) });
    const row = away.locator('li.card-row', { hasText: 'Kadri Tamm' });
    await row.waitFor();
    assert.match(await row.innerText(), /approved/);
    await row.getByText(`Covered by ${backupName}`, { exact: false }).first().waitFor();
    assert.ok((await row.getByText('Covered by', { exact: false }).count()) >= 5, 'a cover for every day of the week');

    // Their own coverage board row.
    await page.locator(`table.board tr[data-pid="${covered.principal_id}"]`).waitFor();
    assert.equal(await page.locator('table.board tbody tr').count(), 1, 'only their own row');
    await screenshot(page, 'executive-support-1280');

    // No link to a manager page anywhere on their pages.
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of MANAGER_LINKS) assert.equal(await nav.getByRole('link', { name }).count(), 0, `no "${name}" link`);
    const hrefs = await page.locator('a[href^="#/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const h of hrefs) assert.ok(!MANAGER_PAGES.some((m) => h === `#${m}` || h.startsWith(`#${m}?`)), `link to a manager page: ${h}`);

    // Typing the address of a manager page.
    for (const route of MANAGER_PAGES) {
        await open(page, srv.base, route);
        await page.getByRole('heading', { level: 1, name: 'Not available for your role' }).waitFor();
        assert.equal(await page.locator('table.board').count(), 0);
        assert.match(await page.locator('main').innerText(), /executive/);
    }
    await screenshot(page, 'executive-not-available-1280');
    // The way back works.
    await page.getByRole('link', { name: 'Go to your start page' }).click();
    await page.getByRole('heading', { level: 1, name: 'My support' }).waitFor();

    // Their own leave page works.
    await open(page, srv.base, '/leave');
    await page.getByRole('heading', { level: 1, name: 'Your leave' }).waitFor();

    // On a phone the menu is behind a button, with the same items.
    const phone = await newPage(browser, { viewport: PHONE });
    await signIn(phone.page, srv.base, covered.email);
    await phone.page.getByRole('button', { name: 'Menu' }).click();
    const pnav = phone.page.getByRole('navigation', { name: 'Main' });
    await pnav.getByRole('link', { name: 'My support' }).waitFor();
    for (const name of MANAGER_LINKS) assert.equal(await pnav.getByRole('link', { name }).count(), 0);
    check();
    phone.check();
    await phone.close();
    await close();
});
