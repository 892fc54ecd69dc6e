/** @jsxImportSource hono/jsx */
// The calendar pages: the year's list (back office and public), the add/edit form, the removal
// confirmation. Strings come from locales.ts.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { formatDate } from '../../../platform/i18n/index.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Csrf, DataTable, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import { dayOfWeek } from '../../../platform/calendar/working-days.ts';
import { ADMIN_SOURCE, HOLIDAY_KINDS } from '../../../platform/calendar/holidays.ts';
import type { HolidayRow } from '../../../platform/calendar/calendar.ts';
import { MAX_YEAR, MIN_YEAR } from '../schema.ts';

/** 'Jumat, 20 Maret 2026' / 'Friday, 20 March 2026' */
export function longDate(c: Context<Env>, date: string): string {
  return `${c.get('t')(`calendar.dow.${dayOfWeek(date)}`)}, ${formatDate(c.get('locale'), date)}`;
}

function sourceLabel(c: Context<Env>, source: string): string {
  const t = c.get('t');
  if (source === ADMIN_SOURCE) return t('calendar.source.admin');
  if (source.startsWith('region-pack')) return t('calendar.source.pack');
  return source;
}

export interface ListProps {
  c: Context<Env>;
  year: number;
  currentYear: number;
  rows: HolidayRow[];
  /** back office: show source and edit links (when allowed) */
  staff: boolean;
  canManage: boolean;
  message?: 'ditambah' | 'diubah' | 'dihapus';
}

export function HolidayListPage({ c, year, currentYear, rows, staff, canManage, message }: ListProps) {
  const t = c.get('t');
  const base = staff ? '/petugas/kalender' : '/hari-libur';
  const title = t(staff ? 'calendar.title' : 'calendar.public.title', { year });
  const provisional = rows.some((r) => r.provisional);
  const saved = { ditambah: 'calendar.saved.added', diubah: 'calendar.saved.updated', dihapus: 'calendar.saved.removed' } as const;
  return (
    <Layout c={c} title={title} staff={staff} active={staff ? '/petugas/kalender' : '/informasi'}>
      {message ? <Notice kind="ok">{t(saved[message])}</Notice> : null}
      <h1>{title}</h1>
      <p class="lead">{t(staff ? 'calendar.lead' : 'calendar.public.lead')}</p>
      {provisional ? <Notice kind="warn">{t('calendar.provisional.notice', { year })}</Notice> : null}
      <nav class="year-nav" aria-label={t('calendar.year.nav')}>
        <ul>
          {year > MIN_YEAR ? <li><a href={`${base}?tahun=${year - 1}`}>← {t('calendar.year.prev', { year: year - 1 })}</a></li> : null}
          {Math.abs(year - currentYear) > 1 ? <li><a href={`${base}?tahun=${currentYear}`}>{t('calendar.year.current')}</a></li> : null}
          {year < MAX_YEAR ? <li><a href={`${base}?tahun=${year + 1}`}>{t('calendar.year.next', { year: year + 1 })} →</a></li> : null}
        </ul>
      </nav>
      {canManage ? (
        <p>
          <a class="button" href={`/petugas/kalender/tambah?tahun=${year}`}>{t('calendar.add')}</a>
        </p>
      ) : null}
      {rows.length ? (
        <>
          <p class="muted">{t('calendar.count', { count: rows.length })}</p>
          <DataTable
            caption={title}
            captionHidden
            rows={rows}
            columns={[
              { header: t('calendar.col.date'), cell: (r) => <><time datetime={r.date}>{longDate(c, r.date)}</time>{[0, 6].includes(dayOfWeek(r.date)) ? <><br /><span class="muted">{t('calendar.weekend')}</span></> : null}</> },
              { header: t('calendar.col.name'), cell: (r) => <>{r.name} {r.provisional ? <span class="tag provisional">{t('calendar.provisional')}</span> : null}</> },
              { header: t('calendar.col.kind'), cell: (r) => t(`calendar.kind.${r.kind}`) },
              { header: t('calendar.col.source'), cell: (r) => sourceLabel(c, r.source), when: staff },
              {
                header: t('calendar.col.actions'),
                class: 'actions',
                when: canManage,
                cell: (r) => {
                  const when = longDate(c, r.date);
                  return <>
                    <a href={`/petugas/kalender/${r.date}/ubah`} aria-label={t('calendar.edit.label', { name: r.name, date: when })}>{t('calendar.edit')}</a>{' '}
                    <a href={`/petugas/kalender/${r.date}/hapus`} aria-label={t('calendar.remove.label', { name: r.name, date: when })}>{t('calendar.remove')}</a>
                  </>;
                },
              },
            ]}
          />
        </>
      ) : (
        <Notice>{t('calendar.empty', { year })}</Notice>
      )}
    </Layout>
  );
}

