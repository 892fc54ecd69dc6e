// `npm run bench:home`: how fast is the home page, and how heavy?
//
// Three servers, each in its own child process on 127.0.0.1: Gapura on the embedded database
// (PGlite), Gapura on PostgreSQL (DATABASE_URL if given, else a throwaway server started here), and
// a bare Hono "hello" handler (bench/bare-server.ts) as the baseline. The load generator
// (autocannon) runs in this process, against one server at a time, alternating between them round
// after round so that drift on the machine affects all alike; the medians are compared.
// Then the page weight: the home page and everything it loads, as served (compressed).
//
// Reports; never fails on a missed target (it is not a test). Exits non-zero only when a server
// fails. Settings: BENCH_SECONDS (5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (10).
import autocannon from 'autocannon';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';
import { createThrowawayDatabase, startServer, type RunningServer } from '../test/e2e/server.ts';
import { postgresBinDir, startPostgres } from './postgres.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WARMUP_SECONDS = 2;
/** home page requests/second as a share of the bare handler's */
const TARGETS = { pglite: 0.2, postgresql: 0.4 };
const WEIGHT_BUDGET_BYTES = 30_000; // 30 KB
/** what a phone browser sends for a page */
const HEADERS = { accept: 'text/html,application/xhtml+xml', 'accept-encoding': 'br, gzip', 'accept-language': 'id-ID,id;q=0.9' };

interface Target {
  key: 'bare' | 'pglite' | 'postgresql';
  label: string;
  server: RunningServer;
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
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const log = (line = '') => process.stdout.write(`${line}\n`);

/** CPU seconds (user + system) the process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ (100 on Linux)
  } catch {
    return NaN;
  }
}

async function load(t: Target, seconds: number): Promise<number> {
  const cpu0 = cpuSeconds(t.server.child.pid);
  const r = await autocannon({ url: `${t.server.url}/`, connections: CONNECTIONS, duration: seconds, headers: HEADERS, timeout: 10 });
  if (t.server.child.exitCode !== null) throw new Error(`${t.label} server died:\n${t.server.stderr()}`);
  if (r.errors || r.timeouts || r.non2xx) {
    throw new Error(`${t.label}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx responses out of ${r.requests.total}\n${t.server.stderr().slice(-2000)}`);
  }
  t.cpuUs.push(((cpuSeconds(t.server.child.pid) - cpu0) / r.requests.total) * 1e6);
  return r.requests.average;
}

async function gapura(env: Record<string, string>): Promise<RunningServer> {
  // production settings: no demo data, a real secret; the region pack loads as on a real first start
  const s = await startServer({ env: { GAPURA_ENV: 'production', GAPURA_DEMO: 'false', GAPURA_SECRET: crypto.randomBytes(32).toString('hex'), ...env } });
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
  log(`Home page benchmark: ${ROUNDS} rounds × ${SECONDS} s per server, ${CONNECTIONS} connections, after a ${WARMUP_SECONDS} s warm-up; 127.0.0.1 only.`);
  const targets: Target[] = [];

  const bare = await startServer({ entry: 'bench/bare-server.ts' });
  cleanups.push(() => bare.stop());
  targets.push({ key: 'bare', label: 'bare @hono/node-server "hello"', server: bare, rps: [], cpuUs: [] });

  targets.push({ key: 'pglite', label: 'Gapura home, PGlite', server: await gapura({}), rps: [], cpuUs: [] });

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
  if (adminUrl) {
    const db = await createThrowawayDatabase(adminUrl, 'gapura_bench');
    cleanups.push(() => db.drop());
    targets.push({ key: 'postgresql', label: `Gapura home, PostgreSQL ${pgVersion}`, server: await gapura({ DATABASE_URL: db.url }), rps: [], cpuUs: [] });
  }

  for (const t of targets) await load(t, WARMUP_SECONDS);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const t of targets) {
      const rps = await load(t, SECONDS);
      t.rps.push(rps);
      log(`  round ${round}: ${t.label.padEnd(48)} ${fmt(rps).padStart(7)} req/s  ${t.cpuUs.at(-1)!.toFixed(1).padStart(6)} µs CPU/request`);
    }
  }

  log();
  log('Requests per second (median of rounds):');
  const bareRps = median(targets[0]!.rps);
  for (const t of targets) log(`  ${t.label.padEnd(50)} ${fmt(median(t.rps)).padStart(7)}   [${t.rps.map(fmt).join(', ')}]`);
  log();
  log('Server CPU time per request (median; less affected by other load on the machine):');
  for (const t of targets) log(`  ${t.label.padEnd(50)} ${median(t.cpuUs).toFixed(1).padStart(7)} µs`);
  log();
  log('Home page as a share of the bare handler (req/s):');
  for (const key of ['postgresql', 'pglite'] as const) {
    const t = targets.find((x) => x.key === key);
    if (!t) {
      log(`  ${key.padEnd(11)} SKIPPED: ${pgSkipped}`);
      continue;
    }
    const ratio = median(t.rps) / bareRps;
    log(`  ${key.padEnd(11)} ${pct(ratio).padStart(6)}   target ≥ ${pct(TARGETS[key])}: ${ratio >= TARGETS[key] ? 'PASS' : 'FAIL'}`);
  }
  log();
  await pageWeight(targets[1]!.server.url);
}

main()
  .then(cleanup, async (e) => {
    process.stderr.write(`\nbench:home failed: ${e instanceof Error ? e.message : String(e)}\n`);
    await cleanup();
    process.exit(1);
  })
  .then(() => process.exit(0));
