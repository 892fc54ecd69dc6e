// Citizen accounts, one function per use case: register, verify a contact, sign in, reset a
// forgotten password, change one's details or password, export and erase one's data (UU 27/2022).
// No HTTP and no HTML here: routes parse, authorize, call one of these and render what it returns.
// Rules that shape them (docs/decisions/012 and 017):
// - argon2 runs before a transaction opens (on PGlite an open transaction holds up every request);
// - only a verified email or phone is unique and signs in; an unverified claim blocks nobody;
// - nothing tells who is registered, except registration itself (rate-limited per address);
// - sign-in limits slow an attacker without locking the owner out (ratelimit.ts, signinKeys).
import type { FieldErrors, FormResult } from '../../platform/http/input.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { Executor } from '../../platform/db/index.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import type { GapuraModule } from '../../platform/module.ts';
import {
  POLICIES, assertNotLimited, clearLimit, countFailure, failureCount, recordFailure, signinKeys, withinLimit, type LimitPolicy,
} from '../../platform/http/ratelimit.ts';
import { decrypt, encrypt, hmac, sha256 } from '../../platform/crypto.ts';
import { dummyVerify, hashPassword, passwordProblems, verifyPassword } from '../../platform/auth/password.ts';
import { CODE_TTL_MINUTES, consumeCode, issueCode, type Channel, type CodeCheck } from '../../platform/auth/codes.ts';
import { isEmail, normalizeEmail } from '../../platform/auth/email.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { checkNik } from './nik.ts';
import * as repo from './repo.ts';
import type { CitizenRow } from './repo.ts';

export { CODE_TTL_MINUTES, normalizeEmail, type Channel, type CitizenRow };
export const { findCitizen } = repo;

type Ctx = Pick<AppContext, 'db' | 'config'>;
export type CodePurpose = 'verify' | 'reset' | 'signin';
const TEMPLATES: Record<CodePurpose, string> = { verify: 'accounts.verify_code', reset: 'accounts.reset_code', signin: 'accounts.signin_code' };

/** Sending codes costs money (SMS) and can be used to pester someone: a few per quarter hour. */
const SEND_POLICY: LimitPolicy = { free: 3, windowSeconds: 900, baseDelaySeconds: 60 };
/** Sign-in codes to one account from every address together: bounds what an attacker can make us send. */
const SIGNIN_CODE_ACCOUNT: LimitPolicy = { free: 10, windowSeconds: 3600, baseDelaySeconds: 300 };

// ---- identifiers --------------------------------------------------------------------------

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

/** What a person typed to sign in or reset: an email when it has an @, else a phone number. */
export function parseIdentifier(input: string): { channel: Channel; value: string } | undefined {
  const s = input.trim();
  if (s.includes('@')) return isEmail(s) ? { channel: 'email', value: normalizeEmail(s) } : undefined;
  const phone = normalizePhone(s);
  return phone ? { channel: 'sms', value: phone } : undefined;
}

export const nikHash = (secret: string, nik: string) => hmac(secret, 'nik', nik);
export const sealNik = (secret: string, nik: string) => encrypt(secret, 'nik', nik);
export const openNik = (secret: string, box: string) => decrypt(secret, 'nik', box);

/** Where a verification code should go: the first address that is not verified yet. */
export function unverifiedChannel(u: CitizenRow): { channel: Channel; value: string } | undefined {
  if (u.email && !u.email_verified_at) return { channel: 'email', value: u.email.toLowerCase() };
  if (u.phone && !u.phone_verified_at) return { channel: 'sms', value: u.phone };
  return undefined;
}

export const isVerified = (u: CitizenRow) => !!(u.email_verified_at || u.phone_verified_at);

/** The profile fields every form shares, in the order the forms show them. */
const PROFILE_ORDER = ['_', 'name', 'email', 'phone', 'nik', 'locale', 'current', 'password', 'confirm', 'code'];

