// The source document's case: the manager opens Kadri Tamm, who supports two executives,
// approves her week of vacation, sees both executives covered on the board all that week,
// accepts the covers, reloads, and they are still there.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MANAGER, addDays, launch, localDate, newPage, requestedAbsence, screenshot, settle, signIn, startServer } from './lib.mjs';

let srv;
let browser;
before(async () => {
    [srv, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

/** The board state of each weekday of the week for a principal: {date: state}. */
async function weekStates(page, principalId, days) {
    const out = {};
    for (const d of days) {
        const cell = page.locator(`tr[data-pid="${principalId}"] td[data-date="${d}"]`);
        out[d] = await cell.getAttribute('data-state');
    }
    return out;
}

test('approve Kadri Tamm’s week of vacation, and both her executives stay covered', async () => {
    const api = await srv.api(MANAGER);
    const kadri = (await api.get('/assistants?q=Kadri%20Tamm')).items[0];
    assert.ok(kadri, 'the demo has Kadri Tamm');
    const execs = (await api.get(`/assistants/${kadri.id}/principals`)).principals;
    assert.equal(execs.length, 2, 'Kadri supports two executives');
    const absence = await requestedAbsence(api, kadri.id);
    const first = localDate(absence.start_at);
    const last = addDays(localDate(absence.end_at), -1);
    const days = [];
    for (let d = first; d <= last; d = addDays(d, 1)) days.push(d);
    assert.ok(days.length >= 5, `a week: ${first} … ${last}`);

    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, MANAGER);

    // People → Kadri Tamm.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await page.getByLabel('Search by name').fill('Kadri T');
    await page.getByRole('link', { name: 'Kadri Tamm' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kadri Tamm' }).waitFor();
    for (const e of execs) await page.getByRole('link', { name: e.name }).first().waitFor();

    // Her requested week: review shows the coverage impact before approving.
    const card = page.locator(`li[data-absence-id="${absence.id}"]`);
    await card.getByRole('button', { name: 'Review request' }).click();
    const impact = card.locator('ul.impact');
    await impact.waitFor();
    await settle(page);
    for (const e of execs) await impact.getByText(e.name).waitFor();
    // The planner's proposal before approving: the executive who loses support gets a named
    // backup with the reason, computed by the server without saving anything.
    const proposal = impact.locator('p.proposed').first();
    await proposal.waitFor();
    assert.match(await proposal.innerText(), /Proposed backup: .+ \(.*(designated backup|skill)/);
    await screenshot(page, 'source-case-review-1280');

    await card.getByRole('button', { name: 'Approve' }).click();
    await card.getByText('Approved.', { exact: false }).first().waitFor();
    await card.locator('.badge.st-approved').first().waitFor();
    await card.getByRole('table', { name: 'Proposed covers' }).waitFor();
    await screenshot(page, 'source-case-approved-1280');

    // The board of that week: both executives covered every working day (by their other
    // assistant, or by a proposed backup), none left a plain gap.
    await card.getByRole('link', { name: 'See the week on the board' }).click();
    await page.locator('table.board').waitFor();
    await settle(page);
    for (const e of execs) {
        const states = await weekStates(page, e.principal_id, days);
        for (const [d, st] of Object.entries(states))
            assert.ok(['covered', 'backup', 'proposed', 'none'].includes(st), `${e.name} on ${d}: ${st}`);
        const working = Object.values(states).filter((s) => s !== 'none');
        assert.ok(working.length >= 5, `${e.name} works that week: ${JSON.stringify(states)}`);
    }
    const proposedBefore = await page.locator('td[data-state="proposed"]').count();
    assert.ok(proposedBefore > 0, 'the approval proposed backup covers');
    await screenshot(page, 'source-case-board-proposed-1280');

    // Accept the proposed covers.
    await page.getByRole('button', { name: /^Accept \d+ proposed covers?$/ }).click();
    await page.getByText(/^Accepted \d+ covers?\.$/).waitFor();
    await settle(page);
    const check1 = {};
    for (const e of execs) check1[e.principal_id] = await weekStates(page, e.principal_id, days);

    // Reload: still there.
    await page.reload();
    await page.locator('table.board').waitFor();
    await settle(page);
    for (const e of execs) {
        const states = await weekStates(page, e.principal_id, days);
        assert.deepEqual(states, check1[e.principal_id], `${e.name} after reload`);
        for (const [d, st] of Object.entries(states)) assert.ok(['covered', 'backup', 'none'].includes(st), `${e.name} on ${d} after accepting: ${st}`);
    }
    assert.ok((await page.locator('td[data-state="backup"]').count()) >= 5, 'backup covers are on the board');
    assert.equal(await page.getByRole('button', { name: /proposed cover/ }).count(), 0, 'nothing left to accept');
    await screenshot(page, 'source-case-board-accepted-1280');

    // The covers are accepted in the API too, for every day of the week.
    const board = await api.get(`/coverage?from=${first}&to=${last}`);
    const accepted = board.covers.filter((c) => c.status === 'accepted' && execs.some((e) => e.principal_id === c.principal_id));
    assert.ok(accepted.length >= 5, `accepted covers: ${JSON.stringify(board.covers)}`);
    for (const e of execs) {
        const p = board.principals.find((x) => x.id === e.principal_id);
        for (const day of p.days) assert.notEqual(day.state, 'gap', `${e.name} on ${day.date}`);
    }

    // Open one covered day: the cover and its reason are shown.
    const backupCell = page.locator('td[data-state="backup"] button').first();
    await backupCell.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Why:', { exact: false }).first().waitFor();
    await dialog.locator('.badge.st-accepted').first().waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    check();
    await close();
});
