// access.test.mjs: accounts and security (issue 3). An access-control matrix generated from the
// API document (every operation × anonymous, principal, assistant, manager, admin), cross-user
// probes (a record that is not yours answers exactly as one that does not exist), sessions over
// HTTP with cookies (flags, CSRF, Origin, logout, listing and ending sessions, disabling an
// account), API tokens, sign-in throttling, the security headers and the audit log's actor.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertError, personBody, principalBody, runOk, sleep, unique, useServer } from './lib.mjs';

const PASSWORD = 'haldus-demo-2026'; // every demo login's password
const MANAGER = 'manager@demo.haldus.example';
const ADMIN = 'admin';
const ASSISTANT = 'kadri.tamm@demo.haldus.example'; // supports two executives
const ASSISTANT_B = 'jaan.luik@demo.haldus.example'; // another assistant, other executives

/** Every answer carries these (docs/security.md, Headers); the careers page's policy is
 * stricter ('none'). */
function assertSecurityHeaders(res, where) {
    const get = (n) => (res.headers.get ? res.headers.get(n) : res.headers[n]) || '';
    const csp = get('content-security-policy');
    assert.match(csp, /(^|;)\s*default-src '(self|none)'\s*(;|$)/, `${where}: Content-Security-Policy "${csp}"`);
    assert.match(csp, /(^|;)\s*frame-ancestors 'none'\s*(;|$)/, `${where}: Content-Security-Policy "${csp}"`);
    assert.equal(get('x-content-type-options'), 'nosniff', `${where}: X-Content-Type-Options`);
    // The careers page's form needs its own origin sent with it (no-referrer makes it "null").
    const allowed = /\/careers/.test(where) ? ['same-origin', 'no-referrer'] : ['no-referrer'];
    assert.ok(allowed.includes(get('referrer-policy')), `${where}: Referrer-Policy ${get('referrer-policy')}`);
}

/** The cookie of a Set-Cookie value: {name, value, attrs (lower-case name → value or true)}. */
function parseSetCookie(sc) {
    const [pair, ...rest] = sc.split(';').map((s) => s.trim());
    const i = pair.indexOf('=');
    const attrs = {};
    for (const a of rest) {
        const j = a.indexOf('=');
        if (j < 0) attrs[a.toLowerCase()] = true;
        else attrs[a.slice(0, j).toLowerCase()] = a.slice(j + 1);
    }
    return { name: pair.slice(0, i), value: pair.slice(i + 1), pair, attrs };
}

/** An error body with the record's id replaced, to compare "not yours" with "no such id". */
function normalized(res, id) {
    return res.text.split(String(id)).join('ID');
}

/** Sign-in and cookie helpers bound to one server. */
function client(h, tokens) {
    async function call(role, method, url, opts = {}) {
        const headers = { ...(opts.headers || {}) };
        const o = { ...opts, headers };
        if (role === 'anonymous') o.auth = false;
        else {
            assert.ok(tokens[role], `no token for ${role}`);
            headers.Authorization = `Bearer ${tokens[role]}`;
        }
        const res = await h.srv.req(method, url, o);
        assertSecurityHeaders(res, `${method} ${url} as ${role}`);
        return res;
    }

    async function signIn(login, password = PASSWORD, headers = {}) {
        const res = await call('anonymous', 'POST', '/api/v1/session', { json: { login, password }, headers });
        const out = { res };
        if (res.status === 201) {
            const cookies = res.headers.getSetCookie();
            assert.equal(cookies.length, 1, `one Set-Cookie: ${cookies}`);
            out.setCookie = cookies[0];
            out.cookie = parseSetCookie(cookies[0]);
            out.csrf = res.json.csrf_token;
            out.id = res.json.session_id;
            out.account = res.json.account;
        }
        return out;
    }

    async function signInOk(login, password = PASSWORD) {
        const s = await signIn(login, password);
        assert.equal(s.res.status, 201, `sign-in as ${login}: ${s.res.status} ${s.res.text}`);
        return s;
    }

    /** A request signed in by the session's cookie; csrf: send X-CSRF-Token (default for changes). */
    function withCookie(s, method, url, opts = {}) {
        const headers = { Cookie: s.cookie.pair, ...(opts.headers || {}) };
        const csrf = opts.csrf ?? true;
        if (csrf === true) headers['X-CSRF-Token'] = s.csrf;
        else if (typeof csrf === 'string') headers['X-CSRF-Token'] = csrf;
        return call('anonymous', method, url, { ...opts, headers });
    }

    return { call, signIn, signInOk, withCookie };
}

async function cliToken(srv, login) {
    const r = await runOk(['user', 'token', login, '--db', srv.db, '--name', 'access tests']);
    const m = /hld_[A-Za-z0-9_-]+/.exec(r.stdout);
    assert.ok(m, `user token ${login} printed no token: ${r.stdout}`);
    return m[0];
}

