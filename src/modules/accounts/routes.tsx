/** @jsxImportSource hono/jsx */
// Citizen accounts: /daftar (register) → /verifikasi (code to email or phone) → /akun; /masuk and
// POST /keluar (sign-out for everyone, staff included); /lupa-sandi → /atur-ulang-sandi; and under
// /akun the person's own details, password, data export and erasure (UU 27/2022 PDP).
import type { Context, Hono } from 'hono';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { parseForm, parseQuery, query, type FieldErrors, type FormData } from '../../platform/http/input.ts';
import { safeLocalPath } from '../../platform/http/app.tsx';
import { AppError } from '../../platform/http/errors.ts';
import { POLICIES, assertNotLimited, clearLimit, recordFailure, type LimitPolicy } from '../../platform/http/ratelimit.ts';
import { clientIp, createSession, destroySession, destroyUserSessions, updateSessionData } from '../../platform/http/session.ts';
import { authorize } from '../../platform/access/guard.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { sha256 } from '../../platform/crypto.ts';
import { dummyVerify, hashPassword, passwordProblems, verifyPassword } from '../../platform/auth/password.ts';
import { checkNik } from './nik.ts';
import {
  consumeCode, createCitizen, eraseAll, exportAll, findCitizen, findCitizenBy, isVerified, issueCode, markVerified,
  nikHash, normalizeEmail, normalizePhone, openNik, parseIdentifier, sealNik, takenFields, unverifiedChannel, type CitizenRow,
} from './service.ts';
import {
  AccountPage, DeletePage, DeletedPage, EditPage, ForgotPage, PasswordPage, RegisterPage, ResetPage, SigninPage, VerifyPage, showTo,
} from './views.tsx';

type C = Context<Env>;

/** Sending codes costs money (SMS) and can be used to pester someone: a few per quarter hour. */
const SEND_POLICY: LimitPolicy = { free: 3, windowSeconds: 900, baseDelaySeconds: 60 };

const opt = (max: number) => z.string().trim().max(max, 'field.too_long').optional().transform((v) => v || undefined);

const ProfileFields = z.object({
  name: z.string().trim().min(1, 'accounts.field.name.required').max(200, 'field.too_long'),
  email: opt(200).refine((v) => !v || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'accounts.field.email.invalid'),
  phone: opt(30).refine((v) => !v || !!normalizePhone(v), 'accounts.field.phone.invalid'),
  nik: opt(25),
});
const RegisterForm = ProfileFields.extend({ password: z.string().min(1, 'accounts.field.password.required').max(1000, 'field.too_long') });
const EditForm = ProfileFields.extend({ locale: z.enum(['id', 'en']).default('id') });
const SigninForm = z.object({
  identifier: z.string().trim().min(1, 'accounts.field.identifier.required').max(200, 'field.too_long'),
  password: z.string().min(1, 'accounts.field.password.required').max(1000, 'field.too_long'),
  kembali: z.string().max(500).optional(),
});
const IdentifierForm = z.object({
  identifier: z.string().trim().min(1, 'accounts.field.identifier.required').max(200, 'field.too_long').refine((v) => !!parseIdentifier(v), 'accounts.field.identifier.invalid'),
});
const CodeForm = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'accounts.field.code.format') });
const ResetForm = IdentifierForm.extend({
  code: z.string().trim().regex(/^\d{6}$/, 'accounts.field.code.format'),
  password: z.string().min(1, 'accounts.field.password.required').max(1000, 'field.too_long'),
  confirm: z.string().max(1000, 'field.too_long'),
});
const PasswordForm = z.object({
  current: z.string().min(1, 'accounts.field.password.required').max(1000, 'field.too_long'),
  password: z.string().min(1, 'accounts.field.password.required').max(1000, 'field.too_long'),
  confirm: z.string().max(1000, 'field.too_long'),
});
const DeleteForm = z.object({ password: z.string().min(1, 'accounts.field.password.required').max(1000, 'field.too_long') });
const KembaliQuery = z.object({ kembali: z.string().max(500).optional() });

