// recruit.test.mjs: the public careers page in a real Chromium (issue 12) — with JavaScript
// switched off, a candidate finds the demo's posting, fills the form, attaches a resume and
// applies; the page passes axe (no serious findings) at phone and desktop sizes in both
// languages. Then the manager's part as far as it is built (the web pages for it are not): the
// application is screened, interviewed, offered and hired through the API, and the new
// assistant is in the pool with the languages the candidate gave.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DESKTOP, MANAGER, PHONE, axe, formatViolations, launch, screenshot, startServer } from './lib.mjs';

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

    test('a candidate applies without JavaScript; the manager hires them into the pool', async () => {
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
        let app = apps.find((a) => a.email === 'helena.brown@example.com');
        assert.ok(app, 'the application is stored');
        assert.equal(app.source, 'careers');
        assert.equal(app.resume_type, 'text');
        const rank = await api.get(`/requisitions/${req.id}/ranking?limit=500`);
        const mine = rank.items.find((x) => x.application_id === app.id);
        assert.ok(mine && mine.explanation.text.length > 0);
        for (const action of ['screen', 'interview', 'offer']) {
            const r = await api.req('POST', `/applications/${app.id}/${action}`, {}, app.version);
            assert.equal(r.status, 200, `${action}: ${r.text}`);
            app = r.json;
        }
        const hire = await api.req('POST', `/applications/${app.id}/hire`, {}, app.version);
        assert.equal(hire.status, 200, hire.text);
        const pool = (await api.get('/assistants?q=helena&limit=50')).items;
        const helena = pool.find((p) => p.email === 'helena.brown@example.com');
        assert.ok(helena, 'the new assistant is in the pool');
        assert.deepEqual(helena.languages, ['English', 'Finnish']);
        assert.equal(hire.json.proposed_assignment.assistant_id, helena.id);
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