/** Field errors in form order, so the summary at the top reads like the form below it. */
function inFormOrder(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const k of PROFILE_ORDER) if (errors[k]) out[k] = errors[k];
  for (const [k, v] of Object.entries(errors)) out[k] ??= v;
  return out;
}

export interface ProfileInput { name: string; email?: string; phone?: string; nik?: string }

/**
 * What is wrong with the contact fields as typed, checked without the database: email and phone
 * formats, one of them at least, NIK rules. Returns the normalised values too.
 */
function contactProblems(ctx: Ctx, raw: { email?: string; phone?: string; nik?: string }) {
  const errors: FieldErrors = {};
  const warnings: string[] = [];
  const email = raw.email && isEmail(raw.email) ? normalizeEmail(raw.email) : undefined;
  const phone = raw.phone ? normalizePhone(raw.phone) : undefined;
  if (raw.email && !email) errors.email = 'accounts.field.email.invalid';
  if (raw.phone && !phone) errors.phone = 'accounts.field.phone.invalid';
  if (!raw.email && !raw.phone) errors.email = 'accounts.field.contact.required';
  // a number alone is no use while no SMS gateway is connected: the code would never arrive
  // (outside production the outbox stands in for it)
  if (!raw.email && phone && ctx.config.production && !ctx.config.smsWebhook) errors.email = 'accounts.field.email.needed';
  let nik: string | undefined;
  if (raw.nik) {
    const r = checkNik(raw.nik);
    if (!r.ok) errors.nik = r.error;
    else {
      nik = r.nik;
      warnings.push(...r.warnings);
    }
  }
  return { errors, warnings, email, phone, nik };
}

/** The contact fields as typed (trimmed), so every problem shows in one round even when others fail. */
function rawContacts(v: Record<string, string | undefined>) {
  const f = (k: string) => (v[k] ?? '').trim().slice(0, 200) || undefined;
  return { email: f('email'), phone: f('phone'), nik: f('nik') };
}

export function newPasswordErrors(password: string, confirm: string | undefined, who: { email?: string | null; name?: string }): FieldErrors {
  const problems = passwordProblems(password, { email: who.email ?? undefined, name: who.name });
  if (problems.length) return { password: problems[0] };
  if (confirm !== undefined && password !== confirm) return { confirm: 'accounts.field.confirm.mismatch' };
  return {};
}

async function taken(ctx: Ctx, v: { email?: string; phone?: string; nik?: string }, exceptUserId?: number): Promise<FieldErrors> {
  const set = await repo.takenFields(ctx.db, { email: v.email, phone: v.phone, nikHash: v.nik ? nikHash(ctx.config.secret, v.nik) : undefined }, exceptUserId);
  const errors: FieldErrors = {};
  for (const f of set) errors[f] = `accounts.taken.${f}`;
  return errors;
}

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

/** A rate-limited step throws AppError('rate_limited'); the route shows the form with the wait. */
export type Result<T = object> = ({ ok: true } & T) | { ok: false; errors: FieldErrors; warnings?: string[] };

// ---- registration -------------------------------------------------------------------------

