/** @jsxImportSource hono/jsx */
// Staff sign-in, step by step: password (/petugas/masuk) → code from the authenticator app
// (/petugas/masuk/kode) or, for admins without one, enrolment (/petugas/2fa/daftar) → a new password
// when the current one was handed out by an admin (/petugas/masuk/sandi-baru) → active session.
// Until the last step the session is 'pending_totp': it identifies the person but grants nothing.
// SSO through the city's identity provider (/petugas/oidc/…) skips all of it: the IdP is trusted
// for the second factor (docs/decisions/010-oidc-staff.md). Beyond the per-account sign-in ceiling
// the password counts only together with a code in the same form (docs/decisions/017).
// Each handler: parse → the pending session → one service call (service.ts) → render or redirect.
import type { Context, Hono } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { parseForm, parseQuery, query } from '../../platform/http/input.ts';
import { safeLocalPath } from '../../platform/http/app.tsx';
import { AppError } from '../../platform/http/errors.ts';
import { activateSession, clientIp, createSession, destroySession, updateSessionData } from '../../platform/http/session.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import { isSixDigits } from '../../platform/auth/codes.ts';
import { formatSecret, pendingTotpSecret, startTotpEnrolment, totpUri } from '../../platform/auth/totp.ts';
import { PREAUTH_COOKIE, PREAUTH_TTL_MS, beginSignIn, finishSignIn, openPreAuth, sealPreAuth } from '../../platform/auth/oidc.ts';
import {
  checkTotpStep, confirmEnrolment, grantsOf, replaceOneTimePassword, requiresTotp, signInStaff, signinUser, ssoUser, touchLastLogin, type SigninUser,
} from './service.ts';
import { CodePage, EnrolPage, MessagePage, NewPasswordPage, SigninPage } from './views/signin.tsx';
import { qrSvg } from './qr.ts';

type C = Context<Env>;

const code = z.string().max(20, 'staff.field.code.format').refine(isSixDigits, 'staff.field.code.format');
const SigninForm = z.object({
  email: z.string().trim().min(1, 'staff.field.email.required').max(200, 'field.too_long'),
  password: z.string().min(1, 'staff.field.password.required').max(1000, 'field.too_long'),
  // asked only beyond the account's sign-in ceiling
  code: z.string().max(20, 'staff.field.code.format').optional().transform((v) => v?.trim() || undefined),
  kembali: z.string().max(500).optional(),
});
const CodeForm = z.object({ code });
const NewPasswordForm = z.object({
  password: z.string().min(1, 'field.required').max(1000, 'field.too_long'),
  confirm: z.string().max(1000, 'field.too_long'),
});
const KembaliQuery = z.object({ kembali: z.string().max(500).optional() });
/** where the identity provider sends staff back; register `${GAPURA_BASE_URL}/petugas/oidc/callback` with it */
const CALLBACK_PATH = '/petugas/oidc/callback';

/** What a pending session remembers between steps. */
interface Pending {
  staff?: boolean;
  /** the second factor is done (code, enrolment or SSO) */
  mfa?: boolean;
  next?: string;
}

async function loadUser(c: C, id: number): Promise<SigninUser | undefined> {
  const u = await signinUser(c.get('app').db, { id });
  return u && !u.disabled_at ? u : undefined;
}

/** The person half-way through signing in, or undefined. */
async function pending(c: C): Promise<{ user: SigninUser; data: Pending } | undefined> {
  const s = c.get('session');
  if (!s?.userId || s.state !== 'pending_totp' || !(s.data as Pending).staff) return undefined;
  const user = await loadUser(c, s.userId);
  return user ? { user, data: s.data } : undefined;
}

type Step = 'code' | 'enrol' | 'password' | 'done';

async function nextStep(c: C, user: SigninUser, data: Pending): Promise<Step> {
  if (!data.mfa) {
    if (user.totp_enabled_at) return 'code';
    const grants = (await grantsOf(c.get('app').db, [user.id])).get(user.id) ?? [];
    if (requiresTotp(grants)) return 'enrol';
  }
  if (user.password_change_required) return 'password';
  return 'done';
}

const STEP_PATH: Record<Exclude<Step, 'done'>, string> = {
  code: '/petugas/masuk/kode',
  enrol: '/petugas/2fa/daftar',
  password: '/petugas/masuk/sandi-baru',
};

/** Send the person to their next step, or finish: a fresh, active session and back to where they were going. */
async function advance(c: C, user: SigninUser, data: Pending) {
  const step = await nextStep(c, user, data);
  if (step !== 'done') return c.redirect(STEP_PATH[step], 303);
  await activateSession(c);
  await touchLastLogin(c.get('app').db, user.id);
  return c.redirect(safeLocalPath(data.next ?? '/petugas'), 303);
}