describe('access', () => {
    const h = useServer();
    const tokens = {}; // role → API token
    const ctx = {};
    const { call, signIn, signInOk, withCookie } = client(h, tokens);
    const LOGIN = {};

    /** A new account by invitation, made by the admin: {account, link, …}. */
    async function invited() {
        const r = await call('admin', 'POST', '/api/v1/users', {
            json: { login: `${unique('invite')}@test.example`, role: 'manager', invite: true, email: `${unique('invite')}@test.example` },
        });
        assert.equal(r.status, 201, r.text);
        return r.json;
    }

    before(async () => {
        const srv = h.srv;
        tokens.admin = srv.authorization.replace(/^Bearer /, '');
        LOGIN.admin = srv.actor;
        assert.equal(LOGIN.admin, ADMIN);
        LOGIN.manager = MANAGER;
        LOGIN.assistant = ASSISTANT;
        LOGIN.assistantB = ASSISTANT_B;
        for (const r of ['manager', 'assistant', 'assistantB']) tokens[r] = await cliToken(srv, LOGIN[r]);
        const me = async (role) => (await call(role, 'GET', '/api/v1/me')).json.account;
        ctx.managerAccount = await me('manager');
        ctx.A = (await me('assistant')).person_id; // assistant A's person
        ctx.B = (await me('assistantB')).person_id; // assistant B's person
        assert.ok(ctx.A > 0 && ctx.B > 0 && ctx.A !== ctx.B);
        // A's executives: the principal role is the first of them; the second is "another principal".
        const supported = await srv.getOk(`/api/v1/assistants/${ctx.A}/principals`);
        const execs = supported.principals.map((p) => p.principal_id).sort((x, y) => x - y);
        assert.equal(execs.length, 2, `${ASSISTANT} should support two executives: ${JSON.stringify(supported)}`);
        ctx.P = execs[0];
        ctx.P2 = execs[1];
        LOGIN.principal = (await srv.getOk(`/api/v1/principals/${ctx.P}`)).email;
        tokens.principal = await cliToken(srv, LOGIN.principal);
        LOGIN.principal2 = (await srv.getOk(`/api/v1/principals/${ctx.P2}`)).email;
        tokens.principal2 = await cliToken(srv, LOGIN.principal2);
        assert.equal((await me('principal')).person_id, ctx.P);

        // Records the matrix reads: all visible to A and to P (A supports P).
        const first = async (url) => {
            const page = await srv.getOk(url);
            assert.ok(page.items.length > 0, `the demo has nothing at ${url}`);
            return page.items[0].id;
        };
        ctx.visible = {
            people: ctx.A,
            assistants: ctx.A,
            principals: ctx.P,
            skills: await first('/api/v1/skills?limit=1'),
            duties: await first('/api/v1/duties?limit=1'),
            'duty-skills': await first('/api/v1/duty-skills?limit=1'),
            'assistant-skills': await first(`/api/v1/assistant-skills?assistant_id=${ctx.A}&limit=1`),
            'principal-duties': await first(`/api/v1/principal-duties?principal_id=${ctx.P}&limit=1`),
            'designated-backups': await first(`/api/v1/designated-backups?principal_id=${ctx.P}&limit=1`),
            'work-patterns': await first(`/api/v1/work-patterns?person_id=${ctx.A}&limit=1`),
            assignments: await first(`/api/v1/assignments?assistant_id=${ctx.A}&principal_id=${ctx.P}&limit=1`),
            absences: await first(`/api/v1/absences?person_id=${ctx.A}&limit=1`),
            'office-calendars': await first('/api/v1/office-calendars?limit=1'),
            'office-holidays': await first('/api/v1/office-holidays?limit=1'),
            mail: await first('/api/v1/mail?limit=1'),
            'leave-policies': await first('/api/v1/leave-policies?limit=1'),
            'leave-entitlements': (await srv.create('leave-entitlements', { person_id: ctx.A, kind: 'vacation', year: 2031 })).id,
            'approval-standins': (
                await srv.create('approval-standins', { manager_id: ctx.B, standin_id: ctx.A, from_date: '2031-01-05', to_date: '2031-01-09' })
            ).id,
            tasks: await first(`/api/v1/tasks?assistant_id=${ctx.A}&principal_id=${ctx.P}&limit=1`),
            'phone-messages': await first(`/api/v1/phone-messages?principal_id=${ctx.P}&limit=1`),
            correspondence: await first(`/api/v1/correspondence?principal_id=${ctx.P}&limit=1`),
        };
        // Meetings: one of P's that A arranged (A supports P), with A attending; A's calendar.
        ctx.visible.rooms = (await srv.create('rooms', { name: unique('Room '), capacity: 8 })).id;
        const meeting = await srv.create('meetings', { ...meetingBody(), attendees: [{ person_id: ctx.A }] });
        ctx.visible.meetings = meeting.id;
        ctx.visible['meeting-attendees'] = meeting.attendees[0].id;
        ctx.visible['outside-calendars'] = (await srv.create('outside-calendars', outsideBody(ctx.A))).id;
        ctx.visible['meetings-to-arrange'] = (await srv.create('meetings-to-arrange', { principal_id: ctx.P, with_whom: 'Matrix partners', subject: 'Matrix meeting' })).id;
        ctx.skill = ctx.visible.skills;
        ctx.duty = ctx.visible.duties;
        ctx.spare = (await srv.create('assistants', personBody())).id; // owns the managers' absences
        const users = await srv.listAll('/api/v1/users');
        ctx.accountOf = (login) => {
            const u = users.find((x) => x.login === login);
            assert.ok(u, `no account ${login}`);
            return u;
        };
    });

    // ---- the access-control matrix ----

    const ROLES = ['anonymous', 'principal', 'assistant', 'manager', 'admin'];
    const RANK = { anonymous: 0, principal: 1, assistant: 1, manager: 2, admin: 3 };
    const NEED = { public: 0, 'signed-in': 1, manager: 2, admin: 3 };

    let day = 0;
    /** A one-hour absence on a day of its own, far from the demo's. */
    function absenceBody(personId) {
        day += 1;
        const d = new Date(Date.UTC(2031, 0, 1) + day * 86400e3).toISOString().slice(0, 10);
        return { person_id: personId, kind: 'other', start_at: `${d}T08:00:00Z`, end_at: `${d}T09:00:00Z` };
    }
    let meetingHour = 0;
    /** A half-hour meeting of P's at an hour of its own. */
    function meetingBody() {
        meetingHour += 1;
        return {
            principal_id: ctx.P,
            title: 'Matrix meeting',
            start_at: new Date(Date.UTC(2031, 5, 1) + meetingHour * 3600e3).toISOString().replace('.000', ''),
            duration_minutes: 30,
        };
    }
    const outsideBody = (personId) => ({
        person_id: personId,
        name: 'Matrix calendar',
        ics: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//m//EN\r\nEND:VCALENDAR\r\n',
    });
    const ownerOf = (role) => (role === 'assistant' ? ctx.A : role === 'principal' ? ctx.P : ctx.spare);

    /** The table-driven entities: a valid create body (for role) and a harmless change. */
    const ENTITIES = {
        people: {},
        assistants: { body: () => personBody(), patch: { capacity: 3 } },
        principals: { body: () => principalBody(), patch: { priority: 2 } },
        skills: { body: () => ({ name: unique('Skill ') }), patch: { category: 'matrix' } },
        duties: { body: () => ({ name: unique('Duty ') }), patch: { description: 'matrix' } },
        'duty-skills': {
            body: async () => ({ duty_id: (await fresh('duties')).id, skill_id: ctx.skill, min_level: 2 }),
            patch: { min_level: 3 },
        },
        'assistant-skills': {
            body: async () => ({ assistant_id: (await fresh('assistants')).id, skill_id: ctx.skill, level: 2 }),
            patch: { level: 3 },
        },
        'principal-duties': {
            body: async () => ({ principal_id: (await fresh('principals')).id, duty_id: ctx.duty, must_have: false }),
            patch: { must_have: true },
        },
        'designated-backups': {
            body: async () => ({ principal_id: (await fresh('principals')).id, assistant_id: ctx.spare, rank: 1 }),
            patch: { rank: 2 },
        },
        'work-patterns': {
            body: async () => ({
                person_id: (await fresh('assistants')).id,
                weekday: 3,
                start_time: '09:00',
                end_time: '10:00',
            }),
            patch: { end_time: '11:00' },
        },
        assignments: {
            body: async () => ({
                assistant_id: (await fresh('assistants')).id,
                principal_id: (await fresh('principals')).id,
                kind: 'primary',
                share: 50,
                start_date: '2026-01-01',
            }),
            patch: { share: 60 },
        },
        absences: { body: async (role) => absenceBody(ownerOf(role)), patch: { note: 'changed by the matrix' } },
        'office-calendars': { body: () => ({ office: unique('Office '), country: 'EE' }), patch: { country: 'GB-EAW' } },
        'office-holidays': {
            body: () => ({ office: unique('Office '), date: '2027-01-15', name: 'Matrix day' }),
            patch: { name: 'changed by the matrix' },
        },
        mail: {},
        'leave-policies': { body: () => ({ office: unique('Office '), kind: 'vacation', days: 28 }), patch: { days: 25 } },
        'leave-entitlements': {
            body: async () => ({ person_id: (await fresh('assistants')).id, kind: 'vacation', year: 2027 }),
            patch: { days: 30 },
        },
        'approval-standins': {
            body: async () => ({ manager_id: ctx.spare, standin_id: (await fresh('assistants')).id, from_date: '2027-02-01', to_date: '2027-02-05' }),
            patch: { note: 'changed by the matrix' },
        },
        rooms: { body: () => ({ name: unique('Room '), capacity: 6 }), patch: { capacity: 7 } },
        meetings: { body: () => meetingBody() },
        'meeting-attendees': {},
        'outside-calendars': { body: async (role) => outsideBody(ownerOf(role)) },
        'meetings-to-arrange': { body: () => ({ principal_id: ctx.P, with_whom: 'Matrix partners', subject: 'Matrix meeting' }) },
    };

    /** A new record of coll, made by the admin (for role: absences belong to role's person). */
    async function fresh(coll, role) {
        return h.srv.create(coll, await ENTITIES[coll].body(role));
    }

    const isoDay = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);

    /** A plan made by the admin over [today+a, today+b]. */
    async function plan(a, b) {
        const r = await h.srv.post('/api/v1/coverage/plans', { from: isoDay(a), to: isoDay(b) });
        assert.equal(r.status, 201, r.text);
        return r.json;
    }

    /**
     * The request of one matrix cell: {url, json, ifMatch, ok (the statuses an allowed role
     * may get)}. Undefined for an operation without a row, which fails the matrix.
     */
    /**
     * The desk's records (issue 10): an assistant's own, for the executive they support; a
     * principal owns none (their create is refused for its body, their edits of records they
     * cannot see are 404) but marks their messages done.
     */
    const DESK = {
        tasks: (who) => ({ assistant_id: who, principal_id: who === ctx.A ? ctx.P : null, title: unique('Matrix task ') }),
        'phone-messages': (who) => ({ principal_id: ctx.P, taken_by_id: who, caller: 'Matrix Caller', phone: '+372 5000', taken_at: new Date().toISOString() }),
        correspondence: (who) => ({ principal_id: ctx.P, direction: 'incoming', kind: 'letter', counterpart: 'Matrix', subject: 'Matrix', date: '2026-01-05', handler_id: who }),
    };
    /**
     * Recruiting (issue 12): records made by the admin, moved along their workflows as far as
     * the cell needs; every route is the managers' but the public careers page.
     */
    async function recruitCell(method, path, role) {
        const key = `${method} ${path}`;
        const act = async (url, json) => {
            const r = await h.srv.post(url, json);
            assert.equal(r.status, 200, `${url}: ${r.text}`);
            return r.json;
        };
        const req = async (approved) => {
            const r = await h.srv.create('requisitions', { title: unique('Matrix role '), reason: 'growth', principal_id: ctx.P, office: 'Tallinn' });
            return approved ? act(`/api/v1/requisitions/${r.id}/approve`) : r;
        };
        const posting = async (published) => {
            const p = await h.srv.create('postings', { requisition_id: (await req(true)).id, lang: 'en', title: 'Matrix', body: 'Text' });
            return published ? act(`/api/v1/postings/${p.id}/publish`) : p;
        };
        const app = async (...actions) => {
            let a = await h.srv.create('applications', { requisition_id: ctx.recruitReq, name: 'Matrix Candidate', email: `${unique('cand')}@example.com`, resume_text: 'Excel' });
            for (const x of actions) a = await act(`/api/v1/applications/${a.id}/${x}`);
            return a;
        };
        if (!ctx.recruitReq) ctx.recruitReq = (await req(true)).id;
        // An offer to a candidate at the interview stage, taken through `actions` (send, accept …).
        const offerBody = (applicationId) => ({ application_id: applicationId, salary_amount: 2000, start_date: isoDay(60), hours_per_week: 40, expires_on: isoDay(14) });
        const offer = async (...actions) => {
            let o = await h.srv.create('offers', offerBody((await app('screen', 'interview')).id));
            for (const x of actions) o = await act(`/api/v1/offers/${o.id}/${x}`);
            return o;
        };
        // Interviews (booked, or with slots offered) with P, the requisition's executive, and the
        // manager on the panel; each booked at a time of its own so none clashes.
        const nextTime = () => {
            ctx.interviewHour = (ctx.interviewHour || 0) + 2;
            return `${isoDay(200 + Math.floor(ctx.interviewHour / 24))}T${String(ctx.interviewHour % 24).padStart(2, '0')}:00:00Z`;
        };
        const interview = async (booked) => {
            const a = await app('screen');
            const body = { panel: [ctx.P], manager_id: ctx.managerAccount.person_id };
            if (booked) body.start_at = nextTime();
            else body.slots = [{ start_at: nextTime() }, { start_at: nextTime() }];
            const r = await h.srv.post(`/api/v1/applications/${a.id}/interviews`, body);
            assert.equal(r.status, 201, r.text);
            return r.json;
        };
        const onPanel = role === 'assistant' ? [404] : [200];
        const rows = {
            'GET /api/v1/requisitions': () => ({ url: '/api/v1/requisitions?limit=5', ok: [200] }),
            'POST /api/v1/requisitions': () => ({ url: '/api/v1/requisitions', json: { title: 'Matrix', reason: 'growth', principal_id: ctx.P, office: 'Tallinn' }, ok: [201] }),
            'GET /api/v1/requisitions/{id}': () => ({ url: `/api/v1/requisitions/${ctx.recruitReq}`, ok: [200] }),
            'PATCH /api/v1/requisitions/{id}': async () => {
                const r = await req(false);
                return { url: `/api/v1/requisitions/${r.id}`, json: { title: 'Changed' }, ifMatch: r.version, ok: [200] };
            },
            'DELETE /api/v1/requisitions/{id}': async () => {
                const r = await req(false);
                return { url: `/api/v1/requisitions/${r.id}`, ifMatch: r.version, ok: [204] };
            },
            'POST /api/v1/requisitions/{id}/approve': async () => ({ url: `/api/v1/requisitions/${(await req(false)).id}/approve`, json: {}, ok: [200] }),
            'POST /api/v1/requisitions/{id}/close': async () => ({ url: `/api/v1/requisitions/${(await req(true)).id}/close`, json: {}, ok: [200] }),
            'POST /api/v1/requisitions/{id}/cancel': async () => ({ url: `/api/v1/requisitions/${(await req(false)).id}/cancel`, json: {}, ok: [200] }),
            'GET /api/v1/postings': () => ({ url: '/api/v1/postings?limit=5', ok: [200] }),
            'POST /api/v1/postings': async () => ({ url: '/api/v1/postings', json: { requisition_id: (await req(false)).id, lang: 'et', title: 'T', body: 'B' }, ok: [201] }),
            'GET /api/v1/postings/{id}': async () => ({ url: `/api/v1/postings/${(await posting(false)).id}`, ok: [200] }),
            'PATCH /api/v1/postings/{id}': async () => {
                const p = await posting(false);
                return { url: `/api/v1/postings/${p.id}`, json: { title: 'Changed' }, ifMatch: p.version, ok: [200] };
            },
            'DELETE /api/v1/postings/{id}': async () => {
                const p = await posting(false);
                return { url: `/api/v1/postings/${p.id}`, ifMatch: p.version, ok: [204] };
            },
            'POST /api/v1/postings/{id}/publish': async () => ({ url: `/api/v1/postings/${(await posting(false)).id}/publish`, json: {}, ok: [200] }),
            'POST /api/v1/postings/{id}/unpublish': async () => ({ url: `/api/v1/postings/${(await posting(true)).id}/unpublish`, json: {}, ok: [200] }),
            'GET /api/v1/applications': () => ({ url: '/api/v1/applications?limit=5', ok: [200] }),
            'POST /api/v1/applications': () => ({ url: '/api/v1/applications', json: { requisition_id: ctx.recruitReq, name: 'M', email: `${unique('m')}@example.com` }, ok: [201] }),
            // A candidate is the managers' and their interview panel's (P is on it, A is not).
            'GET /api/v1/applications/{id}': async () => ({ url: `/api/v1/applications/${(await interview(true)).application_id}`, ok: onPanel }),
            'PATCH /api/v1/applications/{id}': async () => {
                const a = await app();
                return { url: `/api/v1/applications/${a.id}`, json: { note: 'n' }, ifMatch: a.version, ok: [200] };
            },
            'POST /api/v1/applications/{id}/screen': async () => ({ url: `/api/v1/applications/${(await app()).id}/screen`, json: {}, ok: [200] }),
            'POST /api/v1/applications/{id}/interview': async () => ({ url: `/api/v1/applications/${(await app('screen')).id}/interview`, json: {}, ok: [200] }),
            // The bare stage move is refused for everyone allowed to try: an offer is sent with its terms.
            'POST /api/v1/applications/{id}/offer': async () => ({ url: `/api/v1/applications/${(await app('screen', 'interview')).id}/offer`, json: {}, ok: [409] }),
            'POST /api/v1/applications/{id}/hire': async () => ({ url: `/api/v1/applications/${(await offer('send', 'accept')).application_id}/hire`, json: {}, ok: [200] }),
            'GET /api/v1/offers': () => ({ url: '/api/v1/offers?limit=5', ok: [200] }),
            'POST /api/v1/offers': async () => ({ url: '/api/v1/offers', json: offerBody((await app('screen', 'interview')).id), ok: [201] }),
            'GET /api/v1/offers/{id}': async () => ({ url: `/api/v1/offers/${(await offer()).id}`, ok: [200] }),
            'PATCH /api/v1/offers/{id}': async () => {
                const o = await offer();
                return { url: `/api/v1/offers/${o.id}`, json: { notes: 'matrix' }, ifMatch: o.version, ok: [200] };
            },
            'POST /api/v1/offers/{id}/send': async () => ({ url: `/api/v1/offers/${(await offer()).id}/send`, json: {}, ok: [200] }),
            'POST /api/v1/offers/{id}/accept': async () => ({ url: `/api/v1/offers/${(await offer('send')).id}/accept`, json: {}, ok: [200] }),
            'POST /api/v1/offers/{id}/decline': async () => ({ url: `/api/v1/offers/${(await offer('send')).id}/decline`, json: { reason: 'matrix' }, ok: [200] }),
            'POST /api/v1/offers/{id}/withdraw': async () => ({ url: `/api/v1/offers/${(await offer()).id}/withdraw`, json: {}, ok: [200] }),
            'POST /api/v1/applications/{id}/reject': async () => ({ url: `/api/v1/applications/${(await app()).id}/reject`, json: { reason: 'matrix' }, ok: [200] }),
            'POST /api/v1/applications/{id}/withdraw': async () => ({ url: `/api/v1/applications/${(await app()).id}/withdraw`, json: { reason: 'matrix' }, ok: [200] }),
            'GET /api/v1/recruit/template': () => ({ url: `/api/v1/recruit/template?principal_id=${ctx.P}`, ok: [200] }),
            'POST /api/v1/requisitions/{id}/postings/generate': async () => ({ url: `/api/v1/requisitions/${(await req(false)).id}/postings/generate?lang=en`, ok: [201] }),
            'GET /api/v1/requisitions/{id}/ranking': () => ({ url: `/api/v1/requisitions/${ctx.recruitReq}/ranking`, ok: [200] }),
            'GET /api/v1/requisitions/{id}/board': () => ({ url: `/api/v1/requisitions/${ctx.recruitReq}/board`, ok: [200] }),
            // Added by hand: the pasted text is the resume.
            'GET /api/v1/applications/{id}/resume': async () => ({ url: `/api/v1/applications/${(await app()).id}/resume`, ok: [200] }),
            'GET /api/v1/applications/{id}/export': async () => ({ url: `/api/v1/applications/${(await app()).id}/export`, ok: [200] }),
            'POST /api/v1/applications/{id}/erase': async () => ({ url: `/api/v1/applications/${(await app()).id}/erase`, ok: [204] }),
            'GET /api/v1/settings/recruit': () => ({ url: '/api/v1/settings/recruit', ok: [200] }),
            'POST /api/v1/applications/{id}/interviews/find-time': async () => ({
                url: `/api/v1/applications/${(await app('screen')).id}/interviews/find-time`,
                json: { panel: [ctx.P], from: `${isoDay(230)}T00:00:00Z`, to: `${isoDay(231)}T00:00:00Z` },
                ok: [200],
            }),
            'POST /api/v1/applications/{id}/interviews': async () => ({
                url: `/api/v1/applications/${(await app('screen')).id}/interviews`,
                json: { panel: [ctx.P], manager_id: ctx.managerAccount.person_id, start_at: nextTime() },
                ok: [201],
            }),
            'GET /api/v1/applications/{id}/interviews': async () => ({ url: `/api/v1/applications/${(await interview(true)).application_id}/interviews`, ok: onPanel }),
            'GET /api/v1/interviews': () => ({ url: '/api/v1/interviews?limit=5', ok: [200] }),
            'GET /api/v1/interviews/{id}': async () => ({ url: `/api/v1/interviews/${(await interview(true)).id}`, ok: onPanel }),
            'GET /api/v1/my/interviews': () => ({ url: '/api/v1/my/interviews', ok: [200] }),
            'GET /api/v1/interviews/{id}/scorecards': async () => ({ url: `/api/v1/interviews/${(await interview(true)).id}/scorecards`, ok: onPanel }),
            // Only the panel scores: the admin (no person, not on it) is refused by the use case.
            'POST /api/v1/interviews/{id}/scorecard': async () => ({
                url: `/api/v1/interviews/${(await interview(true)).id}/scorecard`,
                json: { ratings: [] },
                ok: onPanel,
                want: role === 'admin' ? 403 : undefined,
            }),
            'POST /api/v1/interviews/{id}/book': async () => ({ url: `/api/v1/interviews/${(await interview(false)).id}/book`, json: { start_at: nextTime() }, ok: [200] }),
            'POST /api/v1/interviews/{id}/reschedule': async () => ({ url: `/api/v1/interviews/${(await interview(true)).id}/reschedule`, json: { start_at: nextTime() }, ok: [200] }),
            'POST /api/v1/interviews/{id}/cancel': async () => ({ url: `/api/v1/interviews/${(await interview(true)).id}/cancel`, json: {}, ok: [200] }),
            'POST /api/v1/interviews/{id}/complete': async () => ({ url: `/api/v1/interviews/${(await interview(true)).id}/complete`, json: {}, ok: [200] }),
            // No If-Match: 428, but reached.
            'PATCH /api/v1/settings/recruit': () => ({ url: '/api/v1/settings/recruit', json: { retention_days: 183 }, ok: [428] }),
        };
        return rows[key] ? rows[key]() : undefined;
    }

    /**
     * Role fit (issue 14): a role profile is the executive's own (and a manager's), a work style
     * and duty experience the assistant's own; what is another's is 404. Each person has one
     * profile or style, so a second is a duplicate (409), and a record of another person's is
     * refused (403).
     */
    const FIT = {
        'role-profiles': { person: 'principal_id', own: 'principal', fresh: () => fresh('principals'), patch: { workload_hours: 12 } },
        'work-styles': { person: 'assistant_id', own: 'assistant', fresh: () => fresh('assistants'), patch: { pace: 1 } },
        'duty-experience': { person: 'assistant_id', own: 'assistant', fresh: () => fresh('assistants'), patch: { years: 2 } },
    };
    async function fitRecord(coll, personId) {
        const extra = coll === 'duty-experience' ? { duty_id: (await h.srv.create('duties', { name: unique('Matrix duty ') })).id, years: 1 } : {};
        return h.srv.create(coll, { [FIT[coll].person]: personId, ...extra });
    }
    async function fitCell(method, path, role) {
        const key = `${method} ${path}`;
        const m = /^\/api\/v1\/(role-profiles|work-styles|duty-experience)(\/\{id\})?$/.exec(path);
        if (m) {
            const [, coll, withId] = m;
            const f = FIT[coll];
            const mine = role === 'principal' ? ctx.P : role === 'assistant' ? ctx.A : 0;
            const ownerRole = role === f.own;
            if (!withId && method === 'GET') return { url: `/api/v1/${coll}?limit=5`, ok: [200] };
            if (!withId) {
                if (role === 'manager' || role === 'admin' || role === 'anonymous') {
                    const other = (await f.fresh()).id;
                    const body = { [f.person]: other, ...(coll === 'duty-experience' ? { duty_id: ctx.duty, years: 3 } : {}) };
                    return { url: `/api/v1/${coll}`, json: body, ok: [201] };
                }
                if (!ownerRole) {
                    const json = { [f.person]: (await f.fresh()).id, ...(coll === 'duty-experience' ? { duty_id: ctx.duty, years: 3 } : {}) };
                    return { url: `/api/v1/${coll}`, json, want: 403 };
                }
                if (coll === 'duty-experience') {
                    const duty = (await h.srv.create('duties', { name: unique('Matrix duty ') })).id;
                    return { url: `/api/v1/${coll}`, json: { assistant_id: mine, duty_id: duty, years: 4 }, ok: [201] };
                }
                return { url: `/api/v1/${coll}`, json: { [f.person]: mine }, ok: [409] }; // the demo's one
            }
            // a record of the role's own person, or (for the others) of someone else
            const rec = ownerRole ? (await h.srv.listAll(`/api/v1/${coll}?${f.person}=${mine}`))[0] ?? (await fitRecord(coll, mine)) : await fitRecord(coll, (await f.fresh()).id);
            const theirs = role === 'manager' || role === 'admin' || role === 'anonymous' || ownerRole;
            const url = `/api/v1/${coll}/${rec.id}`;
            if (method === 'GET') return { url, ok: theirs ? [200] : [404] };
            if (method === 'PATCH') return { url, json: f.patch, ifMatch: rec.version, ok: theirs ? [200] : [404] };
            return { url, ifMatch: rec.version, ok: theirs ? [204] : [404] };
        }
        switch (key) {
            case 'GET /api/v1/fit':
                return { url: `/api/v1/fit?principal_id=${ctx.P}`, ok: [200], want: role === 'assistant' ? 403 : undefined };
            case 'POST /api/v1/fit/assign': {
                const p = (await fresh('principals')).id;
                const a = (await fresh('assistants')).id;
                return { url: '/api/v1/fit/assign', json: { principal_id: p, assistant_id: a }, ok: [201] };
            }
            case 'POST /api/v1/fit/backups': {
                // one click: a fresh assistant as a fresh executive's next designated backup
                const p = (await fresh('principals')).id;
                const a = (await fresh('assistants')).id;
                const fits = await h.srv.getOk(`/api/v1/fit?principal_id=${p}`);
                return { url: '/api/v1/fit/backups', json: { principal_id: p, assistant_id: a }, ifMatch: fits.backups_version, ok: [201] };
            }
            case 'GET /api/v1/fit/covers':
                // an executive's past covers: managers and the executive themself
                return { url: `/api/v1/fit/covers?principal_id=${ctx.P}`, ok: [200], want: role === 'assistant' ? 403 : undefined };
            case 'POST /api/v1/coverage/covers/{id}/rating': {
                // reached: a cover that has not ended yet cannot be rated (409); another
                // executive's cover is not there for an executive (404)
                const p = await plan(7, 27);
                assert.ok(p.covers.length > 0, `a plan of ${p.from}..${p.to} proposes no cover`);
                const c = p.covers.find((x) => x.principal_id === ctx.P) ?? p.covers[0];
                const own = c.principal_id === ctx.P;
                return {
                    url: `/api/v1/coverage/covers/${c.id}/rating`,
                    json: { outcome: 'well' },
                    ok: role === 'principal' && !own ? [404] : [409],
                    want: role === 'assistant' ? 403 : undefined,
                };
            }
            case 'GET /api/v1/matching/proposals':
                return { url: '/api/v1/matching/proposals?department=Finance', ok: [200] };
            case 'POST /api/v1/matching/proposals/accept':
                // reached: a what-if computed on other assignments is stale
                return { url: '/api/v1/matching/proposals/accept', json: { basis: 'stale' }, ok: [412] };
            case 'GET /api/v1/settings/fit':
                return { url: '/api/v1/settings/fit', ok: [200] };
            case 'PATCH /api/v1/settings/fit': {
                const cur = await h.srv.getOk('/api/v1/settings/fit');
                return { url: '/api/v1/settings/fit', json: { weights: { style: 15 } }, ifMatch: cur.version, ok: [200] };
            }
            default:
                return undefined;
        }
    }

    async function deskCell(method, path, role) {
        const m = /^\/api\/v1\/(tasks|phone-messages|correspondence)(\/\{id\})?(?:\/([a-z]+))?$/.exec(path);
        if (!m) return undefined;
        const [, coll, withId, action] = m;
        const owner = role === 'assistant' ? ctx.A : ctx.spare;
        if (!withId) {
            if (method === 'GET') return { url: `/api/v1/${coll}?limit=5`, ok: [200] };
            if (role === 'principal') return { url: `/api/v1/${coll}`, json: {}, ok: [422] };
            return { url: `/api/v1/${coll}`, json: DESK[coll](owner), ok: [201] };
        }
        if (method === 'GET' && !action) return { url: `/api/v1/${coll}/${ctx.visible[coll]}`, ok: [200] };
        if (action === 'done') {
            const rec = await h.srv.create(coll, DESK[coll](ctx.A));
            return { url: `/api/v1/${coll}/${rec.id}/done`, json: {}, ok: [200] };
        }
        if (role === 'principal') {
            // Another executive's item: not theirs to see, so not theirs to change (404).
            const rec = await h.srv.create(coll, { ...DESK[coll](ctx.spare), principal_id: coll === 'tasks' ? null : ctx.P2 });
            const url = `/api/v1/${coll}/${rec.id}${action ? `/${action}` : ''}`;
            return { url, json: method === 'DELETE' ? undefined : {}, ifMatch: rec.version, ok: [404] };
        }
        if (action === 'occurrence') {
            // One occurrence of a recurring task of the role's own (or a spare) assistant.
            const due = `${isoDay(7)}T09:00:00Z`;
            const rec = await h.srv.create('tasks', { ...DESK.tasks(owner), due_at: due, rrule: 'FREQ=WEEKLY' });
            return { url: `/api/v1/tasks/${rec.id}/occurrence`, json: { due_at: due, status: 'done' }, ok: [200] };
        }
        const rec = await h.srv.create(coll, DESK[coll](owner));
        if (action === 'reopen') {
            const closing = coll === 'tasks' ? 'complete' : 'close';
            const r = await h.srv.post(`/api/v1/${coll}/${rec.id}/${closing}`, {});
            assert.equal(r.status, 200, r.text);
        }
        const url = `/api/v1/${coll}/${rec.id}${action ? `/${action}` : ''}`;
        if (action) return { url, json: {}, ok: [200] };
        if (method === 'PATCH') return { url, json: { tasks: { notes: 'matrix' }, 'phone-messages': { message: 'matrix' }, correspondence: { note: 'matrix' } }[coll], ifMatch: rec.version, ok: [200] };
        return { url, ifMatch: rec.version, ok: [204] };
    }

    // ---- training (issue 11): catalog and schedule for everyone, enrolments, attendance and
    // certificates the assistant's own, the rest managers' ----
    let trainingDay = 400;
    /** A fresh session (capacity 5) with one meeting on a day of its own. */
    async function trainingSession() {
        const srv = h.srv;
        if (!ctx.trainingCourse) ctx.trainingCourse = await srv.create('training-courses', { name: unique('Matrix course ') });
        const s = await srv.create('training-sessions', { course_id: ctx.trainingCourse.id, name: unique('Matrix session '), capacity: 5, time_zone: 'UTC' });
        const d = isoDay(trainingDay++);
        const m = await srv.create('training-meetings', { session_id: s.id, start_at: `${d}T10:00:00Z`, end_at: `${d}T11:00:00Z` });
        return { s, m };
    }
    /** An enrolment of assistant `who` in a fresh session, moved on to `status`. */
    async function trainingEnrolment(who, status) {
        const srv = h.srv;
        const { s, m } = await trainingSession();
        let e;
        if (status === 'requested') {
            const r = await call('assistant', 'POST', `/api/v1/training/sessions/${s.id}/enrol`, { json: {} });
            assert.equal(r.status, 201, r.text);
            e = r.json;
        } else e = await srv.create(`training/sessions/${s.id}/enrol`, { assistant_id: who });
        for (const step of { requested: [], enrolled: [], confirmed: ['confirm'], completed: ['confirm', 'complete'] }[status]) {
            const r = await srv.post(`/api/v1/training-enrolments/${e.id}/${step}`, {});
            assert.equal(r.status, 200, r.text);
            e = r.json;
        }
        return { e, s, m };
    }
    async function trainingCell(method, path, role) {
        const srv = h.srv;
        const key = `${method} ${path}`;
        const mine = role === 'assistant' ? ctx.A : role === 'principal' ? ctx.P : 0;
        if (!ctx.training) {
            const { e, s, m } = await trainingEnrolment(ctx.A, 'confirmed');
            const cs = await srv.create('course-skills', { course_id: ctx.trainingCourse.id, skill_id: ctx.skill, level: 3 });
            const att = await srv.post(`/api/v1/training/enrolments/${e.id}/attendance`, { meeting_id: m.id });
            assert.equal(att.status, 201, att.text);
            const cert = await srv.create('certificates', { assistant_id: ctx.A, skill_id: ctx.skill, level: 3, title: 'Matrix', issued_on: '2026-01-05' });
            ctx.training = { s, m, cs, e, att: att.json, cert };
        }
        const T = ctx.training;
        const BODY = {
            'training-courses': async () => ({ name: unique('Matrix course ') }),
            'course-skills': async () => ({ course_id: (await srv.create('training-courses', { name: unique('C ') })).id, skill_id: ctx.skill, level: 2 }),
            'training-sessions': async () => ({ course_id: ctx.trainingCourse.id, name: unique('Matrix session '), capacity: 3 }),
            'training-meetings': async () => ({ session_id: T.s.id, start_at: `${isoDay(trainingDay)}T12:00:00Z`, end_at: `${isoDay(trainingDay++)}T13:00:00Z` }),
            'training-arrangements': async () => ({ session_id: T.s.id, title: unique('Arrange ') }),
            certificates: async () => ({ assistant_id: ctx.spare, skill_id: ctx.skill, level: 2, title: 'Matrix', issued_on: '2026-02-01' }),
        };
        const PATCH = {
            'training-courses': { notes: 'matrix' },
            'course-skills': { level: 4 },
            'training-sessions': { notes: 'matrix' },
            'training-meetings': { rrule: null },
            'training-arrangements': { done: true },
            certificates: { title: 'Matrix renamed' },
            'training-attendance': { present: false },
        };
        let m = /^\/api\/v1\/(training-courses|course-skills|training-sessions|training-meetings|training-arrangements|training-enrolments|training-attendance|certificates)(\/\{id\})?(?:\/([a-z]+))?$/.exec(path);
        if (m) {
            const [, coll, withId, action] = m;
            if (!withId) {
                if (method === 'GET') return { url: `/api/v1/${coll}?limit=5`, ok: [200] };
                return { url: `/api/v1/${coll}`, json: await BODY[coll](), ok: [201] };
            }
            if (method === 'GET') {
                const id = {
                    'training-courses': ctx.trainingCourse.id,
                    'course-skills': T.cs.id,
                    'training-sessions': T.s.id,
                    'training-meetings': T.m.id,
                    'training-enrolments': T.e.id,
                    'training-attendance': T.att.id,
                    certificates: T.cert.id,
                }[coll];
                if (coll === 'training-arrangements') {
                    const a = await srv.create('training-arrangements', { session_id: T.s.id, title: unique('Mine '), person_id: mine || null });
                    return { url: `/api/v1/${coll}/${a.id}`, ok: [200] };
                }
                // An enrolment, its attendance and certificates are the assistant's (and managers').
                const own = ['training-enrolments', 'training-attendance', 'certificates'].includes(coll);
                return { url: `/api/v1/${coll}/${id}`, ok: own && role === 'principal' ? [404] : [200] };
            }
            if (coll === 'training-enrolments') {
                const status = { approve: 'requested', reject: 'requested', confirm: 'enrolled', cancel: 'enrolled', complete: 'confirmed', reopen: 'completed' }[action] || 'enrolled';
                const { e } = await trainingEnrolment(ctx.A, status);
                const url = `/api/v1/${coll}/${e.id}${action ? `/${action}` : ''}`;
                // The assistant changes and cancels their own; an executive sees none of it.
                const ok = role === 'principal' ? [404] : [200];
                return action ? { url, json: {}, ok } : { url, json: { note: 'matrix' }, ifMatch: e.version, ok };
            }
            if (coll === 'training-attendance') {
                const { e, m: tm } = await trainingEnrolment(ctx.spare, 'confirmed');
                const a = await srv.post(`/api/v1/training/enrolments/${e.id}/attendance`, { meeting_id: tm.id });
                assert.equal(a.status, 201, a.text);
                const url = `/api/v1/${coll}/${a.json.id}`;
                return method === 'PATCH' ? { url, json: PATCH[coll], ifMatch: a.json.version, ok: [200] } : { url, ifMatch: a.json.version, ok: [204] };
            }
            const rec = await srv.create(coll, await BODY[coll]());
            const url = `/api/v1/${coll}/${rec.id}`;
            return method === 'PATCH' ? { url, json: PATCH[coll], ifMatch: rec.version, ok: [200] } : { url, ifMatch: rec.version, ok: [204] };
        }
        m = /^\/api\/v1\/training\/(sessions|enrolments)\/\{id\}\/([a-z]+)$/.exec(path);
        if (m) {
            const [, what, op] = m;
            if (what === 'sessions' && op === 'view') return { url: `/api/v1/training/sessions/${T.s.id}/view`, ok: [200] };
            if (what === 'sessions') {
                const { s } = await trainingSession();
                // Managers enrol anyone; an assistant asks for themself; an executive cannot.
                const json = role === 'assistant' ? {} : { assistant_id: ctx.spare };
                return { url: `/api/v1/training/sessions/${s.id}/enrol`, json, ok: [201], want: role === 'principal' ? 403 : undefined };
            }
            const status = { impact: 'enrolled', attendance: 'confirmed', certificates: 'completed' }[op];
            const { e, m: tm } = await trainingEnrolment(ctx.spare, status);
            const json = { impact: {}, attendance: { meeting_id: tm.id }, certificates: { title: 'Matrix', issued_on: isoDay(0) } }[op];
            return { url: `/api/v1/training/enrolments/${e.id}/${op}`, json, ok: op === 'impact' ? [200] : [201] };
        }
        switch (key) {
            case 'GET /api/v1/training/course-search':
                return { url: `/api/v1/training/course-search?skill_id=${ctx.skill}`, ok: [200] };
            case 'GET /api/v1/training/needs':
            case 'GET /api/v1/training/budget':
            case 'GET /api/v1/training/settings':
            case 'GET /api/v1/training/late-arrangements':
            case 'GET /api/v1/training/mine':
                return { url: path, ok: [200] };
            case 'POST /api/v1/training/expiry-notices':
                return { url: path, json: {}, ok: [200] };
            case 'PATCH /api/v1/training/settings': {
                const cur = await srv.getOk('/api/v1/training/settings');
                return { url: path, json: { yearly_budget: 1500 }, ifMatch: cur.version, ok: [200] };
            }
            default:
                return undefined;
        }
    }

    async function cell(method, path, role) {
        const key = `${method} ${path}`;
        const desk = await deskCell(method, path, role);
        if (desk) return desk;
        const recruit = await recruitCell(method, path, role);
        if (recruit) return recruit;
        const fit = await fitCell(method, path, role);
        if (fit) return fit;
        const training = await trainingCell(method, path, role);
        if (training) return training;
        const m = /^\/api\/v1\/([a-z-]+)(\/\{id\})?(?:\/(approve|reject|cancel))?$/.exec(path);
        if (m && ENTITIES[m[1]]) {
            const [, coll, withId, action] = m;
            const ent = ENTITIES[coll];
            if (!withId) {
                if (method === 'GET') return { url: `/api/v1/${coll}?limit=5`, ok: [200] };
                if (method === 'POST') return { url: `/api/v1/${coll}`, json: await ent.body(role), ok: [201] };
            } else if (method === 'GET' && !action) {
                return { url: `/api/v1/${coll}/${ctx.visible[coll]}`, ok: [200] };
            } else {
                const rec = await fresh(coll, role);
                const url = `/api/v1/${coll}/${rec.id}${action ? `/${action}` : ''}`;
                // Approving and rejecting are open to every signed-in role at the route (a
                // stand-in approver keeps their own role); the use case refuses the rest.
                if (action) return { url, json: {}, ok: [200], want: action !== 'cancel' && ['assistant', 'principal'].includes(role) ? 403 : undefined };
                if (method === 'PATCH') return { url, json: ent.patch, ifMatch: rec.version, ok: [200] };
                if (method === 'DELETE') return { url, ifMatch: rec.version, ok: [204] };
            }
            return undefined;
        }
        const loginOf = (r) => LOGIN[r === 'anonymous' ? 'manager' : r];
        const OTHERS = {
            'GET /healthz': () => ({ url: '/healthz', ok: [200] }),
            'GET /metrics': () => ({ url: '/metrics', ok: [200] }),
            'GET /api/v1/openapi.json': () => ({ url: '/api/v1/openapi.json', ok: [200] }),
            'GET /api/v1/coverage/covers': () => ({ url: '/api/v1/coverage/covers', ok: [200] }),
            'GET /api/v1/holidays': () => ({ url: '/api/v1/holidays?office=Tallinn', ok: [200] }),
            // One's own balance; an admin without a person is told to name one (400).
            'GET /api/v1/leave/balance': () => ({ url: '/api/v1/leave/balance', ok: [200, 400] }),
            // Open at the route like approving (a stand-in approver previews what they decide,
            // tests/api/standin.test.mjs); the use case refuses everyone else.
            'GET /api/v1/absences/{id}/impact': async (role) => {
                const rec = await fresh('absences', 'assistant');
                return { url: `/api/v1/absences/${rec.id}/impact`, ok: [200], want: ['assistant', 'principal'].includes(role) ? 403 : undefined };
            },
            'GET /api/v1/session': () => ({ url: '/api/v1/session', ok: [200] }),
            'POST /api/v1/session': () => ({
                url: '/api/v1/session',
                json: { login: loginOf(role), password: PASSWORD },
                ok: [201],
            }),
            // Signed in by token: there is no session to end (409), but the route was reached.
            'DELETE /api/v1/session': () => ({ url: '/api/v1/session', ok: [409] }),
            'GET /api/v1/me': () => ({ url: '/api/v1/me', ok: [200] }),
            // Every role sets its own language (the demo's accounts have one already).
            'POST /api/v1/me/lang': () => ({ url: '/api/v1/me/lang', json: { lang: 'en' }, ok: [200] }),
            'POST /api/v1/me/password': () => ({
                url: '/api/v1/me/password',
                json: { current_password: 'not-the-password', new_password: 'another-password-2026' },
                ok: [422],
            }),
            'GET /api/v1/sessions': () => ({ url: '/api/v1/sessions', ok: [200] }),
            'DELETE /api/v1/sessions/{id}': async () => {
                const s = await signInOk(loginOf(role));
                return { url: `/api/v1/sessions/${s.id}`, ok: [204] };
            },
            'GET /api/v1/tokens': () => ({ url: '/api/v1/tokens', ok: [200] }),
            'POST /api/v1/tokens': () => ({ url: '/api/v1/tokens', json: { name: 'matrix' }, ok: [201] }),
            'DELETE /api/v1/tokens/{id}': async () => {
                const t = await call(role === 'anonymous' ? 'admin' : role, 'POST', '/api/v1/tokens', {
                    json: { name: 'to revoke' },
                });
                assert.equal(t.status, 201, t.text);
                return { url: `/api/v1/tokens/${t.json.id}`, ok: [204] };
            },
            'GET /api/v1/users': () => ({ url: '/api/v1/users', ok: [200] }),
            'POST /api/v1/users': () => ({
                url: '/api/v1/users',
                json: { login: `${unique('matrix')}@test.example`, role: 'manager', password: 'matrix-password-2026' },
                ok: [201],
            }),
            'GET /api/v1/users/{id}': () => ({ url: `/api/v1/users/${ctx.managerAccount.id}`, ok: [200] }),
            'PATCH /api/v1/users/{id}': async () => {
                const id = ctx.accountOf('hannah.smith@demo.haldus.example').id;
                const cur = await h.srv.getOk(`/api/v1/users/${id}`);
                return { url: `/api/v1/users/${id}`, json: { disabled: false }, ifMatch: cur.version, ok: [200] };
            },
            // Invitations: each cell invites a fresh account (as the admin) to act on.
            'GET /api/v1/invitations': () => ({ url: '/api/v1/invitations', ok: [200] }),
            'POST /api/v1/users/{id}/invitation': async () => {
                const inv = await invited();
                return { url: `/api/v1/users/${inv.account.id}/invitation`, ok: [200] };
            },
            'DELETE /api/v1/users/{id}/invitation': async () => {
                const inv = await invited();
                return { url: `/api/v1/users/${inv.account.id}/invitation`, ok: [204] };
            },
            // Public: the token is the key (anyone holding the link sets the password once).
            'POST /api/v1/invitations/accept': async () => {
                const inv = await invited();
                const token = new URL(inv.link, 'http://x').searchParams.get('token');
                return { url: '/api/v1/invitations/accept', json: { token, password: 'matrix-password-2026' }, ok: [200] };
            },
            'GET /api/v1/audit': () => ({ url: '/api/v1/audit?limit=5', ok: [200] }),
            // A dry run: checked and reported, nothing written.
            'POST /api/v1/import/org': () => ({
                url: '/api/v1/import/org',
                json: { files: { 'skills.csv': 'name,category\r\nMatrix skill,general\r\n' }, dry_run: true },
                ok: [200],
            }),
            'GET /api/v1/assistants/{id}/principals': () => ({ url: `/api/v1/assistants/${ctx.A}/principals`, ok: [200] }),
            'GET /api/v1/principals/{id}/supporters': () => ({ url: `/api/v1/principals/${ctx.P}/supporters`, ok: [200] }),
            'GET /api/v1/coverage': () => ({ url: `/api/v1/coverage?from=${isoDay(0)}&to=${isoDay(6)}`, ok: [200] }),
            'POST /api/v1/coverage/plans': () => ({
                url: '/api/v1/coverage/plans',
                json: { from: isoDay(30), to: isoDay(36) },
                ok: [201],
            }),
            // 409 when an earlier cell changed the data since the plan: still reached.
            'POST /api/v1/coverage/plans/{id}/accept': async () => ({
                url: `/api/v1/coverage/plans/${(await plan(0, 6)).id}/accept`,
                json: {},
                ok: [200, 409],
            }),
            'GET /api/v1/coverage/covers/{id}/candidates': async () => {
                const p = await plan(7, 27);
                assert.ok(p.covers.length > 0, `a plan of ${p.from}..${p.to} proposes no cover`);
                return { url: `/api/v1/coverage/covers/${p.covers[0].id}/candidates?limit=5`, ok: [200] };
            },
            'PATCH /api/v1/coverage/covers/{id}': async () => {
                const p = await plan(7, 27);
                assert.ok(p.covers.length > 0, `a plan of ${p.from}..${p.to} proposes no cover`);
                const c = p.covers[0];
                return {
                    url: `/api/v1/coverage/covers/${c.id}`,
                    json: { assistant_id: c.assistant_id },
                    ifMatch: c.version,
                    ok: [200, 422],
                };
            },
            'GET /api/v1/week-plan': () => ({ url: '/api/v1/week-plan', ok: [200] }),
            'POST /api/v1/week-plan/preview': () => ({
                url: '/api/v1/week-plan/preview',
                json: { task_id: ctx.visible.tasks, assistant_id: ctx.A },
                ok: [200],
            }),
            'GET /api/v1/my-day': () => ({ url: '/api/v1/my-day', ok: [200] }),
            'GET /api/v1/phone-callers': () => ({ url: '/api/v1/phone-callers?q=m', ok: [200] }),
            'GET /api/v1/absences/{id}/handover': async () => {
                const rec = await fresh('absences', 'assistant');
                return { url: `/api/v1/absences/${rec.id}/handover`, ok: [200] };
            },
            'POST /api/v1/meetings/find-time': () => ({
                url: '/api/v1/meetings/find-time',
                json: { principal_id: ctx.P, from: `${isoDay(7)}T00:00:00Z`, to: `${isoDay(14)}T00:00:00Z`, duration_minutes: 30 },
                ok: [200],
            }),
            'POST /api/v1/meetings-to-arrange/{id}/drop': async () => ({
                url: `/api/v1/meetings-to-arrange/${(await fresh('meetings-to-arrange')).id}/drop`,
                json: {},
                ok: [200],
            }),
            // The role's own uploaded calendar: nothing to read from a URL (422), but reached.
            'POST /api/v1/outside-calendars/{id}/refresh': async () => ({
                url: `/api/v1/outside-calendars/${(await fresh('outside-calendars', role)).id}/refresh`,
                json: {},
                ok: [422],
            }),
            'POST /api/v1/meetings/{id}/reschedule': async () => ({
                url: `/api/v1/meetings/${(await fresh('meetings')).id}/reschedule`,
                json: { start_at: meetingBody().start_at },
                ok: [200],
            }),
            // Accounts without a person (the admin) have no calendar: 422, but reached.
            'GET /api/v1/feeds': () => ({ url: '/api/v1/feeds', ok: [200] }),
            'POST /api/v1/feeds': () => ({ url: '/api/v1/feeds', json: {}, ok: [201, 422] }),
            'DELETE /api/v1/feeds/{id}': async () => {
                const f = await call(role === 'anonymous' ? 'principal' : role, 'POST', '/api/v1/feeds', { json: {} });
                return f.status === 201 ? { url: `/api/v1/feeds/${f.json.id}`, ok: [204] } : { url: '/api/v1/feeds/1', ok: [422] };
            },
            'GET /api/v1/calendar.ics': async () => {
                const f = await call('principal', 'POST', '/api/v1/feeds', { json: { busy_only: true } });
                assert.equal(f.status, 201, f.text);
                return { url: f.json.url, ok: [200] };
            },
            'GET /api/v1/settings/planner': () => ({ url: '/api/v1/settings/planner', ok: [200] }),
            'PATCH /api/v1/settings/planner': async () => {
                const cur = await h.srv.getOk('/api/v1/settings/planner');
                return { url: '/api/v1/settings/planner', json: { slot_minutes: 60 }, ifMatch: cur.version, ok: [200] };
            },
            'GET /api/v1/support/flags': () => ({ url: '/api/v1/support/flags', ok: [200] }),
            'POST /api/v1/support/preview': async () => {
                const a = (await h.srv.getOk(`/api/v1/assignments?principal_id=${ctx.P}&limit=1`)).items[0];
                return {
                    url: '/api/v1/support/preview',
                    json: { change: { entity: 'assignments', action: 'update', id: a.id, version: a.version, values: { share: a.share } } },
                    ok: [200],
                };
            },
            'GET /api/v1/people/{id}/work-week': () => ({ url: `/api/v1/people/${ctx.A}/work-week`, ok: [200] }),
            'PATCH /api/v1/people/{id}/work-week': async () => {
                const cur = await h.srv.getOk(`/api/v1/people/${ctx.P2}/work-week`);
                const from = cur.items.reduce((m, w) => (w.valid_from && w.valid_from > m ? w.valid_from : m), isoDay(400));
                return {
                    url: `/api/v1/people/${ctx.P2}/work-week`,
                    json: { valid_from: from, intervals: [{ weekday: 1, start_time: '09:00', end_time: '17:00' }] },
                    ifMatch: cur.version,
                    ok: [200],
                };
            },
            'GET /api/v1/principals/{id}/designated-backups': () => ({ url: `/api/v1/principals/${ctx.P}/designated-backups`, ok: [200] }),
            'PATCH /api/v1/principals/{id}/designated-backups': async () => {
                const cur = await h.srv.getOk(`/api/v1/principals/${ctx.P}/designated-backups`);
                return {
                    url: `/api/v1/principals/${ctx.P}/designated-backups`,
                    json: { assistant_ids: cur.items.map((i) => i.assistant_id) },
                    ifMatch: cur.version,
                    ok: [200],
                };
            },
            'GET /api/v1/mail/settings': () => ({ url: '/api/v1/mail/settings', ok: [200] }),
            'PATCH /api/v1/mail/settings': async () => {
                const cur = await h.srv.getOk('/api/v1/mail/settings');
                return { url: '/api/v1/mail/settings', json: { retry_limit: 5 }, ifMatch: cur.version, ok: [200] };
            },
            'GET /api/v1/mail/summary': () => ({ url: '/api/v1/mail/summary', ok: [200] }),
            'POST /api/v1/mail/{id}/retry': async () => {
                const page = await h.srv.getOk('/api/v1/mail?limit=1&status=queued');
                assert.ok(page.items.length > 0, 'the demo queues mail');
                return { url: `/api/v1/mail/${page.items[0].id}/retry`, json: {}, ok: [200] };
            },
            'POST /api/v1/mail/test': () => ({ url: '/api/v1/mail/test', json: { to_address: 'matrix@example.org' }, ok: [201] }),
            'POST /api/v1/mail/retry': () => ({ url: '/api/v1/mail/retry', json: { status: 'failed' }, ok: [200] }),
            'GET /api/v1/me/notifications': () => ({ url: '/api/v1/me/notifications', ok: [200] }),
            // An account that is not a person (the admin) has no notifications to change: 409.
            'PATCH /api/v1/me/notifications': () => ({
                url: '/api/v1/me/notifications',
                json: { notifications: [{ kind: 'message.urgent', enabled: true }] },
                ok: [200, 409],
            }),
        };
        if (OTHERS[key]) return OTHERS[key](role);
        return caseCell(key, role);
    }

    // ---- mediation cases (issue 13): confidential, so an admin without the manager role gets
    // 404 for every case (as if it did not exist) and 403 where the answer is about cases ----

    /** A fresh case between assistant A and principal P, opened by the manager, moved along. */
    async function managerCase(...actions) {
        const r = await call('manager', 'POST', '/api/v1/cases', {
            json: { category: 'other', summary: 'matrix', parties: [ctx.A, ctx.P] },
        });
        assert.equal(r.status, 201, r.text);
        let rec = r.json;
        for (const [a, json] of actions) {
            const m = await call('manager', 'POST', `/api/v1/cases/${rec.id}/${a}`, { json: json || {} });
            assert.equal(m.status, 200, m.text);
            rec = m.json;
        }
        return rec;
    }

    async function caseCell(key, role) {
        const hidden = role === 'admin'; // admins are not managers of cases
        const mk = await (async () => {
            switch (key) {
                case 'GET /api/v1/cases':
                    return { url: '/api/v1/cases?limit=5', ok: [200] };
                case 'POST /api/v1/cases': {
                    if (role === 'admin') return { url: '/api/v1/cases', json: { category: 'other' }, want: 403 };
                    const json =
                        role === 'assistant'
                            ? { about: ctx.P, category: 'workload', statement: 'matrix' }
                            : role === 'principal'
                              ? { about: ctx.A, category: 'workload', statement: 'matrix' }
                              : { category: 'other', parties: [ctx.A, ctx.P] };
                    return { url: '/api/v1/cases', json, ok: [201] };
                }
                case 'GET /api/v1/cases/{id}':
                    return { url: `/api/v1/cases/${(await managerCase()).id}`, ok: [200] };
                case 'PATCH /api/v1/cases/{id}': {
                    const c = await managerCase();
                    return { url: `/api/v1/cases/${c.id}`, json: { severity: 'low' }, ifMatch: c.version, ok: [200] };
                }
                case 'POST /api/v1/cases/{id}/entries':
                    return { url: `/api/v1/cases/${(await managerCase()).id}/entries`, json: { body: 'matrix' }, ok: [201] };
                case 'POST /api/v1/cases/{id}/parties':
                    return {
                        url: `/api/v1/cases/${(await managerCase()).id}/parties`,
                        json: { person_id: ctx.P, may_view: true },
                        ok: [200],
                    };
                case 'POST /api/v1/cases/{id}/sessions':
                    return {
                        url: `/api/v1/cases/${(await managerCase()).id}/sessions`,
                        json: { start_at: `${isoDay(3)}T09:00:00Z`, end_at: `${isoDay(3)}T10:00:00Z`, attendees: [ctx.A] },
                        ok: [201],
                    };
                case 'POST /api/v1/cases/{id}/sessions/find-time':
                    return {
                        url: `/api/v1/cases/${(await managerCase()).id}/sessions/find-time`,
                        json: { from: `${isoDay(3)}T00:00:00Z`, to: `${isoDay(5)}T00:00:00Z` },
                        ok: [200],
                    };
                case 'POST /api/v1/cases/{id}/actions':
                    return {
                        url: `/api/v1/cases/${(await managerCase()).id}/actions`,
                        json: { description: 'matrix', due_date: isoDay(10) },
                        ok: [201],
                    };
                case 'PATCH /api/v1/case-actions/{id}': {
                    const c = await managerCase();
                    const a = await call('manager', 'POST', `/api/v1/cases/${c.id}/actions`, {
                        json: { description: 'matrix', due_date: isoDay(10) },
                    });
                    assert.equal(a.status, 201, a.text);
                    return { url: `/api/v1/case-actions/${a.json.id}`, json: { done: true }, ifMatch: a.json.version, ok: [200] };
                }
                case 'POST /api/v1/cases/purge':
                    return { url: '/api/v1/cases/purge', json: {}, ok: [200], want: role === 'admin' ? 403 : undefined };
                case 'GET /api/v1/settings/mediation':
                    return { url: '/api/v1/settings/mediation', ok: [200], visible: true };
                case 'PATCH /api/v1/settings/mediation': {
                    const cur = await call('manager', 'GET', '/api/v1/settings/mediation');
                    return {
                        url: '/api/v1/settings/mediation',
                        json: { retention_days: 730 },
                        ifMatch: cur.json.version,
                        ok: [200],
                        visible: true,
                    };
                }
                default:
                    break;
            }
            const m = /^POST \/api\/v1\/cases\/\{id\}\/(review|mediate|agree|monitor|close|withdraw)$/.exec(key);
            if (!m) return undefined;
            const before = {
                review: [],
                mediate: [['review']],
                agree: [['review'], ['mediate']],
                monitor: [['review'], ['mediate'], ['agree']],
                close: [],
                withdraw: [],
            }[m[1]];
            const json = { monitor: { review_date: isoDay(30) }, close: { outcome: 'resolved' } }[m[1]] || {};
            let c;
            if (m[1] === 'withdraw' && (role === 'assistant' || role === 'principal')) {
                // Only the party who raised a case withdraws it.
                const about = role === 'assistant' ? ctx.P : ctx.A;
                const r = await call(role, 'POST', '/api/v1/cases', {
                    json: { about, category: 'personality', statement: 'matrix' },
                });
                assert.equal(r.status, 201, r.text);
                c = r.json;
            } else {
                c = await managerCase(...before);
            }
            return { url: `/api/v1/cases/${c.id}/${m[1]}`, json, ok: [200] };
        })();
        if (mk && hidden && !mk.want && !mk.visible && key !== 'GET /api/v1/cases') mk.ok = [404];
        return mk;
    }

    test('matrix: every operation of the API document × every role', async () => {
        const doc = await h.srv.getOk('/api/v1/openapi.json');
        const ops = [];
        for (const [path, item] of Object.entries(doc.paths))
            for (const [method, op] of Object.entries(item))
                ops.push({ method: method.toUpperCase(), path, need: op['x-haldus-need'] });
        assert.ok(ops.length >= 80, `only ${ops.length} operations`);
        const unknownNeed = ops.filter((o) => !(o.need in NEED));
        assert.deepEqual(unknownNeed, [], 'every operation declares its need as public, signed-in, manager or admin');
        // Only sign-in, "who is signed in", liveness and calendar feeds (a calendar program
        // cannot sign in: the feed's secret is its key) and accepting an invitation (its token is
        // the key) are public.
        assert.deepEqual(
            ops.filter((o) => o.need === 'public').map((o) => `${o.method} ${o.path}`).sort(),
            ['GET /api/v1/calendar.ics', 'GET /api/v1/session', 'GET /healthz', 'POST /api/v1/invitations/accept', 'POST /api/v1/session'],
        );
        const problems = [];
        let cells = 0;
        for (const op of ops) {
            for (const role of ROLES) {
                const c = await cell(op.method, op.path, role);
                if (!c) {
                    problems.push(`${op.method} ${op.path}: no row in the matrix (add one to cell())`);
                    break;
                }
                const res = await call(role, op.method, c.url, { json: c.json, ifMatch: c.ifMatch });
                cells++;
                const where = `${op.method} ${c.url} (need ${op.need}) as ${role}: ${res.status} ${res.text.slice(0, 200)}`;
                let want;
                if (op.need !== 'public' && role === 'anonymous') want = 401;
                else if (RANK[role] < NEED[op.need]) want = 403;
                else if (c.want) want = c.want; // allowed by the route, refused by its use case
                if (want) {
                    if (res.status !== want) problems.push(`expected ${want}: ${where}`);
                    else if (res.json?.error?.code !== (want === 401 ? 'unauthorized' : 'forbidden'))
                        problems.push(`expected error code ${want === 401 ? 'unauthorized' : 'forbidden'}: ${where}`);
                } else if ([401, 403].includes(res.status) || res.status >= 500) {
                    problems.push(`expected to be allowed: ${where}`);
                } else if (!c.ok.includes(res.status)) {
                    problems.push(`allowed, but expected ${c.ok.join(' or ')}: ${where}`);
                }
            }
        }
        assert.deepEqual(problems, [], `${problems.length} cells of the matrix are wrong:\n${problems.join('\n')}`);
        assert.equal(cells, ops.length * ROLES.length);
    });

    // ---- cross-user probes ----

    test("assistant A cannot read or change assistant B's absence: 404 exactly as a nonexistent id", async () => {
        const srv = h.srv;
        const mine = await call('assistantB', 'POST', '/api/v1/absences', { json: { ...absenceBody(ctx.B), note: 'B only' } });
        assert.equal(mine.status, 201, mine.text);
        const id = mine.json.id;
        const NONE = 987654;
        const missing = {
            GET: await call('assistant', 'GET', `/api/v1/absences/${NONE}`),
            PATCH: await call('assistant', 'PATCH', `/api/v1/absences/${NONE}`, { json: { note: 'x' }, ifMatch: 1 }),
            DELETE: await call('assistant', 'DELETE', `/api/v1/absences/${NONE}`, { ifMatch: 1 }),
            CANCEL: await call('assistant', 'POST', `/api/v1/absences/${NONE}/cancel`, { json: {} }),
        };
        const probes = {
            GET: await call('assistant', 'GET', `/api/v1/absences/${id}`),
            PATCH: await call('assistant', 'PATCH', `/api/v1/absences/${id}`, { json: { note: 'x' }, ifMatch: 1 }),
            DELETE: await call('assistant', 'DELETE', `/api/v1/absences/${id}`, { ifMatch: 1 }),
            CANCEL: await call('assistant', 'POST', `/api/v1/absences/${id}/cancel`, { json: {} }),
        };
        for (const k of Object.keys(probes)) {
            assertError(probes[k], 404, 'not_found');
            assert.equal(normalized(probes[k], id), normalized(missing[k], NONE), `${k}: not yours ≠ nonexistent`);
            assert.equal(probes[k].headers.get('etag'), null, `${k}: no ETag on a 404`);
        }
        // Nor in A's lists, even when asked for by person.
        const list = await call('assistant', 'GET', `/api/v1/absences?person_id=${ctx.B}`);
        assert.equal(list.status, 200, list.text);
        assert.deepEqual(list.json.items, []);
        // B's absence is untouched, and B sees it.
        const now = await srv.getOk(`/api/v1/absences/${id}`);
        assert.deepEqual(now, mine.json);
        assert.equal((await call('assistantB', 'GET', `/api/v1/absences/${id}`)).status, 200);
        // The other way round: B cannot see A's absence either.
        const a = await call('assistantB', 'GET', `/api/v1/absences/${ctx.visible.absences}`);
        assertError(a, 404, 'not_found');
    });

    test("a principal cannot read another principal's record or supporters: 404 as a nonexistent id", async () => {
        const NONE = 987655;
        for (const [url, none] of [
            [`/api/v1/principals/${ctx.P2}`, `/api/v1/principals/${NONE}`],
            [`/api/v1/principals/${ctx.P2}/supporters`, `/api/v1/principals/${NONE}/supporters`],
            [`/api/v1/people/${ctx.P2}`, `/api/v1/people/${NONE}`],
        ]) {
            const r = await call('principal', 'GET', url);
            const n = await call('principal', 'GET', none);
            assertError(r, 404, 'not_found');
            assert.equal(normalized(r, ctx.P2), normalized(n, NONE), `${url}: not yours ≠ nonexistent`);
        }
        // Their own, and their assistant, they do see.
        assert.equal((await call('principal', 'GET', `/api/v1/principals/${ctx.P}/supporters`)).status, 200);
        assert.equal((await call('principal', 'GET', `/api/v1/people/${ctx.A}`)).status, 200);
        // The other principal sees their own.
        assert.equal((await call('principal2', 'GET', `/api/v1/principals/${ctx.P2}/supporters`)).status, 200);
        const list = await call('principal', 'GET', '/api/v1/principals?limit=500');
        assert.deepEqual(list.json.items.map((p) => p.id), [ctx.P]);
    });

    test("a principal does not learn of another principal through their assistant's views", async () => {
        // P2 is not P's to see (GET /api/v1/principals/P2 is 404, above), so no view names them.
        const r = await call('principal', 'GET', `/api/v1/assistants/${ctx.A}/principals`);
        assert.equal(r.status, 200, r.text);
        const named = r.json.principals.map((p) => p.principal_id);
        assert.ok(named.includes(ctx.P), r.text);
        const p2 = await h.srv.getOk(`/api/v1/principals/${ctx.P2}`);
        const where = `GET /api/v1/assistants/${ctx.A}/principals as ${LOGIN.principal}`;
        assert.deepEqual(named, [ctx.P], `${where} names other principals: ${r.text}`);
        assert.ok(!r.text.includes(p2.email), `it shows ${p2.email}`);
    });

    test('an assistant cannot create an absence for someone else (403), nothing is created', async () => {
        const srv = h.srv;
        const audit0 = await srv.auditState();
        for (const person of [ctx.B, ctx.P]) {
            const before = await srv.listAll(`/api/v1/absences?person_id=${person}`);
            const r = await call('assistant', 'POST', '/api/v1/absences', { json: absenceBody(person) });
            assertError(r, 403, 'forbidden');
            assert.deepEqual(await srv.listAll(`/api/v1/absences?person_id=${person}`), before);
        }
        const p = await call('principal', 'POST', '/api/v1/absences', { json: absenceBody(ctx.A) });
        assertError(p, 403, 'forbidden');
        assert.deepEqual(await srv.auditState(), audit0, 'a refused create wrote to the audit log');
    });

    test('guessing ids: what is not yours answers exactly as what does not exist', async () => {
        const srv = h.srv;
        // B sees themselves, the principals they support and those they cover (an accepted
        // cover; docs/security.md).
        const supported = (await srv.listAll(`/api/v1/assignments?assistant_id=${ctx.B}`)).map((a) => a.principal_id);
        const day = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);
        const covers = (await srv.getOk(`/api/v1/coverage/covers?assistant_id=${ctx.B}&from=${day(-30)}&to=${day(360)}`)).items;
        // a cover that has ended no longer links them (the demo has past covers, for role fit)
        const coveredFor = covers.filter((c) => c.status === 'accepted' && Date.parse(c.end_at) > Date.now()).map((c) => c.principal_id);
        const visible = new Set([ctx.B, ...supported, ...coveredFor]);
        // People whose visibility docs/security.md leaves open for B (the other supporters and
        // designated backups of B's executives) are not probed.
        const unclear = new Set();
        for (const p of supported) {
            for (const a of await srv.listAll(`/api/v1/assignments?principal_id=${p}`)) unclear.add(a.assistant_id);
            for (const b of await srv.listAll(`/api/v1/designated-backups?principal_id=${p}`)) unclear.add(b.assistant_id);
        }
        unclear.delete(ctx.B);
        const absences = await srv.listAll('/api/v1/absences');
        const people = await srv.listAll('/api/v1/people');
        const maxAbs = Math.max(...absences.map((a) => a.id));
        const maxPerson = Math.max(...people.map((p) => p.id));
        const owner = new Map(absences.map((a) => [a.id, a.person_id]));
        const mismatches = [];
        async function probe(kind, id, shouldSee) {
            const r = await call('assistantB', 'GET', `/api/v1/${kind}/${id}`);
            if (shouldSee) {
                if (r.status !== 200) mismatches.push(`${kind}/${id}: expected 200, got ${r.status} ${r.text}`);
                return;
            }
            const none = await call('assistantB', 'GET', `/api/v1/${kind}/${id + 1000000}`);
            if (r.status !== 404 || normalized(r, id) !== normalized(none, id + 1000000))
                mismatches.push(`${kind}/${id}: ${r.status} ${r.text} vs nonexistent ${none.status} ${none.text}`);
        }
        for (let id = 1; id <= maxAbs + 2; id++)
            await probe('absences', id, owner.has(id) && visible.has(owner.get(id)));
        for (let id = 1; id <= maxPerson + 2; id++)
            if (!unclear.has(id)) await probe('people', id, visible.has(id) && people.some((p) => p.id === id));
        assert.deepEqual(mismatches, []);
        assert.ok(absences.some((a) => !visible.has(a.person_id)), 'there were absences to guess');
    });

    test("an assistant cancels their own absence (200) but not another's (404)", async () => {
        const own = await call('assistant', 'POST', '/api/v1/absences', { json: absenceBody(ctx.A) });
        assert.equal(own.status, 201, own.text);
        const other = await call('assistantB', 'POST', '/api/v1/absences', { json: absenceBody(ctx.B) });
        assert.equal(other.status, 201, other.text);
        const ok = await call('assistant', 'POST', `/api/v1/absences/${own.json.id}/cancel`, { json: {} });
        assert.equal(ok.status, 200, ok.text);
        assert.equal(ok.json.status, 'cancelled');
        const no = await call('assistant', 'POST', `/api/v1/absences/${other.json.id}/cancel`, { json: {} });
        assertError(no, 404, 'not_found');
        assert.equal((await h.srv.getOk(`/api/v1/absences/${other.json.id}`)).status, 'requested');
        // Approving is for managers, also for one's own absence.
        const own2 = await call('assistant', 'POST', '/api/v1/absences', { json: absenceBody(ctx.A) });
        assertError(await call('assistant', 'POST', `/api/v1/absences/${own2.json.id}/approve`, { json: {} }), 403, 'forbidden');
        assert.equal((await h.srv.getOk(`/api/v1/absences/${own2.json.id}`)).status, 'requested');
    });

    test("an assistant sees their executives' other supporters by name only (docs/security.md, Roles)", async () => {
        const sup = await h.srv.getOk(`/api/v1/principals/${ctx.P}/supporters`);
        const others = sup.supporters.filter((s) => s.assistant_id !== ctx.A);
        assert.ok(others.length > 0, `${ASSISTANT}'s first executive has no other supporter`);
        const mine = await call('assistant', 'GET', `/api/v1/principals/${ctx.P}/supporters`);
        assert.equal(mine.status, 200, mine.text);
        for (const o of others) {
            // In the executive's supporters view, with name and e-mail …
            const seen = mine.json.supporters.find((s) => s.assistant_id === o.assistant_id);
            assert.ok(seen && seen.name === o.name, `${o.name} missing from the supporters view`);
            // … but their own record is not the assistant's to read.
            const r = await call('assistant', 'GET', `/api/v1/people/${o.assistant_id}`);
            assert.equal(r.status, 404, `GET /api/v1/people/${o.assistant_id} as ${ASSISTANT}: ${r.status} ${r.text}`);
        }
    });

    // ---- sessions with cookies ----

    test('sign-in sets haldus_session: HttpOnly, SameSite=Strict, Path=/, no Secure; the cookie signs in', async () => {
        const s = await signInOk(MANAGER);
        const c = s.cookie;
        assert.equal(c.name, 'haldus_session', s.setCookie);
        assert.match(c.value, /^[A-Za-z0-9_-]{22,}$/, `a 128-bit token: ${s.setCookie}`);
        assert.equal(c.attrs.path, '/', s.setCookie);
        assert.equal(c.attrs.httponly, true, s.setCookie);
        assert.equal(String(c.attrs.samesite).toLowerCase(), 'strict', s.setCookie);
        assert.equal(c.attrs.secure, undefined, `no Secure without --behind-tls: ${s.setCookie}`);
        assert.equal(c.attrs.domain, undefined, s.setCookie);
        assert.equal(Number(c.attrs['max-age']), 12 * 3600, s.setCookie);
        assert.equal(typeof s.csrf, 'string');
        assert.ok(s.csrf.length >= 16, s.csrf);
        assert.equal(s.account.login, MANAGER);
        assert.ok(!s.res.text.includes(c.value), 'the answer body does not repeat the session token');
        const me = await withCookie(s, 'GET', '/api/v1/me');
        assert.equal(me.status, 200, me.text);
        assert.equal(me.json.auth, 'session');
        assert.equal(me.json.account.login, MANAGER);
        assert.equal(me.json.csrf_token, s.csrf);
        assert.equal(me.json.session_id, s.id);
        // A made-up cookie signs nobody in.
        const fake = await call('anonymous', 'GET', '/api/v1/me', { headers: { Cookie: 'haldus_session=AAAAAAAAAAAAAAAAAAAAAA' } });
        assertError(fake, 401, 'unauthorized');
    });

    test('a cookie-signed change needs X-CSRF-Token (403, nothing changed); with it it works', async () => {
        const srv = h.srv;
        const s = await signInOk(MANAGER);
        const other = await signInOk(MANAGER); // another session's token is not this one's
        const name = unique('Csrf skill ');
        const audit0 = await srv.auditState(); // (signing in is audited too: before the count)
        const none = await withCookie(s, 'POST', '/api/v1/skills', { json: { name }, csrf: false });
        assertError(none, 403, 'forbidden', 'X-CSRF-Token');
        const wrong = await withCookie(s, 'POST', '/api/v1/skills', { json: { name }, csrf: 'A'.repeat(s.csrf.length) });
        assertError(wrong, 403, 'forbidden', 'X-CSRF-Token');
        const foreign = await withCookie(s, 'POST', '/api/v1/skills', { json: { name }, csrf: other.csrf });
        assertError(foreign, 403, 'forbidden', 'X-CSRF-Token');
        assert.deepEqual((await srv.getOk(`/api/v1/skills?q=${encodeURIComponent(name)}`)).items, []);
        assert.deepEqual(await srv.auditState(), audit0);
        const ok = await withCookie(s, 'POST', '/api/v1/skills', { json: { name } });
        assert.equal(ok.status, 201, ok.text);
        // PATCH and DELETE too.
        const url = `/api/v1/skills/${ok.json.id}`;
        assertError(await withCookie(s, 'PATCH', url, { json: { category: 'x' }, ifMatch: 1, csrf: false }), 403, 'forbidden');
        assertError(await withCookie(s, 'DELETE', url, { ifMatch: 1, csrf: false }), 403, 'forbidden');
        assert.deepEqual(await srv.getOk(url), ok.json);
        // Reading needs no CSRF token.
        assert.equal((await withCookie(s, 'GET', url, { csrf: false })).status, 200);
        assert.equal((await withCookie(s, 'DELETE', url, { ifMatch: 1 })).status, 204);
    });

    test('a foreign Origin is refused (403), also at sign-in; our own Origin is fine', async () => {
        const srv = h.srv;
        const s = await signInOk(MANAGER);
        const name = unique('Origin skill ');
        const evil = { Origin: 'https://evil.example' };
        const r = await withCookie(s, 'POST', '/api/v1/skills', { json: { name }, headers: evil });
        assertError(r, 403, 'forbidden');
        // Not even with a bearer token.
        const t = await call('manager', 'POST', '/api/v1/skills', { json: { name }, headers: evil });
        assertError(t, 403, 'forbidden');
        assert.deepEqual((await srv.getOk(`/api/v1/skills?q=${encodeURIComponent(name)}`)).items, []);
        const login = await signIn(MANAGER, PASSWORD, evil);
        assertError(login.res, 403, 'forbidden');
        assert.deepEqual(login.res.headers.getSetCookie(), [], 'no cookie for a cross-site sign-in');
        const same = await withCookie(s, 'POST', '/api/v1/skills', { json: { name }, headers: { Origin: srv.base } });
        assert.equal(same.status, 201, same.text);
    });

    test('logout ends the session: the next request is 401', async () => {
        const s = await signInOk(ASSISTANT);
        assertError(await withCookie(s, 'DELETE', '/api/v1/session', { csrf: false }), 403, 'forbidden');
        assert.equal((await withCookie(s, 'GET', '/api/v1/me')).status, 200, 'a refused logout leaves the session');
        const out = await withCookie(s, 'DELETE', '/api/v1/session');
        assert.equal(out.status, 204, out.text);
        const cleared = parseSetCookie(out.headers.getSetCookie()[0] || '');
        assert.equal(cleared.name, 'haldus_session');
        assert.equal(cleared.value, '');
        assert.equal(Number(cleared.attrs['max-age']), 0);
        assertError(await withCookie(s, 'GET', '/api/v1/me'), 401, 'unauthorized');
        assertError(await withCookie(s, 'POST', '/api/v1/absences', { json: absenceBody(ctx.A) }), 401, 'unauthorized');
    });

    test('GET /api/v1/sessions lists your sessions; DELETE one ends it, not one of someone else', async () => {
        const s1 = await signInOk(ASSISTANT);
        const s2 = await signInOk(ASSISTANT);
        const m = await signInOk(MANAGER);
        const list = await withCookie(s1, 'GET', '/api/v1/sessions');
        assert.equal(list.status, 200, list.text);
        const ids = list.json.items.map((x) => x.id);
        assert.ok(ids.includes(s1.id) && ids.includes(s2.id), `both sessions listed: ${list.text}`);
        assert.ok(!ids.includes(m.id), "another account's session is not listed");
        for (const x of list.json.items) assert.equal(x.current, x.id === s1.id, list.text);
        for (const s of [s1, s2, m]) assert.ok(!list.text.includes(s.cookie.value), 'the listing shows no session token');
        // Someone else's session: 404, and it goes on.
        assertError(await withCookie(s1, 'DELETE', `/api/v1/sessions/${m.id}`), 404, 'not_found');
        assert.equal((await withCookie(m, 'GET', '/api/v1/me')).status, 200);
        const del = await withCookie(s1, 'DELETE', `/api/v1/sessions/${s2.id}`);
        assert.equal(del.status, 204, del.text);
        assertError(await withCookie(s2, 'GET', '/api/v1/me'), 401, 'unauthorized');
        assert.equal((await withCookie(s1, 'GET', '/api/v1/me')).status, 200, 'the other session goes on');
        const after = await withCookie(s1, 'GET', '/api/v1/sessions');
        assert.ok(!after.json.items.some((x) => x.id === s2.id), after.text);
    });

    test('a new password ends the other sessions: changed by oneself or reset by an admin', async () => {
        const login = 'lucy.bennett@demo.haldus.example';
        const s1 = await signInOk(login);
        const s2 = await signInOk(login);
        const next = 'a-new-password-2026';
        const change = (current, fresh) =>
            withCookie(s1, 'POST', '/api/v1/me/password', { json: { current_password: current, new_password: fresh } });
        assertError(await change('nope-nope-nope', next), 422, 'invalid', 'current_password');
        assertError(await change(PASSWORD, 'short'), 422, 'invalid');
        assert.equal((await withCookie(s2, 'GET', '/api/v1/me')).status, 200, 'a refused change ends nothing');
        const ch = await change(PASSWORD, next);
        assert.equal(ch.status, 204, ch.text);
        assertError(await signIn(login).then((x) => x.res), 401, 'unauthorized');
        const s3 = await signInOk(login, next);
        const other = await withCookie(s2, 'GET', '/api/v1/me');
        assert.equal(other.status, 401, `the other session still works after POST /api/v1/me/password: ${other.status} ${other.text}`);
        // An admin's reset ends every session of the account.
        const id = ctx.accountOf(login).id;
        const cur = await h.srv.getOk(`/api/v1/users/${id}`);
        const reset = await call('admin', 'PATCH', `/api/v1/users/${id}`, {
            json: { password: 'reset-by-admin-2026' },
            ifMatch: cur.version,
        });
        assert.equal(reset.status, 200, reset.text);
        assertError(await withCookie(s3, 'GET', '/api/v1/me'), 401, 'unauthorized');
        await signInOk(login, 'reset-by-admin-2026');
    });

    test('disabling an account ends its sessions and refuses its tokens; it cannot sign in', async () => {
        const login = 'olivia.jones@demo.haldus.example';
        const s = await signInOk(login);
        const t = await withCookie(s, 'POST', '/api/v1/tokens', { json: { name: 'before disable' } });
        assert.equal(t.status, 201, t.text);
        const bearer = { Authorization: `Bearer ${t.json.token}` };
        assert.equal((await call('anonymous', 'GET', '/api/v1/me', { headers: bearer })).status, 200);
        const id = ctx.accountOf(login).id;
        // Only admins manage accounts.
        assertError(await call('manager', 'PATCH', `/api/v1/users/${id}`, { json: { disabled: true }, ifMatch: 1 }), 403, 'forbidden');
        assertError(await call('admin', 'PATCH', `/api/v1/users/${id}`, { json: { disabled: true } }), 428, 'if_match_required');
        const cur = await call('admin', 'GET', `/api/v1/users/${id}`);
        assert.equal(cur.status, 200, cur.text);
        assert.equal(cur.json.disabled, false);
        const off = await call('admin', 'PATCH', `/api/v1/users/${id}`, {
            json: { disabled: true },
            headers: { 'If-Match': cur.headers.get('etag') },
        });
        assert.equal(off.status, 200, off.text);
        assert.equal(off.json.disabled, true);
        assertError(await withCookie(s, 'GET', '/api/v1/me'), 401, 'unauthorized');
        assertError(await call('anonymous', 'GET', '/api/v1/me', { headers: bearer }), 401, 'unauthorized');
        // The right password of a disabled account answers as a wrong one.
        const again = await signIn(login);
        const wrong = await signIn(login, 'wrong-password-2026');
        assertError(again.res, 401, 'unauthorized');
        assert.equal(again.res.text, wrong.res.text);
        // Enabled again: the old session stays ended; a new sign-in works.
        const on = await call('admin', 'PATCH', `/api/v1/users/${id}`, { json: { disabled: false }, ifMatch: off.json.version });
        assert.equal(on.status, 200, on.text);
        assertError(await withCookie(s, 'GET', '/api/v1/me'), 401, 'unauthorized');
        const renewed = await signInOk(login);
        assert.equal((await withCookie(renewed, 'GET', '/api/v1/me')).status, 200);
    });

    test('the API token of a disabled account stays ended when the account is enabled again', async () => {
        const login = 'oliver.bennett@demo.haldus.example';
        const s = await signInOk(login);
        const t = await withCookie(s, 'POST', '/api/v1/tokens', { json: { name: 'before disable' } });
        assert.equal(t.status, 201, t.text);
        const bearer = { Authorization: `Bearer ${t.json.token}` };
        const id = ctx.accountOf(login).id;
        let version = (await h.srv.getOk(`/api/v1/users/${id}`)).version;
        for (const disabled of [true, false]) {
            const r = await call('admin', 'PATCH', `/api/v1/users/${id}`, { json: { disabled }, ifMatch: version });
            assert.equal(r.status, 200, r.text);
            version = r.json.version;
        }
        const me = await call('anonymous', 'GET', '/api/v1/me', { headers: bearer });
        assert.equal(me.status, 401, `a token from before the account was disabled signs in again: ${me.status} ${me.text}`);
    });

    test('API tokens: created with the role of their owner, shown once, revoked (then 401)', async () => {
        const s = await signInOk(LOGIN.principal);
        const name = unique('token ');
        const t = await withCookie(s, 'POST', '/api/v1/tokens', { json: { name } });
        assert.equal(t.status, 201, t.text);
        assert.match(t.json.token, /^hld_[A-Za-z0-9_-]{40,}$/);
        assert.equal(t.json.name, name);
        assert.equal(t.headers.get('location'), `/api/v1/tokens/${t.json.id}`);
        const bearer = { Authorization: `Bearer ${t.json.token}` };
        const me = await call('anonymous', 'GET', '/api/v1/me', { headers: bearer });
        assert.equal(me.status, 200, me.text);
        assert.equal(me.json.auth, 'token');
        assert.equal(me.json.account.login, LOGIN.principal);
        assert.equal(me.json.csrf_token, undefined);
        // It acts with its owner's role, and needs no CSRF token.
        const skill = await call('anonymous', 'POST', '/api/v1/skills', { json: { name: unique('S') }, headers: bearer });
        assertError(skill, 403, 'forbidden');
        const abs = await call('anonymous', 'POST', '/api/v1/absences', { json: absenceBody(ctx.P), headers: bearer });
        assert.equal(abs.status, 201, abs.text);
        // Shown once: the listing names it but never shows it.
        const list = await withCookie(s, 'GET', '/api/v1/tokens');
        assert.equal(list.status, 200, list.text);
        const item = list.json.items.find((x) => x.id === t.json.id);
        assert.ok(item, list.text);
        assert.equal(item.name, name);
        assert.equal(item.token, undefined);
        assert.ok(!list.text.includes(t.json.token.slice(4)), 'the listing shows no token');
        // Nobody else revokes it.
        assertError(await call('manager', 'DELETE', `/api/v1/tokens/${t.json.id}`), 404, 'not_found');
        assert.equal((await call('anonymous', 'GET', '/api/v1/me', { headers: bearer })).status, 200);
        const del = await withCookie(s, 'DELETE', `/api/v1/tokens/${t.json.id}`);
        assert.equal(del.status, 204, del.text);
        assertError(await call('anonymous', 'GET', '/api/v1/me', { headers: bearer }), 401, 'unauthorized');
        assertError(await withCookie(s, 'DELETE', `/api/v1/tokens/${t.json.id}`), 404, 'not_found');
        // Tokens that were never made.
        for (const a of ['Bearer hld_nope', 'Bearer ', 'Basic YWRtaW46eA==', `Bearer ${'x'.repeat(300)}`])
            assertError(await call('anonymous', 'GET', '/api/v1/me', { headers: { Authorization: a } }), 401, 'unauthorized');
    });

    test('the audit log names the acting account', async () => {
        const srv = h.srv;
        const mgr = ctx.managerAccount;
        const created = await call('manager', 'POST', '/api/v1/skills', { json: { name: unique('Audited ') } });
        assert.equal(created.status, 201, created.text);
        const changed = await call('manager', 'PATCH', `/api/v1/skills/${created.json.id}`, {
            json: { category: 'audited' },
            ifMatch: 1,
        });
        assert.equal(changed.status, 200, changed.text);
        await srv.create('skills', { name: unique('By admin ') }); // another actor
        const page = await call('manager', 'GET', `/api/v1/audit?account_id=${mgr.id}&limit=500`);
        assert.equal(page.status, 200, page.text);
        const items = page.json.items;
        assert.ok(items.length >= 2);
        for (const x of items) {
            assert.equal(x.account_id, mgr.id, JSON.stringify(x));
            assert.equal(x.actor, MANAGER, JSON.stringify(x));
        }
        const mine = items.filter((x) => x.entity === 'skill' && x.entity_id === created.json.id);
        assert.deepEqual(mine.map((x) => x.action), ['update', 'create'], 'newest first');
        assert.equal(mine[0].after.category, 'audited');
        assert.equal(mine[0].before.category, created.json.category);
        // By entity, the admin's own change names the admin.
        const all = await srv.getOk(`/api/v1/audit?entity=skill&entity_id=${created.json.id}`);
        assert.deepEqual(all.items.map((x) => x.actor), [MANAGER, MANAGER]);
        // Assistants and principals do not read it.
        assertError(await call('assistant', 'GET', '/api/v1/audit'), 403, 'forbidden');
        // A password change is audited without the hash.
        const id = ctx.accountOf('samuel.turner@demo.haldus.example').id;
        const cur = await srv.getOk(`/api/v1/users/${id}`);
        const pw = await call('admin', 'PATCH', `/api/v1/users/${id}`, {
            json: { password: 'a-new-password-2026' },
            ifMatch: cur.version,
        });
        assert.equal(pw.status, 200, pw.text);
        const acc = await srv.getOk(`/api/v1/audit?entity=account&entity_id=${id}`);
        assert.ok(acc.items.length >= 1);
        assert.equal(acc.items[0].actor, ADMIN);
        assert.doesNotMatch(JSON.stringify(acc), /argon2|a-new-password-2026|password_hash/);
    });

    test('every answer carries the security headers, whatever its status', async () => {
        const srv = h.srv;
        const seen = new Set();
        const check = async (p) => {
            const r = await p;
            assertSecurityHeaders(r, `${r.status}`);
            assert.equal(r.headers.get('x-frame-options'), 'DENY');
            seen.add(r.status);
        };
        await check(call('anonymous', 'GET', '/healthz'));
        await check(call('anonymous', 'GET', '/'));
        await check(call('anonymous', 'GET', '/no/such/page'));
        await check(call('anonymous', 'GET', '/api/v1/assistants'));
        await check(call('assistant', 'GET', '/api/v1/users'));
        await check(call('manager', 'GET', '/api/v1/skills/987654'));
        await check(call('manager', 'PUT', '/api/v1/skills'));
        await check(call('manager', 'POST', '/api/v1/skills', { body: 'x', headers: { 'Content-Type': 'text/plain' } }));
        await check(call('manager', 'POST', '/api/v1/skills', { json: {} }));
        await check(call('manager', 'PATCH', `/api/v1/skills/${ctx.skill}`, { json: {} }));
        await check(call('manager', 'PATCH', `/api/v1/skills/${ctx.skill}`, { json: {}, ifMatch: 99999 }));
        await check(call('manager', 'POST', '/api/v1/skills', { json: { name: unique('H ') } }));
        const raw = await srv.raw('GET /api/v1/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
        assertSecurityHeaders(raw, 'raw 401');
        for (const st of [200, 201, 401, 403, 404, 405, 412, 415, 422, 428]) assert.ok(seen.has(st), `no ${st} seen: ${[...seen]}`);
    });

    // ---- throttling (last: it leaves failures on the books of this client address) ----

    test('repeated wrong passwords: 401 then 429, also for the right one; an unknown login answers the same', async () => {
        const known = 'daniel.davies@demo.haldus.example';
        const unknown = `nobody-${unique('u')}@demo.haldus.example`;
        async function sequence(login) {
            const out = [];
            const times = [];
            for (let i = 0; i < 7; i++) {
                const t0 = performance.now();
                const s = await signIn(login, i < 6 ? `wrong-password-${i}` : PASSWORD);
                times.push(performance.now() - t0);
                const headers = [...s.res.headers.keys()].filter((k) => k !== 'date').sort();
                out.push({ status: s.res.status, body: s.res.text.replace(/\d+ seconds?/, 'N seconds'), headers });
            }
            return { out, times };
        }
        const k = await sequence(known);
        const u = await sequence(unknown);
        assert.deepEqual(
            k.out.map((x) => x.status),
            [401, 401, 401, 401, 401, 429, 429],
            `a known login: ${JSON.stringify(k.out)}`,
        );
        assert.deepEqual(u.out, k.out, 'an unknown login must answer exactly as a known one');
        assert.match(k.out[0].body, /wrong login or password/);
        assert.equal(JSON.parse(k.out[5].body).error.code, 'throttled');
        assert.match(JSON.parse(k.out[6].body).error.message, /try again in N seconds/);
        // Both were hashed: an unknown login is not answered noticeably faster.
        const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
        const km = median(k.times.slice(0, 5));
        const um = median(u.times.slice(0, 5));
        assert.ok(um > km * 0.3, `unknown login answered in ${um.toFixed(1)} ms, a known one in ${km.toFixed(1)} ms`);
        // The right password is still refused while throttled; other logins are not.
        const right = await signIn(known);
        assertError(right.res, 429, 'throttled');
        assert.equal(right.res.headers.getSetCookie().length, 0);
        await signInOk(MANAGER);
        // After the 2 seconds a try is heard again; one more failure doubles the wait.
        await sleep(2200);
        assertError((await signIn(known, 'wrong-password-6')).res, 401, 'unauthorized');
        const next = await signIn(known, PASSWORD);
        const e = assertError(next.res, 429, 'throttled');
        assert.match(e.message, /try again in [34] seconds/, e.message);
    });
});

