// fixes.test.mjs: small defects found in review, each pinned by a test that failed before its
// fix: the mediation settings' first version, ...

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertError, useServer } from './lib.mjs';

describe('review fixes', () => {
    const h = useServer();

    test('mediation settings: a stale If-Match is refused already after the first save', async () => {
        const srv = h.srv;
        const s0 = await srv.getOk('/api/v1/settings/mediation');
        assert.equal(s0.version, 1, 'the defaults are version 1');
        const first = await srv.patch('/api/v1/settings/mediation', { remind_days_before: 2 }, s0.version);
        assert.equal(first.status, 200, first.text);
        assert.notEqual(first.json.version, s0.version, 'the first save must move the version');
        assert.equal(first.json.remind_days_before, 2);
        // Someone who read the defaults and saves now would overwrite the first change.
        assertError(
            await srv.patch('/api/v1/settings/mediation', { remind_days_before: 5 }, s0.version),
            412,
            'version_mismatch',
        );
        const now = await srv.getOk('/api/v1/settings/mediation');
        assert.equal(now.remind_days_before, 2, 'the stale change changed nothing');
        assert.equal(now.version, first.json.version);
        const second = await srv.patch('/api/v1/settings/mediation', { remind_days_before: 1 }, now.version);
        assert.equal(second.status, 200, second.text);
        assert.equal(second.json.version, now.version + 1);
        assertError(
            await srv.patch('/api/v1/settings/mediation', { remind_days_before: 3 }, now.version),
            412,
            'version_mismatch',
        );
    });
});
