// All SQL of the agenda module: its one table, joined with the unit tree for organiser names and scope.
import { sql, type Generated } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';
import type { TimestampDefault } from '../../platform/db/schema.ts';

export type Status = 'scheduled' | 'cancelled';

declare module '../../platform/db/schema.ts' {
  interface Database {
    agenda_events: {
      id: Generated<number>; title: string; description: Generated<string>; location: Generated<string>; starts_at: Date; ends_at: Date;
      all_day: Generated<boolean>; organiser_unit_id: number; status: Generated<Status>; idem: string | null; seed_key: string | null;
      created_at: TimestampDefault; updated_at: TimestampDefault;
    };
  }
}

export interface UnitRef { id: number; code: string; name: string; path: string }
export interface EventRow {
  id: number; title: string; description: string; location: string; startsAt: Date; endsAt: Date; allDay: boolean; status: Status;
  organiser: UnitRef; createdAt: Date; updatedAt: Date;
}
export interface EventValues { title: string; description: string; location: string; startsAt: Date; endsAt: Date; allDay: boolean; organiserUnitId: number }

function eventQuery(db: Executor) {
  return db.selectFrom('agenda_events as e').innerJoin('units as o', 'o.id', 'e.organiser_unit_id')
    .select(['e.id', 'e.title', 'e.description', 'e.location', 'e.starts_at', 'e.ends_at', 'e.all_day', 'e.status', 'e.created_at', 'e.updated_at',
      'o.id as o_id', 'o.code as o_code', 'o.name as o_name', 'o.path as o_path']);
}
type Raw = Awaited<ReturnType<ReturnType<typeof eventQuery>['execute']>>[number];
const toRow = (r: Raw): EventRow => ({
  id: r.id, title: r.title, description: r.description, location: r.location, startsAt: r.starts_at, endsAt: r.ends_at, allDay: r.all_day, status: r.status,
  organiser: { id: r.o_id, code: r.o_code, name: r.o_name, path: r.o_path }, createdAt: r.created_at, updatedAt: r.updated_at,
});

/** Upcoming (not yet over at `now`, soonest first) or past (over, latest first). */
export async function listPublic(db: Executor, now: Date, past: boolean, limit = 200): Promise<EventRow[]> {
  const q = eventQuery(db);
  const rows = past
    ? await q.where('e.ends_at', '<=', now).orderBy('e.starts_at', 'desc').orderBy('e.id', 'desc').limit(limit).execute()
    : await q.where('e.ends_at', '>', now).orderBy('e.starts_at').orderBy('e.id').limit(limit).execute();
  return rows.map(toRow);
}

export async function findEvent(db: Executor, id: number): Promise<EventRow | undefined> {
  const r = await eventQuery(db).where('e.id', '=', id).executeTakeFirst();
  return r ? toRow(r) : undefined;
}

/** The feed: everything from 90 days back on (cancelled ones included, so calendars drop them). */
export async function feedEvents(db: Executor, since: Date): Promise<EventRow[]> {
  return (await eventQuery(db).where('e.ends_at', '>', since).orderBy('e.starts_at').orderBy('e.id').limit(2000).execute()).map(toRow);
}

export async function allEvents(db: Executor): Promise<EventRow[]> {
  return (await eventQuery(db).orderBy('e.starts_at').orderBy('e.id').limit(20_000).execute()).map(toRow);
}

export async function listWithin(db: Executor, scope: string[] | null): Promise<EventRow[]> {
  let q = eventQuery(db);
  if (scope) {
    if (!scope.length) return [];
    q = q.where((eb) => eb.or(scope.map((p) => eb('o.path', 'like', `${p}%`))));
  }
  return (await q.orderBy('e.starts_at', 'desc').orderBy('e.id', 'desc').limit(500).execute()).map(toRow);
}

