// Training in the browser, from a need to a completion: the manager reads on the needs card that
// Kadri Tamm lacks Finnish 4 for her executive, follows the course it links to, opens its
// session, enrols Kadri, looks at the coverage impact of her seat, confirms it (her training
// absence is approved) and marks the course completed (her Finnish is 4 now). Kadri sees the
// session under My training. Every page passes axe at desktop and phone sizes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { KADRI, MANAGER, PHONE, axe, formatViolations, launch, newPage, open, screenshot, signIn, startServer } from './lib.mjs';

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

test('from a need to a completion, with the coverage impact of the seat', async () => {
    const api = await srv.api(MANAGER);
    const kadri = (await api.get('/assistants?q=Kadri%20Tamm')).items[0];
    const finnish = (await api.get('/skills?q=Finnish')).items.find((s) => s.name === 'Finnish');
    // The demo's December session is full (two seats, one waiting): give it room for Kadri (the
    // one waiting takes the first new seat).
    const session = (await api.get('/training-sessions?limit=50')).items.find((s) => s.name === 'Soome keel B2, detsember');
    const grown = await api.req('PATCH', `/training-sessions/${session.id}`, { capacity: 4 }, session.version);
    assert.equal(grown.status, 200, grown.text);

    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, MANAGER);
    await open(page, srv.base, '/training');
    await page.getByRole('heading', { level: 1, name: 'Training' }).waitFor();
    const need = page.locator('li', { hasText: /Kadri Tamm lacks Finnish 4 \(has 0\)/ }).last();
    await need.waitFor();
    assert.match(await need.textContent(), /Helen Koppel/);
    await noAxe(page, 'training, desktop');
    await screenshot(page, 'training-needs-1280');

    // The need links to the course that teaches Finnish 4; the course to its session.
    await need.getByRole('link', { name: 'Soome keel ärisuhtluses B2' }).click();
    await page.getByRole('heading', { level: 1, name: 'Soome keel ärisuhtluses B2' }).waitFor();
    await noAxe(page, 'course page');
    await page.getByRole('link', { name: 'Soome keel B2, detsember' }).click();
    await page.getByRole('heading', { level: 1, name: 'Soome keel B2, detsember' }).waitFor();
    await page.getByRole('heading', { name: /Seats: 3 of 4 taken, 0 waiting/ }).waitFor();

    // Enrol Kadri: a seat (the session has room now).
    await page.getByLabel('Assistant').selectOption({ label: 'Kadri Tamm' });
    await page.getByRole('button', { name: 'Enrol' }).click();
    await page.getByRole('heading', { name: /Seats: 4 of 4 taken, 0 waiting/ }).waitFor();
    const row = page.locator('li[data-enrolment-id]', { hasText: 'Kadri Tamm' });
    await row.getByRole('button', { name: 'Coverage impact' }).click();
    await row.getByRole('heading', { name: 'While Kadri Tamm is in training' }).waitFor();
    await row.locator('ul.impact li').first().waitFor();
    await noAxe(page, 'session with impact, desktop');
    await screenshot(page, 'training-session-impact-1280');

    // Confirm: her training absences are approved (and planned).
    await row.getByRole('button', { name: 'Confirm' }).click();
    await page.locator('li[data-enrolment-id]', { hasText: 'Kadri Tamm' }).getByRole('button', { name: 'Mark completed' }).waitFor();
    const absences = await api.get(`/absences?person_id=${kadri.id}&kind=training&status=approved&limit=100`);
    assert.equal(absences.items.filter((a) => /Soome keel/.test(a.note)).length, 3, 'one training absence per weekly meeting');

    // Complete: Kadri's Finnish rises to the course's level.
    await page.locator('li[data-enrolment-id]', { hasText: 'Kadri Tamm' }).getByRole('button', { name: 'Mark completed' }).click();
    await page.locator('li[data-enrolment-id]', { hasText: 'Kadri Tamm' }).getByRole('button', { name: 'Undo completion' }).waitFor();
    const skills = await api.get(`/assistant-skills?assistant_id=${kadri.id}&skill_id=${finnish.id}`);
    assert.equal(skills.items[0]?.level, 4);
    check();

    // The late arrangement is on Today.
    await open(page, srv.base, '/today');
    await page.getByRole('heading', { name: 'Late training arrangements' }).waitFor();
    await page.getByRole('link', { name: 'Telli õpikud (3 tk)' }).waitFor();
    await close();

    // Phone size: the training page passes axe too.
    const phone = await newPage(browser, { viewport: PHONE });
    await signIn(phone.page, srv.base, MANAGER);
    await open(phone.page, srv.base, '/training');
    await phone.page.getByRole('heading', { level: 1, name: 'Training' }).waitFor();
    // Kadri's Finnish need is gone now; others remain.
    await phone.page.locator('ul.needs > li').first().waitFor();
    assert.equal(await phone.page.locator('li', { hasText: /Kadri Tamm lacks Finnish/ }).count(), 0);
    await noAxe(phone.page, 'training, phone');
    await screenshot(phone.page, 'training-needs-390');
    await phone.close();

    // Kadri sees the session and her completed course under My training.
    const k = await newPage(browser);
    await signIn(k.page, srv.base, KADRI);
    await open(k.page, srv.base, '/my-training');
    await k.page.getByRole('heading', { level: 1, name: 'My training' }).waitFor();
    await k.page.getByRole('link', { name: 'Soome keel ärisuhtluses B2' }).first().waitFor();
    await noAxe(k.page, 'my training');
    k.check();
    await k.close();
});
