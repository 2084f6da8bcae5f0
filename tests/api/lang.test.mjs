// lang.test.mjs: each account's language (issue 9): /me answers it, POST /me/lang sets it
// (et, en or null, nothing else), through the audited record path; signing in answers it.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertError, useServer } from './lib.mjs';

describe('the account language', () => {
    const h = useServer();

    test('starts unset, is set to et and en and back to null, each change audited', async () => {
        const srv = h.srv;
        const me0 = (await srv.getOk('/api/v1/me')).account;
        assert.equal(me0.lang, null, 'no language chosen: the browser decides');
        const et = await srv.req('POST', '/api/v1/me/lang', { json: { lang: 'et' } });
        assert.equal(et.status, 200, et.text);
        assert.equal(et.json.account.lang, 'et');
        assert.equal(et.json.account.version, me0.version + 1);
        assert.equal((await srv.getOk('/api/v1/me')).account.lang, 'et');
        const en = await srv.req('POST', '/api/v1/me/lang', { json: { lang: 'en' } });
        assert.equal(en.json.account.lang, 'en');
        const none = await srv.req('POST', '/api/v1/me/lang', { json: { lang: null } });
        assert.equal(none.status, 200, none.text);
        assert.equal((await srv.getOk('/api/v1/me')).account.lang, null);
        const audit = await srv.getOk(`/api/v1/audit?entity=account&entity_id=${me0.id}`);
        const rows = audit.items.filter((x) => x.action === 'lang');
        assert.deepEqual(
            rows.map((x) => [x.before.lang, x.after.lang]),
            [
                ['en', null],
                ['et', 'en'],
                [null, 'et'],
            ],
            'newest first, with before and after',
        );
    });

    test('anything but et, en or null is refused naming the field, and changes nothing', async () => {
        const srv = h.srv;
        await srv.req('POST', '/api/v1/me/lang', { json: { lang: 'et' } });
        const before = (await srv.getOk('/api/v1/me')).account;
        for (const lang of ['fr', 'ET', '', 1, true, ['et']])
            assertError(await srv.req('POST', '/api/v1/me/lang', { json: { lang } }), 422, 'invalid', 'lang');
        assertError(await srv.req('POST', '/api/v1/me/lang', { json: {} }), 422, 'invalid', 'lang');
        const extra = await srv.req('POST', '/api/v1/me/lang', { json: { lang: 'en', role: 'admin' } });
        assert.ok(extra.status === 400 || extra.status === 422, extra.text);
        const after = (await srv.getOk('/api/v1/me')).account;
        assert.deepEqual(after, before);
    });

    test('signing in answers the language, so the web app can apply it at once', async () => {
        const srv = h.srv;
        await srv.req('POST', '/api/v1/me/lang', { json: { lang: 'et' } });
        const r = await srv.req('POST', '/api/v1/session', { json: srv.opts.credentials, auth: false });
        assert.ok(r.status === 200 || r.status === 201, r.text);
        assert.equal(r.json.account.lang, 'et');
    });
});
