/** @jsxImportSource hono/jsx */
// The audit pages: the filtered list, one entry in full, the integrity check.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { DataTable, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import type { VerifyResult } from '../../../platform/audit/verify.ts';
import { AUDIT_QUERY_KEYS } from '../schema.ts';
import { changedKeys, type AuditEntryDetail, type AuditRow } from '../service.ts';

const when = (c: Context<Env>, d: Date) => formatDateTime(c.get('locale'), d, c.get('region').timeZone);

/** Readable JSON: indented, keys in a stable order. */
function pretty(v: unknown): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(sort) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Record<string, unknown>)[k])])) : x;
  return JSON.stringify(sort(v), null, 2);
}

function Change({ c, before, after }: { c: Context<Env>; before: unknown; after: unknown }) {
  const t = c.get('t');
  const keys = changedKeys(before, after);
  return (
    <>
      {keys.length ? <p class="muted">{t('audit.changed', { keys: keys.join(', ') })}</p> : null}
      <div class="audit-change">
        <div>
          <h3>{t('audit.before')}</h3>
          {before == null ? <p class="muted">{t('audit.none')}</p> : <pre class="json">{pretty(before)}</pre>}
        </div>
        <div>
          <h3>{t('audit.after')}</h3>
          {after == null ? <p class="muted">{t('audit.none')}</p> : <pre class="json">{pretty(after)}</pre>}
        </div>
      </div>
    </>
  );
}

const subjectText = (r: { subject_type: string; subject_id: string | null }) => (r.subject_id ? `${r.subject_type} ${r.subject_id}` : r.subject_type);

function pageHref(values: FormData, page: number): string {
  const p = new URLSearchParams();
  for (const k of AUDIT_QUERY_KEYS) if (k !== 'halaman' && values[k]) p.set(k, values[k]);
  if (page > 1) p.set('halaman', String(page));
  const s = p.toString();
  return s ? `/petugas/audit?${s}` : '/petugas/audit';
}

export function AuditListPage({ c, values, errors, rows, page, hasNext, scopeAll }: {
  c: Context<Env>; values: FormData; errors: FieldErrors; rows: AuditRow[]; page: number; hasNext: boolean; scopeAll: boolean;
}) {
  const t = c.get('t');
  const title = page > 1 ? `${t('audit.title')} – ${t('audit.page', { page })}` : t('audit.title');
  const filtered = AUDIT_QUERY_KEYS.some((k) => k !== 'halaman' && values[k]);
  return (
    <Layout c={c} title={title} staff active="/petugas/audit">
      <ErrorSummary c={c} errors={errors} params={{ max: 200 }} />
      <h1>{t('audit.title')}</h1>
      <p class="lead">{t('audit.lead')}</p>
      <p class="muted">{t(scopeAll ? 'audit.scope.all' : 'audit.scope.units')}</p>
      <p><a href="/petugas/audit/periksa">{t('audit.verify.link')}</a></p>
      <form method="get" action="/petugas/audit" class="filters" novalidate>
        <fieldset>
          <legend>{t('audit.filter.title')}</legend>
          <Field c={c} name="aksi" label={t('audit.filter.action')} hint={t('audit.filter.action.hint')} value={values.aksi} errors={errors} maxlength={100} autocomplete="off" params={{ max: 100 }} />
          <Field c={c} name="jenis" label={t('audit.filter.subject_type')} hint={t('audit.filter.subject_type.hint')} value={values.jenis} errors={errors} maxlength={100} autocomplete="off" params={{ max: 100 }} />
          <Field c={c} name="subjek" label={t('audit.filter.subject_id')} value={values.subjek} errors={errors} maxlength={200} autocomplete="off" params={{ max: 200 }} />
          <Field c={c} name="dari" type="date" label={t('audit.filter.from')} hint={t('audit.filter.date.hint')} value={values.dari} errors={errors} maxlength={10} />
          <Field c={c} name="sampai" type="date" label={t('audit.filter.to')} hint={t('audit.filter.date.hint')} value={values.sampai} errors={errors} maxlength={10} />
          <button type="submit">{t('audit.filter.apply')}</button> {filtered ? <a class="button secondary" href="/petugas/audit">{t('audit.filter.clear')}</a> : null}
        </fieldset>
      </form>
      {rows.length ? (
        <DataTable
          caption={title}
          captionHidden
          tableClass="audit"
          rows={rows}
          columns={[
            { header: t('audit.col.time'), cell: (r) => <a href={`/petugas/audit/${r.id}`}><time datetime={new Date(r.at).toISOString()}>{when(c, r.at)}</time></a> },
            { header: t('audit.col.actor'), cell: (r) => r.actor_label },
            { header: t('audit.col.action'), cell: (r) => <code>{r.action}</code> },
            { header: t('audit.col.subject'), cell: (r) => subjectText(r) },
            { header: t('audit.col.unit'), cell: (r) => r.unit_name ?? t('audit.no_unit') },
            {
              header: t('audit.col.change'),
              cell: (r) => (r.before == null && r.after == null ? (
                <span class="muted">{t('audit.none')}</span>
              ) : (
                <details>
                  <summary>{t('audit.show_change')}</summary>
                  <Change c={c} before={r.before} after={r.after} />
                </details>
              )),
            },
          ]}
        />
      ) : (
        <Notice>{t('audit.empty')}</Notice>
      )}
      {page > 1 || hasNext ? (
        <nav class="year-nav" aria-label={t('audit.page.nav')}>
          <ul>
            {page > 1 ? <li><a href={pageHref(values, page - 1)} rel="prev">← {t('audit.page.prev')}</a></li> : null}
            <li aria-current="page">{t('audit.page', { page })}</li>
            {hasNext ? <li><a href={pageHref(values, page + 1)} rel="next">{t('audit.page.next')} →</a></li> : null}
          </ul>
        </nav>
      ) : null}
    </Layout>
  );
}