export interface FormProps {
  c: Context<Env>;
  /** undefined: adding; a date: editing that row */
  editing?: string;
  values: FormData;
  errors: FieldErrors;
  backYear: number;
}

export function HolidayFormPage({ c, editing, values, errors, backYear }: FormProps) {
  const t = c.get('t');
  const title = t(editing ? 'calendar.edit.title' : 'calendar.add.title');
  const action = editing ? `/petugas/kalender/${editing}/ubah` : '/petugas/kalender/tambah';
  const kindErr = errors.kind;
  return (
    <Layout c={c} title={title} staff active="/petugas/kalender">
      <p><a href={`/petugas/kalender?tahun=${backYear}`}>← {t('app.back')}</a></p>
      <ErrorSummary c={c} errors={errors} />
      <h1>{title}</h1>
      <p>{t('calendar.form.intro')}</p>
      <form method="post" action={action} novalidate>
        <Csrf c={c} />
        <Field c={c} name="date" label={t('calendar.field.date')} hint={t('calendar.field.date.hint')} value={values.date} errors={errors} autocomplete="off" maxlength={10} required />
        <Field c={c} name="name" label={t('calendar.field.name')} hint={t('calendar.field.name.hint')} value={values.name} errors={errors} autocomplete="off" maxlength={200} required />
        <div class={kindErr ? 'field invalid' : 'field'}>
          <fieldset id="f-kind" aria-describedby={kindErr ? 'f-kind-err' : undefined}>
            <legend>{t('calendar.field.kind')}</legend>
            {kindErr ? <p class="err" id="f-kind-err">{t(kindErr)}</p> : null}
            {HOLIDAY_KINDS.map((k) => (
              <div class="choice">
                <input type="radio" id={`f-kind-${k}`} name="kind" value={k} checked={values.kind === k} />
                <label for={`f-kind-${k}`}>{t(`calendar.kind.${k}`)}</label>
              </div>
            ))}
          </fieldset>
        </div>
        <div class="field choice">
          <input type="checkbox" id="f-provisional" name="provisional" value="1" checked={values.provisional === '1' || values.provisional === 'on'} />
          <label for="f-provisional">{t('calendar.field.provisional')}</label>
        </div>
        <button type="submit">{t('app.save')}</button>{' '}
        <a class="button secondary" href={`/petugas/kalender?tahun=${backYear}`}>{t('app.cancel')}</a>
      </form>
    </Layout>
  );
}

export function RemovePage({ c, row }: { c: Context<Env>; row: HolidayRow }) {
  const t = c.get('t');
  const year = Number(row.date.slice(0, 4));
  return (
    <Layout c={c} title={t('calendar.remove.title')} staff active="/petugas/kalender">
      <p><a href={`/petugas/kalender?tahun=${year}`}>← {t('app.back')}</a></p>
      <h1>{t('calendar.remove.title')}</h1>
      <p class="lead">{t('calendar.remove.body', { date: longDate(c, row.date), name: row.name })}</p>
      {row.source !== ADMIN_SOURCE ? <p>{t('calendar.remove.pack')}</p> : null}
      <form method="post" action={`/petugas/kalender/${row.date}/hapus`}>
        <Csrf c={c} />
        <button type="submit" class="danger">{t('calendar.remove.confirm')}</button>{' '}
        <a class="button secondary" href={`/petugas/kalender?tahun=${year}`}>{t('app.cancel')}</a>
      </form>
    </Layout>
  );
}
