// Use cases of the staple-food prices: today's table per market with the change from a week
// earlier, a commodity's series for the chart, the trade office's daily entry (one form per
// market, audited), and CSV imports that are checked whole before anything is written. No HTTP here.
import { parse } from 'csv-parse/sync';
import { can, scopePaths, type Actor } from '../../platform/access/can.ts';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import { addDays, localDate } from '../../platform/calendar/working-days.ts';
import type { Executor } from '../../platform/db/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../platform/http/input.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { freshnessOf, type Cadence, type Freshness, type FreshnessItem } from '../../platform/freshness/index.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import * as repo from './repo.ts';
import type { Commodity, ImportRow, Market, PriceRow } from './repo.ts';
import { MAX_PRICE, MIN_PRICE, parseRupiah, priceError } from './schema.ts';

export type { Commodity, Market, PriceRow };

/** Prices are updated every working day. */
export const CADENCE: Cadence = { workingDays: 1 };
export const PUBLIC_PATH = '/harga-pangan';
export const IMPORT_JOB = 'prices.import';
export const CHART_DAYS = 30;

export const today = async (ctx: Pick<AppContext, 'clock' | 'calendar'>) => localDate(ctx.clock.now(), await ctx.calendar.timeZone());

// ---- freshness

/** One item per unit that owns markets: "its price table", last updated when it last entered a price. */
export async function freshnessItems(ctx: Pick<AppContext, 'db'>): Promise<FreshnessItem[]> {
  return (await repo.lastUpdatePerOwner(ctx.db)).map((u) => ({
    key: `prices.table.${u.unitCode}`, title: 'prices.freshness.title', unitId: u.unitId, updatedAt: u.updatedAt, cadence: CADENCE, href: PUBLIC_PATH,
  }));
}

export async function freshnessOfOwner(ctx: AppContext, unitId: number, locale: Locale): Promise<{ updatedAt: Date | null; freshness: Freshness }> {
  const item = (await freshnessItems(ctx)).find((i) => i.unitId === unitId);
  const updatedAt = item?.updatedAt ?? null;
  return { updatedAt, freshness: await freshnessOf(ctx, { updatedAt, cadence: CADENCE }, ctx.clock.now(), locale) };
}

// ---- the public tables

export interface TableRow { commodity: Commodity; price?: number; weekAgo?: number; change?: number }
export interface MarketTable { market: Market; day?: string; rows: TableRow[] }

/** The newest day of a market's prices, each commodity compared with its price a week before that day. */
export async function marketTable(db: Executor, market: Market): Promise<MarketTable> {
  const [list, day] = await Promise.all([repo.commodities(db), repo.latestDay(db, market.id)]);
  if (!day) return { market, rows: list.map((commodity) => ({ commodity })) };
  const [now, before] = await Promise.all([repo.pricesOn(db, market.id, day), repo.latestPerCommodity(db, market.id, addDays(day, -7))]);
  return {
    market, day,
    rows: list.map((commodity) => {
      const price = now.find((p) => p.commodityId === commodity.id)?.price;
      const weekAgo = before.find((p) => p.commodityId === commodity.id)?.price;
      return { commodity, price, weekAgo, change: price !== undefined && weekAgo !== undefined ? price - weekAgo : undefined };
    }),
  };
}

export const allMarkets = (db: Executor) => repo.markets(db);
export const allCommodities = (db: Executor) => repo.commodities(db);
export const anyPrices = (db: Executor) => repo.anyPrices(db);

/** The chosen market, or the first one; undefined when the pack has none. */
export function pickMarket(list: Market[], code?: string): { market?: Market; unknown: boolean } {
  const found = code ? list.find((m) => m.code === code) : undefined;
  return { market: found ?? list[0], unknown: !!code && !found };
}

export async function commoditySeries(ctx: AppContext, commodity: Commodity, market: Market): Promise<{ from: string; to: string; points: PriceRow[] }> {
  const to = await today(ctx);
  const from = addDays(to, -(CHART_DAYS - 1));
  return { from, to, points: await repo.series(ctx.db, commodity.id, market.id, from, to) };
}

