// fixes.test.mjs: small defects found in review, each pinned by a test that failed before its
// fix: the mediation settings' first version, mediation mails in an admin's outbox counts and
// retries, overdue correspondence on the handler's own day (mailed and on Today), local due
// times in `task list`, the command line named in mail as its operator, ...

import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, test } from 'node:test';
import { assertError, personBody, principalBody, run, runOk, useServer } from './lib.mjs';

const MANAGER = 'manager@demo.haldus.example';
const ASSISTANT = 'kadri.tamm@demo.haldus.example';
const isoDay = (n) => new Date(Date.now() + n * 86400e3).toISOString().slice(0, 10);

async function tokenFor(srv, login) {
    const r = await runOk(['user', 'token', login, '--db', srv.db, '--name', 'fixes tests']);
    const m = /hld_[A-Za-z0-9_-]+/.exec(r.stdout);
    assert.ok(m, `no token for ${login}: ${r.stdout}`);
    return m[0];
}

/** Requests as the holder of token; the server's own token is the admin's. */
function as(srv, token) {
    const headers = { Authorization: `Bearer ${token}` };
    return {
        get: (url) => srv.req('GET', url, { headers }),
        post: (url, json, ifMatch) => srv.req('POST', url, { headers, json, ifMatch }),
    };
}

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

    test('mail: an admin without the manager role neither counts nor retries mediation mails', async () => {
        const srv = h.srv;
        const manager = as(srv, await tokenFor(srv, MANAGER));
        const assistant = as(srv, await tokenFor(srv, ASSISTANT));
        /** The mediation mails (what the manager role sees and an admin must not), by status. */
        const mediation = async () => {
            const out = { queued: [], sent: [], failed: [] };
            let cursor = '';
            do {
                const page = (await manager.get(`/api/v1/mail?limit=500${cursor && `&cursor=${encodeURIComponent(cursor)}`}`)).json;
                for (const m of page.items) if (m.kind.startsWith('mediation.')) out[m.status].push(m);
                cursor = page.next_cursor;
            } while (cursor);
            return out;
        };
        const a = (await assistant.get('/api/v1/me')).json.account.person_id;
        const p = (await srv.getOk(`/api/v1/assistants/${a}/principals`)).principals[0].principal_id;
        const c = await manager.post('/api/v1/cases', { category: 'conduct', summary: 'a quarrel', parties: [a, p] });
        assert.equal(c.status, 201, c.text);
        const s = await manager.post(`/api/v1/cases/${c.json.id}/sessions`, {
            start_at: `${isoDay(2)}T09:00:00Z`,
            end_at: `${isoDay(2)}T10:00:00Z`,
            attendees: [a],
        });
        assert.equal(s.status, 201, s.text);
        let med = await mediation();
        const invitations = med.queued.filter((m) => (m.ics || '').includes(`case-session-${s.json.id}@haldus`));
        assert.equal(invitations.length, 2, 'an invitation to the party and one to the manager');

        // The summary: the manager counts the mediation mails, the admin does not.
        const adminSum = await srv.getOk('/api/v1/mail/summary');
        const mgrSum = (await manager.get('/api/v1/mail/summary')).json;
        for (const k of ['queued', 'sent', 'failed'])
            assert.equal(adminSum[k], mgrSum[k] - med[k].length, `the admin's ${k} count holds mediation mails`);

        // Retry by id: for the admin exactly as a mail that does not exist; nothing changes.
        const m = invitations[0];
        const missing = await srv.post('/api/v1/mail/987654321/retry', {});
        const hidden = await srv.post(`/api/v1/mail/${m.id}/retry`, {});
        assertError(hidden, 404, 'not_found');
        assert.equal(hidden.text.split(String(m.id)).join('ID'), missing.text.split('987654321').join('ID'));
        assertError(await srv.get(`/api/v1/mail/${m.id}`), 404, 'not_found');
        assert.equal((await manager.get(`/api/v1/mail/${m.id}`)).json.version, m.version, "the admin's retry changed the mail");
        const ok = await manager.post(`/api/v1/mail/${m.id}/retry`, {});
        assert.equal(ok.status, 200, ok.text);
        assert.equal((await manager.get(`/api/v1/mail/${m.id}`)).json.version, m.version + 1);

        // Every failed mail again: the admin's leaves the mediation mails failed, the manager's not.
        // A relay that refuses every session: each mail fails for good at the first attempt.
        const relay = net.createServer((sock) => sock.end('554 no service here\r\n'));
        await new Promise((resolve) => relay.listen(0, '127.0.0.1', resolve));
        try {
            const url = `smtp://127.0.0.1:${relay.address().port}`;
            await runOk(['mail', 'send', '--db', srv.db, '--smtp', url, '--smtp-from', 'pool@example.org', '--smtp-retry-limit', '1']);
        } finally {
            relay.close();
        }
        med = await mediation();
        assert.ok(med.failed.length >= 2, 'the invitations failed');
        const failedAll = (await manager.get('/api/v1/mail/summary')).json.failed;
        const r = await srv.post('/api/v1/mail/retry', { status: 'failed' });
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.requeued, failedAll - med.failed.length);
        assert.equal((await mediation()).failed.length, med.failed.length, 'the admin requeued mediation mails');
        const r2 = await manager.post('/api/v1/mail/retry', { status: 'failed' });
        assert.equal(r2.json.requeued, med.failed.length);
    });

    test("desk: a reply is overdue once its due day has ended in the handler's zone", async () => {
        const srv = h.srv;
        const exec = await srv.create('principals', principalBody());
        const tallinn = await srv.create('assistants', personBody({ time_zone: 'Europe/Tallinn' }));
        const newYork = await srv.create('assistants', personBody({ time_zone: 'America/New_York' }));
        const DUE = '2030-01-15'; // winter: Tallinn is UTC+2, New York UTC-5
        for (const handler of [tallinn, newYork])
            await srv.create('correspondence', {
                principal_id: exec.id,
                direction: 'incoming',
                kind: 'letter',
                counterpart: 'Ministry',
                subject: `Reply by ${DUE}`,
                date: '2030-01-10',
                reply_due: DUE,
                handler_id: handler.id,
            });
        const told = async (person) =>
            (await srv.getOk(`/api/v1/mail?kind=correspondence.overdue&person_id=${person.id}`)).items.length;
        const tick = (at) => runOk(['jobs', 'run', '--at', at, '--db', srv.db]);

        await tick('2030-01-15T21:30:00Z'); // Tallinn 23:30 on the due day, New York 16:30
        assert.equal(await told(tallinn), 0, 'overdue in Tallinn before its midnight');
        assert.equal(await told(newYork), 0);
        await tick('2030-01-15T23:30:00Z'); // Tallinn 01:30 the next day; still the due day in UTC
        assert.equal(await told(tallinn), 1, 'not overdue in Tallinn after its midnight');
        assert.equal(await told(newYork), 0);
        await tick('2030-01-16T01:00:00Z'); // New York 20:00 on the due day; the next day in UTC
        assert.equal(await told(newYork), 0, 'overdue in New York before its midnight');
        await tick('2030-01-16T05:30:00Z'); // New York 00:30 the next day
        assert.equal(await told(newYork), 1, 'not overdue in New York after its midnight');
        assert.equal(await told(tallinn), 1, 'told twice');
    });

    test("CLI: task list shows due times in the assistant's zone (or --tz), --json stays UTC", async () => {
        const srv = h.srv;
        const db = ['--db', srv.db];
        const a = await srv.create('assistants', personBody({ time_zone: 'Europe/Tallinn' }));
        const winter = await srv.create('tasks', { assistant_id: a.id, title: 'Winter task', due_at: '2026-11-23T07:00:00Z' });
        const summer = await srv.create('tasks', { assistant_id: a.id, title: 'Summer task', due_at: '2026-07-01T07:00:00Z' });
        const undated = await srv.create('tasks', { assistant_id: a.id, title: 'Some day' });
        const line = (out, t) => out.split('\n').find((l) => l.startsWith(`${t.id} `));

        const list = (await runOk(['task', 'list', '--assistant-id', String(a.id), ...db])).stdout;
        assert.doesNotMatch(list, /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/, 'a raw UTC instant');
        assert.match(line(list, winter), /^\d+ +open +2026-11-23 09:00 \(Europe\/Tallinn\) +Winter task$/);
        assert.match(line(list, summer), /^\d+ +open +2026-07-01 10:00 \(Europe\/Tallinn\) +Summer task$/);
        assert.match(line(list, undated), /^\d+ +open +- +Some day$/);

        const ny = (await runOk(['task', 'list', '--assistant-id', String(a.id), '--tz', 'America/New_York', ...db])).stdout;
        assert.match(line(ny, winter), / 2026-11-23 02:00 \(America\/New_York\) +Winter task$/);
        assert.match(line(ny, summer), / 2026-07-01 03:00 \(America\/New_York\) +Summer task$/);

        const json = JSON.parse(`[${(await runOk(['task', 'list', '--assistant-id', String(a.id), '--json', ...db])).stdout.trim().replace(/\n\}\n\{/g, '\n},\n{')}]`);
        assert.deepEqual(json.map((t) => t.due_at), ['2026-11-23T07:00:00Z', '2026-07-01T07:00:00Z', null]);

        const bad = await run(['task', 'list', '--tz', 'europe/tallinn', ...db]);
        assert.equal(bad.code, 2);
        assert.match(bad.stderr, /Europe\/Tallinn/);
        assert.equal((await run(['task', 'add', '--tz', 'UTC', '--assistant-id', String(a.id), '--title', 'x', ...db])).code, 2);
    });

    test('a decision on the command line names the administrator in mail, in the reader\'s language', async () => {
        const srv = h.srv;
        const db = ['--db', srv.db];
        const kadri = (await as(srv, await tokenFor(srv, ASSISTANT)).get('/api/v1/me')).json.account.person_id; // reads Estonian
        const other = await srv.create('assistants', personBody({ time_zone: 'Europe/London' })); // no account: English
        const absence = (person, day) =>
            srv.create('absences', { person_id: person, kind: 'other', start_at: `${day}T00:00:00Z`, end_at: `${day}T23:00:00Z` });
        const a1 = await absence(kadri, '2031-03-04');
        const a2 = await absence(other.id, '2031-03-05');
        await runOk(['absence', 'approve', String(a1.id), ...db]);
        await runOk(['absence', 'reject', String(a2.id), '--note', 'busy week', ...db]);
        const decided = async (person) => {
            const items = (await srv.getOk(`/api/v1/mail?kind=absence.decided&person_id=${person}`)).items;
            return items.sort((x, y) => y.id - x.id)[0];
        };
        const et = await decided(kadri);
        assert.equal(et.lang, 'et');
        assert.match(et.body, /\n\nAdministraator \(käsurida\) kinnitas sinu puudumise/);
        const en = await decided(other.id);
        assert.equal(en.lang, 'en');
        assert.match(en.body, /\n\nThe administrator \(command line\) rejected your absence/);
        for (const m of [et, en]) assert.doesNotMatch(m.body, /\bcli\b/);
        // The audit log keeps the tag.
        const audit = await srv.getOk(`/api/v1/audit?entity=absence&entity_id=${a1.id}`);
        assert.ok(audit.items.some((x) => x.actor === 'cli' && x.action === 'approve'));
    });

    test("desk: the manager's Today marks a reply overdue once its due day has ended in the handler's zone", async () => {
        // The server reads the real clock, so the handlers sit where the local date differs from
        // the UTC one at any hour: Kiritimati (UTC+14) is a day ahead from 10:00 UTC, Pago Pago
        // (UTC-11) a day behind until 11:00 UTC; Tallinn is a day ahead from 22:00 UTC (winter).
        const srv = h.srv;
        const manager = as(srv, await tokenFor(srv, MANAGER));
        const exec = await srv.create('principals', principalBody());
        const zones = ['Europe/Tallinn', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
        const handlers = [];
        for (const zone of zones) handlers.push(await srv.create('assistants', personBody({ time_zone: zone })));
        const localDay = (zone, ms) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
        const plus = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
        // Items due the day before, on and after each handler's own today; retried once should a
        // local midnight pass while they are written and read.
        const closeAll = async (items) => {
            for (const it of items) assert.equal((await srv.post(`/api/v1/correspondence/${it.id}/close`, {}, it.version)).status, 200);
        };
        for (let attempt = 0; ; attempt++) {
            const t0 = Date.now();
            const items = [];
            for (const [i, zone] of zones.entries()) {
                const today = localDay(zone, t0);
                for (const n of [-1, 0, 1]) {
                    const due = plus(today, n);
                    const c = await srv.create('correspondence', {
                        principal_id: exec.id,
                        direction: 'incoming',
                        kind: 'letter',
                        counterpart: 'Ministry',
                        subject: `Reply by ${due} (${zone})`,
                        date: plus(today, -3),
                        reply_due: due,
                        handler_id: handlers[i].id,
                    });
                    items.push({ id: c.id, version: c.version, zone, due, n });
                }
            }
            const r = await manager.get('/api/v1/my-day');
            assert.equal(r.status, 200, r.text);
            const t1 = Date.now();
            if (zones.some((z) => localDay(z, t0) !== localDay(z, t1)) || localDay('UTC', t0) !== localDay('UTC', t1)) {
                assert.ok(attempt < 1, 'a local midnight passed twice');
                await closeAll(items);
                continue;
            }
            const got = new Map(r.json.correspondence.map((c) => [c.id, c]));
            const utcToday = localDay('UTC', t0);
            let differs = 0;
            for (const it of items) {
                const c = got.get(it.id);
                // Due by the handler's own today, overdue when before it.
                assert.equal(Boolean(c), it.n <= 0, `${it.zone}, due ${it.due}: listed`);
                if (c) assert.equal(c.overdue, it.n < 0, `${it.zone}, due ${it.due}: overdue`);
                if (c && c.overdue !== it.due < utcToday) differs++;
            }
            // Pinned: at any hour one of the zones is on another date than UTC, and its item
            // due on the UTC date (or the day before) is held differently than by the UTC date.
            assert.ok(differs > 0, 'no item told the handler\'s day from the UTC day');
            await closeAll(items);
            break;
        }
    });
});
