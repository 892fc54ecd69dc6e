// One-time codes sent by email or SMS (account verification, password reset, the extra proof asked
// beyond the sign-in ceiling): 6 random digits, valid CODE_TTL_MINUTES, stored only as an HMAC
// (keyed per user and purpose), dead after CODE_MAX_ATTEMPTS wrong guesses, replaced when a new one
// is sent. The message is queued in the caller's transaction.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../db/index.ts';
import { hmac, safeEqual } from '../crypto.ts';
import { sendMessage } from '../notify/notify.ts';

export const CODE_TTL_MINUTES = 15;
/** wrong guesses allowed per code; then a new one must be requested */
export const CODE_MAX_ATTEMPTS = 5;

export type Channel = 'email' | 'sms';

/**
 * A code as people type it: "989 253", "989-253", " 989253 " are all 989253. Authenticator apps
 * show codes in groups, and people copy them so. Anything else is returned as typed (and fails).
 */
export function normalizeCode(input: string): string {
  const s = input.replace(/[\s\u00a0\-\u2010-\u2015]/g, '');
  return /^\d+$/.test(s) ? s : input.trim();
}

/** zod-friendly check for a 6-digit code in any of those spellings. */
export const isSixDigits = (input: string) => /^\d{6}$/.test(normalizeCode(input));

function newCode(): string {
  return String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
}

const codeHash = (secret: string, userId: number, purpose: string, code: string) => hmac(secret, 'otp', `${userId}:${purpose}:${code}`);

/** Issue a fresh code (earlier unused ones for the same purpose stop working) and queue the message. */
export async function issueCode(
  tx: Executor,
  secret: string,
  user: { id: number; locale: string },
  purpose: string,
  to: { channel: Channel; value: string },
  template: string,
): Promise<void> {
  const code = newCode();
  await tx.updateTable('verification_codes').set({ used_at: sql`now()` }).where('user_id', '=', user.id).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
  await tx
    .insertInto('verification_codes')
    .values({
      user_id: user.id,
      purpose,
      channel: to.channel,
      destination: to.value,
      code_hash: codeHash(secret, user.id, purpose, code),
      expires_at: sql<Date>`now() + ${`${CODE_TTL_MINUTES} minutes`}::interval`,
    })
    .execute();
  await sendMessage(tx, {
    channel: to.channel,
    to: to.value,
    template,
    locale: user.locale === 'en' ? 'en' : 'id',
    params: { code, minutes: CODE_TTL_MINUTES },
  }, { secret }); // the code is sealed for delivery, never stored readable (ADR 015)
}

export type CodeCheck = { ok: true; channel: Channel; destination: string } | { ok: false; reason: 'wrong' | 'expired' | 'none' };

/** Check a code against the newest live one; a wrong guess counts, and the fifth ends the code. */
export async function consumeCode(tx: Executor, secret: string, userId: number, purpose: string, typed: string): Promise<CodeCheck> {
  const code = normalizeCode(typed);
  const row = await tx
    .selectFrom('verification_codes')
    .select(['id', 'channel', 'destination', 'code_hash', 'attempts', sql<boolean>`expires_at < now()`.as('expired')])
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'none' };
  if (row.expired || row.attempts >= CODE_MAX_ATTEMPTS) return { ok: false, reason: 'expired' };
  if (!safeEqual(row.code_hash, codeHash(secret, userId, purpose, code))) {
    await tx.updateTable('verification_codes').set({ attempts: sql`attempts + 1` }).where('id', '=', row.id).execute();
    return { ok: false, reason: row.attempts + 1 >= CODE_MAX_ATTEMPTS ? 'expired' : 'wrong' };
  }
  await tx.updateTable('verification_codes').set({ used_at: sql`now()` }).where('id', '=', row.id).execute();
  return { ok: true, channel: row.channel as Channel, destination: row.destination };
}
