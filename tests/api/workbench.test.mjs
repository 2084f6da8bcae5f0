// workbench.test.mjs: the manager's workbench API: support flags, the designated-backup list
// replaced at once (If-Match on the list's version), and the coverage preview that saves
// nothing and agrees with saving.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertError, personBody, principalBody, runOk, todayIn, unique, useServer } from './lib.mjs';

const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const TODAY = new Date().toISOString().slice(0, 10);

/** A person of the kind who works start–end (HH:MM, UTC) Monday to Friday. */
async function worker(srv, kind, start, end, extra = {}) {
    const body = kind === 'principals' ? principalBody({ time_zone: 'UTC', ...extra }) : personBody({ time_zone: 'UTC', ...extra });
    const p = await srv.create(kind, body);
    for (let wd = 1; wd <= 5; wd++) await srv.create('work-patterns', { person_id: p.id, weekday: wd, start_time: start, end_time: end });
    return p;
}

describe('support flags', () => {
    const h = useServer();

    test('an executive without a primary assistant, and when support returns', async () => {
        const srv = h.srv;
        const office = unique('Flags office ');
        const alone = await worker(srv, 'principals', '09:00', '17:00', { office });
        const later = await worker(srv, 'principals', '09:00', '17:00', { office });
        const ends = await worker(srv, 'principals', '09:00', '17:00', { office });
        const a = await worker(srv, 'assistants', '09:00', '17:00', { office, capacity: 5 });
        await srv.create('assignments', { assistant_id: a.id, principal_id: later.id, kind: 'primary', start_date: addDays(TODAY, 10) });
        await srv.create('assignments', { assistant_id: a.id, principal_id: ends.id, kind: 'primary', start_date: addDays(TODAY, -30), end_date: addDays(TODAY, 20) });
        // A secondary is not a primary: still flagged.
        await srv.create('assignments', { assistant_id: a.id, principal_id: alone.id, kind: 'secondary', start_date: addDays(TODAY, -30) });

        const f = await srv.getOk('/api/v1/support/flags');
        assert.equal(f.from, TODAY);
        assert.equal(f.to, addDays(TODAY, 55));
        const by = new Map(f.unsupported.map((u) => [u.principal_id, u]));
        assert.deepEqual([by.get(alone.id)?.from, by.get(alone.id)?.until], [TODAY, null]);
        assert.deepEqual([by.get(later.id)?.from, by.get(later.id)?.until], [TODAY, addDays(TODAY, 10)]);
        assert.deepEqual([by.get(ends.id)?.from, by.get(ends.id)?.until], [addDays(TODAY, 21), null]);
        assert.equal(by.get(ends.id).name, ends.name);

        // A window that ends before the assignment does: not flagged.
        const short = await srv.getOk(`/api/v1/support/flags?from=${TODAY}&to=${addDays(TODAY, 20)}`);
        assert.ok(!short.unsupported.some((u) => u.principal_id === ends.id));
        assert.ok(short.unsupported.some((u) => u.principal_id === alone.id));
    });

    test('assistants over capacity or over contracted hours, from the first such day', async () => {
        const srv = h.srv;
        const office = unique('Load office ');
        const one = await worker(srv, 'assistants', '09:00', '17:00', { office, capacity: 1, contracted_hours: 40 });
        const p1 = await worker(srv, 'principals', '09:00', '17:00', { office });
        const p2 = await worker(srv, 'principals', '09:00', '17:00', { office });
        await srv.create('assignments', { assistant_id: one.id, principal_id: p1.id, kind: 'primary', start_date: addDays(TODAY, -5) });
        await srv.create('assignments', { assistant_id: one.id, principal_id: p2.id, kind: 'secondary', start_date: addDays(TODAY, 7) });
        // 08:00–18:00 on five days is 45 hours after the hour's break on each day: past 40.
        const long = await worker(srv, 'assistants', '08:00', '18:00', { office, contracted_hours: 40 });
        // 08:30–17:30 is exactly 40: not flagged.
        const fits = await worker(srv, 'assistants', '08:30', '17:30', { office, contracted_hours: 40 });

        const f = await srv.getOk('/api/v1/support/flags');
        const mine = f.overloaded.filter((o) => [one.id, long.id, fits.id].includes(o.assistant_id));
        assert.deepEqual(
            mine.map((o) => [o.assistant_id, o.reason, o.date, o.value, o.limit]).sort(),
            [
                [one.id, 'capacity', addDays(TODAY, 7), 2, 1],
                [long.id, 'hours', TODAY, 45, 40],
            ].sort(),
        );
    });

    test("without from: the window starts at the signed-in manager's today, as the page's does", async () => {
        // Kiritimati (UTC+14) is a day ahead of UTC from 10:00 UTC, Pago Pago (UTC-11) a day
        // behind until 11:00 UTC: at every hour one of these managers is on another date than UTC.
        const srv = h.srv;
        const office = unique('Zone office ');
        const a = await worker(srv, 'assistants', '09:00', '17:00', { office, capacity: 5 });
        for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
            const me = await srv.create('assistants', personBody({ time_zone: zone, office }));
            const login = `${unique('zone')}@test.example`;
            const add = await srv.post('/api/v1/users', { login, role: 'manager', person_id: me.id, password: 'zone-test-password-2026' });
            assert.equal(add.status, 201, add.text);
            const token = /hld_[A-Za-z0-9_-]+/.exec((await runOk(['user', 'token', login, '--db', srv.db, '--name', 'zone tests'])).stdout)[0];
            const get = async (url) => {
                const r = await srv.req('GET', url, { headers: { Authorization: `Bearer ${token}` } });
                assert.equal(r.status, 200, r.text);
                return r.json;
            };
            const today = todayIn(zone);
            // An executive whose primary assistant starts on the manager's today: supported.
            const p = await worker(srv, 'principals', '09:00', '17:00', { office, time_zone: zone });
            await srv.create('assignments', { assistant_id: a.id, principal_id: p.id, kind: 'primary', start_date: today });
            const f = await get('/api/v1/support/flags');
            assert.deepEqual([f.from, f.to], [today, addDays(today, 55)], zone);
            assert.ok(!f.unsupported.some((u) => u.principal_id === p.id), `${zone}: flagged from ${f.unsupported.find((u) => u.principal_id === p.id)?.from}`);
            const board = await get(`/api/v1/coverage?office=${encodeURIComponent(office)}`);
            assert.equal(board.from, today, `${zone}: the board's first day`);
            // Who supports the executive today: today in the executive's own zone.
            const sup = await srv.getOk(`/api/v1/principals/${p.id}/supporters`);
            assert.equal(sup.date, today, `${zone}: the executive's today`);
            assert.deepEqual(sup.supporters.map((x) => x.assistant_id), [a.id]);
        }
    });

    test('validation', async () => {
        const srv = h.srv;
        assertError(await srv.get('/api/v1/support/flags?from=soon'), 400, 'bad_request', 'from');
        assertError(await srv.get('/api/v1/support/flags?other=1'), 400, 'bad_request');
        assertError(await srv.get(`/api/v1/support/flags?from=${TODAY}&to=${addDays(TODAY, -1)}`), 422, 'invalid', 'to');
        assertError(await srv.get(`/api/v1/support/flags?from=${TODAY}&to=${addDays(TODAY, 92)}`), 422, 'invalid', 'to');
        assert.equal((await srv.get(`/api/v1/support/flags?from=${TODAY}&to=${addDays(TODAY, 91)}`)).status, 200);
    });
});

