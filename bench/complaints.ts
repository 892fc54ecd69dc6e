// `npm run bench:complaints`: how many complaints per second can reporters file, on PostgreSQL, at 50
// concurrent clients? Each submission is the real use case the /pengaduan/baru form ends in
// (pengaduan/service.ts createComplaint: the region's deadlines, the deadline in working days, the
// location check, routing by rule, the complaint row, its idempotency claim, its first timeline update,
// its audit entry and its event: one statement since issue 9, reference data cached). Baseline in the same run, through the same driver
// and the same pool: a raw single-row INSERT loop at the same concurrency. Target: ≥ 25% of the raw
// rate, p99 ≤ 250 ms. Phases alternate (raw, audit alone, submit, raw, …) so drift on the machine
// affects all alike; the medians of the rounds are compared.
// "audit alone" is recordAudit by itself, one entry per transaction at the same concurrency: a ceiling
// for any use case that records an audit entry (one round trip over up to 16 chains, ADR 031).
// Reports; never fails on a missed target. DATABASE_URL: a server where a throwaway database may be
// created (else a throwaway server is started here). 127.0.0.1 only; stops by itself.
// Settings: BENCH_SECONDS (5), BENCH_ROUNDS (3), BENCH_CLIENTS (50).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { loadConfig } from '../src/platform/config.ts';
import { createContext } from '../src/platform/boot.ts';
import { modules } from '../src/modules/index.ts';
import { createLogger } from '../src/platform/log.ts';
import { recordAudit, systemActor } from '../src/platform/audit/audit.ts';
import { createComplaint } from '../src/modules/pengaduan/module.ts';
import { closedLoop, median, percentile } from './load.ts';
import { createThrowawayDatabase } from '../test/e2e/server.ts';
import { postgresBinDir, startPostgres, type ThrowawayPostgres } from './postgres.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const TARGET_SHARE = 0.25;
const TARGET_P99_MS = 250;

let server: ThrowawayPostgres | undefined;
let admin = process.env.DATABASE_URL;
if (!admin) {
  const bin = postgresBinDir();
  if (!bin) throw new Error('bench:complaints needs PostgreSQL: set DATABASE_URL or install the postgresql package');
  server = await startPostgres(bin);
  admin = server.url;
}
const db = await createThrowawayDatabase(admin, 'gapura_bench_complaints');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-bench-complaints-'));
const ctx = await createContext(loadConfig({
  GAPURA_ENV: 'production', GAPURA_DEMO: 'false', GAPURA_SECRET: crypto.randomBytes(32).toString('hex'), GAPURA_BASE_URL: 'http://127.0.0.1:3000',
  GAPURA_DATA_DIR: dataDir, DATABASE_URL: db.url, LOG_LEVEL: 'warn',
}), modules, { log: createLogger('warn') });

// a location and a category as the form would send them: a kelurahan of the first kecamatan
const kelurahan = await ctx.db.selectFrom('units').select(['id', 'parent_id']).where('kind', '=', 'kelurahan').orderBy('code').executeTakeFirstOrThrow();
const category = await ctx.db.selectFrom('pengaduan_categories').select('code').where('active', '=', true).orderBy('sort').executeTakeFirstOrThrow();
await sql`create table bench_raw (id bigserial primary key, tracking text not null, payload text not null, at timestamptz not null default now())`.execute(ctx.db);

/** CLIENTS loops for SECONDS, each awaiting its own operation. */
const load = (op: (i: number) => Promise<unknown>) => closedLoop(CLIENTS, SECONDS, op);

const raw = (i: number) => sql`insert into bench_raw (tracking, payload) values (${`RAW-${i}`}, ${'x'.repeat(200)})`.execute(ctx.db);
const actor = { id: null, label: 'anonymous', ip: '127.0.0.1', userAgent: 'bench' };
const auditOnly = (i: number) => ctx.db.transaction().execute((tx) =>
  recordAudit(tx, systemActor('bench'), { action: 'bench.audit', subjectType: 'bench', subjectId: i, after: { i } }));
let acknowledged = 0;
const submitWith = (c: typeof ctx) => async (i: number) => {
  const r = await createComplaint(c, {
    categoryCode: category.code, description: `Jalan berlubang di depan rumah nomor ${i}, sudah dua minggu belum diperbaiki.`,
    kecamatanId: kelurahan.parent_id, kelurahanId: kelurahan.id, address: `Jl. Merdeka No. ${i % 200}`, anonim: i % 3 === 0, rahasia: false,
    reporterUserId: null, contactEmail: `pelapor${i % 500}@contoh.id`, contactPhone: null,
    channel: 'web', idempotencyKey: `bench-${process.pid}-${i}-${crypto.randomBytes(6).toString('base64url')}`, photoFileIds: [],
  }, { actor });
  if (r.created) acknowledged++;
};
const submit = submitWith(ctx);

