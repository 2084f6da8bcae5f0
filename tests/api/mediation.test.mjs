// mediation.test.mjs: confidential mediation cases (issue 13). The confidentiality table: every
// route and channel × role × party / non-party — a case that is not yours answers exactly as
// one that never existed, and its texts appear nowhere else (lists, search, audit, export,
// coverage). Then the entries by visibility, a case raised by an assistant, the workflow, the
// audit of every read, the planner's open-case rule, retention and sealed entries at rest.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { ROOT, assertError, personBody, principalBody, removeDir, run, runOk, startServer, tempDir, todayIn, useServer } from './lib.mjs';

const MANAGER = 'manager@demo.haldus.example';
const ASSISTANT = 'kadri.tamm@demo.haldus.example'; // supports two executives
const ASSISTANT_B = 'jaan.luik@demo.haldus.example'; // a colleague with other executives
const NONE = 987654; // no case has this id

async function tokenFor(srv, login) {
    const r = await runOk(['user', 'token', login, '--db', srv.db, '--name', 'mediation tests']);
    const m = /hld_[A-Za-z0-9_-]+/.exec(r.stdout);
    assert.ok(m, `no token for ${login}: ${r.stdout}`);
    return m[0];
}

/** Requests as one of the signed-in actors (admin is the server's own token). */
function as(h, tokens, who, method, url, opts = {}) {
    const headers = { ...(opts.headers || {}), Authorization: `Bearer ${tokens[who]}` };
    return h.srv.req(method, url, { ...opts, headers });
}

/** An error answer with the id replaced: "not yours" must read exactly as "no such id". */
const normalized = (res, id) => `${res.status} ${res.text.split(String(id)).join('ID')}`;

const isoDay = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);

