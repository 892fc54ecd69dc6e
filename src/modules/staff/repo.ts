// SQL of the staff accounts: `users` rows of kind 'staff', their role grants, the units they are
// granted in, and their sessions. No rules here (service.ts); every function takes its executor.
import { sql } from 'kysely';
import type { Role } from '../../platform/access/can.ts';
import type { Executor } from '../../platform/db/index.ts';

export interface StaffGrant {
  id: number;
  role: Role;
  unitId: number;
  unitCode: string;
  unitName: string;
  unitKind: string;
  unitPath: string;
}

export interface StaffRow {
  id: number;
  name: string;
  email: string | null;
  disabled: boolean;
  totpEnabled: boolean;
  sso: boolean;
  lastLoginAt: Date | null;
  grants: StaffGrant[];
}

export async function grantsOf(db: Executor, userIds: number[]): Promise<Map<number, StaffGrant[]>> {
  const out = new Map<number, StaffGrant[]>();
  if (!userIds.length) return out;
  const rows = await db
    .selectFrom('role_grants as g')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .select(['g.id', 'g.user_id', 'g.role', 'g.unit_id', 'u.code', 'u.name', 'u.kind', 'u.path'])
    .where('g.user_id', 'in', userIds)
    .orderBy('u.path')
    .orderBy('g.role')
    .execute();
  for (const r of rows) {
    const list = out.get(Number(r.user_id)) ?? [];
    list.push({ id: Number(r.id), role: r.role, unitId: Number(r.unit_id), unitCode: r.code, unitName: r.name, unitKind: r.kind, unitPath: r.path });
    out.set(Number(r.user_id), list);
  }
  return out;
}

const staffColumns = ['id', 'name', 'email', 'disabled_at', 'totp_enabled_at', 'oidc_subject', 'last_login_at'] as const;

function toRow(u: { id: number; name: string; email: string | null; disabled_at: Date | null; totp_enabled_at: Date | null; oidc_subject: string | null; last_login_at: Date | null }, grants: StaffGrant[]): StaffRow {
  return {
    id: Number(u.id), name: u.name, email: u.email, disabled: !!u.disabled_at, totpEnabled: !!u.totp_enabled_at,
    sso: !!u.oidc_subject, lastLoginAt: u.last_login_at, grants,
  };
}

/** Staff with at least one role inside the given unit paths (null = all staff, roles or not). */
export async function listStaff(db: Executor, scope: string[] | null): Promise<StaffRow[]> {
  if (scope && !scope.length) return [];
  let q = db.selectFrom('users').select([...staffColumns]).where('kind', '=', 'staff');
  if (scope) {
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('role_grants as g').innerJoin('units as u', 'u.id', 'g.unit_id').select(sql`1`.as('one'))
          .whereRef('g.user_id', '=', 'users.id')
          .where((e) => e.or(scope.map((p) => e('u.path', 'like', `${p}%`)))),
      ),
    );
  }
  const users = await q.orderBy('name').orderBy('id').limit(1000).execute();
  const grants = await grantsOf(db, users.map((u) => Number(u.id)));
  return users.map((u) => toRow(u, grants.get(Number(u.id)) ?? []));
}

export async function getStaff(db: Executor, id: number): Promise<StaffRow | undefined> {
  const u = await db.selectFrom('users').select([...staffColumns]).where('kind', '=', 'staff').where('id', '=', id).executeTakeFirst();
  if (!u) return undefined;
  return toRow(u, (await grantsOf(db, [Number(u.id)])).get(Number(u.id)) ?? []);
}

/** Active units inside the given paths (null = all), for the role form's list. */
export async function unitsWithin(db: Executor, scope: string[] | null) {
  if (scope && !scope.length) return [];
  let q = db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'path']).where('active', '=', true);
  if (scope) q = q.where((e) => e.or(scope.map((p) => e('path', 'like', `${p}%`))));
  return q.orderBy('path').limit(5000).execute();
}

export async function unitByCode(db: Executor, code: string) {
  return db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'path']).where('code', '=', code).where('active', '=', true).executeTakeFirst();
}

export async function unitById(db: Executor, id: number) {
  return db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'path']).where('id', '=', id).where('active', '=', true).executeTakeFirst();
}

export async function unitPaths(db: Executor, ids: number[]): Promise<string[]> {
  if (!ids.length) return [];
  return (await db.selectFrom('units').select('path').where('id', 'in', ids).execute()).map((r) => r.path);
}

export async function findStaffByEmail(db: Executor, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'kind', 'disabled_at'])
    .where(sql`lower(email)`, '=', email.trim().toLowerCase())
    .where('kind', '=', 'staff')
    .executeTakeFirst();
}

export type SigninUser = { id: number; name: string; email: string | null; locale: string; totp_enabled_at: Date | null; password_change_required: boolean; disabled_at: Date | null; password_hash: string | null };

/** A staff member as sign-in needs them (disabled ones included: the caller decides). */
export async function signinUser(db: Executor, by: { id: number } | { email: string }): Promise<SigninUser | undefined> {
  let q = db.selectFrom('users').select(['id', 'name', 'email', 'locale', 'totp_enabled_at', 'password_change_required', 'disabled_at', 'password_hash']).where('kind', '=', 'staff');
  q = 'id' in by ? q.where('id', '=', by.id) : q.where(sql`lower(email)`, '=', by.email.trim().toLowerCase());
  const u = await q.executeTakeFirst();
  return u ? { ...u, id: Number(u.id) } : undefined;
}

