/** @jsxImportSource hono/jsx */
// Citizen account pages. Every form keeps what the person typed (never a password) and shows each
// problem at the top and beside its field.
import type { Context } from 'hono';
import type { Env } from '../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../platform/http/input.ts';
import { formatDate } from '../../platform/i18n/index.ts';
import { Csrf, ErrorSummary, Field, Notice, offerText } from '../../platform/ui/components.tsx';
import { Layout } from '../../platform/ui/layout.tsx';
import { maskNik } from './nik.ts';
import { CODE_TTL_MINUTES, type CitizenRow } from './service.ts';

/** Room for a code typed in groups ("123 456", "123-456"). */
const CODE_MAXLENGTH = 9;

type Form = { c: Context<Env>; values?: FormData; errors?: FieldErrors; params?: Record<string, string | number>; warnings?: string[] };

function Warnings({ c, warnings }: { c: Context<Env>; warnings?: string[] }) {
  if (!warnings?.length) return null;
  const t = c.get('t');
  return <Notice kind="warn">{warnings.map((w) => <p>{t(w)}</p>)}</Notice>;
}

/** A phone number as people read it: +62 812-3456-7890. */
export function showPhone(p: string): string {
  const m = /^\+62(\d{3})(\d{4})(\d+)$/.exec(p);
  return m ? `+62 ${m[1]}-${m[2]}-${m[3]}` : p;
}

export const showTo = (to: { channel: string; value: string }) => (to.channel === 'email' ? to.value : showPhone(to.value));

export function RegisterPage({ c, values = {}, errors = {}, params, warnings }: Form) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('accounts.register.title')}>
      <h1>{t('accounts.register.title')}</h1>
      <ErrorSummary c={c} errors={errors} params={params} />
      <Warnings c={c} warnings={warnings} />
      <p class="lead">{offerText(c, 'account') ? t('accounts.register.lead', { offers: offerText(c, 'account') }) : t('accounts.register.lead_plain')}</p>
      <form method="post" action="/daftar" novalidate>
        <Csrf c={c} />
        <Field c={c} name="name" label={t('accounts.field.name')} hint={t('accounts.field.name.hint')} value={values.name} errors={errors} autocomplete="name" maxlength={200} required />
        <Field c={c} name="email" type="email" label={t('accounts.field.email')} value={values.email} errors={errors} autocomplete="email" inputmode="email" maxlength={200} />
        <Field c={c} name="phone" type="tel" label={t('accounts.field.phone')} hint={t('accounts.field.phone.hint')} value={values.phone} errors={errors} autocomplete="tel" inputmode="tel" maxlength={20} />
        <Field c={c} name="nik" label={t('accounts.field.nik')} hint={t('accounts.field.nik.hint')} value={values.nik} errors={errors} autocomplete="off" inputmode="numeric" maxlength={25} />
        <Field c={c} name="password" type="password" label={t('accounts.field.password')} hint={t('accounts.field.password.hint')} errors={errors} autocomplete="new-password" maxlength={1000} required />
        <p class="hint">{t('accounts.privacy')}</p>
        <button type="submit">{t('accounts.register.submit')}</button>
      </form>
      <p>{t('accounts.register.have')} <a href="/masuk">{t('accounts.signin.title')}</a></p>
    </Layout>
  );
}

export function VerifyPage({ c, errors = {}, params, to, notice, noticeParams }: Form & { to: string; notice?: string; noticeParams?: Record<string, string | number> }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('accounts.verify.title')}>
      <h1>{t('accounts.verify.title')}</h1>
      {notice ? <Notice kind="ok">{t(notice, noticeParams)}</Notice> : null}
      <ErrorSummary c={c} errors={errors} params={params} />
      <p class="lead">{t('accounts.verify.lead', { to, minutes: CODE_TTL_MINUTES })}</p>
      <form method="post" action="/verifikasi" novalidate>
        <Csrf c={c} />
        <Field c={c} name="code" label={t('accounts.field.code')} errors={errors} autocomplete="one-time-code" inputmode="numeric" maxlength={CODE_MAXLENGTH} required />
        <button type="submit">{t('accounts.verify.submit')}</button>
      </form>
      <form method="post" action="/verifikasi/kirim-ulang">
        <Csrf c={c} />
        <button type="submit" class="secondary">{t('accounts.verify.resend')}</button>
      </form>
      <p><a href="/akun">{t('accounts.verify.later')}</a></p>
    </Layout>
  );
}

/**
 * The sign-in form. With stepUp (beyond the account's sign-in ceiling) it also asks for the code we
 * sent to the account's verified email or phone; the notice says so without saying whether the
 * account exists.
 */
