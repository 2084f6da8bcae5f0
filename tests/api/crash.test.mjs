// crash.test.mjs: crash safety. 20 rounds: serve one database, stream POSTs of absences and
// skills from a few concurrent loops, kill -9 the server at a random moment 50–300 ms in, run
// `haldus check` (PRAGMA integrity_check), restart, and find every write that had been
// answered 2xx (GET by id), with its audit entry. HALDUS_CRASH_SEED=N repeats a run.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Server, ms, removeDir, run, sleep, startServer } from './lib.mjs';

const ROUNDS = 20;
const LOOPS = 3;

function mulberry32(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

describe('crash safety', () => {
    test('kill -9 at random moments loses no acknowledged write', { timeout: ms(90000) }, async (t) => {
        const seed = Number(process.env.HALDUS_CRASH_SEED) || Math.floor(Math.random() * 1e9);
        const rand = mulberry32(seed);
        const why = (s) => `${s} (HALDUS_CRASH_SEED=${seed})`;
        let srv = await startServer({ demo: true });
        const { dir, db } = srv;
        const base = { credentials: srv.opts.credentials, authorization: srv.authorization };
        const person = (await srv.getOk('/api/v1/assistants?limit=1')).items[0].id;
        const acked = []; // {kind, id, key}
        let serial = 0;
        let killedMidRequest = 0;
        try {
            for (let round = 0; round < ROUNDS; round++) {
                if (round > 0) {
                    srv = new Server(dir, db, base);
                    await srv.start();
                    // Every write of the previous round that was answered 2xx is there.
                    for (const w of acked.filter((x) => x.round === round - 1)) {
                        const r = await srv.get(`/api/v1/${w.kind}/${w.id}`);
                        assert.equal(r.status, 200, why(`round ${round}: acknowledged ${w.kind} #${w.id} is gone: ${r.text}`));
                        const key = w.kind === 'skills' ? r.json.name : r.json.note;
                        assert.equal(key, w.key, why(`round ${round}: ${w.kind} #${w.id} holds another record`));
                    }
                }
                let stop = false;
                const loop = async (n) => {
                    while (!stop) {
                        const k = serial++;
                        const kind = (k + n) % 2 === 0 ? 'skills' : 'absences';
                        const key = `crash r${round} l${n} #${k} ${seed}`;
                        const body =
                            kind === 'skills'
                                ? { name: key, category: 'crash' }
                                : {
                                      person_id: person,
                                      kind: 'other',
                                      start_at: new Date(Date.UTC(2035, 0, 1) + k * 3600e3).toISOString().replace('.000', ''),
                                      end_at: new Date(Date.UTC(2035, 0, 1) + k * 3600e3 + 1800e3).toISOString().replace('.000', ''),
                                      note: key,
                                  };
                        let r;
                        try {
                            r = await srv.post(`/api/v1/${kind}`, body, { timeout: ms(5000) });
                        } catch {
                            killedMidRequest++;
                            return; // the server is gone
                        }
                        assert.equal(r.status, 201, why(`POST ${kind}: ${r.status} ${r.text}`));
                        acked.push({ round, kind, id: r.json.id, key });
                    }
                };
                const loops = Array.from({ length: LOOPS }, (_, n) => loop(n));
                await sleep(50 + Math.floor(rand() * 250));
                await srv.kill9();
                stop = true;
                await Promise.all(loops);
                const check = await run(['check', '--db', db]);
                assert.equal(check.code, 0, why(`round ${round}: haldus check: ${check.stdout}${check.stderr}`));
                assert.match(check.stdout, /integrity ok, foreign keys ok/);
            }

            // Once more: everything acknowledged in any round is there, each with its audit entry.
            srv = new Server(dir, db, base);
            await srv.start();
            const last = acked.filter((x) => x.round === ROUNDS - 1);
            for (const w of last) assert.equal((await srv.get(`/api/v1/${w.kind}/${w.id}`)).status, 200, why(`${w.kind} #${w.id}`));
            const skills = new Map((await srv.listAll('/api/v1/skills?category=crash')).map((x) => [x.id, x.name]));
            const absences = new Map((await srv.listAll(`/api/v1/absences?person_id=${person}`)).map((x) => [x.id, x.note]));
            const audited = new Set(
                (await srv.listAll('/api/v1/audit'))
                    .filter((a) => a.action === 'create')
                    .map((a) => `${a.entity}:${a.entity_id}`),
            );
            for (const w of acked) {
                const have = w.kind === 'skills' ? skills.get(w.id) : absences.get(w.id);
                assert.equal(have, w.key, why(`acknowledged ${w.kind} #${w.id} (round ${w.round})`));
                assert.ok(audited.has(`${w.kind === 'skills' ? 'skill' : 'absence'}:${w.id}`), why(`no audit entry for ${w.kind} #${w.id}`));
            }
            // Nothing was stored twice or half: rows of this test are exactly the acknowledged
            // ones plus, at most, one unanswered write per loop per round.
            const mine = [...skills.values()].filter((n) => n.endsWith(` ${seed}`)).length;
            const ackedSkills = acked.filter((w) => w.kind === 'skills').length;
            assert.ok(mine >= ackedSkills && mine <= ackedSkills + ROUNDS * LOOPS, why(`${mine} skills for ${ackedSkills} acknowledged`));
            assert.ok(acked.length >= ROUNDS, why(`only ${acked.length} writes were acknowledged in ${ROUNDS} rounds`));
            const rounds = new Set(acked.map((w) => w.round));
            assert.ok(rounds.size >= ROUNDS / 2, why(`writes landed in only ${rounds.size} rounds`));
            await srv.stop();
            assert.equal((await run(['check', '--db', db])).code, 0);
            t.diagnostic(`${acked.length} acknowledged writes, ${killedMidRequest} cut off, seed ${seed}`);
        } finally {
            if (srv.running) await srv.kill9();
            await removeDir(dir);
        }
    });
});
