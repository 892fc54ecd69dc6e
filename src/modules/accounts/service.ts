// Citizen accounts: identifiers (email or +62 mobile number), one-time codes for verification and
// password reset, NIK kept encrypted, and the personal-data export and erasure of UU 27/2022 (PDP).
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { DB, Executor } from '../../platform/db/index.ts';
import { decrypt, encrypt, hmac, safeEqual } from '../../platform/crypto.ts';
import { sendMessage } from '../../platform/notify/notify.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import type { GapuraModule } from '../../platform/module.ts';
import { hashPassword } from '../../platform/auth/password.ts';

export const CODE_TTL_MINUTES = 15;
/** wrong guesses allowed per code; then a new one must be requested */
export const CODE_MAX_ATTEMPTS = 5;

export type Channel = 'email' | 'sms';
export type CodePurpose = 'verify' | 'reset';

/**
 * An Indonesian mobile number in E.164 (+628…), or undefined. Accepts how people write it:
 * 0812-3456-7890, 62 812 3456 7890, +62 (812) 34567890. Mobile numbers start with 8 after the
 * country code and have 9 to 12 digits after it.
 */
export function normalizePhone(input: string): string | undefined {
  const digits = input.replace(/[\s\-().]/g, '');
  const m = /^(?:\+62|62|0)(8\d{8,11})$/.exec(digits);
  return m ? `+62${m[1]}` : undefined;
}

export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}

/** What a person typed to sign in or reset: an email when it has an @, else a phone number. */
export function parseIdentifier(input: string): { channel: Channel; value: string } | undefined {
  const s = input.trim();
  if (s.includes('@')) return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) ? { channel: 'email', value: normalizeEmail(s) } : undefined;
  const phone = normalizePhone(s);
  return phone ? { channel: 'sms', value: phone } : undefined;
}

export interface CitizenRow {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  password_hash: string | null;
  email_verified_at: Date | null;
  phone_verified_at: Date | null;
  nik_encrypted: string | null;
  locale: string;
  disabled_at: Date | null;
  created_at: Date;
  last_login_at: Date | null;
}

const COLUMNS = ['id', 'name', 'email', 'phone', 'password_hash', 'email_verified_at', 'phone_verified_at', 'nik_encrypted', 'locale', 'disabled_at', 'created_at', 'last_login_at'] as const;

export async function findCitizen(db: Executor, id: number): Promise<CitizenRow | undefined> {
  const u = await db.selectFrom('users').select([...COLUMNS]).where('id', '=', id).where('kind', '=', 'citizen').executeTakeFirst();
  return u ? { ...u, id: Number(u.id) } : undefined;
}

export async function findCitizenBy(db: Executor, ident: { channel: Channel; value: string }): Promise<CitizenRow | undefined> {
  let q = db.selectFrom('users').select([...COLUMNS]).where('kind', '=', 'citizen');
  q = ident.channel === 'email' ? q.where(sql`lower(email)`, '=', ident.value) : q.where('phone', '=', ident.value);
  const u = await q.executeTakeFirst();
  return u ? { ...u, id: Number(u.id) } : undefined;
}

export const nikHash = (secret: string, nik: string) => hmac(secret, 'nik', nik);
export const sealNik = (secret: string, nik: string) => encrypt(secret, 'nik', nik);
export const openNik = (secret: string, box: string) => decrypt(secret, 'nik', box);

/** Which of these identifiers already belong to another citizen (field name → taken). */
export async function takenFields(
  db: Executor,
  secret: string,
  v: { email?: string; phone?: string; nik?: string },
  exceptUserId?: number,
): Promise<Set<'email' | 'phone' | 'nik'>> {
  const taken = new Set<'email' | 'phone' | 'nik'>();
  const check = async (field: 'email' | 'phone' | 'nik', build: () => Promise<{ id: unknown } | undefined>) => {
    const row = await build();
    if (row && Number(row.id) !== exceptUserId) taken.add(field);
  };
  const base = () => db.selectFrom('users').select('id').where('kind', '=', 'citizen');
  if (v.email) await check('email', () => base().where(sql`lower(email)`, '=', v.email!).executeTakeFirst());
  if (v.phone) await check('phone', () => base().where('phone', '=', v.phone!).executeTakeFirst());
  if (v.nik) await check('nik', () => db.selectFrom('users').select('id').where('nik_hash', '=', nikHash(secret, v.nik!)).executeTakeFirst());
  return taken;
}

export interface NewCitizen {
  name: string;
  email?: string;
  phone?: string;
  nik?: string;
  password: string;
  locale: Locale;
}