await load(raw); // warm-up: connections, plans, JIT
await load(auditOnly);
await load(submit);
acknowledged = 0;
const count = async () => Number((await sql<{ n: string }>`select count(*) as n from pengaduan_complaints`.execute(ctx.db)).rows[0].n);
const before = await count();
const rounds: { raw: number; audit: number; submit: number; p50: number; p99: number }[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const a = await load(raw);
  const u = await load(auditOnly);
  const b = await load(submit);
  rounds.push({ raw: a.rate, audit: u.rate, submit: b.rate, p50: median(b.latencies), p99: percentile(b.latencies, 99) });
}
const stored = (await count()) - before;
const acknowledgedInRounds = acknowledged;

// where one submission's time goes: one client, every statement timed by table (a plugin on a third
// handle: transformQuery stamps the start, transformResult the end; BEGIN/COMMIT are not statements
// Kysely sees, so they are counted from the wall time)
const PROFILED = 100;
const spans = new Map<unknown, { t: number; what: string }>();
const byWhat = new Map<string, { n: number; ms: number }>();
const whatOf = (node: RootOperationNode) => {
  const tables = [...new Set([...JSON.stringify(node).matchAll(/"identifier":\{"kind":"IdentifierNode","name":"([a-z_]+)"\}/g)].map((m) => m[1]))];
  const verb = node.kind.replace(/QueryNode$|Node$/, '').toLowerCase();
  return node.kind === 'RawNode' ? `raw ${node.sqlFragments.join('?').replace(/\s+/g, ' ').slice(0, 40)}` : `${verb} ${tables.join(', ')}`;
};
const timing: KyselyPlugin = {
  transformQuery: ({ node, queryId }) => {
    spans.set(queryId, { t: performance.now(), what: whatOf(node) });
    return node;
  },
  transformResult: ({ result, queryId }) => {
    const s = spans.get(queryId);
    if (s) {
      spans.delete(queryId);
      const a = byWhat.get(s.what) ?? { n: 0, ms: 0 };
      a.n++;
      a.ms += performance.now() - s.t;
      byWhat.set(s.what, a);
    }
    return Promise.resolve(result);
  },
};
const profiled = submitWith({ ...ctx, db: ctx.db.withPlugin(timing) });
const p0 = performance.now();
for (let i = 0; i < PROFILED; i++) await profiled(1_000_000 + i);
const perSubmission = (performance.now() - p0) / PROFILED;
const statements = [...byWhat.values()].reduce((s, a) => s + a.n, 0) / PROFILED;
const inStatements = [...byWhat.values()].reduce((s, a) => s + a.ms, 0) / PROFILED;

const rawRate = median(rounds.map((r) => r.raw));
const auditRate = median(rounds.map((r) => r.audit));
const submitRate = median(rounds.map((r) => r.submit));
const p99 = median(rounds.map((r) => r.p99));
const share = submitRate / rawRate;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`complaint submissions on PostgreSQL, ${CLIENTS} concurrent clients, ${ROUNDS} rounds of ${SECONDS} s (medians):`);
for (const [i, r] of rounds.entries()) {
  console.log(`  round ${i + 1}: raw ${fmt(r.raw)}/s, audit alone ${fmt(r.audit)}/s, submit ${fmt(r.submit)}/s (p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms)`);
}
console.log(`  baseline: raw single-row INSERT loop (same pool)   ${fmt(rawRate)}/s`);
console.log(`  recordAudit alone, one per transaction             ${fmt(auditRate)}/s  = ${(auditRate / rawRate * 100).toFixed(1)}% of raw (a ceiling for audited writes)`);
console.log(`  createComplaint                                    ${fmt(submitRate)}/s  = ${(share * 100).toFixed(1)}% of raw (target ≥ ${TARGET_SHARE * 100}%: ${share >= TARGET_SHARE ? 'met' : 'NOT met'})`);
console.log(`  p99 latency of a submission                        ${p99.toFixed(1)} ms (target ≤ ${TARGET_P99_MS} ms: ${p99 <= TARGET_P99_MS ? 'met' : 'NOT met'})`);
console.log(`  one client, ${PROFILED} submissions: ${perSubmission.toFixed(1)} ms each, ${statements.toFixed(1)} statements (+ BEGIN/COMMIT) taking ${inStatements.toFixed(1)} ms; a raw insert is 1 statement`);
for (const [what, a] of [...byWhat].sort((x, y) => y[1].ms - x[1].ms).slice(0, 8)) {
  console.log(`    ${(a.n / PROFILED).toFixed(1).padStart(4)} × ${what.padEnd(48)} ${(a.ms / PROFILED).toFixed(2).padStart(6)} ms`);
}
console.log(`  acknowledged ${acknowledgedInRounds}, stored ${stored}${acknowledgedInRounds === stored ? '' : '  MISMATCH'}`);

await ctx.database.close();
await db.drop();
server?.stop();
fs.rmSync(dataDir, { recursive: true, force: true });
