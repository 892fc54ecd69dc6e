/** @jsxImportSource hono/jsx */
// Back office /petugas/investasi: the unit's opportunities (draft, published, archived), the form
// (new and edit), publish and archive, and the queue of investors' inquiries at /petugas/investasi/minat.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Csrf, DataTable, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { opportunityHref, STAFF_PATH, type OpportunityRow } from '../service.ts';
import type { InquiryRow, UnitRef } from '../repo.ts';
import { SECTORS, STAGES } from '../schema.ts';
import { rupiah, Select } from './shared.tsx';

export function StaffListPage({ c, items, canAdd, message, newInquiries }: { c: Context<Env>; items: OpportunityRow[]; canAdd: boolean; message?: string; newInquiries: number }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('investasi.staff.title')} staff active={STAFF_PATH}>
      <h1>{t('investasi.staff.title')}</h1>
      {message ? <Notice kind="ok">{t(`investasi.staff.msg.${message}`)}</Notice> : null}
      <p><a href={`${STAFF_PATH}/minat`}>{t('investasi.queue.link', { n: newInquiries })}</a></p>
      {canAdd ? <p><a class="button" href={`${STAFF_PATH}/baru`}>{t('investasi.staff.new')}</a></p> : null}
      <DataTable caption={t('investasi.staff.caption')} rows={items} empty={t('investasi.staff.empty')}
        columns={[
          { header: t('investasi.field.title'), cell: (o) => <a href={`${STAFF_PATH}/${o.id}`}>{o.title}</a> },
          { header: t('investasi.field.sector'), cell: (o) => t(`investasi.sector.${o.sector}`) },
          { header: t('investasi.field.value'), cell: (o) => (o.valueRp !== null ? rupiah(o.valueRp) : '–') },
          { header: t('investasi.col.status'), cell: (o) => t(`investasi.status.${o.status}`) },
          { header: t('investasi.field.owner'), cell: (o) => o.owner.name },
        ]} />
    </Layout>
  );
}

export function FormPage({ c, item, values, errors, owners, kecamatan, message }: { c: Context<Env>; item?: OpportunityRow; values: FormData; errors: FieldErrors; owners: UnitRef[]; kecamatan: { code: string; name: string }[]; message?: string }) {
  const t = c.get('t');
  const title = item ? t('investasi.staff.edit', { title: item.title }) : t('investasi.staff.new');
  const choose = { value: '', label: t('investasi.field.choose') };
  return (
    <Layout c={c} title={title} staff active={STAFF_PATH}>
      <p><a href={STAFF_PATH}>{t('investasi.staff.back')}</a></p>
      {message ? <Notice kind="ok">{t(`investasi.staff.msg.${message}`)}</Notice> : null}
      <h1>{title}</h1>
      {item ? (
        <p>{t('investasi.col.status')}: <strong>{t(`investasi.status.${item.status}`)}</strong>{' · '}
          {item.status === 'published' ? <a href={opportunityHref(item)}>{t('investasi.staff.view')}</a> : <a href={`${STAFF_PATH}/${item.id}/pratinjau`}>{t('investasi.staff.preview')}</a>}
        </p>
      ) : null}
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action={item ? `${STAFF_PATH}/${item.id}` : `${STAFF_PATH}/baru`} novalidate>
        <Csrf c={c} />
        <input type="hidden" name="idem" value={values.idem ?? ''} />
        <Field c={c} name="title" label={t('investasi.field.title')} value={values.title} errors={errors} maxlength={160} />
        <Field c={c} name="slug" label={t('investasi.field.slug')} hint={t('investasi.field.slug_hint')} value={values.slug} errors={errors} maxlength={80} />
        <Select c={c} name="sector" label={t('investasi.field.sector')} value={values.sector} errors={errors} options={[choose, ...SECTORS.map((s) => ({ value: s, label: t(`investasi.sector.${s}`) }))]} />
        <Select c={c} name="kecamatan" label={t('investasi.field.kecamatan')} value={values.kecamatan} errors={errors} options={[{ value: '', label: t('investasi.field.kecamatan_none') }, ...kecamatan.map((k) => ({ value: k.code, label: k.name }))]} />
        <Field c={c} name="location" label={t('investasi.field.location')} value={values.location} errors={errors} maxlength={200} />
        <Field c={c} name="value" label={t('investasi.field.value')} hint={t('investasi.field.value_hint')} value={values.value} errors={errors} inputmode="numeric" maxlength={25} />
        <Select c={c} name="stage" label={t('investasi.field.stage')} value={values.stage} errors={errors} options={[choose, ...STAGES.map((s) => ({ value: s, label: t(`investasi.stage.${s}`) }))]} />
        <Field c={c} name="summary" label={t('investasi.field.summary')} value={values.summary} errors={errors} multiline maxlength={300} />
        <Field c={c} name="body" label={t('investasi.field.body')} hint={t('investasi.field.body_hint')} value={values.body} errors={errors} multiline maxlength={10000} />
        <Field c={c} name="contactName" label={t('investasi.field.contact_name')} value={values.contactName} errors={errors} maxlength={120} />
        <Field c={c} name="contactEmail" type="email" label={t('investasi.field.contact_email')} value={values.contactEmail} errors={errors} maxlength={200} />
        <Field c={c} name="contactPhone" type="tel" label={t('investasi.field.contact_phone')} value={values.contactPhone} errors={errors} maxlength={30} />
        <Select c={c} name="owner" label={t('investasi.field.owner')} value={values.owner} errors={errors} options={[choose, ...owners.map((u) => ({ value: u.code, label: u.name }))]} />
        <button type="submit">{item ? t('investasi.staff.save') : t('investasi.staff.create')}</button>
      </form>
      {item && item.status !== 'published' ? (
        <form method="post" action={`${STAFF_PATH}/${item.id}/terbitkan`}>
          <Csrf c={c} />
          <button type="submit">{t('investasi.staff.publish')}</button>
        </form>
      ) : null}
      {item && item.status !== 'archived' ? (
        <form method="post" action={`${STAFF_PATH}/${item.id}/arsipkan`}>
          <Csrf c={c} />
          <button type="submit" class="secondary">{t('investasi.staff.archive')}</button>
        </form>
      ) : null}
    </Layout>
  );
}

