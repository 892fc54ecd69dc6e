// `npm run bench:home`: how fast is the home page, anonymous and signed in, and how heavy?
//
// Servers, each in its own child process on 127.0.0.1: Gapura on the embedded database (PGlite) and
// on PostgreSQL (DATABASE_URL if given, else a throwaway server started here), and two baselines on
// the same HTTP stack: a bare Hono "hello" handler (bench/bare-server.ts), and "hello + one
// primary-key SELECT" (bench/select-server.ts) on each database kind. The anonymous home page (served
// from the page micro-cache) is compared with "hello"; the signed-in home page and /akun (a session
// cookie: never cached, session lookup on every request) with "hello + one SELECT" on the same kind
// of database. The load generator (autocannon) runs in this process, against one target at a time,
// alternating round after round so that drift on the machine affects all alike; medians are compared.
// Then the page weight: the home page and everything it loads, as served (compressed).
//
// Reports; never fails on a missed target (it is not a test). Exits non-zero only when a server
// fails. Settings: BENCH_SECONDS (5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (10).
import autocannon from 'autocannon';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { createThrowawayDatabase, freePort, startServer, type RunningServer } from '../test/e2e/server.ts';
import { prepareSignedIn } from './session.ts';
import { postgresBinDir, startPostgres } from './postgres.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WARMUP_SECONDS = 2;
/** home page requests/second as a share of the bare handler's */
const TARGETS = { pglite: 0.2, postgresql: 0.4 };
/** signed-in pages' requests/second as a share of the hello + one SELECT baseline on the same database */
const SIGNED_IN_TARGETS = { pglite: 0.25, postgresql: 0.5 };
const WEIGHT_BUDGET_BYTES = 30_000; // 30 KB
/** what a phone browser sends for a page */
const HEADERS = { accept: 'text/html,application/xhtml+xml', 'accept-encoding': 'br, gzip', 'accept-language': 'id-ID,id;q=0.9' };

type Db = 'pglite' | 'postgresql';

interface Target {
  label: string;
  server: RunningServer;
  path: string;
  /** a session cookie: the page as a signed-in citizen sees it (never page-cached) */
  cookie?: string;
  /** what this target is compared with, and the share it should reach */
  versus?: { label: string; target: number };
  rps: number[];
  /** server CPU time per request, µs: less sensitive than req/s to other load on the machine */
  cpuUs: number[];
}

const cleanups: (() => Promise<void> | void)[] = [];
async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()!();
    } catch (e) {
      process.stderr.write(`cleanup: ${String(e)}\n`);
    }
  }
}
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const log = (line = '') => process.stdout.write(`${line}\n`);

/** CPU seconds (user + system) the process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ (100 on Linux)
  } catch {
    return NaN;
  }
}

async function load(t: Target, seconds: number): Promise<number> {
  const cpu0 = cpuSeconds(t.server.child.pid);
  const headers = t.cookie ? { ...HEADERS, cookie: t.cookie } : HEADERS;
  const r = await autocannon({ url: `${t.server.url}${t.path}`, connections: CONNECTIONS, duration: seconds, headers, timeout: 10 });
  if (t.server.child.exitCode !== null) throw new Error(`${t.label} server died:\n${t.server.stderr()}`);
  if (r.errors || r.timeouts || r.non2xx) {
    throw new Error(`${t.label}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx responses out of ${r.requests.total}\n${t.server.stderr().slice(-2000)}`);
  }
  t.cpuUs.push(((cpuSeconds(t.server.child.pid) - cpu0) / r.requests.total) * 1e6);
  return r.requests.average;
}

/** Gapura with production settings (no demo data, a real secret), its database prepared with one
 * signed-in citizen; the region pack loads as on a real first start. */
async function gapura(env: Record<string, string>): Promise<{ server: RunningServer; cookie: string }> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-bench-'));
  const full = {
    GAPURA_ENV: 'production', GAPURA_DEMO: 'false', GAPURA_SECRET: crypto.randomBytes(32).toString('hex'),
    GAPURA_BASE_URL: `http://127.0.0.1:${port}`, GAPURA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env,
  };
  const { cookie } = await prepareSignedIn(full);
  const server = await startServer({ env: full, dataDir });
  cleanups.push(() => server.stop());
  return { server, cookie };
}