export async function accountOf(db: Executor, id: number) {
  return db.selectFrom('users').select(['id', 'name', 'email', 'totp_enabled_at', 'oidc_subject', 'password_hash']).where('id', '=', id).where('kind', '=', 'staff').executeTakeFirstOrThrow();
}

export async function insertStaff(tx: Executor, v: { name: string; email: string; passwordHash: string; mustChange: boolean }): Promise<number> {
  const row = await tx
    .insertInto('users')
    .values({ kind: 'staff', name: v.name, email: v.email, email_verified_at: null, password_hash: v.passwordHash, password_change_required: v.mustChange })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Adds the grant; undefined when it is held already. */
export async function insertGrant(tx: Executor, userId: number, role: Role, unitId: number): Promise<number | undefined> {
  const res = await tx
    .insertInto('role_grants')
    .values({ user_id: userId, role, unit_id: unitId })
    .onConflict((oc) => oc.columns(['user_id', 'role', 'unit_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return res ? Number(res.id) : undefined;
}

export async function deleteGrant(tx: Executor, userId: number, grantId: number): Promise<void> {
  await tx.deleteFrom('role_grants').where('id', '=', grantId).where('user_id', '=', userId).execute();
}

/** Signs the person out everywhere (or everywhere but the session with this id hash). */
export async function deleteSessions(tx: Executor, userId: number, exceptIdHash?: string): Promise<void> {
  let q = tx.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptIdHash) q = q.where('id_hash', '!=', exceptIdHash);
  await q.execute();
}

export async function disabledAt(tx: Executor, userId: number): Promise<Date | null> {
  return (await tx.selectFrom('users').select('disabled_at').where('id', '=', userId).executeTakeFirstOrThrow()).disabled_at;
}

export async function setDisabledAt(tx: Executor, userId: number, disabled: boolean): Promise<void> {
  await tx.updateTable('users').set({ disabled_at: disabled ? sql`now()` : null, updated_at: sql`now()` }).where('id', '=', userId).execute();
}

export async function totpEnabledAt(tx: Executor, userId: number): Promise<Date | null> {
  return (await tx.selectFrom('users').select('totp_enabled_at').where('id', '=', userId).executeTakeFirstOrThrow()).totp_enabled_at;
}

export async function clearTotp(tx: Executor, userId: number): Promise<void> {
  await tx.updateTable('users').set({ totp_secret_encrypted: null, totp_enabled_at: null, totp_last_step: null, updated_at: sql`now()` }).where('id', '=', userId).execute();
}

export async function enableTotp(tx: Executor, userId: number): Promise<void> {
  await tx.updateTable('users').set({ totp_enabled_at: sql`now()`, updated_at: sql`now()` }).where('id', '=', userId).execute();
}

export async function setPasswordHash(tx: Executor, userId: number, hash: string, mustChange: boolean): Promise<void> {
  await tx.updateTable('users').set({ password_hash: hash, password_change_required: mustChange, updated_at: sql`now()` }).where('id', '=', userId).execute();
}

export async function touchLastLogin(db: Executor, userId: number): Promise<void> {
  await db.updateTable('users').set({ last_login_at: sql`now()` }).where('id', '=', userId).execute();
}

export async function findByOidcSubject(db: Executor, subject: string) {
  return db.selectFrom('users').select(['id', 'name', 'disabled_at', 'oidc_subject']).where('kind', '=', 'staff').where('oidc_subject', '=', subject).executeTakeFirst();
}

export async function findForOidcLink(db: Executor, email: string) {
  return db.selectFrom('users').select(['id', 'name', 'disabled_at', 'oidc_subject']).where('kind', '=', 'staff').where(sql`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
}

export async function linkOidcSubject(tx: Executor, userId: number, subject: string): Promise<void> {
  await tx.updateTable('users').set({ oidc_subject: subject, updated_at: sql`now()` }).where('id', '=', userId).execute();
}

/** The region's root unit and the first kelurahan (by code) under a kecamatan: where the demo staff work. */
export async function demoUnits(db: Executor) {
  const region = await db.selectFrom('units').select(['id', 'name', 'path']).where('kind', '=', 'region').where('active', '=', true).orderBy('id').executeTakeFirst();
  const kel = await db
    .selectFrom('units as k')
    .innerJoin('units as p', 'p.id', 'k.parent_id')
    .select(['k.id', 'k.name', 'p.id as parent_id', 'p.name as parent_name'])
    .where('k.kind', 'in', ['kelurahan', 'desa'])
    .where('p.kind', '=', 'kecamatan')
    .where('k.active', '=', true)
    .orderBy('k.code')
    .executeTakeFirst();
  return { region, kel };
}

/** An authenticator already set up (demo accounts, whose secrets are printed at first start). */
export async function setEnrolledTotp(tx: Executor, userId: number, sealedSecret: string): Promise<void> {
  await tx.updateTable('users').set({ totp_secret_encrypted: sealedSecret, totp_enabled_at: sql`now()` }).where('id', '=', userId).execute();
}
