/** @jsxImportSource hono/jsx */
// /ppid/laporan/{year}: the annual report of public information services, generated from the
// register, with its CSV and PDF, and the Monev KIP self-assessment figures linked to their evidence.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import { formatDate } from '../../../platform/i18n/index.ts';
import { localDate } from '../../../platform/calendar/working-days.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { DataTable } from '../../../platform/ui/components.tsx';
import { REPORT_PATH, type AnnualReport, type Figure } from '../report.ts';

function Figures({ c, caption, rows }: { c: Context<Env>; caption: string; rows: { label: string; value: string | number | null }[] }) {
  const t = c.get('t');
  return (
    <DataTable caption={caption} rows={rows} empty={t('ppid.report.none')}
      columns={[{ header: t('ppid.report.csv.item'), cell: (r) => r.label }, { header: t('ppid.report.csv.value'), cell: (r) => (r.value === null ? '—' : String(r.value)), class: 'num' }]} />
  );
}

export function ReportPage({ c, r, years }: { c: Context<Env>; r: AnnualReport; years: number[] }) {
  const t = c.get('t');
  const locale = c.get('locale');
  const tz = c.get('region').timeZone;
  const f = (xs: Figure[]) => xs.map((x) => ({ label: t(x.key, x.params), value: x.value }));
  const self = `${REPORT_PATH}/${r.year}`;
  return (
    <Layout c={c} title={t('ppid.report.title', { year: r.year })} active="/ppid">
      <h1>{t('ppid.report.title', { year: r.year })}</h1>
      <p class="lead">{t('ppid.report.lead')}</p>
      <p class="muted">{t('ppid.report.generated', { date: formatDate(locale, localDate(r.generatedAt, tz)), due: formatDate(locale, r.dueBy) })}</p>
      <p><a href={`${self}.csv`}>{t('ppid.report.csv')}</a> · <a href={`${self}.pdf`}>{t('ppid.report.pdf')}</a></p>
      {years.length > 1 ? (
        <nav class="year-nav" aria-label={t('ppid.report.years')}>
          <ul>{years.map((y) => <li><a href={`${REPORT_PATH}/${y}`} aria-current={y === r.year ? 'page' : undefined}>{y}</a></li>)}</ul>
        </nav>
      ) : null}
      <h2 id="permohonan">{t('ppid.report.requests')}</h2>
      <Figures c={c} caption={t('ppid.report.requests')} rows={[{ label: t('ppid.report.total'), value: r.total }, ...f(r.byChannel), ...f(r.byRequester)]} />
      <h2 id="hasil">{t('ppid.report.outcomes')}</h2>
      <Figures c={c} caption={t('ppid.report.outcomes')} rows={[
        { label: t('ppid.report.answered'), value: r.answered }, ...f(r.byOutcome), { label: t('ppid.report.open'), value: r.open },
        { label: t('ppid.state.withdrawn'), value: r.withdrawn }, { label: t('ppid.state.closed'), value: r.closed },
      ]} />
      <h2 id="waktu">{t('ppid.report.time')}</h2>
      <p>{t('ppid.report.time.lead')}</p>
      <Figures c={c} caption={t('ppid.report.time')} rows={[
        { label: t('ppid.report.median'), value: r.days.median }, { label: t('ppid.report.max'), value: r.days.max }, ...f(r.days.bands),
        { label: t('ppid.report.on_time'), value: r.days.onTime }, { label: t('ppid.report.late'), value: r.days.late },
      ]} />
      <h2 id="penolakan">{t('ppid.report.refusals')}</h2>
      <Figures c={c} caption={t('ppid.report.refusals')} rows={f(r.refusalGrounds)} />
      <h2 id="keberatan">{t('ppid.report.objections')}</h2>
      <Figures c={c} caption={t('ppid.report.objections')} rows={[
        { label: t('ppid.report.total'), value: r.objections.total }, ...f(r.objections.byGround), { label: t('ppid.objans.upheld'), value: r.objections.upheld },
        { label: t('ppid.objans.rejected'), value: r.objections.rejected }, { label: t('ppid.report.pending'), value: r.objections.pending },
      ]} />
      <h2 id="sengketa">{t('ppid.report.disputes')}</h2>
      <Figures c={c} caption={t('ppid.report.disputes')} rows={[{ label: t('ppid.report.disputes.count'), value: r.disputes }]} />
      <h2 id="monev">{t('ppid.report.monev')}</h2>
      <p>{t('ppid.report.monev.lead')}</p>
      <DataTable caption={t('ppid.report.monev')} rows={r.monev}
        columns={[
          { header: t('ppid.report.csv.item'), cell: (m) => t(m.key) },
          { header: t('ppid.report.csv.value'), cell: (m) => String(m.value), class: 'num' },
          { header: t('ppid.report.evidence'), cell: (m) => <a href={m.href}>{m.href}</a> },
        ]} />
    </Layout>
  );
}