export async function createCitizen(tx: Executor, secret: string, c: NewCitizen): Promise<number> {
  const row = await tx
    .insertInto('users')
    .values({
      kind: 'citizen',
      name: c.name,
      email: c.email ?? null,
      phone: c.phone ?? null,
      password_hash: await hashPassword(c.password),
      nik_encrypted: c.nik ? sealNik(secret, c.nik) : null,
      nik_hash: c.nik ? nikHash(secret, c.nik) : null,
      locale: c.locale,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

function newCode(): string {
  return String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
}

const codeHash = (secret: string, userId: number, purpose: string, code: string) => hmac(secret, 'otp', `${userId}:${purpose}:${code}`);

/**
 * Issue a fresh code (earlier unused ones for the same purpose stop working) and queue the message
 * in the same transaction. The code itself is stored only as a keyed hash.
 */
export async function issueCode(
  tx: Executor,
  secret: string,
  user: { id: number; locale: string },
  purpose: CodePurpose,
  to: { channel: Channel; value: string },
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
    template: purpose === 'verify' ? 'accounts.verify_code' : 'accounts.reset_code',
    locale: user.locale === 'en' ? 'en' : 'id',
    params: { code, minutes: CODE_TTL_MINUTES },
  }, { secret });
}

export type CodeCheck = { ok: true; channel: Channel; destination: string } | { ok: false; reason: 'wrong' | 'expired' | 'none' };

/** Check a code against the newest live one; a wrong guess counts, and the fifth ends the code. */
export async function consumeCode(tx: Executor, secret: string, userId: number, purpose: CodePurpose, code: string): Promise<CodeCheck> {
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

/** Mark the channel a code went to as verified, if it is still the account's address. */
export async function markVerified(tx: Executor, userId: number, check: { channel: Channel; destination: string }): Promise<void> {
  const u = tx.updateTable('users');
  if (check.channel === 'email') {
    await u.set({ email_verified_at: sql`now()` }).where('id', '=', userId).where(sql`lower(email)`, '=', check.destination).execute();
  } else {
    await u.set({ phone_verified_at: sql`now()` }).where('id', '=', userId).where('phone', '=', check.destination).execute();
  }
}

/** Where a verification code should go: the first address that is not verified yet. */
export function unverifiedChannel(u: CitizenRow): { channel: Channel; value: string } | undefined {
  if (u.email && !u.email_verified_at) return { channel: 'email', value: u.email.toLowerCase() };
  if (u.phone && !u.phone_verified_at) return { channel: 'sms', value: u.phone };
  return undefined;
}

export const isVerified = (u: CitizenRow) => !!(u.email_verified_at || u.phone_verified_at);

// ---- personal data (UU 27/2022 PDP) ----

/** The account's own data, as the export shows it: NIK in full (it is the person's own). */
export async function accountExport(db: Executor, secret: string, userId: number): Promise<Record<string, unknown>> {
  const u = await findCitizen(db, userId);
  if (!u) return {};
  const sessions = await db.selectFrom('sessions').select(['created_at', 'last_seen_at', 'ip', 'user_agent']).where('user_id', '=', userId).orderBy('created_at').execute();
  const messages = await db
    .selectFrom('messages')
    .select(['created_at', 'channel', 'template', 'subject', 'status'])
    .where('recipient', 'in', [u.email?.toLowerCase() ?? '', u.phone ?? ''].filter(Boolean))
    .orderBy('created_at')
    .execute();
  return {
    profile: {
      name: u.name,
      email: u.email,
      email_verified_at: u.email_verified_at,
      phone: u.phone,
      phone_verified_at: u.phone_verified_at,
      nik: u.nik_encrypted ? openNik(secret, u.nik_encrypted) : null,
      language: u.locale,
      created_at: u.created_at,
      last_login_at: u.last_login_at,
    },
    sessions,
    // the subjects of messages sent to you; codes in their bodies are not repeated here
    messages,
  };
}

/** Everything every installed module holds about the person, under each module's id. */
export async function exportAll(db: DB, secret: string, modules: GapuraModule[], userId: number): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { exported_at: new Date().toISOString(), account: await accountExport(db, secret, userId) };
  for (const m of modules) if (m.personalData && m.id !== 'accounts') out[m.id] = await m.personalData.export(db, userId);
  return out;
}

/**
 * Erase the account: each module erases (or anonymises, where a law requires keeping a record) what
 * it holds, then messages sent to the person's addresses and the user row itself (sessions and codes
 * go with it by cascade). All in the caller's transaction: it happens completely or not at all.
 */
export async function eraseAll(tx: Executor, modules: GapuraModule[], u: CitizenRow): Promise<void> {
  for (const m of modules) if (m.personalData && m.id !== 'accounts') await m.personalData.erase(tx, u.id);
  const addresses = [u.email?.toLowerCase(), u.phone].filter((a): a is string => !!a);
  if (addresses.length) await tx.deleteFrom('messages').where('recipient', 'in', addresses).execute();
  await tx.deleteFrom('users').where('id', '=', u.id).where('kind', '=', 'citizen').execute();
}
