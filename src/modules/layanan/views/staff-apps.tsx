/** @jsxImportSource hono/jsx */
// /petugas/permohonan: the officer's queue (filters, counts per state, overdue first, pages) and one
// application (applicant with the NIK masked, answers, attachments, timeline, the steps the officer's
// part allows). Every step is its own small form; return and reject ask for the reason.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { formatDate, formatDateTime } from '../../../platform/i18n/index.ts';
import { Csrf, DataTable, ErrorSummary, Notice } from '../../../platform/ui/components.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ApplicationRecord } from '../applications-repo.ts';
import type { ServiceRow } from '../repo.ts';
import type { detail, OfficerAction, queuePage, QueueQuery } from '../staff-apps.ts';
import { STATES, type State } from '../workflow.ts';

export const QUEUE_PATH = '/petugas/permohonan';
export const COUNTER_PATH = `${QUEUE_PATH}/baru`;
export const appHref = (id: number) => `${QUEUE_PATH}/${id}`;

type Queue = Awaited<ReturnType<typeof queuePage>>;
type Detail = NonNullable<Awaited<ReturnType<typeof detail>>>;

function queueHref(q: QueueQuery, over: Partial<QueueQuery>): string {
  const m = { ...q, ...over };
  const p = new URLSearchParams();
  if (m.state) p.set('status', m.state);
  if (m.service) p.set('layanan', m.service);
  if (m.overdue) p.set('terlambat', '1');
  if (m.page > 1) p.set('hal', String(m.page));
  const s = p.toString();
  return s ? `${QUEUE_PATH}?${s}` : QUEUE_PATH;
}

