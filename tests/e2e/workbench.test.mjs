// The manager's workbench in the browser: a new executive without support is flagged on Today
// with a link that fixes it; assigning and ending an assignment show their coverage effect
// before saving, and saving does what it said; backups reordered at once (a 412 keeps the
// manager's order); skills, duties and weekly hours edited; axe at phone and desktop sizes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESKTOP, KADRI, MANAGER, PHONE, addDays, axe, formatViolations, launch, localDate, newPage, open, requestedAbsence, screenshot, settle, signIn, startServer } from './lib.mjs';

let srv;
let browser;
let api;
// The browser's today (the pages run in Europe/Tallinn): the forms' dates and the flags' window
// start there, not at UTC's date, which lags it from 22:00 or 21:00 UTC.
const TODAY = localDate(new Date().toISOString());

before(async () => {
    [srv, browser] = await Promise.all([startServer(), launch()]);
    api = await srv.api(MANAGER);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

/** "Mon 1 Feb 2027" as the page writes a calendar date in English. */
const day = (d) =>
    new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));

async function noSerious(page, what) {
    const v = await axe(page);
    assert.deepEqual(v, [], `${what}: axe found serious problems:\n${formatViolations(v)}`);
}

test('a new executive is flagged on Today; assigning from the flag and ending it show their effect first', async () => {
    const helen = await api.post('/principals', { name: 'Helen Koppel', email: 'helen.koppel.new@example.com', time_zone: 'Europe/Tallinn', office: 'Tallinn', department: 'Legal' });
    for (let wd = 1; wd <= 5; wd++) await api.post('/work-patterns', { person_id: helen.id, weekday: wd, start_time: '09:00', end_time: '17:00' });
    const jaan = (await api.get('/assistants?q=Jaan%20Luik')).items[0];

    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, MANAGER);
    await open(page, srv.base, '/today');
    const flags = page.locator('section.flags');
    await flags.getByRole('link', { name: 'Helen Koppel', exact: true }).waitFor();
    assert.match(await flags.innerText(), /Helen Koppel has no primary assistant from/);
    await noSerious(page, 'Today with flags');
    await screenshot(page, 'workbench-today-flags-1280');
    await flags.getByRole('link', { name: /Assign an assistant to Helen Koppel/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Helen Koppel' }).waitFor();
    await settle(page);

    // Assign Jaan as primary: the effect says Helen has support again, before anything is saved.
    await page.getByRole('button', { name: 'Assign an assistant' }).click();
    const form = page.getByRole('form', { name: 'Assign an assistant' });
    await form.getByLabel('Assistant').selectOption(String(jaan.id));
    await form.locator('.effect').getByText('Helen Koppel has a primary assistant again.').waitFor();
    assert.equal((await api.get(`/assignments?principal_id=${helen.id}`)).items.length, 0, 'the preview saved nothing');
    await noSerious(page, 'the assign form');
    await screenshot(page, 'workbench-assign-1280');
    await form.getByRole('button', { name: 'Assign', exact: true }).click();
    const table = page.locator('table.assignments');
    await table.getByRole('link', { name: 'Jaan Luik' }).waitFor();
    const [row] = (await api.get(`/assignments?principal_id=${helen.id}`)).items;
    assert.deepEqual([row.assistant_id, row.kind, row.start_date, row.end_date], [jaan.id, 'primary', TODAY, null]);
    assert.ok(!(await api.get(`/support/flags?from=${TODAY}`)).unsupported.some((u) => u.principal_id === helen.id));

    // End it in ten days: "leaves Helen Koppel without support from" the day after, then saved.
    const end = addDays(TODAY, 10);
    await page.getByRole('button', { name: 'Change or end the assignment with Jaan Luik' }).click();
    const edit = page.getByRole('form', { name: 'Assignment with Jaan Luik' });
    await edit.getByLabel('Last day').fill(end);
    const sentence = `This leaves Helen Koppel without support from ${day(addDays(end, 1))}.`;
    await edit.locator('.effect').getByText(sentence).waitFor();
    assert.equal((await api.get(`/assignments/${row.id}`)).end_date, null, 'the preview saved nothing');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.waitFor({ state: 'detached' });
    assert.equal((await api.get(`/assignments/${row.id}`)).end_date, end);
    const flag = (await api.get(`/support/flags?from=${TODAY}`)).unsupported.find((u) => u.principal_id === helen.id);
    assert.equal(flag?.from, addDays(end, 1), 'saving did what the preview said');
    check();
    await close();
});

test('designated backups: reorder and save at once; a 412 keeps my order and re-applies it', async () => {
    const { page, check, close } = await newPage(browser);
    const p = (await api.get('/principals?q=Kristiina%20Kallas')).items[0];
    const url = `/principals/${p.id}/designated-backups`;
    const before = await api.get(url);
    assert.ok(before.items.length >= 2, 'the demo gives Kristiina two backups');
    const [first, second] = before.items;
    await signIn(page, srv.base, MANAGER);
    await open(page, srv.base, `/people/principal/${p.id}`);
    const card = page.locator('section.workbench', { has: page.getByRole('heading', { name: 'Designated backups (in order)' }) });
    await card.getByRole('button', { name: `Move ${second.name} up` }).click();
    // Meanwhile another manager removes the last backup.
    const r = await api.req('PATCH', url, { assistant_ids: before.items.slice(0, -1).map((i) => i.assistant_id) }, before.version);
    assert.equal(r.status, 200, r.text);
    await card.getByRole('button', { name: 'Save the order' }).click();
    const alert = card.locator('.error-box.conflict');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Your order:/);
    await noSerious(page, 'the backups conflict');
    await alert.getByRole('button', { name: 'Re-apply my changes on the new version' }).click();
    await card.getByRole('button', { name: 'Save the order' }).click();
    await card.getByText('Saved.').waitFor();
    const now = await api.get(url);
    assert.deepEqual(now.items.slice(0, 2).map((i) => i.assistant_id), [second.assistant_id, first.assistant_id]);
    check();
    await close();
});

