// The coverage board: filters, more weeks, picking another assistant for a cover (the ranked
// picker; who cannot take it is listed apart with why), re-planning a range and accepting it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MANAGER, addDays, launch, localDate, newPage, open, requestedAbsence, screenshot, settle, signIn, startServer } from './lib.mjs';

let srv;
let browser;
let ctx;
before(async () => {
    [srv, browser] = await Promise.all([startServer(), launch()]);
    const api = await srv.api(MANAGER);
    const kadri = (await api.get('/assistants?q=Kadri%20Tamm')).items[0];
    const absence = await requestedAbsence(api, kadri.id);
    const approved = await api.post(`/absences/${absence.id}/approve`, {});
    const covers = approved.coverage_plan.covers;
    assert.ok(covers.length >= 2, 'the approval proposes covers');
    ctx = { api, kadri, absence, covers, monday: localDate(absence.start_at) };
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

test('pick another assistant for a proposed cover', async () => {
    const { api, kadri, covers } = ctx;
    // An assistant who may take the principal's cover: found through the API on the second
    // cover (the same rules hold on every day of the week).
    const [first, second] = covers;
    const candidates = (await api.get('/assistants?limit=500')).items.filter((a) => a.id !== first.assistant_id && a.id !== kadri.id);
    let valid = null;
    let version = second.version;
    for (const a of candidates) {
        const r = await api.req('PATCH', `/coverage/covers/${second.id}`, { assistant_id: a.id }, version);
        if (r.status === 200) {
            valid = a;
            break;
        }
        assert.equal(r.status, 422, r.text);
    }
    assert.ok(valid, 'someone can cover');

    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, MANAGER);
    await open(page, srv.base, `/board?from=${ctx.monday}&weeks=1`);
    const date = localDate(first.start_at);
    await page.locator(`tr[data-pid="${first.principal_id}"] td[data-date="${date}"] button`).click();
    const dialog = page.getByRole('dialog');
    const item = dialog.locator('li.cover', { hasText: first.assistant_name });
    await item.getByText('Why:', { exact: false }).waitFor();

    // The picker ranks who can take it by the planner's cost; Kadri herself (away that week) is
    // listed apart, with why, in the executive's time.
    await item.getByRole('button', { name: 'Pick another assistant' }).click();
    const picker = item.getByRole('group', { name: 'Assistant to cover instead' });
    await picker.getByRole('radio').first().waitFor();
    await picker.locator('summary').click();
    await picker.locator('.picker-unavailable li', { hasText: kadri.name }).getByText('is away at', { exact: false }).waitFor();
    await screenshot(page, 'board-cover-picker-1280');
    const topName = await picker.locator('.picker-list li strong').first().innerText();
    const top = (await api.get(`/coverage/covers/${first.id}/candidates`)).candidates.find((c) => !c.current);
    assert.equal(topName, top.name, 'the first offered is the cheapest for the plan');
    await picker.getByRole('radio').first().check();
    await item.getByRole('button', { name: 'Use this assistant' }).click();
    await dialog.locator('li.cover', { hasText: top.name }).getByText('chosen by hand', { exact: false }).waitFor();
    const board = await api.get(`/coverage?from=${date}&to=${date}`);
    const now = board.covers.find((c) => c.id === first.id);
    assert.equal(now.assistant_id, top.assistant_id);
    await page.keyboard.press('Escape');
    check();
    await close();
});

test('filters, more weeks, re-plan and accept', async () => {
    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, MANAGER);
    await open(page, srv.base, '/board');
    const all = await page.locator('table.board tbody tr').count();
    assert.ok(all >= 20, `rows: ${all}`);
    assert.equal(await page.locator('table.board thead th.day').count(), 28);

    // Office filter: only London's executives.
    await page.getByLabel('Office').selectOption('London');
    await page.waitForFunction((n) => document.querySelectorAll('table.board tbody tr').length < n && !document.querySelector('.loading'), all);
    const london = await page.locator('table.board tbody th.pname .meta').allInnerTexts();
    assert.ok(london.length > 0 && london.every((t) => t.startsWith('London')), london.join(', '));
    assert.match(page.url(), /office=London/);
    await page.getByLabel('Office').selectOption('');
    await page.waitForFunction((n) => document.querySelectorAll('table.board tbody tr').length === n, all);

    // Four more weeks.
    await page.getByRole('button', { name: 'Show 4 more weeks' }).click();
    await page.waitForFunction(() => document.querySelectorAll('table.board thead th.day').length === 56);

    // Re-plan the range: the plan lists its covers and open gaps with reasons; accept it.
    await page.getByRole('button', { name: /^Re-plan / }).click();
    const dialog = page.getByRole('dialog', { name: 'New coverage plan' });
    await dialog.waitFor();
    const text = await dialog.innerText();
    assert.match(text, /Plan #\d+ for .*: \d+ covers? proposed, \d+ gaps? left open/);
    await screenshot(page, 'board-replan-1280');
    const accept = dialog.getByRole('button', { name: /^Accept all \d+ covers$/ });
    if (await accept.count()) {
        await accept.click();
        await page.getByText(/^Accepted the covers of plan #\d+\.$/).waitFor();
        await settle(page);
        assert.ok((await page.locator('td[data-state="backup"]').count()) > 0, 'accepted covers show as backup');
    } else {
        await dialog.getByRole('button', { name: /^Close/ }).click();
    }
    check();
    await close();
});

test('the board works from the keyboard', async () => {
    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, MANAGER);
    await open(page, srv.base, `/board?from=${ctx.monday}&weeks=1`);
    await page.reload();
    await page.locator('table.board').waitFor();
    // The first Tab reaches the skip link, which moves on to the content.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    // A cell that needs attention is a button: Enter opens it, Escape closes it and the focus
    // goes back to the cell.
    const cell = page.locator('td[data-state="proposed"] button, td[data-state="gap"] button, td[data-state="backup"] button').first();
    await cell.focus();
    const label = await cell.getAttribute('aria-label');
    assert.ok(label && label.length > 10, `the cell has a spoken name: ${label}`);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), 'focus moves into the dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), label);
    check();
    await close();
});
