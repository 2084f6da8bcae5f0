// Every page, for every role, at 1280×800 and 390×844: a screenshot under
// test-artifacts/screenshots/ and an axe-core scan with no serious or critical violation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESKTOP, KADRI, MANAGER, PHONE, addDays, axe, formatViolations, launch, localDate, newPage, open, requestedAbsence, screenshot, settle, signIn, startServer } from './lib.mjs';

let srv;
let browser;
let ids;

before(async () => {
    [srv, browser] = await Promise.all([startServer(), launch()]);
    // A board with every kind of cell: Kadri's week approved and its covers accepted (backup),
    // a plan of the first week proposed and not accepted (proposed), the rest as it is (gaps).
    const api = await srv.api(MANAGER);
    const kadri = (await api.get('/assistants?q=Kadri%20Tamm')).items[0];
    const absence = await requestedAbsence(api, kadri.id);
    const approved = await api.post(`/absences/${absence.id}/approve`, { note: 'Enjoy the holiday' });
    await api.post(`/coverage/plans/${approved.coverage_plan.id}/accept`, {});
    const approvedList = (await api.get('/absences?status=approved')).items;
    const other = approvedList.find((a) => a.person_id !== kadri.id && a.kind === 'training') || approvedList.find((a) => a.person_id !== kadri.id);
    if (other) await api.post('/coverage/plans', { from: localDate(other.start_at), to: addDays(localDate(other.end_at), -1), engine: 'fast' });
    const principal = (await api.get(`/assistants/${kadri.id}/principals`)).principals[0];
    ids = { kadri: kadri.id, principal: principal.principal_id, principalLogin: principal.email };
});
after(async () => {
    await browser?.close();
    await srv?.stop();
});

async function openGap(page) {
    const cell = page.locator('td[data-state="gap"] button, td[data-state="proposed"] button, td[data-state="backup"] button').first();
    await cell.click();
    await page.getByRole('dialog').waitFor();
    await settle(page);
}

async function openReview(page) {
    await page.getByRole('button', { name: 'Review request' }).first().click();
    await page.locator('ul.impact').waitFor();
    await settle(page);
}

/** [name, route, action?] per role; null login: signed out. */
function plan() {
    return [
        { login: null, pages: [['signin', '/']] },
        {
            login: MANAGER,
            pages: [
                ['manager-today', '/today'],
                ['manager-board', '/board'],
                ['manager-board-cell', '/board', openGap],
                ['manager-leave', '/leave'],
                ['manager-leave-review', '/leave', openReview],
                ['manager-people', '/people'],
                ['manager-people-executives', '/people?kind=principal'],
                ['manager-profile-assistant', `/people/assistant/${ids.kadri}`],
                ['manager-profile-executive', `/people/principal/${ids.principal}`],
                ['manager-person-new', '/people/new/assistant'],
                ['manager-person-edit', `/people/assistant/${ids.kadri}`, (p) => p.getByRole('button', { name: 'Edit' }).click()],
                ['manager-settings', '/settings'],
                ['manager-account', '/account'],
                ['not-found', '/no/such/page'],
            ],
        },
        { login: 'admin', pages: [['admin-settings', '/settings']] },
        {
            login: KADRI,
            pages: [
                ['assistant-schedule', '/schedule'],
                ['assistant-executives', '/my-principals'],
                ['assistant-leave', '/leave'],
                ['assistant-leave-request', '/leave', (p) => p.getByRole('button', { name: 'Request leave' }).click()],
                ['assistant-executive-profile', `/people/principal/${ids.principal}`],
            ],
        },
        {
            login: ids.principalLogin,
            pages: [
                ['executive-support', '/support'],
                ['executive-leave', '/leave'],
                ['executive-not-available', '/board'],
            ],
        },
    ];
}

for (const [label, viewport] of [
    ['1280', DESKTOP],
    ['390', PHONE],
]) {
    test(`every page at ${viewport.width}×${viewport.height}: screenshot and axe`, async () => {
        const failures = [];
        let count = 0;
        for (const role of plan()) {
            const { page, check, close } = await newPage(browser, { viewport });
            if (role.login) await signIn(page, srv.base, role.login);
            else await page.goto(`${srv.base}/`);
            for (const [name, route, action] of role.pages) {
                if (role.login) await open(page, srv.base, route);
                else await page.getByRole('heading', { level: 1 }).waitFor();
                if (action) await action(page);
                await settle(page);
                await screenshot(page, `${name}-${label}`);
                const v = await axe(page);
                if (v.length) failures.push(`${name} at ${label}:\n${formatViolations(v)}`);
                // No horizontal scrolling of the page itself (wide tables scroll in their box).
                const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
                if (overflow > 1) failures.push(`${name} at ${label}: the page is ${overflow}px wider than the window`);
                count++;
            }
            check();
            await close();
        }
        assert.equal(failures.length, 0, failures.join('\n\n'));
        assert.ok(count >= 20, `pages visited: ${count}`);
    });
}
