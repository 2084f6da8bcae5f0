#!/usr/bin/env node
// screenshots.mjs: the README's screenshots, in Estonian and English, made with Debian's Chromium
// through playwright-core (tests/node_modules; `make tests/node_modules/.package-lock.json`).
// Each language gets its own demo organisation (Estonian names, and `--names en`); the manager
// signs in with the account's language set to it. Run after `make build`:
//   node scripts/screenshots.mjs            writes docs/screenshots/*-{et,en}.png
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { MANAGER, ROOT, launch, newPage, open, settle, signIn, startServer } from '../tests/e2e/lib.mjs';

const OUT = path.join(ROOT, 'docs', 'screenshots');
const VIEW = { width: 1280, height: 760 };

async function shots(browser, lang) {
    const srv = await startServer(lang === 'en' ? ['--names', 'en'] : []);
    try {
        const { page, close } = await newPage(browser, { lang, viewport: VIEW });
        await signIn(page, srv.base, MANAGER);
        // The board, with a week of proposed covers.
        const from = await page.evaluate(() => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Tallinn' }).format(new Date()));
        await open(page, srv.base, `/board?from=${from}&weeks=4`);
        await page.screenshot({ path: path.join(OUT, `coverage-board-${lang}.png`) });
        // The leave page with the first request under review: the coverage impact.
        await open(page, srv.base, '/leave');
        await page.locator('li.absence button.btn.primary').first().click();
        await page.locator('ul.impact').waitFor();
        await settle(page);
        await page.locator('li.absence').first().screenshot({ path: path.join(OUT, `leave-review-${lang}.png`) });
        await close();
    } finally {
        await srv.stop();
    }
}

await mkdir(OUT, { recursive: true });
const browser = await launch();
try {
    for (const lang of ['et', 'en']) await shots(browser, lang);
} finally {
    await browser.close();
}
console.log(`screenshots in ${path.relative(process.cwd(), OUT)}`);