async function baseline(entry: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const s = await startServer({ entry, env });
  cleanups.push(() => s.stop());
  return s;
}

// ---- page weight ------------------------------------------------------------------------------

interface Fetched {
  status: number;
  encoding: string;
  type: string;
  bytes: number;
  text: string;
}

function fetchRaw(url: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: HEADERS }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const encoding = String(res.headers['content-encoding'] ?? 'identity');
          const plain = encoding === 'br' ? zlib.brotliDecompressSync(body) : encoding === 'gzip' ? zlib.gunzipSync(body) : body;
          resolve({ status: res.statusCode ?? 0, encoding, type: String(res.headers['content-type'] ?? ''), bytes: body.length, text: plain.toString('utf8') });
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const attr = (tag: string, name: string) => tag.match(new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'))?.slice(1).find((v) => v !== undefined);

/** Stylesheets, icons, preloads, scripts and images an HTML page loads. */
function htmlRefs(html: string): string[] {
  const refs: string[] = [];
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const rel = (attr(tag, 'rel') ?? '').toLowerCase();
    if (/\b(stylesheet|icon|apple-touch-icon|preload|modulepreload|manifest)\b/.test(rel)) refs.push(attr(tag, 'href') ?? '');
  }
  for (const tag of html.match(/<(?:script|img|source)\b[^>]*>/gi) ?? []) refs.push(attr(tag, 'src') ?? '');
  return refs.filter(Boolean);
}

/** Fonts and images a stylesheet loads. */
function cssRefs(css: string): string[] {
  return [...css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '').filter(Boolean);
}

async function pageWeight(base: string): Promise<void> {
  const seen = new Set<string>();
  const rows: [string, Fetched][] = [];
  const visit = async (url: string, from: 'html' | 'css') => {
    if (url.startsWith('data:') || seen.has(url)) return; // data: URIs are already counted in their file
    seen.add(url);
    const f = await fetchRaw(url);
    rows.push([url, f]);
    if (f.status !== 200) return;
    const refs = f.type.includes('text/html') && from === 'html' ? htmlRefs(f.text) : f.type.includes('text/css') ? cssRefs(f.text) : [];
    for (const r of refs) {
      const abs = new URL(r.replace(/&amp;/g, '&'), url);
      if (abs.origin !== new URL(base).origin) {
        log(`  note: third-party resource not counted: ${abs}`);
        continue;
      }
      await visit(abs.toString(), f.type.includes('text/css') ? 'css' : 'html');
    }
  };
  await visit(`${base}/`, 'html');
  const total = rows.reduce((n, [, f]) => n + f.bytes, 0);
  log('Home page weight (as served with Accept-Encoding: br, gzip):');
  for (const [url, f] of rows) {
    const p = new URL(url);
    log(`  ${String(f.bytes).padStart(7)} B  ${f.encoding.padEnd(8)} ${String(f.status)}  ${p.pathname}${p.search}`);
  }
  log(`  ${String(total).padStart(7)} B  total, target ≤ ${fmt(WEIGHT_BUDGET_BYTES)} B (30 KB): ${total <= WEIGHT_BUDGET_BYTES ? 'PASS' : 'FAIL'}`);
  if (rows.some(([, f]) => f.status !== 200)) log('  note: some resources did not answer 200 (listed above)');
}

// ---- main ---------------------------------------------------------------------------------------

