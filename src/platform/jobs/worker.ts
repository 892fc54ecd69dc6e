// The job worker: polls for due jobs, claims a batch with FOR UPDATE SKIP LOCKED (so any number of
// workers in any number of processes share the queue), runs each handler, and retries failures with
// exponential backoff. A job whose worker died is picked up again when its lock expires.
import { sql } from 'kysely';
import type { AppContext } from '../http/context.ts';
import type { JobHandler } from './queue.ts';

const LOCK_SECONDS = 120;

export function jobHandlers(ctx: AppContext): Record<string, JobHandler> {
  return Object.assign({}, ...ctx.modules.map((m) => m.jobs ?? {}));
}

/** Claim and run due jobs once; returns how many ran. Tests call this directly. */
export async function runDueJobs(ctx: AppContext, limit = 20): Promise<number> {
  const handlers = jobHandlers(ctx);
  const claimed = await ctx.db.transaction().execute(async (tx) => {
    const rows = await sql<{ id: number; name: string; payload: Record<string, unknown>; attempts: number }>`
      select id, name, payload, attempts from jobs
      where done_at is null and run_at <= now() and (locked_until is null or locked_until < now())
        and attempts < max_attempts
      order by run_at, id
      limit ${limit}
      for update skip locked`.execute(tx);
    if (!rows.rows.length) return [];
    await tx
      .updateTable('jobs')
      .set({ locked_until: sql`now() + ${`${LOCK_SECONDS} seconds`}::interval`, attempts: sql`attempts + 1` })
      .where('id', 'in', rows.rows.map((r) => r.id))
      .execute();
    return rows.rows;
  });
  for (const job of claimed) {
    const handler = handlers[job.name];
    try {
      if (!handler) throw new Error(`no handler for job ${job.name}`);
      await handler(job.payload, ctx, { id: job.id, attempts: job.attempts + 1 });
      await ctx.db.updateTable('jobs').set({ done_at: sql`now()`, locked_until: null, last_error: null }).where('id', '=', job.id).execute();
    } catch (e) {
      const delay = Math.min(3600, 5 * 2 ** job.attempts);
      ctx.log.warn('job failed', { job: job.name, id: job.id, attempt: job.attempts + 1, error: String((e as Error)?.message ?? e) });
      await ctx.db
        .updateTable('jobs')
        .set({ locked_until: null, last_error: String((e as Error)?.message ?? e).slice(0, 1000), run_at: sql`now() + ${`${delay} seconds`}::interval` })
        .where('id', '=', job.id)
        .execute();
    }
  }
  return claimed.length;
}

export function startWorker(ctx: AppContext, intervalMs = 1000) {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    running = runDueJobs(ctx).catch((e) => ctx.log.error('worker error', { error: String(e) }));
    const n = await running;
    if (!stopped) timer = setTimeout(tick, n ? 0 : intervalMs);
  };
  let timer = setTimeout(tick, 50);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
