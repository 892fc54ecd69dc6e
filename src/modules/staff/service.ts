// Staff accounts: who the staff are, which roles they hold in which units, the changes admins make
// to them, and the steps of signing in. No HTTP here; every change takes the transaction it runs in
// and writes its audit entry there, under the unit the person works in (so that unit's auditor
// sees it). Secrets (passwords, TOTP) never reach the audit trail: only that they changed.
// argon2 runs before a transaction opens: on PGlite an open transaction holds up every request.
import crypto from 'node:crypto';
import { allRoles, can, isRole, moduleRole, type Actor, type Role } from '../../platform/access/can.ts';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import {
  POLICIES, assertNotLimited, clearLimit, countFailure, failureCount, recordFailure, signinKeys, withinLimit, type LimitPolicy,
} from '../../platform/http/ratelimit.ts';
import { sha256 } from '../../platform/crypto.ts';
import { dummyVerify, hashPassword, passwordProblems, verifyPassword } from '../../platform/auth/password.ts';
import { consumeCode, issueCode } from '../../platform/auth/codes.ts';
import { verifyUserTotp } from '../../platform/auth/totp.ts';
import * as repo from './repo.ts';
import type { SigninUser, StaffGrant, StaffRow } from './repo.ts';

export type { SigninUser, StaffGrant, StaffRow };
export const { grantsOf, listStaff, getStaff, unitByCode, unitById, findStaffByEmail } = repo;

type Ctx = Pick<AppContext, 'db' | 'config'>;

/** Roles that hand out access or run the platform: a second factor is not optional for them. */
export const TOTP_REQUIRED_ROLES: readonly Role[] = ['unit_admin', 'platform_admin'];

export { isRole };

/** i18n keys naming a role: a module's role brings its own, the platform's are the staff module's. */
export function roleKeys(role: string): { label: string; hint: string } {
  const m = moduleRole(role);
  return m ? { label: m.label, hint: m.hint ?? '' } : { label: `staff.role.${role}`, hint: `staff.role.${role}.hint` };
}

export function requiresTotp(grants: { role: string }[]): boolean {
  return grants.some((g) => (TOTP_REQUIRED_ROLES as readonly string[]).includes(g.role));
}

/**
 * The unit an entry about a person belongs to: the deepest unit all their roles lie under (their
 * kelurahan when they work in one, the region when their roles span two kecamatan). Unit paths are
 * '/1/5/42/', so this is the longest common run of path segments.
 */
export function commonUnitId(paths: string[]): number | null {
  if (!paths.length) return null;
  const split = paths.map((p) => p.split('/').filter(Boolean));
  const common: string[] = [];
  for (let i = 0; split.every((s) => i < s.length && s[i] === split[0][i]); i++) common.push(split[0][i]);
  return common.length ? Number(common[common.length - 1]) : null;
}

async function personUnit(tx: Executor, userId: number): Promise<number | null> {
  return commonUnitId(((await repo.grantsOf(tx, [userId])).get(userId) ?? []).map((g) => g.unitPath));
}

// ---------------------------------------------------------------------------------------------
// Who may manage whom. platform_admin manages everyone; a unit_admin manages people whose every
// role lies inside their own subtree, and may hand out roles only inside it (never platform_admin).
// Nobody changes their own roles, or disables themselves: a second admin does.

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

const isSelf = (actor: Actor, userId: number) => actor.kind === 'staff' && actor.userId === userId;

/** May see this person's page: at least one of their roles is in the actor's scope. */
export function canSeeStaff(actor: Actor, target: StaffRow): boolean {
  if (managesEverywhere(actor)) return true;
  return target.grants.some((g) => canManageUnit(actor, g.unitPath));
}

/** May change the person as a whole (disable, reset 2FA): every role of theirs is in scope. */
export function canManageStaff(actor: Actor, target: StaffRow): boolean {
  if (isSelf(actor, target.id)) return false;
  if (managesEverywhere(actor)) return true;
  if (!target.grants.length) return false;
  if (target.grants.some((g) => g.role === 'platform_admin')) return false;
  return target.grants.every((g) => canManageUnit(actor, g.unitPath));
}

