// recruit-screening.test.mjs: the recruiting extras in a real Chromium (issue 12). On a
// requisition's board the manager adds a candidate by hand, finds them with the screening
// filters (a language, the must-haves met) as the API ranks them, edits a published posting
// (the careers page shows the change) and changes how long rejected candidates are kept (in
// months; the API keeps days, with If-Match). The pages pass axe at desktop and phone sizes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MANAGER, PHONE, axe, formatViolations, launch, newPage, open, screenshot, settle, signIn, startServer } from './lib.mjs';

let srv;
let browser;
let api;
let req;
before(async () => {
    [srv, browser] = await Promise.all([startServer(), launch()]);
    api = await srv.api(MANAGER);
    req = (await api.get('/requisitions?limit=50')).items.find((r) => /^Executive assistant to /.test(r.title));
    assert.ok(req, 'the demo requisition');
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

async function noAxe(page, what) {
    const v = await axe(page);
    assert.deepEqual(v, [], `${what}:\n${formatViolations(v)}`);
}

/** The names the screening list shows, in order, once it has loaded. */
async function shown(page) {
    await settle(page);
    return page.locator('section.screening li.ranked a').allTextContents();
}

test('screening: a candidate added by hand, found by language and by the must-haves met', async () => {
    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, MANAGER);
    await open(page, srv.base, `/recruit/${req.id}`);
    const scr = page.locator('section.screening');
    await scr.getByRole('heading', { level: 2, name: 'Screen the candidates' }).waitFor();
    const before = await shown(page);
    assert.ok(before.length > 0, 'the open candidates are listed');

    await scr.getByRole('button', { name: 'Add a candidate' }).click();
    const dlg = page.getByRole('dialog', { name: 'Add a candidate' });
    await dlg.getByLabel('Full name').fill('Liisa Lõhmus');
    await dlg.getByLabel('E-mail').fill('liisa.lohmus@example.com');
    await dlg.getByLabel('Languages').fill('Estonian, Swahili');
    await dlg.getByLabel('Note').fill('Met at the careers fair.');
    const everything = [...req.must_skills, ...req.languages].join(', ');
    await dlg.getByLabel('Resume text (pasted)').fill(`Ten years as an assistant: ${everything}.`);
    await noAxe(page, 'add a candidate, desktop');
    await dlg.getByRole('button', { name: 'Add', exact: true }).click();
    await dlg.waitFor({ state: 'detached' });
    const added = (await api.get(`/applications?requisition_id=${req.id}&limit=500`)).items.find((a) => a.email === 'liisa.lohmus@example.com');
    assert.ok(added, 'stored');
    assert.equal(added.source, 'manual');
    assert.deepEqual(added.languages, ['Estonian', 'Swahili']);
    assert.ok((await shown(page)).includes('Liisa Lõhmus'), 'listed after adding');

    // A language only she declares finds her alone.
    await scr.getByLabel('Language', { exact: true }).fill('Swahili');
    await scr.getByRole('button', { name: 'Filter' }).click();
    await page.waitForFunction(() => document.querySelectorAll('section.screening li.ranked').length === 1);
    assert.deepEqual(await shown(page), ['Liisa Lõhmus']);
    assert.equal(await scr.getByRole('status').textContent(), '1 candidate');

    // Every must-have met: the API's must_met list, in its order; she mentions them all.
    await scr.getByLabel('Language', { exact: true }).fill('');
    await scr.getByLabel('All must-haves met').check();
    await scr.getByRole('button', { name: 'Filter' }).click();
    const met = await api.get(`/requisitions/${req.id}/ranking?must_met=true&limit=100`);
    await page.waitForFunction((n) => document.querySelectorAll('section.screening li.ranked').length === n, met.items.length);
    assert.deepEqual(await shown(page), met.items.map((x) => x.application.name));
    assert.ok(met.items.some((x) => x.application.email === 'liisa.lohmus@example.com'));
    assert.ok(met.items.length < before.length + 1, 'the filter leaves some out');
    await noAxe(page, 'screening, desktop');
    await screenshot(page, 'recruit-screening-1280');
    await page.setViewportSize(PHONE);
    await settle(page);
    await noAxe(page, 'screening, phone');
    await screenshot(page, 'recruit-screening-390');
    check();
    await close();
});

test('a published posting is edited; the retention is changed in months', async () => {
    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, MANAGER);
    await open(page, srv.base, '/recruit');
    const posting = (await api.get(`/postings?requisition_id=${req.id}&limit=10`)).items.find((p) => p.lang === 'en');
    assert.equal(posting.status, 'published');
    await page.getByRole('button', { name: `Edit the posting ${posting.title} (English)` }).click();
    const dlg = page.getByRole('dialog', { name: 'Edit the posting' });
    await dlg.getByLabel('Title').fill('Executive assistant (part of the board team)');
    const body = dlg.getByLabel(/^Text/);
    await body.fill(`${await body.inputValue()}\n\nWe value calm under pressure.`);
    await noAxe(page, 'edit a posting, desktop');
    await dlg.getByRole('button', { name: 'Save' }).click();
    await dlg.waitFor({ state: 'detached' });
    const after = await api.get(`/postings/${posting.id}`);
    assert.equal(after.title, 'Executive assistant (part of the board team)');
    assert.equal(after.version, posting.version + 1);
    const careers = await (await fetch(`${srv.base}/careers/${posting.id}?lang=en`)).text();
    assert.match(careers, /part of the board team/);
    assert.match(careers, /We value calm under pressure\./);

    // Retention: six months by default (183 days); three months is 92 days.
    const ret = page.locator('section.retention');
    const months = ret.getByLabel('Months rejected and withdrawn candidates are kept');
    assert.equal(await months.inputValue(), '6');
    assert.match(await ret.textContent(), /now 183 days/);
    await months.fill('3');
    await ret.getByRole('button', { name: 'Save' }).click();
    // the saved notice (the list's "Updating…" is a status too while it reloads)
    await ret.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const set = await api.get('/settings/recruit');
    assert.equal(set.retention_days, 92);
    await ret.getByText(/now 92 days/).waitFor();
    await noAxe(page, 'requisitions with retention, desktop');
    await page.setViewportSize(PHONE);
    await settle(page);
    await noAxe(page, 'requisitions with retention, phone');
    await screenshot(page, 'recruit-retention-390');
    check();
    await close();
});
