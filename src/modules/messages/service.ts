// The outbox: every message Gapura has written (email, SMS, WhatsApp), newest first, and the jobs
// that failed for good. Reading it changes nothing; retrying a failed job is audited.
import { sql } from 'kysely';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import type { DB, Executor } from '../../platform/db/index.ts';

export const PAGE_SIZE = 50;
export const STATUSES = ['queued', 'sent', 'kept', 'failed'] as const;
export type MessageStatus = (typeof STATUSES)[number];

export interface MessageListRow {
  id: number;
  channel: 'email' | 'sms' | 'whatsapp';
  recipient: string;
  subject: string;
  status: MessageStatus;
  created_at: Date;
  sent_at: Date | null;
}

export async function listMessages(db: Executor, page: number, status?: MessageStatus) {
  let q = db.selectFrom('messages').select(['id', 'channel', 'recipient', 'subject', 'status', 'created_at', 'sent_at']);
  if (status) q = q.where('status', '=', status);
  const rows = (await q.orderBy('id', 'desc').limit(PAGE_SIZE + 1).offset((page - 1) * PAGE_SIZE).execute()) as MessageListRow[];
  return { rows: rows.slice(0, PAGE_SIZE), hasNext: rows.length > PAGE_SIZE };
}

export async function findMessage(db: Executor, id: number) {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface QueueState {
  /** jobs that used up their attempts */
  failedJobs: number;
  /** jobs waiting to run (including retries later) */
  waitingJobs: number;
}

export async function queueState(db: Executor): Promise<QueueState> {
  const r = await db
    .selectFrom('jobs')
    .select([
      sql<number>`count(*) filter (where failed_at is not null)`.as('failed'),
      sql<number>`count(*) filter (where failed_at is null and done_at is null)`.as('waiting'),
    ])
    .executeTakeFirstOrThrow();
  return { failedJobs: Number(r.failed), waitingJobs: Number(r.waiting) };
}

export async function failedJobs(db: Executor, limit = 20) {
  return db
    .selectFrom('jobs')
    .select(['id', 'name', 'attempts', 'last_error', 'failed_at', 'created_at'])
    .where('failed_at', 'is not', null)
    .orderBy('failed_at', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Give a failed job a fresh set of attempts (after fixing what made it fail, e.g. SMTP settings).
 * Returns false when there is no such failed job.
 */
export async function retryJob(db: DB, actor: AuditActor, id: number): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const job = await tx.selectFrom('jobs').select(['id', 'name', 'attempts', 'payload']).where('id', '=', id).where('failed_at', 'is not', null).forUpdate().executeTakeFirst();
    if (!job) return false;
    await tx
      .updateTable('jobs')
      .set({ failed_at: null, attempts: 0, locked_until: null, run_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    // a message whose delivery failed goes back to the queue with it
    const messageId = job.name === 'notify.deliver' ? Number((job.payload as { messageId?: unknown }).messageId) : NaN;
    if (Number.isInteger(messageId)) await tx.updateTable('messages').set({ status: 'queued' }).where('id', '=', messageId).where('status', '=', 'failed').execute();
    await recordAudit(tx, actor, { action: 'messages.job_retried', subjectType: 'job', subjectId: id, before: { failed: true, attempts: job.attempts }, after: { failed: false, attempts: 0 } });
    return true;
  });
}
