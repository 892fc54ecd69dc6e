// Staff accounts: who the staff are, which roles they hold in which units, and the changes admins
// make to them. No HTTP here; every change takes the transaction it runs in and writes its audit
// entry there. Secrets (passwords, TOTP) never reach the audit trail: only that they changed.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { can, isRole, moduleRole, type Actor, type Role } from '../../platform/access/can.ts';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/index.ts';
import { AppError } from '../../platform/http/errors.ts';
import { hashPassword } from '../../platform/auth/password.ts';

/** Roles that hand out access or run the platform: a second factor is not optional for them. */
export const TOTP_REQUIRED_ROLES: readonly Role[] = ['unit_admin', 'platform_admin'];

export { isRole };

/** i18n keys naming a role: a module's role brings its own, the platform's are the staff module's. */
export function roleKeys(role: string): { label: string; hint: string } {
  const m = moduleRole(role);
  return m ? { label: m.label, hint: m.hint ?? '' } : { label: `staff.role.${role}`, hint: `staff.role.${role}.hint` };
}

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

export function requiresTotp(grants: { role: string }[]): boolean {
  return grants.some((g) => (TOTP_REQUIRED_ROLES as readonly string[]).includes(g.role));
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
    list.push({ id: Number(r.id), role: r.role as Role, unitId: Number(r.unit_id), unitCode: r.code, unitName: r.name, unitKind: r.kind, unitPath: r.path });
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

// ---------------------------------------------------------------------------------------------
// Who may manage whom. platform_admin manages everyone; a unit_admin manages people whose every
// role lies inside their own subtree, and may hand out roles only inside it (never platform_admin).

export function managesEverywhere(actor: Actor): boolean {
  return can(actor, 'staff.manage_all');
}

/** Unit paths the actor administers (null = everywhere). */
export function manageScope(actor: Actor): string[] | null {
  if (managesEverywhere(actor)) return null;
  if (actor.kind !== 'staff') return [];
  return actor.grants.filter((g) => g.role === 'unit_admin').map((g) => g.unitPath);
}

export function canManageUnit(actor: Actor, unitPath: string): boolean {
  const scope = manageScope(actor);
  return scope === null || scope.some((p) => unitPath.startsWith(p));
}

/** May see this person's page: at least one of their roles is in the actor's scope. */
export function canSeeStaff(actor: Actor, target: StaffRow): boolean {
  if (managesEverywhere(actor)) return true;
  return target.grants.some((g) => canManageUnit(actor, g.unitPath));
}

/** May change the person as a whole (disable, reset 2FA): every role of theirs is in scope. */
export function canManageStaff(actor: Actor, target: StaffRow): boolean {
  if (managesEverywhere(actor)) return true;
  if (!target.grants.length) return false;
  if (target.grants.some((g) => g.role === 'platform_admin')) return false;
  return target.grants.every((g) => canManageUnit(actor, g.unitPath));
}

/** May hand out (or take back) this role in this unit. */
export function canGrant(actor: Actor, role: Role, unitPath: string): boolean {
  if (managesEverywhere(actor)) return true;
  if (role === 'platform_admin') return false;
  return canManageUnit(actor, unitPath);
}

/** Units the actor may grant roles in (for the form's list). */
export async function grantableUnits(db: Executor, actor: Actor) {
  const scope = manageScope(actor);
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

// ---------------------------------------------------------------------------------------------
// Changes. Each one audits in the same transaction.

const OTP_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // no look-alikes (l/1, o/0, i)

/** 'k7pm-x2qa-9wne-h4tc': 80 bits, easy to read aloud, shown once. */
export function oneTimePassword(): string {
  const chars = Array.from({ length: 16 }, () => OTP_ALPHABET[crypto.randomInt(OTP_ALPHABET.length)]);
  return chars.join('').replace(/(.{4})(?=.)/g, '$1-');
}

export async function findStaffByEmail(db: Executor, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'kind', 'disabled_at'])
    .where(sql`lower(email)`, '=', email.trim().toLowerCase())
    .where('kind', '=', 'staff')
    .executeTakeFirst();
}

