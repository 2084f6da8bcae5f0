// outside_fetch.test.mjs: outside calendars read from a URL (docs/api.md "Outside calendars")
// against a real HTTP server the test starts: registered by URL, the busy times feeding
// find-a-time, a change seen by "refresh now" (with If-None-Match and a 304 after), a failing
// URL keeping the previous busy times and reporting its error, the periodic work reading due
// calendars, and a loopback address refused when the setting does not allow it.

import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { assertError, principalBody, run, startServer, useServer } from './lib.mjs';

/** A calendar with one event on Monday 1 March 2027 from `from` to `to` (Tallinn local). */
function calendar(from, to) {
    return [
        'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN',
        'BEGIN:VEVENT', 'UID:one@outside', 'DTSTAMP:20270101T000000Z',
        `DTSTART;TZID=Europe/Tallinn:20270301T${from}0000`, `DTEND;TZID=Europe/Tallinn:20270301T${to}0000`,
        'SUMMARY:Outside', 'END:VEVENT',
        'END:VCALENDAR', '',
    ].join('\r\n');
}

/** The little calendar server: serves `state.body` at /cal.ics with an ETag, 304 when the
 * client's If-None-Match matches, `state.status` instead when set; /loop redirects to itself. */
function calendarServer() {
    const state = { body: calendar('10', '12'), version: 1, status: 0, seen: [] };
    const server = http.createServer((req, res) => {
        state.seen.push({ url: req.url, inm: req.headers['if-none-match'] ?? null });
        if (req.url === '/loop') {
            res.writeHead(302, { Location: '/loop' });
            return res.end();
        }
        if (req.url !== '/cal.ics') {
            res.writeHead(404);
            return res.end('no such calendar');
        }
        if (state.status) {
            res.writeHead(state.status);
            return res.end('broken');
        }
        const etag = `"v${state.version}"`;
        if (req.headers['if-none-match'] === etag) {
            res.writeHead(304, { ETag: etag });
            return res.end();
        }
        res.writeHead(200, { 'Content-Type': 'text/calendar; charset=utf-8', ETag: etag });
        res.end(state.body);
    });
    return { server, state };
}

