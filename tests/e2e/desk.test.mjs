// The desk in the browser: Kadri Tamm's day (tasks, messages, replies due) and a phone message
// taken with the keyboard alone, her recent caller suggested as she types; her executive sees
// the message and marks it done; the manager's week plan previews a move before saving it; the
// correspondence register. Every page passes axe at desktop and phone sizes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { KADRI, MANAGER, PHONE, axe, formatViolations, launch, newPage, open, screenshot, settle, signIn, startServer } from './lib.mjs';

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

test("an assistant's day, and a message taken with the keyboard alone", async () => {
    const api = await srv.api(MANAGER);
    const kadri = (await api.get('/assistants?q=Kadri%20Tamm')).items[0];
    const execs = (await api.get(`/assistants/${kadri.id}/principals`)).principals;
    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, KADRI);
    await open(page, srv.base, '/my-day');
    await page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
    await page.getByRole('heading', { name: /messages? waiting/ }).waitFor();
    await page.getByRole('heading', { name: /^\d+ tasks?$/ }).waitFor();
    await noAxe(page, 'my day, desktop');
    await screenshot(page, 'desk-my-day-1280');

    // Keyboard only: focus the caller, type, the suggestion fills organisation and phone.
    await page.getByLabel('Caller').focus();
    await page.keyboard.type('Mar');
    await page.waitForFunction(() => document.querySelectorAll('#desk-callers option').length > 0);
    const suggestion = await page.locator('#desk-callers option').first().getAttribute('value');
    assert.match(suggestion, /^Mart Kask \(Nordea\)$/);
    await page.getByLabel('Caller').fill(suggestion);
    assert.equal(await page.getByLabel('Organisation').inputValue(), 'Nordea');
    assert.equal(await page.getByLabel('Phone').inputValue(), '+372 5123 4567');
    await page.getByLabel('Caller').focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab'); // organisation, phone, e-mail, what to do
    await page.keyboard.press('Tab'); // urgency
    await page.keyboard.press('ArrowDown'); // urgent
    await page.keyboard.press('Tab'); // message
    await page.keyboard.type('Please call about the covenants.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // the save button
    await page.getByText('Message from Mart Kask saved.').waitFor();
    const mine = await api.get(`/phone-messages?taken_by_id=${kadri.id}&status=open&limit=500`);
    const taken = mine.items.find((m) => m.message === 'Please call about the covenants.');
    assert.ok(taken, 'the message was not saved');
    assert.equal(taken.urgency, 'urgent');
    assert.equal(taken.principal_id, execs[0].principal_id);

    await page.setViewportSize(PHONE);
    await settle(page);
    await noAxe(page, 'my day, phone');
    await screenshot(page, 'desk-my-day-390');
    check();
    await close();

    // The executive sees it and marks it done.
    const exec = await newPage(browser);
    await signIn(exec.page, srv.base, execs[0].email);
    await open(exec.page, srv.base, '/messages');
    await exec.page.getByRole('heading', { level: 1, name: 'Messages' }).waitFor();
    const row = exec.page.locator('li.card-row', { hasText: 'Please call about the covenants.' });
    await row.waitFor();
    assert.match(await row.innerText(), /urgent/);
    await noAxe(exec.page, 'messages');
    await row.getByRole('button', { name: 'Done' }).click();
    await row.waitFor({ state: 'detached' });
    assert.equal((await api.get(`/phone-messages/${taken.id}`)).status, 'done');
    exec.check();
    await exec.close();
});

test("the manager's week plan: a move previewed, then saved; the correspondence register", async () => {
    const api = await srv.api(MANAGER);
    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, MANAGER);
    // Today names the pool's overdue replies.
    await open(page, srv.base, '/today');
    const replies = page.locator('section.card', { has: page.getByRole('heading', { name: 'Replies overdue' }) });
    await replies.getByText(/\d+ repl(y is|ies are) overdue\./).waitFor();
    await open(page, srv.base, '/week-plan');
    await page.getByRole('heading', { level: 1, name: 'Week plan' }).waitFor();
    const table = page.locator('table.week-plan');
    await table.waitFor();
    await noAxe(page, 'week plan');
    await screenshot(page, 'desk-week-plan-1280');
    const first = table.getByRole('button', { name: /^Move / }).first();
    const title = (await first.innerText()).trim();
    await first.click();
    const dialog = page.getByRole('region', { name: `Move “${title}”` });
    await dialog.waitFor();
    const select = dialog.getByLabel('Assistant');
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => o.value));
    const current = await select.inputValue();
    const other = options.find((v) => v !== current);
    await select.selectOption(other);
    await dialog.getByRole('button', { name: 'Show the effect' }).click();
    await dialog.getByText(/tasks .* → /).first().waitFor();
    assert.equal(await dialog.locator('li').count(), 2, 'the effect on both assistants');
    await dialog.getByRole('button', { name: 'Save the move' }).click();
    await dialog.waitFor({ state: 'detached' });
    const moved = (await api.get(`/tasks?assistant_id=${other}&limit=500`)).items.filter((t) => t.title === title);
    assert.ok(moved.length > 0, 'the task did not move');

    await open(page, srv.base, '/correspondence');
    await page.getByRole('heading', { level: 1, name: 'Correspondence' }).waitFor();
    await page.locator('table tbody tr').first().waitFor();
    assert.ok((await page.getByText('overdue').count()) > 0, 'no overdue reply shown');
    await noAxe(page, 'correspondence');
    await page.setViewportSize(PHONE);
    await settle(page);
    await noAxe(page, 'correspondence, phone');
    await open(page, srv.base, '/week-plan');
    await noAxe(page, 'week plan, phone');
    check();
    await close();
});
