// Rate limits with backoff, kept in the database so every copy behind a load balancer shares them.
// A key (e.g. 'signin:ip:1.2.3.4' or 'signin:user:42') may fail `free` times per window; after that
// each further failure doubles the wait, up to an hour. Success clears the key.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { AppError } from './errors.ts';

export interface LimitPolicy {
  /** failures allowed before backoff starts */
  free: number;
  /** window in seconds after which the count starts again */
  windowSeconds: number;
  /** first wait in seconds; doubles with every further failure */
  baseDelaySeconds: number;
  maxDelaySeconds?: number;
}

export const POLICIES = {
  signin: { free: 5, windowSeconds: 900, baseDelaySeconds: 30 },
  register: { free: 10, windowSeconds: 3600, baseDelaySeconds: 60 },
  verify: { free: 5, windowSeconds: 900, baseDelaySeconds: 30 },
  reset: { free: 5, windowSeconds: 3600, baseDelaySeconds: 60 },
} satisfies Record<string, LimitPolicy>;

/** Throws rate_limited (429) while the key is blocked. */
export async function assertNotLimited(db: DB, keys: string[]): Promise<void> {
  if (!keys.length) return;
  const rows = await db
    .selectFrom('rate_limits')
    .select(['key', sql<number>`ceil(extract(epoch from blocked_until - now()))::int`.as('wait')])
    .where('key', 'in', keys)
    .where('blocked_until', '>', sql<Date>`now()`)
    .execute();
  const wait = Math.max(0, ...rows.map((r) => Number(r.wait)));
  if (wait > 0) throw new AppError('rate_limited', 'error.rate_limited', {}, { seconds: wait });
}

/** Count one failure (or, for limits on every attempt, one attempt) against each key. */
export async function recordFailure(db: DB, keys: string[], p: LimitPolicy): Promise<void> {
  const max = p.maxDelaySeconds ?? 3600;
  for (const key of keys) {
    await sql`
      insert into rate_limits (key, failures, window_start) values (${key}, 1, now())
      on conflict (key) do update set
        failures = case when rate_limits.window_start < now() - ${`${p.windowSeconds} seconds`}::interval
                        then 1 else rate_limits.failures + 1 end,
        window_start = case when rate_limits.window_start < now() - ${`${p.windowSeconds} seconds`}::interval
                        then now() else rate_limits.window_start end`.execute(db);
    await sql`
      update rate_limits set blocked_until = now() + make_interval(secs => least(${max}::int, ${p.baseDelaySeconds}::int * power(2, failures - ${p.free} - 1)::int))
      where key = ${key} and failures > ${p.free}`.execute(db);
  }
}

export async function clearLimit(db: DB, keys: string[]): Promise<void> {
  if (keys.length) await db.deleteFrom('rate_limits').where('key', 'in', keys).execute();
}