/** Where a citizen goes after signing in: a local page outside the back office. */
function backTo(raw: string | undefined): string {
  const p = safeLocalPath(raw ?? '/akun');
  return p.startsWith('/petugas') || p === '/masuk' ? '/akun' : p;
}

/** Run fn; a rate-limit error becomes the form again with the wait in words. */
async function limited(fn: () => Promise<Response>, onLimited: (seconds: number) => Response | Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError && e.code === 'rate_limited') return onLimited(Number(e.params.seconds ?? 60));
    throw e;
  }
}

/** One-shot notice stored in the session (survives the redirect after a POST). */
async function flash(c: C, notice: string, params?: Record<string, string | number>) {
  await updateSessionData(c, { notice, noticeParams: params ?? null });
}
async function takeFlash(c: C): Promise<{ notice?: string; params?: Record<string, string | number> }> {
  const d = (c.get('session')?.data ?? {}) as { notice?: string; noticeParams?: Record<string, string | number> | null };
  if (!d.notice) return {};
  await updateSessionData(c, { notice: null, noticeParams: null });
  return { notice: d.notice, params: d.noticeParams ?? undefined };
}

/** Checks shared by registration and the profile form: NIK rules, +62 numbers, one contact at least, uniqueness. */
async function profileProblems(
  ctx: AppContext,
  d: { email?: string; phone?: string; nik?: string },
  exceptUserId?: number,
): Promise<{ errors: FieldErrors; warnings: string[]; email?: string; phone?: string; nik?: string }> {
  const errors: FieldErrors = {};
  const warnings: string[] = [];
  const email = d.email ? normalizeEmail(d.email) : undefined;
  const phone = d.phone ? normalizePhone(d.phone) : undefined;
  let nik: string | undefined;
  if (!email && !phone) errors.email = 'accounts.field.contact.required';
  // a number alone is no use while no SMS gateway is connected: the code would never arrive
  // (outside production the outbox stands in for it)
  if (!email && phone && ctx.config.production && !ctx.config.smsWebhook) errors.email = 'accounts.field.email.needed';
  if (d.nik) {
    const r = checkNik(d.nik);
    if (!r.ok) errors.nik = r.error;
    else {
      nik = r.nik;
      warnings.push(...r.warnings);
    }
  }
  const taken = await takenFields(ctx.db, ctx.config.secret, { email, phone, nik }, exceptUserId);
  for (const f of taken) errors[f] ??= `accounts.taken.${f}`;
  return { errors, warnings, email, phone, nik };
}

function newPasswordErrors(password: string, confirm: string | undefined, who: { email?: string | null; name?: string }): FieldErrors {
  const problems = passwordProblems(password, { email: who.email ?? undefined, name: who.name });
  if (problems.length) return { password: problems[0]! };
  if (confirm !== undefined && password !== confirm) return { confirm: 'accounts.field.confirm.mismatch' };
  return {};
}

/** The contact fields as typed (trimmed), so every problem shows in one round even when others fail. */
function rawProfile(v: FormData): { email?: string; phone?: string; nik?: string } {
  const f = (k: string) => (v[k] ?? '').trim().slice(0, 200) || undefined;
  return { email: f('email'), phone: f('phone'), nik: f('nik') };
}

/** The signed-in citizen's own row, or a 401/403 from can(). */
async function me(c: C): Promise<CitizenRow> {
  authorize(c, 'accounts.self');
  const actor = c.get('actor');
  const u = actor.kind === 'citizen' ? await findCitizen(c.get('app').db, actor.userId) : undefined;
  if (!u) throw new AppError('unauthenticated', 'error.unauthenticated');
  return u;
}

/** The typed values of a profile form for re-display; the password is never sent back. */
const keep = (v: FormData) => ({ ...v, password: '', confirm: '', current: '' });

