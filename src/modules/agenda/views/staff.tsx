/** @jsxImportSource hono/jsx */
// Back office /petugas/agenda: the unit's events, the form (new and edit), cancel/restore, delete.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Csrf, DataTable, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import { localDate } from '../../../platform/calendar/working-days.ts';
import type { EventRow } from '../service.ts';
import type { UnitRef } from '../repo.ts';
import { dayText, whenText, ZONE } from './public.tsx';

export const STAFF_PATH = '/petugas/agenda';

export function ListPage({ c, events, canAdd, message, tz }: { c: Context<Env>; events: EventRow[]; canAdd: boolean; message?: string; tz: string }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('agenda.staff.title')} staff active={STAFF_PATH}>
      <h1>{t('agenda.staff.title')}</h1>
      {message ? <Notice kind="ok">{t(`agenda.staff.msg.${message}`)}</Notice> : null}
      {canAdd ? <p><a class="button" href={`${STAFF_PATH}/baru`}>{t('agenda.staff.new')}</a></p> : null}
      <DataTable caption={t('agenda.staff.caption')} rows={events} empty={t('agenda.staff.empty')}
        columns={[
          { header: t('agenda.field.title'), cell: (e) => <a href={`${STAFF_PATH}/${e.id}`}>{e.title}</a> },
          { header: t('agenda.field.when'), cell: (e) => `${dayText(c, localDate(e.startsAt, tz))}, ${whenText(c, e, tz, ZONE[tz] ?? tz)}` },
          { header: t('agenda.col.status'), cell: (e) => t(`agenda.status.${e.status}`) },
          { header: t('agenda.field.organiser'), cell: (e) => e.organiser.name },
        ]} />
    </Layout>
  );
}

export function FormPage({ c, event, values, errors, organisers, message }: { c: Context<Env>; event?: EventRow; values: FormData; errors: FieldErrors; organisers: UnitRef[]; message?: string }) {
  const t = c.get('t');
  const title = event ? t('agenda.staff.edit', { title: event.title }) : t('agenda.staff.new');
  const err = errors.organiser;
  return (
    <Layout c={c} title={title} staff active={STAFF_PATH}>
      <p><a href={STAFF_PATH}>{t('agenda.staff.back')}</a></p>
      {message ? <Notice kind="ok">{t(`agenda.staff.msg.${message}`)}</Notice> : null}
      <h1>{title}</h1>
      {event ? <p>{t('agenda.col.status')}: <strong>{t(`agenda.status.${event.status}`)}</strong> · <a href={`/agenda/${event.id}`}>{t('agenda.staff.view')}</a></p> : null}
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action={event ? `${STAFF_PATH}/${event.id}` : `${STAFF_PATH}/baru`} novalidate>
        <Csrf c={c} />
        <input type="hidden" name="idem" value={values.idem ?? ''} />
        <Field c={c} name="title" label={t('agenda.field.title')} value={values.title} errors={errors} maxlength={160} />
        <Field c={c} name="location" label={t('agenda.field.location')} value={values.location} errors={errors} maxlength={200} />
        <div class={err ? 'field invalid' : 'field'}>
          <label for="f-organiser">{t('agenda.field.organiser')}</label>
          {err ? <p class="err" id="f-organiser-err">{t(err)}</p> : null}
          <select id="f-organiser" name="organiser" aria-invalid={err ? 'true' : undefined} aria-describedby={err ? 'f-organiser-err' : undefined}>
            <option value="">{t('agenda.field.choose')}</option>
            {organisers.map((u) => <option value={u.code} selected={u.code === values.organiser}>{u.name}</option>)}
          </select>
        </div>
        <div class="field">
          <input type="checkbox" id="f-all_day" name="all_day" value="1" checked={values.all_day === '1'} />
          <label for="f-all_day">{t('agenda.field.all_day')}</label>
        </div>
        <Field c={c} name="start_date" type="date" label={t('agenda.field.start_date')} value={values.start_date} errors={errors} />
        <Field c={c} name="start_time" type="time" label={t('agenda.field.start_time')} hint={t('agenda.field.time_hint')} value={values.start_time} errors={errors} />
        <Field c={c} name="end_date" type="date" label={t('agenda.field.end_date')} hint={t('agenda.field.end_date_hint')} value={values.end_date} errors={errors} />
        <Field c={c} name="end_time" type="time" label={t('agenda.field.end_time')} hint={t('agenda.field.end_time_hint')} value={values.end_time} errors={errors} />
        <Field c={c} name="description" label={t('agenda.field.description')} value={values.description} errors={errors} multiline maxlength={5000} />
        <button type="submit">{event ? t('agenda.staff.save') : t('agenda.staff.create')}</button>
      </form>
      {event ? (
        <>
          <form method="post" action={`${STAFF_PATH}/${event.id}/status`}>
            <Csrf c={c} />
            <input type="hidden" name="status" value={event.status === 'cancelled' ? 'scheduled' : 'cancelled'} />
            <button type="submit" class="secondary">{event.status === 'cancelled' ? t('agenda.staff.restore') : t('agenda.staff.cancel')}</button>
          </form>
          <form method="post" action={`${STAFF_PATH}/${event.id}/hapus`}>
            <Csrf c={c} />
            <button type="submit" class="danger">{t('agenda.staff.delete')}</button>
          </form>
        </>
      ) : null}
    </Layout>
  );
}
