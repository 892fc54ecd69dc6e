// The job worker. Any number of workers, in any number of processes, share the `jobs` table:
// - claiming is one UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED): two workers never claim
//   the same job, and no transaction stays open while a handler runs (on PGlite, one connection per
//   process, a handler's own queries would otherwise wait for the claim forever);
// - a claimed job is leased until locked_until; a running handler keeps renewing its lease, so a
//   lease only runs out when its worker died — then another worker takes the job again;
// - the attempt counter is the lease's token: a worker whose lease was taken over cannot mark the
//   job done or failed (its UPDATE matches no row);
// - a failure is retried after 5 s, 10 s, 20 s, … (at most an hour); once max_attempts is used up
//   the job gets failed_at and stays in the table for people to see (/petugas/outbox).
import { sql } from 'kysely';
import type { AppContext } from '../http/context.ts';
import { scrubError, type JobHandler } from './queue.ts';
import { subscriptionHandlers } from '../events/index.ts';
import { deliverJob } from '../notify/deliver.ts';

export { scrubError };

export const LEASE_SECONDS = 120;
const RENEW_MS = 30_000;
/** finished jobs are kept this long (for looking into what happened), then deleted */
const KEEP_DONE_DAYS = 14;

export interface ClaimedJob {
  id: number;
  name: string;
  payload: Record<string, unknown>;
  /** attempts including this one */
  attempts: number;
  max_attempts: number;
}

/** The platform's own jobs, then each module's, then the deliveries of events to subscribers. */
export function jobHandlers(ctx: AppContext): Record<string, JobHandler> {
  const handlers: Record<string, JobHandler> = { 'notify.deliver': deliverJob };
  for (const m of ctx.modules) Object.assign(handlers, m.jobs);
  return Object.assign(handlers, subscriptionHandlers(ctx.modules));
}

/**
 * Jobs whose last attempt's worker died (lease over, attempts used up) would otherwise wait
 * forever, never due and never failed: mark them failed.
 */
async function failAbandoned(ctx: AppContext): Promise<void> {
  const r = await ctx.db
    .updateTable('jobs')
    .set({ failed_at: sql`now()`, locked_until: null, last_error: sql`coalesce(last_error, 'the worker stopped during the last attempt')` })
    .where('done_at', 'is', null)
    .where('failed_at', 'is', null)
    .where(sql<boolean>`attempts >= max_attempts`)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]))
    .executeTakeFirst();
  if (Number(r.numUpdatedRows)) ctx.log.error('jobs failed: worker stopped during their last attempt', { count: Number(r.numUpdatedRows) });
}

/** Claim the next due job (leased to this worker) or nothing. One statement, no open transaction. */
export async function claimJob(ctx: AppContext): Promise<ClaimedJob | undefined> {
  const { rows } = await sql<ClaimedJob>`
    update jobs set attempts = attempts + 1, locked_until = now() + make_interval(secs => ${LEASE_SECONDS})
    where id = (
      select id from jobs
      where done_at is null and failed_at is null and run_at <= now()
        and (locked_until is null or locked_until < now()) and attempts < max_attempts
      order by run_at, id
      limit 1
      for update skip locked)
    returning id, name, payload, attempts, max_attempts`.execute(ctx.db);
  const job = rows[0];
  return job && { ...job, id: Number(job.id), attempts: Number(job.attempts), max_attempts: Number(job.max_attempts) };
}

/** Run one claimed job to its end: done, retry later, or failed. */
export async function runClaimedJob(ctx: AppContext, job: ClaimedJob, handlers = jobHandlers(ctx)): Promise<void> {
  // every update below is fenced by the lease: this job, this attempt, not finished
  const leased = () =>
    ctx.db.updateTable('jobs').where('id', '=', job.id).where('attempts', '=', job.attempts).where('done_at', 'is', null);
  const renew = setInterval(() => {
    leased()
      .set({ locked_until: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
      .execute()
      .catch((e: unknown) => ctx.log.warn('job lease renewal failed', { job: job.name, id: job.id, error: scrubError(e) }));
  }, RENEW_MS);
  renew.unref();
  let error: unknown;
  try {
    const handler = handlers[job.name];
    if (!handler) throw new Error(`no handler for job ${job.name} (is its module installed?)`);
    await handler(job.payload ?? {}, ctx, { id: job.id, attempts: job.attempts, maxAttempts: job.max_attempts });
  } catch (e) {
    error = e ?? new Error('job failed');
  } finally {
    clearInterval(renew);
  }

  if (error === undefined) {
    const r = await leased().set({ done_at: sql`now()`, locked_until: null, last_error: null }).executeTakeFirst();
    if (!Number(r.numUpdatedRows)) ctx.log.warn('job finished after its lease was taken over', { job: job.name, id: job.id });
    return;
  }
  const message = scrubError(error);
  if (job.attempts >= job.max_attempts) {
    ctx.log.error('job failed for good', { job: job.name, id: job.id, attempts: job.attempts, error: message });
    await leased().set({ failed_at: sql`now()`, locked_until: null, last_error: message }).execute();
    return;
  }
  const delay = Math.min(3600, 5 * 2 ** (job.attempts - 1));
  ctx.log.warn('job failed, will retry', { job: job.name, id: job.id, attempt: job.attempts, retryInSeconds: delay, error: message });
  await leased()
    .set({ locked_until: null, last_error: message, run_at: sql`now() + make_interval(secs => ${delay})` })
    .execute();
}

/** Claim and run due jobs one at a time, up to `limit`; returns how many ran. Tests call this directly. */
export async function runDueJobs(ctx: AppContext, limit = 20): Promise<number> {
  await failAbandoned(ctx);
  const handlers = jobHandlers(ctx);
  let ran = 0;
  while (ran < limit) {
    const job = await claimJob(ctx);
    if (!job) break;
    await runClaimedJob(ctx, job, handlers);
    ran++;
  }
  return ran;
}

/** Delete jobs finished more than KEEP_DONE_DAYS ago. Failed jobs stay until someone looks. */
export async function pruneDoneJobs(ctx: AppContext): Promise<number> {
  const r = await ctx.db
    .deleteFrom('jobs')
    .where('done_at', '<', sql<Date>`now() - make_interval(days => ${KEEP_DONE_DAYS})`)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export function startWorker(ctx: AppContext, intervalMs = 1000) {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let lastPrune = 0;
  const tick = async () => {
    if (stopped) return;
    running = (async () => {
      if (Date.now() - lastPrune > 3600_000) {
        lastPrune = Date.now();
        await pruneDoneJobs(ctx);
      }
      return runDueJobs(ctx);
    })().catch((e: unknown) => {
      ctx.log.error('worker error', { error: scrubError(e) });
      return 0;
    });
    const n = await running;
    // tick never rejects: runDueJobs' errors are logged above
    if (!stopped) timer = setTimeout(() => void tick(), n ? 0 : intervalMs);
  };
  let timer = setTimeout(() => void tick(), 50);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