describe('designated backups, replaced at once', () => {
    const h = useServer();

    test('reorder in one request; 428 without If-Match, 412 when stale; rejected changes nothing', async () => {
        const srv = h.srv;
        const p = await srv.create('principals', principalBody());
        const [a, b, c] = [await srv.create('assistants', personBody()), await srv.create('assistants', personBody()), await srv.create('assistants', personBody())];
        await srv.create('designated-backups', { principal_id: p.id, assistant_id: a.id, rank: 1 });
        await srv.create('designated-backups', { principal_id: p.id, assistant_id: b.id, rank: 2 });
        const url = `/api/v1/principals/${p.id}/designated-backups`;
        const cur = await srv.get(url);
        assert.equal(cur.status, 200);
        assert.equal(cur.headers.get('etag'), `"${cur.json.version}"`);
        assert.deepEqual(cur.json.items.map((i) => [i.assistant_id, i.rank, i.name]), [[a.id, 1, a.name], [b.id, 2, b.name]]);

        const unchanged = async () => assert.deepEqual((await srv.getOk(url)), cur.json);
        assertError(await srv.patch(url, { assistant_ids: [b.id, a.id] }), 428, 'if_match_required');
        await unchanged();
        assertError(await srv.patch(url, { assistant_ids: [b.id, a.id] }, cur.json.version + 1), 412, 'version_mismatch');
        await unchanged();
        for (const bad of [[a.id, a.id], [a.id, 987654], ['x'], [0], 'all', Array.from({ length: 21 }, (_, i) => i + 1)]) {
            const r = await srv.patch(url, { assistant_ids: bad }, cur.json.version);
            assertError(r, 422, 'invalid', 'assistant_ids');
            await unchanged();
        }
        // A principal is not an assistant.
        assertError(await srv.patch(url, { assistant_ids: [c.id, p.id] }, cur.json.version), 422, 'invalid', 'assistant_ids');
        await unchanged();
        assertError(await srv.patch(url, {}, cur.json.version), 422, 'invalid', 'assistant_ids');
        assertError(await srv.patch(url, { assistant_ids: [], extra: 1 }, cur.json.version), 422, 'invalid');
        assertError(await srv.patch('/api/v1/principals/987654/designated-backups', { assistant_ids: [] }, 1), 404, 'not_found');

        const r = await srv.patch(url, { assistant_ids: [c.id, b.id, a.id] }, cur.json.version);
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(r.json.items.map((i) => [i.assistant_id, i.rank]), [[c.id, 1], [b.id, 2], [a.id, 3]]);
        assert.notEqual(r.json.version, cur.json.version);
        assert.deepEqual(await srv.getOk(url), r.json);
        // The generic list agrees, and the old version is now stale.
        const rows = await srv.listAll(`/api/v1/designated-backups?principal_id=${p.id}`);
        assert.deepEqual(rows.sort((x, y) => x.rank - y.rank).map((x) => x.assistant_id), [c.id, b.id, a.id]);
        assertError(await srv.patch(url, { assistant_ids: [] }, cur.json.version), 412, 'version_mismatch');
        // A change of one row through the generic API changes the list's version too.
        const row = rows.find((x) => x.assistant_id === a.id);
        const moved = await srv.patch(`/api/v1/designated-backups/${row.id}`, { rank: 9 }, row.version);
        assert.equal(moved.status, 200, moved.text);
        assertError(await srv.patch(url, { assistant_ids: [] }, r.json.version), 412, 'version_mismatch');
        const now = await srv.getOk(url);
        const emptied = await srv.patch(url, { assistant_ids: [] }, now.version);
        assert.equal(emptied.status, 200, emptied.text);
        assert.deepEqual(emptied.json.items, []);
    });
});

