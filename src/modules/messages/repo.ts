// SQL of the outbox pages. The tables are the platform's (platform/notify writes `messages`,
// platform/jobs writes `jobs`): this module reads them and puts a failed job back in the queue.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';

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

/** One page of messages, newest first, and whether there is a next one. */
export async function listMessages(db: Executor, page: number, status?: MessageStatus) {
  let q = db.selectFrom('messages').select(['id', 'channel', 'recipient', 'subject', 'status', 'created_at', 'sent_at']);
  if (status) q = q.where('status', '=', status);
  const rows = (await q.orderBy('id', 'desc').limit(PAGE_SIZE + 1).offset((page - 1) * PAGE_SIZE).execute()) as MessageListRow[];
  return { rows: rows.slice(0, PAGE_SIZE), hasNext: rows.length > PAGE_SIZE };
}

export async function findMessage(db: Executor, id: number) {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countJobs(db: Executor): Promise<{ failed: number; waiting: number }> {
  const r = await db
    .selectFrom('jobs')
    .select([
      sql<number>`count(*) filter (where failed_at is not null)`.as('failed'),
      sql<number>`count(*) filter (where failed_at is null and done_at is null)`.as('waiting'),
    ])
    .executeTakeFirstOrThrow();
  return { failed: Number(r.failed), waiting: Number(r.waiting) };
}

export async function listFailedJobs(db: Executor, limit = 20) {
  return db
    .selectFrom('jobs')
    .select(['id', 'name', 'attempts', 'last_error', 'failed_at', 'created_at'])
    .where('failed_at', 'is not', null)
    .orderBy('failed_at', 'desc')
    .limit(limit)
    .execute();
}

/** The failed job with this id, locked until the transaction ends; undefined when it is not failed. */
export async function lockFailedJob(tx: Executor, id: number) {
  return tx.selectFrom('jobs').select(['id', 'name', 'attempts', 'payload']).where('id', '=', id).where('failed_at', 'is not', null).forUpdate().executeTakeFirst();
}

/** A fresh set of attempts, due now. */
export async function requeueJob(tx: Executor, id: number) {
  await tx.updateTable('jobs').set({ failed_at: null, attempts: 0, locked_until: null, run_at: sql`now()` }).where('id', '=', id).execute();
}

/** A message whose delivery had failed goes back to waiting. */
export async function requeueFailedMessage(tx: Executor, messageId: number) {
  await tx.updateTable('messages').set({ status: 'queued' }).where('id', '=', messageId).where('status', '=', 'failed').execute();
}
