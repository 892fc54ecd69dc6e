// All SQL of the lowongan module. "Current" is decided here once: published and closing on or after
// `today` (the region's local date from ctx.clock, passed in).
import { sql, type Generated } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';
import type { TimestampDefault } from '../../platform/db/schema.ts';

export type Status = 'draft' | 'published' | 'archived';

declare module '../../platform/db/schema.ts' {
  interface Database {
    lowongan_vacancies: {
      id: Generated<number>; slug: string; position: string; employer: string; location: string; closing_date: string; openings: number | null;
      summary: Generated<string>; requirements: Generated<string>; how_to_apply: Generated<string>; owner_unit_id: number; status: Generated<Status>;
      published_at: Date | null; idem: string | null; seed_key: string | null; created_at: TimestampDefault; updated_at: TimestampDefault;
    };
  }
}

export interface UnitRef { id: number; code: string; name: string; path: string }
export interface VacancyValues {
  slug: string; position: string; employer: string; location: string; closingDate: string; openings: number | null;
  summary: string; requirements: string; howToApply: string; ownerUnitId: number;
}
export interface VacancyRow extends Omit<VacancyValues, 'ownerUnitId'> { id: number; status: Status; publishedAt: Date | null; updatedAt: Date; owner: UnitRef }

function query(db: Executor) {
  return db.selectFrom('lowongan_vacancies as v').innerJoin('units as u', 'u.id', 'v.owner_unit_id')
    .select(['v.id', 'v.slug', 'v.position', 'v.employer', 'v.location', 'v.closing_date', 'v.openings', 'v.summary', 'v.requirements', 'v.how_to_apply',
      'v.status', 'v.published_at', 'v.updated_at', 'u.id as u_id', 'u.code as u_code', 'u.name as u_name', 'u.path as u_path']);
}
type Raw = Awaited<ReturnType<ReturnType<typeof query>['execute']>>[number];
const toRow = (r: Raw): VacancyRow => ({
  id: r.id, slug: r.slug, position: r.position, employer: r.employer, location: r.location, closingDate: r.closing_date, openings: r.openings,
  summary: r.summary, requirements: r.requirements, howToApply: r.how_to_apply, status: r.status, publishedAt: r.published_at, updatedAt: r.updated_at,
  owner: { id: r.u_id, code: r.u_code, name: r.u_name, path: r.u_path },
});
const current = (today: string) => sql<boolean>`v.status = 'published' and v.closing_date >= ${today}`;

