// recruit.test.mjs: issue 12's whole flow in a real Chromium. With JavaScript switched off, a
// candidate finds the demo's posting on the careers page, fills the form, attaches a resume and
// applies. The manager signs in, screens the application on the candidate's page, schedules an
// interview with the requisition's executive on the panel (pre-filled) from find-a-time, and
// scores it; the executive signs in, finds the interview under "My interviews", opens the
// candidate and scores too, and then sees the panel's summary with agreement per criterion; the
// manager makes an offer with its terms, sends it, records its acceptance and hires, and the new assistant is in the pool with the candidate's
// languages. A candidate given slots picks one on the script-free pick page. The careers page,
// the candidate's page with its interviews, "My interviews" and the pick page pass axe (no
// serious findings) at phone and desktop sizes.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DESKTOP, MANAGER, PHONE, axe, formatViolations, launch, newPage, open, screenshot, settle, signIn, startServer } from './lib.mjs';

/** Fails on serious axe findings in the page. */
async function noAxe(page, what) {
    const v = await axe(page);
    assert.deepEqual(v, [], `${what}:\n${formatViolations(v)}`);
}

/** Fills the signed-in person's scorecard (scores in the criteria's order, repeated) and submits it. */
async function scoreAll(page, scores) {
    const card = page.locator('form.scorecard');
    await card.waitFor();
    const selects = card.getByLabel(/^Score for /);
    const n = await selects.count();
    assert.ok(n >= 2, `criteria to score: ${n}`);
    for (let i = 0; i < n; i++) {
        await selects.nth(i).selectOption({ label: `${scores[i % scores.length]} of 5` });
        await card.getByLabel(/^Note on /).nth(i).fill(i === 0 ? 'Clear examples' : '');
    }
    await card.getByRole('button', { name: 'Submit scorecard' }).click();
    await card.waitFor({ state: 'detached' });
}

