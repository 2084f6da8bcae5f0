// openapi.test.mjs: the API document is valid OpenAPI 3.1, agrees with the router (every
// documented operation answers; every undocumented method on a documented path is 405), and
// real responses match the documented schemas.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { runOk, unique, useServer } from './lib.mjs';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * A small JSON Schema check (the subset the document uses): $ref, type (also with "null"),
 * properties, required, additionalProperties false, items, enum, minimum/maximum,
 * minLength/maxLength (characters), maxItems, pattern and the formats date, date-time and
 * email. Returns a list of problems, empty when v matches. Properties that a record schema
 * does not document are problems too (strict), so undocumented fields are caught.
 */
function check(doc, schema, v, path = '$', strict = true) {
    const out = [];
    if (schema.$ref) {
        const name = schema.$ref.replace('#/components/schemas/', '');
        const target = doc.components.schemas[name];
        if (!target) return [`${path}: unresolved ${schema.$ref}`];
        return check(doc, target, v, path, strict);
    }
    const types = [].concat(schema.type ?? []);
    const typeOf = (x) =>
        x === null ? 'null' : Array.isArray(x) ? 'array' : Number.isInteger(x) ? 'integer' : typeof x;
    if (types.length) {
        const t = typeOf(v);
        const ok = types.some((want) => want === t || (want === 'number' && t === 'integer'));
        if (!ok) return [`${path}: ${JSON.stringify(v)} is ${t}, not ${types.join('|')}`];
    }
    if (schema.enum && !schema.enum.some((e) => e === v)) out.push(`${path}: ${JSON.stringify(v)} not in enum`);
    if (typeof v === 'number') {
        if (schema.minimum !== undefined && v < schema.minimum) out.push(`${path}: ${v} < ${schema.minimum}`);
        if (schema.maximum !== undefined && v > schema.maximum) out.push(`${path}: ${v} > ${schema.maximum}`);
    }
    if (typeof v === 'string') {
        const n = [...v].length;
        if (schema.minLength !== undefined && n < schema.minLength) out.push(`${path}: shorter than ${schema.minLength}`);
        if (schema.maxLength !== undefined && n > schema.maxLength) out.push(`${path}: longer than ${schema.maxLength}`);
        if (schema.pattern && !new RegExp(schema.pattern, 'u').test(v)) out.push(`${path}: ${v} !~ ${schema.pattern}`);
        const formats = {
            'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
            date: /^\d{4}-\d{2}-\d{2}$/,
            email: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
        };
        if (schema.format && formats[schema.format] && !formats[schema.format].test(v))
            out.push(`${path}: ${v} is not a ${schema.format}`);
    }
    if (Array.isArray(v)) {
        if (schema.maxItems !== undefined && v.length > schema.maxItems) out.push(`${path}: more than ${schema.maxItems} items`);
        if (schema.items) v.forEach((x, i) => out.push(...check(doc, schema.items, x, `${path}[${i}]`, strict)));
    }
    if (v && typeof v === 'object' && !Array.isArray(v)) {
        for (const r of schema.required || []) if (!(r in v)) out.push(`${path}: lacks required ${r}`);
        const props = schema.properties || {};
        for (const [k, x] of Object.entries(v)) {
            if (props[k]) out.push(...check(doc, props[k], x, `${path}.${k}`, strict));
            else if (schema.additionalProperties === false || (strict && schema.properties))
                out.push(`${path}: undocumented property ${k}`);
        }
    }
    return out;
}

function assertMatches(doc, schema, v, what) {
    const problems = check(doc, schema, v);
    assert.deepEqual(problems, [], `${what} does not match its schema:\n${problems.slice(0, 20).join('\n')}`);
}

