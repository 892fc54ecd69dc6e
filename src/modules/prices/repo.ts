// Every SQL statement on this module's tables (and the unit lookups it needs).
import { sql, type Generated } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';

interface CommoditiesTable { id: Generated<number>; code: string; name: string; unit: 'kg' | 'liter'; sort: Generated<number>; active: Generated<boolean> }
interface MarketsTable { id: Generated<number>; code: string; name: string; owner_unit_id: number; note: Generated<string>; sort: Generated<number>; active: Generated<boolean> }
interface EntriesTable { commodity_id: number; market_id: number; day: string; price: number; updated_at: Date }
interface ImportsTable {
  id: Generated<number>; unit_id: number; idem: string; status: Generated<'queued' | 'running' | 'done' | 'failed'>; total: number; done: Generated<number>;
  rows: unknown; created_by: number | null; created_at: Generated<Date>; finished_at: Date | null;
}
interface NoticesTable { item_key: string; state: 'due_soon' | 'stale'; updated_at: string; sent_at: Generated<Date> }

declare module '../../platform/db/schema.ts' {
  interface Database {
    prices_commodities: CommoditiesTable;
    prices_markets: MarketsTable;
    prices_entries: EntriesTable;
    prices_imports: ImportsTable;
    prices_freshness_notices: NoticesTable;
  }
}

export interface Commodity { id: number; code: string; name: string; unit: 'kg' | 'liter' }
export interface Market { id: number; code: string; name: string; note: string; ownerUnitId: number; ownerPath: string; ownerCode: string; ownerName: string }
export interface PriceRow { commodityId: number; marketId: number; day: string; price: number; updatedAt: Date }
export interface UnitRef { id: number; code: string; name: string; path: string }

// ---- commodities and markets (the seed)

export async function upsertCommodity(tx: Executor, c: { code: string; name: string; unit: 'kg' | 'liter'; sort: number }): Promise<void> {
  await tx.insertInto('prices_commodities').values(c)
    .onConflict((oc) => oc.column('code').doUpdateSet({ name: c.name, unit: c.unit, sort: c.sort })).execute();
}

export async function upsertMarket(tx: Executor, m: { code: string; name: string; owner_unit_id: number; note: string; sort: number }): Promise<void> {
  await tx.insertInto('prices_markets').values(m)
    .onConflict((oc) => oc.column('code').doUpdateSet({ name: m.name, owner_unit_id: m.owner_unit_id, note: m.note, sort: m.sort })).execute();
}

export async function commodities(db: Executor): Promise<Commodity[]> {
  return db.selectFrom('prices_commodities').select(['id', 'code', 'name', 'unit']).where('active', '=', true).orderBy('sort').orderBy('id').execute();
}

/** Active markets; `scope` (unit paths, null = all) limits them to those owned inside the subtrees. */
export async function markets(db: Executor, scope: string[] | null = null): Promise<Market[]> {
  if (scope && !scope.length) return [];
  let q = db.selectFrom('prices_markets as m').innerJoin('units as u', 'u.id', 'm.owner_unit_id')
    .select(['m.id', 'm.code', 'm.name', 'm.note', 'm.owner_unit_id as ownerUnitId', 'u.path as ownerPath', 'u.code as ownerCode', 'u.name as ownerName'])
    .where('m.active', '=', true);
  if (scope) q = q.where((eb) => eb.or(scope.map((p) => eb('u.path', 'like', `${p}%`))));
  return q.orderBy('m.sort').orderBy('m.id').execute();
}

export async function findUnit(db: Executor, code: string): Promise<UnitRef | undefined> {
  return db.selectFrom('units').select(['id', 'code', 'name', 'path']).where('code', '=', code).executeTakeFirst();
}

export async function unitsByIds(db: Executor, ids: number[]): Promise<UnitRef[]> {
  if (!ids.length) return [];
  return db.selectFrom('units').select(['id', 'code', 'name', 'path']).where('id', 'in', ids).execute();
}

// ---- prices

export async function upsertPrices(tx: Executor, rows: { commodityId: number; marketId: number; day: string; price: number }[], at: Date): Promise<void> {
  if (!rows.length) return;
  await tx.insertInto('prices_entries')
    .values(rows.map((r) => ({ commodity_id: r.commodityId, market_id: r.marketId, day: r.day, price: r.price, updated_at: at })))
    .onConflict((oc) => oc.columns(['commodity_id', 'market_id', 'day']).doUpdateSet({ price: sql`excluded.price`, updated_at: sql`excluded.updated_at` }))
    .execute();
}

const priceCols = ['commodity_id as commodityId', 'market_id as marketId', 'day', 'price', 'updated_at as updatedAt'] as const;

export async function pricesOn(db: Executor, marketId: number, day: string): Promise<PriceRow[]> {
  return db.selectFrom('prices_entries').select(priceCols).where('market_id', '=', marketId).where('day', '=', day).execute();
}

/** The newest day with prices for a market on or before `day`. */
export async function latestDay(db: Executor, marketId: number, onOrBefore?: string): Promise<string | undefined> {
  let q = db.selectFrom('prices_entries').select((eb) => eb.fn.max('day').as('day')).where('market_id', '=', marketId);
  if (onOrBefore) q = q.where('day', '<=', onOrBefore);
  return (await q.executeTakeFirst())?.day ?? undefined;
}

/** For each commodity, its newest price in a market on or before `day` (the week-ago comparison). */
export async function latestPerCommodity(db: Executor, marketId: number, onOrBefore: string): Promise<PriceRow[]> {
  return db.selectFrom('prices_entries as e').select(['e.commodity_id as commodityId', 'e.market_id as marketId', 'e.day', 'e.price', 'e.updated_at as updatedAt'])
    .where('e.market_id', '=', marketId)
    .where('e.day', '=', (eb) => eb.selectFrom('prices_entries as x').select((x) => x.fn.max('x.day').as('d'))
      .whereRef('x.commodity_id', '=', 'e.commodity_id').where('x.market_id', '=', marketId).where('x.day', '<=', onOrBefore))
    .execute();
}