describe('outside calendars read from a URL', () => {
    const h = useServer({ env: { HALDUS_CALENDAR_ALLOW_PRIVATE: '1' } });
    const cal = calendarServer();
    let base = '';
    const w = {};

    before(async () => {
        await new Promise((resolve) => cal.server.listen(0, '127.0.0.1', resolve));
        base = `http://127.0.0.1:${cal.server.address().port}`;
    });
    after(() => new Promise((resolve) => cal.server.close(resolve)));

    /** The executive's free time on Monday 1 March 2027 (working hours 09–17 Tallinn). */
    async function freeThatMonday() {
        const r = await h.srv.post('/api/v1/meetings/find-time', {
            principal_id: w.exec.id, attendees: [], duration_minutes: 60, count: 1,
            from: '2027-03-01T00:00:00Z', to: '2027-03-02T00:00:00Z',
        });
        assert.equal(r.status, 200, r.text);
        return r.json.attendees.find((a) => a.person_id === w.exec.id).free;
    }

    test('registered by URL: read at once, its busy time blocks find-a-time', async () => {
        w.exec = await h.srv.create('principals', principalBody({ name: 'Url Executive' }));
        const r = await h.srv.post('/api/v1/outside-calendars', { person_id: w.exec.id, name: 'Board', url: `${base}/cal.ics` });
        assert.equal(r.status, 201, r.text);
        w.cal = r.json;
        assert.equal(r.json.url, `${base}/cal.ics`);
        assert.equal(r.json.busy_count, 1);
        assert.equal(r.json.last_error, null);
        assert.equal(r.json.error_at, null);
        assert.match(r.json.read_at, /^\d{4}-\d\d-\d\dT/);
        // 10:00–12:00 Tallinn is 08:00–10:00 UTC: the day is free from 07:00 to 08:00 and after.
        assert.deepEqual(await freeThatMonday(), [
            { start: '2027-03-01T07:00:00Z', end: '2027-03-01T08:00:00Z' },
            { start: '2027-03-01T10:00:00Z', end: '2027-03-01T15:00:00Z' },
        ]);
    });

    test('refresh now sees a change, asks with If-None-Match, and a 304 keeps everything', async () => {
        cal.state.body = calendar('13', '14');
        cal.state.version = 2;
        cal.state.seen.length = 0;
        const r = await h.srv.post(`/api/v1/outside-calendars/${w.cal.id}/refresh`, {});
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(cal.state.seen, [{ url: '/cal.ics', inm: '"v1"' }]);
        assert.equal(r.json.last_error, null);
        assert.deepEqual(await freeThatMonday(), [
            { start: '2027-03-01T07:00:00Z', end: '2027-03-01T11:00:00Z' },
            { start: '2027-03-01T12:00:00Z', end: '2027-03-01T15:00:00Z' },
        ]);
        // Unchanged: the server answers 304 and the busy times stay.
        const again = await h.srv.post(`/api/v1/outside-calendars/${w.cal.id}/refresh`, {});
        assert.equal(again.status, 200, again.text);
        assert.equal(cal.state.seen.at(-1).inm, '"v2"');
        assert.equal(again.json.busy_count, 1);
        assert.equal(again.json.last_error, null);
        assert.equal((await freeThatMonday()).length, 2);
    });

    test('a failing URL keeps the previous busy times and reports the error', async () => {
        cal.state.status = 500;
        const before = (await h.srv.getOk(`/api/v1/outside-calendars/${w.cal.id}`));
        const r = await h.srv.post(`/api/v1/outside-calendars/${w.cal.id}/refresh`, {});
        assert.equal(r.status, 200, r.text);
        assert.match(r.json.last_error, /HTTP 500/);
        assert.match(r.json.error_at, /^\d{4}-/);
        assert.equal(r.json.read_at, before.read_at, 'the last success stays');
        assert.equal(r.json.busy_count, 1);
        assert.deepEqual(await freeThatMonday(), [
            { start: '2027-03-01T07:00:00Z', end: '2027-03-01T11:00:00Z' },
            { start: '2027-03-01T12:00:00Z', end: '2027-03-01T15:00:00Z' },
        ]);
        // Text that is not a calendar is a failure too; the busy times still stay.
        cal.state.status = 0;
        cal.state.body = 'hello';
        cal.state.version = 3;
        const junk = await h.srv.post(`/api/v1/outside-calendars/${w.cal.id}/refresh`, {});
        assert.match(junk.json.last_error, /does not give a calendar/);
        assert.equal(junk.json.busy_count, 1);
    });

    test('the periodic work reads calendars not read for an hour; a success clears the error', async () => {
        cal.state.body = calendar('09', '10');
        cal.state.version = 4;
        cal.state.seen.length = 0;
        const env = { HALDUS_CALENDAR_ALLOW_PRIVATE: '1' };
        // Just tried: nothing is due yet.
        const now = await run(['jobs', 'run', '--db', h.srv.db], { env });
        assert.equal(now.code, 0, now.stderr);
        assert.doesNotMatch(now.stdout, /outside calendar/);
        assert.equal(cal.state.seen.length, 0);
        const later = new Date(Date.now() + 2 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
        const r = await run(['jobs', 'run', '--at', later, '--db', h.srv.db], { env });
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /^meeting: 1 outside calendar read: 1 changed, 0 unchanged, 0 failed$/m);
        const c = await h.srv.getOk(`/api/v1/outside-calendars/${w.cal.id}`);
        assert.equal(c.last_error, null);
        assert.equal(c.error_at, null);
        assert.deepEqual((await freeThatMonday())[0], { start: '2027-03-01T08:00:00Z', end: '2027-03-01T15:00:00Z' });
        // A setting of 0 turns the periodic reading off.
        const off = await run(['jobs', 'run', '--at', '2099-01-01T00:00:00Z', '--db', h.srv.db], { env: { ...env, HALDUS_CALENDAR_REFRESH: '0' } });
        assert.doesNotMatch(off.stdout, /outside calendar/);
    });

    test('events with unreadable times are skipped and counted; the rest of the calendar still counts', async () => {
        const good = calendar('10', '12').split('END:VCALENDAR')[0];
        cal.state.body = [
            good.trimEnd(),
            'BEGIN:VEVENT', 'UID:short@outside', 'DTSTAMP:20270101T000000Z',
            'DTSTART:20270301T1300', 'DTEND:20270301T140000Z', 'END:VEVENT',
            'BEGIN:VEVENT', 'UID:month@outside', 'DTSTAMP:20270101T000000Z',
            'DTSTART:20271301T130000Z', 'DTEND:20271301T140000Z', 'END:VEVENT',
            'END:VCALENDAR', '',
        ].join('\r\n');
        cal.state.version = 10;
        const r = await h.srv.post(`/api/v1/outside-calendars/${w.cal.id}/refresh`, {});
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.last_error, null, 'the calendar as a whole was read');
        assert.equal(r.json.unreadable_events, 2);
        assert.equal(r.json.busy_count, 1);
        assert.deepEqual(await freeThatMonday(), [
            { start: '2027-03-01T07:00:00Z', end: '2027-03-01T08:00:00Z' },
            { start: '2027-03-01T10:00:00Z', end: '2027-03-01T15:00:00Z' },
        ]);
        // An upload says the same at once; a good reading clears the count.
        const up = await h.srv.post('/api/v1/outside-calendars', { person_id: w.exec.id, name: 'Broken file', ics: cal.state.body });
        assert.equal(up.status, 201, up.text);
        assert.equal(up.json.unreadable_events, 2);
        await h.srv.del(`/api/v1/outside-calendars/${up.json.id}`, up.json.version);
        cal.state.body = calendar('10', '12');
        cal.state.version = 11;
        const fixed = await h.srv.post(`/api/v1/outside-calendars/${w.cal.id}/refresh`, {});
        assert.equal(fixed.json.unreadable_events, 0);
    });

    test('bad addresses and uploads: refused with the field, nothing created', async () => {
        const count = async () => (await h.srv.getOk(`/api/v1/outside-calendars?person_id=${w.exec.id}`)).items.length;
        const n = await count();
        for (const url of ['ftp://example.org/cal.ics', 'file:///etc/passwd', 'http://user:secret@example.org/x', 'not a url'])
            assertError(await h.srv.post('/api/v1/outside-calendars', { person_id: w.exec.id, name: 'Bad', url }), 422, 'invalid', 'url');
        const missing = assertError(await h.srv.post('/api/v1/outside-calendars', { person_id: w.exec.id, name: 'Gone', url: `${base}/nothing.ics` }), 422, 'invalid', 'url');
        assert.match(missing.message, /HTTP 404/);
        const loop = assertError(await h.srv.post('/api/v1/outside-calendars', { person_id: w.exec.id, name: 'Loop', url: `${base}/loop` }), 422, 'invalid', 'url');
        assert.match(loop.message, /redirects/);
        assertError(await h.srv.post('/api/v1/outside-calendars', { person_id: w.exec.id, name: 'Both', url: `${base}/cal.ics`, ics: calendar('10', '11') }), 422, 'invalid', 'url');
        assert.equal(await count(), n);
        // An uploaded calendar has nothing to refresh.
        const up = await h.srv.post('/api/v1/outside-calendars', { person_id: w.exec.id, name: 'File', ics: calendar('10', '11') });
        assert.equal(up.status, 201, up.text);
        assertError(await h.srv.post(`/api/v1/outside-calendars/${up.json.id}/refresh`, {}), 422, 'invalid', 'url');
        assertError(await h.srv.post('/api/v1/outside-calendars/999999/refresh', {}), 404, 'not_found');
    });
});

describe('outside calendars on a server that keeps to public addresses', () => {
    let srv;
    const cal = calendarServer();
    let base = '';
    before(async () => {
        await new Promise((resolve) => cal.server.listen(0, '127.0.0.1', resolve));
        base = `http://127.0.0.1:${cal.server.address().port}`;
        srv = await startServer({ demo: false });
    });
    after(async () => {
        await srv?.close();
        await new Promise((resolve) => cal.server.close(resolve));
    });

    test('a loopback or private address is refused before anything is read', async () => {
        const exec = await srv.create('principals', principalBody());
        for (const url of [`${base}/cal.ics`, `http://localhost:${cal.server.address().port}/cal.ics`, 'http://[::1]:9/cal.ics', 'http://10.1.2.3/cal.ics', 'http://169.254.169.254/latest']) {
            const e = assertError(await srv.post('/api/v1/outside-calendars', { person_id: exec.id, name: 'Inside', url }), 422, 'invalid', 'url');
            assert.match(e.message, /refused: .* is a loopback, private or link-local address/, url);
        }
        assert.equal(cal.state.seen.length, 0, 'the calendar server was never asked');
        assert.equal((await srv.getOk(`/api/v1/outside-calendars?person_id=${exec.id}`)).items.length, 0);
    });
});
