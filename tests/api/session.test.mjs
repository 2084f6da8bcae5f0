// session.test.mjs: GET /api/v1/session tells a page who is signed in, if anyone, without a 401
// (the sign-in page asks it first, and a 401 there showed as an error in the browser console).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useServer } from './lib.mjs';

const PASSWORD = 'haldus-demo-2026'; // every demo login's password

describe('GET /api/v1/session', () => {
    const h = useServer();

    test('nobody signed in, or credentials that are not valid: 200 with account null', async () => {
        const none = await h.srv.req('GET', '/api/v1/session', { auth: false });
        assert.equal(none.status, 200, none.text);
        assert.deepEqual(none.json, { account: null });
        const badCookie = await h.srv.req('GET', '/api/v1/session', {
            auth: false,
            headers: { Cookie: 'haldus_session=not-a-session' },
        });
        assert.equal(badCookie.status, 200, badCookie.text);
        assert.deepEqual(badCookie.json, { account: null });
        const badToken = await h.srv.req('GET', '/api/v1/session', {
            auth: false,
            headers: { Authorization: 'Bearer nonsense' },
        });
        assert.deepEqual([badToken.status, badToken.json], [200, { account: null }]);
        // /me itself still needs a sign-in.
        assert.equal((await h.srv.req('GET', '/api/v1/me', { auth: false })).status, 401);
    });

    test('signed in by cookie: the account and the CSRF token, as GET /me answers', async () => {
        const login = 'manager@demo.haldus.example';
        const s = await h.srv.req('POST', '/api/v1/session', { json: { login, password: PASSWORD }, auth: false });
        assert.equal(s.status, 201, s.text);
        const cookie = (s.headers.get('set-cookie') || '').split(';')[0];
        const r = await h.srv.req('GET', '/api/v1/session', { auth: false, headers: { Cookie: cookie } });
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.account.login, login);
        assert.equal(r.json.auth, 'session');
        assert.equal(r.json.csrf_token, s.json.csrf_token);
        const me = await h.srv.req('GET', '/api/v1/me', { auth: false, headers: { Cookie: cookie } });
        assert.deepEqual(r.json, me.json);
    });

    test('signed in by token: the account', async () => {
        const r = await h.srv.req('GET', '/api/v1/session');
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.auth, 'token');
        assert.ok(r.json.account.id > 0);
        assert.equal(r.json.csrf_token, undefined);
    });
});