export async function series(db: Executor, commodityId: number, marketId: number, from: string, to: string): Promise<PriceRow[]> {
  return db.selectFrom('prices_entries').select(priceCols)
    .where('commodity_id', '=', commodityId).where('market_id', '=', marketId).where('day', '>=', from).where('day', '<=', to)
    .orderBy('day').execute();
}

/** When each owner unit last entered prices (freshness). */
export async function lastUpdatePerOwner(db: Executor): Promise<{ unitId: number; unitCode: string; updatedAt: Date | null }[]> {
  const rows = await db.selectFrom('prices_markets as m').innerJoin('units as u', 'u.id', 'm.owner_unit_id')
    .leftJoin('prices_entries as e', 'e.market_id', 'm.id')
    .select((eb) => ['u.id as unitId', 'u.code as unitCode', eb.fn.max('e.updated_at').as('updatedAt')])
    .where('m.active', '=', true)
    .groupBy(['u.id', 'u.code']).orderBy('u.code').execute();
  return rows.map((r) => ({ unitId: r.unitId, unitCode: r.unitCode, updatedAt: r.updatedAt ? new Date(r.updatedAt) : null }));
}

export async function anyPrices(db: Executor): Promise<boolean> {
  return !!(await db.selectFrom('prices_entries').select('day').limit(1).executeTakeFirst());
}

export async function allPrices(db: Executor) {
  return db.selectFrom('prices_entries as e')
    .innerJoin('prices_commodities as c', 'c.id', 'e.commodity_id')
    .innerJoin('prices_markets as m', 'm.id', 'e.market_id')
    .select(['e.day', 'm.code as market', 'm.name as marketName', 'c.code as commodity', 'c.name as commodityName', 'c.unit', 'e.price', 'e.updated_at as updatedAt'])
    .orderBy('e.day').orderBy('m.sort').orderBy('c.sort').execute();
}

export async function countEntriesBetween(db: Executor, from: Date, to: Date, withinPath?: string): Promise<number> {
  let q = db.selectFrom('prices_entries as e').innerJoin('prices_markets as m', 'm.id', 'e.market_id').innerJoin('units as u', 'u.id', 'm.owner_unit_id')
    .select((eb) => eb.fn.countAll<number>().as('n')).where('e.updated_at', '>=', from).where('e.updated_at', '<', to);
  if (withinPath) q = q.where('u.path', 'like', `${withinPath}%`);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function unitPath(db: Executor, id: number): Promise<string | undefined> {
  return (await db.selectFrom('units').select('path').where('id', '=', id).executeTakeFirst())?.path;
}

// ---- imports

export interface ImportRow { commodityId: number; marketId: number; day: string; price: number }

export async function createImport(tx: Executor, v: { unitId: number; idem: string; rows: ImportRow[]; createdBy: number | null }): Promise<{ id: number; created: boolean }> {
  const r = await tx.insertInto('prices_imports').values({ unit_id: v.unitId, idem: v.idem, total: v.rows.length, rows: JSON.stringify(v.rows), created_by: v.createdBy })
    .onConflict((oc) => oc.column('idem').doNothing()).returning('id').executeTakeFirst();
  if (r) return { id: r.id, created: true };
  const existing = await tx.selectFrom('prices_imports').select('id').where('idem', '=', v.idem).executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

export async function findImport(db: Executor, id: number) {
  return db.selectFrom('prices_imports as i').innerJoin('units as u', 'u.id', 'i.unit_id')
    .select(['i.id', 'i.status', 'i.total', 'i.done', 'i.rows', 'i.created_by as createdBy', 'i.created_at as createdAt', 'i.finished_at as finishedAt', 'u.path as unitPath', 'u.id as unitId'])
    .where('i.id', '=', id).executeTakeFirst();
}

export async function setImportProgress(tx: Executor, id: number, v: { status: 'running' | 'done' | 'failed'; done: number; finishedAt?: Date }): Promise<void> {
  await tx.updateTable('prices_imports').set({ status: v.status, done: v.done, ...(v.finishedAt ? { finished_at: v.finishedAt } : {}) }).where('id', '=', id).execute();
}

// ---- freshness reminders

/** Record a notice; false when this item, state and update was already notified. */
export async function claimNotice(tx: Executor, key: string, state: 'due_soon' | 'stale', updatedAt: string): Promise<boolean> {
  const r = await tx.insertInto('prices_freshness_notices').values({ item_key: key, state, updated_at: updatedAt })
    .onConflict((oc) => oc.columns(['item_key', 'state', 'updated_at']).doNothing()).returning('item_key').executeTakeFirst();
  return !!r;
}

/** Staff of a unit (officers and unit admins granted at that very unit) with an email address. */
export async function unitRecipients(db: Executor, unitId: number): Promise<{ email: string; locale: 'id' | 'en' }[]> {
  const rows = await db.selectFrom('role_grants as g').innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['u.email', 'u.locale']).distinct()
    .where('g.unit_id', '=', unitId).where('g.role', 'in', ['officer', 'unit_admin'])
    .where('u.email', 'is not', null).where('u.disabled_at', 'is', null).execute();
  return rows.map((r) => ({ email: r.email!, locale: r.locale }));
}

export async function pendingJob(db: Executor, name: string): Promise<boolean> {
  return !!(await db.selectFrom('jobs').select('id').where('name', '=', name).where('done_at', 'is', null).where('failed_at', 'is', null).limit(1).executeTakeFirst());
}