describe('mediation', () => {
    const h = useServer();
    const tokens = {};
    const who = {}; // actor → person id
    const SECRET = {
        summary: 'SUMMARY-zq81 weekend e-mails',
        manager: 'MANAGERNOTE-zq82 private',
        statementA: 'STATEMENT-A-zq83 she shouts',
        statementP: 'STATEMENT-P-zq84 he is late',
        shared: 'SHARED-zq85 agreed to talk on Mondays',
    };
    let theCase; // between A and P, opened by the manager, both may view

    before(async () => {
        const srv = h.srv;
        tokens.admin = srv.authorization.replace(/^Bearer /, '');
        for (const [k, login] of [
            ['manager', MANAGER],
            ['A', ASSISTANT],
            ['B', ASSISTANT_B],
        ])
            tokens[k] = await tokenFor(srv, login);
        const me = async (k) => (await as(h, tokens, k, 'GET', '/api/v1/me')).json.account.person_id;
        who.A = await me('A');
        who.B = await me('B');
        const execs = (await srv.getOk(`/api/v1/assistants/${who.A}/principals`)).principals
            .map((p) => p.principal_id)
            .sort((x, y) => x - y);
        who.P = execs[0];
        who.P2 = execs[1]; // A's other executive: not a party
        tokens.P = await tokenFor(srv, (await srv.getOk(`/api/v1/principals/${who.P}`)).email);
        tokens.P2 = await tokenFor(srv, (await srv.getOk(`/api/v1/principals/${who.P2}`)).email);
        // A designated backup of P who is not A: "a covering assistant".
        const backups = await srv.listAll(`/api/v1/designated-backups?principal_id=${who.P}`);
        const cover = backups.map((b) => b.assistant_id).find((id) => id !== who.A);
        assert.ok(cover, 'P has a designated backup other than A');
        who.C = cover;
        tokens.C = await tokenFor(srv, (await srv.getOk(`/api/v1/assistants/${cover}`)).email);

        const r = await as(h, tokens, 'manager', 'POST', '/api/v1/cases', {
            json: { category: 'communication', severity: 'high', summary: SECRET.summary, parties: [who.A, who.P] },
        });
        assert.equal(r.status, 201, r.text);
        theCase = r.json;
        const entry = async (k, json) => {
            const e = await as(h, tokens, k, 'POST', `/api/v1/cases/${theCase.id}/entries`, { json });
            assert.equal(e.status, 201, `${k}: ${e.text}`);
        };
        await entry('manager', { kind: 'note', visibility: 'manager', body: SECRET.manager });
        await entry('A', { body: SECRET.statementA }); // a party's statement: for its author
        await entry('P', { body: SECRET.statementP, visibility: 'author' });
        await entry('manager', { kind: 'meeting_note', visibility: 'parties', body: SECRET.shared });
        const s = await as(h, tokens, 'manager', 'POST', `/api/v1/cases/${theCase.id}/sessions`, {
            json: { start_at: `${isoDay(2)}T09:00:00Z`, end_at: `${isoDay(2)}T10:00:00Z`, attendees: [who.A] },
        });
        assert.equal(s.status, 201, s.text);
    });

    const NON_PARTIES = ['admin', 'B', 'P2', 'C'];
    const PARTIES = ['A', 'P'];

    test('the table: every route × every non-party answers as for a case that does not exist', async () => {
        const id = theCase.id;
        const routes = [
            ['GET', (c) => `/api/v1/cases/${c}`, undefined],
            ['PATCH', (c) => `/api/v1/cases/${c}`, { severity: 'low' }, 1],
            ['POST', (c) => `/api/v1/cases/${c}/entries`, { body: 'probe' }],
            ['POST', (c) => `/api/v1/cases/${c}/parties`, { person_id: who.B }],
            ['POST', (c) => `/api/v1/cases/${c}/sessions`, { start_at: `${isoDay(3)}T09:00:00Z`, end_at: `${isoDay(3)}T10:00:00Z`, attendees: [who.A] }],
            ['POST', (c) => `/api/v1/cases/${c}/actions`, { description: 'probe', due_date: isoDay(9) }],
            ['POST', (c) => `/api/v1/cases/${c}/sessions/find-time`, { from: `${isoDay(3)}T00:00:00Z`, to: `${isoDay(5)}T00:00:00Z` }],
            ...['review', 'mediate', 'agree', 'close', 'withdraw'].map((a) => ['POST', (c) => `/api/v1/cases/${c}/${a}`, a === 'close' ? { outcome: 'resolved' } : {}]),
            ['POST', (c) => `/api/v1/cases/${c}/monitor`, { review_date: isoDay(30) }],
        ];
        let cells = 0;
        for (const actor of NON_PARTIES) {
            for (const [method, url, json, ifMatch] of routes) {
                const probe = await as(h, tokens, actor, method, url(id), { json, ifMatch });
                const missing = await as(h, tokens, actor, method, url(NONE), { json, ifMatch });
                assert.ok([403, 404].includes(probe.status), `${actor} ${method} ${url(id)}: ${probe.status} ${probe.text}`);
                assert.equal(normalized(probe, id), normalized(missing, NONE), `${actor} ${method} ${url(id)}: not yours ≠ nonexistent`);
                cells++;
            }
            // Lists: the case is not there, and the count of cases is that of the actor's own.
            const list = await as(h, tokens, actor, 'GET', '/api/v1/cases?limit=500');
            assert.equal(list.status, 200, list.text);
            assert.ok(!list.json.items.some((c) => c.id === id), `${actor} lists the case`);
        }
        // The case is unchanged by all those probes.
        const now = await as(h, tokens, 'manager', 'GET', `/api/v1/cases/${id}`);
        assert.equal(now.json.status, 'reported');
        assert.equal(now.json.severity, 'high');
        assert.equal(now.json.entries.length, 4);
        assert.ok(cells >= NON_PARTIES.length * 12);
    });

    test('no channel shows a non-party anything of the case: every list, search, the audit log, coverage', async () => {
        const doc = await h.srv.getOk('/api/v1/openapi.json');
        const lists = Object.entries(doc.paths)
            .filter(([p, item]) => item.get && !p.includes('{') && p.startsWith('/api/v1/'))
            .map(([p]) => p);
        assert.ok(lists.length >= 15, `only ${lists.length} GET lists`);
        const query = {
            '/api/v1/coverage': `?from=${isoDay(0)}&to=${isoDay(6)}`,
            '/api/v1/holidays': '?office=Tallinn',
            '/api/v1/people': '?q=zq81',
        };
        for (const actor of NON_PARTIES) {
            for (const p of lists) {
                const res = await as(h, tokens, actor, 'GET', p + (query[p] || ''));
                for (const [k, text] of Object.entries(SECRET))
                    assert.ok(!res.text.includes(text.split(' ')[0]), `${actor} GET ${p} shows the ${k}`);
                if (p === '/api/v1/audit' && res.status === 200)
                    assert.ok(!res.json.items.some((r) => r.entity === 'case'), `${actor} sees case rows in the audit log`);
            }
        }
        // The manager's audit log has them; the admin's, filtered to cases, is empty.
        const mgr = await as(h, tokens, 'manager', 'GET', `/api/v1/audit?entity=case&entity_id=${theCase.id}`);
        assert.ok(mgr.json.items.length >= 5, mgr.text);
        const adm = await as(h, tokens, 'admin', 'GET', `/api/v1/audit?entity=case&entity_id=${theCase.id}`);
        assert.equal(adm.status, 200);
        assert.deepEqual(adm.json.items, []);
    });

    test('CSV export of the organisation holds nothing of any case', async () => {
        const dir = await tempDir();
        try {
            const single = await run(['export', 'cases', '--db', h.srv.db]);
            assert.equal(single.code, 2, 'cases are not a collection to export');
            await runOk(['export', 'org', path.join(dir, 'org'), '--db', h.srv.db]);
            for (const f of await readdir(path.join(dir, 'org'))) {
                assert.ok(!/case/i.test(f), `export has a file ${f}`);
                const text = await readFile(path.join(dir, 'org', f), 'utf8');
                for (const s of Object.values(SECRET)) assert.ok(!text.includes(s.split(' ')[0]), `${f} holds case text`);
            }
        } finally {
            await removeDir(dir);
        }
    });

    test('parties see the case, their own statements and shared entries, never the other side or the manager notes', async () => {
        const expect = {
            A: [SECRET.statementA, SECRET.shared],
            P: [SECRET.statementP, SECRET.shared],
            manager: [SECRET.manager, SECRET.statementA, SECRET.statementP, SECRET.shared],
        };
        for (const [actor, bodies] of Object.entries(expect)) {
            const r = await as(h, tokens, actor, 'GET', `/api/v1/cases/${theCase.id}`);
            assert.equal(r.status, 200, `${actor}: ${r.text}`);
            assert.deepEqual(r.json.entries.map((e) => e.body).sort(), [...bodies].sort(), actor);
            assert.equal(r.json.summary, SECRET.summary);
            assert.deepEqual(r.json.parties.map((p) => p.person_id).sort((x, y) => x - y), [who.A, who.P].sort((x, y) => x - y));
            // Sessions: the neutral title only; a party sees the sessions they attend.
            for (const s of r.json.sessions) assert.equal(s.title, 'Meeting with the manager');
            assert.equal(r.json.sessions.length, actor === 'P' ? 0 : 1, actor);
            const list = await as(h, tokens, actor, 'GET', '/api/v1/cases');
            assert.ok(list.json.items.some((c) => c.id === theCase.id), `${actor} does not list it`);
        }
        // A party may not do the manager's part.
        assertError(await as(h, tokens, 'A', 'POST', `/api/v1/cases/${theCase.id}/review`, { json: {} }), 403, 'forbidden');
        assertError(
            await as(h, tokens, 'A', 'POST', `/api/v1/cases/${theCase.id}/entries`, { json: { body: 'x', visibility: 'manager' } }),
            422,
            'invalid',
            'visibility',
        );
    });

    test('every read of a case is in the audit log, by whom', async () => {
        const before = await as(h, tokens, 'manager', 'GET', `/api/v1/audit?entity=case&entity_id=${theCase.id}&limit=500`);
        const reads = (items) => items.filter((r) => r.action === 'read').length;
        await as(h, tokens, 'A', 'GET', `/api/v1/cases/${theCase.id}`);
        await as(h, tokens, 'P', 'GET', `/api/v1/cases/${theCase.id}`);
        const after = await as(h, tokens, 'manager', 'GET', `/api/v1/audit?entity=case&entity_id=${theCase.id}&limit=500`);
        assert.equal(reads(after.json.items), reads(before.json.items) + 2);
        const actors = after.json.items.filter((r) => r.action === 'read').slice(0, 2).map((r) => r.actor).sort();
        assert.deepEqual(actors, [ASSISTANT, (await h.srv.getOk(`/api/v1/principals/${who.P}`)).email].sort());
        // The audit rows never hold an entry's text.
        assert.ok(!after.text.includes('STATEMENT-'), 'an entry text is in the audit log');
    });

    test('an assistant raises a case about her executive: he sees nothing until the manager allows, then never her statement', async () => {
        const raised = await as(h, tokens, 'A', 'POST', '/api/v1/cases', {
            json: { about: who.P, category: 'conduct', severity: 'medium', statement: 'RAISED-zq86 raised voice' },
        });
        assert.equal(raised.status, 201, raised.text);
        const id = raised.json.id;
        assert.equal(raised.json.raised_by, who.A);
        assert.equal(raised.json.status, 'reported');
        // P: as if it did not exist.
        const probe = await as(h, tokens, 'P', 'GET', `/api/v1/cases/${id}`);
        const missing = await as(h, tokens, 'P', 'GET', `/api/v1/cases/${NONE}`);
        assert.equal(normalized(probe, id), normalized(missing, NONE));
        assert.ok(!(await as(h, tokens, 'P', 'GET', '/api/v1/cases?limit=500')).json.items.some((c) => c.id === id));
        // A sees her report and its status.
        const mine = await as(h, tokens, 'A', 'GET', `/api/v1/cases/${id}`);
        assert.deepEqual(mine.json.entries.map((e) => e.body), ['RAISED-zq86 raised voice']);
        // An assistant cannot raise a case about another assistant.
        assertError(
            await as(h, tokens, 'A', 'POST', '/api/v1/cases', { json: { about: who.B, category: 'conduct', statement: 'x' } }),
            422,
            'invalid',
            'about',
        );
        // The manager lets P see the case.
        const allow = await as(h, tokens, 'manager', 'POST', `/api/v1/cases/${id}/parties`, { json: { person_id: who.P, may_view: true } });
        assert.equal(allow.status, 200, allow.text);
        const his = await as(h, tokens, 'P', 'GET', `/api/v1/cases/${id}`);
        assert.equal(his.status, 200, his.text);
        assert.deepEqual(his.json.entries, []);
        assert.equal(his.json.raised_by, null, 'who raised it is not shown to the other side');
        assert.equal(his.json.status, 'reported');
        // Only she withdraws it.
        assertError(await as(h, tokens, 'P', 'POST', `/api/v1/cases/${id}/withdraw`, { json: {} }), 403, 'forbidden');
        const w = await as(h, tokens, 'A', 'POST', `/api/v1/cases/${id}/withdraw`, { json: { note: 'we talked' } });
        assert.equal(w.status, 200, w.text);
        assert.equal(w.json.status, 'closed');
        assert.equal(w.json.outcome, 'withdrawn');
    });

    test('the workflow: review → mediation → agreed actions → monitoring → closed as reassigned; wrong moves change nothing', async () => {
        const r = await as(h, tokens, 'manager', 'POST', '/api/v1/cases', { json: { category: 'personality', parties: [who.B, who.P2] } });
        assert.equal(r.status, 201, r.text);
        const id = r.json.id;
        const act = (a, json = {}) => as(h, tokens, 'manager', 'POST', `/api/v1/cases/${id}/${a}`, { json });
        assertError(await act('agree'), 409, 'invalid_transition', 'status');
        // A session without its times is a 422 naming the field (not a crash).
        assertError(await as(h, tokens, 'manager', 'POST', `/api/v1/cases/${id}/sessions`, { json: {} }), 422, 'invalid', 'start_at');
        for (const a of ['review', 'mediate']) assert.equal((await act(a)).status, 200);
        const action = await as(h, tokens, 'manager', 'POST', `/api/v1/cases/${id}/actions`, {
            json: { description: 'Weekly check-in', owner_id: who.B, due_date: isoDay(7) },
        });
        assert.equal(action.status, 201, action.text);
        assertError(
            await as(h, tokens, 'manager', 'POST', `/api/v1/cases/${id}/actions`, { json: { description: 'x', owner_id: who.A, due_date: isoDay(7) } }),
            422,
            'invalid',
            'owner_id',
        );
        const done = await as(h, tokens, 'manager', 'PATCH', `/api/v1/case-actions/${action.json.id}`, { json: { done: true }, ifMatch: action.json.version });
        assert.equal(done.status, 200, done.text);
        assert.equal(done.json.done, true);
        assertError(await as(h, tokens, 'manager', 'PATCH', `/api/v1/case-actions/${action.json.id}`, { json: { done: false }, ifMatch: 1 }), 412, 'version_mismatch');
        assert.equal((await act('agree')).status, 200);
        assertError(await act('monitor'), 422, 'invalid', 'review_date');
        const m = await act('monitor', { review_date: isoDay(21) });
        assert.equal(m.json.status, 'monitoring');
        assert.equal(m.json.review_date, isoDay(21));
        const closed = await act('close', { outcome: 'reassigned', note: 'B moves to another executive' });
        assert.equal(closed.json.status, 'closed');
        assert.equal(closed.json.outcome, 'reassigned');
        // The pair is recorded incompatible for the matching; only managers see it on the case.
        const after = await as(h, tokens, 'manager', 'GET', `/api/v1/cases/${id}`);
        assert.deepEqual(after.json.incompatible_pairs, [{ assistant_id: who.B, principal_id: who.P2 }]);
        assertError(await act('mediate'), 409, 'invalid_transition');
        assertError(await as(h, tokens, 'manager', 'POST', `/api/v1/cases/${id}/entries`, { json: { body: 'late' } }), 409, 'conflict');
        // The CLI shows the same case (and the read is audited as the CLI's).
        const cli = await runOk(['case', 'show', String(id), '--json', '--db', h.srv.db]);
        assert.equal(JSON.parse(cli.stdout).outcome, 'reassigned');
    });

    test("an action's next reminder is judged by its owner's today, as the sending is", async () => {
        // Kiritimati (UTC+14) is a day ahead of UTC from 10:00 UTC, Pago Pago (UTC-11) a day
        // behind until 11:00 UTC: at every hour one owner is on another date than UTC.
        const srv = h.srv;
        const east = await srv.create('assistants', personBody({ time_zone: 'Pacific/Kiritimati' }));
        const west = await srv.create('principals', principalBody({ time_zone: 'Pacific/Pago_Pago' }));
        const c = await as(h, tokens, 'manager', 'POST', '/api/v1/cases', { json: { category: 'other', parties: [east.id, west.id] } });
        assert.equal(c.status, 201, c.text);
        const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
        const eastToday = todayIn('Pacific/Kiritimati');
        const westToday = todayIn('Pacific/Pago_Pago');
        const action = async (owner, due) => {
            const r = await as(h, tokens, 'manager', 'POST', `/api/v1/cases/${c.json.id}/actions`, { json: { description: 'Follow up', owner_id: owner.id, due_date: due } });
            assert.equal(r.status, 201, r.text);
            return r.json.id;
        };
        const late = await action(east, addDays(eastToday, -1)); // due yesterday where she is
        const due = await action(west, westToday); // due today where he is
        const shown = await as(h, tokens, 'manager', 'GET', `/api/v1/cases/${c.json.id}`);
        assert.equal(shown.status, 200, shown.text);
        const next = (id) => shown.json.actions.find((x) => x.id === id).next_reminder;
        assert.deepEqual(next(late), { kind: 'overdue', on: eastToday });
        assert.deepEqual(next(due), { kind: 'due', on: westToday });
    });

    test('the planner never proposes a party to cover the other while the case is open', async () => {
        const srv = h.srv;
        // A week in which every assistant of P2 is away: P2 needs cover.
        const from = isoDay(70), to = isoDay(74);
        const sup = await srv.getOk(`/api/v1/principals/${who.P2}/supporters`);
        for (const s of sup.supporters ?? sup.assistants ?? []) {
            const a = await srv.create('absences', { person_id: s.assistant_id, kind: 'vacation', start_at: `${from}T00:00:00Z`, end_at: `${to}T23:00:00Z` });
            const ok = await as(h, tokens, 'manager', 'POST', `/api/v1/absences/${a.id}/approve`, { json: {}, ifMatch: a.version });
            assert.equal(ok.status, 200, ok.text);
        }
        const plan = async () => {
            const r = await as(h, tokens, 'manager', 'POST', '/api/v1/coverage/plans', { json: { from, to } });
            assert.equal(r.status, 201, r.text);
            return r.json;
        };
        const first = await plan();
        const chosen = first.covers.filter((c) => c.principal_id === who.P2).map((c) => c.assistant_id);
        assert.ok(chosen.length > 0, `no cover for P2 to test with: ${JSON.stringify(first).slice(0, 400)}`);
        const backup = chosen[0];
        const c = await as(h, tokens, 'manager', 'POST', '/api/v1/cases', { json: { category: 'workload', parties: [backup, who.P2] } });
        assert.equal(c.status, 201, c.text);
        const second = await plan();
        assert.ok(
            !second.covers.some((x) => x.principal_id === who.P2 && x.assistant_id === backup),
            'a party to an open case was proposed to cover the other',
        );
        // The principal's board says nothing about a case.
        const board = await as(h, tokens, 'P2', 'GET', `/api/v1/coverage?from=${from}&to=${to}`);
        assert.ok(!/case/i.test(board.text), board.text.slice(0, 300));
        // With every assistant party to an open case with P2, P2's gaps stay open; why is said
        // to the manager role only: an admin who plans reads "not available".
        const everyone = (await srv.listAll('/api/v1/assistants')).filter((a) => a.active).map((a) => a.id);
        assert.ok(everyone.length < 20, `${everyone.length} assistants: too many parties for one case`);
        const all = await as(h, tokens, 'manager', 'POST', '/api/v1/cases', { json: { category: 'other', parties: [...everyone, who.P2] } });
        assert.equal(all.status, 201, all.text);
        const blocked = await plan();
        const gaps = blocked.open_gaps.filter((g) => g.principal_id === who.P2);
        assert.ok(gaps.length > 0, 'P2 has no open gap');
        // (the manager reads the reason in their own language; the parts are the same data)
        assert.ok(gaps.every((g) => g.reason_parts[0].code === 'conflict' && /party to an open case|avatud juhtumi osapool/.test(g.reason)), JSON.stringify(gaps[0]));
        const byAdmin = await srv.post('/api/v1/coverage/plans', { from, to });
        assert.equal(byAdmin.status, 201, byAdmin.text);
        const adminGaps = byAdmin.json.open_gaps.filter((g) => g.principal_id === who.P2);
        assert.ok(adminGaps.length > 0 && adminGaps.every((g) => g.reason.startsWith('not available') && g.reason_parts[0].code === 'not_available'), JSON.stringify(adminGaps[0]));
        assert.ok(adminGaps.every((g) => g.reason_parts.every((p) => p.why !== 'conflict')), JSON.stringify(adminGaps[0]));
        assert.ok(!/open case/.test(byAdmin.text), 'the admin reads that a case is open');
        assert.equal((await as(h, tokens, 'manager', 'POST', `/api/v1/cases/${all.json.id}/close`, { json: { outcome: 'resolved' } })).status, 200);
        // Closed, the rule is lifted.
        const closed = await as(h, tokens, 'manager', 'POST', `/api/v1/cases/${c.json.id}/close`, { json: { outcome: 'resolved' } });
        assert.equal(closed.status, 200);
        const third = await plan();
        assert.ok(third.covers.some((x) => x.principal_id === who.P2 && x.assistant_id === backup), 'closed, the backup is proposed again');
    });
});

