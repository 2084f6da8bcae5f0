// search.test.mjs: people search (issue 9). ?q= on the people, assistants and principals lists
// finds any word of the name (or of the e-mail's local part), ignoring case and diacritics, by
// prefix per word; user text is never read as FTS5 syntax; the visibility policy still applies.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { personBody, principalBody, runOk, useServer } from './lib.mjs';

const ASSISTANT = 'kadri.tamm@demo.haldus.example'; // the demo's case assistant

/** A word of letters only, unique to this run (the tokenizer keeps it whole). */
function word() {
    let s = 'zq';
    for (let i = 0; i < 10; i++) s += String.fromCharCode(97 + Math.floor(Math.random() * 26));
    return s;
}

describe('people search', () => {
    const h = useServer();
    const W = word(); // every record of this file carries W, so no demo person is found by it
    const rec = {};

    async function ids(path, q, opts) {
        const r = await h.srv.get(`/api/v1/${path}?q=${encodeURIComponent(q)}&limit=500`, opts);
        assert.equal(r.status, 200, `GET ${path}?q=${q}: ${r.status} ${r.text}`);
        assert.ok(Array.isArray(r.json.items), r.text);
        return r.json.items.map((x) => x.id).sort((a, b) => a - b);
    }

    before(async () => {
        const srv = h.srv;
        // people are created as assistants or principals; /people lists them all
        rec.magi = await srv.create('assistants', personBody({ name: `Kärt Mägi ${W}` }));
        rec.koppel = await srv.create('principals', principalBody({ name: `Helen Koppel ${W}` }));
        rec.mail = await srv.create('assistants', personBody({ name: 'Mail Only', email: `mail${W}@test.haldus.example` }));
        rec.assistant = await srv.create('assistants', personBody({ name: `Õie Õunapuu ${W}` }));
        rec.principal = await srv.create('principals', principalBody({ name: `Jüri Ärm ${W}` }));
    });

    test('diacritics and case are ignored, in the text and in the query', async () => {
        assert.deepEqual(await ids('people', `magi ${W}`), [rec.magi.id]);
        assert.deepEqual(await ids('people', `MÄGI ${W.toUpperCase()}`), [rec.magi.id]);
        assert.deepEqual(await ids('people', `kart ${W}`), [rec.magi.id]);
        assert.deepEqual(await ids('assistants', `ouNapuu ${W}`), [rec.assistant.id]);
        assert.deepEqual(await ids('principals', `arm ${W}`), [rec.principal.id]);
        assert.deepEqual(await ids('principals', `jyri ${W}`), []);
    });

    test('any word of the name, in any order, each a prefix', async () => {
        assert.deepEqual(await ids('people', `${W} koppel`), [rec.koppel.id]);
        assert.deepEqual(await ids('people', `helen ${W}`), [rec.koppel.id]);
        assert.deepEqual(await ids('people', `kop ${W.slice(0, 8)}`), [rec.koppel.id]);
        assert.deepEqual(await ids('people', `  ${W}  hel `), [rec.koppel.id]);
        // every word must match: Koppel and Mägi share W, but no one is both
        assert.deepEqual(await ids('people', `koppel magi ${W}`), []);
        // all records of this file (the assistant and the principal are people too)
        const all = [rec.magi.id, rec.koppel.id, rec.assistant.id, rec.principal.id].sort((a, b) => a - b);
        assert.deepEqual(await ids('people', W), all);
        assert.deepEqual(await ids('people', W.slice(0, 6)), all);
        // the lists of a role hold only that role
        assert.deepEqual(await ids('assistants', W), [rec.magi.id, rec.assistant.id].sort((a, b) => a - b));
        assert.deepEqual(await ids('principals', W), [rec.koppel.id, rec.principal.id].sort((a, b) => a - b));
    });

    test('the e-mail address is searched by its local part, not its domain', async () => {
        assert.deepEqual(await ids('people', `mail${W}`), [rec.mail.id]);
        assert.deepEqual(await ids('assistants', `MAIL${W.slice(0, 7)}`), [rec.mail.id]);
        const byDomain = await ids('people', `haldus`);
        assert.ok(!byDomain.includes(rec.koppel.id), `the domain matched: ${byDomain}`);
    });

    test('hostile text is searched as words: no error, no FTS5 syntax', async () => {
        const hostile = [
            '"', '""', "'", '*', '**', '(', ')', '()', '-', '^', ':', '+', 'AND', 'OR', 'NOT', 'NEAR',
            `${W}"`, `"${W}`, `${W}*`, `(${W})`, `NEAR(${W} koppel)`, `name:${W}`, `{name email}:${W}`,
            `${W} OR zzzz`, `${W}" OR "zzzz`, `${W} NOT koppel`, `${W} AND magi`, `-${W}`, `^${W}`,
            `${W}\\`, `${W}%`, `${W}_`, 'x'.repeat(200),
        ];
        for (const q of hostile) await ids('people', q);
        // if OR or NOT were operators these would find someone; as words they find no one
        assert.deepEqual(await ids('people', `${W} OR zzzz`), []);
        assert.deepEqual(await ids('people', `${W}" OR "zzzz`), []);
        assert.deepEqual(await ids('people', `NEAR(${W} koppel)`), []);
        assert.deepEqual(await ids('people', `${W} NOT koppel`), []);
        // punctuation around a word is no part of it
        assert.deepEqual(await ids('people', `(koppel) "${W}"`), [rec.koppel.id]);
        assert.deepEqual(await ids('people', `koppel* ${W}`), [rec.koppel.id]);
        // blank text searches nothing: the whole list
        const blank = await ids('people', '   ');
        assert.ok(blank.includes(rec.koppel.id) && blank.length > 4, `blank q: ${blank.length} rows`);
        // too long is a clear 400, as before
        const r = await h.srv.get(`/api/v1/people?q=${'x'.repeat(201)}`);
        assert.equal(r.status, 400, r.text);
    });

    test('the index follows renames and deletes', async () => {
        const srv = h.srv;
        const p = await srv.create('assistants', personBody({ name: `Anu Kivi ${W}` }));
        assert.deepEqual(await ids('people', `kivi ${W}`), [p.id]);
        const r = await srv.patch(`/api/v1/assistants/${p.id}`, { name: `Anu Rätsep ${W}` }, p.version);
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(await ids('people', `kivi ${W}`), []);
        assert.deepEqual(await ids('people', `ratsep ${W}`), [p.id]);
        const d = await srv.del(`/api/v1/assistants/${p.id}`, r.json.version);
        assert.equal(d.status, 204, d.text);
        assert.deepEqual(await ids('people', `ratsep ${W}`), []);
    });

    test('search still answers only with what the viewer may see', async () => {
        const r = await runOk(['user', 'token', ASSISTANT, '--db', h.srv.db, '--name', 'search tests']);
        const token = /hld_[A-Za-z0-9_-]+/.exec(r.stdout)[0];
        const as = { headers: { Authorization: `Bearer ${token}` } };
        const me = (await h.srv.get('/api/v1/me', as)).json.account.person_id;
        // the people of this file are nobody the assistant is linked to
        assert.deepEqual(await ids('people', W, as), []);
        assert.deepEqual(await ids('assistants', W, as), []);
        assert.deepEqual(await ids('principals', W, as), []);
        // but she finds herself, and only people she may read
        const found = await ids('people', 'kadri tamm', as);
        assert.ok(found.includes(me), `herself: ${found}`);
        for (const id of found) {
            const g = await h.srv.get(`/api/v1/people/${id}`, as);
            assert.equal(g.status, 200, `search showed ${id}, which get refuses: ${g.text}`);
        }
        // the manager's view of the same query is no smaller
        const all = await ids('people', 'kadri tamm');
        for (const id of found) assert.ok(all.includes(id));
    });
});
