// Delivering one stored message: the 'notify.deliver' job (platform/notify/jobs.ts).
// Email goes out by SMTP when SMTP_URL is set; SMS and WhatsApp go to the city's gateway when
// SMS_WEBHOOK_URL is set (one JSON POST per message: every Indonesian gateway has its own API, and a
// small bridge in front of it is simpler than an adapter per vendor here). Without a transport the
// message is 'kept': it stays readable in the outbox (/petugas/outbox), which is how a demo or a test
// installation reads its verification codes.
// Logs name the message id and channel only: never the recipient or the body.
import nodemailer, { type Transporter } from 'nodemailer';
import { sql } from 'kysely';
import type { AppContext } from '../http/context.ts';
import type { JobInfo } from '../jobs/queue.ts';
import { scrubError } from '../jobs/worker.ts';

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

export type DeliveryOutcome = 'sent' | 'kept' | 'already' | 'missing';

export async function deliverMessage(ctx: AppContext, messageId: number, job?: JobInfo): Promise<DeliveryOutcome> {
  const m = await ctx.db.selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirst();
  if (!m) {
    ctx.log.warn('message to deliver not found', { messageId });
    return 'missing';
  }
  // at-least-once: a job run again after a crash must not send twice what was already recorded as sent
  if (m.status === 'sent' || m.status === 'kept') return 'already';
  const smtp = m.channel === 'email' ? transport(ctx) : undefined;
  const webhook = m.channel !== 'email' ? ctx.config.smsWebhook : undefined;
  if (!smtp && !webhook) {
    await ctx.db.updateTable('messages').set({ status: 'kept', attempts: sql`attempts + 1`, last_error: null }).where('id', '=', m.id).execute();
    ctx.log.info('message kept in the outbox', { messageId: m.id, channel: m.channel, reason: m.channel === 'email' ? 'no SMTP_URL' : 'no SMS_WEBHOOK_URL' });
    return 'kept';
  }
  try {
    if (smtp) await smtp.sendMail({ from: ctx.config.smtpFrom, to: m.recipient, subject: m.subject, text: m.body });
    else await postToGateway(webhook!, { id: m.id, channel: m.channel, to: m.recipient, text: m.body });
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
  await ctx.db
    .updateTable('messages')
    .set({ status: 'sent', sent_at: sql`now()`, attempts: sql`attempts + 1`, last_error: null })
    .where('id', '=', m.id)
    .execute();
  ctx.log.info('message sent', { messageId: m.id, channel: m.channel });
  return 'sent';
}
