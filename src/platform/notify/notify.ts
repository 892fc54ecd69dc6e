// Notifications: a message is rendered from a template in the recipient's language and stored in
// `messages` together with a delivery job ('notify.deliver', see deliver.ts), in the caller's
// transaction (so nothing is sent for a change that rolled back).
//
// One-time secrets (verification and reset codes; the template lists them in `secret`) are never
// stored readable: the `messages` row holds the text with each secret masked, and the delivery job
// carries the real text sealed (AES-256-GCM under a key derived from GAPURA_SECRET, which is not in
// the database). Only the delivery job opens it; once delivered, the sealed copy is deleted.
// The threat model is in docs/decisions/015-events-and-sealed-codes.md.
import type { Executor } from '../db/index.ts';
import { encrypt } from '../crypto.ts';
import { enqueue } from '../jobs/queue.ts';
import type { Locale } from '../i18n/index.ts';
import { MASK, renderTemplate, templateSecrets } from './templates.ts';

export interface MessageRequest {
  channel: 'email' | 'sms' | 'whatsapp';
  to: string;
  template: string;
  locale: Locale;
  params: Record<string, string | number>;
}

/** HKDF purpose of the key that seals a message's real text for its delivery job. */
export const SEAL_PURPOSE = 'notify.sealed';

/**
 * Store a message and queue its delivery. `opts.secret` (the installation's GAPURA_SECRET,
 * ctx.config.secret) is required for a template with secret parameters: it seals the real text.
 */
export async function sendMessage(tx: Executor, m: MessageRequest, opts: { secret?: string } = {}): Promise<number> {
  const secrets = templateSecrets(m.template).filter((k) => k in m.params);
  if (secrets.length && !opts.secret)
    throw new Error(`template ${m.template} carries one-time secrets (${secrets.join(', ')}): pass { secret: config.secret } to sendMessage`);
  const masked = { ...m.params };
  for (const k of secrets) masked[k] = MASK;
  const { subject, body } = renderTemplate(m.template, m.locale, masked);
  const row = await tx
    .insertInto('messages')
    .values({ channel: m.channel, recipient: m.to, template: m.template, locale: m.locale, subject, body })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sealed = secrets.length ? encrypt(opts.secret!, SEAL_PURPOSE, JSON.stringify(renderTemplate(m.template, m.locale, m.params))) : undefined;
  await enqueue(tx, 'notify.deliver', { messageId: row.id, ...(sealed ? { sealed } : {}) });
  return row.id;
}
