/** @jsxImportSource hono/jsx */
// The outbox list (with the queue's state and failed jobs) and one message with its full text.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Csrf, DataTable, Notice } from '../../../platform/ui/components.tsx';
import { MASK } from '../../../platform/notify/templates.ts';
import { STATUSES, type MessageListRow, type MessageStatus, type MessageView, type QueueState } from '../service.ts';

const when = (c: Context<Env>, d: Date) => formatDateTime(c.get('locale'), d, c.get('region').timeZone);

function StatusTag({ c, status }: { c: Context<Env>; status: string }) {
  return <span class={`tag status-${status}`}>{c.get('t')(`messages.status.${status}`)}</span>;
}

function pageHref(page: number, status?: string) {
  const p = new URLSearchParams();
  if (status) p.set('status', status);
  if (page > 1) p.set('halaman', String(page));
  const s = p.toString();
  return s ? `/petugas/outbox?${s}` : '/petugas/outbox';
}

export interface FailedJob {
  id: number;
  name: string;
  attempts: number;
  last_error: string | null;
  failed_at: Date | null;
}

export function OutboxPage({ c, rows, page, status, hasNext, state, failed, smtp, devChannel, canRetry, retried }: {
  c: Context<Env>; rows: MessageListRow[]; page: number; status?: MessageStatus; hasNext: boolean; state: QueueState;
  /** outside production with a channel lacking a transport: the outbox delivers that channel's messages */
  failed: FailedJob[]; smtp: boolean; devChannel: boolean; canRetry: boolean; retried?: number;
}) {
  const t = c.get('t');
  const title = page > 1 ? `${t('messages.title')} – ${t('messages.page', { page })}` : t('messages.title');
  return (
    <Layout c={c} title={title} staff active="/petugas/outbox">
      {retried ? <Notice kind="ok">{t('messages.retried', { id: retried })}</Notice> : null}
      <h1>{t('messages.title')}</h1>
      <p class="lead">{t('messages.lead')}</p>
      <ul>
        <li>{t(smtp ? 'messages.mode.smtp' : 'messages.mode.kept')}</li>
        <li>{t('messages.mode.no_provider')}</li>
        {devChannel ? <li>{t('messages.mode.dev_channel')}</li> : null}
        <li>{t('messages.queue.waiting', { count: state.waitingJobs })}</li>
      </ul>
      {state.failedJobs ? <Notice kind="warn"><a href="#gagal">{t('messages.queue.failed', { count: state.failedJobs })}</a></Notice> : null}
      <form method="get" action="/petugas/outbox" class="inline">
        <label for="f-status">{t('messages.filter.status')}</label>{' '}
        <select id="f-status" name="status">
          <option value="" selected={!status}>{t('messages.filter.all')}</option>
          {STATUSES.map((s) => <option value={s} selected={status === s}>{t(`messages.status.${s}`)}</option>)}
        </select>{' '}
        <button type="submit" class="secondary">{t('messages.filter.apply')}</button>
      </form>
      {rows.length ? (
        <DataTable
          caption={title}
          captionHidden
          rows={rows}
          columns={[
            { header: t('messages.col.time'), cell: (m) => <time datetime={new Date(m.created_at).toISOString()}>{when(c, m.created_at)}</time> },
            { header: t('messages.col.channel'), cell: (m) => t(`messages.channel.${m.channel}`) },
            { header: t('messages.col.recipient'), cell: (m) => m.recipient },
            { header: t('messages.col.subject'), cell: (m) => <a href={`/petugas/outbox/${m.id}`}>{m.subject || `#${m.id}`}</a> },
            { header: t('messages.col.status'), cell: (m) => <StatusTag c={c} status={m.status} /> },
          ]}
        />
      ) : (
        <Notice>{t('messages.empty')}</Notice>
      )}
      {page > 1 || hasNext ? (
        <nav class="year-nav" aria-label={t('messages.page.nav')}>
          <ul>
            {page > 1 ? <li><a href={pageHref(page - 1, status)} rel="prev">← {t('messages.page.prev')}</a></li> : null}
            <li aria-current="page">{t('messages.page', { page })}</li>
            {hasNext ? <li><a href={pageHref(page + 1, status)} rel="next">{t('messages.page.next')} →</a></li> : null}
          </ul>
        </nav>
      ) : null}
      {failed.length ? (
        <section aria-labelledby="gagal">
          <h2 id="gagal">{t('messages.failed.title')}</h2>
          <p>{t('messages.failed.lead')}</p>
          <DataTable
            caption={t('messages.failed.title')}
            captionHidden
            rows={failed}
            columns={[
              { header: t('messages.failed.col.job'), cell: (j) => <><code>{j.name}</code> #{j.id}</> },
              { header: t('messages.failed.col.attempts'), cell: (j) => j.attempts },
              { header: t('messages.failed.col.error'), cell: (j) => j.last_error ?? '–' },
              { header: t('messages.failed.col.failed_at'), cell: (j) => (j.failed_at ? when(c, j.failed_at) : '–') },
              {
                header: <span class="skip">{t('messages.failed.retry')}</span>,
                when: canRetry,
                cell: (j) => (
                  <form method="post" action={`/petugas/outbox/tugas/${j.id}/ulangi`}>
                    <Csrf c={c} />
                    <button type="submit" class="secondary" aria-label={t('messages.failed.retry.label', { id: j.id })}>{t('messages.failed.retry')}</button>
                  </form>
                ),
              },
            ]}
          />
        </section>
      ) : null}
    </Layout>
  );
}

export function MessagePage({ c, m, production }: { c: Context<Env>; m: MessageView; production: boolean }) {
  const t = c.get('t');
  const title = t('messages.detail.title', { id: m.id });
  // the real text exists here only where the outbox is the delivery channel (never in production)
  const text = m.delivered ?? { subject: m.subject, body: m.body };
  return (
    <Layout c={c} title={title} staff active="/petugas/outbox">
      <p><a href="/petugas/outbox">← {t('messages.back')}</a></p>
      <h1>{text.subject || title}</h1>
      {m.delivered ? <Notice kind="warn">{t('messages.detail.dev_channel')}</Notice> : null}
      {!m.delivered && m.status === 'kept' ? <Notice>{t(production ? 'messages.detail.kept_note_production' : 'messages.detail.kept_note')}</Notice> : null}
      {!m.delivered && (m.body.includes(MASK) || m.subject.includes(MASK)) ? <Notice>{t('messages.detail.masked_note')}</Notice> : null}
      <dl class="summary">
        <dt>{t('messages.col.recipient')}</dt>
        <dd>{m.recipient}</dd>
        <dt>{t('messages.col.channel')}</dt>
        <dd>{t(`messages.channel.${m.channel}`)}</dd>
        <dt>{t('messages.col.status')}</dt>
        <dd><StatusTag c={c} status={m.status} /></dd>
        <dt>{t('messages.detail.created')}</dt>
        <dd>{when(c, m.created_at)}</dd>
        {m.sent_at ? <><dt>{t('messages.detail.sent')}</dt><dd>{when(c, m.sent_at)}</dd></> : null}
        <dt>{t('messages.detail.attempts')}</dt>
        <dd>{m.attempts}</dd>
        {m.last_error ? <><dt>{t('messages.detail.error')}</dt><dd>{m.last_error}</dd></> : null}
        <dt>{t('messages.detail.template')}</dt>
        <dd><code>{m.template}</code></dd>
      </dl>
      <h2>{t(m.delivered ? 'messages.detail.dev_body' : 'messages.detail.body')}</h2>
      <pre class="message-body">{text.body}</pre>
      <p class="hint">{t('messages.detail.audited')}</p>
    </Layout>
  );
}
