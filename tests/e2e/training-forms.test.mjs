// Training forms in the browser (issue 11): the manager creates a course teaching Finnish 3 (the
// server's validation errors under their fields; a stale edit merged), a session of it with two
// meetings — one weekly on Monday and Wednesday, four in all, shown in words — in Tallinn time,
// adds a late arrangement and ticks it, enrols Kadri Tamm (the coverage impact shown), confirms,
// marks attendance, completes her from the attendance grid and records a certificate: her
// Finnish is 3 on her profile. The budget is set (If-Match) and her seat shows used against it.
// A session is cancelled. The pages pass axe at desktop and phone sizes, and in Estonian.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MANAGER, PHONE, addDays, axe, formatViolations, launch, localDate, newPage, open, screenshot, signIn, startServer } from './lib.mjs';

let srv;
let browser;
before(async () => {
    [srv, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

async function noAxe(page, what) {
    const v = await axe(page);
    assert.deepEqual(v, [], `${what}:\n${formatViolations(v)}`);
}

/** The text of the error a field names in its aria-describedby (the API's, under the field). */
async function errorOf(field) {
    // The answer of the server is awaited: the field turns invalid when it comes.
    for (let i = 0; i < 100 && (await field.getAttribute('aria-invalid')) !== 'true'; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await field.getAttribute('aria-invalid'), 'true', 'the field is marked invalid');
    const ids = (await field.getAttribute('aria-describedby')) || '';
    const page = field.page();
    const texts = [];
    for (const id of ids.split(' ').filter(Boolean)) texts.push(await page.locator(`[id="${id}"]`).textContent());
    return texts.join(' ');
}

/** Local HH:MM of an instant in Tallinn. */
const localTime = (at) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Tallinn', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at));
const isoWeekday = (date) => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;

const COURSE = 'Soome keel klienditeeninduses B1';
const SESSION = 'Soome keel B1, talv';

test('a course, a session with a recurrence, the checklist, attendance, completion and the budget', async () => {
    const api = await srv.api(MANAGER);
    const kadri = (await api.get('/assistants?q=Kadri%20Tamm')).items[0];
    const finnish = (await api.get('/skills?q=Finnish')).items.find((s) => s.name === 'Finnish');
    assert.equal((await api.get(`/assistant-skills?assistant_id=${kadri.id}&skill_id=${finnish.id}`)).items.length, 0, 'Kadri has no Finnish yet');

    // The first Monday three weeks on or later whose two weeks Kadri is not away.
    const today = localDate(new Date().toISOString());
    let d1 = addDays(today, 21);
    while (isoWeekday(d1) !== 1) d1 = addDays(d1, 1);
    const absences = (await api.get(`/absences?person_id=${kadri.id}&limit=200`)).items.filter((a) => ['requested', 'approved'].includes(a.status));
    while (absences.some((a) => localDate(a.start_at) <= addDays(d1, 15) && localDate(a.end_at) >= d1)) d1 = addDays(d1, 7);

    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, MANAGER);

    // ---- the course: validation under the fields, skills as rows ----
    await open(page, srv.base, '/training');
    await page.getByRole('link', { name: 'New course' }).click();
    await page.getByRole('heading', { level: 1, name: 'New course' }).waitFor();
    await page.getByLabel('Provider', { exact: true }).fill('Tallinna Keeltekool');
    await page.getByLabel('Format').selectOption({ label: 'workshop' });
    await page.getByRole('button', { name: 'Add a skill' }).click();
    await page.getByRole('button', { name: 'Create course' }).click();
    // The row's own check first: a skill must be chosen.
    const row = page.locator('li.edit-row').first();
    assert.match(await errorOf(row.getByLabel('Skill', { exact: true })), /Choose the skill/);
    await row.getByLabel('Skill', { exact: true }).selectOption({ label: 'Finnish' });
    await row.getByLabel('Level reached').selectOption('3');
    // The server's errors under their fields: no name, then a cost that is no number.
    await page.getByRole('button', { name: 'Create course' }).click();
    assert.match(await errorOf(page.getByLabel('Course name')), /name/i);
    await page.getByLabel('Course name').fill(COURSE);
    await page.getByLabel('Cost per participant').fill('a lot');
    await page.getByRole('button', { name: 'Create course' }).click();
    assert.match(await errorOf(page.getByLabel('Cost per participant')), /cost/i);
    await noAxe(page, 'course form with errors, desktop');
    await screenshot(page, 'training-course-form-1280');
    assert.equal((await api.get(`/training-courses?q=${encodeURIComponent('Soome keel klienditeeninduses')}`)).items.length, 0, 'a refused course is not saved');
    await page.getByLabel('Cost per participant').fill('700');
    await page.getByLabel('Duration (hours)').fill('20');
    await page.getByLabel('Research notes').fill('Kaks kohtumist nädalas, väike rühm.');
    await page.getByRole('button', { name: 'Create course' }).click();
    await page.getByRole('heading', { level: 1, name: COURSE }).waitFor();
    await page.getByText('Finnish 3').waitFor();
    const course = (await api.get(`/training-courses?q=${encodeURIComponent(COURSE)}`)).items[0];
    assert.equal(course.cost, 700);
    assert.equal(course.format, 'workshop');
    const taught = (await api.get(`/course-skills?course_id=${course.id}`)).items;
    assert.deepEqual(taught.map((x) => [x.skill_id, x.level]), [[finnish.id, 3]]);

    // ---- a stale edit: someone else changes the notes while the manager edits the provider ----
    await page.getByRole('button', { name: 'Edit course' }).click();
    await page.getByLabel('Provider', { exact: true }).fill('Keeltekool Lingua');
    const other = await api.req('PATCH', `/training-courses/${course.id}`, { notes: 'Helen soovitab.' }, course.version);
    assert.equal(other.status, 200, other.text);
    await page.getByRole('button', { name: 'Save' }).click();
    const merge = page.locator('.conflict.merge');
    await merge.getByText('Someone else changed this record').waitFor();
    assert.match(await merge.locator('tr', { hasText: 'Research notes' }).textContent(), /Helen soovitab/);
    assert.match(await merge.locator('tr', { hasText: 'Provider' }).textContent(), /Keeltekool Lingua/);
    await noAxe(page, 'course conflict');
    await merge.getByRole('button', { name: 'Re-apply my changes on the new version' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The course is saved.').waitFor();
    const merged = await api.get(`/training-courses/${course.id}`);
    assert.equal(merged.provider, 'Keeltekool Lingua');
    assert.equal(merged.notes, 'Helen soovitab.', "the other manager's change is kept");

    // ---- a session with two meetings, one recurring, in Tallinn time ----
    await page.getByRole('link', { name: 'New session' }).click();
    await page.getByRole('heading', { level: 1, name: `New session of ${COURSE}` }).waitFor();
    await page.getByLabel('Session name').fill(SESSION);
    await page.getByLabel('Place', { exact: true }).fill('Tallinna Keeltekool, ruum 12');
    await page.getByLabel('Instructor').fill('Aino Virtanen');
    await page.getByLabel('Seats').fill('3');
    assert.equal(await page.getByLabel('Cost of a seat').inputValue(), '700', "a seat costs the course's price");
    const m1 = page.getByRole('group', { name: 'Meeting 1' });
    await m1.getByLabel('Date (the first, if it repeats)').fill(d1);
    await m1.getByLabel('Starts').fill('09:00');
    await m1.getByLabel('Ends').fill('12:00');
    await m1.getByLabel('Repeats weekly').check();
    assert.equal(await m1.getByRole('checkbox', { name: 'Monday' }).isChecked(), true, "the first date's weekday is chosen");
    await m1.getByRole('checkbox', { name: 'Wednesday' }).check();
    await m1.getByLabel('Meetings in all').fill('4');
    await m1.getByText('Weekly on Monday and Wednesday, 4 meetings in all.').waitFor();
    await page.getByRole('button', { name: 'Add a meeting' }).click();
    const m2 = page.getByRole('group', { name: 'Meeting 2' });
    await m2.getByLabel('Date (the first, if it repeats)').fill(addDays(d1, 14));
    await m2.getByLabel('Starts').fill('13:00');
    await m2.getByLabel('Ends').fill('17:00');
    await noAxe(page, 'session form, desktop');
    await screenshot(page, 'training-session-form-1280');
    await page.getByRole('button', { name: 'Create session' }).click();
    await page.getByRole('heading', { level: 1, name: SESSION }).waitFor();
    await page.locator('ul.occurrences li').nth(4).waitFor();
    assert.equal(await page.locator('ul.occurrences li').count(), 5, 'four weekly meetings and one more');
    assert.match(await page.locator('ul.rules').textContent(), /Weekly on Monday and Wednesday, 4 meetings in all/);
    const session = (await api.get(`/training-sessions?course_id=${course.id}`)).items[0];
    assert.equal(session.capacity, 3);
    assert.equal(session.time_zone, 'Europe/Tallinn');
    const meetings = (await api.get(`/training-meetings?session_id=${session.id}`)).items.sort((a, b) => (a.start_at < b.start_at ? -1 : 1));
    assert.equal(meetings.length, 2);
    assert.equal(meetings[0].rrule, 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4');
    assert.equal(meetings[1].rrule, null);
    // Typed in Tallinn time, stored in UTC.
    assert.deepEqual([localDate(meetings[0].start_at), localTime(meetings[0].start_at), localTime(meetings[0].end_at)], [d1, '09:00', '12:00']);
    assert.deepEqual([localDate(meetings[1].start_at), localTime(meetings[1].start_at), localTime(meetings[1].end_at)], [addDays(d1, 14), '13:00', '17:00']);
    assert.match(meetings[0].start_at, /Z$/);

    // ---- the checklist: a late item, ticked done ----
    const add = page.getByRole('form', { name: 'Add an item' });
    await add.getByLabel('Kind').selectOption({ label: 'travel' });
    await add.getByLabel('What to arrange').fill('Rongipiletid Tartusse');
    await add.getByLabel('Who does it').selectOption({ label: 'Kadri Tamm' });
    await add.getByLabel('Due date').fill(addDays(today, -1));
    await add.getByRole('button', { name: 'Add an item' }).click();
    const item = page.locator('li[data-arrangement-id]', { hasText: 'Rongipiletid Tartusse' });
    await item.locator('.late-mark').waitFor();
    assert.match(await item.textContent(), /Kadri Tamm/);
    await item.getByRole('checkbox', { name: 'Rongipiletid Tartusse' }).click();
    await page.locator('li[data-arrangement-id]', { hasText: 'Rongipiletid Tartusse' }).getByRole('checkbox', { checked: true }).waitFor();
    assert.equal(await page.locator('li[data-arrangement-id]', { hasText: 'Rongipiletid Tartusse' }).locator('.late-mark').count(), 0, 'a done item is not late');
    const arr = (await api.get(`/training-arrangements?session_id=${session.id}`)).items;
    assert.deepEqual(arr.map((a) => [a.kind, a.person_id, a.done]), [['travel', kadri.id, true]]);

    // ---- enrol Kadri, with the coverage impact, and confirm ----
    await page.getByLabel('Assistant').selectOption({ label: 'Kadri Tamm' });
    await page.getByRole('button', { name: 'Enrol' }).click();
    await page.getByRole('heading', { name: /Seats: 1 of 3 taken, 0 waiting/ }).waitFor();
    const enr = page.locator('li[data-enrolment-id]', { hasText: 'Kadri Tamm' });
    await enr.getByRole('button', { name: 'Coverage impact' }).click();
    await enr.getByRole('heading', { name: 'While Kadri Tamm is in training' }).waitFor();
    await enr.getByRole('button', { name: 'Confirm' }).click();
    const grid = page.locator('tr[data-attendance-for]', { hasText: 'Kadri Tamm' });
    await grid.waitFor();

    // ---- attendance: present at the first meeting, absent at the second, then present ----
    const cells = grid.getByRole('combobox');
    assert.equal(await cells.count(), 5);
    assert.match(await cells.nth(0).getAttribute('aria-label'), /^Kadri Tamm, /);
    await cells.nth(0).selectOption('present');
    await grid.getByText('1 of 5 meetings').waitFor();
    await cells.nth(1).selectOption('absent');
    await page.waitForFunction(() => document.querySelectorAll('tr[data-attendance-for] td.att.absent').length === 1);
    const enrolment = (await api.get(`/training-enrolments?session_id=${session.id}&assistant_id=${kadri.id}`)).items[0];
    let att = (await api.get(`/training-attendance?enrolment_id=${enrolment.id}`)).items.sort((a, b) => (a.start_at < b.start_at ? -1 : 1));
    assert.deepEqual(att.map((a) => a.present), [true, false]);
    await cells.nth(1).selectOption('present');
    await grid.getByText('2 of 5 meetings').waitFor();
    att = (await api.get(`/training-attendance?enrolment_id=${enrolment.id}`)).items;
    assert.deepEqual(att.map((a) => a.present), [true, true], 'the second mark is changed, not doubled');
    await noAxe(page, 'session page with the grid and the checklist, desktop');
    await screenshot(page, 'training-session-manage-1280');

    // ---- completion and a certificate from the grid ----
    await grid.getByRole('button', { name: 'Mark completed: Kadri Tamm' }).click();
    await page.locator('tr[data-attendance-for]', { hasText: 'Kadri Tamm' }).getByRole('button', { name: 'Record certificate: Kadri Tamm' }).click();
    const cert = page.getByRole('form', { name: 'Record certificate: Kadri Tamm' });
    await cert.getByLabel('Expires on').fill(addDays(today, 730));
    await cert.getByRole('button', { name: 'Record certificate' }).click();
    await page.locator('tr[data-attendance-for]', { hasText: 'Kadri Tamm' }).getByText(/valid until/).waitFor();
    const certs = (await api.get(`/certificates?assistant_id=${kadri.id}&skill_id=${finnish.id}`)).items;
    assert.equal(certs.length, 1);
    assert.equal(certs[0].level, 3);
    assert.equal(certs[0].title, COURSE);

    // Her Finnish rose to the course's level: on her profile.
    await open(page, srv.base, `/people/assistant/${kadri.id}`);
    const skill = page.locator('ul.skills li', { hasText: 'Finnish' });
    await skill.waitFor();
    assert.match(await skill.textContent(), /level 3 of 5/);

    // ---- the budget: set it, and see her seat used against it ----
    await open(page, srv.base, '/training');
    await page.getByRole('link', { name: 'Budget and costs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Training budget' }).waitFor();
    const before = await api.get('/training/settings');
    await page.getByLabel('Budget per assistant and year').fill('500');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The budget is saved.').waitFor();
    const settings = await api.get('/training/settings');
    assert.equal(settings.yearly_budget, 500);
    assert.equal(settings.version, before.version + 1);
    await page.getByLabel('Year', { exact: true }).selectOption(d1.slice(0, 4));
    await page.locator('p.budget-line', { hasText: new RegExp(`^${d1.slice(0, 4)}: €500 per assistant`) }).waitFor();
    const mine = page.locator('table.budget tr', { hasText: 'Kadri Tamm' });
    await mine.waitFor();
    assert.match(await mine.textContent(), /€700/);
    assert.match(await mine.textContent(), /140%/);
    assert.match(await mine.textContent(), /over budget/);
    assert.match(await page.locator('table.budget-years').textContent(), new RegExp(d1.slice(0, 4)));
    await noAxe(page, 'budget, desktop');
    await screenshot(page, 'training-budget-1280');

    // A stale budget (someone saved since): the 412 offers to reload, nothing is changed.
    const bump = await api.req('PATCH', '/training/settings', { yearly_budget: 600 }, settings.version);
    assert.equal(bump.status, 200, bump.text);
    await page.getByLabel('Budget per assistant and year').fill('450');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Reload' }).click();
    // the reload is a request: wait for the field to show the saved value (or time out)
    const budgetField = page.getByLabel('Budget per assistant and year');
    await page.waitForFunction((el) => el.value === '600', await budgetField.elementHandle(), { timeout: 10000 }).catch(() => {});
    assert.equal(await budgetField.inputValue(), '600');
    assert.equal((await api.get('/training/settings')).yearly_budget, 600);

    // ---- cancelling a session ----
    const spare = await api.post('/training-sessions', { course_id: course.id, name: 'Soome keel B1, varu', capacity: 2, place: 'Tallinn' });
    await api.post('/training-meetings', { session_id: spare.id, start_at: `${addDays(d1, 28)}T07:00:00Z`, end_at: `${addDays(d1, 28)}T10:00:00Z` });
    const someone = (await api.get('/assistants?limit=5')).items.find((a) => a.id !== kadri.id);
    await api.post(`/training/sessions/${spare.id}/enrol`, { assistant_id: someone.id });
    await open(page, srv.base, `/training/session/${spare.id}`);
    await page.getByRole('button', { name: 'Cancel session' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel Soome keel B1, varu?' });
    await noAxe(page, 'cancel dialog');
    await dialog.getByRole('button', { name: 'Cancel the session' }).click();
    await page.getByText('This session is cancelled.').waitFor();
    await page.getByText(/The session is cancelled, and \d+ enrolments? with it/).waitFor();
    assert.equal((await api.get(`/training-sessions/${spare.id}`)).status, 'cancelled');
    // The notice counts what the server cancelled with the session (its enrolments cascade).
    const gone = (await api.get(`/training-enrolments?session_id=${spare.id}&status=cancelled`)).items.length;
    assert.match(await page.locator('p.notice').textContent(), new RegExp(`and ${gone} enrolments? with it`));
    assert.equal(await page.getByRole('button', { name: 'Enrol' }).count(), 0, 'no enrolling in a cancelled session');
    check();
    await close();

    // ---- phone size ----
    const phone = await newPage(browser, { viewport: PHONE });
    await signIn(phone.page, srv.base, MANAGER);
    await open(phone.page, srv.base, '/training/courses/new');
    await phone.page.getByRole('button', { name: 'Add a skill' }).click();
    await noAxe(phone.page, 'course form, phone');
    await open(phone.page, srv.base, `/training/course/${course.id}/new-session`);
    await phone.page.getByRole('group', { name: 'Meeting 1' }).getByLabel('Repeats weekly').check();
    await noAxe(phone.page, 'session form, phone');
    await screenshot(phone.page, 'training-session-form-390');
    await open(phone.page, srv.base, `/training/session/${session.id}`);
    await phone.page.locator('tr[data-attendance-for]').first().waitFor();
    await noAxe(phone.page, 'session page, phone');
    await screenshot(phone.page, 'training-session-manage-390');
    await open(phone.page, srv.base, '/training/budget');
    await noAxe(phone.page, 'budget, phone');
    phone.check();
    await phone.close();

    // ---- in Estonian ----
    const et = await newPage(browser, { lang: 'et' });
    await signIn(et.page, srv.base, MANAGER);
    await open(et.page, srv.base, `/training/session/${session.id}`);
    await et.page.getByRole('heading', { name: 'Osalemine' }).waitFor();
    assert.match(await et.page.locator('ul.rules').textContent(), /Iga nädal: esmaspäev ja kolmapäev, kokku 4 kohtumist\./);
    await et.page.getByRole('heading', { name: 'Korraldused' }).waitFor();
    await noAxe(et.page, 'session page, Estonian');
    await et.page.getByRole('button', { name: 'Muuda toimumist' }).click();
    await et.page.getByRole('group', { name: 'Kohtumine 1' }).getByText('Iga nädal: esmaspäev ja kolmapäev, kokku 4 kohtumist.').waitFor();
    await noAxe(et.page, 'session form, Estonian');
    await screenshot(et.page, 'training-session-form-et-1280');
    await open(et.page, srv.base, '/training/budget');
    await et.page.getByRole('heading', { level: 1, name: 'Koolituseelarve' }).waitFor();
    await noAxe(et.page, 'budget, Estonian');
    et.check();
    await et.close();
});
