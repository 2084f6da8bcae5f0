// An assistant lead named stand-in approver for today signs in with their own assistant account,
// sees the request they decide on the Leave page (with its impact preview), approves it, and the
// page passes axe at desktop and phone sizes; before being named they see no such request.
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

test('a stand-in lead sees the request they decide, previews it and approves it', async () => {
    const api = await srv.api(MANAGER);
    const kadri = (await api.get('/assistants?q=Kadri%20Tamm')).items[0];
    const jaan = (await api.get('/assistants?q=Jaan%20Luik')).items[0];
    const boss = (await api.get('/assistants?q=Triin')).items.find((p) => p.id !== kadri.id && p.id !== jaan.id) || (await api.get('/principals?limit=1')).items[0];
    assert.ok(kadri && jaan && boss, 'the demo has Kadri Tamm, Jaan Luik and a manager to stand in for');
    const today = new Date().toISOString().slice(0, 10);
    const first = addDays(today, 60);
    const request = await api.post('/absences', {
        person_id: jaan.id,
        kind: 'vacation',
        start_at: `${addDays(first, -1)}T22:00:00Z`,
        end_at: `${addDays(first, 2)}T22:00:00Z`,
        note: 'Stand-in test trip',
    });

    // Not named yet: Kadri's leave page has nothing of Jaan's to decide.
    const k = await newPage(browser);
    await signIn(k.page, srv.base, KADRI);
    await open(k.page, srv.base, '/leave');
    assert.equal(await k.page.getByRole('heading', { name: 'Requests you decide' }).count(), 0);
    assert.equal(await k.page.locator(`li[data-absence-id="${request.id}"]`).count(), 0);

    // The manager names her stand-in approver from yesterday to three days on.
    await api.post('/approval-standins', { manager_id: boss.id, standin_id: kadri.id, from_date: addDays(today, -1), to_date: addDays(today, 3), note: 'away' });
    await k.page.reload();
    await settle(k.page);
    await k.page.getByRole('heading', { name: 'Requests you decide' }).waitFor();
    await k.page.getByTestId('standin-notice').waitFor();
    const card = k.page.locator(`li[data-absence-id="${request.id}"]`);
    await card.getByRole('link', { name: jaan.name }).waitFor();
    // Hers to decide, not to cancel.
    assert.equal(await card.getByRole('button', { name: 'Cancel this absence' }).count(), 0);
    await card.getByRole('button', { name: 'Review request' }).click();
    await card.getByRole('group', { name: /Review/ }).waitFor();
    await settle(k.page);
    // The impact preview loaded (no error box), and the balance after it.
    assert.equal(await card.locator('.error').count(), 0, await card.innerText());
    const review = card.getByRole('group', { name: /Review/ });
    assert.ok((await review.innerText()).length > 40, await review.innerText());

    const desktop = await axe(k.page);
    assert.deepEqual(desktop, [], formatViolations(desktop));
    await screenshot(k.page, 'leave-standin-review-1280');
    await k.page.setViewportSize(PHONE);
    const phone = await axe(k.page);
    assert.deepEqual(phone, [], formatViolations(phone));
    await screenshot(k.page, 'leave-standin-review-390');
    await k.page.setViewportSize(DESKTOP);

    await card.getByRole('button', { name: 'Approve', exact: true }).click();
    await card.locator('.badge', { hasText: 'approved' }).waitFor();
    const decided = await api.get(`/absences/${request.id}`);
    assert.equal(decided.status, 'approved');
    assert.equal(decided.decided_by, kadri.id);
    assert.equal(decided.decided_for, boss.id);
    const log = await api.get(`/audit?entity=absence&entity_id=${request.id}`);
    assert.ok(log.items.some((r) => r.action === 'approve' && r.after.decided_for === boss.id), JSON.stringify(log.items));

    // Decided, it leaves her list.
    await k.page.reload();
    await settle(k.page);
    await k.page.getByRole('heading', { name: 'Requests you decide' }).waitFor();
    assert.equal(await k.page.locator(`li[data-absence-id="${request.id}"]`).count(), 0);
    k.check();
    await k.close();
});
