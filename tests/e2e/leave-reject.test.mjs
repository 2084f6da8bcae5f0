// An assistant requests leave; the manager rejects it with a reason; the assistant sees why.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MANAGER, addDays, launch, newPage, open, screenshot, settle, signIn, startServer } from './lib.mjs';

let srv;
let browser;
before(async () => {
    [srv, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

const ASSISTANT = 'jaan.luik@demo.haldus.example';
const REASON = 'Two of your executives travel that week; please pick another one.';

test('a rejected leave request shows the assistant why', async () => {
    const api = await srv.api(MANAGER);
    const jaan = (await api.get('/assistants?q=Jaan%20Luik')).items[0];
    assert.ok(jaan, 'the demo has Jaan Luik');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Tallinn' }).format(new Date());
    const first = addDays(today, 45);
    const last = addDays(today, 47);

    // The assistant requests three days off.
    const a = await newPage(browser);
    await signIn(a.page, srv.base, ASSISTANT);
    await a.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leave' }).click();
    await settle(a.page);
    await a.page.getByRole('button', { name: 'Request leave' }).click();
    const form = a.page.getByRole('form', { name: 'Request leave' });
    await form.getByLabel('Kind').selectOption('vacation');
    await form.getByLabel('First day away').fill(first);
    await form.getByLabel('Last day away').fill(last);
    await form.getByLabel('Note (optional)').fill('Visiting family');
    await form.getByRole('button', { name: 'Send request' }).click();
    await a.page.getByText('Your request is sent.').waitFor();
    await settle(a.page);
    const mine = a.page.locator('li.absence', { hasText: 'Visiting family' });
    await mine.locator('.badge', { hasText: 'requested' }).waitFor();
    await screenshot(a.page, 'leave-assistant-requested-1280');

    const created = (await api.get(`/absences?person_id=${jaan.id}&status=requested`)).items.find((x) => x.note === 'Visiting family');
    assert.ok(created, 'the request reached the server');
    assert.equal(created.start_at < created.end_at, true);

    // The manager rejects it with a reason.
    const m = await newPage(browser);
    await signIn(m.page, srv.base, MANAGER);
    await open(m.page, srv.base, '/leave');
    const card = m.page.locator(`li[data-absence-id="${created.id}"]`);
    await card.getByRole('link', { name: 'Jaan Luik' }).waitFor();
    await card.getByRole('button', { name: 'Review request' }).click();
    // Rejecting without a reason is refused by the page.
    await card.getByRole('button', { name: 'Reject' }).click();
    await card.getByText('Give a reason', { exact: false }).waitFor();
    await card.getByLabel('Note to the requester (required when rejecting)').fill(REASON);
    await card.getByRole('button', { name: 'Reject' }).click();
    await card.locator('.badge', { hasText: 'rejected' }).waitFor();
    await card.getByText(REASON, { exact: false }).waitFor();
    const after = await api.get(`/absences/${created.id}`);
    assert.equal(after.status, 'rejected');
    assert.equal(after.decision_note, REASON);

    // The assistant sees why, on the leave page and on the schedule.
    await a.page.reload();
    await settle(a.page);
    const rejected = a.page.locator('li.absence', { hasText: 'Visiting family' });
    await rejected.locator('.badge', { hasText: 'rejected' }).waitFor();
    assert.match(await rejected.locator('.decision').innerText(), new RegExp(`Rejected\\.\\s+Reason: ${REASON.replace(/[.;]/g, '.')}`));
    await screenshot(a.page, 'leave-assistant-rejected-1280');
    await open(a.page, srv.base, '/schedule');
    await a.page.getByText(`Reason: ${REASON}`).waitFor();

    a.check();
    m.check();
    await a.close();
    await m.close();
});
