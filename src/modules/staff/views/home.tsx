/** @jsxImportSource hono/jsx */
// Back-office home and the person's own account page.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors } from '../../../platform/http/input.ts';
import type { NavItem } from '../../../platform/module.ts';
import { Csrf, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { roleKeys, type StaffGrant } from '../service.ts';

export function GrantList({ c, grants }: { c: Context<Env>; grants: StaffGrant[] }) {
  const t = c.get('t');
  if (!grants.length) return <p>{t('staff.roles.none')}</p>;
  return (
    <ul>
      {grants.map((g) => (
        <li>{t('staff.grant.line', { role: t(roleKeys(g.role).label), unit: g.unitName, code: g.unitCode })}</li>
      ))}
    </ul>
  );
}

export function HomePage({ c, name, grants, links }: { c: Context<Env>; name: string; grants: StaffGrant[]; links: NavItem[] }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('staff.home.title')} staff active="/petugas">
      <h1>{t('staff.home.greeting', { name })}</h1>
      <h2>{t('staff.home.roles')}</h2>
      <GrantList c={c} grants={grants} />
      <h2>{t('staff.home.areas')}</h2>
      {links.length ? (
        <ul class="cards">
          {links.map((n) => (
            <li><a href={n.href}>{t(n.label)}</a></li>
          ))}
        </ul>
      ) : (
        <p>{t('staff.home.no_areas')}</p>
      )}
    </Layout>
  );
}

export function AccountPage({ c, name, email, totpEnabled, sso, hasPassword, done, errors = {}, params }: {
  c: Context<Env>; name: string; email: string | null; totpEnabled: boolean; sso: boolean; hasPassword: boolean;
  done?: string; errors?: FieldErrors; params?: Record<string, string | number>;
}) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('staff.account.title')} staff active="/petugas/akun">
      <h1>{t('staff.account.title')}</h1>
      {done === 'sandi' ? <Notice kind="ok">{t('staff.account.password_changed')}</Notice> : null}
      {done === '2fa' ? <Notice kind="ok">{t('staff.account.totp_enabled')}</Notice> : null}
      <ErrorSummary c={c} errors={errors} params={params} />
      <dl class="summary">
        <dt>{t('staff.field.name')}</dt><dd>{name}</dd>
        <dt>{t('staff.field.email')}</dt><dd>{email ?? '–'}</dd>
        <dt>{t('staff.account.sso')}</dt><dd>{sso ? t('staff.yes') : t('staff.no')}</dd>
      </dl>
      <h2>{t('staff.account.totp')}</h2>
      {totpEnabled ? (
        <p>{t('staff.account.totp_on')}</p>
      ) : (
        <>
          <p>{t('staff.account.totp_off')}</p>
          <p><a class="button" href="/petugas/2fa/daftar">{t('staff.account.totp_enable')}</a></p>
        </>
      )}
      <h2>{t('staff.account.password')}</h2>
      <form method="post" action="/petugas/akun/sandi" novalidate>
        <Csrf c={c} />
        {hasPassword ? (
          <Field c={c} name="current" type="password" label={t('staff.field.current_password')} errors={errors} autocomplete="current-password" maxlength={1000} required />
        ) : null}
        <Field c={c} name="password" type="password" label={t('staff.field.new_password')} hint={t('staff.password.hint')} errors={errors} params={params} autocomplete="new-password" maxlength={1000} required />
        <Field c={c} name="confirm" type="password" label={t('staff.field.confirm')} errors={errors} autocomplete="new-password" maxlength={1000} required />
        <button type="submit">{t('staff.account.password_save')}</button>
      </form>
    </Layout>
  );
}
