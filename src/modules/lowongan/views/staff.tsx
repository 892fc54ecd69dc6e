/** @jsxImportSource hono/jsx */
// Back office /petugas/lowongan: the unit's vacancies with their state, the form, publish, archive.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Csrf, DataTable, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import { formatDate } from '../../../platform/i18n/index.ts';
import { STAFF_PATH, vacancyHref, type VacancyRow } from '../service.ts';
import type { UnitRef } from '../repo.ts';

const stateOf = (v: VacancyRow, today: string) => (v.status === 'published' && v.closingDate < today ? 'closed' : v.status);

export function StaffListPage({ c, items, canAdd, message, today }: { c: Context<Env>; items: VacancyRow[]; canAdd: boolean; message?: string; today: string }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('lowongan.staff.title')} staff active={STAFF_PATH}>
      <h1>{t('lowongan.staff.title')}</h1>
      {message ? <Notice kind="ok">{t(`lowongan.staff.msg.${message}`)}</Notice> : null}
      {canAdd ? <p><a class="button" href={`${STAFF_PATH}/baru`}>{t('lowongan.staff.new')}</a></p> : null}
      <DataTable caption={t('lowongan.staff.caption')} rows={items} empty={t('lowongan.staff.empty')}
        columns={[
          { header: t('lowongan.field.position'), cell: (v) => <a href={`${STAFF_PATH}/${v.id}`}>{v.position}</a> },
          { header: t('lowongan.field.employer'), cell: (v) => v.employer },
          { header: t('lowongan.field.closingDate'), cell: (v) => formatDate(c.get('locale'), v.closingDate) },
          { header: t('lowongan.col.status'), cell: (v) => t(`lowongan.status.${stateOf(v, today)}`) },
        ]} />
    </Layout>
  );
}

export function FormPage({ c, item, values, errors, owners, message, today }: { c: Context<Env>; item?: VacancyRow; values: FormData; errors: FieldErrors; owners: UnitRef[]; message?: string; today: string }) {
  const t = c.get('t');
  const title = item ? t('lowongan.staff.edit', { title: item.position }) : t('lowongan.staff.new');
  const ownerErr = errors.owner;
  return (
    <Layout c={c} title={title} staff active={STAFF_PATH}>
      <p><a href={STAFF_PATH}>{t('lowongan.staff.back')}</a></p>
      {message ? <Notice kind="ok">{t(`lowongan.staff.msg.${message}`)}</Notice> : null}
      <h1>{title}</h1>
      {item ? (
        <p>{t('lowongan.col.status')}: <strong>{t(`lowongan.status.${stateOf(item, today)}`)}</strong>{' · '}
          {stateOf(item, today) === 'published' ? <a href={vacancyHref(item)}>{t('lowongan.staff.view')}</a> : <a href={`${STAFF_PATH}/${item.id}/pratinjau`}>{t('lowongan.staff.preview')}</a>}
        </p>
      ) : null}
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action={item ? `${STAFF_PATH}/${item.id}` : `${STAFF_PATH}/baru`} novalidate>
        <Csrf c={c} />
        <input type="hidden" name="idem" value={values.idem ?? ''} />
        <Field c={c} name="position" label={t('lowongan.field.position')} value={values.position} errors={errors} maxlength={160} />
        <Field c={c} name="employer" label={t('lowongan.field.employer')} value={values.employer} errors={errors} maxlength={160} />
        <Field c={c} name="location" label={t('lowongan.field.location')} value={values.location} errors={errors} maxlength={200} />
        <Field c={c} name="closingDate" type="date" label={t('lowongan.field.closingDate')} hint={t('lowongan.field.closingDate_hint')} value={values.closingDate} errors={errors} />
        <Field c={c} name="openings" label={t('lowongan.field.openings')} hint={t('lowongan.field.openings_hint')} value={values.openings} errors={errors} inputmode="numeric" maxlength={5} />
        <Field c={c} name="summary" label={t('lowongan.field.summary')} value={values.summary} errors={errors} multiline maxlength={500} />
        <Field c={c} name="requirements" label={t('lowongan.field.requirements')} value={values.requirements} errors={errors} multiline maxlength={5000} />
        <Field c={c} name="howToApply" label={t('lowongan.field.howToApply')} hint={t('lowongan.field.howToApply_hint')} value={values.howToApply} errors={errors} multiline maxlength={2000} />
        <Field c={c} name="slug" label={t('lowongan.field.slug')} hint={t('lowongan.field.slug_hint')} value={values.slug} errors={errors} maxlength={80} />
        <div class={ownerErr ? 'field invalid' : 'field'}>
          <label for="f-owner">{t('lowongan.field.owner')}</label>
          {ownerErr ? <p class="err" id="f-owner-err">{t(ownerErr)}</p> : null}
          <select id="f-owner" name="owner" aria-describedby={ownerErr ? 'f-owner-err' : undefined} aria-invalid={ownerErr ? 'true' : undefined}>
            <option value="">{t('lowongan.field.choose')}</option>
            {owners.map((u) => <option value={u.code} selected={u.code === values.owner}>{u.name}</option>)}
          </select>
        </div>
        <button type="submit">{item ? t('lowongan.staff.save') : t('lowongan.staff.create')}</button>
      </form>
      {item && item.status !== 'published' ? (
        <form method="post" action={`${STAFF_PATH}/${item.id}/terbitkan`}>
          <Csrf c={c} />
          <button type="submit">{t('lowongan.staff.publish')}</button>
        </form>
      ) : null}
      {item && item.status !== 'archived' ? (
        <form method="post" action={`${STAFF_PATH}/${item.id}/arsipkan`}>
          <Csrf c={c} />
          <button type="submit" class="secondary">{t('lowongan.staff.archive')}</button>
        </form>
      ) : null}
    </Layout>
  );
}
