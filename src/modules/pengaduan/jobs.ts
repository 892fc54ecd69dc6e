// The module's job: close complaints whose reporter did not answer "Sudah selesai?" within the
// auto-close period (10 working days after the resolution by default). It re-enqueues itself for
// the next hour, so one run keeps it going; the seed enqueues the first when none is queued.
import { enqueue, type JobHandler } from '../../platform/jobs/queue.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { systemActor } from '../../platform/audit/audit.ts';
import { takeStep } from './workflow.ts';

/** Close every resolved complaint past its auto-close time; returns how many. */
export async function autoCloseDue(ctx: AppContext): Promise<number> {
  const due = await ctx.db.selectFrom('pengaduan_complaints').select('id')
    .where('state', '=', 'resolved').where('auto_close_at', '<=', ctx.clock.now()).orderBy('id').limit(500).execute();
  for (const d of due) await takeStep(ctx, d.id, { kind: 'auto_close' }, { actor: { kind: 'anonymous' }, audit: systemActor('pengaduan.auto_close') });
  return due.length;
}

export const AUTO_CLOSE_JOB = 'pengaduan.auto_close';
const HOUR_MS = 3600_000;

export const autoCloseJob: JobHandler = async (_payload, ctx) => {
  await autoCloseDue(ctx);
  await enqueue(ctx.db, AUTO_CLOSE_JOB, {}, { runAt: new Date(Date.now() + HOUR_MS) });
};

/** The seed's part: one pending auto-close job at all times. */
export async function ensureAutoCloseJob(ctx: AppContext): Promise<void> {
  const pending = await ctx.db.selectFrom('jobs').select('id').where('name', '=', AUTO_CLOSE_JOB)
    .where('done_at', 'is', null).where('failed_at', 'is', null).executeTakeFirst();
  if (!pending) await enqueue(ctx.db, AUTO_CLOSE_JOB, {}, { runAt: new Date(Date.now() + HOUR_MS) });
}