// ---- the back office

export function mayEnter(actor: Actor, m: Pick<Market, 'ownerPath'>): boolean {
  return can(actor, 'prices.enter', { unitPath: m.ownerPath });
}

/** The markets whose prices this officer enters (owned by the officer's unit or below it). */
export const marketsFor = (db: Executor, actor: Actor) => repo.markets(db, scopePaths(actor, 'prices.enter'));

export const cell = (code: string) => `p_${code}`;

export type Saved = { ok: true; count: number } | { ok: false; errors: FieldErrors };

/** Today's prices of one market from the form: every cell checked (its own error), then one upsert and one audit entry. */
export async function enterPrices(ctx: AppContext, actor: Actor, who: AuditActor, market: Market, values: FormData): Promise<Saved> {
  if (!mayEnter(actor, market)) return { ok: false, errors: { market: 'prices.market.outside_scope' } };
  const list = await repo.commodities(ctx.db);
  const errors: FieldErrors = {};
  const rows: { commodityId: number; price: number; code: string }[] = [];
  for (const c of list) {
    const raw = values[cell(c.code)] ?? '';
    const err = priceError(raw);
    if (err) errors[cell(c.code)] = err;
    else if (raw.trim()) rows.push({ commodityId: c.id, price: parseRupiah(raw)!, code: c.code });
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  if (!rows.length) return { ok: false, errors: { _: 'prices.form.nothing' } };
  const day = await today(ctx);
  const at = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const before = await repo.pricesOn(tx, market.id, day);
    await repo.upsertPrices(tx, rows.map((r) => ({ commodityId: r.commodityId, marketId: market.id, day, price: r.price })), at);
    const codeOf = (id: number) => list.find((c) => c.id === id)?.code ?? String(id);
    await recordAudit(tx, who, {
      action: 'prices.entered', subjectType: 'prices_market_day', subjectId: `${market.code}/${day}`, unitId: market.ownerUnitId,
      before: before.length ? Object.fromEntries(before.map((p) => [codeOf(p.commodityId), p.price])) : undefined,
      after: Object.fromEntries(rows.map((r) => [r.code, r.price])),
    });
  });
  return { ok: true, count: rows.length };
}

// ---- CSV import

export interface ImportError { line: number; key: string; params: Record<string, string | number> }
export const MAX_IMPORT_ROWS = 5000;
const HEADER = ['tanggal', 'pasar', 'komoditas', 'harga'];

/**
 * Check the whole file: header `tanggal,pasar,komoditas,harga`; a date (YYYY-MM-DD, not after today),
 * a market the officer enters prices for (code or name), a commodity (code or name), a price in
 * rupiah; no row twice. Every bad row is reported with its line number; any error means nothing is
 * imported.
 */
