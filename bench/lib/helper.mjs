// bench/lib/helper.mjs: the parts of bench/run that are easier in Node (20+, no packages).
//   node helper.mjs freeport                       a free TCP port on 127.0.0.1
//   node helper.mjs ids BASE_URL OUT               every assistant id, one a line, into OUT
//   node helper.mjs coldstart RUNS CPU BIN DB      spawn `BIN serve` pinned to CPU, poll-connect
//                                                  GET /healthz until answered 200; RUNS times
//   node helper.mjs approve BASE_URL N             N assistants each request a week off, and the
//                                                  manager approves: end-to-end and in-process
//                                                  (stats.total_seconds of the plan) times
// Loopback only. Prints results on stdout; exits 1 with a reason on stderr when it cannot.
import net from 'node:net';
import fs from 'node:fs';
import { spawn } from 'node:child_process';

function die(msg) {
  process.stderr.write(`helper: ${msg}\n`);
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function ids(base, out) {
  const found = [];
  let cursor = null;
  for (let page = 0; page < 10000; page++) {
    const url = new URL('/api/v1/assistants', base);
    url.searchParams.set('limit', '500');
    if (cursor) url.searchParams.set('cursor', cursor);
    const res = await fetch(url, { headers: { Authorization: `Bearer ${process.env.BENCH_TOKEN}` } });
    if (res.status !== 200) die(`GET ${url} answered ${res.status}`);
    const body = await res.json();
    for (const item of body.items) found.push(item.id);
    cursor = body.next_cursor;
    if (!cursor) break;
  }
  if (found.length === 0) die('no assistants found');
  fs.writeFileSync(out, found.join('\n') + '\n');
  console.log(found.length);
}

// One try: connect, send GET /healthz, resolve with the status code (0 when refused/reset).
function tryHealthz(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port, noDelay: true });
    let data = '';
    let settled = false;
    const finish = (code) => {
      if (settled) return;
      settled = true;
      sock.destroy();
      resolve(code);
    };
    sock.on('connect', () => {
      sock.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    });
    sock.on('data', (chunk) => {
      data += chunk.toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(data);
      if (m && data.includes('\r\n\r\n')) finish(Number(m[1]));
    });
    sock.on('error', () => finish(0));
    sock.on('close', () => {
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(data);
      finish(m ? Number(m[1]) : 0);
    });
  });
}

async function coldOnce(cpu, bin, db, timeoutMs) {
  const port = await freePort();
  const t0 = process.hrtime.bigint();
  const child = spawn('taskset', ['-c', cpu, bin, 'serve', '--db', db, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  let exited = null;
  const exitedP = new Promise((resolve) => child.on('exit', (code, sig) => {
    exited = { code, sig };
    resolve();
  }));
  let ms = null;
  let tries = 0;
  for (;;) {
    if (exited) break;
    tries++;
    const code = await tryHealthz(port);
    if (code === 200) {
      ms = Number(process.hrtime.bigint() - t0) / 1e6;
      break;
    }
    if (code !== 0) break; /* answered, but not 200 */
    if (Number(process.hrtime.bigint() - t0) / 1e6 > timeoutMs) break;
  }
  if (!exited) child.kill('SIGTERM');
  const killer = setTimeout(() => { if (!exited) child.kill('SIGKILL'); }, 5000);
  await exitedP;
  clearTimeout(killer);
  if (ms === null) {
    die(`cold start: no 200 from /healthz (tries ${tries}, exit ${JSON.stringify(exited)}): ${stderr.trim().slice(0, 500)}`);
  }
  return { ms, tries };
}

async function approve(base, n) {
  const headers = { Authorization: `Bearer ${process.env.BENCH_TOKEN}`, 'Content-Type': 'application/json' };
  const call = async (method, path, body) => {
    const res = await fetch(new URL(path, base), { method, headers, body: body && JSON.stringify(body) });
    const json = await res.json();
    if (res.status >= 300) die(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
  const asg = await call('GET', `/api/v1/assignments?kind=primary&limit=${Math.min(500, n * 3)}`);
  const people = [...new Set(asg.items.map((a) => a.assistant_id))].slice(0, n);
  if (people.length < n) die(`only ${people.length} assistants with principals`);
  const e2e = [], inproc = [];
  for (const [i, person] of people.entries()) {
    // A Monday-to-Friday week in 2027, a different one each time.
    const monday = new Date(Date.UTC(2027, 5, 7 + 7 * i));
    const friday = new Date(monday.getTime() + 5 * 86400e3);
    const abs = await call('POST', '/api/v1/absences', {
      person_id: person, kind: 'vacation', start_at: monday.toISOString().replace('.000', ''),
      end_at: friday.toISOString().replace('.000', '') });
    const t = process.hrtime.bigint();
    const done = await call('POST', `/api/v1/absences/${abs.id}/approve`, {});
    e2e.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (!done.coverage_plan) die(`no plan: ${done.coverage_error}`);
    inproc.push(done.coverage_plan.stats.total_seconds * 1000);
  }
  const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; };
  console.log(`n=${n} e2e_p50_ms=${pct(e2e, 0.5).toFixed(1)} e2e_p95_ms=${pct(e2e, 0.95).toFixed(1)} ` +
    `inproc_p50_ms=${pct(inproc, 0.5).toFixed(1)} inproc_p95_ms=${pct(inproc, 0.95).toFixed(1)}`);
}

async function coldstart(runs, cpu, bin, db) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await coldOnce(cpu, bin, db, 10000));
  const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const f = (x) => x.toFixed(2);
  console.log(`runs_ms=${results.map((r) => f(r.ms)).join(',')}`);
  console.log(`tries=${results.map((r) => r.tries).join(',')}`);
  console.log(`median_ms=${f(median)} min_ms=${f(sorted[0])} max_ms=${f(sorted[n - 1])}`);
}

const [cmd, ...args] = process.argv.slice(2);
try {
  if (cmd === 'freeport') console.log(await freePort());
  else if (cmd === 'ids' && args.length === 2) await ids(args[0], args[1]);
  else if (cmd === 'approve' && args.length === 2) await approve(args[0], Number(args[1]));
  else if (cmd === 'coldstart' && args.length === 4) {
    const runs = Number(args[0]);
    if (!Number.isInteger(runs) || runs < 1) die('RUNS must be a positive integer');
    await coldstart(runs, args[1], args[2], args[3]);
  } else die('usage: helper.mjs freeport | ids BASE_URL OUT | approve BASE_URL N | coldstart RUNS CPU BIN DB');
} catch (e) {
  die(e && e.message ? e.message : String(e));
}