export async function registerCitizen(
  ctx: Ctx,
  input: { form: FormResult<ProfileInput & { password: string }>; ip: string; locale: Locale },
): Promise<Result<{ userId: number }>> {
  const { db, config } = ctx;
  const keys = [`register:ip:${input.ip}`];
  await assertNotLimited(db, keys);
  const { form } = input;
  const values = form.values;
  // every field at once: the form's own rules, the contacts, the password rules
  const p = contactProblems(ctx, rawContacts(values));
  const errors: FieldErrors = { ...p.errors, ...(form.ok ? {} : form.errors) };
  const password = values.password ?? '';
  if (!errors.password && password) Object.assign(errors, newPasswordErrors(password, undefined, { email: p.email, name: values.name?.trim() }));
  Object.assign(errors, { ...(await taken(ctx, p)), ...errors });
  if (Object.keys(errors).length || !form.ok) {
    // failures here are mostly typos; they count only when identifiers are already taken (probing)
    if (Object.values(errors).some((e) => e.startsWith('accounts.taken.'))) await recordFailure(db, keys, POLICIES.register);
    return { ok: false, errors: inFormOrder(errors), warnings: p.warnings };
  }
  const passwordHash = await hashPassword(form.data.password); // before the transaction: argon2 is slow
  let userId: number;
  try {
    userId = await db.transaction().execute(async (tx) => {
      const id = await repo.insertCitizen(tx, {
        name: form.data.name, email: p.email ?? null, phone: p.phone ?? null, passwordHash, locale: input.locale,
        nikEncrypted: p.nik ? sealNik(config.secret, p.nik) : null, nikHash: p.nik ? nikHash(config.secret, p.nik) : null,
      });
      const to = p.email ? { channel: 'email' as const, value: p.email } : { channel: 'sms' as const, value: p.phone! };
      await sendCode(tx, config.secret, { id, locale: input.locale }, 'verify', to);
      return id;
    });
  } catch (e) {
    // two people registering the same NIK at the same moment: the index decides, the form says so
    if (isUniqueViolation(e)) return { ok: false, errors: inFormOrder({ nik: 'accounts.taken.nik' }) };
    throw e;
  }
  await recordFailure(db, keys, POLICIES.register); // every account created counts against the address
  return { ok: true, userId };
}

/** A demo or CLI account, made as registration makes it (hash first, then one short transaction). */
export async function createCitizen(
  tx: Executor,
  secret: string,
  c: { name: string; email?: string; phone?: string; nik?: string; passwordHash: string; locale: Locale },
): Promise<number> {
  return repo.insertCitizen(tx, {
    name: c.name, email: c.email ?? null, phone: c.phone ?? null, passwordHash: c.passwordHash, locale: c.locale,
    nikEncrypted: c.nik ? sealNik(secret, c.nik) : null, nikHash: c.nik ? nikHash(secret, c.nik) : null,
  });
}

function sendCode(tx: Executor, secret: string, user: { id: number; locale: string }, purpose: CodePurpose, to: { channel: Channel; value: string }) {
  return issueCode(tx, secret, user, purpose, to, TEMPLATES[purpose]);
}

// ---- verification -------------------------------------------------------------------------

export async function verifyContact(
  ctx: Ctx,
  u: CitizenRow,
  code: string,
  ip: string,
): Promise<{ ok: true; verified: { channel: Channel; value: string }; next?: { channel: Channel; value: string } } | { ok: false; error: string }> {
  const { db, config } = ctx;
  const keys = [`verify:ip:${ip}`, `verify:user:${u.id}`];
  await assertNotLimited(db, keys);
  const check = await db.transaction().execute(async (tx): Promise<CodeCheck | { ok: false; reason: 'taken'; channel: Channel }> => {
    const res = await consumeCode(tx, config.secret, u.id, 'verify', code);
    // someone else verified this address a moment earlier: it is theirs
    if (res.ok && !(await repo.markVerified(tx, u.id, res))) return { ok: false, reason: 'taken', channel: res.channel };
    return res;
  });
  if (!check.ok) {
    await recordFailure(db, keys, POLICIES.verify);
    if (check.reason === 'taken') return { ok: false, error: `accounts.taken.${check.channel === 'email' ? 'email' : 'phone'}` };
    return { ok: false, error: check.reason === 'wrong' ? 'accounts.code.wrong' : 'accounts.code.expired' };
  }
  await clearLimit(db, keys);
  const next = unverifiedChannel((await repo.findCitizen(db, u.id))!);
  return { ok: true, verified: { channel: check.channel, value: check.destination }, next };
}

export async function resendVerification(ctx: Ctx, u: CitizenRow, to: { channel: Channel; value: string }): Promise<void> {
  const keys = [`sendcode:user:${u.id}`];
  await assertNotLimited(ctx.db, keys);
  await ctx.db.transaction().execute((tx) => sendCode(tx, ctx.config.secret, u, 'verify', to));
  await recordFailure(ctx.db, keys, SEND_POLICY);
}

