// routes.test.mjs: the success path of every route: CRUD of every entity (201 + Location +
// ETag, GET, list, PATCH, DELETE 204 then 404), filters, the absence workflow, the support
// views, the audit log, /healthz, /metrics and the API document.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertError, personBody, principalBody, todayIn, unique, useServer } from './lib.mjs';

describe('routes', () => {
    const h = useServer();
    const ctx = {};

    const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

    before(async () => {
        const srv = h.srv;
        ctx.assistant = await srv.create('assistants', personBody({ office: 'Tallinn' }));
        ctx.assistant2 = await srv.create('assistants', personBody({ office: 'Helsinki', time_zone: 'Europe/Helsinki' }));
        ctx.principal = await srv.create('principals', principalBody());
        ctx.skill = await srv.create('skills', { name: unique('Skill '), category: 'language' });
        ctx.duty = await srv.create('duties', { name: unique('Duty '), description: 'testing things' });
    });

    /** Checks a freshly created record: the system fields and every field that was sent. */
    function assertCreated(res, collection, body) {
        assert.equal(res.status, 201, `${collection}: ${res.text}`);
        const rec = res.json;
        assert.ok(Number.isInteger(rec.id) && rec.id > 0, `id: ${res.text}`);
        assert.equal(res.headers.get('location'), `/api/v1/${collection}/${rec.id}`);
        assert.equal(res.headers.get('etag'), '"1"');
        assert.equal(rec.version, 1);
        assert.match(rec.created_at, INSTANT);
        assert.match(rec.updated_at, INSTANT);
        for (const [k, v] of Object.entries(body)) assert.deepEqual(rec[k], v, `${collection}.${k}`);
        return rec;
    }

    /**
     * Every table-driven entity: how to create one (given ctx), a change, and a filter that finds it.
     * defaults: fields the server fills in when they are not sent.
     */
    const ENTITIES = [
        {
            path: 'assistants',
            entity: 'assistant',
            create: () =>
                personBody({
                    phone: '+372 5555 0000',
                    languages: ['Estonian', 'English'],
                    contracted_hours: 32.5,
                    capacity: 3,
                    experience_years: 4,
                    hire_date: '2024-05-01',
                    traits: ['calm', 'structured'],
                }),
            patch: { office: 'Helsinki', capacity: 4, hire_date: null, phone: null },
            filter: (r) => `office=Helsinki&q=${encodeURIComponent(r.name)}`,
        },
        {
            path: 'assistants',
            label: 'assistants (defaults)',
            entity: 'assistant',
            create: () => personBody(),
            defaults: {
                phone: null,
                languages: [],
                active: true,
                contracted_hours: 40,
                capacity: 2,
                experience_years: 0,
                hire_date: null,
                traits: [],
            },
            patch: { active: false, contracted_hours: 20 },
            filter: (r) => `active=false&q=${encodeURIComponent(r.name)}`,
        },
        {
            path: 'principals',
            entity: 'principal',
            create: () =>
                principalBody({ title: 'Chief Tester', priority: 4, preferred_traits: ['calm'], languages: ['English'] }),
            defaults: { active: true, phone: null },
            patch: { priority: 5, department: 'Finance', title: 'CFO' },
            filter: (r) => `department=Finance&priority=5&q=${encodeURIComponent(r.name)}`,
        },
        {
            path: 'principals',
            label: 'principals (defaults)',
            entity: 'principal',
            create: () => principalBody(),
            defaults: { title: '', priority: 3, preferred_traits: [], languages: [] },
            patch: { name: 'Renamed Principal' },
            filter: (r) => `department=Testing&q=${encodeURIComponent(r.name)}`,
        },
        {
            path: 'skills',
            entity: 'skill',
            create: () => ({ name: unique('Skill '), category: 'office' }),
            patch: { category: 'language' },
            filter: () => 'category=language',
        },
        {
            path: 'skills',
            label: 'skills (defaults)',
            entity: 'skill',
            create: () => ({ name: unique('Skill ') }),
            defaults: { category: 'general' },
            patch: { name: unique('Renamed skill ') },
            filter: (r) => `q=${encodeURIComponent(r.name)}`,
        },
        {
            path: 'duties',
            entity: 'duty',
            create: () => ({ name: unique('Duty '), description: 'answer the phone' }),
            patch: { description: 'answer the phone and the door' },
            filter: (r) => `q=${encodeURIComponent(r.name)}`,
        },
        {
            path: 'duties',
            label: 'duties (defaults)',
            entity: 'duty',
            create: () => ({ name: unique('Duty ') }),
            defaults: { description: '' },
            patch: { name: unique('Renamed duty ') },
            filter: (r) => `q=${encodeURIComponent(r.name.slice(0, 8))}`,
        },
        {
            path: 'duty-skills',
            entity: 'duty skill',
            create: () => ({ duty_id: ctx.duty.id, skill_id: ctx.skill.id, min_level: 3 }),
            patch: { min_level: 4 },
            filter: () => `duty_id=${ctx.duty.id}&skill_id=${ctx.skill.id}`,
        },
        {
            path: 'assistant-skills',
            entity: 'assistant skill',
            create: () => ({ assistant_id: ctx.assistant.id, skill_id: ctx.skill.id, level: 2 }),
            patch: { level: 5 },
            filter: () => `assistant_id=${ctx.assistant.id}`,
        },
        {
            path: 'principal-duties',
            entity: 'principal duty',
            create: () => ({ principal_id: ctx.principal.id, duty_id: ctx.duty.id, must_have: false }),
            patch: { must_have: true },
            filter: () => `principal_id=${ctx.principal.id}&duty_id=${ctx.duty.id}`,
        },
        {
            path: 'principal-duties',
            label: 'principal-duties (defaults)',
            entity: 'principal duty',
            create: () => ({ principal_id: ctx.principal.id, duty_id: ctx.duty.id }),
            defaults: { must_have: true },
            patch: { must_have: false },
            filter: () => `principal_id=${ctx.principal.id}`,
        },
        {
            path: 'designated-backups',
            entity: 'designated backup',
            create: () => ({ principal_id: ctx.principal.id, assistant_id: ctx.assistant2.id, rank: 1 }),
            patch: { rank: 2 },
            filter: () => `principal_id=${ctx.principal.id}&assistant_id=${ctx.assistant2.id}`,
        },
        {
            path: 'work-patterns',
            entity: 'work pattern',
            create: () => ({
                person_id: ctx.assistant.id,
                weekday: 2,
                start_time: '09:00',
                end_time: '17:30',
                valid_from: '2026-01-01',
                valid_to: null,
            }),
            patch: { end_time: '24:00', valid_to: '2026-12-31' },
            filter: () => `person_id=${ctx.assistant.id}&weekday=2`,
        },
        {
            path: 'work-patterns',
            label: 'work-patterns (defaults)',
            entity: 'work pattern',
            create: () => ({ person_id: ctx.principal.id, weekday: 7, start_time: '00:00', end_time: '00:01' }),
            defaults: { valid_from: null, valid_to: null },
            patch: { weekday: 6 },
            filter: () => `person_id=${ctx.principal.id}&weekday=6`,
        },
        {
            path: 'assignments',
            entity: 'assignment',
            create: () => ({
                assistant_id: ctx.assistant.id,
                principal_id: ctx.principal.id,
                kind: 'secondary',
                share: 40,
                start_date: '2026-01-01',
                end_date: '2026-06-30',
            }),
            defaults: { source: 'manual' },
            patch: { share: 60, end_date: null, kind: 'backup' },
            filter: () => `assistant_id=${ctx.assistant.id}&kind=backup&source=manual`,
        },
        {
            path: 'assignments',
            label: 'assignments (defaults)',
            entity: 'assignment',
            create: () => ({
                assistant_id: ctx.assistant2.id,
                principal_id: ctx.principal.id,
                kind: 'primary',
                start_date: '2026-02-01',
            }),
            defaults: { share: 100, end_date: null, source: 'manual' },
            patch: { start_date: '2026-03-01' },
            filter: () => `principal_id=${ctx.principal.id}&kind=primary`,
        },
        {
            path: 'absences',
            entity: 'absence',
            create: () => ({
                person_id: ctx.assistant.id,
                kind: 'training',
                start_at: '2031-03-02T07:00:00Z',
                end_at: '2031-03-04T16:00:00Z',
                note: 'course',
            }),
            defaults: { status: 'requested', decision_note: '', decided_at: null },
            patch: { note: 'a longer course', end_at: '2031-03-05T16:00:00Z', kind: 'other' },
            filter: () => `person_id=${ctx.assistant.id}&status=requested&kind=other`,
        },
        {
            path: 'absences',
            label: 'absences (defaults, offset instants)',
            entity: 'absence',
            create: () => ({
                person_id: ctx.principal.id,
                kind: 'sick',
                start_at: '2031-04-01T09:00:00+02:00',
                end_at: '2031-04-01T17:00:00+02:00',
            }),
            // Instants with an offset come back in UTC.
            expect: { start_at: '2031-04-01T07:00:00Z', end_at: '2031-04-01T15:00:00Z' },
            defaults: { note: '', status: 'requested' },
            patch: { start_at: '2031-04-01T08:00:00Z' },
            filter: () => `person_id=${ctx.principal.id}&from=2031-04-01T00:00:00Z&to=2031-04-02T00:00:00Z`,
        },
    ];

    describe('CRUD of every entity', () => {
        for (const spec of ENTITIES) {
            test(spec.label || spec.path, async () => {
                const srv = h.srv;
                const body = spec.create();
                const audit0 = await srv.auditState();

                // POST: 201, Location, ETag, the fields sent (or their normal form) and the defaults.
                const res = await srv.post(`/api/v1/${spec.path}`, body);
                const sent = { ...body };
                for (const k of Object.keys(spec.expect || {})) delete sent[k];
                const rec = assertCreated(res, spec.path, sent);
                for (const [k, v] of Object.entries(spec.expect || {})) assert.equal(rec[k], v, k);
                for (const [k, v] of Object.entries(spec.defaults || {})) assert.deepEqual(rec[k], v, `default ${k}`);

                // GET by Location: the same record and its ETag.
                const got = await srv.get(res.headers.get('location'));
                assert.equal(got.status, 200);
                assert.equal(got.headers.get('etag'), '"1"');
                assert.match(got.headers.get('content-type'), /^application\/json/);
                assert.deepEqual(got.json, rec);

                // PATCH with If-Match: 200, version 2, the change, nothing else changed.
                const upd = await srv.patch(`/api/v1/${spec.path}/${rec.id}`, spec.patch, 1);
                assert.equal(upd.status, 200, upd.text);
                assert.equal(upd.headers.get('etag'), '"2"');
                assert.equal(upd.json.version, 2);
                const expected = { ...rec, ...spec.patch, version: 2, updated_at: upd.json.updated_at };
                assert.deepEqual(upd.json, expected);
                assert.deepEqual(await srv.getOk(`/api/v1/${spec.path}/${rec.id}`), upd.json);

                // The list, filtered, holds it.
                const list = await srv.listAll(`/api/v1/${spec.path}?${spec.filter(upd.json)}`);
                assert.ok(
                    list.some((r) => r.id === rec.id),
                    `${spec.path}?${spec.filter(upd.json)} lacks #${rec.id}: ${JSON.stringify(list).slice(0, 500)}`,
                );
                for (const r of list) for (const [k, v] of Object.entries(spec.patch)) if (r.id === rec.id) assert.deepEqual(r[k], v);

                // The audit log has the create and the update, newest first.
                // (Only entries of this test: SQLite may hand a deleted record's id out again.)
                const audit = await srv.getOk(
                    `/api/v1/audit?entity=${encodeURIComponent(spec.entity)}&entity_id=${rec.id}`,
                );
                audit.items = audit.items.filter((a) => a.id > audit0.newest);
                assert.deepEqual(
                    audit.items.map((a) => a.action),
                    ['update', 'create'],
                );
                for (const a of audit.items) {
                    assert.equal(a.entity, spec.entity);
                    assert.equal(a.entity_id, rec.id);
                    assert.equal(a.actor, srv.actor);
                    assert.match(a.at, INSTANT);
                }
                assert.equal(audit.items[1].before, null);
                assert.deepEqual(audit.items[1].after, rec);
                assert.deepEqual(audit.items[0].before, rec);
                assert.deepEqual(audit.items[0].after, upd.json);

                // DELETE: 204 with no body; then GET, PATCH and DELETE are 404.
                const del = await srv.del(`/api/v1/${spec.path}/${rec.id}`, 2);
                assert.equal(del.status, 204, del.text);
                assert.equal(del.text, '');
                assertError(await srv.get(`/api/v1/${spec.path}/${rec.id}`), 404, 'not_found');
                assertError(await srv.patch(`/api/v1/${spec.path}/${rec.id}`, spec.patch, 2), 404, 'not_found');
                assertError(await srv.del(`/api/v1/${spec.path}/${rec.id}`, 2), 404, 'not_found');
                const after = await srv.listAll(`/api/v1/${spec.path}?${spec.filter(upd.json)}`);
                assert.ok(!after.some((r) => r.id === rec.id), 'deleted record still listed');
                const audit2 = await srv.getOk(
                    `/api/v1/audit?entity=${encodeURIComponent(spec.entity)}&entity_id=${rec.id}`,
                );
                assert.equal(audit2.items[0].action, 'delete');
                assert.deepEqual(audit2.items[0].before, upd.json);
                assert.equal(audit2.items[0].after, null);
                const audit1 = await srv.auditState();
                assert.equal(audit1.count, audit0.count + 3);
            });
        }

        test('people: list and get, both assistants and principals; POST is not allowed', async () => {
            const srv = h.srv;
            const people = await srv.listAll('/api/v1/people');
            const ids = new Set(people.map((p) => p.id));
            assert.ok(ids.has(ctx.assistant.id) && ids.has(ctx.principal.id));
            const a = await srv.get(`/api/v1/people/${ctx.assistant.id}`);
            assert.equal(a.status, 200);
            assert.equal(a.headers.get('etag'), `"${ctx.assistant.version}"`);
            assert.equal(a.json.email, ctx.assistant.email);
            assert.equal(a.json.contracted_hours, undefined, 'a person has no assistant fields');
            const p = await srv.getOk(`/api/v1/people/${ctx.principal.id}`);
            assert.equal(p.name, ctx.principal.name);
            assert.equal(p.department, undefined);
            // A principal is not an assistant and vice versa.
            assertError(await srv.get(`/api/v1/assistants/${ctx.principal.id}`), 404, 'not_found');
            assertError(await srv.get(`/api/v1/principals/${ctx.assistant.id}`), 404, 'not_found');
            const post = await srv.post('/api/v1/people', personBody());
            assertError(post, 405, 'method_not_allowed');
            assert.equal(post.headers.get('allow'), 'GET');
        });

        test('HEAD of a GET route answers without a body', async () => {
            const r = await h.srv.req('HEAD', `/api/v1/skills/${ctx.skill.id}`);
            assert.equal(r.status, 200);
            assert.equal(r.text, '');
            assert.equal(r.headers.get('etag'), '"1"');
        });
    });

    describe('list filters and paging', () => {
        test('office filter', async () => {
            const srv = h.srv;
            const office = unique('Office-');
            const a = await srv.create('assistants', personBody({ office }));
            const p = await srv.create('principals', principalBody({ office }));
            await srv.create('assistants', personBody({ office: `${office}x` }));
            const as = await srv.listAll(`/api/v1/assistants?office=${encodeURIComponent(office)}`);
            assert.deepEqual(as.map((r) => r.id), [a.id]);
            const ps = await srv.listAll(`/api/v1/principals?office=${encodeURIComponent(office)}`);
            assert.deepEqual(ps.map((r) => r.id), [p.id]);
            const people = await srv.listAll(`/api/v1/people?office=${encodeURIComponent(office)}`);
            assert.deepEqual(people.map((r) => r.id).sort((x, y) => x - y), [a.id, p.id].sort((x, y) => x - y));
            const tallinn = await srv.listAll('/api/v1/assistants?office=Tallinn');
            assert.ok(tallinn.length >= 2, 'the demo has assistants in Tallinn');
            assert.ok(tallinn.every((r) => r.office === 'Tallinn'));
            const all = await srv.listAll('/api/v1/assistants');
            assert.ok(all.length > tallinn.length);
        });

        test('department and priority filters', async () => {
            const srv = h.srv;
            const department = unique('Dept-');
            const p1 = await srv.create('principals', principalBody({ department, priority: 1 }));
            const p2 = await srv.create('principals', principalBody({ department, priority: 5 }));
            const both = await srv.listAll(`/api/v1/principals?department=${encodeURIComponent(department)}`);
            assert.deepEqual(both.map((r) => r.id), [p1.id, p2.id]);
            const one = await srv.listAll(`/api/v1/principals?department=${encodeURIComponent(department)}&priority=5`);
            assert.deepEqual(one.map((r) => r.id), [p2.id]);
        });

        test('active filter', async () => {
            const srv = h.srv;
            const office = unique('Active-');
            const on = await srv.create('assistants', personBody({ office }));
            const off = await srv.create('assistants', personBody({ office, active: false }));
            assert.equal(off.active, false);
            const f = await srv.listAll(`/api/v1/assistants?office=${office}&active=false`);
            assert.deepEqual(f.map((r) => r.id), [off.id]);
            const t = await srv.listAll(`/api/v1/assistants?office=${office}&active=true`);
            assert.deepEqual(t.map((r) => r.id), [on.id]);
            const allInactive = await srv.listAll('/api/v1/people?active=false');
            assert.ok(allInactive.length >= 1 && allInactive.every((r) => r.active === false));
        });

        test('q: name prefix, case-insensitive, wildcards taken literally', async () => {
            const srv = h.srv;
            const u = unique('');
            const a = await srv.create('skills', { name: `Zq${u} alpha` });
            const b = await srv.create('skills', { name: `zQ${u} beta` });
            await srv.create('skills', { name: `Other Zq${u}` });
            const pct = await srv.create('skills', { name: `50%${u} rule` });
            await srv.create('skills', { name: `500${u} things` });
            const under = await srv.create('skills', { name: `a_${u}` });
            await srv.create('skills', { name: `ab${u}` });
            const r = await srv.listAll(`/api/v1/skills?q=${encodeURIComponent(`zq${u}`)}`);
            assert.deepEqual(r.map((x) => x.id), [a.id, b.id]);
            const r2 = await srv.listAll(`/api/v1/skills?q=${encodeURIComponent(`50%${u}`)}`);
            assert.deepEqual(r2.map((x) => x.id), [pct.id]);
            const r3 = await srv.listAll(`/api/v1/skills?q=${encodeURIComponent(`a_${u}`)}`);
            assert.deepEqual(r3.map((x) => x.id), [under.id]);
            // q on people, assistants and principals.
            const person = await srv.create('assistants', personBody({ name: `Qperson${u} Smith` }));
            for (const path of ['people', 'assistants']) {
                const l = await srv.listAll(`/api/v1/${path}?q=qperson${u}`);
                assert.deepEqual(l.map((x) => x.id), [person.id], path);
            }
            assert.deepEqual(await srv.listAll(`/api/v1/principals?q=qperson${u}`), []);
            // An empty q is no filter.
            const everything = await srv.listAll('/api/v1/skills?q=');
            assert.ok(everything.length >= 7);
        });

        test('absences: from/to window (half-open) and other filters', async () => {
            const srv = h.srv;
            const person = await srv.create('assistants', personBody());
            const pid = person.id;
            const A = await srv.create('absences', {
                person_id: pid,
                kind: 'vacation',
                start_at: '2030-01-10T00:00:00Z',
                end_at: '2030-01-15T00:00:00Z',
            });
            const B = await srv.create('absences', {
                person_id: pid,
                kind: 'sick',
                start_at: '2030-02-01T00:00:00Z',
                end_at: '2030-02-03T00:00:00Z',
            });
            const ids = async (qs) =>
                (await srv.listAll(`/api/v1/absences?person_id=${pid}${qs}`)).map((x) => x.id);
            assert.deepEqual(await ids(''), [A.id, B.id]);
            assert.deepEqual(await ids('&from=2030-01-14T00:00:00Z&to=2030-01-20T00:00:00Z'), [A.id]);
            assert.deepEqual(await ids('&from=2030-01-01T00:00:00Z&to=2030-03-01T00:00:00Z'), [A.id, B.id]);
            // Touching is not overlapping: [start, end).
            assert.deepEqual(await ids('&from=2030-01-15T00:00:00Z&to=2030-02-01T00:00:00Z'), []);
            assert.deepEqual(await ids('&from=2030-01-14T23:59:59Z&to=2030-02-01T00:00:01Z'), [A.id, B.id]);
            assert.deepEqual(await ids('&from=2030-01-20T00:00:00Z'), [B.id]);
            assert.deepEqual(await ids('&to=2030-01-20T00:00:00Z'), [A.id]);
            assert.deepEqual(await ids('&to=2030-01-10T00:00:00Z'), []);
            // Offsets in the window are honoured: 2030-01-15T01:00+02:00 is 2030-01-14T23:00Z.
            assert.deepEqual(await ids(`&from=${encodeURIComponent('2030-01-15T01:00:00+02:00')}`), [A.id, B.id]);
            assert.deepEqual(await ids('&kind=sick'), [B.id]);
            assert.deepEqual(await ids('&status=requested'), [A.id, B.id]);
            assert.deepEqual(await ids('&status=approved'), []);
        });

        test('paging: limit, next_cursor, no overlap, the end is null', async () => {
            const srv = h.srv;
            const all = await srv.listAll('/api/v1/work-patterns', 500);
            assert.ok(all.length > 20, 'the demo has many work patterns');
            const seen = [];
            let cursor = null;
            let pages = 0;
            do {
                const page = await srv.getOk(`/api/v1/work-patterns?limit=9${cursor ? `&cursor=${cursor}` : ''}`);
                assert.ok(page.items.length <= 9);
                assert.ok('next_cursor' in page);
                if (page.next_cursor !== null) {
                    assert.equal(page.items.length, 9);
                    assert.match(page.next_cursor, /^[A-Za-z0-9_-]+$/);
                }
                seen.push(...page.items.map((x) => x.id));
                cursor = page.next_cursor;
                pages++;
            } while (cursor);
            assert.equal(pages, Math.ceil(all.length / 9));
            assert.deepEqual(seen, all.map((x) => x.id));
            assert.deepEqual([...seen].sort((a, b) => a - b), seen, 'ids ascending');
            // The default page size is 50; limit=500 is allowed.
            const def = await srv.getOk('/api/v1/work-patterns');
            assert.equal(def.items.length, Math.min(50, all.length));
            const max = await srv.getOk('/api/v1/work-patterns?limit=500');
            assert.equal(max.items.length, Math.min(500, all.length));
            // A last page that is exactly full has no next page.
            const exact = await srv.getOk(`/api/v1/work-patterns?limit=${all.length}`);
            assert.equal(exact.items.length, all.length);
            assert.equal(exact.next_cursor, null);
        });
    });

    describe('absence workflow', () => {
        // Two weeks of their own each: overlapping absences of one person are refused.
        let slot = 0;
        async function newAbsence(srv, extra = {}) {
            const day = (n) => new Date(Date.UTC(2032, 6, 1 + 15 * slot + n)).toISOString().replace('.000', '');
            slot += 1;
            return srv.create('absences', {
                person_id: ctx.assistant.id,
                kind: 'vacation',
                start_at: day(0),
                end_at: day(14),
                ...extra,
            });
        }

        test('approve with If-Match and a note', async () => {
            const srv = h.srv;
            const a = await newAbsence(srv);
            const r = await srv.post(`/api/v1/absences/${a.id}/approve`, { note: 'enjoy' }, { ifMatch: 1 });
            assert.equal(r.status, 200, r.text);
            assert.equal(r.json.status, 'approved');
            assert.equal(r.json.decision_note, 'enjoy');
            assert.match(r.json.decided_at, INSTANT);
            assert.equal(r.json.version, 2);
            assert.equal(r.headers.get('etag'), '"2"');
            // Approving plans the absence's days at once: the plan rides along with the record.
            const { coverage_plan: plan, coverage_error: planError, ...record } = r.json;
            assert.ok(plan && Array.isArray(plan.covers) && Array.isArray(plan.open_gaps), planError);
            assert.deepEqual(await srv.getOk(`/api/v1/absences/${a.id}`), record);
            const audit = await srv.getOk(`/api/v1/audit?entity=absence&entity_id=${a.id}&limit=1`);
            assert.equal(audit.items[0].action, 'approve');
            assert.equal(audit.items[0].before.status, 'requested');
            assert.equal(audit.items[0].after.status, 'approved');
            const listed = await srv.listAll(`/api/v1/absences?person_id=${ctx.assistant.id}&status=approved`);
            assert.ok(listed.some((x) => x.id === a.id));
        });

        test('reject without a body and without If-Match', async () => {
            const srv = h.srv;
            const a = await newAbsence(srv);
            const r = await srv.req('POST', `/api/v1/absences/${a.id}/reject`);
            assert.equal(r.status, 200, r.text);
            assert.equal(r.json.status, 'rejected');
            assert.equal(r.json.decision_note, '');
            assert.match(r.json.decided_at, INSTANT);
            // A rejected absence may be deleted.
            const d = await srv.del(`/api/v1/absences/${a.id}`, r.json.version);
            assert.equal(d.status, 204, d.text);
        });

        test('cancel a requested absence, with an empty object body', async () => {
            const srv = h.srv;
            const a = await newAbsence(srv);
            const r = await srv.post(`/api/v1/absences/${a.id}/cancel`, {}, { ifMatch: '"1"' });
            assert.equal(r.status, 200, r.text);
            assert.equal(r.json.status, 'cancelled');
        });

        test('cancel an approved absence', async () => {
            const srv = h.srv;
            const a = await newAbsence(srv);
            const ap = await srv.post(`/api/v1/absences/${a.id}/approve`, {}, { ifMatch: 1 });
            assert.equal(ap.status, 200);
            const r = await srv.post(`/api/v1/absences/${a.id}/cancel`, { note: 'plans changed' }, { ifMatch: 2 });
            assert.equal(r.status, 200, r.text);
            assert.equal(r.json.status, 'cancelled');
            assert.equal(r.json.decision_note, 'plans changed');
            assert.equal(r.json.version, 3);
            const audit = await srv.getOk(`/api/v1/audit?entity=absence&entity_id=${a.id}`);
            assert.deepEqual(audit.items.map((x) => x.action), ['cancel', 'approve', 'create']);
        });
    });

    describe('support views', () => {
        test('principals/{id}/supporters and assistants/{id}/principals on a date', async () => {
            const srv = h.srv;
            const a = await srv.create('assistants', personBody({ name: `Aaa Support ${unique()}` }));
            const b = await srv.create('assistants', personBody());
            const p = await srv.create('principals', principalBody());
            const asg = await srv.create('assignments', {
                assistant_id: a.id,
                principal_id: p.id,
                kind: 'primary',
                share: 70,
                start_date: '2026-01-01',
                end_date: '2026-06-30',
            });
            await srv.create('designated-backups', { principal_id: p.id, assistant_id: b.id, rank: 1 });

            const s = await srv.getOk(`/api/v1/principals/${p.id}/supporters?date=2026-03-01`);
            assert.equal(s.date, '2026-03-01');
            assert.equal(s.principal.id, p.id);
            assert.equal(s.supporters.length, 1);
            assert.deepEqual(s.supporters[0], {
                assignment_id: asg.id,
                kind: 'primary',
                share: 70,
                start_date: '2026-01-01',
                end_date: '2026-06-30',
                assistant_id: a.id,
                name: a.name,
                email: a.email,
                office: a.office,
                away: false,
            });
            assert.deepEqual(s.designated_backups, [
                { rank: 1, assistant_id: b.id, name: b.name, email: b.email, office: b.office, away: false },
            ]);
            assert.deepEqual(s.covers, []);
            // Out of the assignment's dates: nobody, but the backups stay.
            const later = await srv.getOk(`/api/v1/principals/${p.id}/supporters?date=2026-07-01`);
            assert.deepEqual(later.supporters, []);
            assert.equal(later.designated_backups.length, 1);
            // The last day counts.
            const last = await srv.getOk(`/api/v1/principals/${p.id}/supporters?date=2026-06-30`);
            assert.equal(last.supporters.length, 1);

            const o = await srv.getOk(`/api/v1/assistants/${a.id}/principals?date=2026-03-01`);
            assert.equal(o.assistant.id, a.id);
            assert.equal(o.date, '2026-03-01');
            assert.equal(o.principals.length, 1);
            assert.equal(o.principals[0].principal_id, p.id);
            assert.equal(o.principals[0].assignment_id, asg.id);
            assert.equal(o.designated_backups, undefined);
            const before = await srv.getOk(`/api/v1/assistants/${a.id}/principals?date=2025-12-31`);
            assert.deepEqual(before.principals, []);
        });

        test("the date defaults to the person's own today, in their time zone", async () => {
            const srv = h.srv;
            // Tallinn's today, which from 22:00 UTC is a day ahead of UTC's date.
            const zone = ctx.principal.time_zone;
            const today = [todayIn(zone), todayIn(zone, Date.now() - 5000)];
            const s = await srv.getOk(`/api/v1/principals/${ctx.principal.id}/supporters`);
            assert.ok(today.includes(s.date), s.date);
            assert.equal(ctx.assistant.time_zone, zone);
            const o = await srv.getOk(`/api/v1/assistants/${ctx.assistant.id}/principals`);
            assert.equal(o.date, s.date);
            assert.ok(Array.isArray(o.principals));
        });

        test('the demo organisation has supporters today', async () => {
            const srv = h.srv;
            const principals = await srv.listAll('/api/v1/principals?department=Executive%20Office');
            assert.ok(principals.length > 0);
            const s = await srv.getOk(`/api/v1/principals/${principals[0].id}/supporters`);
            assert.ok(s.supporters.length > 0, JSON.stringify(s));
        });
    });

    describe('audit log', () => {
        test('filters by entity and entity_id, newest first, pages with a cursor', async () => {
            const srv = h.srv;
            const s = await srv.create('skills', { name: unique('Audited ') });
            for (let v = 1; v <= 4; v++) {
                const r = await srv.patch(`/api/v1/skills/${s.id}`, { category: `c${v}` }, v);
                assert.equal(r.status, 200);
            }
            const mine = await srv.getOk(`/api/v1/audit?entity=skill&entity_id=${s.id}`);
            assert.deepEqual(mine.items.map((a) => a.action), ['update', 'update', 'update', 'update', 'create']);
            assert.deepEqual(mine.items.map((a) => a.after.category), ['c4', 'c3', 'c2', 'c1', 'general']);
            assert.equal(mine.next_cursor, null);
            const ids = mine.items.map((a) => a.id);
            assert.deepEqual([...ids].sort((a, b) => b - a), ids, 'newest first');

            // Page through with limit=2.
            const paged = [];
            let cursor = null;
            do {
                const page = await srv.getOk(
                    `/api/v1/audit?entity=skill&entity_id=${s.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
                );
                paged.push(...page.items.map((a) => a.id));
                cursor = page.next_cursor;
            } while (cursor);
            assert.deepEqual(paged, ids);

            // entity alone; entity_id alone.
            const skills = await srv.getOk('/api/v1/audit?entity=skill&limit=500');
            assert.ok(skills.items.length >= 5 && skills.items.every((a) => a.entity === 'skill'));
            const byId = await srv.getOk(`/api/v1/audit?entity_id=${s.id}&limit=500`);
            assert.ok(byId.items.every((a) => a.entity_id === s.id));
            assert.ok(byId.items.length >= 5);
            const none = await srv.getOk('/api/v1/audit?entity=no-such-thing');
            assert.deepEqual(none, { items: [], next_cursor: null });
            // The demo's own entry is there.
            const all = await srv.listAll('/api/v1/audit');
            assert.ok(all.some((a) => a.actor === 'demo'));
        });
    });

    describe('service routes', () => {
        test('GET /healthz', async () => {
            const r = await h.srv.get('/healthz');
            assert.equal(r.status, 200);
            assert.equal(r.json.status, 'ok');
            assert.match(r.json.version, /^\d+\.\d+\.\d+/);
            assert.match(r.headers.get('content-type'), /^application\/json/);
            assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
            assert.equal(r.headers.get('cache-control'), 'no-store');
        });

        test('GET /metrics in the Prometheus text format, counting requests', async () => {
            const srv = h.srv;
            const parse = (text) => {
                const m = new Map();
                for (const line of text.split('\n')) {
                    if (line === '' || line.startsWith('#')) continue;
                    const x = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (-?[0-9.e+]+)$/.exec(line);
                    assert.ok(x, `not a sample line: ${JSON.stringify(line)}`);
                    m.set(x[1], Number(x[2]));
                }
                return m;
            };
            const r1 = await srv.get('/metrics');
            assert.equal(r1.status, 200);
            assert.match(r1.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
            assert.match(r1.text, /^# TYPE haldus_requests_total counter$/m);
            const m1 = parse(r1.text);
            for (const k of ['2xx', '3xx', '4xx', '5xx'])
                assert.ok(m1.has(`haldus_requests_total{class="${k}"}`), k);
            assert.ok(m1.get('haldus_requests_total{class="2xx"}') > 0);
            assert.ok(m1.has('haldus_uptime_seconds'));
            assert.ok(m1.has('haldus_request_body_bytes_total'));
            await srv.get('/api/v1/no-such-thing');
            await srv.post('/api/v1/skills', { name: unique('Metric ') });
            const m2 = parse((await srv.get('/metrics')).text);
            assert.ok(m2.get('haldus_requests_total{class="4xx"}') >= m1.get('haldus_requests_total{class="4xx"}') + 1);
            assert.ok(m2.get('haldus_requests_total{class="2xx"}') >= m1.get('haldus_requests_total{class="2xx"}') + 2);
            assert.ok(m2.get('haldus_request_body_bytes_total') > m1.get('haldus_request_body_bytes_total'));
            assert.equal(m2.get('haldus_requests_total{class="5xx"}'), 0, 'no server errors so far');
        });

        test('GET /api/v1/openapi.json', async () => {
            const r = await h.srv.get('/api/v1/openapi.json');
            assert.equal(r.status, 200);
            assert.match(r.headers.get('content-type'), /^application\/json/);
            assert.equal(r.json.openapi, '3.1.0');
            assert.ok(r.json.paths['/api/v1/absences/{id}/approve'].post);
        });
    });
});