/** May hand out (or take back) this role in this unit, to this person (never to oneself). */
export function canGrant(actor: Actor, role: Role, unitPath: string, targetId?: number): boolean {
  if (targetId !== undefined && isSelf(actor, targetId)) return false;
  if (managesEverywhere(actor)) return true;
  if (role === 'platform_admin') return false;
  return canManageUnit(actor, unitPath);
}

/** Roles this actor may hand out somewhere (unit admins never hand out platform_admin). */
export function grantableRoles(actor: Actor): Role[] {
  return allRoles().filter((r) => r !== 'platform_admin' || manageScope(actor) === null);
}

/** Units the actor may grant roles in (for the form's list). */
export async function grantableUnits(db: Executor, actor: Actor) {
  return (await repo.unitsWithin(db, manageScope(actor))).map((u) => ({ ...u, id: Number(u.id) }));
}

// ---------------------------------------------------------------------------------------------
// Changes. Each one audits in the same transaction.

const OTP_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // no look-alikes (l/1, o/0, i)

/** 'k7pm-x2qa-9wne-h4tc': 80 bits, easy to read aloud, shown once. */
export function oneTimePassword(): string {
  const chars = Array.from({ length: 16 }, () => OTP_ALPHABET[crypto.randomInt(OTP_ALPHABET.length)]);
  return chars.join('').replace(/(.{4})(?=.)/g, '$1-');
}

/** Create the person with their first roles. Hash the password first (hashPassword), outside the transaction. */
export async function createStaff(
  tx: Executor,
  actor: AuditActor,
  input: { name: string; email: string; passwordHash: string; mustChange: boolean; grants: { role: Role; unitId: number }[] },
): Promise<number> {
  const email = input.email.trim().toLowerCase();
  if (await repo.findStaffByEmail(tx, email)) throw new AppError('conflict', 'staff.email.taken', { email: 'staff.email.taken' });
  const id = await repo.insertStaff(tx, { name: input.name.trim(), email, passwordHash: input.passwordHash, mustChange: input.mustChange });
  await recordAudit(tx, actor, {
    action: 'staff.created', subjectType: 'user', subjectId: id, unitId: commonUnitId(await repo.unitPaths(tx, input.grants.map((g) => g.unitId))),
    after: { name: input.name.trim(), email, mustChangePassword: input.mustChange },
  });
  for (const g of input.grants) await grantRole(tx, actor, id, g.role, g.unitId);
  return id;
}

/** Adds the role (no-op if held already); returns whether anything changed. */
export async function grantRole(tx: Executor, actor: AuditActor, userId: number, role: Role, unitId: number): Promise<boolean> {
  // no SQL CHECK lists the roles (modules add theirs): the name is checked here
  if (!isRole(role)) throw new AppError('validation_failed', 'staff.field.roles.required', { role: 'staff.field.roles.required' });
  if (!(await repo.insertGrant(tx, userId, role, unitId))) return false; // held already
  await recordAudit(tx, actor, { action: 'staff.role_granted', subjectType: 'user', subjectId: userId, unitId, after: { role, unitId } });
  return true;
}

export async function revokeRole(tx: Executor, actor: AuditActor, userId: number, grant: StaffGrant): Promise<void> {
  await repo.deleteGrant(tx, userId, grant.id);
  await recordAudit(tx, actor, {
    action: 'staff.role_revoked', subjectType: 'user', subjectId: userId, unitId: grant.unitId,
    before: { role: grant.role, unitId: grant.unitId },
  });
  // the person's open sessions carry the old roles until their next request reloads them; sign
  // them out so nothing acts with a role they no longer hold
  await repo.deleteSessions(tx, userId);
}

export async function setDisabled(tx: Executor, actor: AuditActor, userId: number, disabled: boolean): Promise<void> {
  if (!!(await repo.disabledAt(tx, userId)) === disabled) return;
  await repo.setDisabledAt(tx, userId, disabled);
  if (disabled) await repo.deleteSessions(tx, userId);
  await recordAudit(tx, actor, {
    action: disabled ? 'staff.disabled' : 'staff.enabled', subjectType: 'user', subjectId: userId, unitId: await personUnit(tx, userId),
    before: { disabled: !disabled }, after: { disabled },
  });
}

