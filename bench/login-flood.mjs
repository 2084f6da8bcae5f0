// bench/login-flood.mjs: the median time of a sign-in, and the p99 of GET /api/v1/assistants
// while 200 sign-ins run at once (from a second process, so the two do not share an event
// loop). Prints figures; asserts nothing.
// Usage: node bench/login-flood.mjs BASE_URL MANAGER_TOKEN
import { fork } from 'node:child_process';

const [base, token, role, password] = process.argv.slice(2);
const SECONDS = 5;

if (role === 'flood') {
  // The child: 200 clients signing in for SECONDS, then report the answers by status.
  const answers = {};
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: 200 }, async (_, i) => {
    while (Date.now() < until) {
      const r = await fetch(`${base}/api/v1/session`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(password === '-'
          ? { login: `nobody${i}@example.org`, password: 'wrong password here' }
          : { login: 'manager@demo.haldus.example', password }) });
      await r.arrayBuffer();
      answers[r.status] = (answers[r.status] || 0) + 1;
    }
  }));
  process.send(answers);
  process.exit(0);
}

const auth = { Authorization: `Bearer ${token}` };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
async function timed(fn) {
  const t = process.hrtime.bigint();
  const r = await fn();
  return [Number(process.hrtime.bigint() - t) / 1e6, r];
}
async function getLoop(ms) {
  const out = [];
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const [t, r] = await timed(() => fetch(`${base}/api/v1/assistants?limit=50`, { headers: auth }));
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`GET answered ${r.status}`);
    out.push(t);
  }
  return out;
}

const signins = [];
for (let i = 0; i < 15; i++) {
  const [ms, r] = await timed(() => fetch(`${base}/api/v1/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'manager@demo.haldus.example', password: 'haldus-demo-2026' }) }));
  await r.arrayBuffer();
  if (r.status !== 201) throw new Error(`sign-in answered ${r.status}`);
  signins.push(ms);
}
console.log(`  sign-in (argon2id 19 MiB, t=2): median ${pct(signins, 0.5).toFixed(1)} ms over ${signins.length}`);
const quiet = await getLoop(2000);
console.log(`  GET /api/v1/assistants?limit=50 p99 alone: ${pct(quiet, 0.99).toFixed(1)} ms (${quiet.length} GETs)`);

// Right passwords first (every attempt hashes: the pool is saturated), then wrong ones
// (after 20 failures the per-address throttle answers most with 429 before hashing).
for (const [label, pw] of [['right-password', 'haldus-demo-2026'], ['wrong-password', '-']]) {
  const child = fork(new URL(import.meta.url).pathname, [base, token, 'flood', pw]);
  const answers = new Promise((resolve) => child.on('message', resolve));
  await new Promise((r) => setTimeout(r, 300)); // let the flood build up
  const got = await getLoop((SECONDS - 0.6) * 1000);
  const a = await answers;
  console.log(`  GET p99 during 200 concurrent ${label} sign-ins: ${pct(got, 0.99).toFixed(1)} ms ` +
    `(${got.length} GETs; sign-in answers by status ${JSON.stringify(a)}; target < 50 ms)`);
}
