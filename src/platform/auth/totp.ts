// Time-based one-time codes (RFC 6238, the authenticator-app standard: SHA-1, 6 digits, 30 s).
// The secret is stored encrypted (AES-GCM, key derived for 'totp'); a code is accepted within one
// step either side of now (clock drift) and only once: the accepted step is stored and any code of
// that step or earlier is refused afterwards, so a code seen over a shoulder cannot be replayed.
import { generate, generateSecret, generateURI, verify } from 'otplib';
import { sql } from 'kysely';
import { decrypt, encrypt } from '../crypto.ts';
import { normalizeCode } from './codes.ts';
import type { DB } from '../db/index.ts';

const PERIOD = 30;
const PURPOSE = 'totp';

/** A fresh Base32 secret (20 random bytes = 160 bits, as RFC 4226 recommends). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** 'JBSW Y3DP EHPK …' — easier to type into an app by hand. */
export function formatSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** otpauth://totp/<issuer>:<account>?secret=…&issuer=… for authenticator apps (QR or link). */
export function totpUri(secret: string, issuer: string, account: string): string {
  return generateURI({ issuer, label: account, secret });
}

export function sealSecret(appSecret: string, totpSecret: string): string {
  return encrypt(appSecret, PURPOSE, totpSecret);
}

export function openSecret(appSecret: string, sealed: string): string {
  return decrypt(appSecret, PURPOSE, sealed);
}

/** The current code (tests, and the demo printout). */
export async function currentCode(secret: string, epochSeconds?: number): Promise<string> {
  return generate({ secret, period: PERIOD, ...(epochSeconds !== undefined ? { epoch: epochSeconds } : {}) });
}

/**
 * Check a code without touching the database: the matching time step, or null. Pass `after` (the
 * last step already used) to refuse replays.
 */
export async function matchStep(secret: string, typed: string, after?: number | null, epochSeconds?: number): Promise<number | null> {
  // apps show "989 253": spaces and dashes are how people copy it
  const code = normalizeCode(typed);
  if (!/^\d{6}$/.test(code)) return null;
  const r = await verify({
    secret,
    token: code,
    period: PERIOD,
    epochTolerance: PERIOD, // ±1 step
    ...(after != null ? { afterTimeStep: after } : {}),
    ...(epochSeconds !== undefined ? { epoch: epochSeconds } : {}),
  });
  // the functional API types TOTP and HOTP results together; a TOTP match carries its time step
  return r.valid ? (r as { timeStep: number }).timeStep : null;
}

/**
 * Verify a staff member's code against their stored secret (enrolled or being enrolled) and
 * consume its time step. The update is conditional on the stored step, so two requests racing with
 * the same code cannot both win.
 */
export async function verifyUserTotp(db: DB, appSecret: string, userId: number, code: string): Promise<boolean> {
  const user = await db
    .selectFrom('users')
    .select(['totp_secret_encrypted', 'totp_last_step'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user?.totp_secret_encrypted) return false;
  const secret = openSecret(appSecret, user.totp_secret_encrypted);
  const step = await matchStep(secret, code, user.totp_last_step);
  if (step === null) return false;
  const res = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Store a new (not yet confirmed) secret; enrolment ends with confirmTotp() after a correct code. */
export async function startTotpEnrolment(db: DB, appSecret: string, userId: number): Promise<string> {
  const secret = newTotpSecret();
  await db
    .updateTable('users')
    .set({ totp_secret_encrypted: sealSecret(appSecret, secret), totp_enabled_at: null, totp_last_step: null, updated_at: sql`now()` })
    .where('id', '=', userId)
    .execute();
  return secret;
}

/** The secret being enrolled (not yet enabled), so the enrolment page can show it again. */
export async function pendingTotpSecret(db: DB, appSecret: string, userId: number): Promise<string | null> {
  const u = await db.selectFrom('users').select(['totp_secret_encrypted', 'totp_enabled_at']).where('id', '=', userId).executeTakeFirst();
  if (!u?.totp_secret_encrypted || u.totp_enabled_at) return null;
  return openSecret(appSecret, u.totp_secret_encrypted);
}