describe('OpenAPI document', () => {
    const h = useServer();
    let doc;
    let feedToken; // the secret of a feed made in before()
    const ids = {}; // collection → an existing id
    // Mediation cases are the manager role's alone (an admin gets 404 for each): their routes
    // are probed by the demo's manager.
    let manager = null;
    const clientFor = (srv, p) => (/^\/api\/v1\/case/.test(p) && manager ? manager : srv);

    before(async () => {
        const srv = h.srv;
        doc = await srv.getOk('/api/v1/openapi.json');
        if (doc.paths['/api/v1/cases/{id}']) {
            const r = await runOk(['user', 'token', 'manager@demo.haldus.example', '--db', srv.db, '--name', 'openapi tests']);
            manager = Object.create(srv);
            manager.authorization = `Bearer ${/hld_[A-Za-z0-9_-]+/.exec(r.stdout)[0]}`;
            const cases = await manager.getOk('/api/v1/cases?limit=50');
            ids.cases = cases.items[0].id;
            for (const c of cases.items) {
                const full = await manager.getOk(`/api/v1/cases/${c.id}`);
                if (full.actions.length) ids['case-actions'] = full.actions[0].id;
            }
            assert.ok(ids['case-actions'], 'the demo has no agreed action');
        }
        // Coverage plans and covers have no list: make a plan (the demo's part-timers leave
        // gaps on Thursdays and Fridays) and take its ids.
        if (doc.paths['/api/v1/coverage/plans/{id}/accept']) {
            const today = new Date().toISOString().slice(0, 10);
            const to = new Date(Date.now() + 20 * 86400e3).toISOString().slice(0, 10);
            const plan = await srv.post('/api/v1/coverage/plans', { from: today, to });
            assert.equal(plan.status, 201, plan.text);
            assert.ok(plan.json.covers.length > 0, 'the plan proposes no cover');
            ids['coverage/plans'] = plan.json.id;
            ids['coverage/covers'] = plan.json.covers[0].id;
        }
        // Calendar feeds belong to a person's account (the admin has no person): make one as
        // the demo's first assistant.
        if (doc.paths['/api/v1/feeds/{id}']) {
            const t = await runOk(['user', 'token', 'kadri.tamm@demo.haldus.example', '--db', srv.db, '--name', 'openapi']);
            const token = /hld_[A-Za-z0-9_-]+/.exec(t.stdout)[0];
            const f = await srv.post('/api/v1/feeds', {}, { headers: { Authorization: `Bearer ${token}` } });
            assert.equal(f.status, 201, f.text);
            ids.feeds = f.json.id;
            feedToken = f.json.token;
        }
        for (const p of Object.keys(doc.paths)) {
            const m = /^\/api\/v1\/([a-z-]+)\/\{id\}/.exec(p);
            if (!m || ids[m[1]]) continue;
            const page = await srv.getOk(`/api/v1/${m[1]}?limit=1`);
            assert.equal(page.items.length, 1, `the demo has no ${m[1]}`);
            ids[m[1]] = page.items[0].id;
        }
        // Training's own routes name a session or an enrolment of the demo.
        if (ids['training-sessions']) ids['training/sessions'] = ids['training-sessions'];
        if (ids['training-enrolments']) ids['training/enrolments'] = ids['training-enrolments'];
    });

    const fill = (p) => p.replace(/^\/api\/v1\/([a-z/-]+?)\/\{id\}/, (_, coll) => `/api/v1/${coll}/${ids[coll]}`);

    test('validates as OpenAPI 3.1', async () => {
        const validator = new Validator();
        const res = await validator.validate(structuredClone(doc));
        assert.equal(res.valid, true, `invalid OpenAPI: ${JSON.stringify(res.errors, null, 1)?.slice(0, 3000)}`);
        assert.equal(validator.version, '3.1');
        assert.equal(doc.openapi, '3.1.0');
        // The validator does notice a broken document.
        const broken = structuredClone(doc);
        broken.paths['/healthz'].get.responses = 'none';
        assert.equal((await new Validator().validate(broken)).valid, false);
    });

    test('every $ref resolves; operation ids are unique; {id} paths declare the parameter', () => {
        const text = JSON.stringify(doc);
        for (const m of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g))
            assert.ok(doc.components.schemas[m[1]], `unresolved $ref ${m[1]}`);
        const opIds = new Set();
        for (const [p, item] of Object.entries(doc.paths)) {
            for (const [method, op] of Object.entries(item)) {
                assert.ok(METHODS.includes(method.toUpperCase()), `${p}: ${method}`);
                assert.ok(op.operationId && !opIds.has(op.operationId), `operationId ${op.operationId}`);
                opIds.add(op.operationId);
                assert.ok(op.responses && Object.keys(op.responses).length > 0, `${method} ${p}: responses`);
                if (p.includes('{id}'))
                    assert.ok(op.parameters.some((x) => x.in === 'path' && x.name === 'id' && x.required), `${method} ${p}: id`);
            }
        }
        assert.ok(Object.keys(doc.paths).length >= 30);
    });

    /** Whether p belongs to a table-driven entity (documented with XCreate/XUpdate bodies). */
    const isEntityPath = (p) => {
        const coll = /^\/api\/v1\/([a-z-]+)/.exec(p)?.[1];
        const post = doc.paths[`/api/v1/${coll}`]?.post ?? doc.paths[`/api/v1/${coll}`]?.get;
        const ref = JSON.stringify(post?.responses?.['200'] ?? post?.requestBody ?? {});
        return /Create"|Page"/.test(ref) || coll === 'people';
    };

    async function probe(srv, method, p) {
        srv = clientFor(srv, p);
        const url = fill(p);
        if (method === 'GET') return { res: await srv.get(url), expect: 200 };
        if (method === 'POST' && !/\{id\}/.test(p)) return { res: await srv.post(url, {}), expect: 422 }; // nothing required given
        // PATCH, DELETE and the actions, with a version that does not match: routed and
        // checked, but nothing changes.
        return {
            res: await srv.req(method, url, { json: method === 'DELETE' ? undefined : {}, ifMatch: 999999 }),
            expect: 412,
        };
    }

    function assertDocumented(item, method, p, res) {
        const documented = item[method.toLowerCase()].responses;
        if (res.status >= 400) assert.ok(documented.default || documented[res.status], `${method} ${p}: ${res.status} undocumented`);
        else assert.ok(documented[res.status], `${method} ${p}: ${res.status} undocumented (has ${Object.keys(documented)})`);
    }

    test('every documented operation of the entities is routed (with an id that exists)', async () => {
        const srv = h.srv;
        const audit0 = await srv.auditState();
        let checked = 0;
        for (const [p, item] of Object.entries(doc.paths)) {
            if (!isEntityPath(p)) continue;
            for (const method of Object.keys(item).map((m) => m.toUpperCase())) {
                const { res, expect } = await probe(srv, method, p);
                const where = `${method} ${fill(p)}: ${res.status} ${res.text.slice(0, 300)}`;
                assert.notEqual(res.status, 404, where);
                assert.notEqual(res.status, 405, where);
                assert.equal(res.status, expect, where);
                assertDocumented(item, method, p, res);
                checked++;
            }
        }
        assert.ok(checked >= 60, `only ${checked} operations`);
        assert.deepEqual(await srv.auditState(), audit0, 'the probes changed something');
    });

    test('every other documented operation is routed', async () => {
        const srv = h.srv;
        // An API token of its own to revoke, so the suite's token survives the probes.
        if (doc.paths['/api/v1/tokens/{id}']) {
            const t = await srv.post('/api/v1/tokens', { name: 'probe' });
            assert.equal(t.status, 201, t.text);
            ids.tokens = t.json.id;
        }
        for (const [p, item] of Object.entries(doc.paths)) {
            if (isEntityPath(p)) continue;
            for (const method of Object.keys(item).map((m) => m.toUpperCase())) {
                if (p.includes('{id}') && !ids[/^\/api\/v1\/([a-z/-]+?)\/\{id\}/.exec(p)[1]]) assert.fail(`no id for ${p}`);
                const { res } = await probe(srv, method, p);
                const where = `${method} ${fill(p)}: ${res.status} ${res.text.slice(0, 300)}`;
                assert.notEqual(res.status, 404, where);
                assert.notEqual(res.status, 405, where);
                assert.ok(res.status < 500, where);
                assertDocumented(item, method, p, res);
            }
        }
    });

    test('every method a documented path does not document is 405 with the right Allow', async () => {
        const srv = h.srv;
        let checked = 0;
        for (const [p, item] of Object.entries(doc.paths)) {
            const documented = Object.keys(item).map((m) => m.toUpperCase());
            // A calendar feed answers only with its secret.
            const url = p === '/api/v1/calendar.ics' ? `${p}?token=${encodeURIComponent(feedToken)}` : fill(p);
            for (const method of METHODS) {
                if (documented.includes(method)) continue;
                if (method === 'HEAD' && documented.includes('GET')) {
                    const r = await clientFor(srv, p).req('HEAD', url);
                    assert.equal(r.status, 200, `HEAD ${url}`);
                    continue;
                }
                const r = await srv.req(method, url, {
                    json: ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined,
                    ifMatch: ['PATCH', 'DELETE'].includes(method) ? 1 : undefined,
                });
                assert.equal(r.status, 405, `${method} ${url}: ${r.status} ${r.text}`);
                const allow = (r.headers.get('allow') || '').split(/,\s*/).filter(Boolean).sort();
                assert.deepEqual(allow, [...documented].sort(), `${method} ${url}: Allow`);
                if (method !== 'HEAD') assert.equal(r.json?.error?.code, 'method_not_allowed');
                checked++;
            }
        }
        assert.ok(checked > 100, `only ${checked} checks`);
    });

    test('every documented query parameter is accepted', async () => {
        const srv = h.srv;
        const sample = (param, schema) => {
            if (schema.enum) return schema.enum.find((x) => x !== null);
            const t = [].concat(schema.type)[0];
            if (t === 'integer') return schema.minimum ?? 1;
            if (t === 'number') return schema.minimum ?? 1;
            if (t === 'boolean') return true;
            if (schema.format === 'date-time') return '2026-01-01T00:00:00Z';
            if (schema.format === 'date' || param === 'date') return '2026-01-01';
            if (param === 'time_zone') return 'Europe/Tallinn';
            if (param === 'entity_id') return 1;
            if (param === 'token') return feedToken; // a calendar feed's secret
            return 'x';
        };
        let checked = 0;
        for (const [p, item] of Object.entries(doc.paths)) {
            const op = item.get;
            if (!op) continue;
            const url = fill(p);
            for (const param of op.parameters.filter((x) => x.in === 'query')) {
                // Typed as the server reads them.
                if (param.name === 'limit')
                    assert.deepEqual(
                        [param.schema.type, param.schema.minimum, param.schema.maximum],
                        ['integer', 1, 500],
                        `${p}: limit`,
                    );
                if (param.name.endsWith('_id')) assert.equal(param.schema.type, 'integer', `${p}: ${param.name}`);
                if (param.name === 'date') assert.equal(param.schema.format, 'date', `${p}: date`);
                let value;
                if (param.name === 'cursor') {
                    const first = await srv.getOk(`${url}?limit=1`);
                    if (!first.next_cursor) continue;
                    value = first.next_cursor;
                } else {
                    value = sample(param.name, param.schema);
                }
                const r = await srv.get(`${url}?${param.name}=${encodeURIComponent(value)}`);
                assert.equal(r.status, 200, `GET ${url}?${param.name}=${value}: ${r.text}`);
                checked++;
            }
        }
        assert.ok(checked > 40, `only ${checked} parameters`);
    });

    test('real responses match the documented schemas', async () => {
        const srv = h.srv;
        const schemaOf = (p, method, status) => {
            const r = doc.paths[p][method].responses[status] || doc.paths[p][method].responses.default;
            assert.ok(r, `${method} ${p} ${status} undocumented`);
            return r.content['application/json'].schema;
        };
        let checked = 0;
        for (const [p, item] of Object.entries(doc.paths)) {
            if (!item.get || !item.get.responses['200'].content?.['application/json']) continue;
            const url = fill(p);
            const paged = item.get.parameters?.some((x) => x.name === 'limit');
            const res = await clientFor(srv, p).get(paged ? `${url}?limit=40` : url);
            assert.equal(res.status, 200, `GET ${url}: ${res.text.slice(0, 200)}`);
            assertMatches(doc, schemaOf(p, 'get', '200'), res.json, `GET ${url}`);
            checked++;
        }
        // All but /metrics, the calendar feed (text/calendar) and a resume file (issue 12).
        assert.equal(checked, Object.values(doc.paths).filter((i) => i.get).length - 3);

        // Create, update, an action and errors.
        const body = { name: unique('Schema '), category: 'office' };
        assertMatches(doc, doc.paths['/api/v1/skills'].post.requestBody.content['application/json'].schema, body, 'create body');
        const created = await srv.post('/api/v1/skills', body);
        assert.equal(created.status, 201);
        assertMatches(doc, schemaOf('/api/v1/skills', 'post', '201'), created.json, 'POST /skills');
        const patched = await srv.patch(`/api/v1/skills/${created.json.id}`, { category: 'language' }, 1);
        assertMatches(doc, schemaOf('/api/v1/skills/{id}', 'patch', '200'), patched.json, 'PATCH /skills/{id}');
        const abs = await srv.post('/api/v1/absences', {
            person_id: ids.assistants,
            kind: 'other',
            start_at: '2033-01-01T00:00:00Z',
            end_at: '2033-01-02T00:00:00Z',
        });
        assert.equal(abs.status, 201, abs.text);
        assertMatches(doc, schemaOf('/api/v1/absences', 'post', '201'), abs.json, 'POST /absences');
        const act = await srv.post(`/api/v1/absences/${abs.json.id}/approve`, { note: 'ok' });
        assert.equal(act.status, 200);
        assertMatches(doc, schemaOf('/api/v1/absences/{id}/approve', 'post', '200'), act.json, 'approve');
        for (const [method, url, json] of [
            ['POST', '/api/v1/skills', { name: 5 }],
            ['GET', '/api/v1/skills/999999'],
            ['GET', '/api/v1/skills?limit=0'],
            ['DELETE', `/api/v1/skills/${created.json.id}`],
        ]) {
            const r = await srv.req(method, url, { json });
            assert.ok(r.status >= 400);
            assertMatches(doc, doc.components.schemas.Error, r.json, `${method} ${url} error`);
        }
        // The schema check itself notices a mismatch.
        assert.notDeepEqual(check(doc, { $ref: '#/components/schemas/Skill' }, { ...created.json, extra: 1 }), []);
        assert.notDeepEqual(check(doc, { $ref: '#/components/schemas/Skill' }, { ...created.json, version: '1' }), []);
        const { name, ...noName } = created.json;
        assert.ok(name);
        assert.notDeepEqual(check(doc, { $ref: '#/components/schemas/Skill' }, noName), []);
    });

    test('create schemas document what the server requires', async () => {
        const srv = h.srv;
        // For each entity with a Create schema: POST {} fails naming a required field of the
        // schema, and a body missing one documented-required field fails naming that field.
        let checked = 0;
        for (const [p, item] of Object.entries(doc.paths)) {
            const ref = item.post?.requestBody?.content?.['application/json']?.schema?.$ref;
            if (!ref || !ref.endsWith('Create') || p.includes('{id}')) continue;
            checked++;
            const schema = doc.components.schemas[ref.split('/').pop()];
            const r = await srv.post(p, {});
            assert.equal(r.status, 422, `${p}: ${r.text}`);
            assert.ok(schema.required.includes(r.json.error.field), `${p}: ${r.json.error.field} not documented as required`);
            // Every documented property is accepted (not "unknown field").
            for (const prop of Object.keys(schema.properties)) {
                const r2 = await srv.post(p, { [prop]: null });
                assert.notEqual(r2.json?.error?.message?.includes('unknown field'), true, `${p}: ${prop} ${r2.text}`);
                assert.equal(r2.status, 422);
            }
        }
        assert.ok(checked >= 11, `only ${checked} create schemas`);
    });
});
