// Durable jobs (the transactional outbox). enqueue() inserts in the caller's transaction: if that
// transaction rolls back the job never existed; once it commits, a worker runs it at least once,
// even if this process dies the next instant. Workers claim due jobs with FOR UPDATE SKIP LOCKED
// (worker.ts). "At least once" means a handler may run again after a crash between doing its work
// and recording that it is done: handlers check whether their work is already done.
import { sql } from 'kysely';
import type { Executor } from '../db/index.ts';
import type { AppContext } from '../http/context.ts';

export interface JobInfo {
  id: number;
  /** this run's attempt number, 1 for the first */
  attempts: number;
  /** when attempts reaches this and the handler throws, the job is marked failed */
  maxAttempts: number;
}

export type JobHandler = (payload: Record<string, unknown>, ctx: AppContext, job: JobInfo) => Promise<void>;

export const DEFAULT_MAX_ATTEMPTS = 10;

export async function enqueue(
  tx: Executor,
  name: string,
  payload: Record<string, unknown> = {},
  opts: { runAt?: Date; maxAttempts?: number } = {},
): Promise<number> {
  const row = await tx
    .insertInto('jobs')
    .values({
      name,
      payload: JSON.stringify(payload),
      // the database's clock, not this process's: copies of Gapura may disagree about the time
      run_at: opts.runAt ?? sql<Date>`now()`,
      max_attempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Several jobs in one INSERT (events: one per subscriber), in the caller's transaction. */
export async function enqueueMany(tx: Executor, jobs: { name: string; payload: Record<string, unknown>; maxAttempts?: number }[]): Promise<number[]> {
  if (!jobs.length) return [];
  const rows = await tx
    .insertInto('jobs')
    .values(jobs.map((j) => ({ name: j.name, payload: JSON.stringify(j.payload), run_at: sql<Date>`now()`, max_attempts: j.maxAttempts ?? DEFAULT_MAX_ATTEMPTS })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Error text for logs and jobs.last_error: no email addresses or phone/ID numbers. */
export function scrubError(e: unknown): string {
  const s = String((e as Error)?.message ?? e);
  return s
    .replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '[address]')
    .replace(/\+?\d[\d\s-]{7,}\d/g, '[number]')
    .slice(0, 1000);
}