export function QueuePage({ c, rows, tz, message }: { c: Context<Env>; rows: InquiryRow[]; tz: string; message?: string }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('investasi.queue.title')} staff active={STAFF_PATH}>
      <p><a href={STAFF_PATH}>{t('investasi.staff.back')}</a></p>
      <h1>{t('investasi.queue.title')}</h1>
      {message ? <Notice kind="ok">{t(`investasi.staff.msg.${message}`)}</Notice> : null}
      <DataTable caption={t('investasi.queue.caption')} rows={rows} empty={t('investasi.queue.empty')}
        columns={[
          { header: t('investasi.queue.received'), cell: (i) => <a href={`${STAFF_PATH}/minat/${i.id}`}>{formatDateTime(c.get('locale'), i.createdAt, tz)}</a> },
          { header: t('investasi.queue.opportunity'), cell: (i) => i.opportunity.title },
          { header: t('investasi.inquiry.name'), cell: (i) => i.name },
          { header: t('investasi.inquiry.organisation'), cell: (i) => i.organisation || '–' },
          { header: t('investasi.col.status'), cell: (i) => t(`investasi.inquiry.state.${i.state}`) },
        ]} />
    </Layout>
  );
}

export function InquiryDetailPage({ c, i, tz }: { c: Context<Env>; i: InquiryRow; tz: string }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('investasi.queue.item', { title: i.opportunity.title })} staff active={STAFF_PATH}>
      <p><a href={`${STAFF_PATH}/minat`}>{t('investasi.queue.back')}</a></p>
      <h1>{t('investasi.queue.item', { title: i.opportunity.title })}</h1>
      <dl>
        <dt>{t('investasi.queue.received')}</dt><dd>{formatDateTime(c.get('locale'), i.createdAt, tz)}</dd>
        <dt>{t('investasi.inquiry.name')}</dt><dd>{i.name}</dd>
        <dt>{t('investasi.inquiry.organisation')}</dt><dd>{i.organisation || '–'}</dd>
        <dt>{t('investasi.inquiry.email')}</dt><dd>{i.email ? <a href={`mailto:${i.email}`}>{i.email}</a> : '–'}</dd>
        <dt>{t('investasi.inquiry.phone')}</dt><dd>{i.phone ? <a href={`tel:${i.phone.replace(/[^+0-9]/g, '')}`}>{i.phone}</a> : '–'}</dd>
        <dt>{t('investasi.col.status')}</dt><dd>{t(`investasi.inquiry.state.${i.state}`)}</dd>
      </dl>
      <h2>{t('investasi.inquiry.message')}</h2>
      {i.message.split(/\n{2,}/).map((p) => <p>{p}</p>)}
      {i.state === 'baru' ? (
        <form method="post" action={`${STAFF_PATH}/minat/${i.id}/ditangani`}>
          <Csrf c={c} />
          <button type="submit">{t('investasi.queue.handle')}</button>
        </form>
      ) : null}
    </Layout>
  );
}