// ---- sign-in ------------------------------------------------------------------------------

export type SigninResult =
  | { kind: 'ok'; user: CitizenRow }
  /** wrong password, unknown or disabled account, unverified contact: one answer for all */
  | { kind: 'failed'; stepUp: boolean }
  /** beyond the account's ceiling: a code went to the owner (if the account exists); ask for it */
  | { kind: 'step_up' };

/**
 * Password sign-in. Beyond the per-account ceiling (failures from every address together) a
 * correct password is not enough: the owner also types a code we send to their verified address.
 * The password is not checked at all until the code is there, so the step-up page says nothing
 * about whether the password was right, nor whether the account exists.
 */
export async function signInCitizen(ctx: Ctx, input: { identifier: string; password: string; code?: string; ip: string }): Promise<SigninResult> {
  const { db, config } = ctx;
  const ident = parseIdentifier(input.identifier);
  const idHash = sha256(ident?.value ?? input.identifier.trim().toLowerCase());
  const k = signinKeys('citizen', idHash, input.ip);
  await assertNotLimited(db, [k.pair, k.address]);
  const stepUp = (await failureCount(db, k.ceiling, POLICIES.signinCeiling)) >= POLICIES.signinCeiling.free;
  const u = ident ? await repo.findByVerifiedContact(db, ident) : undefined;
  if (stepUp && !input.code) {
    if (u && ident && !u.disabled_at) {
      const sendKeys = [`signincode:${idHash}:ip:${input.ip}`, `signincode:user:${u.id}`];
      if (await withinLimit(db, sendKeys)) {
        await db.transaction().execute((tx) => sendCode(tx, config.secret, u, 'signin', ident));
        await recordFailure(db, [sendKeys[0]], SEND_POLICY);
        await recordFailure(db, [sendKeys[1]], SIGNIN_CODE_ACCOUNT);
      }
    }
    return { kind: 'step_up' };
  }
  // the same work and the same answer whether or not the account exists
  const passwordOk = u?.password_hash ? await verifyPassword(u.password_hash, input.password) : (await dummyVerify(), false);
  // the code is tried only with the right password, so wrong guesses do not burn the owner's code
  const codeOk = !stepUp || (passwordOk && !!u && (await db.transaction().execute((tx) => consumeCode(tx, config.secret, u.id, 'signin', input.code ?? ''))).ok);
  if (!u || !passwordOk || !codeOk || u.disabled_at) {
    await recordFailure(db, [k.pair], POLICIES.signin);
    await recordFailure(db, [k.address], POLICIES.signinAddress);
    await countFailure(db, k.ceiling, POLICIES.signinCeiling);
    return { kind: 'failed', stepUp };
  }
  // success clears this identifier's limits, never the address's (spraying would hide behind it)
  await clearLimit(db, [k.pair, k.ceiling]);
  await repo.touchLastLogin(db, u.id);
  return { kind: 'ok', user: u };
}

// ---- forgotten password -------------------------------------------------------------------

/** The account a reset code for this contact belongs to: its verified owner, else a fresh claim. */
async function resetTarget(db: Executor, ident: { channel: Channel; value: string }): Promise<CitizenRow | undefined> {
  const u = (await repo.findByVerifiedContact(db, ident)) ?? (await repo.findFreshClaim(db, ident));
  return u && !u.disabled_at ? u : undefined;
}

/** Send a reset code if the account exists; the caller answers the same either way. */
export async function requestReset(ctx: Ctx, ident: { channel: Channel; value: string }, ip: string): Promise<void> {
  const keys = [`reset:ip:${ip}`, `reset:id:${sha256(ident.value)}`];
  await assertNotLimited(ctx.db, keys);
  await recordFailure(ctx.db, keys, POLICIES.reset); // every request counts: each one sends a message
  const u = await resetTarget(ctx.db, ident);
  if (u) await ctx.db.transaction().execute((tx) => sendCode(tx, ctx.config.secret, u, 'reset', ident));
}

class KeepCode extends Error {}

