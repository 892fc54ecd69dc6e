/** @jsxImportSource hono/jsx */
// Back office: /petugas/dokumen (the documents of the officer's units), the upload form (a PDF with
// its metadata), the edit form, publish and withdraw.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { formatDate } from '../../../platform/i18n/index.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Csrf, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import { STATUSES, TYPES } from '../schema.ts';
import { citation, docHref, type DocRow, type UnitRef } from '../service.ts';

export const STAFF_PATH = '/petugas/dokumen';
const editHref = (id: number) => `${STAFF_PATH}/${id}`;

export function ListPage({ c, docs, canAdd, message, textTool }: { c: Context<Env>; docs: DocRow[]; canAdd: boolean; message?: string; textTool: boolean }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('dokumen.staff.title')} staff active={STAFF_PATH}>
      <h1>{t('dokumen.staff.title')}</h1>
      {message ? <Notice kind="ok">{t(`dokumen.staff.message.${message}`)}</Notice> : null}
      {textTool ? null : <Notice kind="warn">{t('dokumen.staff.no_pdftotext')}</Notice>}
      <p class="lead">{t('dokumen.staff.lead')}</p>
      {canAdd ? <p><a class="button" href={`${STAFF_PATH}/baru`}>{t('dokumen.staff.new')}</a></p> : null}
      {docs.length ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('dokumen.staff.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dokumen.field.title')}</th>
                <th scope="col">{t('dokumen.field.owner')}</th>
                <th scope="col">{t('dokumen.staff.state')}</th>
                <th scope="col">{t('dokumen.staff.text')}</th>
              </tr>
            </thead>
            <tbody>
              {docs.map((d) => (
                <tr>
                  <td><a href={editHref(d.id)}>{d.title}</a><br /><span class="muted">{citation(d, t)}</span></td>
                  <td>{d.owner.name}</td>
                  <td><span class="tag">{t(`dokumen.state.${d.state}`)}</span></td>
                  <td>{t(`dokumen.text.${d.textStatus}`, { chars: d.textChars })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('dokumen.staff.empty')}</p>
      )}
    </Layout>
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
        {options.map((o) => <option value={o.value} selected={o.value === (value ?? '')}>{o.label}</option>)}
      </select>
    </div>
  );
}

/** New document (multipart, with the PDF) or an edit of the metadata. */
export function FormPage({ c, doc, values, errors, owners, params }: {
  c: Context<Env>; doc?: DocRow; values: FormData; errors: FieldErrors; owners: UnitRef[]; params?: Record<string, string | number>;
}) {
  const t = c.get('t');
  const title = doc ? t('dokumen.staff.edit') : t('dokumen.staff.new');
  const locale = c.get('locale');
  return (
    <Layout c={c} title={title} staff active={STAFF_PATH}>
      <p><a href={STAFF_PATH}>{t('dokumen.staff.back')}</a></p>
      <h1>{title}</h1>
      {doc ? (
        <>
          <p><span class="tag">{t(`dokumen.state.${doc.state}`)}</span> {t(`dokumen.text.${doc.textStatus}`, { chars: doc.textChars })}</p>
          {doc.state === 'published' ? <p><a href={docHref(doc.id)}>{t('dokumen.staff.public_page')}</a></p> : null}
          <p><a href={`${editHref(doc.id)}/berkas`} download>{t('dokumen.staff.file', { name: doc.fileName })}</a></p>
          {doc.withdrawnAt && doc.state === 'withdrawn' ? <p class="muted">{t('dokumen.staff.withdrawn_at', { date: formatDate(locale, doc.withdrawnAt, c.get('region').timeZone) })}</p> : null}
        </>
      ) : null}
      <ErrorSummary c={c} errors={errors} params={params} />
      <form method="post" action={doc ? editHref(doc.id) : `${STAFF_PATH}/baru`} enctype={doc ? undefined : 'multipart/form-data'} novalidate>
        <Csrf c={c} />
        <input type="hidden" name="kunci" value={values.kunci ?? ''} />
        {doc ? null : <Field c={c} name="berkas" type="file" label={t('dokumen.form.file')} hint={t('dokumen.form.file_hint')} errors={errors} params={params} required />}
        <Field c={c} name="title" label={t('dokumen.field.title')} hint={t('dokumen.form.title_hint')} value={values.title} errors={errors} maxlength={300} required />
        <Select c={c} name="doc_type" label={t('dokumen.field.type')} value={values.doc_type} errors={errors}
          options={[{ value: '', label: t('dokumen.form.choose') }, ...Object.keys(TYPES).map((k) => ({ value: k, label: `${t(`dokumen.type.${k}`)} (${t(`dokumen.category.${TYPES[k]}`)})` }))]} />
        <Field c={c} name="number" label={t('dokumen.field.number')} hint={t('dokumen.form.number_hint')} value={values.number} errors={errors} maxlength={40} />
        <Field c={c} name="year" label={t('dokumen.field.year')} inputmode="numeric" value={values.year} errors={errors} maxlength={4} required />
        <Select c={c} name="status" label={t('dokumen.field.status')} hint={t('dokumen.form.status_hint')} value={values.status} errors={errors}
          options={[{ value: '', label: t('dokumen.form.no_status') }, ...STATUSES.map((s) => ({ value: s, label: t(`dokumen.status.${s}`) }))]} />
        <Field c={c} name="subject" label={t('dokumen.field.subject')} hint={t('dokumen.form.subject_hint')} value={values.subject} errors={errors} maxlength={2000} multiline />
        <Select c={c} name="owner" label={t('dokumen.field.owner')} value={values.owner} errors={errors}
          options={[{ value: '', label: t('dokumen.form.choose') }, ...owners.map((u) => ({ value: u.code, label: u.name }))]} />
        {doc?.state === 'published' || doc?.state === 'withdrawn' ? null : (
          <div class="field">
            <input type="checkbox" id="f-publish" name="publish" value="1" checked={values.publish === '1'} />{' '}
            <label for="f-publish">{t('dokumen.form.publish')}</label>
          </div>
        )}
        <button type="submit">{t(doc ? 'dokumen.form.save' : 'dokumen.form.upload')}</button>
      </form>
      {doc && doc.state !== 'draft' ? (
        <form method="post" action={`${editHref(doc.id)}/status`}>
          <Csrf c={c} />
          <input type="hidden" name="state" value={doc.state === 'published' ? 'withdrawn' : 'published'} />
          <button type="submit" class="secondary">{t(doc.state === 'published' ? 'dokumen.staff.withdraw' : 'dokumen.staff.republish')}</button>
        </form>
      ) : null}
    </Layout>
  );
}
