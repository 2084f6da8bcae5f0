// errors.test.mjs: every class of bad input gets the right status, error code and field in
// the shape {"error":{"code","message","field"}}, and a rejected request changes nothing: the
// records it aimed at (GET) and the audit log are the same before and after.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { BODY_LIMIT, assertError, hasAccounts, personBody, principalBody, unique, useServer } from './lib.mjs';

const c = {}; // the records the cases aim at, made in before()
const ACCOUNTS = await hasAccounts(); // the API then needs signing in

/** The collection of a URL and, for /collection/{id}[/...], the record's URL. */
function targets(url) {
    const m = /^\/api\/v1\/([a-z-]+)(?:\/(\d+))?/.exec(url.split('?')[0]);
    if (!m) return [];
    const out = [];
    if (m[2]) out.push(`/api/v1/${m[1]}/${m[2]}`);
    else out.push(`list:/api/v1/${m[1]}`);
    if (['assistants', 'principals', 'people'].includes(m[1])) out.push('list:/api/v1/people');
    return out;
}

async function snapshot(srv, what) {
    if (what.startsWith('list:')) {
        const r = await srv.get(`${what.slice(5)}?limit=1`);
        if (r.status !== 200) return { status: r.status, text: r.text };
        return srv.listAll(what.slice(5));
    }
    const r = await srv.get(what);
    return { status: r.status, text: r.text, etag: r.headers.get('etag') };
}

const ifMatchCurrent = 'current';

/**
 * The cases. url and json may be functions of c. ifMatch: a number, a raw header value, or
 * 'current' (the record's version now). watch: extra URLs (or 'list:URL') that must not change.
 * raw(srv): for requests fetch cannot make; returns a rawRequest result.
 */
