/** @jsxImportSource hono/jsx */
// Citizen accounts: /daftar (register) → /verifikasi (code to email or phone) → /akun; /masuk and
// POST /keluar (sign-out for everyone, staff included); /lupa-sandi → /atur-ulang-sandi; and under
// /akun the person's own details, password, data export and erasure (UU 27/2022 PDP).
// Each handler: parse → authorize → one service call (service.ts) → render (views.tsx).
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { parseForm, parseQuery, query, type FieldErrors, type FormData } from '../../platform/http/input.ts';
import { safeLocalPath } from '../../platform/http/app.tsx';
import { AppError } from '../../platform/http/errors.ts';
import { clientIp, createSession, destroySession, destroyUserSessions, updateSessionData } from '../../platform/http/session.ts';
import { authorize } from '../../platform/access/guard.ts';
import { isSixDigits } from '../../platform/auth/codes.ts';
import {
  changePassword, eraseAccount, exportAll, exportFileName, findCitizen, isVerified, openNik, parseIdentifier, profileValues, registerCitizen,
  requestReset, resendVerification, resetPassword, signInCitizen, unverifiedChannel, updateProfile, verifyContact, type CitizenRow,
} from './service.ts';
import {
  AccountPage, DeletePage, DeletedPage, EditPage, ForgotPage, PasswordPage, RegisterPage, ResetPage, SigninPage, VerifyPage, showTo,
} from './views.tsx';

type C = Context<Env>;

// Formats only; the rules that need more (NIK, +62 numbers, emails, passwords) are in service.ts,
// which checks every field at once.
const opt = (max: number) => z.string().trim().max(max, 'field.too_long').optional().transform((v) => v || undefined);
const password = z.string().min(1, 'accounts.field.password.required').max(1000, 'field.too_long');
const code = z.string().max(20, 'accounts.field.code.format').refine(isSixDigits, 'accounts.field.code.format');

const ProfileFields = z.object({
  name: z.string().trim().min(1, 'accounts.field.name.required').max(200, 'field.too_long'),
  email: opt(200),
  phone: opt(30),
  nik: opt(25),
});
const RegisterForm = ProfileFields.extend({ password });
const EditForm = ProfileFields.extend({ locale: z.enum(['id', 'en']).default('id') });
const SigninForm = z.object({
  identifier: z.string().trim().min(1, 'accounts.field.identifier.required').max(200, 'field.too_long'),
  password,
  // asked only beyond the account's sign-in ceiling
  code: z.string().max(20, 'accounts.field.code.format').optional().transform((v) => v?.trim() || undefined),
  kembali: z.string().max(500).optional(),
});
const IdentifierForm = z.object({
  identifier: z.string().trim().min(1, 'accounts.field.identifier.required').max(200, 'field.too_long').refine((v) => !!parseIdentifier(v), 'accounts.field.identifier.invalid'),
});
const CodeForm = z.object({ code });
const ResetForm = IdentifierForm.extend({ code, password, confirm: z.string().max(1000, 'field.too_long') });
const PasswordForm = z.object({ current: password, password, confirm: z.string().max(1000, 'field.too_long') });
const DeleteForm = z.object({ password });
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

type Params = Record<string, string | number>;

/** One-shot notice stored in the session (survives the redirect after a POST), with its parameters. */
async function flash(c: C, notice: string, params?: Params) {
  await updateSessionData(c, { notice, noticeParams: params ?? null });
}
async function takeFlash(c: C): Promise<{ notice?: string; params?: Params }> {
  const d = (c.get('session')?.data ?? {}) as { notice?: string; noticeParams?: Params | null };
  if (!d.notice) return {};
  await updateSessionData(c, { notice: null, noticeParams: null });
  return { notice: d.notice, params: d.noticeParams ?? undefined };
}

