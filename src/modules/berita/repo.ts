// All SQL of the berita module: its two tables, joined with the unit tree for owner names and scope.
// "Public" is decided here in one place: status scheduled/published and publish_at <= now, with
// `now` from ctx.clock passed in — a scheduled item appears by itself when its time comes.
import { sql, type Generated } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';
import type { TimestampDefault } from '../../platform/db/schema.ts';

export type Kind = 'berita' | 'pengumuman';
export type Status = 'draft' | 'scheduled' | 'published' | 'archived';

declare module '../../platform/db/schema.ts' {
  interface Database {
    berita_items: {
      id: Generated<number>; kind: Kind; slug: string; title: string; summary: Generated<string>; body: Generated<string>;
      owner_unit_id: number; status: Generated<Status>; publish_at: Date | null; idem: string | null; seed_key: string | null;
      created_at: TimestampDefault; updated_at: TimestampDefault;
    };
    berita_images: { id: Generated<number>; item_id: number; file_id: string; alt: Generated<string>; width: number | null; height: number | null; sort: Generated<number> };
  }
}

export interface UnitRef { id: number; code: string; name: string; path: string }
export interface ImageRef { fileId: string; alt: string; width: number | null; height: number | null }
export interface ItemRow {
  id: number; kind: Kind; slug: string; title: string; summary: string; body: string; status: Status; publishAt: Date | null;
  owner: UnitRef; createdAt: Date; updatedAt: Date; images: ImageRef[];
}
export interface ItemValues { kind: Kind; slug: string; title: string; summary: string; body: string; ownerUnitId: number }

function itemQuery(db: Executor) {
  return db.selectFrom('berita_items as b').innerJoin('units as o', 'o.id', 'b.owner_unit_id')
    .select(['b.id', 'b.kind', 'b.slug', 'b.title', 'b.summary', 'b.body', 'b.status', 'b.publish_at', 'b.created_at', 'b.updated_at',
      'o.id as o_id', 'o.code as o_code', 'o.name as o_name', 'o.path as o_path']);
}
type Raw = Awaited<ReturnType<ReturnType<typeof itemQuery>['execute']>>[number];

async function withImages(db: Executor, rows: Raw[]): Promise<ItemRow[]> {
  const ids = rows.map((r) => r.id);
  const imgs = ids.length ? await db.selectFrom('berita_images').select(['item_id', 'file_id', 'alt', 'width', 'height']).where('item_id', 'in', ids).orderBy('sort').orderBy('id').execute() : [];
  return rows.map((r) => ({
    id: r.id, kind: r.kind, slug: r.slug, title: r.title, summary: r.summary, body: r.body, status: r.status, publishAt: r.publish_at,
    owner: { id: r.o_id, code: r.o_code, name: r.o_name, path: r.o_path }, createdAt: r.created_at, updatedAt: r.updated_at,
    images: imgs.filter((i) => i.item_id === r.id).map((i) => ({ fileId: i.file_id, alt: i.alt, width: i.width, height: i.height })),
  }));
}

const isPublic = (now: Date) => sql<boolean>`b.status in ('scheduled', 'published') and b.publish_at <= ${now}`;

export async function listPublic(db: Executor, now: Date, opts: { kind?: Kind; limit: number; offset: number }): Promise<{ items: ItemRow[]; total: number }> {
  let q = db.selectFrom('berita_items as b').where(isPublic(now));
  if (opts.kind) q = q.where('b.kind', '=', opts.kind);
  const total = Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  let rows = itemQuery(db).where(isPublic(now));
  if (opts.kind) rows = rows.where('b.kind', '=', opts.kind);
  const raw = await rows.orderBy('b.publish_at', 'desc').orderBy('b.id', 'desc').limit(opts.limit).offset(opts.offset).execute();
  return { items: await withImages(db, raw), total };
}

export async function findPublicBySlug(db: Executor, now: Date, slug: string): Promise<ItemRow | undefined> {
  const r = await itemQuery(db).where('b.slug', '=', slug).where(isPublic(now)).executeTakeFirst();
  return r ? (await withImages(db, [r]))[0] : undefined;
}

export async function findItem(db: Executor, id: number): Promise<ItemRow | undefined> {
  const r = await itemQuery(db).where('b.id', '=', id).executeTakeFirst();
  return r ? (await withImages(db, [r]))[0] : undefined;
}