function cases() {
    const A = () => c.assistant.id;
    const skillUrl = () => `/api/v1/skills/${c.skill.id}`;
    const absUrl = () => `/api/v1/absences/${c.absence.id}`;
    const bigChunks = () => {
        const chunks = [];
        for (let i = 0; i < 20; i++) chunks.push(`4000\r\n${'b'.repeat(0x4000)}\r\n`);
        chunks.push('0\r\n\r\n');
        return chunks;
    };
    const newAssistant = (extra) => () => personBody(extra);
    const L = [];
    const add = (group, list) => {
        for (const x of list) L.push({ group, ...x });
    };

    add('malformed JSON', [
        {
            name: 'truncated object on POST',
            method: 'POST',
            url: '/api/v1/skills',
            body: '{"name": "x",',
            status: 400,
            code: 'malformed_json',
            field: null,
            message: /line 1, column \d+/,
        },
        {
            name: 'syntax error on line 3 of a PATCH',
            method: 'PATCH',
            url: skillUrl,
            body: '{\n  "category": "x",\n  oops\n}',
            ifMatch: ifMatchCurrent,
            status: 400,
            code: 'malformed_json',
            message: /line 3, column \d+/,
        },
        {
            name: 'trailing garbage',
            method: 'POST',
            url: '/api/v1/skills',
            body: '{"name": "x"} {"name": "y"}',
            status: 400,
            code: 'malformed_json',
            message: /line \d+, column \d+/,
        },
        {
            name: 'duplicate keys',
            method: 'POST',
            url: '/api/v1/skills',
            body: '{"name": "x", "name": "y"}',
            status: 400,
            code: 'malformed_json',
            message: /duplicate/,
        },
        {
            name: 'empty body',
            method: 'POST',
            url: '/api/v1/skills',
            body: '',
            headers: { 'Content-Type': 'application/json' },
            status: 400,
            code: 'malformed_json',
        },
        {
            name: 'invalid UTF-8',
            method: 'POST',
            url: '/api/v1/skills',
            body: Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
            status: 400,
            code: 'malformed_json',
        },
        {
            name: 'NUL escaped in a string',
            method: 'POST',
            url: '/api/v1/skills',
            body: '{"name": "a\\u0000b"}',
            status: [400, 422],
            code: ['malformed_json', 'invalid'],
        },
        {
            name: 'integer too large for 64 bits',
            method: 'POST',
            url: '/api/v1/duty-skills',
            body: '{"duty_id": 123456789012345678901234567890, "skill_id": 1, "min_level": 1}',
            status: 400,
            code: 'malformed_json',
        },
        {
            name: 'nesting 100,000 deep',
            method: 'POST',
            url: '/api/v1/skills',
            body: `{"name": ${'['.repeat(100000)}`,
            status: 400,
            code: 'malformed_json',
        },
        {
            name: 'a number too large for a double',
            method: 'POST',
            url: '/api/v1/assistants',
            body: '{"contracted_hours": 1e999}',
            status: 400,
            code: 'malformed_json',
        },
        {
            name: 'malformed action body',
            method: 'POST',
            url: () => `${absUrl()}/approve`,
            body: '{"note": ',
            status: 400,
            code: 'malformed_json',
        },
    ]);

    add('not an object', [
        ...['[]', '[{"name":"x"}]', '"name"', '42', 'null', 'true'].map((body) => ({
            name: `body ${body}`,
            method: 'POST',
            url: '/api/v1/skills',
            body,
            status: 422,
            code: 'invalid',
            field: null,
            message: /must be a JSON object/,
        })),
        {
            name: 'array on PATCH',
            method: 'PATCH',
            url: skillUrl,
            body: '[]',
            ifMatch: ifMatchCurrent,
            status: 422,
            code: 'invalid',
            field: null,
        },
        {
            name: 'array on an action',
            method: 'POST',
            url: () => `${absUrl()}/reject`,
            body: '["no"]',
            status: 422,
            code: 'invalid',
            field: null,
        },
    ]);

    add('content type', [
        ...['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/jsonp', 'application/json-seq'].map(
            (ct) => ({
                name: `POST as ${ct}`,
                method: 'POST',
                url: '/api/v1/skills',
                body: JSON.stringify({ name: unique('CT ') }),
                headers: { 'Content-Type': ct },
                status: 415,
                code: 'unsupported_media_type',
            }),
        ),
        {
            name: 'PATCH as text/plain',
            method: 'PATCH',
            url: skillUrl,
            body: '{"category": "x"}',
            headers: { 'Content-Type': 'text/plain' },
            ifMatch: ifMatchCurrent,
            status: 415,
            code: 'unsupported_media_type',
        },
        {
            name: 'action as text/plain',
            method: 'POST',
            url: () => `${absUrl()}/approve`,
            body: '{}',
            headers: { 'Content-Type': 'text/plain' },
            status: 415,
            code: 'unsupported_media_type',
        },
    ]);

    const wrongType = (url, json, field, extra = {}) => ({
        name: `${url}: ${JSON.stringify(json).slice(0, 60)}`,
        method: 'POST',
        url: typeof url === 'function' ? url : `/api/v1/${url}`,
        json,
        status: 422,
        code: 'invalid',
        field,
        ...extra,
    });
    add('wrong types', [
        wrongType('skills', { name: 42 }, 'name', { message: /must be a string/ }),
        wrongType('skills', { name: { first: 'x' } }, 'name'),
        wrongType('skills', { name: ['x'] }, 'name'),
        wrongType('skills', { name: true }, 'name'),
        wrongType('skills', { name: null }, 'name', { message: /null/ }),
        wrongType('skills', { name: 'ok', category: 7 }, 'category'),
        { ...wrongType('assistants', null, 'capacity'), json: () => personBody({ capacity: '3' }), message: /integer/ },
        { ...wrongType('assistants', null, 'capacity'), name: 'assistants: capacity 2.5', json: () => personBody({ capacity: 2.5 }) },
        { ...wrongType('assistants', null, 'active'), name: 'assistants: active "yes"', json: () => personBody({ active: 'yes' }) },
        { ...wrongType('assistants', null, 'active'), name: 'assistants: active 1', json: () => personBody({ active: 1 }) },
        { ...wrongType('assistants', null, 'languages'), name: 'assistants: languages "English"', json: () => personBody({ languages: 'English' }) },
        { ...wrongType('assistants', null, 'languages'), name: 'assistants: languages [1]', json: () => personBody({ languages: [1] }) },
        { ...wrongType('assistants', null, 'languages'), name: 'assistants: languages [""]', json: () => personBody({ languages: [''] }) },
        { ...wrongType('assistants', null, 'traits'), name: 'assistants: traits [null]', json: () => personBody({ traits: [null] }) },
        { ...wrongType('assistants', null, 'contracted_hours'), name: 'assistants: contracted_hours "40"', json: () => personBody({ contracted_hours: '40' }) },
        { ...wrongType('assistants', null, 'phone'), name: 'assistants: phone 5551234', json: () => personBody({ phone: 5551234 }) },
        { ...wrongType('assistants', null, 'hire_date'), name: 'assistants: hire_date 20240101', json: () => personBody({ hire_date: 20240101 }) },
        { ...wrongType('assistants', null, 'email'), name: 'assistants: email null', json: () => personBody({ email: null }) },
        {
            ...wrongType('assignments', null, 'assistant_id'),
            name: 'assignments: assistant_id "1"',
            json: () => ({ assistant_id: String(A()), principal_id: c.principal.id, kind: 'primary', start_date: '2026-01-01' }),
        },
        {
            ...wrongType('assignments', null, 'kind'),
            name: 'assignments: kind 1',
            json: () => ({ assistant_id: A(), principal_id: c.principal.id, kind: 1, start_date: '2026-01-01' }),
        },
        {
            ...wrongType('principal-duties', null, 'must_have'),
            name: 'principal-duties: must_have "false"',
            json: () => ({ principal_id: c.principal.id, duty_id: c.duty.id, must_have: 'false' }),
        },
        {
            name: 'PATCH skill: category []',
            method: 'PATCH',
            url: skillUrl,
            json: { category: [] },
            ifMatch: ifMatchCurrent,
            status: 422,
            code: 'invalid',
            field: 'category',
        },
        {
            name: 'action note 5',
            method: 'POST',
            url: () => `${absUrl()}/approve`,
            json: { note: 5 },
            status: 422,
            code: 'invalid',
            field: 'note',
        },
    ]);

    add('missing required fields', [
        wrongType('skills', {}, 'name', { message: /required/ }),
        wrongType('skills', { category: 'x' }, 'name', { message: /required/ }),
        ...['name', 'email', 'time_zone', 'office'].map((f) => ({
            ...wrongType('assistants', null, f),
            name: `assistants without ${f}`,
            json: () => {
                const b = personBody();
                delete b[f];
                return b;
            },
            message: /required/,
        })),
        { ...wrongType('principals', null, 'department'), name: 'principals without department', json: () => personBody() },
        wrongType('duties', { description: 'x' }, 'name'),
        { ...wrongType('duty-skills', null, 'min_level'), name: 'duty-skills without min_level', json: () => ({ duty_id: c.duty.id, skill_id: c.skill.id }) },
        { ...wrongType('designated-backups', null, 'rank'), name: 'designated-backups without rank', json: () => ({ principal_id: c.principal.id, assistant_id: A() }) },
        {
            ...wrongType('work-patterns', null, 'end_time'),
            name: 'work-patterns without end_time',
            json: () => ({ person_id: A(), weekday: 1, start_time: '09:00' }),
        },
        {
            ...wrongType('assignments', null, 'start_date'),
            name: 'assignments without start_date',
            json: () => ({ assistant_id: A(), principal_id: c.principal.id, kind: 'primary' }),
        },
        {
            ...wrongType('absences', null, 'end_at'),
            name: 'absences without end_at',
            json: () => ({ person_id: A(), kind: 'sick', start_at: '2030-01-01T00:00:00Z' }),
        },
        {
            ...wrongType('absences', null, 'person_id'),
            name: 'absences without person_id',
            json: () => ({ kind: 'sick', start_at: '2030-01-01T00:00:00Z', end_at: '2030-01-02T00:00:00Z' }),
        },
    ]);

    add('unknown fields', [
        wrongType('skills', { name: 'x', colour: 'red' }, 'colour', { message: /unknown field/ }),
        { ...wrongType('assistants', null, 'department'), name: 'assistants: department (a principal field)', json: () => personBody({ department: 'x' }) },
        {
            name: 'PATCH assistant: nickname',
            method: 'PATCH',
            url: () => `/api/v1/assistants/${A()}`,
            json: { nickname: 'Kad' },
            ifMatch: ifMatchCurrent,
            status: 422,
            code: 'invalid',
            field: 'nickname',
        },
        {
            name: 'action body with a reason',
            method: 'POST',
            url: () => `${absUrl()}/reject`,
            json: { reason: 'no' },
            status: 422,
            code: 'invalid',
            field: 'reason',
        },
    ]);

    const patch = (url, json, field, extra = {}) => ({
        name: `PATCH ${typeof url === 'string' ? url : url.name || 'record'}: ${JSON.stringify(json).slice(0, 60)}`,
        method: 'PATCH',
        url,
        json,
        ifMatch: ifMatchCurrent,
        status: 422,
        code: 'invalid',
        field,
        ...extra,
    });
    const asgUrl = function assignment() {
        return `/api/v1/assignments/${c.assignment.id}`;
    };
    const absenceUrl = function absence() {
        return `/api/v1/absences/${c.absence.id}`;
    };
    const wpUrl = function workPattern() {
        return `/api/v1/work-patterns/${c.workPattern.id}`;
    };
    const skUrl = function skill() {
        return `/api/v1/skills/${c.skill.id}`;
    };
    add('read-only fields', [
        {
            ...wrongType('absences', null, 'status'),
            name: 'POST absence with status approved',
            json: () => ({ person_id: A(), kind: 'sick', start_at: '2030-01-01T00:00:00Z', end_at: '2030-01-02T00:00:00Z', status: 'approved' }),
            message: /cannot be written/,
        },
        {
            ...wrongType('absences', null, 'decided_at'),
            name: 'POST absence with decided_at',
            json: () => ({
                person_id: A(),
                kind: 'sick',
                start_at: '2030-01-01T00:00:00Z',
                end_at: '2030-01-02T00:00:00Z',
                decided_at: '2030-01-01T00:00:00Z',
            }),
        },
        wrongType('skills', { name: 'x', id: 99 }, 'id', { message: /cannot be written/ }),
        wrongType('skills', { name: 'x', version: 1 }, 'version', { message: /If-Match/ }),
        wrongType('skills', { name: 'x', created_at: '2026-01-01T00:00:00Z' }, 'created_at'),
        patch(absenceUrl, { status: 'approved' }, 'status', { message: /cannot be written/ }),
        patch(absenceUrl, { decision_note: 'sure' }, 'decision_note'),
        patch(skUrl, { version: 5 }, 'version', { message: /If-Match/ }),
        patch(skUrl, { id: 5 }, 'id'),
        patch(skUrl, { updated_at: '2026-01-01T00:00:00Z' }, 'updated_at'),
        patch(asgUrl, { source: 'planner' }, 'source'),
    ]);

    add('immutable fields on PATCH', [
        patch(asgUrl, { assistant_id: 1 }, 'assistant_id', { message: /cannot be changed/ }),
        patch(asgUrl, { principal_id: 13 }, 'principal_id'),
        patch(absenceUrl, { person_id: 1 }, 'person_id'),
        patch(wpUrl, { person_id: 1 }, 'person_id'),
        patch(function assistantSkill() {
            return `/api/v1/assistant-skills/${c.assistantSkill.id}`;
        }, { skill_id: 1 }, 'skill_id'),
        patch(function backup() {
            return `/api/v1/designated-backups/${c.backup.id}`;
        }, { assistant_id: 1 }, 'assistant_id'),
    ]);

    add('out of range', [
        ...[
            ['capacity', 0],
            ['capacity', 11],
            ['experience_years', -1],
            ['experience_years', 61],
            ['contracted_hours', 80.5],
            ['contracted_hours', -1],
            ['name', ''],
            ['name', 'x'.repeat(201)],
            ['office', ''],
            ['phone', '1'.repeat(41)],
            ['languages', Array.from({ length: 21 }, (_, i) => `L${i}`)],
            ['languages', ['x'.repeat(61)]],
            ['traits', Array.from({ length: 21 }, (_, i) => `t${i}`)],
        ].map(([f, v]) => ({
            ...wrongType('assistants', null, f),
            name: `assistants: ${f} ${JSON.stringify(v).slice(0, 30)}`,
            json: () => personBody({ [f]: v }),
        })),
        { ...wrongType('principals', null, 'priority'), name: 'principals: priority 6', json: () => principalBody({ priority: 6 }) },
        { ...wrongType('principals', null, 'priority'), name: 'principals: priority 0', json: () => principalBody({ priority: 0 }) },
        { ...wrongType('principals', null, 'department'), name: 'principals: department ""', json: () => principalBody({ department: '' }) },
        { ...wrongType('principals', null, 'title'), name: 'principals: title 201 chars', json: () => principalBody({ title: 't'.repeat(201) }) },
        wrongType('skills', { name: 'x'.repeat(101) }, 'name', { message: /at most 100/ }),
        wrongType('skills', { name: '' }, 'name', { message: /empty/ }),
        wrongType('skills', { name: 'ok', category: '' }, 'category'),
        wrongType('duties', { name: 'ok', description: 'd'.repeat(1001) }, 'description'),
        {
            ...wrongType('duty-skills', null, 'min_level'),
            name: 'duty-skills: min_level 0',
            json: () => ({ duty_id: c.duty.id, skill_id: c.skill.id, min_level: 0 }),
        },
        {
            ...wrongType('assistant-skills', null, 'level'),
            name: 'assistant-skills: level 6',
            json: () => ({ assistant_id: A(), skill_id: c.skill2.id, level: 6 }),
        },
        {
            ...wrongType('designated-backups', null, 'rank'),
            name: 'designated-backups: rank 21',
            json: () => ({ principal_id: c.principal.id, assistant_id: c.assistant.id, rank: 21 }),
        },
        {
            ...wrongType('work-patterns', null, 'weekday'),
            name: 'work-patterns: weekday 8',
            json: () => ({ person_id: A(), weekday: 8, start_time: '09:00', end_time: '10:00' }),
        },
        {
            ...wrongType('work-patterns', null, 'weekday'),
            name: 'work-patterns: weekday 0',
            json: () => ({ person_id: A(), weekday: 0, start_time: '09:00', end_time: '10:00' }),
        },
        {
            ...wrongType('work-patterns', null, 'end_time'),
            name: 'work-patterns: end_time before start_time',
            json: () => ({ person_id: A(), weekday: 1, start_time: '10:00', end_time: '09:00' }),
            message: /after start_time/,
        },
        {
            ...wrongType('work-patterns', null, 'end_time'),
            name: 'work-patterns: end_time equal to start_time',
            json: () => ({ person_id: A(), weekday: 1, start_time: '10:00', end_time: '10:00' }),
        },
        {
            ...wrongType('work-patterns', null, 'start_time'),
            name: 'work-patterns: start_time 24:00',
            json: () => ({ person_id: A(), weekday: 1, start_time: '24:00', end_time: '24:00' }),
        },
        {
            ...wrongType('work-patterns', null, 'valid_to'),
            name: 'work-patterns: valid_to before valid_from',
            json: () => ({
                person_id: A(),
                weekday: 1,
                start_time: '09:00',
                end_time: '10:00',
                valid_from: '2026-05-01',
                valid_to: '2026-04-30',
            }),
        },
        {
            ...wrongType('assignments', null, 'share'),
            name: 'assignments: share 101',
            json: () => ({ assistant_id: A(), principal_id: c.principal.id, kind: 'primary', share: 101, start_date: '2026-01-01' }),
        },
        {
            ...wrongType('assignments', null, 'share'),
            name: 'assignments: share 0',
            json: () => ({ assistant_id: A(), principal_id: c.principal.id, kind: 'primary', share: 0, start_date: '2026-01-01' }),
        },
        {
            ...wrongType('assignments', null, 'kind'),
            name: 'assignments: kind "main"',
            json: () => ({ assistant_id: A(), principal_id: c.principal.id, kind: 'main', start_date: '2026-01-01' }),
            message: /one of: primary, secondary, backup/,
        },
        {
            ...wrongType('assignments', null, 'end_date'),
            name: 'assignments: end_date before start_date',
            json: () => ({
                assistant_id: A(),
                principal_id: c.principal.id,
                kind: 'primary',
                start_date: '2026-02-01',
                end_date: '2026-01-31',
            }),
        },
        {
            ...wrongType('absences', null, 'end_at'),
            name: 'absences: end_at before start_at',
            json: () => ({ person_id: A(), kind: 'sick', start_at: '2030-01-02T00:00:00Z', end_at: '2030-01-01T00:00:00Z' }),
            message: /after start_at/,
        },
        {
            ...wrongType('absences', null, 'end_at'),
            name: 'absences: longer than 366 days',
            json: () => ({ person_id: A(), kind: 'other', start_at: '2030-01-01T00:00:00Z', end_at: '2031-01-03T00:00:00Z' }),
            message: /366/,
        },
        {
            ...wrongType('absences', null, 'kind'),
            name: 'absences: kind "holiday"',
            json: () => ({ person_id: A(), kind: 'holiday', start_at: '2030-01-01T00:00:00Z', end_at: '2030-01-02T00:00:00Z' }),
        },
        {
            ...wrongType('absences', null, 'note'),
            name: 'absences: note of 1001 characters',
            json: () => ({ person_id: A(), kind: 'sick', start_at: '2030-01-01T00:00:00Z', end_at: '2030-01-02T00:00:00Z', note: 'n'.repeat(1001) }),
        },
        patch(absenceUrl, { end_at: '2000-01-01T00:00:00Z' }, 'end_at', { message: /after start_at/ }),
        patch(asgUrl, { end_date: '2000-01-01' }, 'end_date'),
        patch(wpUrl, { end_time: '00:00' }, 'end_time'),
        patch(skUrl, { name: '' }, 'name'),
        {
            name: 'action note of 1001 characters',
            method: 'POST',
            url: () => `${absUrl()}/approve`,
            json: { note: 'n'.repeat(1001) },
            status: 422,
            code: 'invalid',
            field: 'note',
        },
    ]);

    const badValue = (f, values, base) =>
        values.map((v) => ({
            ...wrongType(base.url, null, f),
            name: `${base.url}: ${f} ${JSON.stringify(v)}`,
            json: () => ({ ...base.body(), [f]: v }),
        }));
    const absenceBase = {
        url: 'absences',
        body: () => ({ person_id: A(), kind: 'sick', start_at: '2030-01-01T00:00:00Z', end_at: '2030-01-02T00:00:00Z' }),
    };
    const wpBase = { url: 'work-patterns', body: () => ({ person_id: A(), weekday: 1, start_time: '09:00', end_time: '17:00' }) };
    add('bad dates, instants, times, zones and e-mail addresses', [
        ...badValue('hire_date', ['2026-02-30', '2026-2-1', '01.02.2026', '2026-01-01T00:00:00Z', '', 'tomorrow', '2026-13-01'], {
            url: 'assistants',
            body: () => personBody(),
        }),
        ...badValue('start_date', ['2026-02-29', '1899-12-31', '26-01-01'], {
            url: 'assignments',
            body: () => ({ assistant_id: A(), principal_id: c.principal.id, kind: 'primary', start_date: '2026-01-01' }),
        }),
        ...badValue(
            'start_at',
            [
                '2030-01-01',
                '2030-01-01T00:00:00',
                '2030-01-01T24:00:00Z',
                '2030-01-01T00:60:00Z',
                '2030-01-01T00:00:00+2',
                '2030-01-01 00:00',
                'now',
                1893456000,
            ],
            absenceBase,
        ),
        ...badValue('end_at', ['2030-02-30T00:00:00Z', '2030-01-02T00:00:00ZZ'], absenceBase),
        ...badValue('start_time', ['8:00', '24:01', '12:60', '12.30', '1230', '', 'noon', 900], wpBase),
        ...badValue('end_time', ['25:00', '17:00:00'], wpBase),
        ...badValue('valid_from', ['2026-04-31', 'soon'], wpBase),
        ...badValue('time_zone', ['Mars/Olympus', '', 'Europe/Atlantis', 'GMT+25', 'x'.repeat(65)], {
            url: 'assistants',
            body: () => personBody(),
        }),
        ...badValue(
            'email',
            ['no-at-sign', 'a@b', 'a b@c.ee', '@c.ee', 'a@@b.ee', 'a@b.ee.', 'a@.ee', '', '<a@b.ee>', 'a,b@c.ee', `${'x'.repeat(250)}@b.ee`],
            { url: 'principals', body: () => principalBody() },
        ),
        patch(function assistant() {
            return `/api/v1/assistants/${c.assistant.id}`;
        }, { email: 'not-an-email' }, 'email'),
        patch(function assistant() {
            return `/api/v1/assistants/${c.assistant.id}`;
        }, { time_zone: 'Nowhere/Special' }, 'time_zone'),
    ]);

    add('references to records that do not exist', [
        {
            ...wrongType('assignments', null, 'assistant_id'),
            name: 'assignments: assistant_id 999999',
            json: () => ({ assistant_id: 999999, principal_id: c.principal.id, kind: 'primary', start_date: '2026-01-01' }),
            message: /no assistant with id 999999/,
        },
        {
            ...wrongType('assignments', null, 'assistant_id'),
            name: 'assignments: assistant_id of a principal',
            json: () => ({ assistant_id: c.principal.id, principal_id: c.principal.id, kind: 'primary', start_date: '2026-01-01' }),
        },
        {
            ...wrongType('assignments', null, 'principal_id'),
            name: 'assignments: principal_id of an assistant',
            json: () => ({ assistant_id: A(), principal_id: A(), kind: 'primary', start_date: '2026-01-01' }),
        },
        {
            ...wrongType('absences', null, 'person_id'),
            name: 'absences: person_id 999999',
            json: () => ({ ...absenceBase.body(), person_id: 999999 }),
        },
        {
            ...wrongType('duty-skills', null, 'skill_id'),
            name: 'duty-skills: skill_id 999999',
            json: () => ({ duty_id: c.duty.id, skill_id: 999999, min_level: 1 }),
        },
        {
            ...wrongType('duty-skills', null, 'duty_id'),
            name: 'duty-skills: duty_id 999999',
            json: () => ({ duty_id: 999999, skill_id: c.skill.id, min_level: 1 }),
        },
        {
            ...wrongType('duty-skills', null, 'skill_id'),
            name: 'duty-skills: skill_id 0',
            json: () => ({ duty_id: c.duty.id, skill_id: 0, min_level: 1 }),
            message: /positive/,
        },
        {
            ...wrongType('duty-skills', null, 'skill_id'),
            name: 'duty-skills: skill_id -3',
            json: () => ({ duty_id: c.duty.id, skill_id: -3, min_level: 1 }),
        },
        {
            ...wrongType('assistant-skills', null, 'assistant_id'),
            name: 'assistant-skills: assistant_id of a principal',
            json: () => ({ assistant_id: c.principal.id, skill_id: c.skill.id, level: 1 }),
        },
        {
            ...wrongType('principal-duties', null, 'principal_id'),
            name: 'principal-duties: principal_id 999999',
            json: () => ({ principal_id: 999999, duty_id: c.duty.id }),
        },
        {
            ...wrongType('designated-backups', null, 'assistant_id'),
            name: 'designated-backups: assistant_id 999999',
            json: () => ({ principal_id: c.principal.id, assistant_id: 999999, rank: 3 }),
        },
        {
            ...wrongType('work-patterns', null, 'person_id'),
            name: 'work-patterns: person_id 999999',
            json: () => ({ ...wpBase.body(), person_id: 999999 }),
        },
    ]);

    add('duplicates', [
        {
            name: 'assistant with an existing e-mail (other case)',
            method: 'POST',
            url: '/api/v1/assistants',
            json: () => personBody({ email: c.assistant.email.toUpperCase() }),
            status: 409,
            code: 'duplicate',
            field: 'email',
        },
        {
            name: 'principal with an assistant\'s e-mail',
            method: 'POST',
            url: '/api/v1/principals',
            json: () => principalBody({ email: c.assistant.email }),
            status: 409,
            code: 'duplicate',
            field: 'email',
        },
        {
            name: 'PATCH e-mail to another person\'s',
            method: 'PATCH',
            url: () => `/api/v1/assistants/${c.assistant2.id}`,
            json: () => ({ email: c.assistant.email }),
            ifMatch: ifMatchCurrent,
            status: 409,
            code: 'duplicate',
            field: 'email',
        },
        {
            name: 'skill with an existing name (other case)',
            method: 'POST',
            url: '/api/v1/skills',
            json: () => ({ name: c.skill.name.toLowerCase() }),
            status: 409,
            code: 'duplicate',
            field: 'name',
        },
        {
            name: 'duty with an existing name',
            method: 'POST',
            url: '/api/v1/duties',
            json: () => ({ name: c.duty.name }),
            status: 409,
            code: 'duplicate',
            field: 'name',
        },
        {
            name: 'the same skill of an assistant twice',
            method: 'POST',
            url: '/api/v1/assistant-skills',
            json: () => ({ assistant_id: A(), skill_id: c.skill.id, level: 1 }),
            status: 409,
            code: 'duplicate',
            field: 'assistant_id',
        },
        {
            name: 'a designated backup rank taken',
            method: 'POST',
            url: '/api/v1/designated-backups',
            json: () => ({ principal_id: c.principal.id, assistant_id: A(), rank: 1 }),
            status: 409,
            code: 'duplicate',
        },
    ]);

    const bigBody = (n) => JSON.stringify({ name: 'x'.repeat(n - 11) });
    add('bodies over the limit', [
        {
            name: 'Content-Length over the limit, POST (no body sent)',
            watch: () => ['list:/api/v1/skills'],
            raw: (srv) =>
                srv.raw(
                    `POST /api/v1/skills HTTP/1.1\r\nHost: t\r\n${srv.authLine()}Content-Type: application/json\r\nContent-Length: ${BODY_LIMIT + 1}\r\n\r\n`,
                ),
            status: 413,
            code: 'too_large',
        },
        {
            name: 'Content-Length over the limit, PATCH (body streamed)',
            watch: () => [skillUrl()],
            raw: (srv) =>
                srv.raw(
                    `PATCH ${skillUrl()} HTTP/1.1\r\nHost: t\r\n${srv.authLine()}Content-Type: application/json\r\nIf-Match: "${c.skill.version}"\r\nContent-Length: ${BODY_LIMIT + 100}\r\n\r\n`,
                    { chunks: [`{"category":"${'x'.repeat(BODY_LIMIT + 84)}"}`] },
                ),
            status: 413,
            code: 'too_large',
        },
        {
            name: 'chunked body over the limit, POST',
            watch: () => ['list:/api/v1/skills'],
            raw: (srv) =>
                srv.raw(
                    `POST /api/v1/skills HTTP/1.1\r\nHost: t\r\n${srv.authLine()}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
                    { chunks: bigChunks() },
                ),
            status: 413,
            code: 'too_large',
        },
        {
            name: 'chunked body over the limit, PATCH',
            watch: () => [skillUrl()],
            raw: (srv) =>
                srv.raw(
                    `PATCH ${skillUrl()} HTTP/1.1\r\nHost: t\r\n${srv.authLine()}Content-Type: application/json\r\nIf-Match: "${c.skill.version}"\r\nTransfer-Encoding: chunked\r\n\r\n`,
                    { chunks: bigChunks() },
                ),
            status: 413,
            code: 'too_large',
        },
        {
            name: 'one byte over the limit (fetch)',
            method: 'POST',
            url: '/api/v1/skills',
            body: bigBody(BODY_LIMIT + 1),
            headers: { 'Content-Type': 'application/json' },
            status: 413,
            code: 'too_large',
        },
        {
            name: 'exactly the limit is read (and the name is then too long)',
            method: 'POST',
            url: '/api/v1/skills',
            body: bigBody(BODY_LIMIT),
            headers: { 'Content-Type': 'application/json' },
            status: 422,
            code: 'invalid',
            field: 'name',
        },
    ]);

    add('unknown routes', [
        ...[
            '/api/v1/nothing',
            '/api/v2/skills',
            '/api/v1/skills/',
            '/api/v1/skills/abc',
            '/api/v1/skills/0',
            '/api/v1/skills/01',
            '/api/v1/skills/-1',
            '/api/v1/skills/1.5',
            '/api/v1/skills/99999999999999999999999',
            '/api/v1/skills/1/extra',
            '/api/v1/absences/1/archive',
            // (Paths outside /api/ may be pages of the web app.)
            '/api/',
            '/api/v1',
            '/api/v1/',
            '/api/v1/Skills',
            '/api/v1//skills',
            '/api/v1/skills/1/',
        ].map((u) => ({
            name: `GET ${u}`,
            method: 'GET',
            url: u,
            watch: () => [],
            status: 404,
            code: 'not_found',
        })),
        { name: 'POST to an unknown route', method: 'POST', url: '/api/v1/widgets', json: {}, status: 404, code: 'not_found', watch: () => [] },
    ]);

    add('records that do not exist', [
        { name: 'GET skill 999999', method: 'GET', url: '/api/v1/skills/999999', status: 404, code: 'not_found' },
        { name: 'PATCH skill 999999', method: 'PATCH', url: '/api/v1/skills/999999', json: { category: 'x' }, ifMatch: 1, status: 404, code: 'not_found' },
        { name: 'DELETE skill 999999', method: 'DELETE', url: '/api/v1/skills/999999', ifMatch: 1, status: 404, code: 'not_found' },
        { name: 'approve absence 999999', method: 'POST', url: '/api/v1/absences/999999/approve', status: 404, code: 'not_found' },
        { name: 'supporters of an assistant', method: 'GET', url: () => `/api/v1/principals/${A()}/supporters`, status: 404, code: 'not_found' },
        { name: 'principals of a principal', method: 'GET', url: () => `/api/v1/assistants/${c.principal.id}/principals`, status: 404, code: 'not_found' },
        { name: 'PATCH a principal as an assistant', method: 'PATCH', url: () => `/api/v1/assistants/${c.principal.id}`, json: { office: 'x' }, ifMatch: 1, status: 404, code: 'not_found' },
        { name: 'DELETE a principal as an assistant', method: 'DELETE', url: () => `/api/v1/assistants/${c.principal.id}`, ifMatch: ifMatchCurrent, status: 404, code: 'not_found' },
    ]);

    const label = (url) => (typeof url === 'string' ? url : url.toString().replace(/^\(\) => `?|`$/g, ''));
    const m405 = (method, url, allow) => ({
        name: `${method} ${label(url)}`,
        method,
        url,
        json: method === 'GET' || method === 'HEAD' ? undefined : {},
        status: 405,
        code: method === 'HEAD' ? undefined : 'method_not_allowed',
        allow,
    });
    add('wrong methods', [
        m405('PUT', '/api/v1/skills', 'GET, POST'),
        m405('DELETE', '/api/v1/skills', 'GET, POST'),
        m405('PATCH', '/api/v1/skills', 'GET, POST'),
        m405('POST', () => `/api/v1/skills/${c.skill.id}`, 'GET, PATCH, DELETE'),
        m405('PUT', () => `/api/v1/skills/${c.skill.id}`, 'GET, PATCH, DELETE'),
        m405('GET', () => `/api/v1/absences/${c.absence.id}/approve`, 'POST'),
        m405('PATCH', () => `/api/v1/absences/${c.absence.id}/cancel`, 'POST'),
        m405('POST', '/api/v1/people', 'GET'),
        m405('DELETE', () => `/api/v1/people/${A()}`, 'GET'),
        m405('POST', '/healthz', 'GET'),
        m405('DELETE', '/metrics', 'GET'),
        m405('POST', '/api/v1/openapi.json', 'GET'),
        m405('POST', '/api/v1/audit', 'GET'),
        m405('POST', () => `/api/v1/principals/${c.principal.id}/supporters`, 'GET'),
        m405('OPTIONS', '/api/v1/skills', 'GET, POST'),
        m405('HEAD', () => `/api/v1/absences/${c.absence.id}/reject`, 'POST'),
    ]);

    const q400 = (url, field, extra = {}) => ({
        name: `GET ${label(url)}`,
        method: 'GET',
        url,
        status: 400,
        code: 'bad_request',
        field,
        ...extra,
    });
    const cursorOf = (s) => Buffer.from(s).toString('base64url');
    add('query parameters', [
        q400('/api/v1/skills?colour=red', 'colour', { message: /unknown query parameter/ }),
        q400('/api/v1/skills?name=x', 'name'),
        q400(() => `/api/v1/skills/${c.skill.id}?verbose=1`, 'verbose'),
        q400('/api/v1/people?department=Finance', 'department'),
        q400('/api/v1/skills?from=2026-01-01T00:00:00Z', 'from'),
        q400('/api/v1/audit?action=create', 'action'),
        q400(() => `/api/v1/principals/${c.principal.id}/supporters?when=today`, 'when'),
        q400(() => `/api/v1/assistants/${A()}/principals?limit=5`, 'limit'),
        ...['0', '501', 'abc', '-1', '1.5', '', '10x', '99999999999999999999'].map((l) => q400(`/api/v1/skills?limit=${l}`, 'limit')),
        q400('/api/v1/audit?limit=0', 'limit'),
        ...[
            'garbage',
            '!!!',
            cursorOf('c1:-5'),
            cursorOf('c2:5'),
            cursorOf('c1:'),
            cursorOf('c1:5x'),
            cursorOf('c1:99999999999999999999999'),
            'x'.repeat(41),
            `${cursorOf('c1:5')}=`,
        ].map((cur) => q400(`/api/v1/skills?cursor=${encodeURIComponent(cur)}`, 'cursor')),
        q400(`/api/v1/audit?cursor=${cursorOf('c1:-1')}`, 'cursor'),
        q400('/api/v1/assistants?active=yes', 'active'),
        q400('/api/v1/assistants?active=1', 'active'),
        q400('/api/v1/principals?priority=9', 'priority'),
        q400('/api/v1/principals?priority=high', 'priority'),
        q400('/api/v1/work-patterns?weekday=x', 'weekday'),
        q400('/api/v1/assignments?kind=main', 'kind'),
        q400('/api/v1/absences?status=maybe', 'status'),
        q400('/api/v1/absences?person_id=0', 'person_id'),
        q400('/api/v1/assistants?office=', 'office'),
        q400('/api/v1/assistants?time_zone=Mars/Olympus', 'time_zone'),
        q400('/api/v1/assistants?languages=English', 'languages'),
        q400('/api/v1/absences?from=yesterday', 'from'),
        q400('/api/v1/absences?to=2030-01-01', 'to'),
        q400('/api/v1/absences?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z', 'to'),
        q400('/api/v1/absences?from=2030-01-01T00:00:00Z&to=2030-01-01T00:00:00Z', 'to'),
        q400(`/api/v1/skills?q=${'q'.repeat(201)}`, 'q'),
        q400(() => `/api/v1/principals/${c.principal.id}/supporters?date=2026-13-01`, 'date'),
        q400(() => `/api/v1/assistants/${A()}/principals?date=today`, 'date'),
        q400('/api/v1/audit?entity_id=abc', 'entity_id'),
        q400('/api/v1/audit?entity_id=0', 'entity_id'),
        q400(`/api/v1/audit?entity=${'e'.repeat(61)}`, 'entity'),
    ]);

    add('If-Match', [
        { name: 'PATCH without If-Match', method: 'PATCH', url: skillUrl, json: { category: 'x' }, status: 428, code: 'if_match_required' },
        { name: 'DELETE without If-Match', method: 'DELETE', url: skillUrl, status: 428, code: 'if_match_required' },
        { name: 'DELETE of an assistant without If-Match', method: 'DELETE', url: () => `/api/v1/assistants/${c.assistant2.id}`, status: 428, code: 'if_match_required' },
        ...['abc', '"abc"', '"0"', '-1', '"3', '3"', '"1", "2"', '*', ''].map((v) => ({
            name: `PATCH with If-Match ${v}`,
            method: 'PATCH',
            url: skillUrl,
            json: { category: 'x' },
            headers: { 'If-Match': v },
            status: v === '' ? [400, 428] : 400,
            code: v === '' ? ['bad_request', 'if_match_required'] : 'bad_request',
            field: v === '' ? undefined : 'If-Match',
        })),
        { name: 'PATCH with a stale If-Match', method: 'PATCH', url: skillUrl, json: { category: 'x' }, ifMatch: 'stale', status: 412, code: 'version_mismatch' },
        { name: 'PATCH with a future If-Match', method: 'PATCH', url: skillUrl, json: { category: 'x' }, ifMatch: 'future', status: 412, code: 'version_mismatch' },
        { name: 'PATCH with a stale weak If-Match', method: 'PATCH', url: skillUrl, json: { category: 'x' }, headers: { 'If-Match': 'W/"999"' }, status: 412, code: 'version_mismatch' },
        { name: 'DELETE with a stale If-Match', method: 'DELETE', url: skillUrl, ifMatch: 'stale', status: 412, code: 'version_mismatch' },
        { name: 'approve with a stale If-Match', method: 'POST', url: () => `${absUrl()}/approve`, json: {}, ifMatch: 'stale', status: 412, code: 'version_mismatch' },
        { name: 'cancel with a malformed If-Match', method: 'POST', url: () => `${absUrl()}/cancel`, headers: { 'If-Match': 'v1' }, status: 400, code: 'bad_request', field: 'If-Match' },
    ]);

    const act = (which, action) => ({
        name: `${action} an absence that is ${which}`,
        method: 'POST',
        url: () => `/api/v1/absences/${c[which].id}/${action}`,
        json: {},
        status: 409,
        code: 'invalid_transition',
        field: 'status',
        message: new RegExp(`cannot ${action} an absence that is ${which}`),
    });
    add('absence transitions', [
        act('approved', 'approve'),
        act('approved', 'reject'),
        act('rejected', 'approve'),
        act('rejected', 'reject'),
        act('rejected', 'cancel'),
        act('cancelled', 'approve'),
        act('cancelled', 'reject'),
        act('cancelled', 'cancel'),
        {
            name: 'PATCH an approved absence',
            method: 'PATCH',
            url: () => `/api/v1/absences/${c.approved.id}`,
            json: { note: 'changed my mind' },
            ifMatch: ifMatchCurrent,
            status: 409,
            code: 'invalid_transition',
            message: /only a requested absence can be edited/,
        },
        {
            name: 'PATCH a cancelled absence',
            method: 'PATCH',
            url: () => `/api/v1/absences/${c.cancelled.id}`,
            json: { note: 'x' },
            ifMatch: ifMatchCurrent,
            status: 409,
            code: 'invalid_transition',
        },
        {
            name: 'DELETE an approved absence',
            method: 'DELETE',
            url: () => `/api/v1/absences/${c.approved.id}`,
            ifMatch: ifMatchCurrent,
            status: 409,
            code: 'invalid_transition',
            message: /cancel it instead/,
        },
    ]);

    if (ACCOUNTS) {
        const anon = (method, url, extra = {}) => ({
            name: `${method} ${label(url)} without credentials`,
            method,
            url,
            noAuth: true,
            status: 401,
            code: 'unauthorized',
            wwwAuthenticate: true,
            ...extra,
        });
        add('authentication', [
            anon('GET', '/api/v1/skills'),
            anon('GET', skillUrl),
            anon('POST', '/api/v1/skills', { json: { name: 'anonymous' } }),
            anon('PATCH', skillUrl, { json: { category: 'anonymous' }, ifMatch: ifMatchCurrent }),
            anon('DELETE', skillUrl, { ifMatch: ifMatchCurrent }),
            anon('POST', () => `${absUrl()}/approve`, { json: {} }),
            anon('GET', '/api/v1/openapi.json'),
            anon('GET', '/metrics'),
            anon('GET', '/api/v1/audit'),
            {
                name: 'a bearer token that does not exist',
                method: 'PATCH',
                url: skillUrl,
                json: { category: 'forged' },
                ifMatch: ifMatchCurrent,
                headers: { Authorization: 'Bearer hld_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
                status: 401,
                code: 'unauthorized',
            },
            {
                name: 'Basic authentication',
                method: 'GET',
                url: '/api/v1/skills',
                headers: { Authorization: 'Basic YWRtaW46YWRtaW4=' },
                status: 401,
                code: 'unauthorized',
                field: 'Authorization',
            },
            {
                name: 'a session cookie that does not exist',
                method: 'GET',
                url: '/api/v1/skills',
                noAuth: true,
                headers: { Cookie: 'haldus_session=AAAAAAAAAAAAAAAAAAAAAA' },
                status: 401,
                code: 'unauthorized',
            },
        ]);
    }

    add('deleting a referenced record', [
        {
            name: 'an assistant with an assignment and absences',
            method: 'DELETE',
            url: () => `/api/v1/assistants/${A()}`,
            ifMatch: ifMatchCurrent,
            watch: () => ['list:/api/v1/assignments', 'list:/api/v1/absences', 'list:/api/v1/assistant-skills', 'list:/api/v1/work-patterns'],
            status: 409,
            code: 'in_use',
        },
        {
            name: 'a principal with an assignment',
            method: 'DELETE',
            url: () => `/api/v1/principals/${c.principal.id}`,
            ifMatch: ifMatchCurrent,
            watch: () => ['list:/api/v1/assignments', 'list:/api/v1/designated-backups'],
            status: 409,
            code: 'in_use',
        },
        {
            name: 'a person with only an absence',
            method: 'DELETE',
            url: () => `/api/v1/principals/${c.absentPrincipal.id}`,
            ifMatch: ifMatchCurrent,
            watch: () => ['list:/api/v1/absences'],
            status: 409,
            code: 'in_use',
        },
    ]);
    return L;
}

describe('bad input', () => {
    const h = useServer();

    before(async () => {
        const srv = h.srv;
        c.assistant = await srv.create('assistants', personBody());
        c.assistant2 = await srv.create('assistants', personBody());
        c.principal = await srv.create('principals', principalBody());
        c.absentPrincipal = await srv.create('principals', principalBody());
        c.skill = await srv.create('skills', { name: unique('Err skill ') });
        c.skill2 = await srv.create('skills', { name: unique('Err skill ') });
        c.duty = await srv.create('duties', { name: unique('Err duty ') });
        c.assignment = await srv.create('assignments', {
            assistant_id: c.assistant.id,
            principal_id: c.principal.id,
            kind: 'primary',
            start_date: '2026-01-01',
        });
        c.assistantSkill = await srv.create('assistant-skills', { assistant_id: c.assistant.id, skill_id: c.skill.id, level: 3 });
        c.backup = await srv.create('designated-backups', { principal_id: c.principal.id, assistant_id: c.assistant2.id, rank: 1 });
        c.workPattern = await srv.create('work-patterns', { person_id: c.assistant.id, weekday: 1, start_time: '09:00', end_time: '17:00' });
        // Ten days of their own each: overlapping absences of one person are refused.
        let slot = 0;
        const absence = (person) => {
            const day = (n) => new Date(Date.UTC(2030, 5, 1 + 10 * slot + n)).toISOString().replace('.000', '');
            slot += 1;
            return srv.create('absences', { person_id: person, kind: 'vacation', start_at: day(0), end_at: day(9) });
        };
        c.absence = await absence(c.assistant.id);
        // Version 2, so that "stale" cases have an older version to send.
        for (const k of ['skill', 'absence']) {
            const path = k === 'skill' ? 'skills' : 'absences';
            const r = await srv.patch(`/api/v1/${path}/${c[k].id}`, { [k === 'skill' ? 'category' : 'note']: 'v2' }, 1);
            assert.equal(r.status, 200, r.text);
            c[k] = r.json;
        }
        await absence(c.absentPrincipal.id);
        c.approved = await absence(c.assistant.id);
        c.rejected = await absence(c.assistant.id);
        c.cancelled = await absence(c.assistant.id);
        for (const [k, action] of [
            ['approved', 'approve'],
            ['rejected', 'reject'],
            ['cancelled', 'cancel'],
        ]) {
            const r = await srv.post(`/api/v1/absences/${c[k].id}/${action}`, {}, { ifMatch: 1 });
            assert.equal(r.status, 200, r.text);
            c[k] = r.json;
            assert.equal(c[k].status, k);
        }
    });

    const all = cases();
    const groups = [...new Set(all.map((x) => x.group))];
    for (const group of groups) {
        describe(group, () => {
            for (const k of all.filter((x) => x.group === group)) {
                test(k.name, async () => {
                    const srv = h.srv;
                    const url = typeof k.url === 'function' ? k.url() : k.url;
                    const watch = k.watch ? k.watch() : targets(url);
                    const snap0 = [];
                    for (const w of watch) snap0.push(await snapshot(srv, w));
                    const audit0 = await srv.auditState();

                    let res;
                    if (k.raw) {
                        res = await k.raw(srv);
                    } else {
                        const opts = { headers: { ...(k.headers || {}) }, auth: k.noAuth ? false : undefined };
                        if (k.json !== undefined) opts.json = typeof k.json === 'function' ? k.json() : k.json;
                        if (k.body !== undefined) {
                            opts.body = k.body;
                            if (!opts.headers['Content-Type']) opts.headers['Content-Type'] = 'application/json';
                        }
                        if (k.ifMatch !== undefined) {
                            let v = k.ifMatch;
                            if (['current', 'stale', 'future'].includes(v)) {
                                const rec = await srv.get(url.split('?')[0].replace(/\/(approve|reject|cancel)$/, ''));
                                const cur = rec.json?.version ?? 1;
                                if (v === 'current') v = cur;
                                else if (v === 'stale') {
                                    // Make sure an older version exists.
                                    if (cur === 1) {
                                        assert.fail(`the case needs a record with version > 1: ${url}`);
                                    }
                                    v = cur - 1;
                                } else v = cur + 1;
                            }
                            opts.ifMatch = v;
                        }
                        res = await srv.req(k.method, url, opts);
                    }

                    const statuses = [].concat(k.status);
                    const codes = [].concat(k.code);
                    assert.ok(statuses.includes(res.status), `expected ${k.status} ${k.code}, got ${res.status} ${res.text ?? res.body}`);
                    if (k.method === 'HEAD') {
                        assert.equal(res.text, '');
                    } else {
                        const err = assertError(res, res.status, codes.find((x) => x === res.json?.error?.code) ?? codes[0], k.field);
                        if (k.message) assert.match(err.message, k.message);
                    }
                    if (k.wwwAuthenticate) assert.match(res.headers.get('www-authenticate') || '', /^Bearer /);
                    if (k.allow) {
                        const allow = res.headers.get('allow');
                        assert.ok(allow, 'a 405 needs an Allow header');
                        assert.deepEqual(allow.split(/,\s*/).sort(), k.allow.split(', ').sort());
                    }

                    // Nothing changed.
                    for (let i = 0; i < watch.length; i++)
                        assert.deepEqual(await snapshot(srv, watch[i]), snap0[i], `${watch[i]} changed`);
                    assert.deepEqual(await srv.auditState(), audit0, 'the audit log changed');
                });
            }
        });
    }

    describe('requests that are fine', () => {
        for (const ct of ['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/json;charset=UTF-8']) {
            test(`Content-Type ${ct}`, async () => {
                const r = await h.srv.req('POST', '/api/v1/skills', {
                    body: JSON.stringify({ name: unique('CT ok ') }),
                    headers: { 'Content-Type': ct },
                });
                assert.equal(r.status, 201, r.text);
            });
        }
        test('/healthz needs no credentials', async () => {
            const r = await h.srv.get('/healthz', { auth: false });
            assert.equal(r.status, 200);
            assert.equal(r.json.status, 'ok');
        });
        test('If-Match forms: "N", N and W/"N"', async () => {
            const srv = h.srv;
            const s = await srv.create('skills', { name: unique('IfMatch ') });
            for (const [i, v] of ['"1"', '2', 'W/"3"'].entries()) {
                const r = await srv.req('PATCH', `/api/v1/skills/${s.id}`, { json: { category: `c${i}` }, headers: { 'If-Match': v } });
                assert.equal(r.status, 200, `${v}: ${r.text}`);
                assert.equal(r.json.version, i + 2);
            }
        });
        test('unicode text is counted in characters, not bytes', async () => {
            const srv = h.srv;
            const name = 'Ä'.repeat(100); // 200 bytes, 100 characters
            const r = await srv.post('/api/v1/skills', { name });
            assert.equal(r.status, 201, r.text);
            assert.equal(r.json.name, name);
            const r2 = await srv.post('/api/v1/skills', { name: `${'Ö'.repeat(100)}x` });
            assertError(r2, 422, 'invalid', 'name');
        });
        test('boundary values are accepted', async () => {
            const srv = h.srv;
            const a = await srv.create('assistants', personBody({
                capacity: 10,
                experience_years: 60,
                contracted_hours: 80,
                hire_date: '2024-02-29',
                languages: Array.from({ length: 20 }, (_, i) => `L${i}`),
                traits: ['x'.repeat(60)],
                time_zone: 'UTC',
            }));
            assert.equal(a.capacity, 10);
            const p = await srv.create('principals', principalBody({ priority: 1, department: 'd'.repeat(100) }));
            assert.equal(p.priority, 1);
            const wp = await srv.create('work-patterns', { person_id: a.id, weekday: 7, start_time: '23:59', end_time: '24:00' });
            assert.equal(wp.end_time, '24:00');
            const ab = await srv.create('absences', {
                person_id: a.id,
                kind: 'other',
                start_at: '2030-01-01T00:00:00Z',
                end_at: '2031-01-02T00:00:00Z', // exactly 366 days
                note: 'n'.repeat(1000),
            });
            assert.equal(ab.end_at, '2031-01-02T00:00:00Z');
            const frac = await srv.create('absences', {
                person_id: a.id,
                kind: 'other',
                start_at: '2031-01-02T00:00:00.250Z', // right after the one above
                end_at: '2031-01-02T01:00:00-01:30',
            });
            assert.equal(frac.start_at, '2031-01-02T00:00:00Z');
            assert.equal(frac.end_at, '2031-01-02T02:30:00Z');
        });
    });
});
