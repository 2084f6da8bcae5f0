// The review of a leave request shows the server's coverage impact (GET
// /absences/{id}/impact): the page expands no working hours itself, so it asks for no one's
// work patterns or absences, and the hours it says go uncovered are the server's: those the
// absence causes, apart from those uncovered anyway; who still covers; the executive's local
// time; the designated backups (and who of them is away) when the planner cannot cover.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MANAGER, addDays, launch, newPage, open, requestedAbsence, screenshot, settle, signIn, startServer } from './lib.mjs';

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
    // Hours per executive that the absence leaves without support, as the server answers them.
    const hours = new Map(impact.principals.map((p) => [p.principal_id, (p.caused_slots * impact.slot_minutes) / 60]));
    assert.deepEqual([...hours.keys()].sort(), execs.map((e) => e.principal_id).sort(), 'the executives she supports');
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
        const row = impact.principals.find((p) => p.principal_id === e.principal_id);
        assert.match(text, new RegExp(`${e.name} \\(${row.kind}\\)`), 'how she supports them');
        if (h === 0) {
            const whole = row.covered_by.filter((c) => c.whole);
            assert.ok(whole.length > 0, 'someone stays on all of it');
            assert.match(text, new RegExp(`stays covered by ${whole[0].name} \\(${whole[0].kind}\\)`));
        } else {
            assert.match(text, new RegExp(`uncovered for ${Math.round(h * 10) / 10} h`));
            assert.match(text, /Proposed backup: |The planner would find no backup/);
        }
    }
    check();
    await close();
});

/** A Wednesday in the first January at least 40 days ahead: New York is on standard time (UTC−5). */
function januaryWednesday() {
    const now = new Date(Date.now() + 40 * 86400000);
    let d = `${now.getUTCMonth() === 0 && now.getUTCDate() < 20 ? now.getUTCFullYear() : now.getUTCFullYear() + 1}-01-10`;
    while (new Date(`${d}T12:00:00Z`).getUTCDay() !== 3) d = addDays(d, 1);
    return d;
}

test("an executive in another zone: caused and existing hours in their time, who covers part, backups away", async () => {
    const api = await srv.api(MANAGER);
    const day = januaryWednesday();
    const office = `Impact NY ${Date.now()}`;
    const zone = 'America/New_York';
    const person = async (kind, name, start, end) => {
        const p = await api.post(`/${kind}`, {
            name,
            email: `${name.toLowerCase().replace(/ /g, '.')}.${Date.now()}@ny.haldus.example`,
            time_zone: zone,
            office,
            ...(kind === 'principals' ? { department: 'Impact' } : {}),
        });
        for (let wd = 1; wd <= 7; wd++) await api.post('/work-patterns', { person_id: p.id, weekday: wd, start_time: start, end_time: end });
        return p;
    };
    // Anna works 09–17 New York time, Bert (secondary) the mornings; Piret needs 08–18.
    const anna = await person('assistants', 'Anna Impact', '09:00', '17:00');
    const bert = await person('assistants', 'Bert Impact', '09:00', '13:00');
    const dina = await person('assistants', 'Dina Impact', '09:00', '17:00');
    const piret = await person('principals', 'Piret Impact', '08:00', '18:00');
    await api.post('/assignments', { assistant_id: anna.id, principal_id: piret.id, kind: 'primary', start_date: addDays(day, -10) });
    await api.post('/assignments', { assistant_id: bert.id, principal_id: piret.id, kind: 'secondary', start_date: addDays(day, -10) });
    await api.post('/designated-backups', { principal_id: piret.id, assistant_id: dina.id, rank: 1 });
    const whole = { kind: 'vacation', start_at: `${day}T05:00:00Z`, end_at: `${addDays(day, 1)}T05:00:00Z` };
    const dinaOff = await api.post('/absences', { person_id: dina.id, ...whole });
    await api.post(`/absences/${dinaOff.id}/approve`, {});
    const absence = await api.post('/absences', { person_id: anna.id, ...whole });
    const impact = await api.get(`/absences/${absence.id}/impact`);
    const row = impact.principals.find((p) => p.principal_id === piret.id);
    assert.equal(row.caused_slots * impact.slot_minutes, 4 * 60, JSON.stringify(row));

    const { page, check, close } = await newPage(browser);
    await signIn(page, srv.base, MANAGER);
    await open(page, srv.base, '/leave');
    const card = page.locator(`li[data-absence-id="${absence.id}"]`);
    await card.getByRole('button', { name: 'Review request' }).click();
    const item = card.locator(`ul.impact li[data-principal-id="${piret.id}"]`);
    await item.waitFor();
    await settle(page);
    const text = await item.innerText();
    // Her local afternoon (not Tallinn's evening), named as New York time.
    assert.match(text, /Approving leaves Piret Impact \(primary\) uncovered for 4 h: .*afternoon \(13:00–17:00\) \(America\/New_York time\)/);
    assert.match(text, /Bert Impact \(secondary\) covers part of it/);
    assert.match(text, /Uncovered anyway, whatever you decide: 2 h \(.*08:00–09:00.*17:00–18:00.*\(America\/New_York time\)\)/);
    if (!impact.covers.some((c) => c.principal_id === piret.id) || impact.open_gaps.some((g) => g.principal_id === piret.id))
        assert.match(text, /Designated backups: Dina Impact \(#1, away then\)/);
    else assert.doesNotMatch(text, /Designated backups/);
    await screenshot(page, 'leave-impact-other-zone-1280');
    check();
    await close();
});
