// `npm run bench:apply`: how many applications per second can citizens submit, on PostgreSQL, at 50
// concurrent clients? Each submission is the real use case (layanan/applications.ts submitApplication:
// the service lookup, the deadline in working days, sealed NIK/answers/PIN, the application row, its
// first timeline step and its audit entry, in one transaction). Baseline in the same run, through the
// same driver and the same pool: a raw single-row INSERT loop at the same concurrency. Target: ≥ 25% of
// the raw rate, p99 ≤ 250 ms. Phases alternate (raw, apply, raw, apply…) so drift on the machine
// affects both alike; the medians of the rounds are compared. Reports; never fails on a missed target.
// DATABASE_URL: a server where a throwaway database may be created (else a throwaway server is started
// here). 127.0.0.1 only; stops by itself. Settings: BENCH_SECONDS (5), BENCH_ROUNDS (3), BENCH_CLIENTS (50).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/platform/config.ts';
import { createContext } from '../src/platform/boot.ts';
import { modules } from '../src/modules/index.ts';
import { createLogger } from '../src/platform/log.ts';
import { systemActor } from '../src/platform/audit/audit.ts';
import { submitApplication } from '../src/modules/layanan/module.ts';
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
  if (!bin) throw new Error('bench:apply needs PostgreSQL: set DATABASE_URL or install the postgresql package');
  server = await startPostgres(bin);
  admin = server.url;
}
const db = await createThrowawayDatabase(admin, 'gapura_bench_apply');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-bench-apply-'));
// the pool as production sizes it: enough connections for 50 clients' transactions
const ctx = await createContext(loadConfig({
  GAPURA_ENV: 'production', GAPURA_DEMO: 'false', GAPURA_SECRET: crypto.randomBytes(32).toString('hex'), GAPURA_BASE_URL: 'http://127.0.0.1:3000',
  GAPURA_DATA_DIR: dataDir, DATABASE_URL: db.url, LOG_LEVEL: 'warn',
}), modules, { log: createLogger('warn') });

const kelurahan = await ctx.db.selectFrom('units').select('id').where('kind', '=', 'kelurahan').orderBy('code').executeTakeFirstOrThrow();
await sql`create table bench_raw (id bigserial primary key, tracking text not null, payload text not null, at timestamptz not null default now())`.execute(ctx.db);

/** CLIENTS loops for SECONDS, each awaiting its own operation. */
const load = (op: (i: number) => Promise<unknown>) => closedLoop(CLIENTS, SECONDS, op);

const raw = (i: number) => sql`insert into bench_raw (tracking, payload) values (${`RAW-${i}`}, ${'x'.repeat(200)})`.execute(ctx.db);
let acknowledged = 0;
const apply = async (i: number) => {
  const r = await submitApplication(ctx, {
    serviceSlug: 'surat-keterangan-domisili', unitId: kelurahan.id, userId: null,
    applicant: { name: 'Warga Uji Beban', nik: '1671014501900001' }, answers: { alamat: `Jl. Merdeka No. ${i}`, keperluan: 'Administrasi bank' },
    channel: 'online', actor: systemActor('bench'), idempotencyKey: `bench-${process.pid}-${i}-${crypto.randomBytes(4).toString('hex')}`,
  });
  if (r.created) acknowledged++;
};

await load(raw); // warm-up: connections, plans, JIT
await load(apply);
acknowledged = 0;
const before = Number((await sql<{ n: string }>`select count(*) as n from layanan_applications`.execute(ctx.db)).rows[0].n);
const rounds: { raw: number; apply: number; p50: number; p99: number }[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const a = await load(raw);
  const b = await load(apply);
  rounds.push({ raw: a.rate, apply: b.rate, p50: median(b.latencies), p99: percentile(b.latencies, 99) });
}
const stored = Number((await sql<{ n: string }>`select count(*) as n from layanan_applications`.execute(ctx.db)).rows[0].n) - before;

const rawRate = median(rounds.map((r) => r.raw));
const applyRate = median(rounds.map((r) => r.apply));
const p99 = median(rounds.map((r) => r.p99));
const share = applyRate / rawRate;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`application submissions on PostgreSQL, ${CLIENTS} concurrent clients, ${ROUNDS} rounds of ${SECONDS} s (medians):`);
for (const [i, r] of rounds.entries()) console.log(`  round ${i + 1}: raw ${fmt(r.raw)}/s, submit ${fmt(r.apply)}/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`);
console.log(`  baseline: raw single-row INSERT loop (same pool)   ${fmt(rawRate)}/s`);
console.log(`  submitApplication                                  ${fmt(applyRate)}/s  = ${(share * 100).toFixed(1)}% of raw (target ≥ ${TARGET_SHARE * 100}%: ${share >= TARGET_SHARE ? 'met' : 'NOT met'})`);
console.log(`  p99 latency of a submission                        ${p99.toFixed(1)} ms (target ≤ ${TARGET_P99_MS} ms: ${p99 <= TARGET_P99_MS ? 'met' : 'NOT met'})`);
console.log(`  acknowledged ${acknowledged}, stored ${stored}${acknowledged === stored ? '' : '  MISMATCH'}`);

await ctx.database.close();
await db.drop();
server?.stop();
fs.rmSync(dataDir, { recursive: true, force: true });
