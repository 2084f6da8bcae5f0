// Role fit's browser test (issue 14): the manager opens an executive's profile, follows
// "Best fits", reads the explanation, makes an assignment and designates a suggested backup; the page with a pair excluded
// after mediation says so; the department what-if accepts one change; an assistant states her
// own working style on her profile. Every page passes axe at phone and desktop sizes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESKTOP, KADRI, MANAGER, PHONE, axe, formatViolations, launch, newPage, open, screenshot, settle, signIn, startServer } from './lib.mjs';

let srv;
let browser;
before(async () => {
    [srv, browser] = await Promise.all([startServer(), launch()]);
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

async function noSerious(page, where) {
    const v = await axe(page);
    assert.deepEqual(v, [], `${where}: axe found serious problems:\n${formatViolations(v)}`);
}

async function bothSizes(page, where) {
    for (const [size, vp] of [['desktop', DESKTOP], ['phone', PHONE]]) {
        await page.setViewportSize(vp);
        await noSerious(page, `${where} (${size})`);
    }
    await page.setViewportSize(DESKTOP);
}

test('the manager opens best fits for an executive and assigns one', async () => {
    const api = await srv.api(MANAGER);
    const kadri = (await api.get('/assistants?q=Kadri%20Tamm')).items[0];
    const exec = (await api.get(`/assistants/${kadri.id}/principals`)).principals.sort((a, b) => a.principal_id - b.principal_id)[0];
    const m = await newPage(browser);
    await signIn(m.page, srv.base, MANAGER);
    await open(m.page, srv.base, `/people/principal/${exec.principal_id}`);
    await m.page.getByRole('heading', { name: 'Role profile' }).waitFor();
    await m.page.getByRole('link', { name: 'Best fits' }).click();
    await m.page.getByRole('heading', { name: `Best fits for ${exec.name}` }).waitFor();
    await settle(m.page);
    await m.page.getByText('Haldus suggests; you decide.', { exact: false }).waitFor();
    await bothSizes(m.page, 'best fits');
    await screenshot(m.page, 'fit-best-1280');

    const fits = await api.get(`/fit?principal_id=${exec.principal_id}`);
    const pick = fits.fits.find((f) => !f.current && f.training.length === 0);
    assert.ok(pick, 'someone other than today’s primary fits');
    const row = m.page.locator('li.fit-row', { hasText: pick.assistant });
    await row.getByText(`Fit ${pick.score}`).waitFor();
    await row.getByRole('button', { name: `Make ${pick.assistant} the primary assistant` }).click();
    await m.page.getByText(`${pick.assistant} is now the primary assistant of ${exec.name}.`).waitFor();
    await settle(m.page);
    const sup = await api.get(`/principals/${exec.principal_id}/supporters`);
    assert.ok(
        sup.supporters.some((s) => s.assistant_id === pick.assistant_id && s.kind === 'primary'),
        JSON.stringify(sup),
    );
    const audit = await api.get(`/audit?entity=assignment&limit=20`);
    assert.ok(audit.items.some((a) => a.action === 'fit_assign' && a.actor === MANAGER && a.after.assistant_id === pick.assistant_id));

    // One click designates a suggested backup through the designated-backup path.
    const now = await api.get(`/fit?principal_id=${exec.principal_id}`);
    const backup = now.suggested_backups[0];
    assert.ok(backup, 'someone to suggest as a backup');
    const card = m.page.locator('li.fit-backup', { hasText: backup.assistant });
    await card.getByRole('button', { name: `Make ${backup.assistant} a designated backup` }).click();
    await m.page.getByText(`${backup.assistant} is now a designated backup of ${exec.name}.`).waitFor();
    await settle(m.page);
    const list = await api.get(`/principals/${exec.principal_id}/designated-backups`);
    assert.equal(list.items.at(-1).assistant_id, backup.assistant_id, JSON.stringify(list));
    assert.equal(await m.page.locator('li.fit-backup', { hasText: backup.assistant }).count(), 0, 'no longer suggested');
    await m.page.locator('li.fit-row', { hasText: backup.assistant }).getByText('Designated backup').waitFor();
    const trail = await api.get(`/audit?entity=designated%20backup&limit=20`);
    assert.ok(trail.items.some((a) => a.action === 'fit_backup' && a.actor === MANAGER && a.after.assistant_id === backup.assistant_id));

    // Mediation links here after a "reassigned" outcome: the pair is named as excluded.
    await open(m.page, srv.base, `/matching?principal=${exec.principal_id}&exclude=${kadri.id}`);
    await m.page.getByText(`Kadri Tamm is excluded`, { exact: false }).waitFor();
    assert.equal(await m.page.locator('li.fit-row', { hasText: 'Kadri Tamm' }).count(), 0);
    await bothSizes(m.page, 'best fits with an excluded pair');
    m.check();
    await m.close();
});

test('the what-if page accepts one change', async () => {
    const api = await srv.api(MANAGER);
    const m = await newPage(browser);
    await signIn(m.page, srv.base, MANAGER);
    await m.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Matching' }).click();
    await m.page.getByRole('heading', { name: 'Reassignment what-if' }).waitFor();
    await settle(m.page);
    const before = await api.get('/matching/proposals');
    assert.ok(before.changes.length > 0, 'the demo has a change to propose');
    const c = before.changes[0];
    await m.page.getByText('Total fit today').waitFor();
    await bothSizes(m.page, 'what-if');
    await screenshot(m.page, 'fit-whatif-1280');
    await m.page.getByRole('button', { name: `Accept for ${c.principal}` }).click();
    await m.page.getByText('1 change accepted.').waitFor();
    await settle(m.page);
    const sup = await api.get(`/principals/${c.principal_id}/supporters`);
    assert.ok(sup.supporters.some((s) => s.assistant_id === c.to_id && s.kind === 'primary'), JSON.stringify(sup));
    const after = await api.get('/matching/proposals');
    assert.ok(!after.changes.some((x) => x.principal_id === c.principal_id && x.to_id === c.to_id));
    assert.equal(await m.page.getByRole('button', { name: `Accept for ${c.principal}` }).count(), 0);
    m.check();
    await m.close();
});

test('the what-if links a change to the one that frees its place and accepts them together', async () => {
    const api = await srv.api(MANAGER);
    const u = `${process.pid}-${Date.now().toString(36)}`;
    const dep = `Linked ${u}`;
    const up = { pace: 2, formality: 2, autonomy: 2, channel: 2 };
    const down = { pace: -2, formality: -2, autonomy: -2, channel: -2 };
    const person = (name, extra) => ({ name, email: `${name.toLowerCase().replace(/ /g, '.')}.${u}@test.haldus.example`, time_zone: 'Europe/Tallinn', office: 'Tallinn', ...extra });
    // Anu holds Eero and has no other place; Berit has one. Eero fits Berit better; Tiina fits Anu.
    const a1 = await api.post('/assistants', person('Anu Lepp', { languages: ['fi'], capacity: 1 }));
    const a2 = await api.post('/assistants', person('Berit Mets', { languages: ['de'], capacity: 1 }));
    await api.post('/work-styles', { assistant_id: a1.id, ...down });
    await api.post('/work-styles', { assistant_id: a2.id, ...up });
    const e1 = await api.post('/principals', person('Eero Kask', { department: dep, languages: ['de'] }));
    const e2 = await api.post('/principals', person('Tiina Saar', { department: dep, languages: ['fi'] }));
    await api.post('/role-profiles', { principal_id: e1.id, ...up });
    await api.post('/role-profiles', { principal_id: e2.id, ...down });
    await api.post('/assignments', { assistant_id: a1.id, principal_id: e1.id, kind: 'primary', start_date: '2026-01-01' });

    const m = await newPage(browser);
    await signIn(m.page, srv.base, MANAGER);
    await open(m.page, srv.base, `/matching?department=${encodeURIComponent(dep)}`);
    await m.page.getByRole('heading', { name: 'Reassignment what-if' }).waitFor();
    await settle(m.page);
    const row = m.page.locator('tr.fit-linked', { hasText: e2.name });
    await row.getByText(`Anu Lepp has no free place until this is accepted too: ${e1.name}`).waitFor();
    assert.equal(await m.page.locator('tr.fit-linked').count(), 2, 'both changes are shown linked');
    await bothSizes(m.page, 'what-if with linked changes');
    await screenshot(m.page, 'fit-whatif-linked-1280');
    await row.getByRole('button', { name: `Accept for ${e2.name} with 1 linked change` }).click();
    await m.page.getByText('2 changes accepted.').waitFor();
    await settle(m.page);
    for (const [e, a] of [[e1, a2], [e2, a1]]) {
        const sup = await api.get(`/principals/${e.id}/supporters`);
        assert.ok(sup.supporters.some((s) => s.assistant_id === a.id && s.kind === 'primary'), JSON.stringify(sup));
    }
    const flags = await api.get('/support/flags');
    assert.deepEqual(flags.overloaded.filter((o) => [a1.id, a2.id].includes(o.assistant_id)), []);
    m.check();
    await m.close();
});

test('the manager says a past cover went badly and the best fits say so', async () => {
    const api = await srv.api(MANAGER);
    const execs = (await api.get('/principals?limit=200')).items;
    let exec = null;
    let cover = null;
    for (const p of execs) {
        const list = await api.get(`/fit/covers?principal_id=${p.id}`);
        cover = list.covers.find((c) => !c.manager && !c.executive);
        if (cover) {
            exec = p;
            break;
        }
    }
    assert.ok(cover, 'the demo has an unrated past cover');
    const m = await newPage(browser);
    await signIn(m.page, srv.base, MANAGER);
    await open(m.page, srv.base, `/people/principal/${exec.id}`);
    await m.page.getByRole('heading', { name: 'How past covers went' }).waitFor();
    await settle(m.page);
    await bothSizes(m.page, 'executive profile with past covers');
    const row = m.page.locator('li.fit-cover', { hasText: cover.assistant });
    await row.getByRole('textbox').fill('Missed the board pack deadline.');
    await row.getByRole('button', { name: 'Went badly', exact: false }).click();
    await row.getByText('Your rating: Went badly (Missed the board pack deadline.)').waitFor();
    const after = await api.get(`/fit/covers?principal_id=${exec.id}`);
    const rated = after.covers.find((c) => c.cover_id === cover.cover_id);
    assert.equal(rated.manager.outcome, 'badly');
    assert.equal(rated.outcome, 'badly');
    await screenshot(m.page, 'fit-past-covers-1280');

    await open(m.page, srv.base, `/matching?principal=${exec.id}`);
    await m.page.getByRole('heading', { name: `Best fits for ${exec.name}` }).waitFor();
    const fitRow = m.page.locator('li.fit-row', { hasText: cover.assistant });
    await fitRow.getByText('went badly', { exact: false }).waitFor();
    const fits = await api.get(`/fit?principal_id=${exec.id}`);
    const hist = fits.fits.find((f) => f.assistant_id === cover.assistant_id).terms.find((x) => x.term === 'history');
    assert.ok(hist.covers_bad >= 1 && hist.points < 0, JSON.stringify(hist));
    m.check();
    await m.close();
});

test('an assistant states her working style on her profile', async () => {
    const a = await newPage(browser, { viewport: PHONE });
    await signIn(a.page, srv.base, KADRI);
    const me = await a.page.evaluate(async () => (await (await fetch('/api/v1/me')).json()).account.person_id);
    await open(a.page, srv.base, `/people/assistant/${me}`);
    await a.page.getByRole('heading', { name: 'Working style' }).waitFor();
    await a.page.getByText('not a personality test', { exact: false }).first().waitFor();
    await a.page.getByLabel('Pace').selectOption('2');
    await a.page.getByRole('button', { name: 'Save the working style' }).click();
    await a.page.getByText('Saved.').waitFor();
    await noSerious(a.page, 'assistant profile with the style (phone)');
    const style = await a.page.evaluate(async (id) => (await (await fetch(`/api/v1/work-styles?assistant_id=${id}`)).json()).items[0], me);
    assert.equal(style.pace, 2);
    a.check();
    await a.close();
});
