/** @jsxImportSource hono/jsx */
// Back office: the unit tree (/petugas/unit), the unit form (create / edit / contact only), and the
// branding form (/petugas/branding).
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Csrf, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import type { UnitRow } from '../service.ts';
import type { RowError } from '../contacts-csv.ts';
import { CSV_COLUMNS } from '../contacts-csv.ts';
import { EDITABLE_KINDS } from '../schema.ts';
import { displayName, unitHref } from './public.tsx';

const staffHref = (code: string) => `/petugas/unit/${encodeURIComponent(code)}`;

function UnitLine({ c, u, canEdit }: { c: Context<Env>; u: UnitRow; canEdit: (u: UnitRow) => boolean }) {
  const t = c.get('t');
  return (
    <>
      {canEdit(u) ? <a href={staffHref(u.code)}>{u.name}</a> : <span>{u.name}</span>}{' '}
      <span class="muted">{u.code}</span>
      {u.active ? null : <> <span class="tag">{t('units.status.inactive')}</span></>}
    </>
  );
}

export function TreePage({ c, units, canManage, canEdit, canImport, message, changed }: {
  c: Context<Env>; units: UnitRow[]; canManage: boolean; canEdit: (u: UnitRow) => boolean; canImport?: boolean; message?: string; changed?: number;
}) {
  const t = c.get('t');
  const region = units.find((u) => u.kind === 'region');
  const kecamatan = units.filter((u) => u.kind === 'kecamatan');
  const opd = units.filter((u) => u.kind === 'opd');
  const below = (p: UnitRow) => units.filter((u) => u.parentId === p.id && u.kind !== 'opd');
  const opdBelow = (p: UnitRow | undefined) => opd.filter((u) => u.parentId === p?.id);
  const OpdList = ({ parent }: { parent: UnitRow | undefined }) => {
    const list = opdBelow(parent);
    return list.length ? (
      <ul>
        {list.map((o) => <li><UnitLine c={c} u={o} canEdit={canEdit} /><OpdList parent={o} /></li>)}
      </ul>
    ) : null;
  };
  return (
    <Layout c={c} title={t('units.staff.title')} staff active="/petugas/unit">
      <h1>{t('units.staff.title')}</h1>
      {message ? <Notice kind="ok">{t(`units.staff.message.${message}`, { changed: changed ?? 0 })}</Notice> : null}
      <p class="lead">{t('units.staff.lead')}</p>
      {canManage || canImport ? (
        <p class="actions">
          {canManage ? <a class="button" href="/petugas/unit/baru">{t('units.staff.new')}</a> : null}
          {canImport ? <a class="button secondary" href="/petugas/unit/impor">{t('units.import.title')}</a> : null}
        </p>
      ) : null}
      {region ? <p><UnitLine c={c} u={region} canEdit={canEdit} /></p> : null}
      <h2>{t('units.staff.kecamatan', { count: kecamatan.length })}</h2>
      <ul class="unit-tree">
        {kecamatan.map((k) => (
          <li>
            <UnitLine c={c} u={k} canEdit={canEdit} />
            {below(k).length ? (
              <ul>
                {below(k).map((v) => <li><UnitLine c={c} u={v} canEdit={canEdit} /></li>)}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      <h2>{t('units.staff.opd', { count: opd.length })}</h2>
      <OpdList parent={region} />
    </Layout>
  );
}

export interface ParentOption { code: string; label: string }

function ContactFieldset({ c, values, errors }: { c: Context<Env>; values: FormData; errors: FieldErrors }) {
  const t = c.get('t');
  return (
    <fieldset>
      <legend>{t('units.contact.title')}</legend>
      <p class="hint">{t('units.form.contact_hint')}</p>
      <Field c={c} name="address" label={t('units.contact.address')} value={values.address} errors={errors} multiline maxlength={500} autocomplete="street-address" />
      <Field c={c} name="phone" label={t('units.contact.phone')} hint={t('units.form.phone_hint')} type="tel" inputmode="tel" value={values.phone} errors={errors} maxlength={30} />
      <Field c={c} name="whatsapp" label={t('units.contact.whatsapp')} hint={t('units.form.whatsapp_hint')} type="tel" inputmode="tel" value={values.whatsapp} errors={errors} maxlength={30} />
      <Field c={c} name="email" label={t('units.contact.email')} type="email" inputmode="email" value={values.email} errors={errors} maxlength={200} />
      <Field c={c} name="website" label={t('units.contact.website')} hint={t('units.form.website_hint')} type="url" inputmode="url" value={values.website} errors={errors} maxlength={300} />
      <Field c={c} name="source" label={t('units.form.source')} hint={t('units.form.source_hint')} value={values.source} errors={errors} maxlength={300} />
    </fieldset>
  );
}

function Select({ c, name, label, hint, options, value, errors }: {
  c: Context<Env>; name: string; label: string; hint?: string; options: { value: string; label: string }[]; value?: string; errors: FieldErrors;
}) {
  const t = c.get('t');
  const id = `f-${name}`;
  const err = errors[name];
  const described = [hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={err ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
      {err ? <p class="err" id={`${id}-err`}>{t(err)}</p> : null}
      <select id={id} name={name} aria-describedby={described} aria-invalid={err ? 'true' : undefined}>
        <option value="">{t('units.form.choose')}</option>
        {options.map((o) => <option value={o.value} selected={o.value === value}>{o.label}</option>)}
      </select>
    </div>
  );
}

/**
 * mode 'new': code + everything; 'full': everything but the code (units.manage);
 * 'contact': contact details only (the unit's own admin, or the region unit).
 */
export function UnitFormPage({ c, mode, unit, values, errors, parents, canManage }: {
  c: Context<Env>; mode: 'new' | 'full' | 'contact'; unit?: UnitRow; values: FormData; errors: FieldErrors; parents: ParentOption[]; canManage?: boolean;
}) {
  const t = c.get('t');
  const title = mode === 'new' ? t('units.staff.new') : t('units.staff.edit', { name: unit ? displayName(t, unit) : '' });
  const action = mode === 'new' ? '/petugas/unit/baru' : staffHref(unit!.code);
  return (
    <Layout c={c} title={title} staff active="/petugas/unit">
      <p><a href="/petugas/unit">{t('units.staff.back')}</a></p>
      <h1>{title}</h1>
      {unit ? (
        <p class="lead">
          {t(`units.kind.${unit.kind}`)} · {unit.code}
          {unit.active ? <> · <a href={unitHref(unit.code)}>{t('units.staff.public_page')}</a></> : <> · <span class="tag">{t('units.status.inactive')}</span></>}
          {' · '}<a href={`/petugas/unit/${encodeURIComponent(unit.code)}/profil`}>{t('units.profile.link')}</a>
        </p>
      ) : null}
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action={action} novalidate>
        <Csrf c={c} />
        {mode === 'new' ? (
          <Field c={c} name="code" label={t('units.form.code')} hint={t('units.form.code_hint')} value={values.code} errors={errors} maxlength={80} required />
        ) : null}
        {mode !== 'contact' ? (
          <>
            <Field c={c} name="name" label={t('units.form.name')} hint={t('units.form.name_hint')} value={values.name} errors={errors} maxlength={200} required />
            <Select c={c} name="kind" label={t('units.form.kind')} value={values.kind} errors={errors}
              options={EDITABLE_KINDS.map((k) => ({ value: k, label: t(`units.kind.${k}`) }))} />
            <Select c={c} name="parent" label={t('units.form.parent')} hint={t('units.form.parent_hint')} value={values.parent} errors={errors}
              options={parents.map((p) => ({ value: p.code, label: p.label }))} />
          </>
        ) : null}
        <ContactFieldset c={c} values={values} errors={errors} />
        <button type="submit">{mode === 'new' ? t('units.form.create') : t('units.form.save')}</button>
      </form>
      {unit && canManage && unit.kind !== 'region' ? (
        <form method="post" action={`${staffHref(unit.code)}/status`} class="status-form">
          <Csrf c={c} />
          <h2>{unit.active ? t('units.status.deactivate_title') : t('units.status.activate_title')}</h2>
          <p>{unit.active ? t('units.status.deactivate_help') : t('units.status.activate_help')}</p>
          <input type="hidden" name="active" value={unit.active ? '0' : '1'} />
          <button type="submit" class={unit.active ? 'danger' : 'secondary'}>
            {unit.active ? t('units.status.deactivate') : t('units.status.activate')}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

export function BrandingPage({ c, values, errors, params, saved }: {
  c: Context<Env>; values: FormData; errors: FieldErrors; params?: Record<string, string | number>; saved?: boolean;
}) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('units.branding.title')} staff active="/petugas/branding">
      <h1>{t('units.branding.title')}</h1>
      {saved ? <Notice kind="ok">{t('units.branding.saved')}</Notice> : null}
      <p class="lead">{t('units.branding.lead')}</p>
      <ErrorSummary c={c} errors={errors} params={params} />
      <form method="post" action="/petugas/branding" novalidate>
        <Csrf c={c} />
        <Field c={c} name="name" label={t('units.branding.name')} hint={t('units.branding.name_hint')} value={values.name} errors={errors} maxlength={200} required />
        <Field c={c} name="shortName" label={t('units.branding.short_name')} value={values.shortName} errors={errors} maxlength={60} />
        <fieldset>
          <legend>{t('units.branding.colors')}</legend>
          <p class="hint">{t('units.branding.colors_hint')}</p>
          <Field c={c} name="primary" label={t('units.branding.primary')} hint={t('units.branding.primary_hint')} value={values.primary} errors={errors} params={params} maxlength={7} />
          <Field c={c} name="primaryText" label={t('units.branding.primary_text')} hint={t('units.branding.primary_text_hint')} value={values.primaryText} errors={errors} params={params} maxlength={7} />
          <Field c={c} name="accent" label={t('units.branding.accent')} hint={t('units.branding.accent_hint')} value={values.accent} errors={errors} params={params} maxlength={7} />
        </fieldset>
        <ContactFieldset c={c} values={values} errors={errors} />
        <button type="submit">{t('units.form.save')}</button>
      </form>
    </Layout>
  );
}

/** The CSV import: how it works, the template, the upload, and every problem of a refused file. */
export function ImportPage({ c, fileError, rowErrors }: { c: Context<Env>; fileError?: string; rowErrors?: RowError[] }) {
  const t = c.get('t');
  const errors: FieldErrors = fileError ? { berkas: fileError } : rowErrors?.length ? { _: 'units.import.refused' } : {};
  return (
    <Layout c={c} title={t('units.import.title')} staff active="/petugas/unit">
      <p><a href="/petugas/unit">{t('units.staff.back')}</a></p>
      <h1>{t('units.import.title')}</h1>
      <ErrorSummary c={c} errors={errors} params={{ count: rowErrors?.length ?? 0 }} />
      {rowErrors?.length ? (
        <>
          <h2>{t('units.import.problems', { count: rowErrors.length })}</h2>
          <div class="table-wrap">
            <table>
              <thead><tr><th scope="col">{t('units.import.line')}</th><th scope="col">{t('units.import.column')}</th><th scope="col">{t('units.import.problem')}</th></tr></thead>
              <tbody>
                {rowErrors.slice(0, 500).map((e) => (
                  <tr><td>{e.line}</td><td>{e.column ?? '–'}</td><td>{t(e.message, e.params)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      <p class="lead">{t('units.import.lead')}</p>
      <ol>
        <li>{t('units.import.step.download')} <a href="/petugas/unit/impor/templat.csv" download>{t('units.import.template')}</a></li>
        <li>{t('units.import.step.edit', { columns: CSV_COLUMNS.join(', ') })}</li>
        <li>{t('units.import.step.save')}</li>
        <li>{t('units.import.step.upload')}</li>
      </ol>
      <form method="post" action="/petugas/unit/impor" enctype="multipart/form-data" novalidate>
        <Csrf c={c} />
        <div class={fileError ? 'field invalid' : 'field'}>
          <label for="f-berkas">{t('units.import.file')}</label>
          <p class="hint" id="f-berkas-hint">{t('units.import.file_hint')}</p>
          {fileError ? <p class="err" id="f-berkas-err">{t(fileError)}</p> : null}
          <input id="f-berkas" type="file" name="berkas" accept=".csv,text/csv" required
            aria-describedby={fileError ? 'f-berkas-hint f-berkas-err' : 'f-berkas-hint'} aria-invalid={fileError ? 'true' : undefined} />
        </div>
        <button type="submit">{t('units.import.submit')}</button>
      </form>
    </Layout>
  );
}