test('skills with levels, duties with must-have, and new weekly hours with their effect', async () => {
    const { page, check, close } = await newPage(browser);
    const siim = (await api.get('/assistants?q=Siim%20Lill')).items[0];
    await signIn(page, srv.base, MANAGER);
    await open(page, srv.base, `/people/assistant/${siim.id}`);

    const skills = page.locator('section.workbench', { has: page.getByRole('heading', { name: 'Edit skills' }) });
    const mine = (await api.get(`/assistant-skills?assistant_id=${siim.id}`)).items;
    const catalogue = (await api.get('/skills?limit=100')).items;
    const have = catalogue.find((s) => s.id === mine[0].skill_id);
    const next = mine[0].level === 5 ? 4 : mine[0].level + 1;
    await skills.getByLabel(have.name, { exact: true }).selectOption(String(next));
    await page.waitForFunction(async () => true);
    for (let i = 0; i < 50 && (await api.get(`/assistant-skills/${mine[0].id}`)).level !== next; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal((await api.get(`/assistant-skills/${mine[0].id}`)).level, next);
    const add = catalogue.find((s) => !mine.some((m) => m.skill_id === s.id));
    await skills.getByLabel('Add a skill').selectOption(String(add.id));
    await skills.getByLabel('Level', { exact: true }).selectOption('4');
    await skills.getByRole('button', { name: 'Add skill' }).click();
    await skills.getByLabel(add.name, { exact: true }).waitFor();
    assert.ok((await api.get(`/assistant-skills?assistant_id=${siim.id}`)).items.some((s) => s.skill_id === add.id && s.level === 4));

    // Weekly hours: mornings only from next week; the effect is shown before saving.
    const from = addDays(TODAY, 7);
    await page.getByRole('button', { name: 'New weekly hours from a date' }).click();
    const week = page.getByRole('form', { name: 'New weekly hours from a date' });
    await week.getByLabel('Valid from').fill(from);
    for (const d of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) {
        const end = week.getByLabel(`${d} until`);
        if (await end.count()) await end.fill('12:00');
    }
    await week.locator('.effect li').first().waitFor();
    assert.match(await week.locator('.effect').innerText(), /more hours? without support in the coming weeks|No change to anyone/);
    await noSerious(page, 'the weekly hours form');
    await screenshot(page, 'workbench-week-1280');
    await week.getByRole('button', { name: 'Save the new hours' }).click();
    await week.waitFor({ state: 'detached' });
    const rows = (await api.get(`/people/${siim.id}/work-week`)).items;
    assert.ok(rows.some((w) => w.valid_from === from && w.end_time === '12:00'), JSON.stringify(rows));
    assert.ok(rows.filter((w) => w.valid_to === addDays(from, -1)).length > 0, 'the old hours end the day before');
    check();
    await close();

    // Duties on an executive's page.
    const d = await newPage(browser);
    const kristiina = (await api.get('/principals?q=Kristiina%20Kallas')).items[0];
    await signIn(d.page, srv.base, MANAGER);
    await open(d.page, srv.base, `/people/principal/${kristiina.id}`);
    const duties = d.page.locator('section.workbench', { has: d.page.getByRole('heading', { name: 'Edit duties' }) });
    const pd = (await api.get(`/principal-duties?principal_id=${kristiina.id}`)).items[0];
    const dutyName = (await api.get(`/duties/${pd.duty_id}`)).name;
    await duties.getByLabel(`${dutyName}: must have`).click();
    for (let i = 0; i < 50 && (await api.get(`/principal-duties/${pd.id}`)).must_have === pd.must_have; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal((await api.get(`/principal-duties/${pd.id}`)).must_have, !pd.must_have);
    d.check();
    await d.close();
});

test('the workbench at phone size: profile and Today pass axe', async () => {
    const { page, check, close } = await newPage(browser, { viewport: PHONE });
    const p = (await api.get('/principals?q=Kristiina%20Kallas')).items[0];
    await signIn(page, srv.base, MANAGER);
    await open(page, srv.base, `/people/principal/${p.id}`);
    await page.getByRole('button', { name: 'Assign an assistant' }).click();
    await noSerious(page, 'executive profile (phone)');
    await screenshot(page, 'workbench-executive-390');
    await open(page, srv.base, '/today');
    await page.locator('section.flags').waitFor();
    await noSerious(page, 'Today (phone)');
    await open(page, srv.base, '/board');
    await page.locator('section.flags').waitFor();
    await noSerious(page, 'board (phone)');
    check();
    await close();
    const desk = await newPage(browser, { viewport: DESKTOP });
    await signIn(desk.page, srv.base, MANAGER);
    await open(desk.page, srv.base, `/people/principal/${p.id}`);
    await noSerious(desk.page, 'executive profile (desktop)');
    await screenshot(desk.page, 'workbench-executive-1280');
    desk.check();
    await desk.close();
});

test("an executive's 'who supports you' on a day their assistant is away: covers first, she is away", async () => {
    const kadri = (await api.get('/assistants?q=Kadri%20Tamm')).items[0];
    const absence = await requestedAbsence(api, kadri.id);
    const approved = await api.post(`/absences/${absence.id}/approve`, { note: 'Enjoy' });
    await api.post(`/coverage/plans/${approved.coverage_plan.id}/accept`, {});
    const cover = approved.coverage_plan.covers[0];
    assert.ok(cover, 'the plan proposes a cover');
    const exec = (await api.get(`/principals/${cover.principal_id}`));
    const dayOff = localDate(cover.start_at, exec.time_zone);

    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, exec.email);
    await page.getByRole('heading', { level: 1, name: 'My support' }).waitFor();
    const who = page.locator('section.who-supports');
    await who.getByLabel('Day').fill(dayOff);
    await who.locator('.hint', { hasText: day(dayOff) }).waitFor();
    await settle(page);
    const text = await who.innerText();
    assert.ok(text.indexOf('Covering that day') >= 0 && text.indexOf('Covering that day') < text.indexOf('Assigned'), `covers first: ${text}`);
    await who.locator('ul.covers-day').getByRole('link', { name: cover.assistant_name }).first().waitFor();
    const kadriRow = who.locator('ul.supporters li', { hasText: 'Kadri Tamm' });
    assert.match(await kadriRow.innerText(), /away/);
    await noSerious(page, 'who supports you on a leave day');
    await screenshot(page, 'workbench-who-supports-leave-1280');
    // The cover's link opens the backup's page (visible to the executive while the cover lasts).
    await who.locator('ul.covers-day').getByRole('link', { name: cover.assistant_name }).first().click();
    await page.getByRole('heading', { level: 1, name: cover.assistant_name }).waitFor();
    check();
    await close();
});

test('an assistant opening a colleague sees what they may see, not an error page', async () => {
    const kadri = (await api.get('/assistants?q=Kadri%20Tamm')).items[0];
    const mine = (await api.get(`/assistants/${kadri.id}/principals`)).principals;
    let colleague = null;
    let shared = null;
    for (const p of mine) {
        const s = await api.get(`/principals/${p.principal_id}/supporters`);
        const o = s.supporters.find((x) => x.assistant_id !== kadri.id);
        if (o) {
            colleague = o;
            shared = p;
            break;
        }
    }
    assert.ok(colleague, "one of Kadri's executives has another assistant");
    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, KADRI);
    // Through the executive's page: the colleague's link works.
    await open(page, srv.base, `/people/principal/${shared.principal_id}`);
    await page.getByRole('link', { name: colleague.name }).first().click();
    await page.getByRole('heading', { level: 1, name: colleague.name }).waitFor();
    await settle(page);
    const main = page.locator('main');
    assert.match(await main.innerText(), new RegExp(colleague.email.replace(/\./g, '\\.')));
    await main.getByRole('link', { name: shared.name }).waitFor();
    assert.doesNotMatch(await main.innerText(), /Not found|Something went wrong/);
    await noSerious(page, 'a colleague (limited)');
    await screenshot(page, 'workbench-colleague-1280');
    // Someone she has nothing to do with: an explanation and the way back.
    const known = new Set([kadri.id]);
    for (const p of mine) {
        const s = await api.get(`/principals/${p.principal_id}/supporters`);
        for (const x of [...s.supporters, ...s.designated_backups]) known.add(x.assistant_id);
    }
    const stranger = (await api.get('/assistants?limit=100')).items.find((a) => !known.has(a.id));
    assert.ok(stranger, 'an assistant Kadri does not work with');
    await open(page, srv.base, `/people/assistant/${stranger.id}`);
    await page.getByRole('heading', { level: 1, name: 'Not visible to you' }).waitFor();
    assert.doesNotMatch(await main.innerText(), new RegExp(stranger.name));
    await page.getByRole('link', { name: 'Go to your start page' }).click();
    await page.getByRole('heading', { level: 1, name: 'My schedule' }).waitFor();
    check();
    await close();
});