export async function resetTotp(tx: Executor, actor: AuditActor, userId: number): Promise<void> {
  const before = await repo.totpEnabledAt(tx, userId);
  await repo.clearTotp(tx, userId);
  await repo.deleteSessions(tx, userId);
  await recordAudit(tx, actor, {
    action: 'staff.two_factor_reset', subjectType: 'user', subjectId: userId, unitId: await personUnit(tx, userId),
    before: { twoFactor: !!before }, after: { twoFactor: false },
  });
}

/** A new password (already hashed, outside the transaction). */
export async function setPassword(tx: Executor, actor: AuditActor, userId: number, passwordHash: string, opts: { mustChange: boolean; action: string }): Promise<void> {
  await repo.setPasswordHash(tx, userId, passwordHash, opts.mustChange);
  await recordAudit(tx, actor, { action: opts.action, subjectType: 'user', subjectId: userId, unitId: await personUnit(tx, userId), after: { mustChangePassword: opts.mustChange } });
}

export function selfActor(user: { id: number; name: string }, base: AuditActor): AuditActor {
  return { ...base, id: user.id, label: `staff:${user.id}:${user.name}` };
}

// ---- use cases behind the management pages -------------------------------------------------

export async function addStaff(
  ctx: Ctx,
  actor: Actor,
  audit: AuditActor,
  input: { name: string; email: string; roles: Role[]; unitId: number },
): Promise<{ ok: true; id: number; password: string } | { ok: false; errors: Record<string, string> }> {
  const unit = await repo.unitById(ctx.db, input.unitId);
  if (!unit) return { ok: false, errors: { unit: 'staff.field.unit.required' } };
  // a unit admin choosing a unit or a role beyond their reach is refused outright
  for (const role of input.roles) if (!canGrant(actor, role, unit.path)) throw new AppError('forbidden', 'error.forbidden');
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  try {
    const id = await ctx.db.transaction().execute((tx) =>
      createStaff(tx, audit, { name: input.name, email: input.email, passwordHash, mustChange: true, grants: input.roles.map((role) => ({ role, unitId: Number(unit.id) })) }),
    );
    return { ok: true, id, password };
  } catch (e) {
    if (e instanceof AppError && e.code === 'conflict') return { ok: false, errors: e.fields };
    throw e;
  }
}

export async function grantRoleTo(ctx: Ctx, actor: Actor, audit: AuditActor, target: StaffRow, role: Role, unitId: number): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const unit = await repo.unitById(ctx.db, unitId);
  if (!unit) return { ok: false, errors: { unit: 'staff.field.unit.required' } };
  if (!canGrant(actor, role, unit.path, target.id)) throw new AppError('forbidden', 'error.forbidden');
  await ctx.db.transaction().execute((tx) => grantRole(tx, audit, target.id, role, Number(unit.id)));
  return { ok: true };
}

export async function revokeRoleOf(ctx: Ctx, actor: Actor, audit: AuditActor, target: StaffRow, grantId: number): Promise<void> {
  const grant = target.grants.find((g) => g.id === grantId);
  if (!grant) throw new AppError('not_found', 'error.not_found');
  if (!canGrant(actor, grant.role, grant.unitPath, target.id)) throw new AppError('forbidden', 'error.forbidden');
  await ctx.db.transaction().execute((tx) => revokeRole(tx, audit, target.id, grant));
}

export type StaffChange = 'disable' | 'enable' | 'reset_2fa';

export async function changeStaff(ctx: Ctx, actor: Actor, audit: AuditActor, target: StaffRow, change: StaffChange): Promise<void> {
  // nobody locks themselves out by accident (canManageStaff refuses oneself); another admin can
  if (!canManageStaff(actor, target)) throw new AppError('forbidden', 'error.forbidden');
  await ctx.db.transaction().execute((tx) =>
    change === 'reset_2fa' ? resetTotp(tx, audit, target.id) : setDisabled(tx, audit, target.id, change === 'disable'),
  );
}

// ---- passwords ------------------------------------------------------------------------------

