// recruit-pages.test.mjs: the managers' recruiting pages in a real Chromium (issue 12). A manager
// finds the demo's requisition with its counts per stage, opens its pipeline board (a column per
// stage, the open candidates ranked best first with the ranking's explanation), invites a
// candidate to interview, opens the candidate's page (resume text, stage history), hires the
// one with an offer (the proposed assignment links to the new assistant's profile), rejects one
// with a reason and erases a rejected one after confirming. The pages pass axe at desktop and
// phone sizes; the board is also checked in Estonian. A new requisition is made through the form
// (a refused salary range first), approved, and its English posting written and published.
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

const column = (page, stage) => page.locator(`section[data-stage="${stage}"]`);
const candidate = (page, name) => page.locator('li.candidate', { hasText: name });

async function appByEmail(email) {
    return (await api.get(`/applications?requisition_id=${req.id}&limit=500`)).items.find((a) => a.email === email);
}

test('the board ranks with explanations; a candidate is moved, hired, rejected and erased', async () => {
    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, MANAGER);

    // The requisitions: the demo's, approved, with its candidates counted per stage.
    await page.getByRole('link', { name: 'Recruiting' }).click();
    await page.getByRole('heading', { level: 1, name: 'Recruiting' }).waitFor();
    await settle(page);
    const card = page.locator(`li[data-requisition-id="${req.id}"]`);
    assert.match(await card.textContent(), /approved/);
    assert.match(await card.getByRole('list', { name: 'Candidates per stage' }).textContent(), /Applied: 3.*Screening: 2.*Interview: 1.*Offer: 2.*Hired: 0/);
    assert.equal(await card.getByRole('link', { name: 'See it on the careers page' }).count(), 2, 'both postings are published');
    await noAxe(page, 'requisitions, desktop');
    await screenshot(page, 'recruit-list-1280');

    // The board: a column per stage; the open ones in the ranking's order with its explanation.
    await card.getByRole('link', { name: req.title }).click();
    await page.getByRole('heading', { level: 1, name: req.title }).waitFor();
    await settle(page);
    for (const [stage, label, n] of [
        ['applied', 'Applied', 3],
        ['screening', 'Screening', 2],
        ['interview', 'Interview', 1],
        ['offer', 'Offer', 2],
        ['hired', 'Hired', 0],
        ['rejected', 'Rejected', 1],
        ['withdrawn', 'Withdrawn', 0],
    ]) {
        assert.equal(await column(page, stage).getByRole('heading', { level: 2 }).textContent(), `${label} (${n})`);
        assert.match(await column(page, stage).locator('p.hint').first().textContent(), /^On average [\d.]+ days? in this stage$/);
    }
    // The board ranks all the open candidates at once (the relevance is relative to them) and
    // shows each stage's in that order.
    const ranking = (await api.get(`/requisitions/${req.id}/ranking?limit=500`)).items.filter((x) => x.application.stage === 'applied');
    assert.equal(ranking.length, 3);
    const shown = await column(page, 'applied').locator('li.candidate').evaluateAll((els) =>
        els.map((e) => ({ name: e.querySelector('a').textContent, why: e.querySelector('.explanation').textContent })),
    );
    assert.deepEqual(
        shown,
        ranking.map((x) => ({ name: x.application.name, why: x.explanation.text })),
        'ranked best first, each with the explanation text',
    );
    assert.ok(shown.every((s) => s.why.length > 0));
    await noAxe(page, 'board, desktop');
    await screenshot(page, 'recruit-board-1280');

    // Oliver Grant (screening) is invited to interview: he moves to the interview column.
    await candidate(page, 'Oliver Grant').getByRole('button', { name: 'Invite to interview Oliver Grant' }).click();
    await column(page, 'interview').locator('li.candidate', { hasText: 'Oliver Grant' }).waitFor();
    assert.equal(await column(page, 'interview').getByRole('heading', { level: 2 }).textContent(), 'Interview (2)');
    assert.equal(await column(page, 'screening').getByRole('heading', { level: 2 }).textContent(), 'Screening (1)');
    assert.equal((await appByEmail('oliver.grant@example.com')).stage, 'interview');

    // Reject Mari Tamm (interview): the reason is asked for first.
    await candidate(page, 'Mari Tamm').getByRole('button', { name: 'Reject Mari Tamm' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reject Mari Tamm' });
    await dialog.waitFor();
    assert.equal(await dialog.getByRole('button', { name: 'Reject' }).isDisabled(), true, 'no reason, no rejection');
    await dialog.getByLabel('Reason').fill('Less board experience than the others');
    await noAxe(page, 'reason dialog');
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await column(page, 'rejected').locator('li.candidate', { hasText: 'Mari Tamm' }).waitFor();
    const mari = await appByEmail('mari.tamm@example.ee');
    assert.equal(mari.stage, 'rejected');
    assert.equal(mari.reason, 'Less board experience than the others');

    // Oliver's page: details, the resume's text and his stage history.
    await candidate(page, 'Oliver Grant').getByRole('link', { name: 'Oliver Grant' }).click();
    await page.getByRole('heading', { level: 1, name: 'Oliver Grant' }).waitFor();
    await settle(page);
    assert.match(await page.locator('pre.resume').textContent(), /London law firm/);
    assert.match(await page.locator('dl.facts').textContent(), /oliver\.grant@example\.com/);
    assert.match(await page.locator('ol.history').textContent(), /Interview: since /);
    await page.getByRole('link', { name: 'Export (JSON)' }).waitFor();
    await noAxe(page, 'candidate, desktop');
    await screenshot(page, 'recruit-candidate-1280');
    await page.setViewportSize(PHONE);
    await noAxe(page, 'candidate, phone');
    await page.setViewportSize({ width: 1280, height: 800 });

    // Liis Kuusk has accepted an offer (the demo's): hire her from her page; the proposed assignment links to her profile.
    const liis = await appByEmail('liis.kuusk@example.ee');
    await open(page, srv.base, `/recruit/application/${liis.id}`);
    await page.getByRole('heading', { level: 1, name: 'Liis Kuusk' }).waitFor();
    await page.getByRole('button', { name: 'Hire Liis Kuusk' }).click();
    const hired = page.locator('section.hired');
    await hired.waitFor();
    const assistant = (await api.get('/assistants?q=Liis%20Kuusk&limit=10')).items.find((p) => p.email === 'liis.kuusk@example.ee');
    assert.ok(assistant, 'the hire made her an assistant');
    const principal = await api.get(`/principals/${req.principal_id}`);
    assert.match(await hired.textContent(), new RegExp(`Liis Kuusk as the primary assistant of ${principal.name} from .*\\(100%\\)`));
    const profile = hired.getByRole('link', { name: "Liis Kuusk's profile" });
    assert.equal(await profile.getAttribute('href'), `#/people/assistant/${assistant.id}`);
    await noAxe(page, 'hired, desktop');
    await screenshot(page, 'recruit-hired-1280');
    await hired.getByRole('button', { name: 'Make this assignment' }).click();
    await hired.getByRole('status').waitFor();
    const assigned = (await api.get(`/assignments?assistant_id=${assistant.id}&limit=10`)).items;
    assert.equal(assigned.length, 1);
    assert.equal(assigned[0].principal_id, req.principal_id);
    await profile.click();
    await page.getByRole('heading', { level: 1, name: 'Liis Kuusk' }).waitFor();

    // Peeter Saar (rejected) asks to be forgotten: erase, after confirming.
    const peeter = await appByEmail('peeter.saar@example.ee');
    await open(page, srv.base, `/recruit/application/${peeter.id}`);
    await page.getByRole('heading', { level: 1, name: 'Peeter Saar' }).waitFor();
    await page.getByRole('button', { name: 'Erase…' }).click();
    const confirm = page.getByRole('dialog', { name: "Erase Peeter Saar's data?" });
    await confirm.waitFor();
    assert.equal((await api.req('GET', `/applications/${peeter.id}`)).status, 200, 'nothing erased before confirming');
    await confirm.getByRole('button', { name: 'Erase for good' }).click();
    await page.getByRole('heading', { level: 1, name: req.title }).waitFor();
    assert.equal((await api.req('GET', `/applications/${peeter.id}`)).status, 404);
    check();
    await close();
});

test('the board in Estonian, at phone size', async () => {
    const { page, check, close } = await newPage(browser, { lang: 'et', viewport: PHONE });
    await signIn(page, srv.base, MANAGER);
    await open(page, srv.base, `/recruit/${req.id}`);
    await page.getByRole('heading', { level: 1, name: req.title }).waitFor();
    assert.match(await column(page, 'applied').getByRole('heading', { level: 2 }).textContent(), /^Kandideerinud \(\d+\)$/);
    assert.match(await column(page, 'applied').locator('p.hint').first().textContent(), /^Keskmiselt [\d,]+ päev(a)? selles etapis$/);
    await column(page, 'applied').getByRole('button', { name: /^Vii eelvalikusse / }).first().waitFor();
    await noAxe(page, 'board in Estonian, phone');
    await screenshot(page, 'recruit-board-et-390');
    await open(page, srv.base, '/recruit');
    await page.getByRole('heading', { level: 1, name: 'Värbamine' }).waitFor();
    await noAxe(page, 'requisitions in Estonian, phone');
    check();
    await close();
});

test('a new requisition: refused salary range, created, approved, its posting written and published', async () => {
    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, MANAGER);
    await open(page, srv.base, '/recruit');
    await page.getByRole('button', { name: 'New requisition' }).click();
    const dialog = page.getByRole('dialog', { name: 'New requisition' });
    await dialog.getByLabel('Title').fill('Assistant to the new CTO');
    const exec = (await api.get(`/principals/${req.principal_id}`)).name;
    await dialog.getByLabel('Executive').selectOption({ label: exec });
    // The executive's template fills the office (and duties, skills, languages).
    await page.waitForFunction(() => [...document.querySelectorAll('dialog input')].some((i) => i.labels?.[0]?.textContent === 'Office' && i.value !== ''));
    await dialog.getByLabel('Salary from (a month, EUR)').fill('2500');
    await dialog.getByLabel('Salary up to (a month, EUR)').fill('2000');
    await noAxe(page, 'new requisition dialog');
    await dialog.getByRole('button', { name: 'Create requisition' }).click();
    await dialog.locator('.field.has-error').getByText(/the highest salary \(\d+\) is below the lowest/).waitFor();
    assert.equal((await api.get('/requisitions?limit=50')).items.filter((r) => r.title === 'Assistant to the new CTO').length, 0, 'nothing created');
    await dialog.getByLabel('Salary up to (a month, EUR)').fill('3000');
    await dialog.getByRole('button', { name: 'Create requisition' }).click();
    await page.getByRole('heading', { level: 1, name: 'Assistant to the new CTO' }).waitFor();
    const made = (await api.get('/requisitions?limit=50')).items.find((r) => r.title === 'Assistant to the new CTO');
    assert.equal(made.status, 'draft');
    assert.equal(made.principal_id, req.principal_id);
    assert.equal(made.salary_max, 3000);

    await open(page, srv.base, '/recruit');
    const card = page.locator(`li[data-requisition-id="${made.id}"]`);
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.getByText('approved', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Write the English posting' }).click();
    await card.getByRole('button', { name: 'Publish' }).click();
    await card.getByRole('link', { name: 'See it on the careers page' }).waitFor();
    const posts = (await api.get(`/postings?requisition_id=${made.id}`)).items;
    assert.deepEqual(
        posts.map((p) => [p.lang, p.status]),
        [['en', 'published']],
    );
    assert.equal(await card.getByRole('link', { name: 'See it on the careers page' }).getAttribute('href'), `/careers/${posts[0].id}?lang=en`);
    check();
    await close();
});