describe('mediation: sealed entries and retention', () => {
    test('with a case key a copied database file holds no statement; check verifies the key', async () => {
        const dir = await tempDir();
        try {
            const key = path.join(dir, 'case.key');
            await runOk(['case', 'key-gen', key]);
            const srv = await startServer({ dir, env: { HALDUS_CASE_KEY_FILE: key } });
            try {
                const r = await srv.req('POST', '/api/v1/cases', { json: { category: 'other', parties: [] } });
                assert.ok([403, 404].includes(r.status), 'the admin opens no case');
            } finally {
                await srv.close();
            }
            const env = { HALDUS_CASE_KEY_FILE: key };
            const pairs = await run(['case', 'list', '--json', '--db', srv.db], { env });
            assert.equal(pairs.code, 0, pairs.stderr);
            const existing = JSON.parse(pairs.stdout)[1];
            const ids = existing.parties.map((p) => String(p.person_id));
            // The control: without a key, a note is text a copied file shows.
            await runOk(['case', 'note', String(existing.id), '--text', 'PLAIN-zq91 words', '--db', srv.db]);
            const plain = await Promise.all((await readdir(dir)).filter((f) => f.startsWith('haldus.db')).map((f) => readFile(path.join(dir, f))));
            assert.ok(plain.some((b) => b.includes('PLAIN-zq91')), 'the control note is not found in the file');
            const made = await run(['case', 'open', '--category', 'other', '--party', ids[0], '--party', ids[1], '--json', '--db', srv.db], { env });
            assert.equal(made.code, 0, made.stderr);
            const id = JSON.parse(made.stdout).id;
            await runOk(['case', 'note', String(id), '--text', 'SEALED-zq90 the words', '--db', srv.db], { env });
            const shown = await run(['case', 'show', String(id), '--json', '--db', srv.db], { env });
            assert.ok(JSON.parse(shown.stdout).entries.some((e) => e.body === 'SEALED-zq90 the words'));
            const files = (await readdir(dir)).filter((f) => f.startsWith('haldus.db'));
            for (const f of files) {
                const bytes = await readFile(path.join(dir, f));
                assert.ok(!bytes.includes('SEALED-zq90'), `${f} holds the statement in clear`);
            }
            const ok = await run(['check', '--db', srv.db], { env });
            assert.equal(ok.code, 0, ok.stderr);
            assert.match(ok.stdout, /case key .* ok: \d+ sealed entries open/);
            const nokey = await run(['check', '--db', srv.db]);
            assert.equal(nokey.code, 1);
            assert.match(nokey.stderr, /sealed but HALDUS_CASE_KEY_FILE is not set/);
            const wrong = path.join(dir, 'wrong.key');
            await runOk(['case', 'key-gen', wrong]);
            const bad = await run(['check', '--db', srv.db], { env: { HALDUS_CASE_KEY_FILE: wrong } });
            assert.equal(bad.code, 1);
            assert.match(bad.stderr, /does not open with the key/);
            await chmod(wrong, 0o644);
            const loose = await run(['check', '--db', srv.db], { env: { HALDUS_CASE_KEY_FILE: wrong } });
            assert.match(loose.stderr, /may be read by others/);
        } finally {
            await removeDir(dir);
        }
    });

    test('retention on a timer: `jobs run` and the server\'s periodic work purge, once', async () => {
        const dir = await tempDir();
        try {
            const first = await startServer({ dir });
            await first.close();
            const db = first.db;
            const list = JSON.parse((await runOk(['case', 'list', '--json', '--db', db])).stdout);
            const closed = list.find((c) => c.status === 'closed');
            assert.ok(closed, 'the demo has a closed case');
            // Today no case is past retention; three years on, the closed case is.
            // (other work may be due today: the demo's certificates expiring, and a follow-up
            // reminder when the recipient's local date is already tomorrow's in UTC)
            assert.doesNotMatch((await runOk(['jobs', 'run', '--db', db])).stdout, /^mediation:.*purged/m);
            const later = await runOk(['jobs', 'run', '--at', '2099-01-01T00:00:00Z', '--db', db]);
            // (the demo's follow-up reminders fall due by then too: "; N follow-up reminders queued")
            assert.match(later.stdout, /^mediation: 1 closed case past retention purged(;|$)/m);
            // Idempotent: the same run again has nothing left to do.
            assert.doesNotMatch((await runOk(['jobs', 'run', '--at', '2099-01-01T00:00:00Z', '--db', db])).stdout, /^mediation:/m);
            const stub = JSON.parse((await runOk(['case', 'show', String(closed.id), '--json', '--db', db])).stdout);
            assert.equal(stub.purged, true);
            const bad = await run(['jobs', 'run', '--at', 'tomorrow', '--db', db]);
            assert.equal(bad.code, 2);
            assert.match(bad.stderr, /--at must be a time like/);

            // The server runs the same work by itself: close another case, age it, wait.
            const srv = await startServer({ dir, db, credentials: first.credentials, serveArgs: ['--jobs-interval', '10'] });
            try {
                const open = list.find((c) => c.status !== 'closed' && !c.purged);
                assert.ok(open, 'the demo has a case still open');
                await runOk(['case', 'close', String(open.id), '--outcome', 'resolved', '--note', 'settled', '--db', db]);
                const aged = await run([db, `UPDATE mediation_case SET status_at = status_at - 3*365*86400 WHERE id = ${open.id}`], { bin: 'sqlite3' });
                assert.equal(aged.code, 0, aged.stderr);
                let purged = false;
                for (let i = 0; i < 60 && !purged; i++) {
                    await new Promise((r) => setTimeout(r, 500));
                    const c = JSON.parse((await runOk(['case', 'show', String(open.id), '--json', '--db', db])).stdout);
                    purged = c.purged;
                }
                assert.ok(purged, 'the server purged the aged case within 30 s');
            } finally {
                await srv.close();
            }
        } finally {
            await removeDir(dir);
        }
    });

    test('retention: a closed case past the period keeps only a stub', async () => {
        const dir = await tempDir();
        try {
            const srv = await startServer({ dir });
            await srv.close();
            const db = srv.db;
            const list = JSON.parse((await runOk(['case', 'list', '--json', '--db', db])).stdout);
            const closed = list.find((c) => c.status === 'closed');
            assert.ok(closed, 'the demo has a closed case');
            const open = list.find((c) => c.status !== 'closed');
            // Nothing is past the default period yet.
            assert.match((await runOk(['case', 'purge', '--db', db])).stdout, /^0 closed cases/);
            // Move the closing back three years (as if time had passed).
            const sqlite = await run([db, `UPDATE mediation_case SET status_at = status_at - 3*365*86400 WHERE id = ${closed.id}`], { bin: 'sqlite3' });
            assert.equal(sqlite.code, 0, sqlite.stderr);
            assert.match((await runOk(['case', 'purge', '--db', db])).stdout, /^1 closed case /);
            const stub = JSON.parse((await runOk(['case', 'show', String(closed.id), '--json', '--db', db])).stdout);
            assert.equal(stub.purged, true);
            assert.equal(stub.summary, '');
            assert.deepEqual(stub.entries, []);
            assert.deepEqual(stub.sessions, []);
            assert.deepEqual(stub.actions, []);
            assert.equal(stub.outcome, closed.outcome);
            assert.equal(stub.parties.length, 2);
            const still = JSON.parse((await runOk(['case', 'show', String(open.id), '--json', '--db', db])).stdout);
            assert.equal(still.purged, false);
        } finally {
            await removeDir(dir);
        }
    });
});

