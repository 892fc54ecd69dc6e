// Durable jobs (the transactional outbox). enqueue() inserts in the caller's transaction: if that
// transaction rolls back the job never existed; once it commits, a worker runs it at least once,
// even if this process dies the next instant. Workers claim due jobs with FOR UPDATE SKIP LOCKED.
import type { Executor } from '../db/index.ts';
import type { AppContext } from '../http/context.ts';

export type JobHandler = (payload: Record<string, unknown>, ctx: AppContext, job: { id: number; attempts: number }) => Promise<void>;

export async function enqueue(
  tx: Executor,
  name: string,
  payload: Record<string, unknown> = {},
  opts: { runAt?: Date; maxAttempts?: number } = {},
): Promise<number> {
  const row = await tx
    .insertInto('jobs')
    .values({ name, payload: JSON.stringify(payload), run_at: opts.runAt ?? new Date(), max_attempts: opts.maxAttempts ?? 10 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
