// Editing people: the API's field-level validation message appears at the field, and a 412
// (two pages editing the same person) shows field by field what changed on the server and what
// the user changed, and re-applies the user's edits on the new version (or takes theirs).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MANAGER, PHONE, axe, formatViolations, launch, newPage, open, screenshot, signIn, startServer } from './lib.mjs';

let srv;
let browser;
before(async () => {
    [srv, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

async function openEditor(page, id) {
    await open(page, srv.base, `/people/assistant/${id}`);
    await page.getByRole('button', { name: 'Edit' }).click();
    return page.getByRole('form', { name: /^Edit / });
}

test('a validation error is shown at its field', async () => {
    const api = await srv.api(MANAGER);
    const jaan = (await api.get('/assistants?q=Jaan%20Luik')).items[0];
    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, MANAGER);
    const form = await openEditor(page, jaan.id);
    const email = form.getByLabel('E-mail');
    await email.fill('not-an-email');
    await form.getByLabel('Capacity (executives at once)').fill('3');
    await form.getByRole('button', { name: 'Save changes' }).click();
    // The API answers 422 with field "email"; the message is under the E-mail input, which is
    // marked invalid and described by it.
    await form.getByText('email must be an e-mail address').waitFor();
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    const describedBy = await email.getAttribute('aria-describedby');
    assert.match(await page.locator(`#${describedBy.split(' ')[0]}`).innerText(), /e-mail address/);
    await screenshot(page, 'person-validation-1280');
    // Nothing changed on the server.
    const still = await api.get(`/assistants/${jaan.id}`);
    assert.equal(still.email, jaan.email);
    assert.equal(still.version, jaan.version);

    // A number field: the same, from the API.
    await email.fill(jaan.email);
    await form.getByLabel('Capacity (executives at once)').fill('99');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const cap = form.getByLabel('Capacity (executives at once)');
    await page.waitForFunction((el) => el.getAttribute('aria-invalid') === 'true', await cap.elementHandle());
    assert.equal(await email.getAttribute('aria-invalid'), null, 'the e-mail error is gone');

    // Correct it: saved.
    await cap.fill(String(jaan.capacity === 5 ? 6 : 5));
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    assert.equal((await api.get(`/assistants/${jaan.id}`)).capacity, jaan.capacity === 5 ? 6 : 5);
    check();
    await close();
});

test('a new executive: the missing department is named at its field, then created', async () => {
    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, MANAGER);
    await open(page, srv.base, '/people?kind=principal');
    await page.getByRole('link', { name: 'New executive' }).click();
    const form = page.getByRole('form', { name: 'New executive' });
    await form.getByLabel('Full name').fill('Maria Saar');
    await form.getByLabel('E-mail').fill('maria.saar@example.com');
    await form.getByLabel('Office').fill('Tartu');
    await form.getByLabel('Title').fill('Head of Research');
    await form.getByRole('button', { name: 'Create' }).click();
    const dept = form.getByLabel('Department');
    await page.waitForFunction((el) => el.getAttribute('aria-invalid') === 'true', await dept.elementHandle());
    await dept.fill('Research');
    await form.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { level: 1, name: 'Maria Saar' }).waitFor();
    assert.match(await page.locator('.subtitle').innerText(), /Head of Research, Research · Tartu/);
    check();
    await close();
});