export async function listCurrent(db: Executor, today: string): Promise<VacancyRow[]> {
  return (await query(db).where(current(today)).orderBy('v.closing_date').orderBy('v.id').limit(1000).execute()).map(toRow);
}
export async function findCurrentBySlug(db: Executor, today: string, slug: string): Promise<VacancyRow | undefined> {
  const r = await query(db).where('v.slug', '=', slug).where(current(today)).executeTakeFirst();
  return r ? toRow(r) : undefined;
}
export async function anyCurrent(db: Executor, today: string): Promise<boolean> {
  return !!(await db.selectFrom('lowongan_vacancies as v').select('v.id').where(current(today)).limit(1).executeTakeFirst());
}
export async function searchCurrent(db: Executor, today: string, term: string): Promise<VacancyRow[]> {
  const like = `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return (await query(db).where(current(today))
    .where((eb) => eb.or([eb('v.position', 'ilike', like), eb('v.employer', 'ilike', like), eb('v.location', 'ilike', like), eb('v.summary', 'ilike', like)]))
    .orderBy('v.closing_date').limit(50).execute()).map(toRow);
}
export async function findVacancy(db: Executor, id: number): Promise<VacancyRow | undefined> {
  const r = await query(db).where('v.id', '=', id).executeTakeFirst();
  return r ? toRow(r) : undefined;
}
export async function listWithin(db: Executor, scope: string[] | null): Promise<VacancyRow[]> {
  let q = query(db);
  if (scope) {
    if (!scope.length) return [];
    q = q.where((eb) => eb.or(scope.map((p) => eb('u.path', 'like', `${p}%`))));
  }
  return (await q.orderBy('v.updated_at', 'desc').orderBy('v.id', 'desc').limit(500).execute()).map(toRow);
}
export async function unitsWithin(db: Executor, scope: string[] | null): Promise<UnitRef[]> {
  let q = db.selectFrom('units').select(['id', 'code', 'name', 'path']).where('active', '=', true).where('kind', 'not in', ['kelurahan', 'desa']);
  if (scope) {
    if (!scope.length) return [];
    q = q.where((eb) => eb.or(scope.map((p) => eb('path', 'like', `${p}%`))));
  }
  return q.orderBy('path').limit(2000).execute();
}
export const findUnit = (db: Executor, code: string) => db.selectFrom('units').select(['id', 'code', 'name', 'path']).where('code', '=', code).where('active', '=', true).executeTakeFirst();
export async function slugTaken(db: Executor, slug: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom('lowongan_vacancies').select('id').where('slug', '=', slug);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}
const columns = (v: VacancyValues) => ({
  slug: v.slug, position: v.position, employer: v.employer, location: v.location, closing_date: v.closingDate, openings: v.openings,
  summary: v.summary, requirements: v.requirements, how_to_apply: v.howToApply, owner_unit_id: v.ownerUnitId,
});
export async function insertVacancy(tx: Executor, v: VacancyValues, at: Date, extra: { idem?: string; seedKey?: string; status?: Status }): Promise<number | undefined> {
  const r = await tx.insertInto('lowongan_vacancies')
    .values({ ...columns(v), idem: extra.idem ?? null, seed_key: extra.seedKey ?? null, status: extra.status ?? 'draft', published_at: extra.status === 'published' ? at : null, created_at: at, updated_at: at })
    .onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  return r?.id;
}
export const findByIdem = async (db: Executor, idem: string) => (await db.selectFrom('lowongan_vacancies').select('id').where('idem', '=', idem).executeTakeFirst())?.id;
export async function updateVacancy(tx: Executor, id: number, v: VacancyValues, at: Date): Promise<void> {
  await tx.updateTable('lowongan_vacancies').set({ ...columns(v), updated_at: at }).where('id', '=', id).execute();
}
export async function setStatus(tx: Executor, id: number, status: Status, at: Date): Promise<void> {
  await tx.updateTable('lowongan_vacancies').set((eb) => ({ status, updated_at: at, published_at: status === 'published' ? eb.fn.coalesce('published_at', eb.val(at)) : eb.ref('published_at') })).where('id', '=', id).execute();
}
/** Per owner unit with anything published: its newest publication or change (freshness). */
export async function latestPerOwner(db: Executor): Promise<{ unitId: number; unitName: string; latest: Date }[]> {
  const rows = await db.selectFrom('lowongan_vacancies as v').innerJoin('units as u', 'u.id', 'v.owner_unit_id').where('v.status', '=', 'published')
    .select(['u.id', 'u.name', (e) => e.fn.max('v.updated_at').as('latest')]).groupBy(['u.id', 'u.name']).execute();
  return rows.map((r) => ({ unitId: r.id, unitName: r.name, latest: new Date(r.latest as unknown as string) }));
}
export const regionUnit = (db: Executor) => db.selectFrom('units').select(['id', 'code', 'name', 'path']).where('kind', '=', 'region').orderBy('id').executeTakeFirst();
export async function countPublishedBetween(db: Executor, from: Date, to: Date, within?: string): Promise<number> {
  let q = db.selectFrom('lowongan_vacancies as v').innerJoin('units as u', 'u.id', 'v.owner_unit_id')
    .where('v.status', 'in', ['published', 'archived']).where('v.published_at', '>=', from).where('v.published_at', '<', to);
  if (within) q = q.where('u.path', 'like', `${within}%`);
  return Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}
export const unitPath = async (db: Executor, id: number) => (await db.selectFrom('units').select('path').where('id', '=', id).executeTakeFirst())?.path;