describe('access behind TLS', () => {
    const h = useServer({ serveArgs: ['--behind-tls'] });

    test('serve --behind-tls: the cookie is __Host-haldus_session with Secure', async () => {
        const { call, signIn } = client(h, {});
        const s = await signIn(MANAGER);
        assert.equal(s.res.status, 201, s.res.text);
        const c = s.cookie;
        assert.equal(c.name, '__Host-haldus_session', s.setCookie);
        assert.equal(c.attrs.secure, true, s.setCookie);
        assert.equal(c.attrs.path, '/', s.setCookie);
        assert.equal(c.attrs.httponly, true, s.setCookie);
        assert.equal(String(c.attrs.samesite).toLowerCase(), 'strict', s.setCookie);
        assert.equal(c.attrs.domain, undefined, `__Host- cookies have no Domain: ${s.setCookie}`);
        const me = await call('anonymous', 'GET', '/api/v1/me', { headers: { Cookie: c.pair } });
        assert.equal(me.status, 200, me.text);
        // The unprefixed name is not this server's cookie.
        const plain = await call('anonymous', 'GET', '/api/v1/me', { headers: { Cookie: `haldus_session=${c.value}` } });
        assertError(plain, 401, 'unauthorized');
        const out = await call('anonymous', 'DELETE', '/api/v1/session', { headers: { Cookie: c.pair, 'X-CSRF-Token': s.csrf } });
        assert.equal(out.status, 204, out.text);
        const cleared = parseSetCookie(out.headers.getSetCookie()[0] || '');
        assert.equal(cleared.name, '__Host-haldus_session');
        assert.equal(cleared.attrs.secure, true);
        assertError(await call('anonymous', 'GET', '/api/v1/me', { headers: { Cookie: c.pair } }), 401, 'unauthorized');
    });
});
