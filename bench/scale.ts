// Shared by the 1,000,000-row benches (bench/layanan-scale.ts, bench/pengaduan-scale.ts): a throwaway
// PostgreSQL database (DATABASE_URL's server, else a throwaway server), the whole app booted on it as
// production runs it, and the timing of a use case: warm-up, then ≥ 200 timed runs, p50/p95.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../src/platform/config.ts';
import { createContext } from '../src/platform/boot.ts';
import { buildApp } from '../src/platform/http/app.tsx';
import { modules } from '../src/modules/index.ts';
import { createLogger } from '../src/platform/log.ts';
import type { AppContext } from '../src/platform/http/context.ts';
import { createThrowawayDatabase } from '../test/e2e/server.ts';
import { postgresBinDir, startPostgres, type ThrowawayPostgres } from './postgres.ts';

export const RUNS = Math.max(200, Number(process.env.BENCH_RUNS ?? 200));
export const WARMUP = Number(process.env.BENCH_WARMUP ?? 30);
export const SMALL = 10_000;
export const LARGE = Number(process.env.BENCH_LARGE ?? 1_000_000);
// BENCH_KEEP=1 (with DATABASE_URL): the database is kept at the end for EXPLAIN, and its URL printed

export interface Bench {
  ctx: AppContext;
  app: ReturnType<typeof buildApp>;
  close(): Promise<void>;
}

export async function boot(name: string): Promise<Bench> {
  let server: ThrowawayPostgres | undefined;
  let admin = process.env.DATABASE_URL;
  if (!admin) {
    const bin = postgresBinDir();
    if (!bin) throw new Error(`bench:${name} needs PostgreSQL: set DATABASE_URL or install the postgresql package`);
    server = await startPostgres(bin);
    admin = server.url;
  }
  const db = await createThrowawayDatabase(admin, `gapura_bench_${name.replace(/-/g, '_')}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `gapura-bench-${name}-`));
  const ctx = await createContext(loadConfig({
    GAPURA_ENV: 'production', GAPURA_DEMO: 'false', GAPURA_SECRET: crypto.randomBytes(32).toString('hex'), GAPURA_BASE_URL: 'http://127.0.0.1:3000',
    GAPURA_DATA_DIR: dataDir, DATABASE_URL: db.url, LOG_LEVEL: 'warn',
  }), modules, { log: createLogger('warn') });
  const app = buildApp(ctx);
  return {
    ctx, app,
    async close() {
      await ctx.database.close();
      // BENCH_KEEP=1: keep the seeded database for EXPLAIN (drop it by hand afterwards)
      if (process.env.BENCH_KEEP && !server) {
        console.log(`  kept ${db.url}`);
        return;
      }
      await db.drop();
      server?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
}

export interface Timing { p50: number; p95: number }

/** WARMUP untimed runs, then RUNS timed ones; `op(i)` may vary its input by i. */
export async function time(op: (i: number) => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < WARMUP; i++) await op(i);
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await op(i);
    ms.push(performance.now() - t0);
  }
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

/** In batches, so one statement never holds a million-row transaction's worth of memory. */
export async function inBatches(from: number, to: number, run: (lo: number, hi: number) => Promise<unknown>, batch = 100_000): Promise<void> {
  for (let lo = from; lo <= to; lo += batch) await run(lo, Math.min(to, lo + batch - 1));
}

export async function analyze(ctx: AppContext, tables: string[]): Promise<void> {
  for (const t of tables) await sql`vacuum analyze ${sql.table(t)}`.execute(ctx.db);
}

export const fmtMs = (n: number) => `${n.toFixed(1).padStart(7)} ms`;

/** The table of both sizes and the ratio of the p95s against the target (at most 2×). */
export function report(title: string, rows: { name: string; small: Timing; large: Timing }[], target = 2): void {
  console.log(`\n${title}`);
  const big = LARGE >= 1_000_000 ? `${LARGE / 1_000_000}M` : `${LARGE / 1000}k`;
  console.log(`  ${'use case'.padEnd(52)} ${'10k p50'.padStart(10)} ${'10k p95'.padStart(10)} ${`${big} p50`.padStart(10)} ${`${big} p95`.padStart(10)}  ratio p95`);
  for (const r of rows) {
    const ratio = r.large.p95 / r.small.p95;
    console.log(`  ${r.name.padEnd(52)} ${fmtMs(r.small.p50)} ${fmtMs(r.small.p95)} ${fmtMs(r.large.p50)} ${fmtMs(r.large.p95)}  ${ratio.toFixed(2)}× (target ≤ ${target}×: ${ratio <= target ? 'met' : 'NOT met'})`);
  }
}

export async function elapsed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await f();
  console.log(`  ${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return r;
}
