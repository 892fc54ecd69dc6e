// All SQL of the contacts module: its own table, joined with the platform's unit tree (ADR 004) for
// names and scope. Nothing here decides who may do what; service.ts does.
import { sql, type Generated } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';
import type { TimestampDefault } from '../../platform/db/schema.ts';
import { CATEGORIES, type Category } from './schema.ts';

// The table's row type, added to the platform's Database type from this folder.
declare module '../../platform/db/schema.ts' {
  interface Database {
    emergency_contacts: {
      id: Generated<number>; category: Category; name: string; phone: string; whatsapp: string | null; note: Generated<string>;
      source: Generated<string>; kecamatan_id: number | null; owner_unit_id: number; seed_key: string | null; example: Generated<boolean>;
      active: Generated<boolean>; reviewed_at: TimestampDefault; created_at: TimestampDefault; updated_at: TimestampDefault;
    };
  }
}

export interface UnitRef { id: number; code: string; name: string; kind: string; path: string }

export interface ContactRow {
  id: number;
  category: Category;
  name: string;
  phone: string;
  whatsapp: string | null;
  note: string;
  source: string;
  kecamatan: UnitRef | null;
  owner: UnitRef;
  seedKey: string | null;
  example: boolean;
  active: boolean;
  reviewedAt: Date;
  updatedAt: Date;
}

/** The fields a person edits (owner and kecamatan as unit ids). */
export interface ContactValues {
  category: Category; name: string; phone: string; whatsapp: string | null; note: string; source: string;
  kecamatanId: number | null; ownerUnitId: number;
}

// categories in their fixed order: constants, never input, so raw SQL is safe here
const CATEGORY_ORDER = sql.raw(`array_position(array[${CATEGORIES.map((c) => `'${c}'`).join(',')}]::text[], c.category)`);

function contactQuery(db: Executor) {
  return db
    .selectFrom('emergency_contacts as c')
    .innerJoin('units as o', 'o.id', 'c.owner_unit_id')
    .leftJoin('units as k', 'k.id', 'c.kecamatan_id')
    .select([
      'c.id', 'c.category', 'c.name', 'c.phone', 'c.whatsapp', 'c.note', 'c.source', 'c.seed_key', 'c.example', 'c.active', 'c.reviewed_at', 'c.updated_at',
      'o.id as o_id', 'o.code as o_code', 'o.name as o_name', 'o.kind as o_kind', 'o.path as o_path',
      'k.id as k_id', 'k.code as k_code', 'k.name as k_name', 'k.kind as k_kind', 'k.path as k_path',
    ])
    // city-wide first, then by category (112 first), the national number of a category before local ones, then by name
    .orderBy(sql`c.kecamatan_id is not null`)
    .orderBy(CATEGORY_ORDER)
    .orderBy(sql`coalesce(c.seed_key like 'national.%', false)`, 'desc')
    .orderBy('c.name');
}

type Raw = Awaited<ReturnType<ReturnType<typeof contactQuery>['execute']>>[number];
const toRow = (r: Raw): ContactRow => ({
  id: r.id, category: r.category, name: r.name, phone: r.phone, whatsapp: r.whatsapp, note: r.note, source: r.source,
  owner: { id: r.o_id, code: r.o_code, name: r.o_name, kind: r.o_kind, path: r.o_path },
  kecamatan: r.k_id === null ? null : { id: r.k_id, code: r.k_code!, name: r.k_name!, kind: r.k_kind!, path: r.k_path! },
  seedKey: r.seed_key, example: r.example, active: r.active, reviewedAt: r.reviewed_at, updatedAt: r.updated_at,
});

/** Active entries for the public: city-wide ones, plus one kecamatan's when given. */
export async function listActive(db: Executor, kecamatanId?: number): Promise<ContactRow[]> {
  const rows = await contactQuery(db)
    .where('c.active', '=', true)
    .where((eb) => (kecamatanId === undefined ? eb('c.kecamatan_id', 'is', null) : eb.or([eb('c.kecamatan_id', 'is', null), eb('c.kecamatan_id', '=', kecamatanId)])))
    .execute();
  return rows.map(toRow);
}

/** Every active entry, each kecamatan's too (open-data export). */
export async function listAllActive(db: Executor): Promise<ContactRow[]> {
  return (await contactQuery(db).where('c.active', '=', true).execute()).map(toRow);
}

/** The back-office list: entries (inactive too) whose owner is inside one of `scope`'s subtrees; null = all. */
export async function listOwnedWithin(db: Executor, scope: string[] | null): Promise<ContactRow[]> {
  if (scope && !scope.length) return [];
  let q = contactQuery(db);
  if (scope) q = q.where((eb) => eb.or(scope.map((p) => eb('o.path', 'like', `${p}%`))));
  return (await q.execute()).map(toRow);
}

export async function findContact(db: Executor, id: number): Promise<ContactRow | undefined> {
  const r = await contactQuery(db).where('c.id', '=', id).executeTakeFirst();
  return r ? toRow(r) : undefined;
}

