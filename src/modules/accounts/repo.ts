// SQL of the citizen accounts: the `users` rows of kind 'citizen' and what hangs off them. No rules
// here (service.ts has them); every function takes the executor it runs on (db or a transaction).
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';
import type { Channel } from '../../platform/auth/codes.ts';

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

/** How long an unverified email or phone still receives a reset code for the account that claimed it. */
export const CLAIM_DAYS = 7;

const citizens = (db: Executor) => db.selectFrom('users').select([...COLUMNS]).where('kind', '=', 'citizen');
const row = <T extends { id: unknown }>(u: T | undefined) => (u ? { ...u, id: Number(u.id) } : undefined);

export async function findCitizen(db: Executor, id: number): Promise<CitizenRow | undefined> {
  return row(await citizens(db).where('id', '=', id).executeTakeFirst());
}

/** The citizen whose VERIFIED email or phone this is (at most one: a unique index says so). */
export async function findByVerifiedContact(db: Executor, ident: { channel: Channel; value: string }): Promise<CitizenRow | undefined> {
  const q = ident.channel === 'email'
    ? citizens(db).where(sql`lower(email)`, '=', ident.value).where('email_verified_at', 'is not', null)
    : citizens(db).where('phone', '=', ident.value).where('phone_verified_at', 'is not', null);
  return row(await q.executeTakeFirst());
}

/**
 * The newest account that claimed this contact without verifying it yet, if the claim is fresh
 * (a verification code was sent to it within CLAIM_DAYS). Older claims have expired.
 */
export async function findFreshClaim(db: Executor, ident: { channel: Channel; value: string }): Promise<CitizenRow | undefined> {
  let q = ident.channel === 'email'
    ? citizens(db).where(sql`lower(email)`, '=', ident.value).where('email_verified_at', 'is', null)
    : citizens(db).where('phone', '=', ident.value).where('phone_verified_at', 'is', null);
  q = q.where((eb) =>
    eb.exists(
      eb.selectFrom('verification_codes as vc').select(sql`1`.as('one'))
        .whereRef('vc.user_id', '=', 'users.id')
        .where('vc.destination', '=', ident.value)
        .where('vc.created_at', '>', sql<Date>`now() - ${`${CLAIM_DAYS} days`}::interval`),
    ),
  );
  return row(await q.orderBy('id', 'desc').executeTakeFirst());
}

/** Which of these identifiers belong to another citizen: a verified email or phone, or any NIK. */
export async function takenFields(
  db: Executor,
  v: { email?: string; phone?: string; nikHash?: string },
  exceptUserId?: number,
): Promise<Set<'email' | 'phone' | 'nik'>> {
  const taken = new Set<'email' | 'phone' | 'nik'>();
  const base = () => {
    let q = db.selectFrom('users').select('id').where('kind', '=', 'citizen');
    if (exceptUserId !== undefined) q = q.where('id', '!=', exceptUserId);
    return q;
  };
  if (v.email && (await base().where(sql`lower(email)`, '=', v.email).where('email_verified_at', 'is not', null).executeTakeFirst())) taken.add('email');
  if (v.phone && (await base().where('phone', '=', v.phone).where('phone_verified_at', 'is not', null).executeTakeFirst())) taken.add('phone');
  if (v.nikHash && (await base().where('nik_hash', '=', v.nikHash).executeTakeFirst())) taken.add('nik');
  return taken;
}

export interface CitizenValues {
  name: string;
  email: string | null;
  phone: string | null;
  passwordHash: string;
  nikEncrypted: string | null;
  nikHash: string | null;
  locale: 'id' | 'en';
}

