/** @jsxImportSource hono/jsx */
// The staff sign-in steps: password, code, first-time authenticator enrolment, new password.
import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { Csrf, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';

/** Room for a code typed in groups ("123 456"), as authenticator apps show it. */
const CODE_MAXLENGTH = 9;

/** The way back from a step of signing in: ends the half-signed-in session. */
function StartAgain({ c }: { c: Context<Env> }) {
  const t = c.get('t');
  return (
    <form method="post" action="/petugas/masuk/batal" class="inline">
      <Csrf c={c} />
      <button type="submit" class="link">{t('staff.signin.cancel')}</button>
    </form>
  );
}

type Common = { c: Context<Env>; values?: FormData; errors?: FieldErrors; params?: Record<string, string | number> };

/** The password form; with stepUp (beyond the account's sign-in ceiling) it asks for a code as well. */
export function SigninPage({ c, values = {}, errors = {}, params, kembali, sso, stepUp }: Common & { kembali: string; sso: boolean; stepUp?: boolean }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('staff.signin.title')} staff>
      <h1>{t('staff.signin.title')}</h1>
      <ErrorSummary c={c} errors={errors} params={params} />
      {stepUp ? <Notice kind="warn">{t('staff.signin.step_up')}</Notice> : <p class="lead">{t('staff.signin.lead')}</p>}
      {sso ? (
        <>
          <p>
            <a class="button" href={`/petugas/oidc/masuk?kembali=${encodeURIComponent(kembali)}`}>{t('staff.signin.sso')}</a>
          </p>
          <p>{t('staff.signin.or_password')}</p>
        </>
      ) : null}
      <form method="post" action="/petugas/masuk" novalidate>
        <Csrf c={c} />
        <input type="hidden" name="kembali" value={kembali} />
        <Field c={c} name="email" type="email" label={t('staff.field.email')} value={values.email} errors={errors} autocomplete="username" inputmode="email" maxlength={200} required />
        <Field c={c} name="password" type="password" label={t('staff.field.password')} errors={errors} autocomplete="current-password" maxlength={1000} required />
        {stepUp ? <Field c={c} name="code" label={t('staff.field.code')} hint={t('staff.signin.step_up.hint', { issuer: c.get('region').name })} errors={errors} autocomplete="one-time-code" inputmode="numeric" maxlength={CODE_MAXLENGTH} /> : null}
        <button type="submit">{t('app.signin')}</button>
      </form>
      <p class="hint">{t('staff.signin.forgot')}</p>
    </Layout>
  );
}

export function CodePage({ c, errors = {}, params }: Common) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('staff.code.title')} staff>
      <h1>{t('staff.code.title')}</h1>
      <ErrorSummary c={c} errors={errors} params={params} />
      <form method="post" action="/petugas/masuk/kode" novalidate>
        <Csrf c={c} />
        <Field c={c} name="code" label={t('staff.field.code')} hint={t('staff.code.hint', { issuer: c.get('region').name })} errors={errors} autocomplete="one-time-code" inputmode="numeric" maxlength={CODE_MAXLENGTH} required />
        <button type="submit">{t('app.continue')}</button>
      </form>
      <p class="hint">{t('staff.code.lost')}</p>
      <StartAgain c={c} />
    </Layout>
  );
}

export function EnrolPage({ c, errors = {}, params, secretGrouped, uri, qrSvg, required }: Common & { secretGrouped: string; uri: string; qrSvg?: string; required: boolean }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('staff.enrol.title')} staff>
      <h1>{t('staff.enrol.title')}</h1>
      <ErrorSummary c={c} errors={errors} params={params} />
      <p class="lead">{required ? t('staff.enrol.required') : t('staff.enrol.lead')}</p>
      <ol>
        <li>{t('staff.enrol.step1')}</li>
        <li>
          {t('staff.enrol.step2')}
          {qrSvg ? <figure class="qr">{raw(qrSvg)}<figcaption>{t('staff.enrol.qr')}</figcaption></figure> : null}
          <p>{t('staff.enrol.type')}</p>
          <p class="code">{secretGrouped}</p>
          <p><a href={uri}>{t('staff.enrol.link')}</a></p>
        </li>
        <li>{t('staff.enrol.step3')}</li>
      </ol>
      <form method="post" action="/petugas/2fa/daftar" novalidate>
        <Csrf c={c} />
        <Field c={c} name="code" label={t('staff.field.code')} hint={t('staff.enrol.code.hint', { issuer: c.get('region').name })} errors={errors} autocomplete="one-time-code" inputmode="numeric" maxlength={CODE_MAXLENGTH} required />
        <button type="submit">{t('staff.enrol.confirm')}</button>
      </form>
      {required ? <StartAgain c={c} /> : <p><a href="/petugas/akun">{t('app.cancel')}</a></p>}
    </Layout>
  );
}

export function NewPasswordPage({ c, errors = {}, params }: Common) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('staff.newpw.title')} staff>
      <h1>{t('staff.newpw.title')}</h1>
      <ErrorSummary c={c} errors={errors} params={params} />
      <p class="lead">{t('staff.newpw.lead')}</p>
      <form method="post" action="/petugas/masuk/sandi-baru" novalidate>
        <Csrf c={c} />
        <Field c={c} name="password" type="password" label={t('staff.field.new_password')} hint={t('staff.password.hint')} errors={errors} params={params} autocomplete="new-password" maxlength={1000} required />
        <Field c={c} name="confirm" type="password" label={t('staff.field.confirm')} errors={errors} autocomplete="new-password" maxlength={1000} required />
        <button type="submit">{t('app.save')}</button>
      </form>
    </Layout>
  );
}

export function MessagePage({ c, title, body, link }: { c: Context<Env>; title: string; body: string; link?: { href: string; label: string } }) {
  return (
    <Layout c={c} title={title} staff>
      <h1>{title}</h1>
      <p class="lead">{body}</p>
      {link ? <p><a href={link.href}>{link.label}</a></p> : null}
    </Layout>
  );
}