describe('coverage preview', () => {
    const h = useServer();

    const preview = (srv, change, extra = {}) => srv.post('/api/v1/support/preview', { change, ...extra });

    test('ending the only primary: "without support from" the day after, nothing saved, and saving agrees', async () => {
        const srv = h.srv;
        const office = unique('Preview office ');
        const p = await worker(srv, 'principals', '09:00', '17:00', { office });
        const a = await worker(srv, 'assistants', '09:00', '17:00', { office });
        const as = await srv.create('assignments', { assistant_id: a.id, principal_id: p.id, kind: 'primary', start_date: addDays(TODAY, -30) });
        const end = addDays(TODAY, 14);
        const audit = await srv.auditState();
        const r = await preview(srv, { entity: 'assignments', action: 'update', id: as.id, version: as.version, values: { end_date: end } });
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.from, TODAY);
        const mine = r.json.principals.find((x) => x.principal_id === p.id);
        assert.ok(mine, r.text);
        assert.equal(mine.name, p.name);
        assert.equal(mine.before.unsupported_from, null);
        assert.equal(mine.after.unsupported_from, addDays(end, 1));
        assert.ok(mine.after.gap_slots > mine.before.gap_slots, r.text);
        assert.ok(mine.new_gap_days.length > 0 && mine.new_gap_days.every((d) => d.date > end), r.text);

        // Nothing was saved: the record, the flags and the audit log are as before.
        assert.deepEqual(await srv.getOk(`/api/v1/assignments/${as.id}`), as);
        assert.deepEqual(await srv.auditState(), audit);
        assert.ok(!(await srv.getOk('/api/v1/support/flags')).unsupported.some((u) => u.principal_id === p.id));

        // Saving the same change does what the preview said.
        const saved = await srv.patch(`/api/v1/assignments/${as.id}`, { end_date: end }, as.version);
        assert.equal(saved.status, 200, saved.text);
        const flag = (await srv.getOk('/api/v1/support/flags')).unsupported.find((u) => u.principal_id === p.id);
        assert.equal(flag?.from, mine.after.unsupported_from);
        const board = await srv.getOk(`/api/v1/coverage?from=${r.json.from}&to=${r.json.to}&office=${encodeURIComponent(office)}`);
        const row = board.principals.find((x) => x.id === p.id);
        const gaps = row.days.reduce((n, d) => n + d.gaps, 0);
        assert.equal(gaps, mine.after.gap_slots);
        for (const d of mine.new_gap_days) assert.equal(row.days.find((x) => x.date === d.date)?.gaps, d.gaps, d.date);
        // Previewing it again now shows no change.
        const again = await preview(srv, { entity: 'assignments', action: 'update', id: as.id, version: saved.json.version, values: { end_date: end } });
        const m2 = again.json.principals.find((x) => x.principal_id === p.id);
        assert.deepEqual(m2.before, m2.after);
    });

    test("a new assignment and an assistant's working hours: the principals it touches", async () => {
        const srv = h.srv;
        const office = unique('Preview hours ');
        const p = await worker(srv, 'principals', '09:00', '17:00', { office });
        const a = await srv.create('assistants', personBody({ time_zone: 'UTC', office }));
        const r = await preview(srv, { entity: 'assignments', action: 'create', values: { assistant_id: a.id, principal_id: p.id, kind: 'primary', start_date: TODAY } });
        assert.equal(r.status, 200, r.text);
        const m = r.json.principals.find((x) => x.principal_id === p.id);
        assert.equal(m.before.unsupported_from, TODAY);
        assert.equal(m.after.unsupported_from, null);
        assert.deepEqual(await srv.listAll(`/api/v1/assignments?principal_id=${p.id}`), []);

        await srv.create('assignments', { assistant_id: a.id, principal_id: p.id, kind: 'primary', start_date: TODAY });
        // Hours for the assistant on Mondays only: the principal's Monday gaps close.
        const h1 = await preview(srv, { entity: 'work-patterns', action: 'create', values: { person_id: a.id, weekday: 1, start_time: '09:00', end_time: '17:00' } }, { to: addDays(TODAY, 13) });
        assert.equal(h1.status, 200, h1.text);
        const m1 = h1.json.principals.find((x) => x.principal_id === p.id);
        assert.ok(m1, h1.text);
        assert.ok(m1.after.gap_slots < m1.before.gap_slots, h1.text);
        assert.deepEqual(m1.new_gap_days, []);
        const wp = await srv.create('work-patterns', { person_id: a.id, weekday: 1, start_time: '09:00', end_time: '17:00' });
        const board = await srv.getOk(`/api/v1/coverage?from=${h1.json.from}&to=${h1.json.to}&office=${encodeURIComponent(office)}`);
        assert.equal(board.principals.find((x) => x.id === p.id).days.reduce((n, d) => n + d.gaps, 0), m1.after.gap_slots);
        // Deleting it again reopens those gaps, by the day.
        const d = await preview(srv, { entity: 'work-patterns', action: 'delete', id: wp.id, version: wp.version }, { to: addDays(TODAY, 13) });
        assert.equal(d.status, 200, d.text);
        const md = d.json.principals.find((x) => x.principal_id === p.id);
        assert.equal(md.after.gap_slots, m1.before.gap_slots);
        assert.ok(md.new_gap_days.length >= 1);
    });

    test('validation, 428 and 412 as saving would answer; rejected previews change nothing', async () => {
        const srv = h.srv;
        const p = await srv.create('principals', principalBody());
        const a = await srv.create('assistants', personBody());
        const as = await srv.create('assignments', { assistant_id: a.id, principal_id: p.id, kind: 'primary', start_date: TODAY });
        const audit = await srv.auditState();
        const upd = (x) => ({ entity: 'assignments', action: 'update', id: as.id, version: as.version, values: { end_date: TODAY }, ...x });
        assertError(await srv.post('/api/v1/support/preview', {}), 422, 'invalid', 'change');
        assertError(await srv.post('/api/v1/support/preview', { change: upd(), other: 1 }), 422, 'invalid');
        assertError(await preview(srv, 'end it'), 422, 'invalid', 'change');
        assertError(await preview(srv, upd({ entity: 'absences' })), 422, 'invalid', 'change.entity');
        assertError(await preview(srv, upd({ action: 'approve' })), 422, 'invalid', 'change.action');
        assertError(await preview(srv, upd({ id: 'one' })), 422, 'invalid', 'change.id');
        assertError(await preview(srv, upd({ values: undefined })), 422, 'invalid', 'change.values');
        assertError(await preview(srv, upd({ surprise: true })), 422, 'invalid', 'change');
        assertError(await preview(srv, upd({ values: { end_date: 'soon' } })), 422, 'invalid', 'end_date');
        assertError(await preview(srv, upd({ values: { end_date: addDays(TODAY, -1) } })), 422, 'invalid', 'end_date');
        assertError(await preview(srv, upd({ version: undefined })), 428, 'if_match_required');
        assertError(await preview(srv, upd({ version: as.version + 1 })), 412, 'version_mismatch');
        assertError(await preview(srv, upd({ id: 987654 })), 404, 'not_found');
        // A create naming no such principal: 422 naming it, as saving answers.
        const create = { entity: 'assignments', action: 'create', values: { assistant_id: a.id, principal_id: 987654, kind: 'primary', start_date: TODAY } };
        const saving = await srv.post('/api/v1/assignments', create.values);
        const previewing = await preview(srv, create);
        assert.equal(previewing.status, saving.status, previewing.text);
        assert.equal(previewing.json.error.field, saving.json.error.field);
        assertError(await preview(srv, upd(), { from: 'today' }), 422, 'invalid', 'from');
        assertError(await preview(srv, upd(), { from: TODAY, to: addDays(TODAY, 100) }), 422, 'invalid', 'to');
        assert.deepEqual(await srv.getOk(`/api/v1/assignments/${as.id}`), as);
        assert.deepEqual(await srv.auditState(), audit);
    });
});