export function SigninPage({ c, values = {}, errors = {}, params, kembali, notice, stepUp }: Form & { kembali: string; notice?: string; stepUp?: boolean }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('accounts.signin.title')}>
      <h1>{t('accounts.signin.title')}</h1>
      {notice ? <Notice kind="ok">{t(notice)}</Notice> : null}
      <ErrorSummary c={c} errors={errors} params={params} />
      {stepUp ? <Notice kind="warn">{t('accounts.signin.step_up', { to: values.identifier ?? '', minutes: CODE_TTL_MINUTES })}</Notice> : <p class="lead">{t('accounts.signin.lead')}</p>}
      <form method="post" action="/masuk" novalidate>
        <Csrf c={c} />
        <input type="hidden" name="kembali" value={kembali} />
        <Field c={c} name="identifier" label={t('accounts.field.identifier')} value={values.identifier} errors={errors} autocomplete="username" maxlength={200} required />
        <Field c={c} name="password" type="password" label={t('accounts.field.password')} errors={errors} autocomplete="current-password" maxlength={1000} required />
        {stepUp ? <Field c={c} name="code" label={t('accounts.field.signin_code')} errors={errors} autocomplete="one-time-code" inputmode="numeric" maxlength={CODE_MAXLENGTH} /> : null}
        <button type="submit">{t('accounts.signin.title')}</button>
      </form>
      <p><a href="/lupa-sandi">{t('accounts.signin.forgot')}</a></p>
      <p class="hint">{t('accounts.signin.unverified')}</p>
      <p>{t('accounts.signin.none')} <a href="/daftar">{t('accounts.signin.register')}</a></p>
      <p class="hint"><a href="/petugas/masuk">{t('accounts.signin.staff')}</a></p>
    </Layout>
  );
}

export function ForgotPage({ c, values = {}, errors = {}, params }: Form) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('accounts.forgot.title')}>
      <h1>{t('accounts.forgot.title')}</h1>
      <ErrorSummary c={c} errors={errors} params={params} />
      <p class="lead">{t('accounts.forgot.lead')}</p>
      <form method="post" action="/lupa-sandi" novalidate>
        <Csrf c={c} />
        <Field c={c} name="identifier" label={t('accounts.field.identifier')} value={values.identifier} errors={errors} autocomplete="username" maxlength={200} required />
        <button type="submit">{t('accounts.forgot.submit')}</button>
      </form>
    </Layout>
  );
}

export function ResetPage({ c, values = {}, errors = {}, params, to }: Form & { to: string }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('accounts.reset.title')}>
      <h1>{t('accounts.reset.title')}</h1>
      <ErrorSummary c={c} errors={errors} params={params} />
      <p class="lead">{t('accounts.reset.lead', { to, minutes: CODE_TTL_MINUTES })}</p>
      <form method="post" action="/atur-ulang-sandi" novalidate>
        <Csrf c={c} />
        <input type="hidden" name="identifier" value={values.identifier} />
        <Field c={c} name="code" label={t('accounts.field.code')} value={values.code} errors={errors} autocomplete="one-time-code" inputmode="numeric" maxlength={CODE_MAXLENGTH} required />
        <Field c={c} name="password" type="password" label={t('accounts.field.new_password')} hint={t('accounts.field.password.hint')} errors={errors} autocomplete="new-password" maxlength={1000} required />
        <Field c={c} name="confirm" type="password" label={t('accounts.field.confirm')} errors={errors} autocomplete="new-password" maxlength={1000} required />
        <button type="submit">{t('accounts.reset.submit')}</button>
      </form>
      <p><a href="/lupa-sandi">{t('accounts.reset.again')}</a></p>
    </Layout>
  );
}

function Verified({ c, at, channel }: { c: Context<Env>; at: Date | null; channel: 'email' | 'sms' }) {
  const t = c.get('t');
  if (at) return <span class="muted"> ({t('accounts.account.verified')})</span>;
  return (
    <>
      {' '}({t('accounts.account.unverified')}) <a href="/verifikasi" data-channel={channel}>{t('accounts.account.verify_now')}</a>
    </>
  );
}

export function AccountPage({ c, user, nik, notice, params }: { c: Context<Env>; user: CitizenRow; nik: string | null; notice?: string; params?: Record<string, string | number> }) {
  const t = c.get('t');
  const locale = c.get('locale');
  const empty = <span class="muted">{t('accounts.account.empty')}</span>;
  return (
    <Layout c={c} title={t('accounts.account.title')} active="/akun">
      <h1>{t('accounts.account.title')}</h1>
      {notice ? <Notice kind="ok">{t(notice, params)}</Notice> : null}
      <h2>{t('accounts.account.profile')}</h2>
      <dl class="summary">
        <dt>{t('accounts.field.name')}</dt><dd>{user.name}</dd>
        <dt>{t('accounts.field.email')}</dt>
        <dd>{user.email ? <>{user.email}<Verified c={c} at={user.email_verified_at} channel="email" /></> : empty}</dd>
        <dt>{t('accounts.field.phone')}</dt>
        <dd>{user.phone ? <>{showPhone(user.phone)}<Verified c={c} at={user.phone_verified_at} channel="sms" /></> : empty}</dd>
        <dt>NIK</dt><dd>{nik ? maskNik(nik) : empty}</dd>
        <dt>{t('accounts.field.locale')}</dt><dd>{user.locale === 'en' ? 'English' : 'Bahasa Indonesia'}</dd>
        <dt>{t('accounts.account.since')}</dt><dd>{formatDate(locale, user.created_at, c.get('region').timeZone)}</dd>
      </dl>
      <p><a class="button secondary" href="/akun/ubah">{t('accounts.account.edit')}</a> <a class="button secondary" href="/akun/sandi">{t('accounts.account.password')}</a></p>
      <h2>{t('accounts.account.data')}</h2>
      <p>{t('accounts.account.data.lead')}</p>
      <p><a class="button secondary" href="/akun/data" download>{t('accounts.account.download')}</a></p>
      <p><a class="button danger" href="/akun/hapus">{t('accounts.account.delete')}</a></p>
    </Layout>
  );
}