/**
 * A new password with the code from /lupa-sandi. The code is checked first: until it is right, the
 * answer is the same for an existing and a missing account (no password rule may tell them apart).
 * A right code with a password the rules refuse is not used up.
 */
export async function resetPassword(
  ctx: Ctx,
  input: { ident: { channel: Channel; value: string }; code: string; password: string; confirm: string; ip: string },
): Promise<Result<{ user: CitizenRow }>> {
  const { db, config } = ctx;
  const keys = [`verify:ip:${input.ip}`, `verify:reset:${sha256(input.ident.value)}`];
  await assertNotLimited(db, keys);
  const u = await resetTarget(db, input.ident);
  const pwErrors = newPasswordErrors(input.password, input.confirm, { email: u?.email, name: u?.name });
  const hash = Object.keys(pwErrors).length ? undefined : await hashPassword(input.password); // before the transaction
  let check: CodeCheck = { ok: false, reason: 'wrong' };
  if (u) {
    try {
      check = await db.transaction().execute(async (tx) => {
        const res = await consumeCode(tx, config.secret, u.id, 'reset', input.code);
        if (!res.ok) return res;
        if (!hash) throw new KeepCode(); // roll back: the code stays valid for a better password
        await repo.setPasswordHash(tx, u.id, hash);
        // receiving the code proves the address is theirs
        await repo.markVerified(tx, u.id, res);
        return res;
      });
    } catch (e) {
      if (!(e instanceof KeepCode)) throw e;
      return { ok: false, errors: inFormOrder(pwErrors) };
    }
  }
  if (!check.ok || !u) {
    await recordFailure(db, keys, POLICIES.verify);
    return { ok: false, errors: { code: check.ok || check.reason !== 'expired' ? 'accounts.code.wrong' : 'accounts.code.expired' } };
  }
  await clearLimit(db, keys);
  return { ok: true, user: u };
}

// ---- the account itself -------------------------------------------------------------------

export function profileValues(ctx: Ctx, u: CitizenRow) {
  return { name: u.name, email: u.email ?? '', phone: u.phone ?? '', nik: u.nik_encrypted ? openNik(ctx.config.secret, u.nik_encrypted) : '', locale: u.locale };
}

/**
 * Save one's details. Uniqueness is checked only for a submission that is otherwise valid, and
 * such hits are counted and limited: the form must not become a way to ask who is registered.
 * A new email or phone is unverified until its code comes back.
 */
export async function updateProfile(
  ctx: Ctx,
  u: CitizenRow,
  form: FormResult<ProfileInput & { locale: Locale }>,
  ip: string,
): Promise<Result<{ sentTo?: { channel: Channel; value: string } }> & { warnings?: string[] }> {
  const { db, config } = ctx;
  const keys = [`profile:user:${u.id}`, `profile:ip:${ip}`];
  await assertNotLimited(db, keys);
  const p = contactProblems(ctx, rawContacts(form.values));
  const errors: FieldErrors = { ...p.errors, ...(form.ok ? {} : form.errors) };
  if (Object.keys(errors).length || !form.ok) return { ok: false, errors: inFormOrder(errors), warnings: p.warnings };
  const clash = await taken(ctx, p, u.id);
  if (Object.keys(clash).length) {
    await recordFailure(db, keys, POLICIES.profile);
    return { ok: false, errors: inFormOrder(clash), warnings: p.warnings };
  }
  const emailChanged = (p.email ?? null) !== (u.email?.toLowerCase() ?? null);
  const phoneChanged = (p.phone ?? null) !== (u.phone ?? null);
  const d = form.data;
  try {
    const sentTo = await db.transaction().execute(async (tx) => {
      await repo.updateProfileRow(tx, u.id, {
        name: d.name, email: p.email ?? null, phone: p.phone ?? null, locale: d.locale,
        nikEncrypted: p.nik ? sealNik(config.secret, p.nik) : null, nikHash: p.nik ? nikHash(config.secret, p.nik) : null,
        resetEmailVerified: emailChanged, resetPhoneVerified: phoneChanged,
      });
      const to = emailChanged && p.email ? { channel: 'email' as const, value: p.email } : phoneChanged && p.phone ? { channel: 'sms' as const, value: p.phone } : undefined;
      if (to) await sendCode(tx, config.secret, { id: u.id, locale: d.locale }, 'verify', to);
      return to;
    });
    return { ok: true, sentTo, warnings: p.warnings };
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, errors: { nik: 'accounts.taken.nik' } };
    throw e;
  }
}