describe('weekly hours from a date', () => {
    const h = useServer();

    test('new hours from a date end the old ones the day before, at once; 428, 412, 422 change nothing', async () => {
        const srv = h.srv;
        const office = unique('Week office ');
        const p = await worker(srv, 'principals', '09:00', '17:00', { office });
        const a = await worker(srv, 'assistants', '09:00', '17:00', { office });
        await srv.create('assignments', { assistant_id: a.id, principal_id: p.id, kind: 'primary', start_date: addDays(TODAY, -30) });
        // A row that begins later goes; one that ended before stays.
        await srv.create('work-patterns', { person_id: a.id, weekday: 6, start_time: '10:00', end_time: '12:00', valid_from: addDays(TODAY, 30) });
        await srv.create('work-patterns', { person_id: a.id, weekday: 7, start_time: '10:00', end_time: '12:00', valid_from: addDays(TODAY, -60), valid_to: addDays(TODAY, -40) });
        const url = `/api/v1/people/${a.id}/work-week`;
        const cur = await srv.get(url);
        assert.equal(cur.status, 200, cur.text);
        assert.equal(cur.headers.get('etag'), `"${cur.json.version}"`);
        assert.equal(cur.json.items.length, 7);
        const from = addDays(TODAY, 14);
        // Mornings only from then on.
        const body = { valid_from: from, intervals: [1, 2, 3, 4, 5].map((d) => ({ weekday: d, start_time: '09:00', end_time: '13:00' })) };
        const unchanged = async () => assert.deepEqual(await srv.getOk(url), cur.json);
        const audit = await srv.auditState();
        assertError(await srv.patch(url, body), 428, 'if_match_required');
        assertError(await srv.patch(url, body, cur.json.version + 1), 412, 'version_mismatch');
        assertError(await srv.patch(url, { ...body, valid_from: 'monday' }, cur.json.version), 422, 'invalid', 'valid_from');
        assertError(await srv.patch(url, { ...body, intervals: 'all week' }, cur.json.version), 422, 'invalid', 'intervals');
        assertError(await srv.patch(url, { ...body, intervals: [{ weekday: 8, start_time: '09:00', end_time: '13:00' }] }, cur.json.version), 422, 'invalid', 'intervals[0].weekday');
        assertError(await srv.patch(url, { ...body, intervals: [...body.intervals, { weekday: 1, start_time: '13:00', end_time: '12:00' }] }, cur.json.version), 422, 'invalid', 'intervals[5].end_time');
        assertError(await srv.patch(url, { ...body, intervals: [{ weekday: 1, start_time: '09:00', end_time: '13:00', note: 'x' }] }, cur.json.version), 422, 'invalid', 'intervals[0]');
        assertError(await srv.patch(url, { ...body, extra: 1 }, cur.json.version), 422, 'invalid');
        assertError(await srv.patch('/api/v1/people/987654/work-week', body, 1), 404, 'not_found');
        await unchanged();
        assert.deepEqual(await srv.auditState(), audit);

        // The preview of the same change, then the change: they agree.
        const pv = await srv.post('/api/v1/support/preview', { change: { entity: 'work-week', id: a.id, version: cur.json.version, values: body }, to: addDays(TODAY, 27) });
        assert.equal(pv.status, 200, pv.text);
        assert.equal(pv.json.slot_minutes > 0, true);
        const m = pv.json.principals.find((x) => x.principal_id === p.id);
        assert.ok(m.after.gap_slots > m.before.gap_slots, pv.text);
        assert.ok(m.new_gap_days.every((d) => d.date >= from), pv.text);
        await unchanged();

        const r = await srv.patch(url, body, cur.json.version);
        assert.equal(r.status, 200, r.text);
        const rows = r.json.items;
        const old = rows.filter((w) => w.start_time === '09:00' && w.end_time === '17:00');
        assert.equal(old.length, 5);
        assert.ok(old.every((w) => w.valid_to === addDays(from, -1)), JSON.stringify(old));
        const neu = rows.filter((w) => w.end_time === '13:00');
        assert.deepEqual(neu.map((w) => [w.weekday, w.valid_from, w.valid_to]), [1, 2, 3, 4, 5].map((d) => [d, from, null]));
        assert.ok(!rows.some((w) => w.weekday === 6), 'the later Saturday row went');
        assert.ok(rows.some((w) => w.weekday === 7 && w.valid_to === addDays(TODAY, -40)), 'the ended Sunday row stayed');
        const board = await srv.getOk(`/api/v1/coverage?from=${pv.json.from}&to=${pv.json.to}&office=${encodeURIComponent(office)}`);
        const row = board.principals.find((x) => x.id === p.id);
        assert.equal(row.days.reduce((n, d) => n + d.gaps, 0), m.after.gap_slots);
        assertError(await srv.patch(url, body, cur.json.version), 412, 'version_mismatch');
    });

    test('a preview of several changes is made in order; an error in one names it', async () => {
        const srv = h.srv;
        const p = await worker(srv, 'principals', '09:00', '17:00');
        const a = await worker(srv, 'assistants', '09:00', '17:00');
        const b = await worker(srv, 'assistants', '09:00', '17:00');
        const as = await srv.create('assignments', { assistant_id: a.id, principal_id: p.id, kind: 'primary', start_date: addDays(TODAY, -30) });
        const end = addDays(TODAY, 6);
        const handover = [
            { entity: 'assignments', action: 'update', id: as.id, version: as.version, values: { end_date: end } },
            { entity: 'assignments', action: 'create', values: { assistant_id: b.id, principal_id: p.id, kind: 'primary', start_date: addDays(end, 1) } },
        ];
        const r = await srv.post('/api/v1/support/preview', { changes: handover });
        assert.equal(r.status, 200, r.text);
        const m = r.json.principals.find((x) => x.principal_id === p.id);
        assert.equal(m.after.unsupported_from, null, 'a handover leaves no day without support');
        assert.deepEqual(m.new_gap_days, []);
        const only = await srv.post('/api/v1/support/preview', { changes: handover.slice(0, 1) });
        assert.equal(only.json.principals.find((x) => x.principal_id === p.id).after.unsupported_from, addDays(end, 1));
        assertError(await srv.post('/api/v1/support/preview', { changes: [] }), 422, 'invalid', 'changes');
        assertError(await srv.post('/api/v1/support/preview', { changes: {} }), 422, 'invalid', 'changes');
        assertError(await srv.post('/api/v1/support/preview', { change: handover[0], changes: handover }), 422, 'invalid', 'change');
        assertError(await srv.post('/api/v1/support/preview', { changes: [handover[0], { ...handover[1], action: 'merge' }] }), 422, 'invalid', 'changes[1].action');
        assertError(await srv.post('/api/v1/support/preview', { change: { entity: 'work-week', action: 'delete', id: a.id } }), 422, 'invalid', 'change.action');
        assert.deepEqual(await srv.getOk(`/api/v1/assignments/${as.id}`), as);
    });
});