export function QueuePage({ c, q, data, canCounter }: { c: Context<Env>; q: QueueQuery; data: Queue; canCounter: boolean }) {
  const t = c.get('t');
  const locale = c.get('locale');
  const tz = c.get('region').timeZone;
  return (
    <Layout c={c} title={t('layanan.officer.queue.title')} staff active={QUEUE_PATH}>
      <h1>{t('layanan.officer.queue.title')}</h1>
      {canCounter ? <p><a class="button" href={COUNTER_PATH}>{t('layanan.officer.counter.new')}</a></p> : null}
      <h2>{t('layanan.officer.queue.counts')}</h2>
      <ul class="inline-list">
        {STATES.map((s) => <li><a href={queueHref(q, { state: s, page: 1 })} aria-current={q.state === s ? 'page' : undefined}>{t(`layanan.officer.state.${s}`)}: {data.counts[s]}</a></li>)}
      </ul>
      <form method="get" action={QUEUE_PATH} class="filters">
        <div class="field">
          <label for="f-status">{t('layanan.officer.queue.filter.state')}</label>
          <select id="f-status" name="status">
            <option value="">{t('layanan.officer.queue.filter.open')}</option>
            {STATES.map((s) => <option value={s} selected={q.state === s}>{t(`layanan.officer.state.${s}`)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-layanan">{t('layanan.officer.queue.filter.service')}</label>
          <select id="f-layanan" name="layanan">
            <option value="">{t('layanan.officer.queue.filter.all')}</option>
            {data.services.map((s) => <option value={s.slug} selected={q.service === s.slug}>{s.name}</option>)}
          </select>
        </div>
        <div class="field">
          <input type="checkbox" id="f-terlambat" name="terlambat" value="1" checked={q.overdue} />
          <label for="f-terlambat">{t('layanan.officer.queue.filter.overdue')}</label>
        </div>
        <button type="submit" class="secondary">{t('layanan.officer.queue.filter.apply')}</button>
      </form>
      <p>{t('layanan.officer.queue.total', { n: data.total })}</p>
      <DataTable caption={t('layanan.officer.queue.caption')} rows={data.rows} empty={t('layanan.officer.queue.empty')} columns={[
        { header: t('layanan.officer.col.tracking'), cell: (r) => <a href={appHref(r.id)}>{r.tracking_number}</a> },
        { header: t('layanan.officer.col.service'), cell: (r) => r.service_name },
        { header: t('layanan.officer.col.applicant'), cell: (r) => r.applicant_name },
        { header: t('layanan.officer.col.unit'), cell: (r) => r.current_unit_name },
        { header: t('layanan.officer.col.state'), cell: (r) => t(`layanan.officer.state.${r.state}`) },
        { header: t('layanan.officer.col.due'), cell: (r) => <>{formatDate(locale, r.due_at, tz)}{r.overdue ? <> <span class="tag overdue">{t('layanan.officer.overdue')}</span></> : null}</> },
      ]} />
      {data.pages > 1 ? (
        <nav class="pager" aria-label={t('layanan.officer.queue.pages')}>
          <ul>
            {q.page > 1 ? <li><a href={queueHref(q, { page: q.page - 1 })}>{t('layanan.officer.queue.prev')}</a></li> : null}
            <li>{t('layanan.officer.queue.page', { page: q.page, pages: data.pages })}</li>
            {q.page < data.pages ? <li><a href={queueHref(q, { page: q.page + 1 })}>{t('layanan.officer.queue.next')}</a></li> : null}
          </ul>
        </nav>
      ) : null}
    </Layout>
  );
}

const REASONED: OfficerAction[] = ['return', 'reject'];

function ActionForm({ c, app, action, values, errors }: { c: Context<Env>; app: ApplicationRecord; action: OfficerAction; values: FormData; errors: FieldErrors }) {
  const t = c.get('t');
  const field = `alasan_${action}`;
  const err = errors[field];
  const id = `f-${field}`;
  return (
    <form method="post" action={`${appHref(app.id)}/langkah`} class="step">
      <Csrf c={c} />
      <input type="hidden" name="aksi" value={action} />
      <input type="hidden" name="status" value={app.state} />
      {REASONED.includes(action) ? (
        <div class={err ? 'field invalid' : 'field'}>
          <label for={id}>{t(`layanan.officer.reason.${action}`)}</label>
          <p class="hint" id={`${id}-hint`}>{t('layanan.officer.reason.hint')}</p>
          {err ? <p class="err" id={`${id}-err`}>{t(err)}</p> : null}
          <textarea id={id} name="alasan" rows={3} maxlength={1000} aria-describedby={err ? `${id}-hint ${id}-err` : `${id}-hint`} aria-invalid={err ? 'true' : undefined}>{values[field] ?? ''}</textarea>
        </div>
      ) : null}
      <button type="submit" class={action === 'reject' ? 'danger' : action === 'return' ? 'secondary' : undefined}>{t(`layanan.officer.action.${action}`)}</button>
    </form>
  );
}

export function DetailPage({ c, d, service, values = {}, errors = {}, message }: { c: Context<Env>; d: Detail; service?: ServiceRow; values?: FormData; errors?: FieldErrors; message?: string }) {
  const t = c.get('t');
  const locale = c.get('locale');
  const tz = c.get('region').timeZone;
  const { app } = d;
  const labels = new Map((service?.pages ?? []).flatMap((p) => p.fields).map((f) => [f.name, f.label]));
  const title = t('layanan.officer.detail.title', { tracking: app.tracking_number });
  return (
    <Layout c={c} title={title} staff active={QUEUE_PATH}>
      <p><a href={QUEUE_PATH}>{t('layanan.officer.detail.back')}</a></p>
      <h1>{title}</h1>
      {message ? <Notice kind="ok">{t(`layanan.officer.message.${message}`)}</Notice> : null}
      <ErrorSummary c={c} errors={errors} />
      <dl class="summary">
        <dt>{t('layanan.officer.col.service')}</dt><dd>{app.service_name}</dd>
        <dt>{t('layanan.officer.col.state')}</dt><dd>{t(`layanan.officer.state.${app.state}`)}{d.overdue ? <> <span class="tag overdue">{t('layanan.officer.overdue')}</span></> : null}</dd>
        <dt>{t('layanan.officer.col.due')}</dt><dd>{formatDate(locale, app.due_at, tz)}</dd>
        <dt>{t('layanan.officer.col.unit')}</dt><dd>{app.current_unit_name}</dd>
        <dt>{t('layanan.officer.detail.channel')}</dt><dd>{t(`layanan.officer.channel.${app.channel}`)}</dd>
        <dt>{t('layanan.officer.col.applicant')}</dt><dd>{app.applicant_name}</dd>
        <dt>{t('layanan.officer.detail.nik')}</dt><dd>{d.nikMasked}</dd>
      </dl>
      {d.doc ? (
        <p>
          {t('layanan.officer.detail.number', { number: d.doc.number })}<br />
          <a href={`${appHref(app.id)}/surat.pdf`}>{t('layanan.officer.detail.document')}</a> · <a href={`/cek/${d.doc.code}`}>{t('layanan.officer.detail.verify')}</a>
        </p>
      ) : null}
      <h2>{t('layanan.officer.detail.answers')}</h2>
      <dl class="summary">
        {Object.entries(d.answers).map(([k, v]) => <><dt>{labels.get(k) ?? k}</dt><dd>{v}</dd></>)}
      </dl>
      <h2>{t('layanan.officer.detail.files')}</h2>
      {d.files.length ? (
        <ul>{d.files.map((f) => <li><a href={`${appHref(app.id)}/berkas/${f.file_id}`}>{labels.get(f.field) ?? f.field}: {f.name}</a></li>)}</ul>
      ) : <p class="muted">{t(app.channel === 'counter' ? 'layanan.officer.detail.files_counter' : 'layanan.officer.detail.no_files')}</p>}
      <h2>{t('layanan.officer.detail.timeline')}</h2>
      <ol class="timeline">
        {d.steps.map((s) => (
          <li>
            <strong>{t(`layanan.officer.step.${s.action}`)}</strong> · {formatDateTime(locale, s.at, tz)} · {s.unit_name}{s.actor_name ? ` · ${s.actor_name}` : ''}
            {s.note ? <p>{t('layanan.officer.detail.note', { note: s.note })}</p> : null}
          </li>
        ))}
      </ol>
      <h2>{t('layanan.officer.detail.actions')}</h2>
      {d.actions.length
        ? d.actions.map((a) => <ActionForm c={c} app={app} action={a} values={values} errors={errors} />)
        : <p class="muted">{t('layanan.officer.detail.no_actions')}</p>}
    </Layout>
  );
}

/** 409: another officer took a step first (or the page was old). */
export function ConflictPage({ c, id, state }: { c: Context<Env>; id: number; state: State }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('layanan.officer.conflict.title')} staff active={QUEUE_PATH}>
      <h1>{t('layanan.officer.conflict.title')}</h1>
      <p>{t('layanan.officer.conflict.body', { state: t(`layanan.officer.state.${state}`) })}</p>
      <p><a class="button" href={appHref(id)}>{t('layanan.officer.conflict.reload')}</a></p>
    </Layout>
  );
}
