// meetings.test.mjs: meetings (docs/api.md "Meetings"): find-a-time across time zones with an
// outside calendar and a booked meeting, booking on behalf of an executive (who may, the audit
// row with both names), rooms, the iTIP mails parsed back (UID stable, SEQUENCE increasing,
// METHOD REQUEST/CANCEL), validation that changes nothing, and calendar feeds (valid, busy-only,
// revocable).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertError, personBody, principalBody, run, runOk, unique, useServer } from './lib.mjs';

/** RFC 5545 text → components: unfolds lines, splits NAME;PARAMS:VALUE, nests BEGIN/END and
 * fails on anything unbalanced. Returns the top component {name, props: [{name, params, value}],
 * children}. */
function parseIcs(text) {
    assert.ok(text.includes('\r\n'), 'lines end in CRLF');
    const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n').filter((l) => l !== '');
    const stack = [{ name: 'ROOT', props: [], children: [] }];
    for (const l of lines) {
        const m = /^([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$/.exec(l);
        assert.ok(m, `not a content line: ${l}`);
        const [, name, rawParams, value] = m;
        const params = {};
        for (const p of rawParams.split(';').filter(Boolean)) {
            const i = p.indexOf('=');
            params[p.slice(0, i).toUpperCase()] = p.slice(i + 1).replace(/^"|"$/g, '');
        }
        if (name === 'BEGIN') {
            const c = { name: value, props: [], children: [] };
            stack.at(-1).children.push(c);
            stack.push(c);
        } else if (name === 'END') {
            assert.equal(stack.pop().name, value, 'END matches BEGIN');
        } else {
            stack.at(-1).props.push({ name: name.toUpperCase(), params, value });
        }
    }
    assert.equal(stack.length, 1, 'every BEGIN has its END');
    assert.equal(stack[0].children.length, 1, 'one VCALENDAR');
    const cal = stack[0].children[0];
    assert.equal(cal.name, 'VCALENDAR');
    return cal;
}
const prop = (c, n) => c.props.find((p) => p.name === n);
const props = (c, n) => c.props.filter((p) => p.name === n);

/** A VCALENDAR valid enough for a calendar program: VERSION and PRODID, every VEVENT with
 * UID, DTSTAMP and DTSTART, every TZID defined by a VTIMEZONE. */
function assertValidCalendar(cal) {
    assert.equal(prop(cal, 'VERSION').value, '2.0');
    assert.ok(prop(cal, 'PRODID'));
    const zones = new Set(cal.children.filter((c) => c.name === 'VTIMEZONE').map((z) => prop(z, 'TZID').value));
    const uids = new Set();
    for (const ev of cal.children.filter((c) => c.name === 'VEVENT')) {
        for (const n of ['UID', 'DTSTAMP', 'DTSTART']) assert.ok(prop(ev, n), `VEVENT has ${n}`);
        assert.ok(!uids.has(prop(ev, 'UID').value), 'UIDs are unique');
        uids.add(prop(ev, 'UID').value);
        for (const p of ev.props)
            if (p.params.TZID) assert.ok(zones.has(p.params.TZID), `VTIMEZONE for ${p.params.TZID}`);
    }
}

async function cliToken(srv, login) {
    const r = await runOk(['user', 'token', login, '--db', srv.db, '--name', 'meeting tests']);
    const m = /hld_[A-Za-z0-9_-]+/.exec(r.stdout);
    assert.ok(m, `user token ${login} printed no token: ${r.stdout}`);
    return m[0];
}

describe('meetings', () => {
    const h = useServer();
    const w = {}; // the world the tests share

    /** As someone else: their bearer token. */
    const as = (who) => ({ headers: { Authorization: `Bearer ${w.tokens[who]}` } });

    test('setup: an executive in Tallinn, a partner in New York, assistants, accounts', async () => {
        const srv = h.srv;
        w.exec = await srv.create('principals', principalBody({ name: 'Mari Maasikas' }));
        w.partner = await srv.create('principals', principalBody({ name: 'Nora York', time_zone: 'America/New_York', office: 'New York' }));
        for (let d = 1; d <= 5; d++)
            await srv.create('work-patterns', { person_id: w.partner.id, weekday: d, start_time: '09:00', end_time: '17:00' });
        w.asst = await srv.create('assistants', personBody({ name: 'Kati Abi' }));
        w.other = await srv.create('assistants', personBody({ name: 'Olev Teine' }));
        await srv.create('assignments', { assistant_id: w.asst.id, principal_id: w.exec.id, kind: 'primary', start_date: '2025-01-01' });
        w.tokens = {};
        for (const [who, p, role] of [['exec', w.exec, 'principal'], ['asst', w.asst, 'assistant'], ['other', w.other, 'assistant']]) {
            const login = `${unique(who)}@test.haldus.example`;
            const u = await srv.post('/api/v1/users', { login, role, person_id: p.id, password: 'meeting-password-2026' });
            assert.equal(u.status, 201, u.text);
            w[`${who}Login`] = login;
            w.tokens[who] = await cliToken(srv, login);
        }
        w.room = await srv.create('rooms', { name: unique('Board room '), capacity: 3, location: '5th floor' });
    });

    // Monday 1 March 2027: Tallinn is UTC+2, New York UTC−5. Working 09–17 local overlaps
    // only 14:00–15:00 UTC.
    const search = (extra = {}) => ({
        principal_id: w.exec.id,
        attendees: [{ person_id: w.partner.id }, { email: 'guest@partner.example', required: false }],
        from: '2027-03-01T00:00:00Z',
        to: '2027-03-04T00:00:00Z',
        duration_minutes: 60,
        count: 3,
        ...extra,
    });

    test('find a time: the one hour two time zones share, each day', async () => {
        const r = await h.srv.post('/api/v1/meetings/find-time', search());
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(r.json.slots.map((s) => s.start), ['2027-03-01T14:00:00Z', '2027-03-02T14:00:00Z', '2027-03-03T14:00:00Z']);
        assert.deepEqual(r.json.slots[0].tight, []);
        const exec = r.json.attendees.find((a) => a.person_id === w.exec.id);
        assert.equal(exec.time_zone, 'Europe/Tallinn');
        assert.deepEqual(exec.free[0], { start: '2027-03-01T07:00:00Z', end: '2027-03-01T15:00:00Z' });
        const partner = r.json.attendees.find((a) => a.person_id === w.partner.id);
        assert.deepEqual(partner.free[0], { start: '2027-03-01T14:00:00Z', end: '2027-03-01T22:00:00Z' });
        assert.deepEqual(r.json.outside, [{ email: 'guest@partner.example', required: false }]);
        // Not before 16:30 local: Tallinn's day ends first, so nothing is left.
        const late = await h.srv.post('/api/v1/meetings/find-time', search({ earliest: '16:30' }));
        assert.equal(late.status, 200, late.text);
        assert.deepEqual(late.json.slots, []);
    });

    test('an outside calendar (a weekly Monday meeting, in its own zone) blocks its hour', async () => {
        const ics = [
            'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN',
            'BEGIN:VEVENT', 'UID:board@outside', 'DTSTAMP:20270101T000000Z',
            'DTSTART;TZID=Europe/Tallinn:20270215T153000', 'DTEND;TZID=Europe/Tallinn:20270215T173000',
            'RRULE:FREQ=WEEKLY;BYDAY=MO', 'SUMMARY:Supervisory board', 'END:VEVENT',
            'END:VCALENDAR', '',
        ].join('\r\n');
        // Another assistant may not register the executive's calendar.
        assertError(await h.srv.post('/api/v1/outside-calendars', { person_id: w.exec.id, name: 'Board', ics }, as('other')), 403, 'forbidden', 'person_id');
        assertError(await h.srv.post('/api/v1/outside-calendars', { person_id: w.exec.id, name: 'Board', ics: 'not a calendar' }), 422, 'invalid', 'ics');
        const r = await h.srv.post('/api/v1/outside-calendars', { person_id: w.exec.id, name: 'Board', ics }, as('asst'));
        assert.equal(r.status, 201, r.text);
        // Read over the next 400 days: the Mondays from 15 February 2027 on.
        assert.ok(r.json.busy_count >= 40 && r.json.busy_count <= 60, `Mondays: ${r.json.busy_count}`);
        assert.equal(r.json.url, null);
        const f = await h.srv.post('/api/v1/meetings/find-time', search());
        assert.deepEqual(f.json.slots.map((s) => s.start), ['2027-03-02T14:00:00Z', '2027-03-03T14:00:00Z']);
    });

    test('validation names the field and changes nothing', async () => {
        const bad = async (body, field, status = 422, code = 'invalid') =>
            assertError(await h.srv.post('/api/v1/meetings/find-time', body), status, code, field);
        await bad(search({ duration_minutes: undefined }), 'duration_minutes');
        await bad(search({ duration_minutes: 2 }), 'duration_minutes');
        await bad(search({ to: '2027-02-28T00:00:00Z' }), 'to');
        await bad(search({ to: '2027-06-01T00:00:00Z' }), 'to');
        await bad(search({ from: 'Monday' }), 'from');
        await bad(search({ earliest: '25:00' }), 'earliest');
        await bad(search({ attendees: [{ email: 'not an address' }] }), 'attendees[0]');
        await bad(search({ attendees: [{ person_id: 99999999 }] }), 'attendees[0]');
        await bad(search({ attendees: [{ person_id: w.partner.id }, { person_id: w.partner.id }] }), 'attendees[1]');
        await bad(search({ colour: 'red' }), 'colour');
        const before = (await h.srv.getOk(`/api/v1/meetings?principal_id=${w.exec.id}`)).items.length;
        const book = (extra) => h.srv.post('/api/v1/meetings', {
            principal_id: w.exec.id, title: 'Budget', start_at: '2027-03-02T14:00:00Z', duration_minutes: 60, ...extra,
        });
        assertError(await book({ title: '' }), 422, 'invalid', 'title');
        assertError(await book({ video_url: 'javascript:alert(1)' }), 422, 'invalid', 'video_url');
        assertError(await book({ attendees: [{ person_id: w.partner.id }, { email: 'x' }] }), 422, 'invalid', 'attendees[1]');
        assertError(await book({ room_id: 99999999 }), 422, 'invalid', 'room_id');
        assertError(await book({ principal_id: 99999999 }), 422, 'invalid', 'principal_id');
        assert.equal((await h.srv.getOk(`/api/v1/meetings?principal_id=${w.exec.id}`)).items.length, before);
    });

    test('booking on behalf: the supporting assistant may, another may not; both names audited', async () => {
        const body = {
            principal_id: w.exec.id, title: 'Budget review; Q2', start_at: '2027-03-02T14:00:00Z', duration_minutes: 60,
            place: 'Tallinn office', video_url: 'https://video.example/budget', room_id: w.room.id,
            attendees: [{ person_id: w.partner.id }, { email: 'guest@partner.example', required: false }],
        };
        assertError(await h.srv.post('/api/v1/meetings', body, as('other')), 403, 'forbidden', 'principal_id');
        const r = await h.srv.post('/api/v1/meetings', body, as('asst'));
        assert.equal(r.status, 201, r.text);
        w.meeting = r.json;
        assert.equal(r.json.booked_by, w.asstLogin);
        assert.equal(r.json.end_at, '2027-03-02T15:00:00Z');
        assert.equal(r.json.sequence, 0);
        assert.equal(r.json.attendees.length, 2);
        assert.equal(r.json.mails_queued, 3); // the executive, the partner, the guest
        const audit = await h.srv.getOk(`/api/v1/audit?entity=meeting&entity_id=${r.json.id}`);
        const book = audit.items.find((a) => a.action === 'book');
        assert.ok(book, JSON.stringify(audit.items));
        assert.equal(book.actor, w.asstLogin);
        assert.equal(book.after.on_behalf_of, 'Mari Maasikas');
        // The room is taken then; too small for four.
        assertError(await h.srv.post('/api/v1/meetings', { ...body, attendees: [] }, as('exec')), 409, 'conflict', 'room_id');
        assertError(await h.srv.post('/api/v1/meetings', {
            ...body, start_at: '2027-03-03T14:00:00Z',
            attendees: [...body.attendees, { email: 'a@x.example' }, { email: 'b@x.example' }],
        }), 422, 'invalid', 'room_id');
        // Find-a-time now skips Tuesday.
        const f = await h.srv.post('/api/v1/meetings/find-time', search());
        assert.deepEqual(f.json.slots.map((s) => s.start), ['2027-03-03T14:00:00Z']);
        // The other assistant does not see the meeting (404 like a missing one); the partner
        // sees their own attendee row.
        assert.equal((await h.srv.get(`/api/v1/meetings/${r.json.id}`, as('other'))).status, 404);
        assert.equal((await h.srv.get(`/api/v1/meetings/${r.json.id}`, as('asst'))).status, 200);
    });

    test('the CLI finds the same time', async () => {
        const r = await runOk(['meeting', 'find-time', '--db', h.srv.db, '--principal', String(w.exec.id),
            '--with', String(w.partner.id), '--optional', 'guest@partner.example',
            '--from', '2027-03-01T00:00:00Z', '--to', '2027-03-04T00:00:00Z', '--duration', '60', '--count', '3']);
        assert.match(r.stdout, /^2027-03-03T14:00:00Z {2}2027-03-03T15:00:00Z {2}score 0/m);
        const bad = await run(['meeting', 'find-time', '--db', h.srv.db, '--principal', String(w.exec.id),
            '--from', '2027-03-01T00:00:00Z', '--to', '2027-03-04T00:00:00Z']);
        assert.equal(bad.code, 1);
        assert.match(bad.stderr, /duration_minutes is required/);
    });

    /** The meeting's mails of a kind, newest last, with their iTIP text parsed. */
    async function mails(kind) {
        const all = await h.srv.listAll(`/api/v1/mail?kind=${kind}`);
        return all.filter((m) => m.ics && m.ics.includes(w.meeting.uid)).map((m) => ({ ...m, cal: parseIcs(m.ics) }));
    }

    test('invitations: iTIP REQUEST to everyone, in their language, UID stable', async () => {
        const inv = await mails('meeting.invite');
        assert.equal(inv.length, 3);
        assert.deepEqual(new Set(inv.map((m) => m.to_address)), new Set([w.exec.email, w.partner.email, 'guest@partner.example']));
        for (const m of inv) {
            assert.equal(prop(m.cal, 'METHOD').value, 'REQUEST');
            const ev = m.cal.children.find((c) => c.name === 'VEVENT');
            assert.equal(prop(ev, 'UID').value, w.meeting.uid);
            assert.equal(prop(ev, 'SEQUENCE').value, '0');
            assert.equal(prop(ev, 'DTSTART').value, '20270302T140000Z');
            assert.equal(prop(ev, 'SUMMARY').value, 'Budget review\\; Q2');
            assert.equal(prop(ev, 'ORGANIZER').value, `mailto:${w.exec.email}`);
            const att = props(ev, 'ATTENDEE');
            assert.equal(att.length, 2);
            assert.equal(att.find((a) => a.value === 'mailto:guest@partner.example').params.ROLE, 'OPT-PARTICIPANT');
            assert.equal(att.find((a) => a.value === `mailto:${w.partner.email}`).params.ROLE, 'REQ-PARTICIPANT');
            assert.match(m.subject, /Budget review; Q2/);
        }
        // The partner reads the time in New York's zone.
        const p = inv.find((m) => m.to_address === w.partner.email);
        assert.match(p.body, /2027-03-02 09:00–10:00 \(America\/New_York\)/);
    });

    test('a move sends SEQUENCE 1, a cancellation METHOD:CANCEL with SEQUENCE 2', async () => {
        const r = await h.srv.post(`/api/v1/meetings/${w.meeting.id}/reschedule`, { start_at: '2027-03-03T14:00:00Z' }, as('exec'));
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.sequence, 1);
        assert.equal(r.json.uid, w.meeting.uid);
        const up = await mails('meeting.update');
        assert.equal(up.length, 3);
        const ev = up[0].cal.children.find((c) => c.name === 'VEVENT');
        assert.equal(prop(ev, 'SEQUENCE').value, '1');
        assert.equal(prop(ev, 'DTSTART').value, '20270303T140000Z');
        assertError(await h.srv.post(`/api/v1/meetings/${w.meeting.id}/cancel`, {}, as('other')), 404, 'not_found');
        const c = await h.srv.post(`/api/v1/meetings/${w.meeting.id}/cancel`, {}, as('asst'));
        assert.equal(c.status, 200, c.text);
        assert.equal(c.json.status, 'cancelled');
        const cancel = await mails('meeting.cancel');
        assert.equal(cancel.length, 3);
        assert.equal(prop(cancel[0].cal, 'METHOD').value, 'CANCEL');
        const cev = cancel[0].cal.children.find((x) => x.name === 'VEVENT');
        assert.equal(prop(cev, 'SEQUENCE').value, '2');
        assert.equal(prop(cev, 'STATUS').value, 'CANCELLED');
        assert.equal(prop(cev, 'UID').value, w.meeting.uid);
        assertError(await h.srv.post(`/api/v1/meetings/${w.meeting.id}/cancel`, {}), 409, 'invalid_transition', 'status');
    });

    test('calendar feeds: secret shown once, valid RFC 5545 with VTIMEZONE, busy-only, revocable', async () => {
        const b = await h.srv.post('/api/v1/meetings', {
            principal_id: w.exec.id, title: 'Strategy day', start_at: '2027-03-04T08:00:00Z', duration_minutes: 120,
            attendees: [{ person_id: w.partner.id }],
        }, as('asst'));
        assert.equal(b.status, 201, b.text);
        // An approved absence of the executive is in the feed too (the absence domain's hook).
        const away = await h.srv.create('absences', { person_id: w.exec.id, kind: 'vacation', start_at: '2027-03-08T07:00:00Z', end_at: '2027-03-10T15:00:00Z' });
        assert.equal((await h.srv.post(`/api/v1/absences/${away.id}/approve`, {})).status, 200);
        const f = await h.srv.post('/api/v1/feeds', {}, as('exec'));
        assert.equal(f.status, 201, f.text);
        assert.match(f.json.token, /^hlf_/);
        assert.ok(f.json.url.endsWith(f.json.token));
        const list = await h.srv.get('/api/v1/feeds', as('exec'));
        assert.equal(list.json.items.length, 1);
        assert.ok(!list.text.includes(f.json.token), 'the secret is never listed');
        // Anyone with the URL reads it, without signing in.
        const feed = await h.srv.get(f.json.url, { auth: false });
        assert.equal(feed.status, 200, feed.text);
        assert.match(feed.headers.get('content-type'), /^text\/calendar/);
        const cal = parseIcs(feed.text);
        assertValidCalendar(cal);
        const tz = cal.children.find((c) => c.name === 'VTIMEZONE');
        assert.equal(prop(tz, 'TZID').value, 'Europe/Tallinn');
        const ev = cal.children.find((c) => c.name === 'VEVENT' && prop(c, 'UID').value === b.json.uid);
        assert.ok(ev, 'the meeting is in the executive\'s feed');
        assert.equal(prop(ev, 'SUMMARY').value, 'Strategy day');
        assert.equal(prop(ev, 'DTSTART').params.TZID, 'Europe/Tallinn');
        assert.equal(prop(ev, 'DTSTART').value, '20270304T100000');
        const leave = cal.children.find((c) => c.name === 'VEVENT' && prop(c, 'UID').value === `absence-${away.id}@haldus`);
        assert.ok(leave, 'the approved absence is in the feed');
        assert.equal(prop(leave, 'SUMMARY').value, 'Away: vacation');
        // The cancelled meeting is not in it.
        assert.ok(!feed.text.includes(w.meeting.uid));
        // Busy only: the same events, no titles.
        const busy = await h.srv.post('/api/v1/feeds', { busy_only: true }, as('exec'));
        const bf = await h.srv.get(busy.json.url, { auth: false });
        assertValidCalendar(parseIcs(bf.text));
        assert.ok(bf.text.includes(b.json.uid));
        assert.ok(!bf.text.includes('Strategy day'));
        // The partner's feed (New York) holds the meeting in their zone.
        // Revoked: the URL stops working; another person cannot revoke it.
        assertError(await h.srv.del(`/api/v1/feeds/${f.json.id}`, undefined, as('asst')), 404, 'not_found');
        assert.equal((await h.srv.del(`/api/v1/feeds/${f.json.id}`, undefined, as('exec'))).status, 204);
        assertError(await h.srv.get(f.json.url, { auth: false }), 404, 'not_found', 'token');
        assertError(await h.srv.get('/api/v1/calendar.ics?token=hlf_guessed', { auth: false }), 404, 'not_found', 'token');
        assert.equal((await h.srv.get(busy.json.url, { auth: false })).status, 200);
        assertError(await h.srv.post('/api/v1/feeds', { busy_only: 'yes' }, as('exec')), 422, 'invalid', 'busy_only');
    });
});