describe('who supports an executive on a day, leave days included', () => {
    const h = useServer();

    test('on the primary assistant\'s day off: she is marked away and the accepted cover comes with it', async () => {
        const srv = h.srv;
        const office = unique('Day office ');
        const DAY = addDays(TODAY, 150);
        const everyDay = async (kind, extra = {}) => {
            const body = kind === 'principals' ? principalBody({ time_zone: 'UTC', office, ...extra }) : personBody({ time_zone: 'UTC', office, ...extra });
            const p = await srv.create(kind, body);
            for (let wd = 1; wd <= 7; wd++) await srv.create('work-patterns', { person_id: p.id, weekday: wd, start_time: '09:00', end_time: '17:00' });
            return p;
        };
        const p = await everyDay('principals');
        const anna = await everyDay('assistants');
        const bert = await everyDay('assistants');
        await srv.create('assignments', { assistant_id: anna.id, principal_id: p.id, kind: 'primary', start_date: addDays(DAY, -10) });
        await srv.create('designated-backups', { principal_id: p.id, assistant_id: bert.id, rank: 1 });
        const off = await srv.create('absences', { person_id: anna.id, kind: 'vacation', start_at: `${DAY}T00:00:00Z`, end_at: `${addDays(DAY, 1)}T00:00:00Z` });
        const ap = await srv.post(`/api/v1/absences/${off.id}/approve`, {}, { ifMatch: off.version });
        assert.equal(ap.status, 200, ap.text);
        const acc = await srv.post(`/api/v1/coverage/plans/${ap.json.coverage_plan.id}/accept`, {});
        assert.equal(acc.status, 200, acc.text);

        const on = await srv.getOk(`/api/v1/principals/${p.id}/supporters?date=${DAY}`);
        assert.deepEqual(on.supporters.map((x) => [x.assistant_id, x.away]), [[anna.id, true]]);
        assert.deepEqual(on.designated_backups.map((x) => [x.assistant_id, x.away]), [[bert.id, false]]);
        assert.ok(on.covers.length > 0, JSON.stringify(on));
        assert.ok(on.covers.every((c) => c.assistant_id === bert.id && c.name === bert.name && c.start_at >= `${DAY}T00:00:00Z` && c.end_at <= `${addDays(DAY, 1)}T00:00:00Z`), JSON.stringify(on.covers));

        const next = await srv.getOk(`/api/v1/principals/${p.id}/supporters?date=${addDays(DAY, 1)}`);
        assert.deepEqual(next.supporters.map((x) => [x.assistant_id, x.away]), [[anna.id, false]]);
        assert.deepEqual(next.covers, []);
    });
});
