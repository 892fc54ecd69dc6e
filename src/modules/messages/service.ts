// The outbox: every message Gapura has written (email, SMS, WhatsApp), newest first, and the jobs
// that failed for good. Opening a message's text is audited (it may concern a citizen); so is
// retrying a failed job. One-time codes never appear here in production (see platform/notify and
// docs/decisions/015-events-and-sealed-codes.md); outside production a message kept for want of a
// transport shows its real text, because the outbox is then how it is delivered.
import { recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import type { DB, Executor } from '../../platform/db/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { outboxCopy } from '../../platform/notify/deliver.ts';
import * as repo from './repo.ts';

export { PAGE_SIZE, STATUSES, listMessages, type MessageListRow, type MessageStatus } from './repo.ts';

export interface QueueState {
  /** jobs that used up their attempts */
  failedJobs: number;
  /** jobs waiting to run (including retries later) */
  waitingJobs: number;
}

export async function queueState(db: Executor): Promise<QueueState> {
  const r = await repo.countJobs(db);
  return { failedJobs: r.failed, waitingJobs: r.waiting };
}

export const failedJobs = (db: Executor, limit = 20) => repo.listFailedJobs(db, limit);

/** Everything the outbox page shows: one page of messages, the queue's state, failed jobs. */
export async function outboxOverview(db: Executor, page: number, status?: repo.MessageStatus) {
  const { rows, hasNext } = await repo.listMessages(db, page, status);
  return { rows, hasNext, state: await queueState(db), failed: await failedJobs(db) };
}

export type MessageView = NonNullable<Awaited<ReturnType<typeof repo.findMessage>>> & {
  /** the real text, shown only where the outbox is the delivery channel (never in production) */
  delivered?: { subject: string; body: string };
};

/** One message with its text, for a person allowed to read the outbox; the reading is audited. */
export async function viewMessage(ctx: AppContext, actor: AuditActor, id: number): Promise<MessageView | undefined> {
  const m = await repo.findMessage(ctx.db, id);
  if (!m) return undefined;
  const delivered = await outboxCopy(ctx, id);
  await ctx.db.transaction().execute((tx) =>
    recordAudit(tx, actor, {
      action: 'messages.body_viewed',
      subjectType: 'message',
      subjectId: id,
      after: { template: m.template, channel: m.channel, code_shown: !!delivered },
    }),
  );
  return { ...m, ...(delivered ? { delivered } : {}) };
}

/**
 * Give a failed job a fresh set of attempts (after fixing what made it fail, e.g. SMTP settings).
 * Returns false when there is no such failed job.
 */
export async function retryJob(db: DB, actor: AuditActor, id: number): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const job = await repo.lockFailedJob(tx, id);
    if (!job) return false;
    await repo.requeueJob(tx, id);
    // a message whose delivery failed goes back to the queue with it
    const messageId = job.name === 'notify.deliver' ? Number((job.payload as { messageId?: unknown }).messageId) : NaN;
    if (Number.isInteger(messageId)) await repo.requeueFailedMessage(tx, messageId);
    await recordAudit(tx, actor, { action: 'messages.job_retried', subjectType: 'job', subjectId: id, before: { failed: true, attempts: job.attempts }, after: { failed: false, attempts: 0 } });
    return true;
  });
}