function backTo(raw: string | undefined): string {
  const p = safeLocalPath(raw ?? '/petugas');
  return p.startsWith('/petugas') ? p : '/petugas';
}

/** Rate-limit errors shown on the form itself, with the wait in words. */
async function limited<T>(fn: () => Promise<T>, onLimited: (seconds: number) => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError && e.code === 'rate_limited') return onLimited(Number(e.params.seconds ?? 60));
    throw e;
  }
}

export function signinRoutes(app: Hono<Env>, ctx: AppContext) {
  const { db, config } = ctx;
  const sso = !!config.oidc;

  app.get('/petugas/masuk', query('kembali'), async (c) => {
    const { kembali } = parseQuery(c, KembaliQuery);
    if (c.get('actor').kind === 'staff') return c.redirect(backTo(kembali), 303);
    return c.html(<SigninPage c={c} kembali={backTo(kembali)} sso={sso} />);
  });

  app.post('/petugas/masuk', async (c) => {
    const r = await parseForm(c, SigninForm);
    const kembali = backTo(r.values.kembali);
    if (!r.ok) return c.html(<SigninPage c={c} values={r.values} errors={r.errors} kembali={kembali} sso={sso} stepUp={!!r.values.code} />, 422);
    const page = (status: 401 | 429, errors: Record<string, string>, opts: { stepUp?: boolean; seconds?: number } = {}) =>
      c.html(
        <SigninPage c={c} values={{ email: r.data.email }} errors={errors} params={opts.seconds ? { seconds: opts.seconds } : undefined} kembali={kembali} sso={sso} stepUp={opts.stepUp} />,
        status,
      );
    return limited(async () => {
      const res = await signInStaff(ctx, { email: r.data.email, password: r.data.password, code: r.data.code, ip: clientIp(c) });
      if (res.kind === 'step_up') return page(401, {}, { stepUp: true });
      if (res.kind === 'failed') return page(401, { _: 'staff.signin.failed' }, { stepUp: res.stepUp });
      const data: Pending = { next: kembali, ...(res.mfa ? { mfa: true } : {}) };
      await createSession(c, res.user.id, { state: 'pending_totp', staff: true, data: { ...data } });
      return advance(c, res.user, data);
    }, (seconds) => page(429, { _: 'error.rate_limited' }, { seconds }));
  });

  // the way back from any step before the end: the half-signed-in session ends
  app.post('/petugas/masuk/batal', async (c) => {
    if (await pending(c)) await destroySession(c);
    return c.redirect('/petugas/masuk', 303);
  });

  app.get('/petugas/masuk/kode', async (c) => {
    const p = await pending(c);
    if (!p || (await nextStep(c, p.user, p.data)) !== 'code') return c.redirect('/petugas/masuk', 303);
    return c.html(<CodePage c={c} />);
  });

  app.post('/petugas/masuk/kode', async (c) => {
    const p = await pending(c);
    if (!p || (await nextStep(c, p.user, p.data)) !== 'code') return c.redirect('/petugas/masuk', 303);
    const r = await parseForm(c, CodeForm);
    if (!r.ok) return c.html(<CodePage c={c} errors={r.errors} />, 422);
    return limited(async () => {
      if (!(await checkTotpStep(ctx, p.user.id, r.data.code, clientIp(c)))) return c.html(<CodePage c={c} errors={{ code: 'staff.code.wrong' }} />, 401);
      await updateSessionData(c, { mfa: true });
      return advance(c, p.user, { ...p.data, mfa: true });
    }, (seconds) => c.html(<CodePage c={c} errors={{ _: 'error.rate_limited' }} params={{ seconds }} />, 429));
  });

  // Enrolment: required after the password for admins without an authenticator; voluntary from
  // /petugas/akun for everyone else (then the person is already fully signed in).
  async function enrolee(c: C): Promise<{ user: SigninUser; data?: Pending } | undefined> {
    const actor = c.get('actor');
    if (actor.kind === 'staff') {
      const user = await loadUser(c, actor.userId);
      return user && !user.totp_enabled_at ? { user } : undefined;
    }
    const p = await pending(c);
    return p && (await nextStep(c, p.user, p.data)) === 'enrol' ? p : undefined;
  }

  async function enrolPage(c: C, e: { user: SigninUser; data?: Pending }, errors?: Record<string, string>, params?: Record<string, number>, status = 200) {
    const secret = (await pendingTotpSecret(db, config.secret, e.user.id)) ?? (await startTotpEnrolment(db, config.secret, e.user.id));
    const uri = totpUri(secret, c.get('region').name, e.user.email ?? e.user.name);
    return c.html(
      <EnrolPage c={c} secretGrouped={formatSecret(secret)} uri={uri} qrSvg={await qrSvg(uri)} required={!!e.data} errors={errors} params={params} />,
      status as 200,
    );
  }

  app.get('/petugas/2fa/daftar', async (c) => {
    const e = await enrolee(c);
    if (!e) return c.redirect(c.get('actor').kind === 'staff' ? '/petugas/akun' : '/petugas/masuk', 303);
    return enrolPage(c, e);
  });

  app.post('/petugas/2fa/daftar', async (c) => {
    const e = await enrolee(c);
    if (!e) return c.redirect(c.get('actor').kind === 'staff' ? '/petugas/akun' : '/petugas/masuk', 303);
    const r = await parseForm(c, CodeForm);
    if (!r.ok) return enrolPage(c, e, r.errors, undefined, 422);
    return limited(async () => {
      if (!(await confirmEnrolment(ctx, e.user, actorFromRequest(c), r.data.code, clientIp(c)))) return enrolPage(c, e, { code: 'staff.code.wrong' }, undefined, 401);
      if (!e.data) return c.redirect('/petugas/akun?selesai=2fa', 303);
      await updateSessionData(c, { mfa: true });
      return advance(c, { ...e.user, totp_enabled_at: new Date() }, { ...e.data, mfa: true });
    }, (seconds) => enrolPage(c, e, { _: 'error.rate_limited' }, { seconds }, 429));
  });

  app.get('/petugas/masuk/sandi-baru', async (c) => {
    const p = await pending(c);
    if (!p || (await nextStep(c, p.user, p.data)) !== 'password') return c.redirect('/petugas/masuk', 303);
    return c.html(<NewPasswordPage c={c} />);
  });

  app.post('/petugas/masuk/sandi-baru', async (c) => {
    const p = await pending(c);
    if (!p || (await nextStep(c, p.user, p.data)) !== 'password') return c.redirect('/petugas/masuk', 303);
    const r = await parseForm(c, NewPasswordForm);
    const errors = r.ok ? await replaceOneTimePassword(ctx, p.user, actorFromRequest(c), r.data) : r.errors;
    if (Object.keys(errors).length) return c.html(<NewPasswordPage c={c} errors={errors} />, 422);
    return advance(c, { ...p.user, password_change_required: false }, p.data);
  });

  // ---- SSO -----------------------------------------------------------------------------------
  const oidc = config.oidc;
  const redirectUri = `${config.baseUrl}${CALLBACK_PATH}`;

  app.get('/petugas/oidc/masuk', query('kembali'), async (c) => {
    if (!oidc) throw new AppError('not_found', 'error.not_found');
    const { kembali } = parseQuery(c, KembaliQuery);
    let begun;
    try {
      begun = await beginSignIn(oidc, redirectUri, backTo(kembali));
    } catch (e) {
      ctx.log.warn('oidc discovery failed', { error: String(e) });
      const t = c.get('t');
      c.status(503);
      return c.html(<MessagePage c={c} title={t('staff.sso.down.title')} body={t('staff.sso.down.body')} link={{ href: '/petugas/masuk', label: t('staff.signin.title') }} />);
    }
    setCookie(c, PREAUTH_COOKIE, sealPreAuth(config.secret, begun.preAuth), {
      httpOnly: true, sameSite: 'Lax', secure: config.production, path: '/petugas/oidc', maxAge: PREAUTH_TTL_MS / 1000,
    });
    return c.redirect(begun.url.href, 303);
  });

  app.get(CALLBACK_PATH, query('code', 'state', 'iss', 'error', 'error_description', 'session_state'), async (c) => {
    if (!oidc) throw new AppError('not_found', 'error.not_found');
    const t = c.get('t');
    const preAuth = openPreAuth(config.secret, getCookie(c, PREAUTH_COOKIE));
    deleteCookie(c, PREAUTH_COOKIE, { path: '/petugas/oidc', secure: config.production });
    const failed = (status: 400 | 403, body: string) => {
      c.status(status);
      return c.html(<MessagePage c={c} title={t('staff.sso.failed.title')} body={body} link={{ href: '/petugas/masuk', label: t('staff.signin.again') }} />);
    };
    if (!preAuth) return failed(400, t('staff.sso.expired'));
    const callbackUrl = new URL(`${redirectUri}${new URL(c.req.url).search}`);
    let who;
    try {
      who = await finishSignIn(oidc, callbackUrl, preAuth);
    } catch (e) {
      // wrong state, a code used twice, a bad ID token, or the person cancelled at the IdP
      ctx.log.warn('oidc callback refused', { error: String((e as Error)?.message ?? e).slice(0, 200) });
      return failed(400, t('staff.sso.failed.body'));
    }
    const user = await ssoUser(ctx, actorFromRequest(c), who);
    if (!user) return failed(403, t('staff.sso.unknown'));
    await createSession(c, user.id, { state: 'active', staff: true });
    return c.redirect(safeLocalPath(preAuth.next), 303);
  });
}