/** Field errors for a new password (strength rules from platform/auth/password.ts, then the match). */
export function newPasswordErrors(password: string, confirm: string, user: { name: string; email: string | null }): Record<string, string> {
  const problems = passwordProblems(password, { email: user.email ?? undefined, name: user.name });
  if (problems.length) return { password: problems[0] };
  if (password !== confirm) return { confirm: 'staff.password.mismatch' };
  return {};
}

/** One's own new password, with the current one (when there is one); other sessions end. */
export async function changeOwnPassword(
  ctx: Ctx,
  userId: number,
  audit: AuditActor,
  keepSession: string,
  input: { current?: string; password: string; confirm: string },
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const u = await repo.accountOf(ctx.db, userId);
  if (u.password_hash) {
    const keys = [`reconfirm:staff:${userId}`];
    await assertNotLimited(ctx.db, keys);
    if (!(await verifyPassword(u.password_hash, input.current ?? ''))) {
      await recordFailure(ctx.db, keys, POLICIES.signin);
      return { ok: false, errors: { current: 'staff.password.current_wrong' } };
    }
    await clearLimit(ctx.db, keys);
  }
  const errors = newPasswordErrors(input.password, input.confirm, u);
  if (Object.keys(errors).length) return { ok: false, errors };
  const hash = await hashPassword(input.password);
  await ctx.db.transaction().execute(async (tx) => {
    await setPassword(tx, selfActor({ id: userId, name: u.name }, audit), userId, hash, { mustChange: false, action: 'staff.password_changed' });
    // other devices signed in with the old password are signed out; this one stays
    await repo.deleteSessions(tx, userId, keepSession);
  });
  return { ok: true };
}

/** The new password a one-time password must be swapped for at the first sign-in. */
export async function replaceOneTimePassword(ctx: Ctx, user: SigninUser, audit: AuditActor, input: { password: string; confirm: string }): Promise<Record<string, string>> {
  const errors = newPasswordErrors(input.password, input.confirm, user);
  if (Object.keys(errors).length) return errors;
  const hash = await hashPassword(input.password);
  await ctx.db.transaction().execute((tx) => setPassword(tx, selfActor(user, audit), user.id, hash, { mustChange: false, action: 'staff.password_changed' }));
  return {};
}

// ---- signing in -----------------------------------------------------------------------------

const SEND_POLICY: LimitPolicy = { free: 3, windowSeconds: 900, baseDelaySeconds: 60 };
const SIGNIN_CODE_ACCOUNT: LimitPolicy = { free: 10, windowSeconds: 3600, baseDelaySeconds: 300 };

export type StaffSignin =
  /** the password (and, beyond the ceiling, the second proof) is right; mfa: that proof was the authenticator */
  | { kind: 'ok'; user: SigninUser; mfa: boolean }
  | { kind: 'failed'; stepUp: boolean }
  /** beyond the account's ceiling: ask for the authenticator code, or the one we just emailed */
  | { kind: 'step_up' };

/**
 * The password step (docs/decisions/017). Limits per (email, address) and per address block; the
 * per-account ceiling never blocks: beyond it, the password counts only together with a code in
 * the same form — from the authenticator app, or for staff without one, a code we email to them.
 * Until then the password is not checked, so the page says nothing about it.
 */
