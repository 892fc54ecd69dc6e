// `npm run bench:ppid`: the deadline computation for the PPID's overdue list (requests whose written
// notice deadline has passed, ppid/overdue.ts) with 100,000 open requests against 1,000, in one run.
// Target: the 100,000 case at most 2× the 1,000 case. What is timed: the two cut-offs from the
// region's calendar (10 and 10+7 working days) and the first page (50) of the overdue list ordered by
// the deadline that passed — what the queue needs. Also reported, not targeted: the true count of
// overdue requests (one aggregate over the partial index, linear in the rows it counts) and, for
// contrast, computing every request's clock one by one (clock.ts), as the queue did before, on 1,000.
// On PGlite (default, in a temporary folder) or PostgreSQL (DATABASE_URL: a server where a throwaway
// database may be created). Settings: BENCH_ROUNDS (25). Reports; never fails on a missed target.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../src/platform/config.ts';
import { createContext } from '../src/platform/boot.ts';
import { modules } from '../src/modules/index.ts';
import { createLogger } from '../src/platform/log.ts';
import { clockOf, overdueList } from '../src/modules/ppid/module.ts';
import { createThrowawayDatabase } from '../test/e2e/server.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const admin = process.env.DATABASE_URL;
const db = admin ? await createThrowawayDatabase(admin, 'gapura_bench_ppid') : undefined;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-bench-ppid-'));
const ctx = await createContext(loadConfig({
  GAPURA_ENV: 'production', GAPURA_DEMO: 'false', GAPURA_SECRET: crypto.randomBytes(32).toString('hex'), GAPURA_BASE_URL: 'http://127.0.0.1:3000',
  GAPURA_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...(db ? { DATABASE_URL: db.url } : {}),
}), modules, { log: createLogger('warn') });

const root = await ctx.db.selectFrom('units').select('id').where('parent_id', 'is', null).orderBy('id').executeTakeFirstOrThrow();
// Wednesday 13 January 2027, 10.00 WIB: after cuti bersama and the new year
const NOW = new Date('2027-01-13T03:00:00Z');
const DAY = 86_400_000;

/** Open requests [from, to): received over the 90 days before NOW, one in ten extended in time. */
async function insert(from: number, to: number) {
  await sql`
insert into ppid_requests (number, year, seq, idempotency_key, follow_hash, channel, requester_kind, name, address, details, purpose, obtain, receive,
  state, received_at, registered_at, unit_id, extended_at)
select lpad(i::text, 6, '0') || '/PPID/BENCH', 2026, i, 'bench-' || i, 'bench-' || i, 'online', 'individual', 'X', 'Y', 'Z', 'Z', 'softcopy', 'email',
  case when i % 10 = 0 then 'extended' else 'in_progress' end,
  ${new Date(NOW.getTime() - 90 * DAY)}::timestamptz + ((i * 7919) % 90) * interval '1 day' + ((i * 13) % 24) * interval '1 hour',
  ${new Date(NOW.getTime() - 90 * DAY)}::timestamptz + ((i * 7919) % 90) * interval '1 day' + ((i * 13) % 24) * interval '1 hour',
  ${root.id},
  case when i % 10 = 0 then ${new Date(NOW.getTime() - 90 * DAY)}::timestamptz + ((i * 7919) % 90) * interval '1 day' + interval '2 days' end
from generate_series(${from}::int, ${to - 1}::int) as i`.execute(ctx.db);
  await sql`analyze ppid_requests`.execute(ctx.db);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(op: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await op();
  const xs: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await op();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

const list = () => overdueList(ctx.db, ctx.calendar, 'receipt', NOW, null, 50, { count: false });
const withCount = () => overdueList(ctx.db, ctx.calendar, 'receipt', NOW, null, 50);

await insert(1, 1_001);
const small = await time(list);
const smallCount = await time(withCount);
const sample = await withCount();
const rows = await ctx.db.selectFrom('ppid_requests as r').leftJoin('units as u', 'u.id', 'r.unit_id').selectAll('r')
  .select(['u.code as unit_code', 'u.name as unit_name', 'u.path as unit_path']).execute();
ctx.clock.set(NOW);
const t0 = performance.now();
let perRow = 0;
for (const r of rows) if ((await clockOf(ctx, r, 'receipt')).noticeOverdue) perRow++;
const perRowMs = performance.now() - t0;
ctx.clock.set(undefined);

await insert(1_001, 100_001);
const large = await time(list);
const largeCount = await time(withCount);
const big = await withCount();

const engine = db ? 'PostgreSQL' : 'PGlite';
const ratio = large / small;
const ms = (x: number) => `${x.toFixed(2)} ms`;
console.log(`PPID overdue list on ${engine}, now = 13 January 2027, medians of ${ROUNDS} runs:`);
console.log(`  1,000 open requests     cut-offs + first 50 overdue: ${ms(small)}   with the true count (${sample.count} overdue): ${ms(smallCount)}`);
console.log(`  100,000 open requests   cut-offs + first 50 overdue: ${ms(large)}   with the true count (${big.count} overdue): ${ms(largeCount)}`);
console.log(`  ratio 100,000 / 1,000: ${ratio.toFixed(2)}× (target ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'}); with the count ${(largeCount / smallCount).toFixed(2)}× (not targeted)`);
console.log(`  for contrast, every request's clock one by one on 1,000: ${ms(perRowMs)} (${perRow} overdue${perRow === sample.count ? ', same as the cut-offs' : `, MISMATCH with ${sample.count}`})`);

await ctx.database.close();
await db?.drop();
fs.rmSync(dataDir, { recursive: true, force: true });
