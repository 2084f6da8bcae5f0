// The leave pieces in the browser (issue 9): the balance a request leaves on the form, in English
// and in Estonian; the stand-in approvers on the manager's leave page; cancelling an approved
// absence asks first and then releases its covers. axe at phone and desktop sizes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESKTOP, MANAGER, PHONE, addDays, axe, formatViolations, launch, newPage, open, screenshot, settle, signIn, startServer } from './lib.mjs';

let srv;
let browser;
before(async () => {
    [srv, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Tallinn' }).format(new Date());

for (const [lang, viewport, texts] of [
    ['en', DESKTOP, { after: 'Balance after it:', standins: 'Stand-in approvers' }],
    ['et', PHONE, { after: 'Jääk pärast seda:', standins: 'Asendavad kinnitajad' }],
]) {
    test(`the request form shows the balance after it (${lang}, ${viewport.width} px)`, async () => {
        const api = await srv.api(MANAGER);
        const people = (await api.get('/assistants?limit=500')).items;
        const p = people[0];
        const first = addDays(today(), 60);
        const last = addDays(today(), 62);
        const { page, check, close } = await newPage(browser, { viewport, lang });
        await signIn(page, srv.base, MANAGER);
        await open(page, srv.base, '/leave');
        // The form's own labels are translated elsewhere (branch i18n): found by their kind here.
        await page.locator('.page-actions button').first().click();
        const form = page.locator('form.card.form');
        await form.locator('select').first().selectOption(String(p.id));
        await form.locator('input[type=date]').nth(0).fill(first);
        await form.locator('input[type=date]').nth(1).fill(last);
        const box = form.getByTestId('leave-balance');
        await box.getByText(texts.after, { exact: false }).waitFor();
        // The figures are the server's.
        const start = new Date(`${first}T00:00:00+02:00`).toISOString().replace('.000', '');
        const b = await api.get(`/leave/balance?person_id=${p.id}&kind=vacation&start_at=${encodeURIComponent(start)}&end_at=${encodeURIComponent(new Date(Date.parse(start) + 3 * 86400e3).toISOString().replace('.000', ''))}`);
        const text = await box.innerText();
        const num = new Intl.NumberFormat(lang === 'et' ? 'et-EE' : 'en-GB').format(b.request.balance_after);
        assert.ok(text.includes(num), `"${text}" lacks the balance after it (${num})`);
        assert.equal(b.request.days, 3);
        // The stand-ins named in the demo are listed.
        await page.getByRole('heading', { name: texts.standins }).waitFor();
        const v = await axe(page);
        assert.deepEqual(v, [], formatViolations(v));
        await screenshot(page, `leave-balance-${lang}-${viewport.width}`);
        check();
        await close();
    });
}

test('cancelling an approved absence asks first, then releases its covers', async () => {
    const api = await srv.api(MANAGER);
    const kadri = (await api.get('/assistants?q=Kadri%20Tamm')).items[0];
    const first = addDays(today(), 90);
    const abs = await api.post('/absences', {
        person_id: kadri.id,
        kind: 'training',
        start_at: new Date(`${first}T00:00:00+02:00`).toISOString().replace('.000', ''),
        end_at: new Date(`${addDays(first, 2)}T00:00:00+02:00`).toISOString().replace('.000', ''),
        note: 'Course in Tartu',
    });
    const ap = await api.post(`/absences/${abs.id}/approve`, {});
    assert.equal(ap.status, 'approved');
    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, MANAGER);
    await open(page, srv.base, '/leave?status=approved');
    const card = page.locator(`li[data-absence-id="${abs.id}"]`);
    await card.waitFor();
    // Said no to: nothing happens.
    page.once('dialog', (d) => d.dismiss());
    await card.getByRole('button', { name: 'Cancel this absence' }).click();
    await settle(page);
    assert.equal((await api.get(`/absences/${abs.id}`)).status, 'approved');
    // Said yes to: cancelled.
    let asked = '';
    page.once('dialog', (d) => {
        asked = d.message();
        d.accept();
    });
    await card.getByRole('button', { name: 'Cancel this absence' }).click();
    // The approved list drops the card once it is cancelled.
    await card.waitFor({ state: 'detached' });
    assert.match(asked, /covers are released/);
    assert.equal((await api.get(`/absences/${abs.id}`)).status, 'cancelled');
    check();
    await close();
});
