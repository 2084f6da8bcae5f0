// The review of a leave request shows the server's coverage impact (GET
// /absences/{id}/impact): the page expands no working hours itself, so it asks for no one's
// work patterns or absences, and the hours it says go uncovered are the server's.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MANAGER, launch, newPage, open, requestedAbsence, settle, signIn, startServer } from './lib.mjs';

let srv;
let browser;
before(async () => {
    [srv, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

test('the review shows the impact the server computed, with no expansion in the page', async () => {
    const api = await srv.api(MANAGER);
    const kadri = (await api.get('/assistants?q=Kadri%20Tamm')).items[0];
    const execs = (await api.get(`/assistants/${kadri.id}/principals`)).principals.filter((p) => p.kind !== 'backup');
    const absence = await requestedAbsence(api, kadri.id);
    const impact = await api.get(`/absences/${absence.id}/impact`);
    // Hours per executive as the server answers them (covers proposed + gaps left open).
    const hours = new Map();
    for (const r of [...impact.covers, ...impact.open_gaps])
        hours.set(r.principal_id, (hours.get(r.principal_id) || 0) + (Date.parse(r.end_at) - Date.parse(r.start_at)) / 3600000);
    assert.ok([...hours.values()].some((h) => h > 0), 'the week leaves some executive hours to cover');

    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, MANAGER);
    await open(page, srv.base, '/leave');
    const calls = [];
    page.on('request', (r) => {
        const u = new URL(r.url());
        if (u.pathname.startsWith('/api/')) calls.push(u.pathname);
    });
    const card = page.locator(`li[data-absence-id="${absence.id}"]`);
    await card.getByRole('button', { name: 'Review request' }).click();
    await card.locator('ul.impact').waitFor();
    await settle(page);

    assert.deepEqual(
        calls.filter((p) => p === `/api/v1/absences/${absence.id}/impact`),
        [`/api/v1/absences/${absence.id}/impact`],
        'asked the server once',
    );
    assert.deepEqual(
        calls.filter((p) => /work-patterns|supporters|^\/api\/v1\/absences$/.test(p)),
        [],
        'no working hours or absences fetched to recompute it',
    );
    for (const e of execs) {
        const item = card.locator(`ul.impact li[data-principal-id="${e.principal_id}"]`);
        const text = await item.innerText();
        assert.match(text, new RegExp(e.name));
        const h = hours.get(e.principal_id) || 0;
        if (h === 0) assert.match(text, /stays covered/);
        else {
            assert.match(text, new RegExp(`uncovered for ${Math.round(h * 10) / 10} h`));
            assert.match(text, /Proposed backup: |The planner would find no backup/);
        }
    }
    check();
    await close();
});
