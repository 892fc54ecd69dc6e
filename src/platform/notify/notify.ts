// Notifications: a message is rendered from a template in the recipient's language and stored in
// `messages` together with a delivery job, in the caller's transaction (so nothing is sent for a
// change that rolled back). The 'notify.deliver' job sends it by SMTP, or keeps it in the outbox
// (/petugas/outbox) when no SMTP server is configured.
import type { Executor } from '../db/index.ts';
import { enqueue } from '../jobs/queue.ts';
import type { Locale } from '../i18n/index.ts';
import { renderTemplate } from './templates.ts';

export interface MessageRequest {
  channel: 'email' | 'sms' | 'whatsapp';
  to: string;
  template: string;
  locale: Locale;
  params: Record<string, string | number>;
}

export async function sendMessage(tx: Executor, m: MessageRequest): Promise<number> {
  const { subject, body } = renderTemplate(m.template, m.locale, m.params);
  const row = await tx
    .insertInto('messages')
    .values({ channel: m.channel, recipient: m.to, template: m.template, locale: m.locale, subject, body })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueue(tx, 'notify.deliver', { messageId: row.id });
  return row.id;
}