export async function insertCitizen(tx: Executor, v: CitizenValues): Promise<number> {
  const r = await tx
    .insertInto('users')
    .values({
      kind: 'citizen', name: v.name, email: v.email, phone: v.phone, password_hash: v.passwordHash,
      nik_encrypted: v.nikEncrypted, nik_hash: v.nikHash, locale: v.locale,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateProfileRow(
  tx: Executor,
  id: number,
  v: Omit<CitizenValues, 'passwordHash'> & { resetEmailVerified: boolean; resetPhoneVerified: boolean },
): Promise<void> {
  await tx
    .updateTable('users')
    .set({
      name: v.name, email: v.email, phone: v.phone, locale: v.locale, nik_encrypted: v.nikEncrypted, nik_hash: v.nikHash,
      ...(v.resetEmailVerified ? { email_verified_at: null } : {}),
      ...(v.resetPhoneVerified ? { phone_verified_at: null } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('kind', '=', 'citizen')
    .execute();
}

export async function setPasswordHash(tx: Executor, id: number, hash: string): Promise<void> {
  await tx.updateTable('users').set({ password_hash: hash, updated_at: sql`now()` }).where('id', '=', id).where('kind', '=', 'citizen').execute();
}

export async function touchLastLogin(db: Executor, id: number): Promise<void> {
  await db.updateTable('users').set({ last_login_at: sql`now()` }).where('id', '=', id).execute();
}

/** Another citizen holds this contact verified already (a race two owners lost to each other). */
async function verifiedElsewhere(tx: Executor, userId: number, check: { channel: Channel; destination: string }): Promise<boolean> {
  const q = tx.selectFrom('users').select('id').where('kind', '=', 'citizen').where('id', '!=', userId);
  const hit = check.channel === 'email'
    ? await q.where(sql`lower(email)`, '=', check.destination).where('email_verified_at', 'is not', null).executeTakeFirst()
    : await q.where('phone', '=', check.destination).where('phone_verified_at', 'is not', null).executeTakeFirst();
  return !!hit;
}

/**
 * Mark the channel a code went to as verified, if it is still the account's address, and release
 * every other account's unverified claim on it: from now on it is this person's. False when
 * another account verified it first.
 */
export async function markVerified(tx: Executor, userId: number, check: { channel: Channel; destination: string }): Promise<boolean> {
  if (await verifiedElsewhere(tx, userId, check)) return false;
  if (check.channel === 'email') {
    await tx.updateTable('users').set({ email: null, updated_at: sql`now()` })
      .where('kind', '=', 'citizen').where('id', '!=', userId).where(sql`lower(email)`, '=', check.destination).where('email_verified_at', 'is', null).execute();
    await tx.updateTable('users').set({ email_verified_at: sql`now()` }).where('id', '=', userId).where(sql`lower(email)`, '=', check.destination).execute();
  } else {
    await tx.updateTable('users').set({ phone: null, updated_at: sql`now()` })
      .where('kind', '=', 'citizen').where('id', '!=', userId).where('phone', '=', check.destination).where('phone_verified_at', 'is', null).execute();
    await tx.updateTable('users').set({ phone_verified_at: sql`now()` }).where('id', '=', userId).where('phone', '=', check.destination).execute();
  }
  return true;
}

export async function sessionsOf(db: Executor, userId: number) {
  return db.selectFrom('sessions').select(['created_at', 'last_seen_at', 'ip', 'user_agent']).where('user_id', '=', userId).orderBy('created_at').execute();
}

export async function messagesTo(db: Executor, addresses: string[]) {
  if (!addresses.length) return [];
  return db.selectFrom('messages').select(['created_at', 'channel', 'template', 'subject', 'status']).where('recipient', 'in', addresses).orderBy('created_at').execute();
}

/** The user row (sessions and codes go with it by cascade) and the messages sent to its addresses. */
export async function deleteCitizen(tx: Executor, u: { id: number; email: string | null; phone: string | null }): Promise<void> {
  const addresses = [u.email?.toLowerCase(), u.phone].filter((a): a is string => !!a);
  if (addresses.length) await tx.deleteFrom('messages').where('recipient', 'in', addresses).execute();
  await tx.deleteFrom('users').where('id', '=', u.id).where('kind', '=', 'citizen').execute();
}

/** For the demo account: a verified email and phone from the start. */
export async function markContactsVerified(tx: Executor, id: number): Promise<void> {
  await tx.updateTable('users').set({ email_verified_at: sql`now()`, phone_verified_at: sql`now()` }).where('id', '=', id).execute();
}
