/** @jsxImportSource hono/jsx */
// Back office: /petugas/harga-pangan (today's prices of one market in one form), the CSV import with
// its per-row error report and progress, and the freshness board /petugas/kesegaran.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../../platform/http/input.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { Csrf, DataTable, ErrorSummary, Field, Notice } from '../../../platform/ui/components.tsx';
import { formatDate } from '../../../platform/i18n/index.ts';
import type { Freshness } from '../../../platform/freshness/index.ts';
import type { BoardUnit } from '../freshness.ts';
import { cell, type Commodity, type ImportError, type Market, type PriceRow } from '../service.ts';
import { FreshnessLine, MarketPicker, rupiah } from './shared.tsx';

export const STAFF_PATH = '/petugas/harga-pangan';
export const IMPORT_PATH = `${STAFF_PATH}/impor`;
export const BOARD_PATH = '/petugas/kesegaran';

export function EntryPage({ c, markets, market, commodities, today, previous, values, errors, freshness, saved }: {
  c: Context<Env>; markets: Market[]; market?: Market; commodities: Commodity[]; today: string; previous: PriceRow[];
  values: FormData; errors: FieldErrors; freshness: Freshness; saved?: boolean;
}) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('prices.staff.title')} staff active={STAFF_PATH}>
      <h1>{t('prices.staff.title')}</h1>
      {saved ? <Notice kind="ok">{t('prices.staff.saved')}</Notice> : null}
      <FreshnessLine f={freshness} />
      <p><a href={IMPORT_PATH}>{t('prices.import.link')}</a></p>
      {market ? (
        <>
          <MarketPicker c={c} action={STAFF_PATH} markets={markets} chosen={market.code} label={t('prices.staff.pick')} />
          <h2>{t('prices.staff.today', { market: market.name, date: formatDate(c.get('locale'), `${today}T12:00:00Z`, 'UTC') })}</h2>
          <ErrorSummary c={c} errors={errors} />
          <form method="post" action={STAFF_PATH} novalidate>
            <Csrf c={c} />
            <input type="hidden" name="market" value={market.code} />
            <p class="hint">{t('prices.staff.hint')}</p>
            <DataTable caption={t('prices.staff.caption', { market: market.name })} rows={commodities}
              columns={[
                { header: t('prices.col.commodity'), cell: (k) => <label for={`f-${cell(k.code)}`}>{k.name} ({t(`prices.unit.${k.unit}`)})</label> },
                { header: t('prices.col.last'), class: 'num', cell: (k) => { const p = previous.find((x) => x.commodityId === k.id); return p ? rupiah(p.price) : '–'; } },
                { header: t('prices.col.today'), cell: (k) => {
                  const name = cell(k.code);
                  const err = errors[name];
                  return (
                    <div class={err ? 'field invalid' : 'field'}>
                      {err ? <p class="err" id={`f-${name}-err`}>{t(err)}</p> : null}
                      <input id={`f-${name}`} name={name} inputmode="numeric" size={9} maxlength={15} value={values[name] ?? ''} aria-invalid={err ? 'true' : undefined} aria-describedby={err ? `f-${name}-err` : undefined} />
                    </div>
                  );
                } },
              ]} />
            <button type="submit">{t('prices.staff.save')}</button>
          </form>
        </>
      ) : <p>{t('prices.staff.no_markets')}</p>}
    </Layout>
  );
}

export function ImportPage({ c, values, errors, rowErrors }: { c: Context<Env>; values: FormData; errors: FieldErrors; rowErrors: ImportError[] }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('prices.import.title')} staff active={STAFF_PATH}>
      <p><a href={STAFF_PATH}>{t('prices.import.back')}</a></p>
      <h1>{t('prices.import.title')}</h1>
      {rowErrors.length ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>{t('prices.import.failed', { count: rowErrors.length })}</h2>
          <ul>{rowErrors.slice(0, 200).map((e) => <li>{t('prices.import.line', { line: e.line })}: {t(e.key, e.params)}</li>)}</ul>
        </div>
      ) : <ErrorSummary c={c} errors={errors} />}
      <p>{t('prices.import.help')}</p>
      <pre>tanggal,pasar,komoditas,harga{'\n'}2026-12-01,pasar-16-ilir,beras-medium,13500</pre>
      <form method="post" action={IMPORT_PATH} novalidate>
        <Csrf c={c} />
        <input type="hidden" name="idem" value={values.idem ?? ''} />
        <Field c={c} name="csv" label={t('prices.import.csv')} hint={t('prices.import.csv_hint')} multiline value={values.csv} errors={errors} />
        <button type="submit">{t('prices.import.submit')}</button>
      </form>
    </Layout>
  );
}

export function ProgressPage({ c, imp }: { c: Context<Env>; imp: { id: number; status: string; total: number; done: number } }) {
  const t = c.get('t');
  const finished = imp.status === 'done';
  return (
    <Layout c={c} title={t('prices.import.progress')} staff active={STAFF_PATH}>
      <h1>{t('prices.import.progress')}</h1>
      <p role="status">{finished ? t('prices.import.done', { total: imp.total }) : t('prices.import.running', { done: imp.done, total: imp.total })}</p>
      <progress max={imp.total} value={imp.done} aria-label={t('prices.import.progress')}>{imp.done}/{imp.total}</progress>
      {finished ? <p><a href={STAFF_PATH}>{t('prices.import.back')}</a></p> : <p><a href={`${IMPORT_PATH}/${imp.id}`}>{t('prices.import.reload')}</a></p>}
    </Layout>
  );
}

export function BoardPage({ c, units }: { c: Context<Env>; units: BoardUnit[] }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={t('prices.board.title')} staff active={BOARD_PATH}>
      <h1>{t('prices.board.title')}</h1>
      <p class="lead">{t('prices.board.lead')}</p>
      <DataTable caption={t('prices.board.caption')} rows={units} empty={t('prices.board.empty')}
        columns={[
          { header: t('prices.board.unit'), cell: (u) => u.unit.name },
          { header: t('prices.board.items'), class: 'num', cell: (u) => u.items.length },
          { header: t('prices.board.fresh'), class: 'num', cell: (u) => `${u.freshPercent}%` },
          { header: t('prices.board.oldest'), cell: (u) => u.oldestStale ? <><a href={u.oldestStale.href}>{t(u.oldestStale.title)}</a><br />{u.oldestStale.text}</> : t('prices.board.none_stale') },
        ]} />
    </Layout>
  );
}