test('in Estonian: the flags, the assign form and its effect come from the Estonian catalog', async () => {
    const mari = await api.post('/principals', { name: 'Mari Mets', email: 'mari.mets.new@example.com', time_zone: 'Europe/Tallinn', office: 'Tartu', department: 'Müük' });
    for (let wd = 1; wd <= 5; wd++) await api.post('/work-patterns', { person_id: mari.id, weekday: wd, start_time: '09:00', end_time: '17:00' });
    const jaan = (await api.get('/assistants?q=Jaan%20Luik')).items[0];
    // An Estonian browser: the sign-in page and the account's language follow it (lib.mjs).
    const { page, context } = await newPage(browser, { viewport: PHONE, lang: 'et' });
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await signIn(page, srv.base, MANAGER);
    await open(page, srv.base, '/today');
    const flags = page.locator('section.flags');
    await flags.getByRole('heading', { name: 'Vajab tähelepanu' }).waitFor();
    assert.match(await flags.innerText(), /Mari Mets pole peamist assistenti alates/);
    assert.match(await flags.innerText(), /juhti? on toeta/);
    await noSerious(page, 'Today in Estonian (phone)');
    await screenshot(page, 'workbench-today-et-390');
    await flags.getByRole('link', { name: /Määra juhile Mari Mets assistent/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Mari Mets' }).waitFor();
    await settle(page);
    await page.getByRole('button', { name: 'Määra assistent' }).click();
    const form = page.getByRole('form', { name: 'Määra assistent' });
    await form.getByLabel('Assistent').selectOption(String(jaan.id));
    await form.locator('.effect').getByText('Mari Mets saab jälle peamise assistendi.').waitFor();
    await noSerious(page, 'the assign form in Estonian (phone)');
    await screenshot(page, 'workbench-assign-et-390');
    assert.deepEqual(problems, []);
    await context.close();
});
