/** @jsxImportSource hono/jsx */
// Back office: /petugas/ppid/dip — the DIP entries the officer's unit holds, and the form for a new one.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { formatDate } from '../../../platform/i18n/index.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Csrf, DataTable, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import { DIP_CATEGORIES, DIP_FORMS } from '../schema.ts';
import type { DipRow, UnitRef } from '../service.ts';

export const STAFF_PATH = '/petugas/ppid/dip';

export function DipListPage({ c, rows, message }: { c: Context<Env>; rows: DipRow[]; message?: string }) {
  const t = c.get('t');
  const locale = c.get('locale');
  return (
    <Layout c={c} title={t('ppid.staff.dip.title')} staff active={STAFF_PATH}>
      <h1>{t('ppid.staff.dip.title')}</h1>
      {message ? <Notice kind="ok">{t(`ppid.staff.message.${message}`)}</Notice> : null}
      <p><a class="button" href={`${STAFF_PATH}/baru`}>{t('ppid.staff.dip.new')}</a></p>
      <DataTable
        caption={t('ppid.staff.dip.title')}
        captionHidden
        rows={rows}
        empty={t('ppid.dip.empty')}
        columns={[
          { header: t('ppid.dip.field.title'), cell: (d) => <a href={`/ppid#dip-${d.id}`}>{d.title}</a> },
          { header: t('ppid.dip.field.category'), cell: (d) => t(`ppid.dip.category.${d.category}`) },
          { header: t('ppid.dip.unit'), cell: (d) => d.unit.name },
          { header: t('ppid.staff.updated'), cell: (d) => formatDate(locale, d.updatedAt, c.get('region').timeZone) },
        ]}
      />
    </Layout>
  );
}

export function Choice({ c, name, label, options, value, errors }: {
  c: Context<Env>; name: string; label: string; options: { value: string; label: string }[]; value?: string; errors: FieldErrors;
}) {
  const t = c.get('t');
  const id = `f-${name}`;
  const err = errors[name];
  return (
    <div class={err ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      {err ? <p class="err" id={`${id}-err`}>{t(err)}</p> : null}
      <select id={id} name={name} aria-invalid={err ? 'true' : undefined} aria-describedby={err ? `${id}-err` : undefined}>
        <option value="">{t('ppid.form.choose')}</option>
        {options.map((o) => <option value={o.value} selected={o.value === value}>{o.label}</option>)}
      </select>
    </div>
  );
}

export function DipFormPage({ c, values, errors, units }: { c: Context<Env>; values: FormData; errors: FieldErrors; units: UnitRef[] }) {
  const t = c.get('t');
  const v = (k: string) => values[k] ?? '';
  return (
    <Layout c={c} title={t('ppid.staff.dip.new')} staff active={STAFF_PATH}>
      <h1>{t('ppid.staff.dip.new')}</h1>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action={`${STAFF_PATH}/baru`}>
        <Csrf c={c} />
        <Choice c={c} name="category" label={t('ppid.dip.field.category')} value={v('category')} errors={errors}
          options={DIP_CATEGORIES.map((k) => ({ value: k, label: t(`ppid.dip.category.${k}`) }))} />
        <Field c={c} name="title" label={t('ppid.dip.field.title')} value={v('title')} errors={errors} maxlength={200} />
        <Field c={c} name="summary" label={t('ppid.dip.field.summary')} value={v('summary')} errors={errors} multiline maxlength={2000} />
        <Choice c={c} name="unit" label={t('ppid.dip.unit')} value={v('unit')} errors={errors} options={units.map((u) => ({ value: u.code, label: u.name }))} />
        <Field c={c} name="official" label={t('ppid.dip.official')} hint={t('ppid.dip.official.hint')} value={v('official')} errors={errors} maxlength={200} />
        <Field c={c} name="made_when" label={t('ppid.dip.field.made_when')} value={v('made_when')} errors={errors} maxlength={100} />
        <Field c={c} name="made_where" label={t('ppid.dip.field.made_where')} value={v('made_where')} errors={errors} maxlength={200} />
        <Choice c={c} name="form" label={t('ppid.dip.form')} value={v('form')} errors={errors} options={DIP_FORMS.map((k) => ({ value: k, label: t(`ppid.dip.form.${k}`) }))} />
        <Field c={c} name="retention" label={t('ppid.dip.retention')} hint={t('ppid.dip.retention.hint')} value={v('retention')} errors={errors} maxlength={100} />
        <button type="submit">{t('ppid.staff.dip.save')}</button>
      </form>
    </Layout>
  );
}

/** Answer once, publish for all: a fulfilled answer as a DIP entry, with the released (redacted) document. */
export function PublishPage({ c, action, number, values, errors }: { c: Context<Env>; action: string; number: string; values: FormData; errors: FieldErrors }) {
  const t = c.get('t');
  const v = (k: string) => values[k] ?? '';
  return (
    <Layout c={c} title={t('ppid.publish.title')} staff active="/petugas/ppid/permohonan">
      <h1>{t('ppid.publish.title')}</h1>
      <p>{t('ppid.publish.lead', { number })}</p>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action={action} enctype="multipart/form-data">
        <Csrf c={c} />
        <Choice c={c} name="category" label={t('ppid.dip.field.category')} value={v('category') || 'setiap_saat'} errors={errors}
          options={DIP_CATEGORIES.map((k) => ({ value: k, label: t(`ppid.dip.category.${k}`) }))} />
        <Field c={c} name="title" label={t('ppid.dip.field.title')} value={v('title')} errors={errors} maxlength={200} />
        <Field c={c} name="summary" label={t('ppid.dip.field.summary')} hint={t('ppid.publish.summary.hint')} value={v('summary')} errors={errors} multiline maxlength={2000} />
        <Field c={c} name="official" label={t('ppid.dip.official')} hint={t('ppid.dip.official.hint')} value={v('official')} errors={errors} maxlength={200} />
        <Field c={c} name="made_when" label={t('ppid.dip.field.made_when')} value={v('made_when')} errors={errors} maxlength={100} />
        <Field c={c} name="made_where" label={t('ppid.dip.field.made_where')} value={v('made_where')} errors={errors} maxlength={200} />
        <Choice c={c} name="form" label={t('ppid.dip.form')} value={v('form') || 'soft'} errors={errors} options={DIP_FORMS.map((k) => ({ value: k, label: t(`ppid.dip.form.${k}`) }))} />
        <Field c={c} name="retention" label={t('ppid.dip.retention')} hint={t('ppid.dip.retention.hint')} value={v('retention')} errors={errors} maxlength={100} />
        <div class={errors.released ? 'field invalid' : 'field'}>
          <label for="f-released">{t('ppid.publish.file')}</label>
          <p class="hint" id="f-released-hint">{t('ppid.publish.file.hint')}</p>
          {errors.released ? <p class="err" id="f-released-err">{t(errors.released)}</p> : null}
          <input type="file" id="f-released" name="released" accept="application/pdf,image/jpeg,image/png" aria-describedby={errors.released ? 'f-released-hint f-released-err' : 'f-released-hint'} />
        </div>
        <button type="submit">{t('ppid.publish.send')}</button>
      </form>
    </Layout>
  );
}
