// The escalation job: every hour, overdue questions are escalated once per level (service.ts
// escalateOverdue). It re-enqueues itself; the seed enqueues the first when none is pending.
import { enqueue, type JobHandler } from '../../platform/jobs/queue.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { escalateOverdue } from './service.ts';

export const ESCALATE_JOB = 'consultation.escalate';
const HOUR_MS = 3600_000;

export const escalateJob = (afterDays: (ctx: AppContext) => number): JobHandler => async (_payload, ctx) => {
  await escalateOverdue(ctx, afterDays(ctx));
  await enqueue(ctx.db, ESCALATE_JOB, {}, { runAt: new Date(Date.now() + HOUR_MS) });
};

export async function ensureEscalateJob(ctx: AppContext): Promise<void> {
  const pending = await ctx.db.selectFrom('jobs').select('id').where('name', '=', ESCALATE_JOB)
    .where('done_at', 'is', null).where('failed_at', 'is', null).executeTakeFirst();
  if (!pending) await enqueue(ctx.db, ESCALATE_JOB, {}, { runAt: new Date(Date.now() + HOUR_MS) });
}
