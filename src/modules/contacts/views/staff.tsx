/** @jsxImportSource hono/jsx */
// Back office: /petugas/kontak-darurat (the entries the officer's unit owns, stale ones marked),
// the add/edit form, and on the edit page "still correct" and deactivate/reactivate.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Csrf, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import { displayPhone } from '../phone.ts';
import { CATEGORIES } from '../schema.ts';
import { isNational, isStale, type ContactRow, type UnitRef } from '../service.ts';
import { entryHref } from './public.tsx';
import { dateOf, Freshness, unitLabel } from './shared.tsx';

export const STAFF_PATH = '/petugas/kontak-darurat';
const editHref = (id: number) => `${STAFF_PATH}/${id}`;

export function ListPage({ c, entries, reviewDays, canAdd, message }: {
  c: Context<Env>; entries: ContactRow[]; reviewDays: number; canAdd: boolean; message?: string;
}) {
  const t = c.get('t');
  const stale = entries.filter((e) => e.active && isStale(e.reviewedAt, reviewDays)).length;
  return (
    <Layout c={c} title={t('contacts.staff.title')} staff active={STAFF_PATH}>
      <h1>{t('contacts.staff.title')}</h1>
      {message ? <Notice kind="ok">{t(`contacts.staff.message.${message}`)}</Notice> : null}
      <p class="lead">{t('contacts.staff.lead', { days: reviewDays })}</p>
      {stale ? <Notice kind="warn">{t('contacts.staff.stale_count', { count: stale })}</Notice> : null}
      {canAdd ? <p><a class="button" href={`${STAFF_PATH}/baru`}>{t('contacts.staff.new')}</a></p> : null}
      {entries.length ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('contacts.form.name')}</th>
                <th scope="col">{t('contacts.form.phone')}</th>
                <th scope="col">{t('contacts.form.kecamatan')}</th>
                <th scope="col">{t('contacts.form.owner')}</th>
                <th scope="col">{t('contacts.staff.reviewed')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td>
                    <a href={editHref(e.id)}>{e.name}</a>
                    <br /><span class="muted">{t(`contacts.category.${e.category}`)}</span>
                    {isNational(e) ? <> <span class="tag">{t('contacts.national')}</span></> : null}
                    {e.example ? <> <span class="tag example">{t('contacts.example')}</span></> : null}
                    {e.active ? null : <> <span class="tag">{t('contacts.status.inactive')}</span></>}
                  </td>
                  <td>{displayPhone(e.phone)}</td>
                  <td>{e.kecamatan ? e.kecamatan.name : t('contacts.city_wide')}</td>
                  <td>{unitLabel(c, e.owner)}</td>
                  <td>
                    {dateOf(c, e.reviewedAt)}
                    {e.active && isStale(e.reviewedAt, reviewDays) ? <><br /><span class="tag stale-tag">{t('contacts.staff.stale')}</span></> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('contacts.staff.empty')}</p>
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

export interface FormOptions { owners: UnitRef[]; kecamatan: UnitRef[]; cityWide: boolean }

/** New entry (no `entry`) or an edit; the seeded national numbers are shown, not edited. */
export function FormPage({ c, entry, values, errors, options, reviewDays }: {
  c: Context<Env>; entry?: ContactRow; values: FormData; errors: FieldErrors; options: FormOptions; reviewDays: number;
}) {
  const t = c.get('t');
  const title = entry ? t('contacts.staff.edit', { name: entry.name }) : t('contacts.staff.new');
  const locked = entry && isNational(entry);
  return (
    <Layout c={c} title={title} staff active={STAFF_PATH}>
      <p><a href={STAFF_PATH}>{t('contacts.staff.back')}</a></p>
      <h1>{title}</h1>
      {entry ? (
        <>
          <Freshness c={c} e={entry} reviewDays={reviewDays} />
          {entry.active ? <p><a href={entryHref(entry)}>{t('contacts.staff.public_page')}</a></p> : <p><span class="tag">{t('contacts.status.inactive')}</span></p>}
        </>
      ) : null}
      <ErrorSummary c={c} errors={errors} />
      {locked ? (
        <Notice>{t('contacts.error.national_locked')}</Notice>
      ) : (
        <form method="post" action={entry ? editHref(entry.id) : `${STAFF_PATH}/baru`} novalidate>
          <Csrf c={c} />
          <Select c={c} name="category" label={t('contacts.form.category')} value={values.category} errors={errors}
            options={[{ value: '', label: t('contacts.form.choose') }, ...CATEGORIES.map((k) => ({ value: k, label: t(`contacts.category.${k}`) }))]} />
          <Field c={c} name="name" label={t('contacts.form.name')} hint={t('contacts.form.name_hint')} value={values.name} errors={errors} maxlength={120} required />
          <Field c={c} name="phone" label={t('contacts.form.phone')} hint={t('contacts.form.phone_hint')} type="tel" inputmode="tel" autocomplete="off" value={values.phone} errors={errors} maxlength={30} required />
          <Field c={c} name="whatsapp" label={t('contacts.form.whatsapp')} hint={t('contacts.form.whatsapp_hint')} type="tel" inputmode="tel" autocomplete="off" value={values.whatsapp} errors={errors} maxlength={30} />
          <Select c={c} name="owner" label={t('contacts.form.owner')} hint={t('contacts.form.owner_hint')} value={values.owner} errors={errors}
            options={[{ value: '', label: t('contacts.form.choose') }, ...options.owners.map((u) => ({ value: u.code, label: unitLabel(c, u) }))]} />
          <Select c={c} name="kecamatan" label={t('contacts.form.kecamatan')} hint={t('contacts.form.kecamatan_hint')} value={values.kecamatan} errors={errors}
            options={[
              options.cityWide ? { value: '', label: t('contacts.city_wide') } : { value: '', label: t('contacts.form.choose') },
              ...options.kecamatan.map((k) => ({ value: k.code, label: unitLabel(c, k) })),
            ]} />
          <Field c={c} name="note" label={t('contacts.form.note')} hint={t('contacts.form.note_hint')} value={values.note} errors={errors} maxlength={200} />
          <Field c={c} name="source" label={t('contacts.form.source')} hint={t('contacts.form.source_hint')} value={values.source} errors={errors} maxlength={200} />
          <button type="submit">{entry ? t('contacts.form.save') : t('contacts.form.create')}</button>
        </form>
      )}
      {entry ? (
        <>
          <form method="post" action={`${editHref(entry.id)}/periksa`}>
            <Csrf c={c} />
            <h2>{t('contacts.review.title')}</h2>
            <p>{t('contacts.review.help')}</p>
            <button type="submit" class="secondary">{t('contacts.review.button')}</button>
          </form>
          {locked ? null : (
            <form method="post" action={`${editHref(entry.id)}/status`}>
              <Csrf c={c} />
              <h2>{entry.active ? t('contacts.status.deactivate_title') : t('contacts.status.activate_title')}</h2>
              <p>{entry.active ? t('contacts.status.deactivate_help') : t('contacts.status.activate_help')}</p>
              <input type="hidden" name="active" value={entry.active ? '0' : '1'} />
              <button type="submit" class={entry.active ? 'danger' : 'secondary'}>
                {entry.active ? t('contacts.status.deactivate') : t('contacts.status.activate')}
              </button>
            </form>
          )}
        </>
      ) : null}
    </Layout>
  );
}