async function main() {
  log(`Home page benchmark: ${ROUNDS} rounds × ${SECONDS} s per target, ${CONNECTIONS} connections, after a ${WARMUP_SECONDS} s warm-up; 127.0.0.1 only.`);
  const targets: Target[] = [];
  const add = (label: string, server: RunningServer, p: string, extra: Partial<Target> = {}) => {
    const t: Target = { label, server, path: p, rps: [], cpuUs: [], ...extra };
    targets.push(t);
    return t;
  };

  const bare = add('bare @hono/node-server "hello"', await baseline('bench/bare-server.ts'), '/');

  let pgSkipped: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  let pgVersion = 'DATABASE_URL';
  if (!adminUrl) {
    const bin = postgresBinDir();
    if (bin) {
      const pg = await startPostgres(bin);
      cleanups.push(() => pg.stop());
      adminUrl = pg.url;
      pgVersion = `${pg.version.match(/\d+(\.\d+)+/)?.[0] ?? pg.version}, throwaway`;
    } else {
      pgSkipped = 'no DATABASE_URL and no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)';
    }
  }
  const dbs: [Db, Record<string, string>, string][] = [['pglite', {}, 'PGlite']];
  if (adminUrl) {
    const gdb = await createThrowawayDatabase(adminUrl, 'gapura_bench');
    cleanups.push(() => gdb.drop());
    const sdb = await createThrowawayDatabase(adminUrl, 'gapura_bench_select');
    cleanups.push(() => sdb.drop());
    dbs.push(['postgresql', { DATABASE_URL: gdb.url, SELECT_URL: sdb.url }, `PostgreSQL ${pgVersion}`]);
  }
  let weightUrl = '';
  for (const [kind, env, name] of dbs) {
    const selectEnv: Record<string, string> = env.SELECT_URL ? { DATABASE_URL: env.SELECT_URL } : {};
    const sel = add(`hello + one SELECT, ${name}`, await baseline('bench/select-server.ts', selectEnv), '/');
    const { SELECT_URL: _unused, ...gEnv } = env;
    const g = await gapura(gEnv);
    weightUrl ||= g.server.url;
    add(`home, anonymous, ${name}`, g.server, '/', { versus: { label: bare.label, target: TARGETS[kind] } });
    const vs = { label: sel.label, target: SIGNED_IN_TARGETS[kind] };
    add(`home, signed in, ${name}`, g.server, '/', { cookie: g.cookie, versus: vs });
    add(`/akun, signed in, ${name}`, g.server, '/akun', { cookie: g.cookie, versus: vs });
  }

  // every target answers 200 before it is measured (a signed-in page that redirects would measure nothing)
  for (const t of targets) {
    const res = await fetch(`${t.server.url}${t.path}`, { headers: { ...HEADERS, ...(t.cookie ? { cookie: t.cookie } : {}) }, redirect: 'manual' });
    await res.body?.cancel();
    if (res.status !== 200) throw new Error(`${t.label}: GET ${t.path} answered ${res.status}, not 200`);
  }

  for (const t of targets) await load(t, WARMUP_SECONDS);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const t of targets) {
      const rps = await load(t, SECONDS);
      t.rps.push(rps);
      log(`  round ${round}: ${t.label.padEnd(52)} ${fmt(rps).padStart(7)} req/s  ${t.cpuUs.at(-1)!.toFixed(1).padStart(6)} µs CPU/request`);
    }
  }

  log();
  log('Requests per second (median of rounds) and server CPU time per request (median):');
  for (const t of targets) log(`  ${t.label.padEnd(52)} ${fmt(median(t.rps)).padStart(7)} req/s ${median(t.cpuUs).toFixed(1).padStart(8)} µs   [${t.rps.map(fmt).join(', ')}]`);
  log();
  log('Shares of their baselines (req/s, same process kind, alternating rounds):');
  for (const t of targets) {
    if (!t.versus) continue;
    const base = targets.find((x) => x.label === t.versus!.label)!;
    const ratio = median(t.rps) / median(base.rps);
    log(`  ${t.label.padEnd(34)} vs ${base.label.padEnd(34)} ${pct(ratio).padStart(6)}   target ≥ ${pct(t.versus.target)}: ${ratio >= t.versus.target ? 'PASS' : 'FAIL'}`);
  }
  if (pgSkipped) log(`  PostgreSQL SKIPPED: ${pgSkipped}`);
  log();
  await pageWeight(weightUrl);
}

await main()
  .then(cleanup, async (e: unknown) => {
    process.stderr.write(`\nbench:home failed: ${e instanceof Error ? e.message : String(e)}\n`);
    await cleanup();
    process.exit(1);
  })
  .then(() => process.exit(0));