describe('the careers page', () => {
    let srv;
    let browser;
    before(async () => {
        srv = await startServer();
        browser = await launch();
    });
    after(async () => {
        await browser?.close();
        await srv?.stop();
    });

    test('a candidate applies; the manager screens, interviews with the executive, both score, the manager hires', async () => {
        const context = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false, locale: 'en-GB' });
        const page = await context.newPage();
        const csp = [];
        page.on('console', (m) => /Content Security Policy|Refused to/i.test(m.text()) && csp.push(m.text()));
        await page.goto(`${srv.base}/careers?lang=en`);
        await page.getByRole('heading', { name: 'Open positions' }).waitFor();
        await page.getByRole('link', { name: /Executive assistant to/ }).first().click();
        await page.getByRole('heading', { name: 'Apply' }).waitFor();
        await page.getByLabel('Full name').fill('Helena Brown');
        await page.getByLabel('E-mail').fill('helena.brown@example.com');
        await page.getByLabel('Phone').fill('+44 20 7946 0000');
        await page.getByLabel(/Languages you speak/).fill('English, Finnish');
        await page.getByLabel('Cover note').fill('I have kept board minutes for six years.');
        await page.getByLabel(/Resume/).setInputFiles({
            name: 'helena.txt',
            mimeType: 'text/plain',
            buffer: Buffer.from('Board secretary. Board minutes, travel booking, Excel. Finnish and English.'),
        });
        await page.getByRole('checkbox').check();
        await screenshot(page, 'recruit-careers-form');
        await page.getByRole('button', { name: 'Send application' }).click();
        await page.waitForLoadState();
        const html = await page.content();
        assert.match(html, /<h1>Thank you<\/h1>/, html.slice(0, 2000));
        assert.match(await page.getByRole('status').innerText(), /We received your application/);
        await screenshot(page, 'recruit-careers-thanks');
        assert.deepEqual(csp, [], 'no CSP violation');
        await context.close();

        const api = await srv.api(MANAGER);
        const reqs = (await api.get('/requisitions?limit=50')).items;
        assert.ok(reqs.length >= 1);
        const req = reqs[0];
        const apps = (await api.get(`/applications?requisition_id=${req.id}&limit=500`)).items;
        const app = apps.find((a) => a.email === 'helena.brown@example.com');
        assert.ok(app, 'the application is stored');
        assert.equal(app.source, 'careers');
        assert.equal(app.resume_type, 'text');
        const rank = await api.get(`/requisitions/${req.id}/ranking?limit=500`);
        const mine = rank.items.find((x) => x.application_id === app.id);
        assert.ok(mine && mine.explanation.text.length > 0);
        const exec = await api.get(`/principals/${req.principal_id}`);

        // The manager screens her and schedules an interview with the executive.
        const m = await newPage(browser);
        await signIn(m.page, srv.base, MANAGER);
        await open(m.page, srv.base, `/recruit/application/${app.id}`);
        await m.page.getByRole('button', { name: /Move to screening/ }).click();
        await m.page.locator('.badge.st-screening').waitFor();
        await m.page.getByRole('button', { name: 'Schedule an interview' }).click();
        const form = m.page.locator('form.interview-form');
        assert.match(await form.getByRole('group', { name: 'The panel' }).innerText(), new RegExp(`${exec.name} · executive`));
        await form.getByRole('button', { name: 'Find times' }).click();
        const times = form.getByRole('list', { name: 'Free times' });
        await times.waitFor();
        await noAxe(m.page, 'the interview form, desktop');
        await screenshot(m.page, 'recruit-interview-find');
        await times.getByRole('button', { name: /^Book / }).first().click();
        await m.page.locator('li.interview .badge.iv-scheduled').waitFor();
        await m.page.locator('.badge.st-interview').waitFor();
        await settle(m.page);
        const ivs = (await api.get(`/applications/${app.id}/interviews`)).items;
        assert.equal(ivs.length, 1);
        assert.deepEqual(ivs[0].panel.map((p) => p.role).sort(), ['executive', 'manager']);
        assert.ok(ivs[0].panel.some((p) => p.person_id === exec.id));

        // The manager scores first: the executive's card is not in yet, so nothing is shown.
        await scoreAll(m.page, [4, 4, 3, 5, 4, 3]);
        await m.page.getByText('Your scorecard is submitted.').waitFor();
        assert.equal(await m.page.getByRole('table', { name: 'Scores per criterion' }).count(), 1, 'alone, the summary holds my own scores');
        await noAxe(m.page, 'the candidate page with an interview, desktop');
        await screenshot(m.page, 'recruit-interview-scored-manager');

        // The executive signs in, finds the interview and scores it.
        const x = await newPage(browser);
        await signIn(x.page, srv.base, exec.email);
        await x.page.getByRole('link', { name: 'My interviews' }).click();
        await x.page.getByRole('heading', { level: 1, name: 'My interviews' }).waitFor();
        await settle(x.page);
        await noAxe(x.page, 'my interviews, desktop');
        await x.page.getByRole('link', { name: 'Helena Brown' }).click();
        await x.page.getByRole('heading', { level: 1, name: 'Helena Brown' }).waitFor();
        await settle(x.page);
        assert.match(await x.page.locator('pre.resume').innerText(), /Board secretary/);
        // Blind: the manager's card is in but not shown before the executive's own.
        await x.page.getByText(/1 other scorecard is in/).waitFor();
        assert.equal(await x.page.getByRole('table', { name: 'Scores per criterion' }).count(), 0);
        await scoreAll(x.page, [2, 4, 5, 5, 4, 3]);
        const table = x.page.getByRole('table', { name: 'Scores per criterion' });
        await table.waitFor();
        const text = await table.innerText();
        assert.match(text, /disagree/);
        assert.match(text, /\bagree\b/);
        assert.match(text, new RegExp(exec.name));
        await noAxe(x.page, 'the scored interview, the executive');
        await screenshot(x.page, 'recruit-interview-summary-executive');
        // A phone-sized look at the same page.
        await x.page.setViewportSize(PHONE);
        await noAxe(x.page, 'the scored interview, phone');
        x.check();
        await x.close();

        // The manager makes the offer and hires; the new assistant is in the pool.
        await m.page.reload();
        await m.page.locator('#page-title').waitFor();
        await settle(m.page);
        await m.page.getByRole('table', { name: 'Scores per criterion' }).waitFor();
        // The offer with its terms: saved as a draft, sent (the candidate moves to the offer stage
        // and gets the terms by e-mail), her acceptance recorded; then the hire.
        await m.page.getByRole('button', { name: /^Make an offer/ }).click();
        const dlg = m.page.getByRole('dialog', { name: 'New offer' });
        await dlg.waitFor();
        assert.equal(await dlg.getByLabel('Hours a week').inputValue(), '40', 'the requisition\'s hours');
        await dlg.getByLabel('Salary', { exact: true }).fill('9000');
        await noAxe(m.page, 'the offer form, desktop');
        await dlg.getByRole('button', { name: 'Save as draft' }).click();
        // Outside the requisition's range: refused, said at the field.
        await dlg.locator('.field.has-error').filter({ hasText: /outside the requisition's range/ }).waitFor();
        await dlg.getByLabel('Salary', { exact: true }).fill('2100');
        await dlg.getByLabel('Other terms').fill('Laptop and phone');
        await dlg.getByRole('button', { name: 'Save as draft' }).click();
        await dlg.waitFor({ state: 'detached' });
        const offer = m.page.locator('section.offer');
        await offer.locator('.badge.offer-draft').waitFor();
        await offer.getByRole('button', { name: /^Send the offer/ }).click();
        await offer.locator('.badge.offer-sent').waitFor();
        await m.page.locator('.badge.st-offer').waitFor();
        assert.match(await offer.locator('dl.offer-terms').textContent(), /€2,100 a month.*40 hours.*permanent.*Laptop and phone/);
        const terms = (await api.get('/mail?limit=500')).items.filter((x) => x.to_address === 'helena.brown@example.com' && x.kind === 'recruit.offer');
        assert.equal(terms.length, 1, 'the terms are mailed');
        await noAxe(m.page, 'the sent offer, desktop');
        await m.page.setViewportSize(PHONE);
        await noAxe(m.page, 'the sent offer, phone');
        await m.page.setViewportSize(DESKTOP);
        await offer.getByRole('button', { name: 'Candidate accepted' }).click();
        await offer.locator('.badge.offer-accepted').waitFor();
        await m.page.getByRole('button', { name: /^Hire/ }).click();
        await m.page.locator('.badge.st-hired').waitFor();
        m.check();
        await m.close();
        const pool = (await api.get('/assistants?q=helena&limit=50')).items;
        const helena = pool.find((p) => p.email === 'helena.brown@example.com');
        assert.ok(helena, 'the new assistant is in the pool');
        assert.deepEqual(helena.languages, ['English', 'Finnish']);
    });

    test('a candidate picks an offered time on the pick page without JavaScript', async () => {
        const api = await srv.api(MANAGER);
        const req = (await api.get('/requisitions?limit=50')).items[0];
        const apps = (await api.get(`/applications?requisition_id=${req.id}&stage=screening&limit=50`)).items;
        assert.ok(apps.length >= 1, 'a screened demo candidate');
        const day = new Date(Date.now() + 40 * 86400e3).toISOString().slice(0, 10);
        const r = await api.req('POST', `/applications/${apps[0].id}/interviews`, {
            panel: [req.principal_id],
            slots: [{ start_at: `${day}T07:00:00Z` }, { start_at: `${day}T09:00:00Z` }, { start_at: `${day}T12:00:00Z` }],
            location: 'Meeting room 2',
        });
        assert.equal(r.status, 201, r.text);
        for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
            for (const lang of ['en', 'et']) {
                // axe runs as a script of its own; the page itself has none (its CSP allows none).
                const context = await browser.newContext({ viewport, locale: lang === 'et' ? 'et-EE' : 'en-GB' });
                const page = await context.newPage();
                await page.goto(`${srv.base}${r.json.pick_path}&lang=${lang}`);
                assert.equal(await page.getAttribute('html', 'lang'), lang);
                assert.equal(await page.getByRole('radio').count(), 3);
                const v = await axe(page);
                assert.deepEqual(v, [], formatViolations(v));
                await screenshot(page, `recruit-pick-${size}-${lang}`);
                // The page for a used or unknown link, too.
                await page.goto(`${srv.base}/careers/interview?token=${'x'.repeat(43)}&lang=${lang}`);
                const w = await axe(page);
                assert.deepEqual(w, [], formatViolations(w));
                await context.close();
            }
        }
        const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false, locale: 'en-GB', timezoneId: 'Europe/Tallinn' });
        const page = await context.newPage();
        const csp = [];
        page.on('console', (mm) => /Content Security Policy|Refused to/i.test(mm.text()) && csp.push(mm.text()));
        await page.goto(`${srv.base}${r.json.pick_path}`);
        await page.getByRole('radio').nth(1).check();
        await page.getByRole('button', { name: 'Book this time' }).click();
        await page.waitForLoadState();
        await page.getByRole('heading', { name: 'Your interview is booked' }).waitFor();
        assert.deepEqual(csp, [], 'no CSP violation');
        await context.close();
        const iv = await api.get(`/interviews/${r.json.id}`);
        assert.equal(iv.status, 'scheduled');
        assert.equal(iv.start_at, `${day}T09:00:00Z`);
    });

    for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
        for (const lang of ['en', 'et']) {
            test(`axe: the list, a posting and an error page (${size}, ${lang}) have no serious findings`, async () => {
                const context = await browser.newContext({ viewport, locale: lang === 'et' ? 'et-EE' : 'en-GB' });
                const page = await context.newPage();
                await page.goto(`${srv.base}/careers?lang=${lang}`);
                assert.equal(await page.getAttribute('html', 'lang'), lang);
                let v = await axe(page);
                assert.deepEqual(v, [], formatViolations(v));
                await page.locator('li.job a').first().click();
                await page.locator('form').waitFor();
                v = await axe(page);
                assert.deepEqual(v, [], formatViolations(v));
                await screenshot(page, `recruit-careers-posting-${size}-${lang}`);
                await page.goto(`${srv.base}/careers/999999?lang=${lang}`);
                v = await axe(page);
                assert.deepEqual(v, [], formatViolations(v));
                await context.close();
            });
        }
    }
});
