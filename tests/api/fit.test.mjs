// fit.test.mjs: role fit over the API (issue 14): the fit's terms as a table of cases on a
// controlled executive and assistants, no fit without must-haves (and the gap named with
// allow_training), an assignment from a fit row through the assignment path (audited, the pair
// checked), the pool-wide what-if accepted by change (audited, 412 when stale), the weights as
// settings, the entities' owners, and what non-managers may not see or do.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertError, personBody, principalBody, run, runOk, runProgram, unique, useServer } from './lib.mjs';

const MANAGER = 'manager@demo.haldus.example';
const ASSISTANT = 'kadri.tamm@demo.haldus.example';

async function tokenFor(srv, login) {
    const r = await runOk(['user', 'token', login, '--db', srv.db, '--name', 'fit tests']);
    const m = /hld_[A-Za-z0-9_-]+/.exec(r.stdout);
    assert.ok(m, `no token for ${login}: ${r.stdout}`);
    return m[0];
}

const asUser = (srv, token, method, url, json, extra = {}) =>
    srv.req(method, url, { ...extra, json, headers: { Authorization: `Bearer ${token}` } });

describe('role fit', () => {
    const h = useServer();
    const lab = {}; // the controlled executive X and assistants
    const tokens = {};

    before(async () => {
        const srv = h.srv;
        tokens.manager = await tokenFor(srv, MANAGER);
        tokens.assistant = await tokenFor(srv, ASSISTANT);
        const u = unique('fit');
        const must = await srv.create('skills', { name: `Board minutes ${u}` });
        const nice = await srv.create('skills', { name: `Travel ${u}` });
        const dMust = await srv.create('duties', { name: `Board support ${u}` });
        const dNice = await srv.create('duties', { name: `Travel booking ${u}` });
        await srv.create('duty-skills', { duty_id: dMust.id, skill_id: must.id, min_level: 3 });
        await srv.create('duty-skills', { duty_id: dNice.id, skill_id: nice.id, min_level: 4 });
        const dep = `FitLab ${u}`;
        const x = await srv.create('principals', principalBody({ department: dep, languages: ['et', 'en'] }));
        await srv.create('principal-duties', { principal_id: x.id, duty_id: dMust.id, must_have: true });
        await srv.create('principal-duties', { principal_id: x.id, duty_id: dNice.id, must_have: false });
        await srv.create('role-profiles', { principal_id: x.id, pace: 2, formality: 2, autonomy: -2, channel: 2 });
        const asst = async (languages, skills, style) => {
            const a = await srv.create('assistants', personBody({ languages, capacity: 3 }));
            for (const [skill, level] of skills)
                await srv.create('assistant-skills', { assistant_id: a.id, skill_id: skill.id, level });
            if (style) await srv.create('work-styles', { assistant_id: a.id, ...style });
            return a;
        };
        lab.full = await asst(['et', 'en'], [[must, 3], [nice, 4]], { pace: 2, formality: 2, autonomy: -2, channel: 2 });
        await srv.create('duty-experience', { assistant_id: lab.full.id, duty_id: dMust.id, years: 5 });
        lab.half = await asst(['en'], [[must, 4], [nice, 2]], { pace: -2, formality: -2, autonomy: 2, channel: -2 });
        lab.none = await asst(['et', 'en'], [[nice, 5]], null); // lacks the must-have
        Object.assign(lab, { x, must, nice, dMust, dep });
    });

    const fitOf = (out, id) => out.fits.find((f) => f.assistant_id === id);
    const term = (row, code) => row.terms.find((t) => t.term === code);

    test('the terms as a table of cases, with the score their sum', async () => {
        const out = await h.srv.getOk(`/api/v1/fit?principal_id=${lab.x.id}`);
        assert.equal(out.principal_id, lab.x.id);
        assert.equal(out.history, true);
        const cases = [
            // [assistant, term, points, what else the term says]
            ['full', 'must', 0, { missing: 0, trained: 0 }],
            ['full', 'nice', 15, { level: 4, wanted: 4 }],
            ['full', 'languages', 15, { shared: 2, needed: 2 }],
            ['full', 'experience', 10, { years: 5, skill: lab.must.name }], // 5 of 5 years, 0 of the nice duty
            ['full', 'style', 15, {}],
            ['full', 'hours', 15, {}], // the executive has no hours: nothing to miss
            ['full', 'workload', 10, {}],
            ['full', 'history', 0, { covers_ok: 0, mediation: false }],
            ['half', 'nice', 7.5, { level: 2, wanted: 4, skill: lab.nice.name }],
            ['half', 'languages', 7.5, { shared: 1, needed: 2 }],
            ['half', 'experience', 0, {}],
            ['half', 'style', 0, { assistant_value: -2, executive_value: 2 }],
        ];
        for (const [who, code, points, more] of cases) {
            const row = fitOf(out, lab[who].id);
            assert.ok(row, `${who} is ranked`);
            const t = term(row, code);
            assert.ok(t, `${who} has the ${code} term`);
            assert.equal(t.points, points, `${who} ${code}: ${JSON.stringify(t)}`);
            for (const [k, v] of Object.entries(more)) assert.equal(t[k], v, `${who} ${code}.${k}`);
        }
        for (const row of out.fits) {
            const sum = row.terms.reduce((s, t) => s + t.points, 0);
            assert.equal(row.score, Math.round(Math.max(0, Math.min(100, sum))), JSON.stringify(row));
            for (const t of row.terms) assert.ok(t.points <= t.max + 1e-9, JSON.stringify(t));
        }
        assert.equal(fitOf(out, lab.full.id).score, 80);
        assert.equal(fitOf(out, lab.half.id).score, 40);
        // ranked best first
        for (let i = 1; i < out.fits.length; i++) assert.ok(out.fits[i - 1].score >= out.fits[i].score);
        assert.ok(out.fits.indexOf(fitOf(out, lab.full.id)) < out.fits.indexOf(fitOf(out, lab.half.id)));
    });

    test('no fit without the must-haves; allow_training names the gap', async () => {
        const out = await h.srv.getOk(`/api/v1/fit?principal_id=${lab.x.id}`);
        assert.equal(fitOf(out, lab.none.id), undefined);
        assert.ok(out.not_eligible >= 1);
        assert.deepEqual(out.must_have.map((s) => s.skill_id), [lab.must.id]);
        const tr = await h.srv.getOk(`/api/v1/fit?principal_id=${lab.x.id}&allow_training=1`);
        const row = fitOf(tr, lab.none.id);
        assert.ok(row, 'with allow_training the assistant is ranked');
        assert.deepEqual(row.training, [{ skill_id: lab.must.id, skill: lab.must.name }]);
        assert.equal(term(row, 'must').trained, 1);
        assert.deepEqual(fitOf(tr, lab.full.id).training, []);
        // suggested backups: ranked, never one needing training
        assert.ok(tr.suggested_backups.every((b) => b.assistant_id !== lab.none.id));
        assertError(await h.srv.get(`/api/v1/fit?principal_id=${lab.x.id}&allow_training=2`), 400, 'bad_request', 'allow_training');
        // no executive named, or none by that id: nothing to rank
        for (const url of ['/api/v1/fit', '/api/v1/fit?principal_id=99999999', `/api/v1/fit?principal_id=${lab.full.id}`]) {
            const none = await h.srv.getOk(url);
            assert.equal(none.principal, null, url);
            assert.deepEqual(none.fits, [], url);
        }
        const ex = await h.srv.getOk(`/api/v1/fit?principal_id=${lab.x.id}&exclude=${lab.full.id}`);
        assert.equal(fitOf(ex, lab.full.id), undefined);
        assert.deepEqual(
            ex.excluded.filter((e) => e.assistant_id === lab.full.id).map((e) => e.reason),
            ['excluded'],
        );
    });

    test('an assignment from a fit row: checked, through the assignment path, audited', async () => {
        const srv = h.srv;
        assertError(
            await asUser(srv, tokens.manager, 'POST', '/api/v1/fit/assign', { principal_id: lab.x.id, assistant_id: lab.none.id }),
            409,
            'missing_skill',
            'assistant_id',
        );
        const before = await srv.listAll(`/api/v1/assignments?principal_id=${lab.x.id}`);
        assert.equal(before.length, 0, 'the refused one changed nothing');
        assertError(
            await asUser(srv, tokens.assistant, 'POST', '/api/v1/fit/assign', { principal_id: lab.x.id, assistant_id: lab.full.id }),
            403,
            'forbidden',
        );
        assertError(
            await asUser(srv, tokens.manager, 'POST', '/api/v1/fit/assign', { principal_id: lab.x.id, assistant_id: lab.full.id, colour: 1 }),
            422,
            'invalid',
            'colour',
        );
        const r = await asUser(srv, tokens.manager, 'POST', '/api/v1/fit/assign', { principal_id: lab.x.id, assistant_id: lab.half.id });
        assert.equal(r.status, 201, r.text);
        assert.equal(r.json.assignment.source, 'matcher');
        assert.equal(r.json.assignment.kind, 'primary');
        assert.equal(r.json.score, 40);
        // the gap closed by training is recorded with who decided
        const t = await asUser(srv, tokens.manager, 'POST', '/api/v1/fit/assign', {
            principal_id: lab.x.id,
            assistant_id: lab.none.id,
            allow_training: true,
        });
        assert.equal(t.status, 201, t.text);
        assert.deepEqual(t.json.training.map((s) => s.skill_id), [lab.must.id]);
        // the new primary ended the one before (made today: gone), one primary now
        const now = await srv.listAll(`/api/v1/assignments?principal_id=${lab.x.id}`);
        assert.deepEqual(now.map((a) => a.assistant_id), [lab.none.id]);
        const audit = await srv.getOk(`/api/v1/audit?entity=assignment&entity_id=${t.json.assignment.id}`);
        const items = audit.items ?? audit;
        const decided = items.find((a) => a.action === 'fit_assign');
        assert.ok(decided, JSON.stringify(items));
        assert.equal(decided.actor, MANAGER);
        assert.equal(decided.after.decided_by, MANAGER);
        assert.equal(decided.after.allow_training, true);
        assert.ok(items.some((a) => a.action === 'create' && a.actor === MANAGER));
        // the same one again is a conflict
        assertError(
            await asUser(srv, tokens.manager, 'POST', '/api/v1/fit/assign', { principal_id: lab.x.id, assistant_id: lab.none.id, allow_training: true }),
            409,
            'conflict',
        );
    });

    test('the what-if: before and after, accepted by change, audited, 412 when stale', async () => {
        const srv = h.srv;
        const p = await asUser(srv, tokens.manager, 'GET', '/api/v1/matching/proposals');
        assert.equal(p.status, 200, p.text);
        const prop = p.json;
        assert.equal(typeof prop.basis, 'string');
        assert.equal(prop.gain, prop.total_proposed - prop.total_today);
        assert.ok(prop.changes.length >= 2, 'the demo has changes to propose');
        const [first, second] = prop.changes;
        // accepting one change
        const a = await asUser(srv, tokens.manager, 'POST', '/api/v1/matching/proposals/accept', {
            department: null,
            basis: prop.basis,
            changes: [{ principal_id: first.principal_id, to_id: first.to_id }],
        });
        assert.equal(a.status, 200, a.text);
        assert.equal(a.json.accepted, 1);
        assert.equal(a.json.assignments[0].assistant_id, first.to_id);
        assert.equal(a.json.assignments[0].source, 'matcher');
        const sup = await srv.getOk(`/api/v1/principals/${first.principal_id}/supporters`);
        assert.ok(JSON.stringify(sup).includes(`"assistant_id":${first.to_id}`), JSON.stringify(sup));
        // the same basis is stale now: nothing changes
        const count = (await srv.listAll('/api/v1/assignments')).length;
        assertError(
            await asUser(srv, tokens.manager, 'POST', '/api/v1/matching/proposals/accept', {
                basis: prop.basis,
                changes: [{ principal_id: second.principal_id, to_id: second.to_id }],
            }),
            412,
            'version_mismatch',
            'basis',
        );
        assert.equal((await srv.listAll('/api/v1/assignments')).length, count);
        // the accepted change is gone from a fresh what-if
        const again = (await asUser(srv, tokens.manager, 'GET', '/api/v1/matching/proposals')).json;
        assert.ok(!again.changes.some((c) => c.principal_id === first.principal_id && c.to_id === first.to_id));
        // a change that is not proposed is refused
        assertError(
            await asUser(srv, tokens.manager, 'POST', '/api/v1/matching/proposals/accept', {
                basis: again.basis,
                changes: [{ principal_id: first.principal_id, to_id: 99999999 }],
            }),
            412,
            'version_mismatch',
            'changes',
        );
        const audit = await srv.getOk('/api/v1/audit?entity=matching');
        const items = audit.items ?? audit;
        const acc = items.find((x) => x.action === 'accept');
        assert.ok(acc, JSON.stringify(items));
        assert.equal(acc.actor, MANAGER);
        assert.equal(acc.after.changes.length, 1);
        assertError(
            await asUser(srv, tokens.manager, 'POST', '/api/v1/matching/proposals/accept', { changes: [] }),
            422,
            'invalid',
            'basis',
        );
    });

    test('non-managers: 403 on matching, no history signal, their own profile only', async () => {
        const srv = h.srv;
        assertError(await asUser(srv, tokens.assistant, 'GET', '/api/v1/matching/proposals'), 403, 'forbidden');
        assertError(
            await asUser(srv, tokens.assistant, 'POST', '/api/v1/matching/proposals/accept', { basis: 'x' }),
            403,
            'forbidden',
        );
        assertError(await asUser(srv, tokens.assistant, 'GET', `/api/v1/fit?principal_id=${lab.x.id}`), 403, 'forbidden');
        assertError(await asUser(srv, tokens.assistant, 'GET', '/api/v1/settings/fit'), 403, 'forbidden');
        // an executive sees their own best fits without the history term or the exclusions
        const me = (await asUser(srv, tokens.assistant, 'GET', '/api/v1/me')).json.account.person_id;
        const execId = (await srv.getOk(`/api/v1/assistants/${me}/principals`)).principals[0].principal_id;
        const xt = await tokenFor(srv, (await srv.getOk(`/api/v1/principals/${execId}`)).email);
        const own = await asUser(srv, xt, 'GET', `/api/v1/fit?principal_id=${execId}`);
        assert.equal(own.status, 200, own.text);
        assert.equal(own.json.history, false);
        assert.equal(own.json.excluded, undefined);
        for (const row of own.json.fits) assert.equal(term(row, 'history'), undefined);
        assertError(await asUser(srv, xt, 'GET', `/api/v1/fit?principal_id=${lab.x.id}`), 403, 'forbidden');
        const mgr = (await asUser(srv, tokens.manager, 'GET', `/api/v1/fit?principal_id=${execId}`)).json;
        assert.equal(mgr.history, true);
        assert.ok(Array.isArray(mgr.excluded));
        for (const row of mgr.fits) assert.ok(term(row, 'history'));
        // the executive edits their profile; the assistant edits their own style, not another's
        const prof = (await asUser(srv, xt, 'GET', `/api/v1/role-profiles?principal_id=${execId}`)).json.items[0];
        assert.ok(prof, 'the demo gives the executive a profile');
        const pe = await asUser(srv, xt, 'PATCH', `/api/v1/role-profiles/${prof.id}`, { workload_hours: 20 }, { ifMatch: prof.version });
        assert.equal(pe.status, 200, pe.text);
        const mine = await asUser(srv, tokens.assistant, 'GET', `/api/v1/work-styles?assistant_id=${me}`);
        assert.equal(mine.status, 200);
        const styleId = mine.json.items[0]?.id;
        assert.ok(styleId, 'the demo states a style for the assistant');
        const others = await asUser(srv, tokens.assistant, 'GET', `/api/v1/work-styles?assistant_id=${lab.full.id}`);
        assert.deepEqual(others.json.items, []);
        assertError(
            await asUser(srv, tokens.assistant, 'POST', '/api/v1/work-styles', { assistant_id: lab.half.id, pace: 1 }),
            403,
            'forbidden',
        );
        assertError(
            await srv.post('/api/v1/work-styles', { assistant_id: lab.full.id, pace: 3 }),
            422,
            'invalid',
            'pace',
        );
        assertError(
            await srv.post('/api/v1/role-profiles', { principal_id: lab.x.id }),
            409,
            'duplicate',
        );
    });

    test('the weights are settings: If-Match, validated, and they move the scores', async () => {
        const srv = h.srv;
        const s = await srv.getOk('/api/v1/settings/fit');
        assert.equal(s.weights.style, 15);
        assertError(await srv.patch('/api/v1/settings/fit', { weights: { style: 30 } }), 428, 'if_match_required');
        assertError(await srv.patch('/api/v1/settings/fit', { weights: { style: 101 } }, s.version), 422, 'invalid', 'style');
        assertError(await srv.patch('/api/v1/settings/fit', { weights: { colour: 1 } }, s.version), 422, 'invalid', 'colour');
        const r = await srv.patch('/api/v1/settings/fit', { weights: { style: 30 } }, s.version);
        assert.equal(r.status, 200, r.text);
        assertError(await srv.patch('/api/v1/settings/fit', { weights: { style: 10 } }, s.version), 412, 'version_mismatch');
        const out = await srv.getOk(`/api/v1/fit?principal_id=${lab.x.id}`);
        const row = out.fits.find((f) => f.assistant_id === lab.full.id);
        assert.equal(term(row, 'style').points, 30);
        const back = await srv.patch('/api/v1/settings/fit', { weights: { style: 15 } }, r.json.version);
        assert.equal(back.status, 200, back.text);
    });
    test('a change that needs another change\'s place: linked, refused alone, never over capacity', async () => {
        const srv = h.srv;
        const dep = `Linked ${unique('dep')}`;
        const up = { pace: 2, formality: 2, autonomy: 2, channel: 2 };
        const down = { pace: -2, formality: -2, autonomy: -2, channel: -2 };
        // A1 holds E1 and has no other place; A2 has a place. E1 fits A2 better, E2 (no
        // assistant yet) fits A1 best: E2's move to A1 needs E1's move to A2.
        const a1 = await srv.create('assistants', personBody({ languages: ['fi'], capacity: 1 }));
        const a2 = await srv.create('assistants', personBody({ languages: ['de'], capacity: 1 }));
        await srv.create('work-styles', { assistant_id: a1.id, ...down });
        await srv.create('work-styles', { assistant_id: a2.id, ...up });
        const e1 = await srv.create('principals', principalBody({ department: dep, languages: ['de'] }));
        const e2 = await srv.create('principals', principalBody({ department: dep, languages: ['fi'] }));
        await srv.create('role-profiles', { principal_id: e1.id, ...up });
        await srv.create('role-profiles', { principal_id: e2.id, ...down });
        await srv.create('assignments', { assistant_id: a1.id, principal_id: e1.id, kind: 'primary', start_date: '2026-01-01' });
        const url = `/api/v1/matching/proposals?department=${encodeURIComponent(dep)}`;
        const prop = await srv.getOk(url);
        const byExec = (id) => prop.changes.find((c) => c.principal_id === id);
        const A = byExec(e1.id), B = byExec(e2.id);
        assert.ok(A && B, JSON.stringify(prop.changes));
        assert.equal(prop.changes.length, 2);
        assert.deepEqual([A.from_id, A.to_id, B.from_id, B.to_id], [a1.id, a2.id, null, a1.id]);
        assert.deepEqual(B.needs, [e1.id], 'B needs the place A frees');
        assert.deepEqual(A.needs, []);
        assert.equal(A.group, B.group);
        assert.deepEqual(prop.changes.map((c) => c.principal_id), [e2.id, e1.id], 'a group in chain order');
        const overloaded = async () =>
            (await srv.getOk('/api/v1/support/flags')).overloaded.filter(
                (o) => o.reason === 'capacity' && [a1.id, a2.id].includes(o.assistant_id),
            );
        const primaries = async () =>
            (await srv.listAll(`/api/v1/assignments?kind=primary`))
                .filter((x) => [e1.id, e2.id].includes(x.principal_id))
                .map((x) => [x.principal_id, x.assistant_id, x.end_date]);
        const before = await primaries();
        // B alone: 409 naming A's executive, nothing changed, no one over capacity
        const r = await asUser(srv, tokens.manager, 'POST', '/api/v1/matching/proposals/accept', {
            department: dep,
            basis: prop.basis,
            changes: [{ principal_id: e2.id, to_id: a1.id }],
        });
        assertError(r, 409, 'conflict', 'changes');
        assert.ok(r.json.error.message.includes(e1.name), r.json.error.message);
        assert.deepEqual(await primaries(), before);
        assert.deepEqual(await overloaded(), []);
        // the CLI refuses the same way, by the numbers `proposals` prints
        const cli = await run(['match', 'accept', '--department', dep, '--basis', prop.basis, '--change', '1', '--db', srv.db]);
        assert.equal(cli.code, 1, cli.stdout + cli.stderr);
        assert.match(cli.stderr, new RegExp(`needs the change for ${e1.name}`));
        const text = await runOk(['match', 'proposals', '--department', dep, '--db', srv.db]);
        assert.match(text.stdout, /^1\. .+ -> .+\n {3}accept with 2: .+\n2\. /);
        assert.deepEqual(await primaries(), before);
        // with its link, or the whole group: accepted, and no one over capacity
        const dry = await runOk(['match', 'accept', '--department', dep, '--basis', prop.basis, '--change', '1', '--change', '2', '--dry-run', '--db', srv.db]);
        assert.match(dry.stdout, /would accept 2 changes .*dry run: nothing was written/);
        assert.deepEqual(await primaries(), before);
        const ok = await runOk(['match', 'accept', '--department', dep, '--basis', prop.basis, '--change', '1', '--change', '2', '--json', '--db', srv.db]);
        const out = JSON.parse(ok.stdout);
        assert.equal(out.accepted, 2);
        assert.equal(out.dry_run, false);
        assert.deepEqual(await overloaded(), []);
        for (const [e, a] of [[e1, a2], [e2, a1]]) {
            const sup = await srv.getOk(`/api/v1/principals/${e.id}/supporters`);
            assert.ok(sup.supporters.some((s) => s.assistant_id === a.id && s.kind === 'primary'), JSON.stringify(sup));
        }
        const audit = (await srv.getOk('/api/v1/audit?entity=matching')).items;
        const acc = audit.find((x) => x.action === 'accept' && x.after.department === dep);
        assert.ok(acc, JSON.stringify(audit));
        assert.equal(acc.actor, 'cli');
        assert.equal(acc.after.decided_by, 'cli');
        assert.equal(acc.after.changes.length, 2);
        // the old basis is stale now: the CLI says so and changes nothing
        const stale = await run(['match', 'accept', '--department', dep, '--basis', prop.basis, '--db', srv.db]);
        assert.equal(stale.code, 1);
        assert.match(stale.stderr, /changed since/);
    });
    test('a suggested backup designated in one click: the normal path, If-Match, 409s, audited', async () => {
        const srv = h.srv;
        const fits = await srv.getOk(`/api/v1/fit?principal_id=${lab.x.id}`);
        assert.equal(typeof fits.backups_version, 'number');
        const list0 = await srv.getOk(`/api/v1/principals/${lab.x.id}/designated-backups`);
        assert.equal(fits.backups_version, list0.version, 'the list version, for If-Match');
        const pick = fits.suggested_backups[0];
        assert.ok(pick, JSON.stringify(fits.suggested_backups));
        const url = '/api/v1/fit/backups';
        const body = { principal_id: lab.x.id, assistant_id: pick.assistant_id };
        const mgr = (json, ifMatch) => asUser(srv, tokens.manager, 'POST', url, json, ifMatch === undefined ? {} : { ifMatch });
        assertError(await mgr(body), 428, 'if_match_required');
        assertError(await mgr(body, fits.backups_version + 1), 412, 'version_mismatch');
        assertError(await asUser(srv, tokens.assistant, 'POST', url, body, { ifMatch: fits.backups_version }), 403, 'forbidden');
        assertError(await mgr({ ...body, rank: 1 }, fits.backups_version), 422, 'invalid', 'rank');
        const lacking = await srv.create('assistants', personBody({ capacity: 2 })); // no must-have
        assertError(await mgr({ principal_id: lab.x.id, assistant_id: lacking.id }, fits.backups_version), 409, 'missing_skill', 'assistant_id');
        if (fits.current_id)
            assertError(await mgr({ principal_id: lab.x.id, assistant_id: fits.current_id }, fits.backups_version), 409, 'conflict', 'assistant_id');
        // an open mediation case between them: may not cover
        const other = await srv.create('assistants', personBody({ capacity: 2 }));
        await srv.create('assistant-skills', { assistant_id: other.id, skill_id: lab.must.id, level: 5 });
        const kase = await asUser(srv, tokens.manager, 'POST', '/api/v1/cases', {
            category: 'communication',
            severity: 'low',
            summary: 'fit test',
            parties: [other.id, lab.x.id],
        });
        assert.equal(kase.status, 201, kase.text);
        assertError(await mgr({ principal_id: lab.x.id, assistant_id: other.id }, fits.backups_version), 409, 'incompatible_pair', 'assistant_id');
        assert.deepEqual((await srv.getOk(`/api/v1/principals/${lab.x.id}/designated-backups`)).items, list0.items, 'refusals changed nothing');
        // the click: added last through the designated-backup path
        const r = await mgr(body, fits.backups_version);
        assert.equal(r.status, 201, r.text);
        assert.equal(r.json.designated_backup.assistant_id, pick.assistant_id);
        assert.equal(r.json.designated_backup.rank, list0.items.length + 1);
        assert.equal(r.json.score, pick.score);
        const list1 = await srv.getOk(`/api/v1/principals/${lab.x.id}/designated-backups`);
        assert.deepEqual(r.json.backups, list1);
        assert.deepEqual(list1.items.map((i) => i.assistant_id), [...list0.items.map((i) => i.assistant_id), pick.assistant_id]);
        // the suggestion is gone; the same one again is a conflict
        const again = await srv.getOk(`/api/v1/fit?principal_id=${lab.x.id}`);
        assert.ok(!again.suggested_backups.some((b) => b.assistant_id === pick.assistant_id));
        assert.equal(again.fits.find((f) => f.assistant_id === pick.assistant_id).designated_backup, true);
        const dup = await mgr(body, list1.version);
        assertError(dup, 409, 'conflict', 'assistant_id');
        assert.match(dup.json.error.message, /already designated backup/);
        const audit = (await srv.getOk(`/api/v1/audit?entity=designated%20backup&entity_id=${r.json.designated_backup.id}`)).items;
        const decided = audit.find((a) => a.action === 'fit_backup');
        assert.ok(decided, JSON.stringify(audit));
        assert.equal(decided.actor, MANAGER);
        assert.equal(decided.after.decided_by, MANAGER);
        assert.equal(decided.after.score, pick.score);
        assert.ok(audit.some((a) => a.action === 'create' && a.actor === MANAGER), 'the row itself through the entity path');
    });
    test('a cover that went badly lowers the history term, for managers only', async () => {
        const srv = h.srv;
        const sql = async (q) => (await runProgram('sqlite3', [srv.db, q])).stdout.trim();
        // the demo's one unrated past cover
        const [cover, exec, asst] = (
            await sql(
                'SELECT c.id, c.principal_id, c.assistant_id FROM coverage_cover c WHERE c.status = \'accepted\' ' +
                    'AND c.end_at <= unixepoch() AND NOT EXISTS (SELECT 1 FROM cover_rating r WHERE r.cover_id = c.id) LIMIT 1',
            )
        )
            .split('|')
            .map(Number);
        assert.ok(cover > 0, 'the demo has an unrated past cover');
        const xt = await tokenFor(srv, (await srv.getOk(`/api/v1/principals/${exec}`)).email);
        const history = async () => {
            const out = (await asUser(srv, tokens.manager, 'GET', `/api/v1/fit?principal_id=${exec}`)).json;
            const row = fitOf(out, asst);
            assert.ok(row, JSON.stringify(out.fits.map((f) => f.assistant_id)));
            return { ...term(row, 'history'), score: row.score };
        };
        const h0 = await history();
        assert.equal(h0.covers_bad, 0);
        assert.ok(h0.covers_ok >= 1);
        assert.equal(h0.last_bad_at, null);
        const rate = (token, json, ifMatch) =>
            asUser(srv, token, 'POST', `/api/v1/coverage/covers/${cover}/rating`, json, ifMatch === undefined ? {} : { ifMatch });
        // the executive who was covered says it went badly: the term drops, with the date
        const r1 = await rate(xt, { outcome: 'badly', note: 'Missed my 9:00 call.' });
        assert.equal(r1.status, 200, r1.text);
        assert.equal(r1.json.rater, 'executive');
        const h1 = await history();
        assert.equal(h1.covers_bad, 1);
        assert.equal(h1.covers_ok, h0.covers_ok - 1);
        const start = Number(await sql(`SELECT start_at FROM coverage_cover WHERE id = ${cover}`));
        assert.equal(h1.last_bad_at, new Date(start * 1000).toISOString().replace('.000Z', 'Z'));
        const w = 10 / 3; // the history weight over three covers
        assert.ok(Math.abs(h1.points - (h0.points - Math.min(w, 10 - (h0.covers_ok - 1) * w) - w)) < 0.11, `${h0.points} -> ${h1.points}`);
        assert.ok(h1.points < h0.points && h1.score < h0.score);
        // the manager's word counts over the executive's: went well raises it back
        const r2 = await rate(tokens.manager, { outcome: 'well' });
        assert.equal(r2.status, 200, r2.text);
        assert.equal(r2.json.rater, 'manager');
        const h2 = await history();
        assert.deepEqual([h2.covers_ok, h2.covers_bad, h2.points], [h0.covers_ok, 0, h0.points]);
        // changing one's rating: If-Match with its version
        assertError(await rate(tokens.manager, { outcome: 'badly' }), 428, 'if_match_required');
        assertError(await rate(tokens.manager, { outcome: 'badly' }, r2.json.rating.version + 1), 412, 'version_mismatch');
        const r3 = await rate(tokens.manager, { outcome: 'badly', note: 'After talking to both.' }, r2.json.rating.version);
        assert.equal(r3.status, 200, r3.text);
        assert.equal((await history()).covers_bad, 1);
        assertError(await rate(tokens.manager, { outcome: 'meh' }, r3.json.rating.version), 422, 'invalid', 'outcome');
        assertError(await rate(tokens.manager, { outcome: 'well', note: 'x'.repeat(1001) }, r3.json.rating.version), 422, 'invalid', 'note');
        assertError(await rate(tokens.manager, { outcome: 'well', stars: 5 }, r3.json.rating.version), 422, 'invalid', 'stars');
        // who sees what: the list of past covers
        const mine = await asUser(srv, xt, 'GET', '/api/v1/fit/covers');
        assert.equal(mine.status, 200, mine.text);
        const c = mine.json.covers.find((x) => x.cover_id === cover);
        assert.ok(c, JSON.stringify(mine.json));
        assert.equal(c.executive.outcome, 'badly');
        assert.equal(c.executive.note, 'Missed my 9:00 call.');
        assert.equal('manager' in c, false, "the executive does not see the manager's rating");
        assert.equal('outcome' in c, false);
        const all = (await asUser(srv, tokens.manager, 'GET', `/api/v1/fit/covers?principal_id=${exec}`)).json;
        const mc = all.covers.find((x) => x.cover_id === cover);
        assert.deepEqual([mc.manager.outcome, mc.executive.outcome, mc.outcome], ['badly', 'badly', 'badly']);
        assert.equal(mc.manager.rated_by, MANAGER);
        // and the history term: still hidden from the executive
        const own = (await asUser(srv, xt, 'GET', `/api/v1/fit?principal_id=${exec}`)).json;
        assert.equal(own.history, false);
        for (const row of own.fits) assert.equal(term(row, 'history'), undefined);
        assert.ok(!JSON.stringify(own).includes('covers_bad'));
        // an assistant may neither read nor rate; another executive's cover is not found
        assertError(await asUser(srv, tokens.assistant, 'GET', `/api/v1/fit/covers?principal_id=${exec}`), 403, 'forbidden');
        assertError(await rate(tokens.assistant, { outcome: 'well' }), 403, 'forbidden');
        const otherExec = (await srv.listAll('/api/v1/principals')).find((p) => p.id !== exec && p.email);
        const ot = await tokenFor(srv, otherExec.email);
        assertError(await rate(ot, { outcome: 'well' }), 404, 'not_found');
        assertError(await asUser(srv, ot, 'GET', `/api/v1/fit/covers?principal_id=${exec}`), 403, 'forbidden');
        // a cover that has not ended is not rated yet
        const future = Number(
            await sql(
                `INSERT INTO coverage_cover (created_at, updated_at, principal_id, assistant_id, start_at, end_at, slots, status) ` +
                    `VALUES (unixepoch(), unixepoch(), ${exec}, ${asst}, unixepoch() + 86400, unixepoch() + 90000, 1, 'accepted') RETURNING id`,
            ),
        );
        assertError(await asUser(srv, xt, 'POST', `/api/v1/coverage/covers/${future}/rating`, { outcome: 'well' }), 409, 'conflict');
        // audited with who decided
        const audit = (await srv.getOk(`/api/v1/audit?entity=cover_rating&entity_id=${cover}`)).items;
        assert.deepEqual(
            audit.map((a) => [a.action, a.actor, a.after.rater]).reverse(),
            [
                ['rate', (await srv.getOk(`/api/v1/principals/${exec}`)).email, 'executive'],
                ['rate', MANAGER, 'manager'],
                ['rerate', MANAGER, 'manager'],
            ],
        );
        assert.equal(audit[0].after.decided_by, MANAGER);
    });
});