/** The signed-in citizen's own row, or a 401/403 from can(). */
async function me(c: C): Promise<CitizenRow> {
  authorize(c, 'accounts.self');
  const actor = c.get('actor');
  const u = actor.kind === 'citizen' ? await findCitizen(c.get('app').db, actor.userId) : undefined;
  if (!u) throw new AppError('unauthenticated', 'error.unauthenticated');
  return u;
}

/** The typed values of a form for re-display; passwords are never sent back. */
const keep = (v: FormData) => ({ ...v, password: '', confirm: '', current: '' });

export function accountRoutes(app: Hono<Env>, ctx: AppContext) {
  const { config } = ctx;

  // ---- registration ----

  app.get('/daftar', (c) => {
    if (c.get('actor').kind === 'citizen') return c.redirect('/akun', 303);
    return c.html(<RegisterPage c={c} />);
  });

  app.post('/daftar', async (c) => {
    const form = await parseForm(c, RegisterForm);
    const again = (errors: FieldErrors, status: number, params?: Params, warnings?: string[]) =>
      c.html(<RegisterPage c={c} values={keep(form.values)} errors={errors} params={params} warnings={warnings} />, status as 422);
    return limited(async () => {
      const r = await registerCitizen(ctx, { form, ip: clientIp(c), locale: c.get('locale') });
      if (!r.ok) return again(r.errors, 422, undefined, r.warnings);
      await createSession(c, r.userId, { state: 'active' });
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
    const { notice, params } = await takeFlash(c);
    return c.html(<VerifyPage c={c} to={showTo(to)} notice={notice} noticeParams={params} />);
  });

  app.post('/verifikasi', async (c) => {
    const { u, to } = await verifyTarget(c);
    if (!to) return c.redirect('/akun', 303);
    const r = await parseForm(c, CodeForm);
    const page = (errors: FieldErrors, status: number, params?: Params) =>
      c.html(<VerifyPage c={c} to={showTo(to)} errors={errors} params={params} />, status as 422);
    if (!r.ok) return page(r.errors, 422);
    return limited(async () => {
      const res = await verifyContact(ctx, u, r.data.code, clientIp(c));
      if (!res.ok) return page({ code: res.error }, 422);
      await flash(c, 'accounts.verify.done', { to: showTo(res.verified) });
      return c.redirect(res.next ? '/verifikasi' : '/akun', 303);
    }, (seconds) => page({ _: 'error.rate_limited' }, 429, { seconds }));
  });

  app.post('/verifikasi/kirim-ulang', async (c) => {
    const { u, to } = await verifyTarget(c);
    if (!to) return c.redirect('/akun', 303);
    return limited(async () => {
      await resendVerification(ctx, u, to);
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
    if (!r.ok) return c.html(<SigninPage c={c} values={keep(r.values)} errors={r.errors} kembali={kembali} stepUp={!!r.values.code} />, 422);
    const page = (status: number, errors: FieldErrors, opts: { stepUp?: boolean; params?: Params } = {}) =>
      c.html(<SigninPage c={c} values={{ identifier: r.data.identifier }} errors={errors} params={opts.params} kembali={kembali} stepUp={opts.stepUp} />, status as 401);
    return limited(async () => {
      const res = await signInCitizen(ctx, { identifier: r.data.identifier, password: r.data.password, code: r.data.code, ip: clientIp(c) });
      if (res.kind === 'step_up') return page(401, {}, { stepUp: true });
      if (res.kind === 'failed') return page(401, { _: 'accounts.signin.failed' }, { stepUp: res.stepUp });
      await createSession(c, res.user.id, { state: 'active' });
      return c.redirect(isVerified(res.user) ? kembali : '/verifikasi', 303);
    }, (seconds) => page(429, { _: 'error.rate_limited' }, { params: { seconds } }));
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
    return limited(async () => {
      // the same page whether or not the account exists: this form must not tell who is registered
      await requestReset(ctx, ident, clientIp(c));
      return c.html(<ResetPage c={c} values={{ identifier: r.data.identifier }} to={showTo(ident)} />);
    }, (seconds) => c.html(<ForgotPage c={c} values={r.values} errors={{ _: 'error.rate_limited' }} params={{ seconds }} />, 429));
  });

  app.get('/atur-ulang-sandi', (c) => c.redirect('/lupa-sandi', 303));

  app.post('/atur-ulang-sandi', async (c) => {
    const r = await parseForm(c, ResetForm);
    const ident = parseIdentifier(r.values.identifier ?? '');
    if (!ident) return c.redirect('/lupa-sandi', 303);
    const page = (errors: FieldErrors, status: number, params?: Params) =>
      c.html(<ResetPage c={c} values={{ identifier: r.values.identifier ?? '', code: r.values.code ?? '' }} errors={errors} params={params} to={showTo(ident)} />, status as 422);
    if (!r.ok) return page(r.errors, 422);
    return limited(async () => {
      const res = await resetPassword(ctx, { ident, code: r.data.code, password: r.data.password, confirm: r.data.confirm, ip: clientIp(c) });
      if (!res.ok) return page(res.errors, 422);
      await destroyUserSessions(ctx.db, res.user.id);
      await createSession(c, res.user.id, { state: 'active', data: { notice: 'accounts.reset.done' } });
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
    return c.html(<EditPage c={c} values={profileValues(ctx, u)} />);
  });

  app.post('/akun/ubah', async (c) => {
    const u = await me(c);
    const form = await parseForm(c, EditForm);
    const page = (errors: FieldErrors, status: number, params?: Params, warnings?: string[]) =>
      c.html(<EditPage c={c} values={form.values} errors={errors} params={params} warnings={warnings} />, status as 422);
    return limited(async () => {
      const res = await updateProfile(ctx, u, form, clientIp(c));
      if (!res.ok) return page(res.errors, 422, undefined, res.warnings);
      if (res.sentTo) {
        await flash(c, 'accounts.account.code_sent', { to: showTo(res.sentTo) });
        return c.redirect('/verifikasi', 303);
      }
      await flash(c, 'accounts.account.saved');
      return c.redirect('/akun', 303);
    }, (seconds) => page({ _: 'error.rate_limited' }, 429, { seconds }));
  });

  app.get('/akun/sandi', async (c) => {
    await me(c);
    return c.html(<PasswordPage c={c} />);
  });

  app.post('/akun/sandi', async (c) => {
    const u = await me(c);
    const r = await parseForm(c, PasswordForm);
    if (!r.ok) return c.html(<PasswordPage c={c} errors={r.errors} />, 422);
    return limited(async () => {
      const res = await changePassword(ctx, u, r.data);
      if (!res.ok) return c.html(<PasswordPage c={c} errors={res.errors} />, 422);
      // everyone else who had this password is signed out; this device gets a fresh session
      await destroyUserSessions(ctx.db, u.id);
      await createSession(c, u.id, { state: 'active', data: { notice: 'accounts.account.password_saved' } });
      return c.redirect('/akun', 303);
    }, (seconds) => c.html(<PasswordPage c={c} errors={{ _: 'error.rate_limited' }} params={{ seconds }} />, 429));
  });

  app.get('/akun/data', async (c) => {
    const u = await me(c);
    const data = await exportAll(ctx, u.id);
    c.header('content-disposition', `attachment; filename="${exportFileName(new Date(), c.get('region').timeZone)}"`);
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
      const res = await eraseAccount(ctx, u, r.data.password);
      if (!res.ok) return c.html(<DeletePage c={c} errors={res.errors} />, 422);
      await destroySession(c);
      c.set('actor', { kind: 'anonymous' });
      return c.html(<DeletedPage c={c} />);
    }, (seconds) => c.html(<DeletePage c={c} errors={{ _: 'error.rate_limited' }} params={{ seconds }} />, 429));
  });
}
