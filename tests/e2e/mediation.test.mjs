// Issue 13's browser test: an assistant raises a case about her executive from "My reports";
// the manager reviews it, mediates with a session and an agreed action, closes it as
// "reassigned", and the pair is recorded incompatible for the matching; the case page links to
// the matching view for the executive with the assistant excluded (the view comes with role fit).
// The manager also books a session through find-a-time and sees an action's next reminder. While the case was open the planner proposed neither for the
// other; the assistant never sees the manager's note; the pages pass axe at phone and desktop.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESKTOP, KADRI, MANAGER, PHONE, addDays, axe, formatViolations, launch, newPage, open, screenshot, settle, signIn, startServer } from './lib.mjs';

let srv;
let browser;
before(async () => {
    [srv, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

const STATEMENT = 'He changes the travel plans after I have booked them and then says I booked wrong.';
const NOTE = 'Private: he has had the same issue with his previous assistant.';

async function noSerious(page, where) {
    const v = await axe(page);
    assert.deepEqual(v, [], `${where}: axe found serious problems:\n${formatViolations(v)}`);
}

test('raised by an assistant, mediated by the manager, closed as reassigned', async () => {
    const api = await srv.api(MANAGER);
    const kadri = (await api.get('/assistants?q=Kadri%20Tamm')).items[0];
    const execs = (await api.get(`/assistants/${kadri.id}/principals`)).principals.sort((a, b) => a.principal_id - b.principal_id);
    const exec = execs[execs.length - 1];

    // The assistant raises a concern about her executive.
    const a = await newPage(browser);
    await signIn(a.page, srv.base, KADRI);
    await a.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My reports' }).click();
    await settle(a.page);
    await a.page.getByRole('button', { name: 'Raise a concern' }).click();
    const form = a.page.getByRole('form', { name: 'Raise a concern' });
    await form.getByLabel('About which executive').selectOption(String(exec.principal_id));
    await form.getByLabel('Category').selectOption('conflicting_instructions');
    await form.getByLabel('What happened').fill(STATEMENT);
    await noSerious(a.page, 'my reports with the form');
    await form.getByRole('button', { name: 'Send to the manager' }).click();
    await a.page.getByText('Your report is sent.').waitFor();
    await settle(a.page);
    const mine = a.page.locator('li.case-card', { hasText: exec.name });
    await mine.getByText('reported').first().waitFor();
    await screenshot(a.page, 'mediation-my-reports-1280');
    const raised = (await api.get('/cases?status=reported')).items.filter((c) => c.raised_by === kadri.id).pop();
    assert.ok(raised, 'the report reached the server');

    // The executive cannot see it (the manager has not allowed it).
    const execApi = await srv.api(exec.email || (await api.get(`/principals/${exec.principal_id}`)).email);
    const hidden = await execApi.req('GET', `/cases/${raised.id}`);
    assert.equal(hidden.status, 404);

    // While the case is open the planner never proposes one for the other.
    const from = addDays(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Tallinn' }).format(new Date()), 80);
    const plan = await api.post('/coverage/plans', { from, to: addDays(from, 4) });
    assert.ok(!plan.covers.some((c) => c.principal_id === exec.principal_id && c.assistant_id === kadri.id), 'a party was proposed');

    // The manager mediates.
    const m = await newPage(browser);
    await signIn(m.page, srv.base, MANAGER);
    await m.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
    await settle(m.page);
    await noSerious(m.page, 'cases (desktop)');
    await m.page.locator(`li[data-case-id="${raised.id}"] a`).click();
    await settle(m.page);
    await m.page.getByText(STATEMENT).waitFor();
    await m.page.getByRole('button', { name: 'Take into review' }).click();
    await m.page.getByRole('button', { name: 'Start mediation' }).waitFor();
    await m.page.getByRole('button', { name: 'Start mediation' }).click();
    await m.page.getByRole('button', { name: 'Actions agreed' }).waitFor();
    const entry = m.page.getByRole('form', { name: 'Add to the timeline' });
    await entry.getByLabel('Text').fill(NOTE);
    await entry.getByRole('button', { name: 'Add to the timeline' }).click();
    await m.page.getByText(NOTE).waitFor();
    const session = m.page.getByRole('form', { name: 'Plan a session' });
    await session.getByLabel('Date').fill(addDays(from, -70));
    await session.getByLabel('Starts').fill('14:00');
    await session.getByLabel('Ends').fill('15:00');
    await session.getByRole('button', { name: 'Plan a session' }).click();
    await m.page.getByText('Meeting with the manager', { exact: false }).first().waitFor();
    // A second session through find-a-time: the free times of both parties and the manager.
    const finder = m.page.getByRole('form', { name: 'Find a time' });
    await finder.getByLabel('Who attends').selectOption('all');
    await finder.getByRole('button', { name: 'Find a time' }).click();
    const slots = finder.getByRole('list', { name: 'Free times' });
    await slots.waitFor();
    const sessionsBefore = (await api.get(`/cases/${raised.id}`)).sessions.length;
    await slots.getByRole('button', { name: /^Book / }).first().click();
    await slots.waitFor({ state: 'detached' });
    const booked = (await api.get(`/cases/${raised.id}`)).sessions;
    assert.equal(booked.length, sessionsBefore + 1, 'the free time found was booked');
    assert.deepEqual(booked[booked.length - 1].attendees.sort(), [kadri.id, exec.principal_id].sort());
    const action = m.page.getByRole('form', { name: 'Add an agreed action' });
    await action.getByLabel('Action').fill('Travel changes go through the assistant, in writing');
    await action.getByLabel('Due').fill(addDays(from, -60));
    await action.getByRole('button', { name: 'Add an agreed action' }).click();
    await m.page.getByText('Travel changes go through the assistant').waitFor();
    // Its owner is nobody: no reminder. The case's page shows the next reminder of an owned one.
    const owned = await api.post(`/cases/${raised.id}/actions`, { description: 'Weekly check-in', owner_id: kadri.id, due_date: addDays(from, -50) });
    await m.page.reload();
    await settle(m.page);
    await m.page.locator('.next-reminder', { hasText: 'reminder on' }).first().waitFor();
    assert.ok(owned.id);
    await m.page.getByRole('button', { name: 'Actions agreed' }).click();
    await m.page.getByText('agreed actions').first().waitFor();
    await noSerious(m.page, 'case page (desktop)');
    await screenshot(m.page, 'mediation-case-1280');
    const close = m.page.getByRole('form', { name: 'Close the case' });
    await close.getByLabel('Outcome').selectOption('reassigned');
    await close.getByLabel('Closing note (optional)').fill('Kadri moves to another executive.');
    await close.getByRole('button', { name: 'Close the case' }).click();
    await m.page.getByText('Marked incompatible for matching').waitFor();
    const closed = await api.get(`/cases/${raised.id}`);
    assert.equal(closed.status, 'closed');
    assert.equal(closed.outcome, 'reassigned');
    assert.deepEqual(closed.incompatible_pairs, [{ assistant_id: kadri.id, principal_id: exec.principal_id }]);
    // The page links to the matching for the executive, with the assistant excluded.
    const another = m.page.getByRole('link', { name: `Find another assistant for ${exec.name}` });
    assert.equal(await another.getAttribute('href'), `#/matching?principal=${exec.principal_id}&exclude=${kadri.id}`);
    await noSerious(m.page, 'closed case page (desktop)');
    await another.click();
    await m.page.waitForFunction((want) => location.hash === want, `#/matching?principal=${exec.principal_id}&exclude=${kadri.id}`);

    // The assistant sees the outcome and her own statement, never the manager's note.
    await open(a.page, srv.base, `/cases/${raised.id}`);
    await a.page.getByText('reassigned').first().waitFor();
    await a.page.getByText(STATEMENT).waitFor();
    assert.equal(await a.page.getByText(NOTE).count(), 0, 'the assistant sees the manager note');
    await noSerious(a.page, 'case page as the assistant');

    // Phone size.
    const p = await newPage(browser, { viewport: PHONE });
    await signIn(p.page, srv.base, MANAGER);
    await open(p.page, srv.base, `/cases/${raised.id}`);
    await noSerious(p.page, 'case page (phone)');
    await open(p.page, srv.base, '/cases');
    await noSerious(p.page, 'cases (phone)');
    await screenshot(p.page, 'mediation-cases-390');
    for (const x of [a, m, p]) x.check();
    assert.ok(DESKTOP.width > PHONE.width);
});