test('two pages edit the same person: the second gets a 412, sees what changed and keeps their edits', async () => {
    const api = await srv.api(MANAGER);
    const siim = (await api.get('/assistants?q=Siim%20Lill')).items[0];
    assert.ok(siim, 'the demo has Siim Lill');
    const a = await newPage(browser);
    const b = await newPage(browser);
    await signIn(a.page, srv.base, MANAGER);
    await signIn(b.page, srv.base, MANAGER);
    const formA = await openEditor(a.page, siim.id);
    const formB = await openEditor(b.page, siim.id);

    // A saves first.
    await formA.getByLabel('Phone').fill('+372 5555 0001');
    await formA.getByRole('button', { name: 'Save changes' }).click();
    await a.page.getByText('Saved.').waitFor();

    // B still has the old version: 412, nothing saved, and field by field what A changed and
    // what B changed.
    await formB.getByLabel('Years of experience').fill('11');
    await formB.getByLabel('Work-style traits').fill('calm, precise');
    await formB.getByRole('button', { name: 'Save changes' }).click();
    const alert = b.page.locator('.error-box.conflict[role="alert"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Someone else changed this record/);
    const table = alert.locator('table.merge-table');
    await table.waitFor();
    const row = async (label) => (await table.getByRole('row', { name: new RegExp(`^${label}`) }).innerText()).split('\t').map((x) => x.trim());
    assert.deepEqual(await row('Phone'), ['Phone', siim.phone || '—', '+372 5555 0001', '(unchanged)']);
    assert.deepEqual(await row('Years of experience'), ['Years of experience', String(siim.experience_years), '(unchanged)', '11']);
    assert.deepEqual((await row('Work-style traits')).slice(2), ['(unchanged)', 'calm, precise']);
    const v = await axe(b.page);
    assert.deepEqual(v, [], `the merge panel: ${formatViolations(v)}`);
    await screenshot(b.page, 'person-conflict-1280');
    let now = await api.get(`/assistants/${siim.id}`);
    assert.equal(now.phone, '+372 5555 0001');
    assert.equal(now.experience_years, siim.experience_years, 'B changed nothing');

    // Re-apply: the form holds A's phone and B's own edits, not typed again; saving keeps both.
    await alert.getByRole('button', { name: 'Re-apply my changes on the new version' }).click();
    await b.page.getByText('Your changes are now on the latest version').waitFor();
    assert.equal(await formB.getByLabel('Phone').inputValue(), '+372 5555 0001');
    assert.equal(await formB.getByLabel('Years of experience').inputValue(), '11');
    assert.equal(await formB.getByLabel('Work-style traits').inputValue(), 'calm, precise');
    await formB.getByRole('button', { name: 'Save changes' }).click();
    await b.page.getByText('Saved.').waitFor();
    now = await api.get(`/assistants/${siim.id}`);
    assert.equal(now.experience_years, 11);
    assert.deepEqual(now.traits, ['calm', 'precise']);
    assert.equal(now.phone, '+372 5555 0001', 'A’s change survived');
    a.check();
    b.check();
    await a.close();
    await b.close();
});

test('a 412 at phone size: discarding mine takes their version', async () => {
    const api = await srv.api(MANAGER);
    const jaan = (await api.get('/assistants?q=Jaan%20Luik')).items[0];
    const b = await newPage(browser, { viewport: PHONE });
    await signIn(b.page, srv.base, MANAGER);
    const form = await openEditor(b.page, jaan.id);
    const r = await api.req('PATCH', `/assistants/${jaan.id}`, { phone: '+372 5555 0002' }, jaan.version);
    assert.equal(r.status, 200, r.text);
    await form.getByLabel('Office').fill('Tartu');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const alert = b.page.locator('.error-box.conflict[role="alert"]');
    await alert.locator('table.merge-table').waitFor();
    const v = await axe(b.page);
    assert.deepEqual(v, [], `the merge panel (phone): ${formatViolations(v)}`);
    await screenshot(b.page, 'person-conflict-390');
    await alert.getByRole('button', { name: 'Discard mine, take theirs' }).click();
    assert.equal(await form.getByLabel('Phone').inputValue(), '+372 5555 0002');
    assert.equal(await form.getByLabel('Office').inputValue(), jaan.office);
    assert.equal((await api.get(`/assistants/${jaan.id}`)).office, jaan.office, 'nothing of mine was saved');
    b.check();
    await b.close();
});

test('planner settings: a wrong slot length is refused at its field, a good one is saved', async () => {
    const api = await srv.api(MANAGER);
    const before = await api.get('/settings/planner');
    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, MANAGER);
    await open(page, srv.base, '/settings');
    const form = page.getByRole('form', { name: 'Planner settings' });
    const slot = form.getByLabel('Slot length (minutes)');
    await slot.fill('7');
    await form.getByRole('button', { name: 'Save planner settings' }).click();
    await page.waitForFunction((el) => el.getAttribute('aria-invalid') === 'true', await slot.elementHandle());
    assert.equal((await api.get('/settings/planner')).slot_minutes, before.slot_minutes, 'nothing saved');
    await slot.fill('30');
    await form.getByRole('button', { name: 'Save planner settings' }).click();
    await page.getByText('Saved. The next plan uses these settings.').waitFor();
    assert.equal((await api.get('/settings/planner')).slot_minutes, 30);
    check();
    await close();
});
