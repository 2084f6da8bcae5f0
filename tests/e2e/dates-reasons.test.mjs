// Estonian on the board (issue 9): the planner's reasons are read in Estonian (the server
// renders them in the account's language), and dates are typed and shown as Estonian writes
// them (pp.kk.aaaa), not as Chromium's date input would (mm/dd/yyyy) — with the calendar
// behind a button, ↑/↓ moving a day, a wrong date explained. axe finds nothing serious.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MANAGER, PHONE, axe, formatViolations, launch, localDate, newPage, open, requestedAbsence, screenshot, settle, signIn, startServer } from './lib.mjs';

const ASSISTANT = 'jaan.luik@demo.haldus.example';
let srv;
let browser;
before(async () => {
    [srv, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

const etDay = (iso) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const plusDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

async function noSerious(page, what) {
    const v = await axe(page);
    assert.equal(v.length, 0, `${what}:\n${formatViolations(v)}`);
}

test('Estonian: the board date typed as pp.kk.aaaa, and the cover says why in Estonian', async () => {
    const api = await srv.api(MANAGER);
    const kadri = (await api.get('/assistants?q=Kadri%20Tamm')).items[0];
    const absence = await requestedAbsence(api, kadri.id);
    const approved = await api.post(`/absences/${absence.id}/approve`, {});
    const cover = approved.coverage_plan.covers[0];
    assert.ok(cover, 'the approval proposes covers');
    const monday = localDate(absence.start_at);

    const { page, check, close } = await newPage(browser, { lang: 'et' });
    await signIn(page, srv.base, MANAGER);
    await open(page, srv.base, '/board?weeks=1');
    const from = page.getByRole('textbox', { name: 'Alates', exact: true });
    // Today, as Estonian writes it.
    assert.equal(await from.inputValue(), etDay(localDate(new Date().toISOString())));
    assert.equal(await from.getAttribute('placeholder'), 'pp.kk.aaaa');
    await page.getByRole('button', { name: 'Ava kalender' }).waitFor();

    // Typing the Monday of Kadri's week moves the board there.
    await from.fill(etDay(monday));
    await page.waitForFunction((d) => location.hash.includes(`from=${d}`), monday);
    await settle(page);
    // ↑ moves a day on, ↓ back.
    await from.press('ArrowUp');
    await page.waitForFunction((d) => location.hash.includes(`from=${d}`), plusDays(monday, 1));
    assert.equal(await from.inputValue(), etDay(plusDays(monday, 1)));
    await from.press('ArrowDown');
    await page.waitForFunction((d) => location.hash.includes(`from=${d}`), monday);
    await settle(page);

    // The cover's reason in Estonian, from the server's catalog.
    const date = localDate(cover.start_at);
    await page.locator(`tr[data-pid="${cover.principal_id}"] td[data-date="${date}"] button`).click();
    const dialog = page.getByRole('dialog');
    const why = dialog.locator('li.cover p.reason').first();
    await why.waitFor();
    const text = await why.innerText();
    assert.match(text, /^Miks: (määratud asendaja nr \d+|pole määratud asendaja), (sama|teine) kontor, (sama|teine) ajavöönd/, text);
    assert.doesNotMatch(text, /designated|office|time zone|backup/, text);
    await noSerious(page, 'board dialog, et');
    await screenshot(page, 'et-board-reason-1280');
    await page.keyboard.press('Escape');

    // Not a date: kept, marked and explained in Estonian once the box is left; the board stays.
    await from.fill('31.02.2027');
    await from.press('Tab');
    await page.getByText('See pole kuupäev: kirjuta kujul pp.kk.aaaa').waitFor();
    assert.equal(await from.getAttribute('aria-invalid'), 'true');
    assert.ok((await page.evaluate(() => location.hash)).includes(`from=${monday}`));
    await noSerious(page, 'board with a wrong date, et');
    await page.setViewportSize(PHONE);
    await noSerious(page, 'board with a wrong date, et, phone');
    await screenshot(page, 'et-board-date-390');
    check();
    await close();
});

test('Estonian: a leave request entered with Estonian dates', async () => {
    const api = await srv.api(MANAGER);
    const jaan = (await api.get('/assistants?q=Jaan%20Luik')).items[0];
    // A Tuesday far ahead that nothing else uses.
    let day = plusDays(localDate(new Date().toISOString()), 300);
    while (new Date(`${day}T12:00:00Z`).getUTCDay() !== 2) day = plusDays(day, 1);
    const { page, check, close } = await newPage(browser, { lang: 'et' });
    await signIn(page, srv.base, ASSISTANT);
    await page.getByRole('navigation', { name: 'Peamenüü' }).getByRole('link', { name: 'Puhkused' }).click();
    await settle(page);
    await page.getByRole('button', { name: 'Taotle puhkust' }).click();
    const form = page.getByRole('form', { name: 'Taotle puhkust' });
    await form.getByRole('textbox', { name: 'Esimene puudumise päev' }).fill(etDay(day));
    await form.getByRole('textbox', { name: 'Viimane puudumise päev' }).fill(etDay(plusDays(day, 1)));
    await form.getByRole('textbox', { name: 'Märkus (soovi korral)' }).fill('Kuupäevad eesti keeles');
    await noSerious(page, 'leave request with dates, et');
    await form.getByRole('button', { name: 'Saada taotlus' }).click();
    await page.locator('li.absence', { hasText: 'Kuupäevad eesti keeles' }).waitFor();
    const created = (await api.get(`/absences?person_id=${jaan.id}&status=requested`)).items.find((x) => x.note === 'Kuupäevad eesti keeles');
    assert.ok(created, 'the request is stored');
    assert.equal(localDate(created.start_at), day, JSON.stringify(created));
    assert.equal(localDate(created.end_at), plusDays(day, 2), 'the last day is whole: it ends at the next midnight');
    check();
    await close();
});