export function EntryPage({ c, entry }: { c: Context<Env>; entry: AuditEntryDetail }) {
  const t = c.get('t');
  const title = t('audit.entry.title', { id: entry.id });
  const same = entry.subject_id
    ? `/petugas/audit?${new URLSearchParams({ jenis: entry.subject_type, subjek: entry.subject_id })}`
    : `/petugas/audit?${new URLSearchParams({ jenis: entry.subject_type })}`;
  return (
    <Layout c={c} title={title} staff active="/petugas/audit">
      <p><a href="/petugas/audit">← {t('audit.back')}</a></p>
      <h1>{title}</h1>
      <dl class="summary">
        <dt>{t('audit.col.time')}</dt>
        <dd><time datetime={new Date(entry.at).toISOString()}>{when(c, entry.at)}</time></dd>
        <dt>{t('audit.col.actor')}</dt>
        <dd>{entry.actor_label}</dd>
        <dt>{t('audit.col.action')}</dt>
        <dd><code>{entry.action}</code></dd>
        <dt>{t('audit.col.subject')}</dt>
        <dd>{subjectText(entry)} (<a href={same}>{t('audit.entry.same_subject')}</a>)</dd>
        <dt>{t('audit.col.unit')}</dt>
        <dd>{entry.unit_name ?? t('audit.no_unit')}</dd>
        <dt>{t('audit.entry.ip')}</dt>
        <dd>{entry.ip ?? '–'}</dd>
        <dt>{t('audit.entry.user_agent')}</dt>
        <dd>{entry.user_agent || '–'}</dd>
        <dt>{t('audit.entry.hash')}</dt>
        <dd><code class="hash">{entry.hash}</code></dd>
        <dt>{t('audit.entry.prev_hash')}</dt>
        <dd><code class="hash">{entry.prev_hash}</code></dd>
      </dl>
      <h2>{t('audit.col.change')}</h2>
      <Change c={c} before={entry.before} after={entry.after} />
    </Layout>
  );
}

export function VerifyPage({ c, result }: { c: Context<Env>; result: VerifyResult }) {
  const t = c.get('t');
  const b = result.firstBroken;
  return (
    <Layout c={c} title={t('audit.verify.title')} staff active="/petugas/audit">
      <p><a href="/petugas/audit">← {t('audit.back')}</a></p>
      <h1>{t('audit.verify.title')}</h1>
      <p class="lead">{t('audit.verify.lead')}</p>
      {result.ok ? (
        <>
          <Notice kind="ok">{t('audit.verify.ok', { count: result.checked })}</Notice>
          {result.lastHash ? (
            <dl class="summary">
              <dt>{t('audit.verify.last_hash')}</dt>
              <dd><code class="hash">{result.lastHash}</code><p class="hint">{t('audit.verify.last_hash.hint')}</p></dd>
            </dl>
          ) : null}
        </>
      ) : (
        <div class="error-summary" role="alert">
          <h2>{t('audit.verify.broken')}</h2>
          <p>{t(`audit.verify.reason.${b!.code}`)}</p>
          {b!.id ? <p>{t('audit.verify.broken.entry', { id: b!.id })}{b!.at ? ` (${when(c, new Date(b!.at))}, ${b!.action})` : ''}</p> : null}
          <p>{t('audit.verify.checked', { count: result.checked })}</p>
        </div>
      )}
    </Layout>
  );
}