/** The current password, asked again before a change that matters; wrong guesses count like sign-ins. */
async function reconfirm(ctx: Ctx, u: CitizenRow, plain: string): Promise<boolean> {
  const keys = [`signin:user:${u.id}`];
  await assertNotLimited(ctx.db, keys);
  if (!u.password_hash || !(await verifyPassword(u.password_hash, plain))) {
    await recordFailure(ctx.db, keys, POLICIES.signin);
    return false;
  }
  await clearLimit(ctx.db, keys);
  return true;
}

export async function changePassword(ctx: Ctx, u: CitizenRow, input: { current: string; password: string; confirm: string }): Promise<Result> {
  if (!(await reconfirm(ctx, u, input.current))) return { ok: false, errors: { current: 'accounts.account.wrong_password' } };
  const errors = newPasswordErrors(input.password, input.confirm, u);
  if (Object.keys(errors).length) return { ok: false, errors };
  const hash = await hashPassword(input.password);
  await repo.setPasswordHash(ctx.db, u.id, hash);
  return { ok: true };
}

// ---- personal data (UU 27/2022 PDP) -------------------------------------------------------

/** The export's file name, dated by the region's own calendar like every page (WIB in Palembang). */
export function exportFileName(now: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return `data-saya-${day}.json`;
}

/** The account's own data, as the export shows it: NIK in full (it is the person's own). */
export async function accountExport(db: Executor, secret: string, userId: number): Promise<Record<string, unknown>> {
  const u = await repo.findCitizen(db, userId);
  if (!u) return {};
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
    sessions: await repo.sessionsOf(db, userId),
    // the subjects of messages sent to you; codes in their bodies are not repeated here
    messages: await repo.messagesTo(db, [u.email?.toLowerCase() ?? '', u.phone ?? ''].filter(Boolean)),
  };
}

/** Everything every installed module holds about the person, under each module's id. */
export async function exportAll(ctx: Pick<AppContext, 'db' | 'config' | 'modules'>, userId: number): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { exported_at: new Date().toISOString(), account: await accountExport(ctx.db, ctx.config.secret, userId) };
  for (const m of ctx.modules) if (m.personalData && m.id !== 'accounts') out[m.id] = await m.personalData.export(ctx.db, userId);
  return out;
}

/**
 * Erase the account after the password is confirmed: each module erases (or anonymises, where a
 * law requires keeping a record) what it holds, then the messages to the person's addresses and
 * the user row itself. One transaction: it happens completely or not at all. The audit trail
 * records that an erasure happened, and nothing of what was erased.
 */
export async function eraseAccount(ctx: Pick<AppContext, 'db' | 'config' | 'modules'>, u: CitizenRow, password: string): Promise<Result> {
  if (!(await reconfirm(ctx, u, password))) return { ok: false, errors: { password: 'accounts.account.wrong_password' } };
  await ctx.db.transaction().execute(async (tx) => {
    await eraseAll(tx, ctx.modules, u);
    await recordAudit(tx, { id: null, label: `citizen:${u.id}`, ip: null, userAgent: null }, { action: 'account.erase', subjectType: 'user', subjectId: u.id });
  });
  return { ok: true };
}

export async function eraseAll(tx: Executor, modules: GapuraModule[], u: CitizenRow): Promise<void> {
  for (const m of modules) if (m.personalData && m.id !== 'accounts') await m.personalData.erase(tx, u.id);
  await repo.deleteCitizen(tx, u);
}

export const { findByVerifiedContact, markContactsVerified } = repo;
