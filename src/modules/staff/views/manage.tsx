/** @jsxImportSource hono/jsx */
// Staff management pages: the list, adding a person, one person's roles and status.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import type { Role } from '../../../platform/access/can.ts';
import { Csrf, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import { roleKeys, type StaffRow } from '../service.ts';

export interface UnitOption { id: number; code: string; name: string; kind: string }

const ACTIVE = '/petugas/staf';

export function StaffListPage({ c, rows, done }: { c: Context<Env>; rows: StaffRow[]; done?: string }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('staff.manage.title')} staff active={ACTIVE}>
      <h1>{t('staff.manage.title')}</h1>
      {done ? <Notice kind="ok">{t('staff.manage.saved')}</Notice> : null}
      <p><a class="button" href="/petugas/staf/baru">{t('staff.manage.add')}</a></p>
      {rows.length ? (
        <div class="table-wrap">
          <table>
            <caption class="skip">{t('staff.manage.title')}</caption>
            <thead>
              <tr><th scope="col">{t('staff.field.name')}</th><th scope="col">{t('staff.field.email')}</th><th scope="col">{t('staff.manage.roles')}</th><th scope="col">{t('staff.manage.status')}</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td><a href={`/petugas/staf/${r.id}`}>{r.name}</a></td>
                  <td>{r.email ?? '–'}</td>
                  <td>{r.grants.map((g) => t('staff.grant.short', { role: t(roleKeys(g.role).label), unit: g.unitName })).join('; ') || t('staff.roles.none')}</td>
                  <td>{r.disabled ? t('staff.status.disabled') : t('staff.status.active')}{r.totpEnabled ? ` · ${t('staff.status.totp')}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('staff.manage.empty')}</p>
      )}
    </Layout>
  );
}

function RoleChoices({ c, roles, selected, errors, name, multiple }: { c: Context<Env>; roles: readonly Role[]; selected: string[]; errors: FieldErrors; name: string; multiple: boolean }) {
  const t = c.get('t');
  const err = errors[name];
  return (
    <fieldset id={`f-${name}`} class={err ? 'field invalid' : 'field'} aria-describedby={err ? `f-${name}-err` : undefined}>
      <legend>{t('staff.field.roles')}</legend>
      {err ? <p class="err" id={`f-${name}-err`}>{t(err)}</p> : null}
      {roles.map((r) => (
        <div class="choice">
          <input type={multiple ? 'checkbox' : 'radio'} id={`f-${name}-${r}`} name={name} value={r} checked={selected.includes(r)} />
          <label for={`f-${name}-${r}`}>{t(roleKeys(r).label)} <span class="hint">{t(roleKeys(r).hint)}</span></label>
        </div>
      ))}
    </fieldset>
  );
}

function UnitSelect({ c, units, value, errors }: { c: Context<Env>; units: UnitOption[]; value?: string; errors: FieldErrors }) {
  const t = c.get('t');
  const err = errors.unit;
  return (
    <div class={err ? 'field invalid' : 'field'}>
      <label for="f-unit">{t('staff.field.unit')}</label>
      {err ? <p class="err" id="f-unit-err">{t(err)}</p> : null}
      <select id="f-unit" name="unit" aria-describedby={err ? 'f-unit-err' : undefined} aria-invalid={err ? 'true' : undefined}>
        <option value="">{t('staff.field.unit.choose')}</option>
        {units.map((u) => (
          <option value={String(u.id)} selected={value === String(u.id)}>{`${u.name} (${t(`staff.unit_kind.${u.kind}`)}, ${u.code})`}</option>
        ))}
      </select>
    </div>
  );
}

export function AddStaffPage({ c, roles, units, values = {}, errors = {} }: { c: Context<Env>; roles: readonly Role[]; units: UnitOption[]; values?: FormData; errors?: FieldErrors }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('staff.add.title')} staff active={ACTIVE}>
      <p><a href="/petugas/staf">{t('app.back')}</a></p>
      <h1>{t('staff.add.title')}</h1>
      <ErrorSummary c={c} errors={errors} />
      <p class="lead">{t('staff.add.lead')}</p>
      <form method="post" action="/petugas/staf/baru" novalidate>
        <Csrf c={c} />
        <Field c={c} name="name" label={t('staff.field.name')} value={values.name} errors={errors} autocomplete="off" maxlength={200} required />
        <Field c={c} name="email" type="email" label={t('staff.field.email')} hint={t('staff.add.email_hint')} value={values.email} errors={errors} autocomplete="off" inputmode="email" maxlength={200} required />
        <RoleChoices c={c} roles={roles} selected={(values.roles ?? '').split('\n')} errors={errors} name="roles" multiple />
        <UnitSelect c={c} units={units} value={values.unit} errors={errors} />
        <button type="submit">{t('staff.add.submit')}</button>
      </form>
    </Layout>
  );
}

export function AddedPage({ c, id, name, email, password }: { c: Context<Env>; id: number; name: string; email: string; password: string }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('staff.added.title')} staff active={ACTIVE}>
      <h1>{t('staff.added.title')}</h1>
      <Notice kind="warn">{t('staff.added.once')}</Notice>
      <dl class="summary">
        <dt>{t('staff.field.name')}</dt><dd>{name}</dd>
        <dt>{t('staff.field.email')}</dt><dd>{email}</dd>
        <dt>{t('staff.added.password')}</dt><dd><span class="code">{password}</span></dd>
      </dl>
      <p>{t('staff.added.next')}</p>
      <p><a href={`/petugas/staf/${id}`}>{t('staff.added.view')}</a></p>
    </Layout>
  );
}

export function StaffPage({ c, row, canManage, grantable, roles, units, done, values = {}, errors = {}, self }: {
  c: Context<Env>; row: StaffRow; canManage: boolean; grantable: Set<number>; roles: readonly Role[]; units: UnitOption[];
  done?: string; values?: FormData; errors?: FieldErrors; self: boolean;
}) {
  const t = c.get('t');
  const locale = c.get('locale');
  const tz = c.get('region').timeZone;
  return (
    <Layout c={c} title={row.name} staff active={ACTIVE}>
      <p><a href="/petugas/staf">{t('staff.manage.title')}</a></p>
      <h1>{row.name}</h1>
      {done ? <Notice kind="ok">{t('staff.manage.saved')}</Notice> : null}
      <ErrorSummary c={c} errors={errors} />
      <dl class="summary">
        <dt>{t('staff.field.email')}</dt><dd>{row.email ?? '–'}</dd>
        <dt>{t('staff.manage.status')}</dt><dd>{row.disabled ? t('staff.status.disabled') : t('staff.status.active')}</dd>
        <dt>{t('staff.account.totp')}</dt><dd>{row.totpEnabled ? t('staff.yes') : t('staff.no')}</dd>
        <dt>{t('staff.account.sso')}</dt><dd>{row.sso ? t('staff.yes') : t('staff.no')}</dd>
        <dt>{t('staff.manage.last_login')}</dt><dd>{row.lastLoginAt ? formatDateTime(locale, row.lastLoginAt, tz) : '–'}</dd>
      </dl>
      <h2>{t('staff.manage.roles')}</h2>
      {row.grants.length ? (
        <table>
          <thead><tr><th scope="col">{t('staff.field.role')}</th><th scope="col">{t('staff.field.unit')}</th><th scope="col"><span class="skip">{t('staff.manage.actions')}</span></th></tr></thead>
          <tbody>
            {row.grants.map((g) => (
              <tr>
                <td>{t(roleKeys(g.role).label)}</td>
                <td>{`${g.unitName} (${g.unitCode})`}</td>
                <td>
                  {grantable.has(g.id) ? (
                    <form method="post" action={`/petugas/staf/${row.id}/peran/${g.id}/cabut`} class="inline">
                      <Csrf c={c} />
                      <button type="submit" class="secondary">{t('staff.grant.revoke', { role: t(roleKeys(g.role).label) })}</button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('staff.roles.none')}</p>
      )}
      {self ? <p class="hint">{t('staff.manage.self_roles')}</p> : null}
      {units.length ? (
        <>
          <h2>{t('staff.grant.title')}</h2>
          <form method="post" action={`/petugas/staf/${row.id}/peran`} novalidate>
            <Csrf c={c} />
            <RoleChoices c={c} roles={roles} selected={[values.role ?? '']} errors={errors} name="role" multiple={false} />
            <UnitSelect c={c} units={units} value={values.unit} errors={errors} />
            <button type="submit">{t('staff.grant.submit')}</button>
          </form>
        </>
      ) : null}
      {canManage && !self ? (
        <>
          <h2>{t('staff.manage.account')}</h2>
          <form method="post" action={`/petugas/staf/${row.id}/${row.disabled ? 'aktifkan' : 'nonaktifkan'}`}>
            <Csrf c={c} />
            <p class="hint">{row.disabled ? t('staff.enable.hint') : t('staff.disable.hint')}</p>
            <button type="submit" class={row.disabled ? undefined : 'danger'}>{row.disabled ? t('staff.enable') : t('staff.disable')}</button>
          </form>
          {row.totpEnabled ? (
            <form method="post" action={`/petugas/staf/${row.id}/reset-2fa`}>
              <Csrf c={c} />
              <p class="hint">{t('staff.reset_totp.hint')}</p>
              <button type="submit" class="secondary">{t('staff.reset_totp')}</button>
            </form>
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}
