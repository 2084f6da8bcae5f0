// The main flows in Estonian (issue 9): the signed-out page follows the browser and its choice
// is remembered; the manager's today, board, leave review and person page speak Estonian, with
// Estonian dates ("esmaspäev", "14. dets"); the language chosen on the account page is stored on
// the account. axe finds nothing serious, at desktop and phone sizes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESKTOP, MANAGER, PHONE, axe, formatViolations, launch, localDate, newPage, open, requestedAbsence, screenshot, settle, signIn, startServer } from './lib.mjs';

let srv;
let browser;
before(async () => {
    [srv, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

const et = (opts, date) => new Intl.DateTimeFormat('et-EE', { timeZone: 'UTC', ...opts }).format(new Date(`${date}T00:00:00Z`));

async function noSerious(page, what) {
    const v = await axe(page);
    assert.equal(v.length, 0, `${what}:\n${formatViolations(v)}`);
}

test('signed out: Estonian from the browser, English when chosen, remembered', async () => {
    const { page, check, close } = await newPage(browser, { lang: 'et' });
    await page.goto(`${srv.base}/`);
    await page.getByRole('heading', { level: 1, name: 'Logi sisse' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'et');
    await noSerious(page, 'sign-in, et');
    await page.getByLabel('Keel').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Language').selectOption('et');
    await page.getByRole('heading', { level: 1, name: 'Logi sisse' }).waitFor();
    // A wrong password, in Estonian.
    await page.getByLabel('Kasutajanimi (sinu e-posti aadress)').fill(MANAGER);
    await page.getByLabel('Parool').fill('not the password');
    await page.getByRole('button', { name: 'Logi sisse' }).click();
    await page.getByText('Vale kasutajanimi või parool.').waitFor();
    check();
    await close();
});

for (const [size, viewport] of [
    ['1280', DESKTOP],
    ['390', PHONE],
]) {
    test(`the manager's pages in Estonian at ${size} px`, async () => {
        const api = await srv.api(MANAGER);
        const { page, check, close } = await newPage(browser, { lang: 'et', viewport });
        await signIn(page, srv.base, MANAGER);

        // Today: the long Estonian date in the title.
        await open(page, srv.base, '/today');
        const today = localDate(new Date().toISOString());
        const title = await page.locator('#page-title').innerText();
        assert.equal(title, `Täna, ${et({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, today)}`);
        assert.match(title, /(esmaspäev|teisipäev|kolmapäev|neljapäev|reede|laupäev|pühapäev), \d+\. \p{L}+ \d{4}$/u);
        await page.getByRole('heading', { name: 'Täna eemal' }).waitFor();
        await noSerious(page, `today ${size}`);
        await screenshot(page, `et-today-${size}`);

        // The board: Estonian headings, months and weekday letters.
        await open(page, srv.base, '/board');
        await page.getByRole('heading', { level: 1, name: 'Asendusplaan' }).waitFor();
        const summary = await page.locator('p.summary').innerText();
        assert.match(summary, /^\d+ juhti?, .*: lüngaga \d+ päev/u, summary);
        // (The stylesheet writes the month in capitals.)
        const head = (await page.locator('table.board thead').innerText()).toLowerCase();
        assert.ok(head.includes(et({ month: 'short' }, today)), `the month in Estonian in the board's head: ${head}`);
        assert.ok(await page.locator('.legend').getByText('asendaja katab').count(), 'the legend in Estonian');
        await noSerious(page, `board ${size}`);
        await screenshot(page, `et-board-${size}`);

        // Leave review: the request's dates as Estonian writes them, the impact in Estonian.
        const kadri = (await api.get('/assistants?q=Kadri%20Tamm')).items[0];
        const absence = await requestedAbsence(api, kadri.id);
        await open(page, srv.base, '/leave');
        const card = page.locator(`li[data-absence-id="${absence.id}"]`);
        const first = localDate(absence.start_at);
        const when = await card.locator('.when').innerText();
        assert.ok(when.includes(et({ weekday: 'short', day: 'numeric', month: 'short' }, first)), `"${when}" has the first day in Estonian`);
        await card.locator('.badge', { hasText: 'ootel' }).waitFor();
        await card.getByRole('button', { name: 'Vaata taotlus üle' }).click();
        await card.getByRole('heading', { name: 'Mõju asendustele' }).waitFor();
        await card.locator('ul.impact').waitFor();
        await settle(page);
        assert.match(await card.locator('ul.impact').innerText(), /jääb .*ilma toeta|jääb toetatuks/);
        await noSerious(page, `leave review ${size}`);
        await screenshot(page, `et-leave-review-${size}`);

        // The person page: weekdays in full, plurals, the profile's words.
        await open(page, srv.base, `/people/assistant/${kadri.id}`);
        await page.getByRole('heading', { name: 'Tööaeg', exact: true }).waitFor();
        await page.getByRole('rowheader', { name: 'esmaspäev' }).waitFor();
        const facts = await page.locator('dl.facts').innerText();
        assert.match(facts, /Kogemus\s+\d+ aastat?/u);
        assert.match(facts, /\d+ juhti? korraga/u);
        await noSerious(page, `person ${size}`);
        await screenshot(page, `et-person-${size}`);
        check();
        await close();
    });
}

test('the language chosen on the account page is stored on the account', async () => {
    const { page, check, close } = await newPage(browser, { lang: 'et' });
    await signIn(page, srv.base, MANAGER);
    await open(page, srv.base, '/account');
    await page.getByRole('heading', { level: 1, name: 'Sinu konto' }).waitFor();
    await page.getByLabel('Keel').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    const api = await srv.api(MANAGER);
    assert.equal((await api.get('/me')).account.lang, 'en');
    // A new browser in Estonian still gets English: the account's choice wins.
    const other = await newPage(browser, { lang: 'et' });
    await other.page.goto(`${srv.base}/`);
    await other.page.getByLabel('Kasutajanimi (sinu e-posti aadress)').fill(MANAGER);
    await other.page.getByLabel('Parool').fill('haldus-demo-2026');
    await other.page.getByRole('button', { name: 'Logi sisse' }).click();
    await other.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Coverage board' }).waitFor();
    await other.close();
    check();
    await close();
});
