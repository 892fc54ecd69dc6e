// Rate limits with backoff, kept in the database so every copy behind a load balancer shares them.
// A key (e.g. 'signin:ip:1.2.3.4') may fail `free` times per window; after that each further
// failure doubles the wait, up to an hour. Success clears only the keys of what succeeded.
//
// Sign-in uses three keys (docs/decisions/017-sign-in-limits-without-lockout.md):
// - per (identifier, address): the one that blocks, so an attacker slows only themselves;
// - per address, over every identifier: never cleared by a success, so spraying meets a 429;
// - per identifier, over every address: a ceiling that never blocks (countFailure/failureCount);
//   beyond it the owner proves more (a one-time code) instead of being locked out.
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
  /** per (identifier, address) */
  signin: { free: 5, windowSeconds: 900, baseDelaySeconds: 30 },
  /** per address over all identifiers: generous, since many phones share one carrier address (CGNAT) */
  signinAddress: { free: 20, windowSeconds: 900, baseDelaySeconds: 60 },
  /** per identifier over all addresses: beyond `free` failures a second proof is asked; never blocks */
  signinCeiling: { free: 10, windowSeconds: 3600, baseDelaySeconds: 0 },
  register: { free: 10, windowSeconds: 3600, baseDelaySeconds: 60 },
  verify: { free: 5, windowSeconds: 900, baseDelaySeconds: 30 },
  reset: { free: 5, windowSeconds: 3600, baseDelaySeconds: 60 },
  /** submissions of one's profile that hit someone else's email, phone or NIK */
  profile: { free: 5, windowSeconds: 3600, baseDelaySeconds: 60 },
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

async function count(db: DB, key: string, windowSeconds: number): Promise<void> {
  await sql`
    insert into rate_limits (key, failures, window_start) values (${key}, 1, now())
    on conflict (key) do update set
      failures = case when rate_limits.window_start < now() - ${`${windowSeconds} seconds`}::interval
                      then 1 else rate_limits.failures + 1 end,
      window_start = case when rate_limits.window_start < now() - ${`${windowSeconds} seconds`}::interval
                      then now() else rate_limits.window_start end`.execute(db);
}

/** Count one failure (or, for limits on every attempt, one attempt) against each key. */
export async function recordFailure(db: DB, keys: string[], p: LimitPolicy): Promise<void> {
  const max = p.maxDelaySeconds ?? 3600;
  for (const key of keys) {
    await count(db, key, p.windowSeconds);
    await sql`
      update rate_limits set blocked_until = now() + make_interval(secs => least(${max}::int, ${p.baseDelaySeconds}::int * power(2, failures - ${p.free} - 1)::int))
      where key = ${key} and failures > ${p.free}`.execute(db);
  }
}

/** Count a failure that never blocks (a ceiling read back with failureCount). */
export async function countFailure(db: DB, key: string, p: LimitPolicy): Promise<void> {
  await count(db, key, p.windowSeconds);
}

/** Failures counted against the key in its current window. */
export async function failureCount(db: DB, key: string, p: LimitPolicy): Promise<number> {
  const row = await db
    .selectFrom('rate_limits')
    .select('failures')
    .where('key', '=', key)
    .where('window_start', '>=', sql<Date>`now() - ${`${p.windowSeconds} seconds`}::interval`)
    .executeTakeFirst();
  return row?.failures ?? 0;
}

/** Whether none of the keys is blocked now (assertNotLimited as a yes/no, e.g. "may we send one
 *  more code?"). */
export async function withinLimit(db: DB, keys: string[]): Promise<boolean> {
  try {
    await assertNotLimited(db, keys);
    return true;
  } catch (e) {
    if (e instanceof AppError && e.code === 'rate_limited') return false;
    throw e;
  }
}

export async function clearLimit(db: DB, keys: string[]): Promise<void> {
  if (keys.length) await db.deleteFrom('rate_limits').where('key', 'in', keys).execute();
}

/**
 * The three sign-in keys for one identifier (already normalised and hashed by the caller, so no
 * address or email is stored in clear) and one client address.
 */
export function signinKeys(kind: 'citizen' | 'staff', identifierHash: string, ip: string) {
  return {
    /** blocks: this identifier from this address */
    pair: `signin:${kind}:${identifierHash}:ip:${ip}`,
    /** blocks: this address, whatever it tries; success never clears it */
    address: `signin:ip:${ip}`,
    /** never blocks: beyond it, a second proof */
    ceiling: `signin:${kind}:${identifierHash}`,
  };
}
