/** @jsxImportSource hono/jsx */
// Back office /petugas/berita: the list of the unit's items with their state, the form (new and
// edit; multipart with images, the CSRF token its first field), publish now or at a set time, archive.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Csrf, DataTable, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { imageHref, itemHref, statusAt, type ItemRow } from '../service.ts';
import type { UnitRef } from '../repo.ts';
import { KINDS } from '../schema.ts';
import { Select } from './shared.tsx';

export const STAFF_PATH = '/petugas/berita';

export function ListPage({ c, items, canAdd, message, now, tz }: { c: Context<Env>; items: ItemRow[]; canAdd: boolean; message?: string; now: Date; tz: string }) {
  const t = c.get('t');
  const locale = c.get('locale');
  return (
    <Layout c={c} title={t('berita.staff.title')} staff active={STAFF_PATH}>
      <h1>{t('berita.staff.title')}</h1>
      {message ? <Notice kind="ok">{t(`berita.staff.msg.${message}`)}</Notice> : null}
      {canAdd ? <p><a class="button" href={`${STAFF_PATH}/baru`}>{t('berita.staff.new')}</a></p> : null}
      <DataTable caption={t('berita.staff.caption')} rows={items} empty={t('berita.staff.empty')}
        columns={[
          { header: t('berita.field.title'), cell: (i) => <a href={`${STAFF_PATH}/${i.id}`}>{i.title}</a> },
          { header: t('berita.field.kind'), cell: (i) => t(`berita.kind.${i.kind}`) },
          { header: t('berita.col.status'), cell: (i) => t(`berita.status.${statusAt(i, now)}`) },
          { header: t('berita.col.when'), cell: (i) => (i.publishAt ? formatDateTime(locale, i.publishAt, tz) : '–') },
          { header: t('berita.field.owner'), cell: (i) => i.owner.name },
        ]} />
    </Layout>
  );
}

export function FormPage({ c, item, values, errors, params, owners, now, tz, message }: { c: Context<Env>; item?: ItemRow; message?: string; values: FormData; errors: FieldErrors; params?: Record<string, string | number>; owners: UnitRef[]; now: Date; tz: string }) {
  const t = c.get('t');
  const title = item ? t('berita.staff.edit', { title: item.title }) : t('berita.staff.new');
  const action = item ? `${STAFF_PATH}/${item.id}` : `${STAFF_PATH}/baru`;
  const status = item ? statusAt(item, now) : undefined;
  return (
    <Layout c={c} title={title} staff active={STAFF_PATH}>
      <p><a href={STAFF_PATH}>{t('berita.staff.back')}</a></p>
      {message ? <Notice kind="ok">{t(`berita.staff.msg.${message}`)}</Notice> : null}
      <h1>{title}</h1>
      {item ? (
        <p>{t('berita.col.status')}: <strong>{t(`berita.status.${status}`)}</strong>
          {item.publishAt && status !== 'draft' ? ` · ${formatDateTime(c.get('locale'), item.publishAt, tz)}` : ''}
          {' · '}{status === 'published' ? <a href={itemHref(item)}>{t('berita.staff.view')}</a> : <a href={`${STAFF_PATH}/${item.id}/pratinjau`}>{t('berita.staff.preview')}</a>}
        </p>
      ) : null}
      <ErrorSummary c={c} errors={errors} params={params} />
      <form method="post" action={action} enctype="multipart/form-data" novalidate>
        <Csrf c={c} />
        <input type="hidden" name="idem" value={values.idem ?? ''} />
        <Select c={c} name="kind" label={t('berita.field.kind')} value={values.kind} errors={errors}
          options={[{ value: '', label: t('berita.field.choose') }, ...KINDS.map((k) => ({ value: k, label: t(`berita.kind.${k}`) }))]} />
        <Field c={c} name="title" label={t('berita.field.title')} value={values.title} errors={errors} maxlength={160} />
        <Field c={c} name="slug" label={t('berita.field.slug')} hint={t('berita.field.slug_hint')} value={values.slug} errors={errors} maxlength={80} />
        <Field c={c} name="summary" label={t('berita.field.summary')} hint={t('berita.field.summary_hint')} value={values.summary} errors={errors} multiline maxlength={300} />
        <Field c={c} name="body" label={t('berita.field.body')} hint={t('berita.field.body_hint')} value={values.body} errors={errors} multiline />
        <Select c={c} name="owner" label={t('berita.field.owner')} value={values.owner} errors={errors}
          options={[{ value: '', label: t('berita.field.choose') }, ...owners.map((u) => ({ value: u.code, label: u.name }))]} />
        {item?.images.length ? (
          <div>
            <p>{t('berita.field.images_now')}</p>
            {item.images.map((m) => <img src={imageHref(m.fileId, true)} alt={m.alt} width={m.width && m.height ? Math.min(160, m.width) : undefined} height={m.width && m.height ? Math.round(Math.min(160, m.width) * m.height / m.width) : undefined} />)}
          </div>
        ) : null}
        <div class={errors.gambar ? 'field invalid' : 'field'}>
          <label for="f-gambar">{t('berita.field.image')}</label>
          <p class="hint" id="f-gambar-hint">{t('berita.field.image_hint')}</p>
          {errors.gambar ? <p class="err" id="f-gambar-err">{t(errors.gambar, params)}</p> : null}
          <input id="f-gambar" type="file" name="gambar" accept="image/jpeg,image/png,image/webp" multiple aria-describedby={errors.gambar ? 'f-gambar-hint f-gambar-err' : 'f-gambar-hint'} />
        </div>
        <Field c={c} name="alt" label={t('berita.field.alt')} hint={t('berita.field.alt_hint')} value={values.alt} errors={errors} maxlength={200} />
        <button type="submit">{item ? t('berita.staff.save') : t('berita.staff.create')}</button>
      </form>
      {item ? (
        <>
          <h2>{t('berita.publish.title')}</h2>
          <form method="post" action={`${STAFF_PATH}/${item.id}/terbitkan`} novalidate>
            <Csrf c={c} />
            <p class="hint">{t('berita.publish.hint')}</p>
            <Field c={c} name="tanggal" type="date" label={t('berita.publish.date')} value={values.tanggal} errors={errors} />
            <Field c={c} name="jam" type="time" label={t('berita.publish.time')} value={values.jam} errors={errors} />
            <button type="submit">{t('berita.publish.submit')}</button>
          </form>
          {status !== 'archived' ? (
            <form method="post" action={`${STAFF_PATH}/${item.id}/arsipkan`}>
              <Csrf c={c} />
              <button type="submit" class="secondary">{t('berita.archive.submit')}</button>
            </form>
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}