export async function createStaff(
  tx: Executor,
  actor: AuditActor,
  input: { name: string; email: string; password: string; mustChange: boolean; grants: { role: Role; unitId: number }[] },
): Promise<number> {
  const email = input.email.trim().toLowerCase();
  if (await findStaffByEmail(tx, email)) throw new AppError('conflict', 'staff.email.taken', { email: 'staff.email.taken' });
  const row = await tx
    .insertInto('users')
    .values({
      kind: 'staff', name: input.name.trim(), email, email_verified_at: null,
      password_hash: await hashPassword(input.password), password_change_required: input.mustChange,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await recordAudit(tx, actor, {
    action: 'staff.created', subjectType: 'user', subjectId: id,
    after: { name: input.name.trim(), email, mustChangePassword: input.mustChange },
  });
  for (const g of input.grants) await grantRole(tx, actor, id, g.role, g.unitId);
  return id;
}

/** Adds the role (no-op if held already); returns whether anything changed. */
export async function grantRole(tx: Executor, actor: AuditActor, userId: number, role: Role, unitId: number): Promise<boolean> {
  if (!isRole(role)) throw new AppError('validation_failed', 'staff.field.roles.required', { role: 'staff.field.roles.required' });
  const res = await tx
    .insertInto('role_grants')
    .values({ user_id: userId, role, unit_id: unitId })
    .onConflict((oc) => oc.columns(['user_id', 'role', 'unit_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!res) return false; // held already
  await recordAudit(tx, actor, { action: 'staff.role_granted', subjectType: 'user', subjectId: userId, unitId, after: { role, unitId } });
  return true;
}

export async function revokeRole(tx: Executor, actor: AuditActor, userId: number, grant: StaffGrant): Promise<void> {
  await tx.deleteFrom('role_grants').where('id', '=', grant.id).where('user_id', '=', userId).execute();
  await recordAudit(tx, actor, {
    action: 'staff.role_revoked', subjectType: 'user', subjectId: userId, unitId: grant.unitId,
    before: { role: grant.role, unitId: grant.unitId },
  });
  // the person's open sessions carry the old roles until their next request reloads them; sign
  // them out so nothing acts with a role they no longer hold
  await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function setDisabled(tx: Executor, actor: AuditActor, userId: number, disabled: boolean): Promise<void> {
  const before = await tx.selectFrom('users').select('disabled_at').where('id', '=', userId).executeTakeFirstOrThrow();
  if (!!before.disabled_at === disabled) return;
  await tx.updateTable('users').set({ disabled_at: disabled ? sql`now()` : null, updated_at: sql`now()` }).where('id', '=', userId).execute();
  if (disabled) await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await recordAudit(tx, actor, {
    action: disabled ? 'staff.disabled' : 'staff.enabled', subjectType: 'user', subjectId: userId,
    before: { disabled: !disabled }, after: { disabled },
  });
}

export async function resetTotp(tx: Executor, actor: AuditActor, userId: number): Promise<void> {
  const before = await tx.selectFrom('users').select('totp_enabled_at').where('id', '=', userId).executeTakeFirstOrThrow();
  await tx
    .updateTable('users')
    .set({ totp_secret_encrypted: null, totp_enabled_at: null, totp_last_step: null, updated_at: sql`now()` })
    .where('id', '=', userId)
    .execute();
  await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await recordAudit(tx, actor, {
    action: 'staff.two_factor_reset', subjectType: 'user', subjectId: userId,
    before: { twoFactor: !!before.totp_enabled_at }, after: { twoFactor: false },
  });
}

export async function setPassword(tx: Executor, actor: AuditActor, userId: number, password: string, opts: { mustChange: boolean; action: string }): Promise<void> {
  await tx
    .updateTable('users')
    .set({ password_hash: await hashPassword(password), password_change_required: opts.mustChange, updated_at: sql`now()` })
    .where('id', '=', userId)
    .execute();
  await recordAudit(tx, actor, { action: opts.action, subjectType: 'user', subjectId: userId, after: { mustChangePassword: opts.mustChange } });
}

export function selfActor(user: { id: number; name: string }, base: AuditActor): AuditActor {
  return { ...base, id: user.id, label: `staff:${user.id}:${user.name}` };
}

