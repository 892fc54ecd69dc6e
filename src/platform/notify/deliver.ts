// Delivering one stored message: the platform's 'notify.deliver' job (platform/jobs/worker.ts runs
// it; no module is needed to send mail). Email goes out by SMTP when SMTP_URL is set; SMS and
// WhatsApp go to the city's gateway when SMS_WEBHOOK_URL is set (one JSON POST per message: every
// Indonesian gateway has its own API, and a small bridge in front of it is simpler than an adapter per
// vendor here). Without a transport for its channel the message is 'kept' in the outbox
// (/petugas/outbox). Outside production the outbox then IS the delivery channel: it may show a kept
// message's one-time code (outboxCopy below), which is how a demo or test installation reads its
// codes. In production it never does: the sealed copy is deleted and only the masked text remains.
// Logs name the message id and channel only: never the recipient or the body.
import nodemailer, { type Transporter } from 'nodemailer';
import { sql } from 'kysely';
import type { AppContext } from '../http/context.ts';
import type { Executor } from '../db/index.ts';
import { decrypt } from '../crypto.ts';
import { scrubError, type JobHandler, type JobInfo } from '../jobs/queue.ts';
import type { Template } from './templates.ts';
import { SEAL_PURPOSE } from './notify.ts';

const transports = new WeakMap<AppContext, Transporter>();

function transport(ctx: AppContext): Transporter | undefined {
  if (!ctx.config.smtpUrl) return undefined;
  let t = transports.get(ctx);
  if (!t) {
    // bounded waits: a stuck mail server must fail the attempt (and retry later), not hang the worker
    t = nodemailer.createTransport({ url: ctx.config.smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
    transports.set(ctx, t);
  }
  return t;
}

/** One POST to the SMS/WhatsApp gateway; the message id lets the gateway drop a repeated delivery. */
async function postToGateway(hook: { url: string; token?: string }, payload: { id: number; channel: string; to: string; text: string }) {
  const res = await fetch(hook.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(hook.token ? { authorization: `Bearer ${hook.token}` } : {}) },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(30_000),
  });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`the gateway answered HTTP ${res.status}`);
}

function openSealed(ctx: AppContext, sealed: string): Template {
  try {
    const t = JSON.parse(decrypt(ctx.config.secret, SEAL_PURPOSE, sealed)) as Template;
    return { subject: String(t.subject), body: String(t.body) };
  } catch {
    throw new Error('the sealed copy of this message cannot be opened (was GAPURA_SECRET changed since it was written?)');
  }
}

/** Delete the sealed copy from the delivery job(s) of a message: nobody may open it any more. */
async function dropSealed(db: Executor, messageId: number) {
  await sql`update jobs set payload = payload - 'sealed'
    where name = 'notify.deliver' and payload->>'messageId' = ${String(messageId)} and payload->>'sealed' is not null`.execute(db);
}

export type DeliveryOutcome = 'sent' | 'kept' | 'already' | 'missing';

export async function deliverMessage(ctx: AppContext, messageId: number, job?: JobInfo, sealed?: string): Promise<DeliveryOutcome> {
  const m = await ctx.db.selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirst();
  if (!m) {
    ctx.log.warn('message to deliver not found', { messageId });
    return 'missing';
  }
  // at-least-once: a job run again after a crash must not send twice what was already recorded as sent
  if (m.status === 'sent' || m.status === 'kept') {
    if (m.status === 'sent' || ctx.config.production) await dropSealed(ctx.db, m.id);
    return 'already';
  }
  const smtp = m.channel === 'email' ? transport(ctx) : undefined;
  const webhook = m.channel !== 'email' ? ctx.config.smsWebhook : undefined;
  if (!smtp && !webhook) {
    await ctx.db.transaction().execute(async (tx) => {
      await tx.updateTable('messages').set({ status: 'kept', attempts: sql`attempts + 1`, last_error: null }).where('id', '=', m.id).execute();
      // in production nobody reads a kept message's code: its sealed copy goes now
      if (ctx.config.production) await dropSealed(tx, m.id);
    });
    ctx.log.info('message kept in the outbox', { messageId: m.id, channel: m.channel, reason: m.channel === 'email' ? 'no SMTP_URL' : 'no SMS_WEBHOOK_URL' });
    return 'kept';
  }
  const text = sealed ? openSealed(ctx, sealed) : { subject: m.subject, body: m.body };
  try {
    if (smtp) await smtp.sendMail({ from: ctx.config.smtpFrom, to: m.recipient, subject: text.subject, text: text.body });
    else await postToGateway(webhook!, { id: m.id, channel: m.channel, to: m.recipient, text: text.body });
  } catch (e) {
    // the SMTP server's reply often quotes the address: keep it out of the error that gets logged
    const error = scrubError(e);
    const last = job ? job.attempts >= job.maxAttempts : false;
    await ctx.db
      .updateTable('messages')
      .set({ attempts: sql`attempts + 1`, last_error: error, ...(last ? { status: 'failed' as const } : {}) })
      .where('id', '=', m.id)
      .execute();
    throw new Error(`${smtp ? 'SMTP' : 'Gateway'} delivery of message ${m.id} failed: ${error}`);
  }
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('messages').set({ status: 'sent', sent_at: sql`now()`, attempts: sql`attempts + 1`, last_error: null }).where('id', '=', m.id).execute();
    await dropSealed(tx, m.id);
  });
  ctx.log.info('message sent', { messageId: m.id, channel: m.channel });
  return 'sent';
}

/** The 'notify.deliver' job: payload { messageId, sealed? } written by sendMessage(). */
export const deliverJob: JobHandler = async (payload, ctx, job) => {
  const id = Number(payload.messageId);
  if (!Number.isInteger(id)) throw new Error('notify.deliver: payload has no messageId');
  await deliverMessage(ctx, id, job, typeof payload.sealed === 'string' ? payload.sealed : undefined);
};

/**
 * The real text of a message for the outbox page, or undefined. Only outside production, and only
 * for a message kept because its channel had no transport: then the outbox is how it is delivered.
 */
export async function outboxCopy(ctx: AppContext, messageId: number): Promise<Template | undefined> {
  if (ctx.config.production) return undefined;
  const m = await ctx.db.selectFrom('messages').select(['status']).where('id', '=', messageId).executeTakeFirst();
  if (m?.status !== 'kept') return undefined;
  const { rows } = await sql<{ sealed: string | null }>`select payload->>'sealed' as sealed from jobs
    where name = 'notify.deliver' and payload->>'messageId' = ${String(messageId)} order by id desc limit 1`.execute(ctx.db);
  const sealed = rows[0]?.sealed;
  return sealed ? openSealed(ctx, sealed) : undefined;
}