export async function checkCsv(ctx: AppContext, actor: Actor, text: string): Promise<{ rows: ImportRow[]; errors: ImportError[] }> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const line = Number((e as { lines?: number }).lines) || 1;
    return { rows: [], errors: [{ line, key: 'prices.import.err.syntax', params: {} }] };
  }
  if (!records.length) return { rows: [], errors: [{ line: 1, key: 'prices.import.empty', params: {} }] };
  const head = records[0].record.map((h) => h.toLowerCase());
  if (HEADER.some((h, i) => head[i] !== h)) return { rows: [], errors: [{ line: records[0].info.lines, key: 'prices.import.err.header', params: { header: HEADER.join(',') } }] };
  const body = records.slice(1);
  if (!body.length) return { rows: [], errors: [{ line: 1, key: 'prices.import.empty', params: {} }] };
  if (body.length > MAX_IMPORT_ROWS) return { rows: [], errors: [{ line: 1, key: 'prices.import.err.too_many', params: { max: MAX_IMPORT_ROWS } }] };
  const [list, all] = await Promise.all([repo.commodities(ctx.db), repo.markets(ctx.db)]);
  const todayDate = await today(ctx);
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
  const rows: ImportRow[] = [];
  const errors: ImportError[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    const [tanggal = '', pasar = '', komoditas = '', harga = ''] = record;
    if (record.length !== 4) { errors.push({ line, key: 'prices.import.err.columns', params: { count: record.length } }); continue; }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(tanggal) || Number.isNaN(Date.parse(`${tanggal}T00:00:00Z`)) || new Date(`${tanggal}T00:00:00Z`).toISOString().slice(0, 10) !== tanggal) {
      errors.push({ line, key: 'prices.import.err.date', params: { value: tanggal.slice(0, 40) } }); continue;
    }
    if (tanggal > todayDate) { errors.push({ line, key: 'prices.import.err.future', params: { value: tanggal } }); continue; }
    const market = all.find((m) => m.code === norm(pasar) || norm(m.name) === norm(pasar));
    if (!market) { errors.push({ line, key: 'prices.import.err.market', params: { value: pasar.slice(0, 60) } }); continue; }
    if (!mayEnter(actor, market)) { errors.push({ line, key: 'prices.import.err.market_scope', params: { value: market.name } }); continue; }
    const commodity = list.find((c) => c.code === norm(komoditas) || norm(c.name) === norm(komoditas));
    if (!commodity) { errors.push({ line, key: 'prices.import.err.commodity', params: { value: komoditas.slice(0, 60) } }); continue; }
    const price = parseRupiah(harga);
    if (price === null) { errors.push({ line, key: 'prices.import.err.price', params: { value: harga.slice(0, 40) } }); continue; }
    if (price < MIN_PRICE || price > MAX_PRICE) { errors.push({ line, key: 'prices.import.err.range', params: { value: harga.slice(0, 40), min: MIN_PRICE, max: MAX_PRICE } }); continue; }
    const k = `${tanggal}|${market.id}|${commodity.id}`;
    const first = seen.get(k);
    if (first !== undefined) { errors.push({ line, key: 'prices.import.err.duplicate', params: { first } }); continue; }
    seen.set(k, line);
    rows.push({ commodityId: commodity.id, marketId: market.id, day: tanggal, price });
  }
  return { rows, errors };
}

/** The unit the import is recorded under: the owner of its first row's market. */
export async function startImport(ctx: AppContext, actor: Actor, who: AuditActor, idem: string, rows: ImportRow[]): Promise<number> {
  const all = await repo.markets(ctx.db);
  const owner = all.find((m) => m.id === rows[0].marketId)!;
  return ctx.db.transaction().execute(async (tx) => {
    const r = await repo.createImport(tx, { unitId: owner.ownerUnitId, idem, rows, createdBy: actor.kind === 'staff' ? actor.userId : null });
    if (!r.created) return r.id;
    await recordAudit(tx, who, { action: 'prices.imported', subjectType: 'prices_import', subjectId: r.id, unitId: owner.ownerUnitId, after: { rows: rows.length } });
    await enqueue(tx, IMPORT_JOB, { id: r.id });
    return r.id;
  });
}

export const findImport = (db: Executor, id: number) => repo.findImport(db, id);

const CHUNK = 250;

/** The import job: writes the checked rows in chunks, recording progress after each one (re-runs are harmless: upserts). */
export async function runImport(ctx: AppContext, id: number): Promise<void> {
  const imp = await repo.findImport(ctx.db, id);
  if (!imp || imp.status === 'done') return;
  const rows = (typeof imp.rows === 'string' ? JSON.parse(imp.rows) : imp.rows) as ImportRow[];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const done = Math.min(rows.length, i + CHUNK);
    await ctx.db.transaction().execute(async (tx) => {
      await repo.upsertPrices(tx, chunk, ctx.clock.now());
      await repo.setImportProgress(tx, id, done < rows.length ? { status: 'running', done } : { status: 'done', done, finishedAt: new Date() });
    });
  }
}