export function EditPage({ c, values = {}, errors = {}, params, warnings }: Form) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('accounts.edit.title')} active="/akun">
      <h1>{t('accounts.edit.title')}</h1>
      <ErrorSummary c={c} errors={errors} params={params} />
      <Warnings c={c} warnings={warnings} />
      <form method="post" action="/akun/ubah" novalidate>
        <Csrf c={c} />
        <Field c={c} name="name" label={t('accounts.field.name')} hint={t('accounts.field.name.hint')} value={values.name} errors={errors} autocomplete="name" maxlength={200} required />
        <Field c={c} name="email" type="email" label={t('accounts.field.email')} value={values.email} errors={errors} autocomplete="email" inputmode="email" maxlength={200} />
        <Field c={c} name="phone" type="tel" label={t('accounts.field.phone')} hint={t('accounts.field.phone.hint')} value={values.phone} errors={errors} autocomplete="tel" inputmode="tel" maxlength={20} />
        <Field c={c} name="nik" label={t('accounts.field.nik')} hint={t('accounts.field.nik.hint')} value={values.nik} errors={errors} autocomplete="off" inputmode="numeric" maxlength={25} />
        <fieldset>
          <legend>{t('accounts.field.locale')}</legend>
          <div class="choice"><input type="radio" id="f-locale-id" name="locale" value="id" checked={values.locale !== 'en'} /><label for="f-locale-id">Bahasa Indonesia</label></div>
          <div class="choice"><input type="radio" id="f-locale-en" name="locale" value="en" checked={values.locale === 'en'} /><label for="f-locale-en">English</label></div>
        </fieldset>
        <p class="hint">{t('accounts.privacy')}</p>
        <button type="submit">{t('app.save')}</button> <a href="/akun">{t('app.cancel')}</a>
      </form>
    </Layout>
  );
}

export function PasswordPage({ c, errors = {}, params }: Form) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('accounts.password.title')} active="/akun">
      <h1>{t('accounts.password.title')}</h1>
      <ErrorSummary c={c} errors={errors} params={params} />
      <form method="post" action="/akun/sandi" novalidate>
        <Csrf c={c} />
        <Field c={c} name="current" type="password" label={t('accounts.field.current_password')} errors={errors} autocomplete="current-password" maxlength={1000} required />
        <Field c={c} name="password" type="password" label={t('accounts.field.new_password')} hint={t('accounts.field.password.hint')} errors={errors} autocomplete="new-password" maxlength={1000} required />
        <Field c={c} name="confirm" type="password" label={t('accounts.field.confirm')} errors={errors} autocomplete="new-password" maxlength={1000} required />
        <button type="submit">{t('app.save')}</button> <a href="/akun">{t('app.cancel')}</a>
      </form>
    </Layout>
  );
}

export function DeletePage({ c, errors = {}, params }: Form) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('accounts.delete.title')} active="/akun">
      <h1>{t('accounts.delete.title')}</h1>
      <ErrorSummary c={c} errors={errors} params={params} />
      <p class="lead">{t('accounts.delete.lead')}</p>
      <p>{t('accounts.delete.keep')}</p>
      <p><a href="/akun/data" download>{t('accounts.delete.download_first')}</a></p>
      <form method="post" action="/akun/hapus" novalidate>
        <Csrf c={c} />
        <Field c={c} name="password" type="password" label={t('accounts.delete.confirm')} errors={errors} autocomplete="current-password" maxlength={1000} required />
        <button type="submit" class="danger">{t('accounts.delete.submit')}</button> <a href="/akun">{t('app.cancel')}</a>
      </form>
    </Layout>
  );
}

export function DeletedPage({ c }: { c: Context<Env> }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('accounts.deleted.title')}>
      <h1>{t('accounts.deleted.title')}</h1>
      <p class="lead">{t('accounts.deleted.body')}</p>
      <p><a href="/">{t('app.home')}</a></p>
    </Layout>
  );
}
