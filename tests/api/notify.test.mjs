// notify.test.mjs: the notification kinds people may turn off are really sent, through the
// outbox (GET /api/v1/mail): absence.decided (to the absent person, in their language, with who
// decided), cover.assigned (one mail per covering assistant), task.assigned (created for or
// moved to an assistant by someone else), correspondence.overdue (the desk's tick, once per
// item); each once, not when the person turned the kind off, nothing on a refused request. The
// mail list hides mediation mails from an admin without the manager role.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runOk, useServer } from './lib.mjs';

const DEMO_PASSWORD = 'haldus-demo-2026';
const KADRI = 'kadri.tamm@demo.haldus.example'; // an assistant in Tallinn: Estonian
const DANIEL = 'daniel.davies@demo.haldus.example'; // an assistant in London: English
const OLIVER = 'oliver.bennett@demo.haldus.example'; // London; the demo's absence #5 is his

/** Signs in as login and returns a request helper (method, url, json, ifMatch). */
async function as(srv, login) {
    const r = await fetch(`${srv.base}/api/v1/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login, password: DEMO_PASSWORD }),
    });
    const body = await r.json();
    assert.equal(r.status, 201, JSON.stringify(body));
    const cookie = (r.headers.get('set-cookie') || '').split(';')[0];
    const f = async (method, url, json, ifMatch) => {
        const headers = { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': body.csrf_token };
        if (ifMatch !== undefined) headers['If-Match'] = `"${ifMatch}"`;
        const res = await fetch(`${srv.base}${url}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
        const text = await res.text();
        let parsed = null;
        try {
            parsed = JSON.parse(text);
        } catch {
            /* not JSON */
        }
        return { status: res.status, json: parsed, text };
    };
    f.person = body.account?.person_id;
    return f;
}