export function accountRoutes(app: Hono<Env>, ctx: AppContext) {
  const { db, config } = ctx;

  // ---- registration ----

  app.get('/daftar', (c) => {
    if (c.get('actor').kind === 'citizen') return c.redirect('/akun', 303);
    return c.html(<RegisterPage c={c} />);
  });

  app.post('/daftar', async (c) => {
    const r = await parseForm(c, RegisterForm);
    const keys = [`register:ip:${clientIp(c)}`];
    const again = (errors: FieldErrors, status: number, params?: Record<string, string | number>) =>
      c.html(<RegisterPage c={c} values={keep(r.values)} errors={errors} params={params} />, status as 422);
    return limited(async () => {
      await assertNotLimited(db, keys);
      const formErrors: FieldErrors = r.ok ? {} : { ...r.errors };
      const p = await profileProblems(ctx, rawProfile(r.values));
      const errors: FieldErrors = { ...p.errors, ...formErrors };
      if (r.ok && !errors.password) Object.assign(errors, newPasswordErrors(r.data.password, undefined, { email: p.email, name: r.data.name }));
      if (Object.keys(errors).length) {
        // failures here are mostly typos; they count only when identifiers are already taken (probing)
        if (Object.values(errors).some((e) => e.startsWith('accounts.taken.'))) await recordFailure(db, keys, POLICIES.register);
        return again(errors, 422);
      }
      if (!r.ok) return again(formErrors, 422);
      const locale = c.get('locale');
      const id = await db.transaction().execute(async (tx) => {
        const id = await createCitizen(tx, config.secret, { name: r.data.name, email: p.email, phone: p.phone, nik: p.nik, password: r.data.password, locale });
        const to = p.email ? { channel: 'email' as const, value: p.email } : { channel: 'sms' as const, value: p.phone! };
        await issueCode(tx, config.secret, { id, locale }, 'verify', to);
        return id;
      });
      await recordFailure(db, keys, POLICIES.register); // every account created counts against the address
      await createSession(c, id, { state: 'active' });
      return c.redirect('/verifikasi', 303);
    }, (seconds) => again({ _: 'error.rate_limited' }, 429, { seconds }));
  });

  // ---- verification of email / phone ----

  async function verifyTarget(c: C) {
    const u = await me(c);
    return { u, to: unverifiedChannel(u) };
  }

  app.get('/verifikasi', async (c) => {
    const { to } = await verifyTarget(c);
    if (!to) return c.redirect('/akun', 303);
    const { notice } = await takeFlash(c);
    return c.html(<VerifyPage c={c} to={showTo(to)} notice={notice} />);
  });

  app.post('/verifikasi', async (c) => {
    const { u, to } = await verifyTarget(c);
    if (!to) return c.redirect('/akun', 303);
    const r = await parseForm(c, CodeForm);
    const page = (errors: FieldErrors, status: number, params?: Record<string, string | number>) =>
      c.html(<VerifyPage c={c} to={showTo(to)} errors={errors} params={params} />, status as 422);
    if (!r.ok) return page(r.errors, 422);
    const keys = [`verify:ip:${clientIp(c)}`, `verify:user:${u.id}`];
    return limited(async () => {
      await assertNotLimited(db, keys);
      const check = await db.transaction().execute(async (tx) => {
        const res = await consumeCode(tx, config.secret, u.id, 'verify', r.data.code);
        if (res.ok) await markVerified(tx, u.id, res);
        return res;
      });
      if (!check.ok) {
        await recordFailure(db, keys, POLICIES.verify);
        return page({ code: check.reason === 'wrong' ? 'accounts.code.wrong' : 'accounts.code.expired' }, 422);
      }
      await clearLimit(db, keys);
      const next = unverifiedChannel((await findCitizen(db, u.id))!);
      await flash(c, 'accounts.verify.done', { to: showTo({ channel: check.channel, value: check.destination }) });
      return c.redirect(next ? '/verifikasi' : '/akun', 303);
    }, (seconds) => page({ _: 'error.rate_limited' }, 429, { seconds }));
  });

  app.post('/verifikasi/kirim-ulang', async (c) => {
    const { u, to } = await verifyTarget(c);
    if (!to) return c.redirect('/akun', 303);
    const keys = [`sendcode:user:${u.id}`];
    return limited(async () => {
      await assertNotLimited(db, keys);
      await db.transaction().execute((tx) => issueCode(tx, config.secret, u, 'verify', to));
      await recordFailure(db, keys, SEND_POLICY);
      await flash(c, 'accounts.verify.resent');
      return c.redirect('/verifikasi', 303);
    }, (seconds) => c.html(<VerifyPage c={c} to={showTo(to)} errors={{ _: 'error.rate_limited' }} params={{ seconds }} />, 429));
  });

  // ---- sign in / out ----

  app.get('/masuk', query('kembali'), async (c) => {
    const { kembali } = parseQuery(c, KembaliQuery);
    const actor = c.get('actor');
    if (actor.kind === 'citizen') return c.redirect(backTo(kembali), 303);
    if (actor.kind === 'staff') return c.redirect('/petugas', 303);
    const { notice } = await takeFlash(c);
    return c.html(<SigninPage c={c} kembali={backTo(kembali)} notice={notice} />);
  });

  app.post('/masuk', async (c) => {
    const r = await parseForm(c, SigninForm);
    const kembali = backTo(r.values.kembali);
    if (!r.ok) return c.html(<SigninPage c={c} values={keep(r.values)} errors={r.errors} kembali={kembali} />, 422);
    const ident = parseIdentifier(r.data.identifier);
    const keys = [`signin:ip:${clientIp(c)}`, `signin:citizen:${sha256(ident?.value ?? r.data.identifier.toLowerCase())}`];
    const fail = (status: number, seconds?: number) =>
      c.html(
        <SigninPage c={c} values={{ identifier: r.data.identifier }} errors={{ _: status === 429 ? 'error.rate_limited' : 'accounts.signin.failed' }}
          params={seconds ? { seconds } : undefined} kembali={kembali} />,
        status as 401,
      );
    return limited(async () => {
      await assertNotLimited(db, keys);
      const u = ident ? await findCitizenBy(db, ident) : undefined;
      // the same work and the same answer whether or not the account exists
      const ok = u?.password_hash ? await verifyPassword(u.password_hash, r.data.password) : (await dummyVerify(), false);
      if (!u || !ok || u.disabled_at) {
        await recordFailure(db, keys, POLICIES.signin);
        return fail(401);
      }
      await clearLimit(db, keys);
      await createSession(c, u.id, { state: 'active' });
      await db.updateTable('users').set({ last_login_at: sql`now()` }).where('id', '=', u.id).execute();
      return c.redirect(isVerified(u) ? kembali : '/verifikasi', 303);
    }, (seconds) => fail(429, seconds));
  });

  // for everyone: citizens and staff
  app.post('/keluar', async (c) => {
    const wasStaff = c.get('actor').kind === 'staff';
    await destroySession(c);
    return c.redirect(wasStaff ? '/petugas/masuk' : '/', 303);
  });

  // ---- forgotten password ----

  app.get('/lupa-sandi', (c) => c.html(<ForgotPage c={c} />));

  app.post('/lupa-sandi', async (c) => {
    const r = await parseForm(c, IdentifierForm);
    if (!r.ok) return c.html(<ForgotPage c={c} values={r.values} errors={r.errors} />, 422);
    const ident = parseIdentifier(r.data.identifier)!;
    const keys = [`reset:ip:${clientIp(c)}`, `reset:id:${sha256(ident.value)}`];
    return limited(async () => {
      await assertNotLimited(db, keys);
      await recordFailure(db, keys, POLICIES.reset); // every request counts: each one sends a message
      const u = await findCitizenBy(db, ident);
      // The same page whether or not the account exists: this form must not tell who is registered.
      if (u && !u.disabled_at) await db.transaction().execute((tx) => issueCode(tx, config.secret, u, 'reset', ident));
      return c.html(<ResetPage c={c} values={{ identifier: r.data.identifier }} to={showTo(ident)} />);
    }, (seconds) => c.html(<ForgotPage c={c} values={r.values} errors={{ _: 'error.rate_limited' }} params={{ seconds }} />, 429));
  });

  app.get('/atur-ulang-sandi', (c) => c.redirect('/lupa-sandi', 303));

  app.post('/atur-ulang-sandi', async (c) => {
    const r = await parseForm(c, ResetForm);
    const ident = parseIdentifier(r.values.identifier ?? '');
    if (!ident) return c.redirect('/lupa-sandi', 303);
    const page = (errors: FieldErrors, status: number, params?: Record<string, string | number>) =>
      c.html(<ResetPage c={c} values={{ identifier: r.values.identifier ?? '', code: r.values.code ?? '' }} errors={errors} params={params} to={showTo(ident)} />, status as 422);
    if (!r.ok) return page(r.errors, 422);
    const keys = [`verify:ip:${clientIp(c)}`, `verify:reset:${sha256(ident.value)}`];
    return limited(async () => {
      await assertNotLimited(db, keys);
      const u = await findCitizenBy(db, ident);
      const pwErrors = newPasswordErrors(r.data.password, r.data.confirm, { email: u?.email, name: u?.name });
      if (Object.keys(pwErrors).length) return page(pwErrors, 422);
      const done = u && !u.disabled_at
        ? await db.transaction().execute(async (tx) => {
            const res = await consumeCode(tx, config.secret, u.id, 'reset', r.data.code);
            if (!res.ok) return res;
            await tx.updateTable('users').set({ password_hash: await hashPassword(r.data.password), updated_at: sql`now()` }).where('id', '=', u.id).execute();
            // receiving the code proves the address is theirs
            await markVerified(tx, u.id, res);
            return res;
          })
        : { ok: false as const, reason: 'wrong' as const };
      if (!done.ok || !u) {
        await recordFailure(db, keys, POLICIES.verify);
        return page({ code: done.ok ? 'accounts.code.wrong' : done.reason === 'wrong' || done.reason === 'none' ? 'accounts.code.wrong' : 'accounts.code.expired' }, 422);
      }
      await clearLimit(db, keys);
      await destroyUserSessions(db, u.id);
      await createSession(c, u.id, { state: 'active', data: { notice: 'accounts.reset.done' } });
      return c.redirect('/akun', 303);
    }, (seconds) => page({ _: 'error.rate_limited' }, 429, { seconds }));
  });

  // ---- the account itself ----

  app.get('/akun', async (c) => {
    const u = await me(c);
    const { notice, params } = await takeFlash(c);
    return c.html(<AccountPage c={c} user={u} nik={u.nik_encrypted ? openNik(config.secret, u.nik_encrypted) : null} notice={notice} params={params} />);
  });

  app.get('/akun/ubah', async (c) => {
    const u = await me(c);
    const values = { name: u.name, email: u.email ?? '', phone: u.phone ?? '', nik: u.nik_encrypted ? openNik(config.secret, u.nik_encrypted) : '', locale: u.locale };
    return c.html(<EditPage c={c} values={values} />);
  });

  app.post('/akun/ubah', async (c) => {
    const u = await me(c);
    const r = await parseForm(c, EditForm);
    const p = await profileProblems(ctx, rawProfile(r.values), u.id);
    const errors = r.ok ? p.errors : { ...p.errors, ...r.errors };
    if (!r.ok || Object.keys(errors).length) return c.html(<EditPage c={c} values={r.values} errors={errors} warnings={p.warnings} />, 422);
    const emailChanged = (p.email ?? null) !== (u.email?.toLowerCase() ?? null);
    const phoneChanged = (p.phone ?? null) !== (u.phone ?? null);
    const sentTo = await db.transaction().execute(async (tx) => {
      await tx
        .updateTable('users')
        .set({
          name: r.data.name,
          email: p.email ?? null,
          phone: p.phone ?? null,
          locale: r.data.locale,
          nik_encrypted: p.nik ? sealNik(config.secret, p.nik) : null,
          nik_hash: p.nik ? nikHash(config.secret, p.nik) : null,
          // a new address is not verified until its code comes back
          ...(emailChanged ? { email_verified_at: null } : {}),
          ...(phoneChanged ? { phone_verified_at: null } : {}),
          updated_at: sql`now()`,
        })
        .where('id', '=', u.id)
        .execute();
      const to = emailChanged && p.email ? { channel: 'email' as const, value: p.email } : phoneChanged && p.phone ? { channel: 'sms' as const, value: p.phone } : undefined;
      if (to) await issueCode(tx, config.secret, { id: u.id, locale: r.data.locale }, 'verify', to);
      return to;
    });
    if (sentTo) {
      await flash(c, 'accounts.account.code_sent', { to: showTo(sentTo) });
      return c.redirect('/verifikasi', 303);
    }
    await flash(c, 'accounts.account.saved');
    return c.redirect('/akun', 303);
  });

  /** The current password, asked again before a change that matters; wrong guesses count like sign-ins. */
  async function reconfirmed(u: CitizenRow, plain: string): Promise<boolean> {
    const keys = [`signin:user:${u.id}`];
    await assertNotLimited(db, keys);
    if (!u.password_hash || !(await verifyPassword(u.password_hash, plain))) {
      await recordFailure(db, keys, POLICIES.signin);
      return false;
    }
    await clearLimit(db, keys);
    return true;
  }

  app.get('/akun/sandi', async (c) => {
    await me(c);
    return c.html(<PasswordPage c={c} />);
  });

  app.post('/akun/sandi', async (c) => {
    const u = await me(c);
    const r = await parseForm(c, PasswordForm);
    if (!r.ok) return c.html(<PasswordPage c={c} errors={r.errors} />, 422);
    return limited(async () => {
      if (!(await reconfirmed(u, r.data.current))) return c.html(<PasswordPage c={c} errors={{ current: 'accounts.account.wrong_password' }} />, 422);
      const errors = newPasswordErrors(r.data.password, r.data.confirm, u);
      if (Object.keys(errors).length) return c.html(<PasswordPage c={c} errors={errors} />, 422);
      await db.updateTable('users').set({ password_hash: await hashPassword(r.data.password), updated_at: sql`now()` }).where('id', '=', u.id).execute();
      // everyone else who had this password is signed out; this device gets a fresh session
      await destroyUserSessions(db, u.id);
      await createSession(c, u.id, { state: 'active', data: { notice: 'accounts.account.password_saved' } });
      return c.redirect('/akun', 303);
    }, (seconds) => c.html(<PasswordPage c={c} errors={{ _: 'error.rate_limited' }} params={{ seconds }} />, 429));
  });

  app.get('/akun/data', async (c) => {
    const u = await me(c);
    const data = await exportAll(db, config.secret, ctx.modules, u.id);
    const day = new Date().toISOString().slice(0, 10);
    c.header('content-disposition', `attachment; filename="data-saya-${day}.json"`);
    c.header('cache-control', 'no-store');
    return c.body(JSON.stringify(data, null, 2), 200, { 'content-type': 'application/json; charset=utf-8' });
  });

  app.get('/akun/hapus', async (c) => {
    await me(c);
    return c.html(<DeletePage c={c} />);
  });

  app.post('/akun/hapus', async (c) => {
    const u = await me(c);
    const r = await parseForm(c, DeleteForm);
    if (!r.ok) return c.html(<DeletePage c={c} errors={r.errors} />, 422);
    return limited(async () => {
      if (!(await reconfirmed(u, r.data.password))) return c.html(<DeletePage c={c} errors={{ password: 'accounts.account.wrong_password' }} />, 422);
      await db.transaction().execute(async (tx) => {
        await eraseAll(tx, ctx.modules, u);
        // the trail records that an erasure happened, and nothing of what was erased
        await recordAudit(tx, { id: null, label: `citizen:${u.id}`, ip: null, userAgent: null }, {
          action: 'account.erase', subjectType: 'user', subjectId: u.id,
        });
      });
      await destroySession(c);
      c.set('actor', { kind: 'anonymous' });
      return c.html(<DeletedPage c={c} />);
    }, (seconds) => c.html(<DeletePage c={c} errors={{ _: 'error.rate_limited' }} params={{ seconds }} />, 429));
  });
}