export async function unitsWithin(db: Executor, scope: string[] | null): Promise<UnitRef[]> {
  let q = db.selectFrom('units').select(['id', 'code', 'name', 'path']).where('active', '=', true);
  if (scope) {
    if (!scope.length) return [];
    q = q.where((eb) => eb.or(scope.map((p) => eb('path', 'like', `${p}%`))));
  }
  return q.orderBy('path').limit(2000).execute();
}
export const findUnit = (db: Executor, code: string) => db.selectFrom('units').select(['id', 'code', 'name', 'path']).where('code', '=', code).where('active', '=', true).executeTakeFirst();
export const regionUnit = (db: Executor) => db.selectFrom('units').select(['id', 'code', 'name', 'path']).where('kind', '=', 'region').orderBy('id').executeTakeFirst();

export async function insertEvent(tx: Executor, v: EventValues, extra: { idem?: string; seedKey?: string }): Promise<number | undefined> {
  const r = await tx.insertInto('agenda_events').values({
    title: v.title, description: v.description, location: v.location, starts_at: v.startsAt, ends_at: v.endsAt, all_day: v.allDay,
    organiser_unit_id: v.organiserUnitId, idem: extra.idem ?? null, seed_key: extra.seedKey ?? null,
  }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  return r?.id;
}
export const findByIdem = async (db: Executor, idem: string) => (await db.selectFrom('agenda_events').select('id').where('idem', '=', idem).executeTakeFirst())?.id;

export async function updateEvent(tx: Executor, id: number, v: EventValues): Promise<void> {
  await tx.updateTable('agenda_events').set({
    title: v.title, description: v.description, location: v.location, starts_at: v.startsAt, ends_at: v.endsAt, all_day: v.allDay,
    organiser_unit_id: v.organiserUnitId, updated_at: sql`now()`,
  }).where('id', '=', id).execute();
}
export async function setStatus(tx: Executor, id: number, status: Status): Promise<void> {
  await tx.updateTable('agenda_events').set({ status, updated_at: sql`now()` }).where('id', '=', id).execute();
}
export async function deleteEvent(tx: Executor, id: number): Promise<void> {
  await tx.deleteFrom('agenda_events').where('id', '=', id).execute();
}

/** Per organiser: the last change to its schedule (freshness: weekly). */
export async function latestPerOrganiser(db: Executor): Promise<{ unitId: number; unitName: string; latest: Date }[]> {
  const rows = await db.selectFrom('agenda_events as e').innerJoin('units as o', 'o.id', 'e.organiser_unit_id')
    .select(['o.id', 'o.name', (e) => e.fn.max('e.updated_at').as('latest')]).groupBy(['o.id', 'o.name']).execute();
  return rows.map((r) => ({ unitId: r.id, unitName: r.name, latest: new Date(r.latest as unknown as string) }));
}

export async function anyUpcoming(db: Executor, now: Date): Promise<boolean> {
  return !!(await db.selectFrom('agenda_events').select('id').where('ends_at', '>', now).where('status', '=', 'scheduled').limit(1).executeTakeFirst());
}

export async function searchEvents(db: Executor, now: Date, term: string): Promise<EventRow[]> {
  const like = `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return (await eventQuery(db).where('e.ends_at', '>', now)
    .where((eb) => eb.or([eb('e.title', 'ilike', like), eb('e.location', 'ilike', like), eb('e.description', 'ilike', like)]))
    .orderBy('e.starts_at').limit(50).execute()).map(toRow);
}

export async function countStartingBetween(db: Executor, from: Date, to: Date, within?: string): Promise<number> {
  let q = db.selectFrom('agenda_events as e').innerJoin('units as o', 'o.id', 'e.organiser_unit_id').where('e.starts_at', '>=', from).where('e.starts_at', '<', to);
  if (within) q = q.where('o.path', 'like', `${within}%`);
  return Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}
export const unitPath = async (db: Executor, id: number) => (await db.selectFrom('units').select('path').where('id', '=', id).executeTakeFirst())?.path;