/** Active entries whose name or note contains `term`, or whose category is one of `categories`. */
export async function searchContacts(db: Executor, term: string, categories: Category[], limit = 100): Promise<ContactRow[]> {
  const pattern = `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const rows = await contactQuery(db)
    .where('c.active', '=', true)
    .where((eb) => eb.or([
      eb('c.name', 'ilike', pattern),
      eb('c.note', 'ilike', pattern),
      eb('k.name', 'ilike', pattern),
      ...(categories.length ? [eb('c.category', 'in', categories)] : []),
    ]))
    .limit(limit)
    .execute();
  return rows.map(toRow);
}

const columns = (v: ContactValues) => ({
  category: v.category, name: v.name, phone: v.phone, whatsapp: v.whatsapp, note: v.note, source: v.source,
  kecamatan_id: v.kecamatanId, owner_unit_id: v.ownerUnitId,
});

export async function insertContact(tx: Executor, v: ContactValues): Promise<number> {
  const r = await tx.insertInto('emergency_contacts').values(columns(v)).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Rows the seeds and the demo own: inserted once, never overwritten (an admin's edit stays). */
export async function insertSeeded(tx: Executor, seedKey: string, v: ContactValues, opts: { example: boolean; reviewedAt?: Date }): Promise<number | undefined> {
  const r = await tx.insertInto('emergency_contacts').values({ ...columns(v), seed_key: seedKey, example: opts.example, ...(opts.reviewedAt ? { reviewed_at: opts.reviewedAt } : {}) })
    .onConflict((oc) => oc.column('seed_key').doNothing()).returning('id').executeTakeFirst();
  return r?.id;
}

/** An edit is also a review: the entry was just looked at and is current. */
export async function updateContact(tx: Executor, id: number, v: ContactValues): Promise<void> {
  await tx.updateTable('emergency_contacts').set({ ...columns(v), reviewed_at: sql`now()`, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export async function setContactActive(tx: Executor, id: number, active: boolean): Promise<void> {
  await tx.updateTable('emergency_contacts').set({ active, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export async function markReviewed(tx: Executor, id: number): Promise<void> {
  await tx.updateTable('emergency_contacts').set({ reviewed_at: sql`now()` }).where('id', '=', id).execute();
}

// ---- units (the platform's tree)

const unitColumns = ['id', 'code', 'name', 'kind', 'path'] as const;

export async function activeKecamatan(db: Executor): Promise<UnitRef[]> {
  return db.selectFrom('units').select(unitColumns).where('kind', '=', 'kecamatan').where('active', '=', true).orderBy('name').execute();
}

export async function findActiveUnit(db: Executor, code: string): Promise<UnitRef | undefined> {
  return db.selectFrom('units').select(unitColumns).where('code', '=', code).where('active', '=', true).executeTakeFirst();
}

export async function regionUnit(db: Executor): Promise<UnitRef | undefined> {
  return db.selectFrom('units').select(unitColumns).where('kind', '=', 'region').orderBy('id').executeTakeFirst();
}

/** The kecamatan a unit lies in (itself when it is one); none for the region and OPD. */
export async function kecamatanOf(db: Executor, unit: UnitRef): Promise<UnitRef | undefined> {
  return db.selectFrom('units').select(unitColumns).where('kind', '=', 'kecamatan')
    .where(sql<boolean>`${unit.path} like units.path || '%'`).executeTakeFirst();
}

/** Active units inside `scope`'s subtrees (null = all): the owners an officer may choose. */
export async function unitsWithin(db: Executor, scope: string[] | null): Promise<UnitRef[]> {
  if (scope && !scope.length) return [];
  let q = db.selectFrom('units').select(unitColumns).where('active', '=', true);
  if (scope) q = q.where((eb) => eb.or(scope.map((p) => eb('path', 'like', `${p}%`))));
  return q.orderBy(sql`case kind when 'region' then 0 when 'opd' then 1 when 'kecamatan' then 2 else 3 end`).orderBy('name').execute();
}

// ---- figures (stats.ts)

export async function countsPerOwner(db: Executor, opts: { withinPath?: string; reviewDays: number }) {
  let q = db
    .selectFrom('emergency_contacts as c')
    .innerJoin('units as o', 'o.id', 'c.owner_unit_id')
    .select((eb) => [
      'o.id as unitId', 'o.code as unitCode', 'o.name as unitName',
      eb.fn.countAll<number>().as('entries'),
      sql<number>`count(*) filter (where c.reviewed_at < now() - make_interval(days => ${opts.reviewDays}))`.as('stale'),
    ])
    .where('c.active', '=', true)
    .where('c.example', '=', false)
    .groupBy(['o.id', 'o.code', 'o.name'])
    .orderBy('o.code');
  if (opts.withinPath) q = q.where('o.path', 'like', `${opts.withinPath}%`);
  return (await q.execute()).map((r) => ({ ...r, entries: Number(r.entries), stale: Number(r.stale) }));
}

export async function countReviewedBetween(db: Executor, opts: { withinPath?: string; from: Date; to: Date }): Promise<number> {
  let q = db
    .selectFrom('emergency_contacts as c')
    .innerJoin('units as o', 'o.id', 'c.owner_unit_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.example', '=', false)
    .where('c.reviewed_at', '>=', opts.from)
    .where('c.reviewed_at', '<', opts.to);
  if (opts.withinPath) q = q.where('o.path', 'like', `${opts.withinPath}%`);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function unitPath(db: Executor, unitId: number): Promise<string | undefined> {
  return (await db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst())?.path;
}
