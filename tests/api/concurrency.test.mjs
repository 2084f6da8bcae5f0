// concurrency.test.mjs: optimistic concurrency (412 on stale versions changes nothing; of
// concurrent PATCHes with the same If-Match exactly one wins) and paging that neither skips
// nor repeats a row while rows are being inserted.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertError, ms, personBody, unique, useServer } from './lib.mjs';

describe('concurrency', () => {
    const h = useServer();

    test('a stale If-Match gets 412 and changes nothing', async () => {
        const srv = h.srv;
        const s = await srv.create('skills', { name: unique('Stale ') });
        const v2 = await srv.patch(`/api/v1/skills/${s.id}`, { category: 'first' }, 1);
        assert.equal(v2.status, 200);
        const audit0 = await srv.auditState();
        for (const [what, res] of [
            ['PATCH', await srv.patch(`/api/v1/skills/${s.id}`, { category: 'second' }, 1)],
            ['DELETE', await srv.del(`/api/v1/skills/${s.id}`, 1)],
            ['PATCH future', await srv.patch(`/api/v1/skills/${s.id}`, { category: 'third' }, 3)],
        ]) {
            const err = assertError(res, 412, 'version_mismatch');
            assert.match(err.message, /version/, what);
        }
        const now = await srv.get(`/api/v1/skills/${s.id}`);
        assert.deepEqual(now.json, v2.json);
        assert.equal(now.headers.get('etag'), '"2"');
        assert.deepEqual(await srv.auditState(), audit0);

        // The same for an absence action and for a person (two tables).
        const a = await srv.create('assistants', personBody());
        const ab = await srv.create('absences', {
            person_id: a.id,
            kind: 'vacation',
            start_at: '2031-01-01T00:00:00Z',
            end_at: '2031-01-05T00:00:00Z',
        });
        const ab2 = await srv.patch(`/api/v1/absences/${ab.id}`, { note: 'x' }, 1);
        assert.equal(ab2.status, 200);
        const a2 = await srv.patch(`/api/v1/assistants/${a.id}`, { capacity: 5 }, 1);
        assert.equal(a2.status, 200);
        const audit1 = await srv.auditState();
        assertError(await srv.post(`/api/v1/absences/${ab.id}/approve`, {}, { ifMatch: 1 }), 412, 'version_mismatch');
        assertError(await srv.patch(`/api/v1/assistants/${a.id}`, { capacity: 6, office: 'Elsewhere' }, 1), 412, 'version_mismatch');
        assertError(await srv.del(`/api/v1/assistants/${a.id}`, 1), 412, 'version_mismatch');
        assert.deepEqual(await srv.getOk(`/api/v1/absences/${ab.id}`), ab2.json);
        assert.deepEqual(await srv.getOk(`/api/v1/assistants/${a.id}`), a2.json);
        assert.deepEqual(await srv.auditState(), audit1);
    });

    test('concurrent PATCHes with the same If-Match: exactly one wins', async () => {
        const srv = h.srv;
        const rounds = 12;
        const writers = 5;
        for (const kind of ['skills', 'assistants']) {
            const rec =
                kind === 'skills'
                    ? await srv.create('skills', { name: unique('Race ') })
                    : await srv.create('assistants', personBody());
            for (let round = 0; round < rounds; round++) {
                const cur = await srv.getOk(`/api/v1/${kind}/${rec.id}`);
                const audit0 = await srv.auditState();
                const bodies = Array.from({ length: writers }, (_, i) =>
                    kind === 'skills' ? { category: `r${round}w${i}` } : { office: `Office r${round}w${i}`, capacity: 1 + i },
                );
                const results = await Promise.all(
                    bodies.map((b) => srv.patch(`/api/v1/${kind}/${rec.id}`, b, cur.version)),
                );
                const winners = results.map((r, i) => [r, i]).filter(([r]) => r.status === 200);
                assert.equal(winners.length, 1, `round ${round}: ${results.map((r) => r.status).join(',')}`);
                for (const r of results) if (r.status !== 200) assertError(r, 412, 'version_mismatch');
                const [win, wi] = winners[0];
                const after = await srv.getOk(`/api/v1/${kind}/${rec.id}`);
                assert.equal(after.version, cur.version + 1);
                assert.deepEqual(after, win.json);
                for (const [k, v] of Object.entries(bodies[wi])) assert.equal(after[k], v);
                const audit1 = await srv.auditState();
                assert.equal(audit1.count, audit0.count + 1, 'exactly one audit entry');
            }
        }
    });

    test('concurrent PATCH and DELETE with the same If-Match: exactly one wins', async () => {
        const srv = h.srv;
        for (let round = 0; round < 10; round++) {
            const s = await srv.create('skills', { name: unique('PD ') });
            const [p, d] = await Promise.all([
                srv.patch(`/api/v1/skills/${s.id}`, { category: 'patched' }, 1),
                srv.del(`/api/v1/skills/${s.id}`, 1),
            ]);
            const ok = [p.status === 200, d.status === 204].filter(Boolean).length;
            assert.equal(ok, 1, `round ${round}: PATCH ${p.status}, DELETE ${d.status}`);
            const now = await srv.get(`/api/v1/skills/${s.id}`);
            if (p.status === 200) {
                assertError(d, 412, 'version_mismatch');
                assert.equal(now.status, 200);
                assert.equal(now.json.category, 'patched');
            } else {
                // The DELETE came first: the PATCH finds nothing or a newer version.
                assert.ok([404, 412].includes(p.status), p.text);
                assert.equal(now.status, 404);
            }
        }
    });

    test('concurrent absence actions: exactly one transition wins', async () => {
        const srv = h.srv;
        const a = await srv.create('assistants', personBody());
        for (let round = 0; round < 8; round++) {
            // a week of its own each round: overlapping absences of one person are refused
            const day = (n) => `2031-02-${String(n + round * 3).padStart(2, '0')}T00:00:00Z`;
            const ab = await srv.create('absences', {
                person_id: a.id,
                kind: 'vacation',
                start_at: day(1),
                end_at: day(4),
            });
            // No If-Match: the workflow itself must refuse the second decision.
            const results = await Promise.all(
                ['approve', 'reject', 'approve', 'reject'].map((x) => srv.req('POST', `/api/v1/absences/${ab.id}/${x}`)),
            );
            const ok = results.filter((r) => r.status === 200);
            assert.equal(ok.length, 1, results.map((r) => `${r.status} ${r.text}`).join('\n'));
            for (const r of results) if (r.status !== 200) assertError(r, 409, 'invalid_transition', 'status');
            const now = await srv.getOk(`/api/v1/absences/${ab.id}`);
            assert.equal(now.status, ok[0].json.status);
            assert.equal(now.version, 2);
        }
    });

    test('paging with limit=7 neither skips nor repeats while rows are inserted', async () => {
        const srv = h.srv;
        // Enough rows for many pages.
        const prefix = unique('Page');
        await Promise.all(
            Array.from({ length: 4 }, async (_, w) => {
                for (let i = 0; i < 15; i++) await srv.create('skills', { name: `${prefix} seed ${w}-${i}` });
            }),
        );
        for (const [path, auditOrder] of [
            ['/api/v1/skills', false],
            ['/api/v1/audit', true],
        ]) {
            const initial = (await srv.listAll(path)).map((x) => x.id);
            assert.ok(initial.length > 50, `${path}: ${initial.length} rows`);
            let walking = true;
            let inserted = 0;
            const errors = [];
            const writers = Array.from({ length: 2 }, async (_, w) => {
                let i = 0;
                while (walking) {
                    const r = await srv.post('/api/v1/skills', { name: `${prefix} live ${path} ${w}-${i++}` });
                    if (r.status === 201) inserted++;
                    else errors.push(`${r.status} ${r.text}`);
                }
            });
            const seen = [];
            let cursor = null;
            let pages = 0;
            try {
                do {
                    const before = inserted;
                    const page = await srv.getOk(`${path}?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
                    assert.ok(page.items.length <= 7);
                    seen.push(...page.items.map((x) => x.id));
                    cursor = page.next_cursor;
                    pages++;
                    // Let at least one insert land between pages.
                    const deadline = Date.now() + ms(3000);
                    while (inserted === before && errors.length === 0 && Date.now() < deadline)
                        await new Promise((r) => setTimeout(r, 1));
                } while (cursor && pages < 1000);
            } finally {
                walking = false;
                await Promise.all(writers);
            }
            assert.deepEqual(errors, []);
            assert.ok(inserted >= pages / 2, `${path}: only ${inserted} inserts during ${pages} pages`);
            const counts = new Map();
            for (const id of seen) counts.set(id, (counts.get(id) || 0) + 1);
            const repeated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
            assert.deepEqual(repeated, [], `${path}: rows seen twice`);
            const missing = initial.filter((id) => !counts.has(id));
            assert.deepEqual(missing, [], `${path}: rows skipped`);
            // The order is the documented one: by id, ascending (lists) or newest first (audit).
            const sorted = [...seen].sort((a, b) => (auditOrder ? b - a : a - b));
            assert.deepEqual(seen, sorted, `${path}: order`);
        }
    });
});
