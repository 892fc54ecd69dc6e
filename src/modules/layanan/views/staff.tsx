/** @jsxImportSource hono/jsx */
// /petugas/layanan: the services a unit admin keeps; each one's deadline, cost, requirements and
// whether it is offered can be changed (the rest comes from the region pack).
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { Csrf, DataTable, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ServiceRow } from '../service.ts';
import { costText } from '../service.ts';
import { serviceHref } from './public.tsx';

export const STAFF_PATH = '/petugas/layanan';
const editHref = (slug: string) => `${STAFF_PATH}/${slug}`;

export function StaffList({ c, services, message }: { c: Context<Env>; services: ServiceRow[]; message?: string }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('layanan.staff.title')} staff active={STAFF_PATH}>
      <h1>{t('layanan.staff.title')}</h1>
      {message ? <Notice kind="ok">{t(`layanan.staff.message.${message}`)}</Notice> : null}
      <DataTable caption={t('layanan.staff.caption')} rows={services} empty={t('layanan.staff.empty')} columns={[
        { header: t('layanan.staff.col.name'), cell: (s) => <a href={editHref(s.slug)}>{s.name}</a> },
        { header: t('layanan.staff.col.unit'), cell: (s) => t(`layanan.unit_kind.${s.unitKind}`) },
        { header: t('layanan.staff.col.deadline'), cell: (s) => t('layanan.days', { n: s.deadlineDays }), class: 'num' },
        { header: t('layanan.staff.col.cost'), cell: (s) => costText(s, t) },
        { header: t('layanan.staff.col.status'), cell: (s) => (s.active ? t('layanan.staff.active') : t('layanan.staff.inactive')) },
      ]} />
    </Layout>
  );
}

export const editValues = (s: ServiceRow): FormData => ({
  deadlineDays: String(s.deadlineDays), costRupiah: String(s.costRupiah), costNote: s.costNote, requirements: s.requirements.join('\n'), active: s.active ? '1' : '0',
});

export function EditPage({ c, s, values, errors }: { c: Context<Env>; s: ServiceRow; values: FormData; errors: FieldErrors }) {
  const t = c.get('t');
  const title = t('layanan.staff.edit', { name: s.name });
  return (
    <Layout c={c} title={title} staff active={STAFF_PATH}>
      <p><a href={STAFF_PATH}>{t('layanan.staff.back')}</a></p>
      <h1>{title}</h1>
      {s.active ? <p><a href={serviceHref(s.slug)}>{t('layanan.staff.public_page')}</a></p> : null}
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action={editHref(s.slug)} novalidate>
        <Csrf c={c} />
        <Field c={c} name="deadlineDays" label={t('layanan.edit.deadline')} hint={t('layanan.edit.deadline_hint')} inputmode="numeric" value={values.deadlineDays} errors={errors} maxlength={3} required />
        <Field c={c} name="costRupiah" label={t('layanan.edit.cost')} hint={t('layanan.edit.cost_hint')} inputmode="numeric" value={values.costRupiah} errors={errors} maxlength={15} required />
        <Field c={c} name="costNote" label={t('layanan.edit.cost_note')} value={values.costNote} errors={errors} maxlength={300} />
        <Field c={c} name="requirements" label={t('layanan.edit.requirements')} hint={t('layanan.edit.requirements_hint')} multiline value={values.requirements} errors={errors} required />
        <div class="field">
          <input type="checkbox" id="f-active" name="active" value="1" checked={values.active === '1'} />
          <label for="f-active">{t('layanan.edit.active')}</label>
        </div>
        <button type="submit">{t('layanan.edit.save')}</button>
      </form>
    </Layout>
  );
}