export async function signInStaff(ctx: Ctx, input: { email: string; password: string; code?: string; ip: string }): Promise<StaffSignin> {
  const { db, config } = ctx;
  const email = input.email.trim().toLowerCase();
  const k = signinKeys('staff', sha256(email), input.ip);
  await assertNotLimited(db, [k.pair, k.address]);
  const stepUp = (await failureCount(db, k.ceiling, POLICIES.signinCeiling)) >= POLICIES.signinCeiling.free;
  const u = await repo.signinUser(db, { email });
  if (stepUp && !input.code) {
    if (u && u.email && !u.disabled_at && !u.totp_enabled_at) {
      const sendKeys = [`signincode:staff:${u.id}:ip:${input.ip}`, `signincode:user:${u.id}`];
      if (await withinLimit(db, sendKeys)) {
        await db.transaction().execute((tx) => issueCode(tx, config.secret, { id: u.id, locale: u.locale }, 'signin', { channel: 'email', value: u.email!.toLowerCase() }, 'staff.signin_code'));
        await recordFailure(db, [sendKeys[0]], SEND_POLICY);
        await recordFailure(db, [sendKeys[1]], SIGNIN_CODE_ACCOUNT);
      }
    }
    return { kind: 'step_up' };
  }
  // the same work and the same answer whether or not the account exists
  const passwordOk = u?.password_hash ? await verifyPassword(u.password_hash, input.password) : (await dummyVerify(), false);
  let codeOk = !stepUp;
  if (stepUp && passwordOk && u) {
    codeOk = u.totp_enabled_at
      ? await verifyUserTotp(db, config.secret, u.id, input.code ?? '')
      : (await db.transaction().execute((tx) => consumeCode(tx, config.secret, u.id, 'signin', input.code ?? ''))).ok;
  }
  if (!u || !passwordOk || !codeOk || u.disabled_at) {
    await recordFailure(db, [k.pair], POLICIES.signin);
    await recordFailure(db, [k.address], POLICIES.signinAddress);
    await countFailure(db, k.ceiling, POLICIES.signinCeiling);
    return { kind: 'failed', stepUp };
  }
  // success clears this identifier's limits, never the address's
  await clearLimit(db, [k.pair, k.ceiling]);
  return { kind: 'ok', user: u, mfa: stepUp && !!u.totp_enabled_at };
}

/** The authenticator code of the second step (or of enrolment): limited per person and per address. */
export async function checkTotpStep(ctx: Ctx, userId: number, code: string, ip: string): Promise<boolean> {
  const personal = `signin:totp:${userId}`;
  const address = signinKeys('staff', '', ip).address;
  await assertNotLimited(ctx.db, [personal, address]);
  if (!(await verifyUserTotp(ctx.db, ctx.config.secret, userId, code))) {
    await recordFailure(ctx.db, [personal], POLICIES.signin);
    await recordFailure(ctx.db, [address], POLICIES.signinAddress);
    return false;
  }
  await clearLimit(ctx.db, [personal]);
  return true;
}

/** Enrolment confirmed with a right code: the authenticator is on. */
export async function confirmEnrolment(ctx: Ctx, user: { id: number; name: string }, audit: AuditActor, code: string, ip: string): Promise<boolean> {
  if (!(await checkTotpStep(ctx, user.id, code, ip))) return false;
  await ctx.db.transaction().execute(async (tx) => {
    await repo.enableTotp(tx, user.id);
    await recordAudit(tx, selfActor(user, audit), { action: 'staff.two_factor_enabled', subjectType: 'user', subjectId: user.id, unitId: await personUnit(tx, user.id), after: { twoFactor: true } });
  });
  return true;
}

/**
 * The staff member an SSO sign-in names: by the IdP's subject, or at the first SSO sign-in by the
 * IdP-verified email of a staff account not linked yet (linked now, audited).
 */
export async function ssoUser(ctx: Ctx, audit: AuditActor, who: { subject: string; email?: string; emailVerified?: boolean }): Promise<{ id: number } | undefined> {
  let user = await repo.findByOidcSubject(ctx.db, who.subject);
  if (!user && who.email && who.emailVerified) {
    const byEmail = await repo.findForOidcLink(ctx.db, who.email);
    if (byEmail && !byEmail.disabled_at && !byEmail.oidc_subject) {
      await ctx.db.transaction().execute(async (tx) => {
        await repo.linkOidcSubject(tx, Number(byEmail.id), who.subject);
        await recordAudit(tx, selfActor({ id: Number(byEmail.id), name: byEmail.name }, audit), {
          action: 'staff.sso_linked', subjectType: 'user', subjectId: Number(byEmail.id), unitId: await personUnit(tx, Number(byEmail.id)), after: { sso: true },
        });
      });
      user = byEmail;
    }
  }
  if (!user || user.disabled_at) return undefined;
  await repo.touchLastLogin(ctx.db, Number(user.id));
  return { id: Number(user.id) };
}

export const { signinUser, touchLastLogin, accountOf } = repo;