describe('notifications that are offered are sent', () => {
    const h = useServer();
    let manager;
    /** Every mail of a kind (managers see all), oldest first. */
    const mails = async (kind) => {
        const r = await manager('GET', `/api/v1/mail?kind=${encodeURIComponent(kind)}&limit=500`);
        assert.equal(r.status, 200, r.text);
        return r.json.items;
    };
    const personOf = async (login) => {
        const me = await as(h.srv, login);
        const r = await me('GET', '/api/v1/session');
        assert.equal(r.status, 200, r.text);
        const id = r.json.account?.person_id ?? r.json.person_id;
        assert.ok(id > 0, r.text);
        return { me, id };
    };
    const off = async (me, kind) => {
        const r = await me('PATCH', '/api/v1/me/notifications', { notifications: [{ kind, enabled: false }] });
        assert.equal(r.status, 200, r.text);
    };

    test('task.assigned: created for or moved to an assistant by someone else, once, in their language', async () => {
        manager = await as(h.srv, 'manager@demo.haldus.example');
        const kadri = await personOf(KADRI);
        const daniel = await personOf(DANIEL);
        const before = (await mails('task.assigned')).length;
        const made = await manager('POST', '/api/v1/tasks', { assistant_id: kadri.id, title: 'Book the board room', due_at: '2030-03-04T08:00:00Z' });
        assert.equal(made.status, 201, made.text);
        let got = await mails('task.assigned');
        assert.equal(got.length, before + 1, 'one mail for the new task');
        const k = got.at(-1);
        assert.equal(k.person_id, kadri.id);
        assert.equal(k.lang, 'et');
        assert.equal(k.subject, 'Uus ülesanne: Book the board room');
        // Her time zone: 08:00 UTC is 10:00 in Tallinn in March.
        assert.match(k.body, /Tähtaeg: 2030-03-04 10:00 \(Europe\/Tallinn\)/);
        // A refused move (stale If-Match) sends nothing.
        const stale = await manager('PATCH', `/api/v1/tasks/${made.json.id}`, { assistant_id: daniel.id }, made.json.version + 7);
        assert.equal(stale.status, 412, stale.text);
        assert.equal((await mails('task.assigned')).length, before + 1, 'nothing on a refused request');
        // Moved to Daniel: one English mail to him.
        const moved = await manager('PATCH', `/api/v1/tasks/${made.json.id}`, { assistant_id: daniel.id }, made.json.version);
        assert.equal(moved.status, 200, moved.text);
        got = await mails('task.assigned');
        assert.equal(got.length, before + 2);
        assert.equal(got.at(-1).person_id, daniel.id);
        assert.equal(got.at(-1).lang, 'en');
        assert.equal(got.at(-1).subject, 'New task: Book the board room');
        // Another change that keeps the assistant tells nobody.
        const retitled = await manager('PATCH', `/api/v1/tasks/${made.json.id}`, { title: 'Book the big board room' }, moved.json.version);
        assert.equal(retitled.status, 200, retitled.text);
        assert.equal((await mails('task.assigned')).length, before + 2, 'not moved: no mail');
        // Her own task: no mail.
        const own = await kadri.me('POST', '/api/v1/tasks', { assistant_id: kadri.id, title: 'Tidy the shared drive' });
        assert.equal(own.status, 201, own.text);
        assert.equal((await mails('task.assigned')).length, before + 2, 'her own task: no mail');
        // Turned off: none.
        await off(daniel.me, 'task.assigned');
        const quiet = await manager('POST', '/api/v1/tasks', { assistant_id: daniel.id, title: 'Order flowers' });
        assert.equal(quiet.status, 201, quiet.text);
        assert.equal((await mails('task.assigned')).length, before + 2, 'he turned the kind off');
    });

    test('absence.decided and cover.assigned: approve → plan → accept, reject; each once', async () => {
        manager = manager || (await as(h.srv, 'manager@demo.haldus.example'));
        const kadri = await personOf(KADRI);
        const oliver = await personOf(OLIVER);
        const decided0 = (await mails('absence.decided')).length;
        // The demo's absence #1 is Kadri's week off, waiting.
        const abs = (await manager('GET', '/api/v1/absences/1')).json;
        assert.equal(abs.person_id, kadri.id);
        assert.equal(abs.status, 'requested');
        const stale = await manager('POST', '/api/v1/absences/1/approve', {}, abs.version + 9);
        assert.equal(stale.status, 412, stale.text);
        assert.equal((await mails('absence.decided')).length, decided0, 'nothing on a refused request');
        const ap = await manager('POST', '/api/v1/absences/1/approve', { note: 'enjoy' }, abs.version);
        assert.equal(ap.status, 200, ap.text);
        let got = await mails('absence.decided');
        assert.equal(got.length, decided0 + 1);
        const m = got.at(-1);
        assert.equal(m.person_id, kadri.id);
        assert.equal(m.lang, 'et');
        assert.equal(m.subject, 'Sinu puudumine on kinnitatud');
        const full = (await manager('GET', `/api/v1/mail/${m.id}`)).json;
        assert.match(full.body, /kinnitas sinu puudumise \(puhkus\)/);
        assert.match(full.body, /\(Europe\/Tallinn\)/);
        assert.match(full.body, /Märkus: enjoy/);
        const mgrName = (await manager('GET', `/api/v1/people/${manager.person}`)).json?.name;
        if (mgrName) assert.ok(full.body.includes(mgrName), `names who decided: ${full.body}`);

        // Accepting the plan: one mail per covering assistant, listing each executive and time.
        const plan = ap.json.coverage_plan;
        assert.ok(plan && plan.covers.length > 0, ap.text.slice(0, 300));
        const covers0 = (await mails('cover.assigned')).length;
        const acc = await manager('POST', `/api/v1/coverage/plans/${plan.id}/accept`, {});
        assert.equal(acc.status, 200, acc.text);
        const byAssistant = new Map();
        for (const c of plan.covers) byAssistant.set(c.assistant_id, (byAssistant.get(c.assistant_id) || 0) + 1);
        got = (await mails('cover.assigned')).slice(covers0);
        assert.equal(got.length, byAssistant.size, 'one mail per covering assistant');
        assert.deepEqual(got.map((x) => x.person_id).sort((a, b) => a - b), [...byAssistant.keys()].sort((a, b) => a - b));
        for (const x of got) {
            const body = (await manager('GET', `/api/v1/mail/${x.id}`)).json.body;
            const lines = body.split('\n').filter((l) => l.startsWith('- '));
            assert.equal(lines.length, byAssistant.get(x.person_id), body);
            assert.ok(lines.every((l) => /^- .+: \d{4}-\d\d-\d\d \d\d:\d\d.* \(Europe\/(Tallinn|London)\)$/.test(l)), body);
        }
        // Accepting again accepts nothing and tells nobody.
        const again = await manager('POST', `/api/v1/coverage/plans/${plan.id}/accept`, {});
        assert.notEqual(again.status, 500, again.text);
        assert.equal((await mails('cover.assigned')).length, covers0 + byAssistant.size);

        // Rejecting Oliver's absence (#5): English.
        const a5 = (await manager('GET', '/api/v1/absences/5')).json;
        assert.equal(a5.person_id, oliver.id);
        const rej = await manager('POST', '/api/v1/absences/5/reject', {}, a5.version);
        assert.equal(rej.status, 200, rej.text);
        got = await mails('absence.decided');
        assert.equal(got.length, decided0 + 2);
        assert.equal(got.at(-1).person_id, oliver.id);
        assert.equal(got.at(-1).lang, 'en');
        assert.equal(got.at(-1).subject, 'Your absence was rejected');

        // Turned off: a new absence of his, rejected, sends nothing.
        await off(oliver.me, 'absence.decided');
        const mine = await oliver.me('POST', '/api/v1/absences', { person_id: oliver.id, kind: 'other', start_at: '2031-05-05T08:00:00Z', end_at: '2031-05-05T12:00:00Z' });
        assert.equal(mine.status, 201, mine.text);
        const rej2 = await manager('POST', `/api/v1/absences/${mine.json.id}/reject`, {}, mine.json.version);
        assert.equal(rej2.status, 200, rej2.text);
        assert.equal((await mails('absence.decided')).length, decided0 + 2, 'he turned the kind off');
        // Cancelling his own: no decision mail.
        const mine2 = await oliver.me('POST', '/api/v1/absences', { person_id: oliver.id, kind: 'other', start_at: '2031-06-05T08:00:00Z', end_at: '2031-06-05T12:00:00Z' });
        assert.equal(mine2.status, 201, mine2.text);
        const cancel = await oliver.me('POST', `/api/v1/absences/${mine2.json.id}/cancel`, {}, mine2.json.version);
        assert.equal(cancel.status, 200, cancel.text);
        assert.equal((await mails('absence.decided')).length, decided0 + 2);
    });

    test('correspondence.overdue: the desk tick tells each handler once per item', async () => {
        manager = manager || (await as(h.srv, 'manager@demo.haldus.example'));
        const today = new Date().toISOString().slice(0, 10);
        const items = (await manager('GET', '/api/v1/correspondence?status=open&limit=500')).json.items;
        const overdue = items.filter((c) => c.reply_due && c.reply_due < today);
        assert.ok(overdue.length > 0, 'the demo has overdue correspondence');
        const before = (await mails('correspondence.overdue')).length;
        const run1 = await runOk(['jobs', 'run', '--db', h.srv.db]);
        assert.match(run1.stdout, new RegExp(`^desk: ${overdue.length} overdue correspondence items?, ${overdue.length} notices? queued$`, 'm'));
        let got = (await mails('correspondence.overdue')).slice(before);
        assert.equal(got.length, overdue.length);
        assert.deepEqual(got.map((m) => m.person_id).sort((a, b) => a - b), overdue.map((c) => c.handler_id).sort((a, b) => a - b));
        const run2 = await runOk(['jobs', 'run', '--db', h.srv.db]);
        assert.doesNotMatch(run2.stdout, /^desk:/m, 'once per item');
        assert.equal((await mails('correspondence.overdue')).length, before + overdue.length);
        // A new reply date that passes is told again; a handler who turned the kind off is not.
        const c = overdue[0];
        const later = new Date(Date.now() + 10 * 86400e3).toISOString().slice(0, 10);
        const upd = await manager('PATCH', `/api/v1/correspondence/${c.id}`, { reply_due: later }, c.version);
        assert.equal(upd.status, 200, upd.text);
        const at = new Date(Date.now() + 12 * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z');
        const run3 = await runOk(['jobs', 'run', '--at', at, '--db', h.srv.db]);
        assert.match(run3.stdout, /^desk: \d+ overdue correspondence items?/m);
        got = (await mails('correspondence.overdue')).slice(before + overdue.length);
        assert.ok(got.some((m) => m.person_id === c.handler_id), 'the moved date was told again');
    });

    test('the mail list: managers see mediation mails, an admin without the manager role does not', async () => {
        manager = manager || (await as(h.srv, 'manager@demo.haldus.example'));
        const m = await manager('GET', '/api/v1/mail?limit=500');
        assert.equal(m.status, 200, m.text);
        const med = m.json.items.filter((x) => x.kind.startsWith('mediation.'));
        assert.ok(med.length > 0, 'the demo queues mediation mails');
        assert.ok(m.json.items.every((x) => x.kind && x.to_address), 'kind and recipient shown');
        const admin = await h.srv.getOk('/api/v1/mail?limit=500');
        assert.ok(admin.items.length > 0);
        assert.deepEqual(admin.items.filter((x) => x.kind.startsWith('mediation.')), []);
        assert.equal(admin.items.length, m.json.items.length - med.length, 'only the mediation mails are hidden');
        assert.equal((await h.srv.get(`/api/v1/mail/${med[0].id}`)).status, 404);
        assert.equal((await manager('GET', `/api/v1/mail/${med[0].id}`)).status, 200);
        const byKind = await h.srv.getOk('/api/v1/mail?kind=mediation.session&limit=500');
        assert.deepEqual(byKind.items, []);
    });
});
