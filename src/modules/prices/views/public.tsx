/** @jsxImportSource hono/jsx */
// /harga-pangan: one market's newest prices with the change from a week earlier (▲/▼ and words),
// and /harga-pangan/{commodity}: its chart with the same numbers as a table.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { DataTable } from '../../../platform/ui/components.tsx';
import { formatDate } from '../../../platform/i18n/index.ts';
import type { Freshness } from '../../../platform/freshness/index.ts';
import type { Commodity, Market, MarketTable, PriceRow, TableRow } from '../service.ts';
import { PUBLIC_PATH } from '../service.ts';
import { PriceChart } from './chart.tsx';
import { FreshnessLine, MarketPicker, rupiah } from './shared.tsx';

const dayText = (c: Context<Env>, day: string) => formatDate(c.get('locale'), `${day}T12:00:00Z`, 'UTC');

function Change({ c, r }: { c: Context<Env>; r: TableRow }) {
  const t = c.get('t');
  if (r.change === undefined) return <span class="muted">{t('prices.change.none')}</span>;
  if (r.change > 0) return <span>▲ {t('prices.change.up', { amount: rupiah(r.change) })}</span>;
  if (r.change < 0) return <span>▼ {t('prices.change.down', { amount: rupiah(-r.change) })}</span>;
  return <span>{t('prices.change.same')}</span>;
}

export function TablePage({ c, markets, table, freshness, unknown }: { c: Context<Env>; markets: Market[]; table?: MarketTable; freshness: Freshness; unknown: boolean }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('prices.public.title')} active={PUBLIC_PATH}>
      <h1>{t('prices.public.title')}</h1>
      <p class="lead">{t('prices.public.lead')}</p>
      <FreshnessLine f={freshness} />
      {unknown ? <p class="err" role="alert">{t('prices.public.unknown_market')}</p> : null}
      <MarketPicker c={c} action={PUBLIC_PATH} markets={markets} chosen={table?.market.code} label={t('prices.public.pick')} />
      {table ? (
        <>
          <h2>{table.market.name}</h2>
          {table.day ? <p>{t('prices.public.day', { date: dayText(c, table.day) })}</p> : <p>{t('prices.public.none')}</p>}
          <DataTable caption={t('prices.public.caption', { market: table.market.name })} rows={table.rows.filter((r) => r.price !== undefined)} empty={t('prices.public.none')}
            columns={[
              { header: t('prices.col.commodity'), cell: (r) => <a href={`${PUBLIC_PATH}/${r.commodity.code}?pasar=${table.market.code}`}>{r.commodity.name}</a> },
              { header: t('prices.col.price'), class: 'num', cell: (r) => t(`prices.per.${r.commodity.unit}`, { price: rupiah(r.price!) }) },
              { header: t('prices.col.change'), cell: (r) => <Change c={c} r={r} /> },
            ]} />
          <p class="muted">{t('prices.public.owner', { unit: table.market.ownerName })} {table.market.note}</p>
        </>
      ) : <p>{t('prices.public.none')}</p>}
      <p><a href="/api/v1/staple-prices">{t('prices.public.api')}</a></p>
    </Layout>
  );
}

export function ChartPage({ c, commodity, market, markets, series, freshness }: {
  c: Context<Env>; commodity: Commodity; market: Market; markets: Market[]; series: { from: string; to: string; points: PriceRow[] }; freshness: Freshness;
}) {
  const t = c.get('t');
  const title = t('prices.chart.title', { commodity: commodity.name, market: market.name });
  const short = (d: string) => dayText(c, d);
  const last = series.points.at(-1);
  const desc = series.points.length
    ? t('prices.chart.desc', { from: short(series.from), to: short(series.to), count: series.points.length, min: rupiah(Math.min(...series.points.map((p) => p.price))), max: rupiah(Math.max(...series.points.map((p) => p.price))), last: rupiah(last!.price) })
    : t('prices.chart.empty');
  return (
    <Layout c={c} title={title} active={PUBLIC_PATH}>
      <p><a href={`${PUBLIC_PATH}?pasar=${market.code}`}>{t('prices.chart.back')}</a></p>
      <h1>{title}</h1>
      <FreshnessLine f={freshness} />
      <MarketPicker c={c} action={`${PUBLIC_PATH}/${commodity.code}`} markets={markets} chosen={market.code} label={t('prices.public.pick')} />
      {series.points.length ? (
        <>
          <PriceChart id="grafik" title={title} desc={desc} series={series.points} from={series.from} to={series.to} rupiah={rupiah} short={short} />
          <DataTable caption={t('prices.chart.table', { commodity: commodity.name })} rows={[...series.points].reverse()}
            columns={[
              { header: t('prices.col.day'), cell: (p) => short(p.day) },
              { header: t('prices.col.price'), class: 'num', cell: (p) => t(`prices.per.${commodity.unit}`, { price: rupiah(p.price) }) },
            ]} />
        </>
      ) : <p>{t('prices.chart.empty')}</p>}
    </Layout>
  );
}