/** tests/api/smtp_sink.py (python3-aiosmtpd) on a free port; .messages() are parsed back. */
async function startSink(dir) {
    const out = path.join(dir, 'sink.jsonl');
    const proc = spawn('/usr/bin/python3', [path.join(ROOT, 'tests', 'api', 'smtp_sink.py'), '--out', out, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const port = await new Promise((resolve, reject) => {
        let text = '';
        proc.stdout.setEncoding('utf8').on('data', (d) => {
            text += d;
            const m = /ready (\d+)/.exec(text);
            if (m) resolve(Number(m[1]));
        });
        proc.on('exit', (code) => reject(new Error(`smtp_sink exited ${code}`)));
    });
    return {
        url: `smtp://127.0.0.1:${port}`,
        messages: async () => (await readFile(out, 'utf8').catch(() => '')).split('\n').filter(Boolean).map((l) => JSON.parse(l)),
        stop: () => new Promise((r) => {
            proc.on('exit', r);
            proc.kill('SIGTERM');
        }),
    };
}

/** Takes a case from reported to monitoring with the review date. */
async function toMonitoring(srv, token, id, review) {
    for (const [a, json] of [['review', {}], ['mediate', {}], ['agree', {}], ['monitor', { review_date: review }]]) {
        const r = await srv.req('POST', `/api/v1/cases/${id}/${a}`, { json, headers: { Authorization: `Bearer ${token}` } });
        assert.equal(r.status, 200, `${a}: ${r.text}`);
    }
}

describe('mediation: follow-up reminders', () => {
    test('through the outbox: the owner before the due date and when overdue, the manager on the review date — once each, neutral', async () => {
        const dir = await tempDir();
        let sink;
        try {
            const srv = await startServer({ dir });
            const tokens = { manager: await tokenFor(srv, MANAGER), A: await tokenFor(srv, ASSISTANT) };
            const h = { srv };
            const me = await as(h, tokens, 'A', 'GET', '/api/v1/me');
            const A = me.json.account.person_id;
            const aMail = (await srv.getOk(`/api/v1/assistants/${A}`)).email;
            const P = (await srv.getOk(`/api/v1/assistants/${A}/principals`)).principals[0].principal_id;
            const pName = (await srv.getOk(`/api/v1/principals/${P}`)).name;
            const managerPerson = (await as(h, tokens, 'manager', 'GET', '/api/v1/me')).json.account.person_id;
            const SECRET = { summary: 'SUMMARY-rm41 the dispute', action: 'ACTION-rm42 answer within a day' };
            const c = await as(h, tokens, 'manager', 'POST', '/api/v1/cases', { json: { category: 'personality', summary: SECRET.summary, parties: [A, P] } });
            assert.equal(c.status, 201, c.text);
            const id = c.json.id;
            const due = isoDay(20);
            const review = isoDay(25);
            const act = await as(h, tokens, 'manager', 'POST', `/api/v1/cases/${id}/actions`, { json: { description: SECRET.action, owner_id: A, due_date: due } });
            assert.equal(act.status, 201, act.text);
            await toMonitoring(srv, tokens.manager, id, review);
            // The case page shows the next reminder: a day (the default setting) before the due date.
            const shown = await as(h, tokens, 'manager', 'GET', `/api/v1/cases/${id}`);
            const a0 = shown.json.actions.find((x) => x.id === act.json.id);
            assert.deepEqual(a0.next_reminder, { kind: 'due', on: isoDay(19) });
            assert.deepEqual(shown.json.reminders, []);
            // A party never sees the reminders' bookkeeping.
            const asParty = await as(h, tokens, 'A', 'GET', `/api/v1/cases/${id}`);
            assert.equal(asParty.status, 200, asParty.text);
            assert.equal(asParty.json.reminders, undefined);
            assert.equal(asParty.json.actions[0].next_reminder, undefined);
            await srv.close();

            const db = srv.db;
            const sent = async () => JSON.parse((await runOk(['case', 'show', String(id), '--json', '--db', db])).stdout).reminders.map((r) => `${r.kind}:${r.person_id}:${r.on_date}`);
            const at = async (day, time = '12:00:00') => runOk(['jobs', 'run', '--at', `${day}T${time}Z`, '--db', db]);
            await at(isoDay(17));
            assert.deepEqual(await sent(), [], 'three days ahead: nothing yet');
            const first = await at(isoDay(19));
            assert.match(first.stdout, /^mediation: .*follow-up reminders? queued/m);
            assert.deepEqual(await sent(), [`due:${A}:${due}`]);
            await at(isoDay(19), '13:00:00');
            await at(due);
            assert.deepEqual(await sent(), [`due:${A}:${due}`], 'the due reminder goes once');
            await at(isoDay(21));
            await at(isoDay(22));
            assert.deepEqual(await sent(), [`due:${A}:${due}`, `overdue:${A}:${due}`], 'the overdue reminder goes once');
            await at(review);
            await at(review, '18:00:00');
            assert.deepEqual(await sent(), [`due:${A}:${due}`, `overdue:${A}:${due}`, `review:${managerPerson}:${review}`]);
            const after = JSON.parse((await runOk(['case', 'show', String(id), '--json', '--db', db])).stdout);
            assert.equal(after.actions[0].next_reminder, null, 'both reminders sent: none left');

            // Delivered through a real SMTP server: each neutral, with the link to the case. The
            // reminders were queued as of the moved clock; `mail retry` makes them due now.
            const queued = (await runOk(['mail', 'list', '--status', 'queued', '--db', db])).stdout;
            const ids = [...queued.matchAll(/^(\d+) +queued +\d+ +mediation\.(?:reminder|review) /gm)].map((m) => m[1]);
            assert.ok(ids.length >= 3, queued);
            for (const mid of ids) await runOk(['mail', 'retry', mid, '--db', db]);
            sink = await startSink(dir);
            const out = await runOk(['mail', 'send', '--db', db, '--smtp', sink.url, '--smtp-from', 'pool@example.org']);
            assert.match(out.stdout, /failed 0/);
            const got = await sink.messages();
            const mine = got.filter((m) => m.to === aMail && /follow-up|Järeltegevus/.test(m.subject));
            assert.deepEqual(mine.map((m) => m.subject).sort(), mine[0].subject === 'A follow-up is due' || mine[1]?.subject === 'A follow-up is due'
                ? ['A follow-up is due', 'A follow-up is overdue']
                : ['Järeltegevus on tähtajast üle', 'Järeltegevuse tähtaeg on käes']);
            const mgr = got.filter((m) => /A follow-up review is due|Järelkontroll on käes/.test(m.subject));
            assert.equal(mgr.length, 1, 'the manager is reminded of the review once');
            for (const m of [...mine, ...mgr]) {
                const text = `${m.subject}\n${m.text}`;
                for (const leak of [SECRET.summary, SECRET.action, pName, 'personality', 'isiksus'])
                    assert.ok(!text.includes(leak), `a reminder shows "${leak}": ${text}`);
                assert.ok(text.includes(`#/cases/${id}`), `no link to the case: ${text}`);
            }
        } finally {
            await sink?.stop();
            await removeDir(dir);
        }
    });
});

describe('mediation: sessions through find-a-time', () => {
    const h = useServer();
    const tokens = {};
    const who = {};
    let id;
    let booked;
    const SECRET = 'SUMMARY-ft51 the quarrel';
    const from = `${isoDay(7)}T00:00:00Z`;
    const to = `${isoDay(14)}T00:00:00Z`;
    const overlaps = (s) => Date.parse(s.start) < Date.parse(booked.end_at) && Date.parse(s.end) > Date.parse(booked.start_at);

    before(async () => {
        const srv = h.srv;
        tokens.admin = srv.authorization.replace(/^Bearer /, '');
        for (const [k, login] of [['manager', MANAGER], ['A', ASSISTANT], ['B', ASSISTANT_B]]) tokens[k] = await tokenFor(srv, login);
        const me = async (k) => (await as(h, tokens, k, 'GET', '/api/v1/me')).json.account.person_id;
        who.A = await me('A');
        who.B = await me('B');
        who.manager = await me('manager');
        who.P = (await srv.getOk(`/api/v1/assistants/${who.A}/principals`)).principals[0].principal_id;
        who.pName = (await srv.getOk(`/api/v1/principals/${who.P}`)).name;
        tokens.P = await tokenFor(srv, (await srv.getOk(`/api/v1/principals/${who.P}`)).email);
        // N: an assistant who is a party to no case.
        const n = await srv.create('assistants', personBody());
        const pw = path.join(srv.dir, 'n-password');
        await writeFile(pw, 'a-long-assistant-password-42\n', { mode: 0o600 });
        await runOk(['user', 'add', '--login', n.email, '--role', 'assistant', '--person', String(n.id), '--password-file', pw, '--db', srv.db]);
        tokens.N = await tokenFor(srv, n.email);
        const c = await as(h, tokens, 'manager', 'POST', '/api/v1/cases', { json: { category: 'conduct', summary: SECRET, parties: [who.A, who.P] } });
        assert.equal(c.status, 201, c.text);
        id = c.json.id;
    });

    test('free times across the parties\' and the manager\'s calendars; booking one takes it off', async () => {
        const r = await as(h, tokens, 'manager', 'POST', `/api/v1/cases/${id}/sessions/find-time`, { json: { from, to, duration_minutes: 60, count: 50 } });
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.title, 'Meeting with the manager');
        assert.ok(r.json.slots.length > 0, 'some free time in a week');
        assert.deepEqual(r.json.attendees.map((a) => a.person_id).sort((x, y) => x - y), [who.A, who.P, who.manager].sort((x, y) => x - y));
        const slot = r.json.slots[0];
        const b = await as(h, tokens, 'manager', 'POST', `/api/v1/cases/${id}/sessions`, { json: { start_at: slot.start, end_at: slot.end, attendees: [who.A, who.P], location: 'Room 7' } });
        assert.equal(b.status, 201, b.text);
        booked = b.json;
        assert.equal(booked.organizer_id, who.manager);
        const again = await as(h, tokens, 'manager', 'POST', `/api/v1/cases/${id}/sessions/find-time`, { json: { from, to, duration_minutes: 60, count: 50 } });
        assert.ok(!again.json.slots.some(overlaps), 'the booked time is offered again');
        // One party alone: that party and the manager are searched.
        const alone = await as(h, tokens, 'manager', 'POST', `/api/v1/cases/${id}/sessions/find-time`, { json: { attendees: [who.A], from, to } });
        assert.equal(alone.status, 200, alone.text);
        assert.deepEqual(alone.json.attendees.map((a) => a.person_id).sort((x, y) => x - y), [who.A, who.manager].sort((x, y) => x - y));
        assert.ok(!alone.json.slots.some(overlaps));
        // The meetings' own find-a-time sees the session as busy, without saying what it is.
        const m = await as(h, tokens, 'manager', 'POST', '/api/v1/meetings/find-time', { json: { attendees: [{ person_id: who.A }], from, to, duration_minutes: 60, count: 50 } });
        assert.equal(m.status, 200, m.text);
        assert.ok(!m.json.slots.some(overlaps), 'a meeting is proposed over the session');
        assert.ok(!m.text.includes(SECRET) && !m.text.includes('Meeting with the manager'));
    });

    test('find-time: only managers, only the case\'s parties, the search\'s own validation', async () => {
        for (const k of ['A', 'P', 'B']) assertError(await as(h, tokens, k, 'POST', `/api/v1/cases/${id}/sessions/find-time`, { json: { from, to } }), 403, 'forbidden');
        assertError(await as(h, tokens, 'admin', 'POST', `/api/v1/cases/${id}/sessions/find-time`, { json: { from, to } }), 404, 'not_found');
        assertError(await as(h, tokens, 'manager', 'POST', `/api/v1/cases/${id}/sessions/find-time`, { json: { attendees: [who.B], from, to } }), 422, 'invalid', 'attendees');
        assertError(await as(h, tokens, 'manager', 'POST', `/api/v1/cases/${id}/sessions/find-time`, { json: { from, to, title: 'x' } }), 422, 'invalid', 'title');
        assertError(await as(h, tokens, 'manager', 'POST', `/api/v1/cases/${id}/sessions/find-time`, { json: { from: to, to: from } }), 422, 'invalid', 'to');
    });

    test('invitations: a neutral mail with an .ics to each attendee and the manager', async () => {
        // Mediation mails are the manager role's: the admin's outbox leaves them out.
        assert.deepEqual(await h.srv.listAll('/api/v1/mail?kind=mediation.session'), []);
        const listed = await as(h, tokens, 'manager', 'GET', '/api/v1/mail?kind=mediation.session&limit=500');
        assert.equal(listed.status, 200, listed.text);
        const mail = listed.json.items.filter((m) => m.ics && m.ics.includes(`case-session-${booked.id}@haldus`));
        const emails = await Promise.all([who.A, who.P, who.manager].map(async (p) => (await h.srv.getOk(`/api/v1/people/${p}`)).email));
        assert.deepEqual(mail.map((m) => m.to_address).sort(), [...emails].sort());
        for (const m of mail) {
            assert.ok(['Invitation: Meeting with the manager', 'Kutse: kohtumine halduriga'].includes(m.subject), m.subject);
            const text = `${m.subject}\n${m.body}\n${m.ics}`;
            for (const leak of [SECRET, 'conduct', `/cases/${id}`]) assert.ok(!text.includes(leak), `an invitation shows "${leak}"`);
            assert.match(m.ics, /^METHOD:REQUEST\r?$/m);
            assert.match(m.ics, /^SUMMARY:Meeting with the manager\r?$/m);
            assert.equal((m.ics.match(/^ATTENDEE/gm) || []).length, 1, 'each invitation names its recipient only');
        }
        const toA = mail.find((m) => m.to_address === emails[0]);
        assert.ok(!toA.ics.includes(who.pName) && !toA.body.includes(who.pName), 'A\'s invitation names the other party');
    });

    test('calendar feeds: a party\'s shows the session and nothing of the case; a non-party\'s nothing', async () => {
        const feedOf = async (k, busyOnly = false) => {
            const f = await as(h, tokens, k, 'POST', '/api/v1/feeds', { json: busyOnly ? { busy_only: true } : {} });
            assert.equal(f.status, 201, f.text);
            const r = await h.srv.get(f.json.url, { auth: false });
            assert.equal(r.status, 200, r.text);
            return r.text;
        };
        const uid = `UID:case-session-${booked.id}@haldus`;
        for (const k of ['A', 'P', 'manager']) {
            const text = await feedOf(k);
            const ev = text.split('BEGIN:VEVENT').find((e) => e.includes(uid));
            assert.ok(ev, `the session is not in ${k}'s feed`);
            assert.match(ev, /^SUMMARY:Meeting with the manager\r?$/m);
            for (const leak of [SECRET, 'conduct', `cases/${id}`]) assert.ok(!text.includes(leak), `${k}'s feed shows "${leak}"`);
        }
        assert.ok(!(await feedOf('A')).includes(who.pName), 'A\'s feed names the other party');
        const busy = await feedOf('A', true);
        assert.ok(busy.includes(uid) && !busy.includes('Meeting with the manager'), 'the busy-only feed hides the title');
        // B is a party of a demo case, not of this one: B's feed has the demo's session only.
        const b = await feedOf('B');
        assert.ok(!b.includes(uid) && !b.includes(SECRET), 'a party of another case sees this session');
        // Someone in no case at all: nothing.
        const other = await feedOf('N');
        assert.ok(!other.includes('case-session-') && !other.includes('Meeting with the manager'), 'a non-party\'s feed has a session');
        assert.match(other, /BEGIN:VCALENDAR/);
    });
});

describe('mediation: who acts, and reads on a read-only database', () => {
    test('an admin account linked to a party acts as that party only', async () => {
        const dir = await tempDir();
        try {
            const srv = await startServer({ dir });
            const h = { srv };
            const tokens = { manager: await tokenFor(srv, MANAGER), A: await tokenFor(srv, ASSISTANT) };
            const A = (await as(h, tokens, 'A', 'GET', '/api/v1/me')).json.account.person_id;
            const boss = await srv.create('principals', principalBody());
            const pw = path.join(dir, 'pw');
            await writeFile(pw, 'a-long-admin-password-42\n', { mode: 0o600 });
            await runOk(['user', 'add', '--login', 'party-admin', '--role', 'admin', '--person', String(boss.id), '--password-file', pw, '--db', srv.db]);
            tokens.padmin = await tokenFor(srv, 'party-admin');
            const c = await as(h, tokens, 'manager', 'POST', '/api/v1/cases', { json: { category: 'workload', parties: [A, boss.id] } });
            assert.equal(c.status, 201, c.text);
            const id = c.json.id;
            const read = await as(h, tokens, 'padmin', 'GET', `/api/v1/cases/${id}`);
            assert.equal(read.status, 200, 'the admin reads the case as the party they are');
            assert.equal(read.json.reminders, undefined, 'but not as a manager');
            for (const [a, json] of [['review', {}], ['close', { outcome: 'resolved' }], ['mediate', {}]]) {
                const r = await as(h, tokens, 'padmin', 'POST', `/api/v1/cases/${id}/${a}`, { json });
                assertError(r, 403, 'forbidden');
            }
            const still = await as(h, tokens, 'manager', 'GET', `/api/v1/cases/${id}`);
            assert.equal(still.json.status, 'reported', 'nothing changed');
            // A manager's account still acts.
            assert.equal((await as(h, tokens, 'manager', 'POST', `/api/v1/cases/${id}/review`, { json: {} })).status, 200);
            await srv.close();
        } finally {
            await removeDir(dir);
        }
    });

    test('a read-only server answers a case read with 503 read_only saying the read audit needs a writable database', async () => {
        const dir = await tempDir();
        try {
            const first = await startServer({ dir });
            const token = await tokenFor(first, MANAGER);
            const list = await first.req('GET', '/api/v1/cases', { headers: { Authorization: `Bearer ${token}` } });
            const id = list.json.items[0].id;
            await first.close();
            const srv = await startServer({ dir, db: first.db, credentials: first.credentials, serveArgs: ['--read-only'] });
            try {
                const h = { srv };
                const tokens = { manager: token };
                for (const url of [`/api/v1/cases/${id}`, '/api/v1/cases']) {
                    const r = await as(h, tokens, 'manager', 'GET', url);
                    assertError(r, 503, 'read_only');
                    assert.match(r.json.error.message, /audit entry, which needs a writable database/);
                }
                // Other reads still work.
                assert.equal((await as(h, tokens, 'manager', 'GET', '/api/v1/people?limit=1')).status, 200);
            } finally {
                await srv.close();
            }
        } finally {
            await removeDir(dir);
        }
    });
});