/** Staff list: every item owned within the scope (null = all), newest first. */
export async function listWithin(db: Executor, scope: string[] | null): Promise<ItemRow[]> {
  let q = itemQuery(db);
  if (scope) {
    if (!scope.length) return [];
    q = q.where((eb) => eb.or(scope.map((p) => eb('o.path', 'like', `${p}%`))));
  }
  return withImages(db, await q.orderBy('b.updated_at', 'desc').orderBy('b.id', 'desc').limit(500).execute());
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

export async function slugTaken(db: Executor, slug: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom('berita_items').select('id').where('slug', '=', slug);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

/** Inserts once per idempotency key: undefined when the key was used already. */
export async function insertItem(tx: Executor, v: ItemValues, extra: { idem?: string; seedKey?: string; status?: Status; publishAt?: Date | null }): Promise<number | undefined> {
  const r = await tx.insertInto('berita_items')
    .values({ kind: v.kind, slug: v.slug, title: v.title, summary: v.summary, body: v.body, owner_unit_id: v.ownerUnitId, idem: extra.idem ?? null, seed_key: extra.seedKey ?? null, status: extra.status ?? 'draft', publish_at: extra.publishAt ?? null })
    .onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  return r?.id;
}
export const findByIdem = async (db: Executor, idem: string) => (await db.selectFrom('berita_items').select('id').where('idem', '=', idem).executeTakeFirst())?.id;

export async function updateItem(tx: Executor, id: number, v: ItemValues): Promise<void> {
  await tx.updateTable('berita_items').set({ kind: v.kind, slug: v.slug, title: v.title, summary: v.summary, body: v.body, owner_unit_id: v.ownerUnitId, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export async function setStatus(tx: Executor, id: number, status: Status, publishAt: Date | null): Promise<void> {
  await tx.updateTable('berita_items').set({ status, publish_at: publishAt, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export async function addImage(tx: Executor, itemId: number, img: ImageRef): Promise<void> {
  const n = Number((await tx.selectFrom('berita_images').select((e) => e.fn.countAll<number>().as('n')).where('item_id', '=', itemId).executeTakeFirstOrThrow()).n);
  await tx.insertInto('berita_images').values({ item_id: itemId, file_id: img.fileId, alt: img.alt, width: img.width, height: img.height, sort: n }).execute();
}

/** The item an image belongs to (for serving it: public once the item is, else its owner's staff). */
export async function itemOfImage(db: Executor, fileId: string): Promise<ItemRow | undefined> {
  const r = await db.selectFrom('berita_images').select('item_id').where('file_id', '=', fileId).executeTakeFirst();
  return r ? findItem(db, r.item_id) : undefined;
}

/** Per owner unit: the newest public item's date (freshness: weekly per owner). */
export async function latestPerOwner(db: Executor, now: Date): Promise<{ unitId: number; unitName: string; latest: Date }[]> {
  const rows = await db.selectFrom('berita_items as b').innerJoin('units as o', 'o.id', 'b.owner_unit_id').where(isPublic(now))
    .select(['o.id', 'o.name', (e) => e.fn.max('b.publish_at').as('latest')]).groupBy(['o.id', 'o.name']).execute();
  return rows.map((r) => ({ unitId: r.id, unitName: r.name, latest: new Date(r.latest as unknown as string) }));
}

export async function anyPublic(db: Executor, now: Date): Promise<boolean> {
  return !!(await db.selectFrom('berita_items as b').select('b.id').where(isPublic(now)).limit(1).executeTakeFirst());
}

export async function allPublic(db: Executor, now: Date): Promise<ItemRow[]> {
  return withImages(db, await itemQuery(db).where(isPublic(now)).orderBy('b.publish_at', 'desc').orderBy('b.id', 'desc').limit(10_000).execute());
}

export async function searchPublic(db: Executor, now: Date, term: string): Promise<ItemRow[]> {
  const like = `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const raw = await itemQuery(db).where(isPublic(now))
    .where((eb) => eb.or([eb('b.title', 'ilike', like), eb('b.summary', 'ilike', like), eb('b.body', 'ilike', like)]))
    .orderBy('b.publish_at', 'desc').limit(50).execute();
  return withImages(db, raw);
}

export async function countPublishedBetween(db: Executor, from: Date, to: Date, within?: string): Promise<number> {
  let q = db.selectFrom('berita_items as b').innerJoin('units as o', 'o.id', 'b.owner_unit_id')
    .where('b.status', 'in', ['scheduled', 'published']).where('b.publish_at', '>=', from).where('b.publish_at', '<', to);
  if (within) q = q.where('o.path', 'like', `${within}%`);
  return Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}
export const unitPath = async (db: Executor, id: number) => (await db.selectFrom('units').select('path').where('id', '=', id).executeTakeFirst())?.path;
