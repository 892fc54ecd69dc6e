// All SQL of the dokumen module: its own table, joined with the platform's unit tree for owner names
// and scope, and the platform's search index for "search within documents".
import { sql, type Generated } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';
import type { NullableTimestamp, TimestampDefault } from '../../platform/db/schema.ts';
import type { Category, Status } from './schema.ts';
import type { TextStatus } from './pdftext.ts';

declare module '../../platform/db/schema.ts' {
  interface Database {
    dokumen_items: {
      id: Generated<number>; category: Category; doc_type: string; title: string; number: Generated<string>; year: number;
      status: Status | null; subject: Generated<string>; owner_unit_id: number; file_id: string; file_name: string; file_size: number;
      text_content: Generated<string>; text_status: TextStatus; state: Generated<'draft' | 'published' | 'withdrawn'>;
      published_at: NullableTimestamp; withdrawn_at: NullableTimestamp; idempotency_key: string;
      created_at: TimestampDefault; updated_at: TimestampDefault;
    };
  }
}

export interface UnitRef { id: number; code: string; name: string; path: string }
export type DocState = 'draft' | 'published' | 'withdrawn';

export interface DocRow {
  id: number; category: Category; docType: string; title: string; number: string; year: number; status: Status | null; subject: string;
  owner: UnitRef; fileId: string; fileName: string; fileSize: number; textStatus: TextStatus; textChars: number; state: DocState;
  publishedAt: Date | null; withdrawnAt: Date | null; updatedAt: Date;
}

export interface DocValues {
  category: Category; doc_type: string; title: string; number: string; year: number; status: Status | null; subject: string; owner_unit_id: number;
}

function docQuery(db: Executor) {
  return db
    .selectFrom('dokumen_items as d')
    .innerJoin('units as o', 'o.id', 'd.owner_unit_id')
    .select([
      'd.id', 'd.category', 'd.doc_type', 'd.title', 'd.number', 'd.year', 'd.status', 'd.subject', 'd.file_id', 'd.file_name', 'd.file_size',
      'd.text_status', 'd.state', 'd.published_at', 'd.withdrawn_at', 'd.updated_at',
      sql<number>`length(d.text_content)`.as('text_chars'),
      'o.id as o_id', 'o.code as o_code', 'o.name as o_name', 'o.path as o_path',
    ]);
}
type Raw = Awaited<ReturnType<ReturnType<typeof docQuery>['execute']>>[number];
const toRow = (r: Raw): DocRow => ({
  id: r.id, category: r.category, docType: r.doc_type, title: r.title, number: r.number, year: r.year, status: r.status, subject: r.subject,
  owner: { id: r.o_id, code: r.o_code, name: r.o_name, path: r.o_path }, fileId: r.file_id, fileName: r.file_name, fileSize: Number(r.file_size),
  textStatus: r.text_status, textChars: Number(r.text_chars), state: r.state, publishedAt: r.published_at, withdrawnAt: r.withdrawn_at, updatedAt: r.updated_at,
});

export async function findDoc(db: Executor, id: number): Promise<DocRow | undefined> {
  const r = await docQuery(db).where('d.id', '=', id).executeTakeFirst();
  return r ? toRow(r) : undefined;
}

export async function findByKey(db: Executor, key: string): Promise<DocRow | undefined> {
  const r = await docQuery(db).where('d.idempotency_key', '=', key).executeTakeFirst();
  return r ? toRow(r) : undefined;
}

export async function textOf(db: Executor, id: number): Promise<string> {
  return (await db.selectFrom('dokumen_items').select('text_content').where('id', '=', id).executeTakeFirst())?.text_content ?? '';
}

export interface PublicFilter { category?: Category; docType?: string; year?: number; q?: string }

function filtered(db: Executor, f: PublicFilter) {
  let q = docQuery(db).where('d.state', '=', 'published');
  if (f.category) q = q.where('d.category', '=', f.category);
  if (f.docType) q = q.where('d.doc_type', '=', f.docType);
  if (f.year) q = q.where('d.year', '=', f.year);
  if (f.q)
    q = q.where(sql<boolean>`exists (select 1 from search_items s where s.module = 'dokumen' and s.ref = 'doc.' || d.id
      and s.tsv @@ plainto_tsquery('indonesian', ${f.q}))`);
  return q;
}

export async function listPublished(db: Executor, f: PublicFilter, offset: number, limit: number): Promise<{ total: number; rows: DocRow[] }> {
  const [{ n }] = await filtered(db, f).clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).execute();
  const rows = await filtered(db, f).orderBy('d.year', 'desc').orderBy('d.published_at', 'desc').orderBy('d.id', 'desc').limit(limit).offset(offset).execute();
  return { total: Number(n), rows: rows.map(toRow) };
}

export async function publishedYears(db: Executor): Promise<number[]> {
  const rows = await db.selectFrom('dokumen_items').select('year').distinct().where('state', '=', 'published').orderBy('year', 'desc').execute();
  return rows.map((r) => r.year);
}

export async function allPublished(db: Executor): Promise<(DocRow & { text: string })[]> {
  const rows = await docQuery(db).select('d.text_content').where('d.state', '=', 'published').orderBy('d.id').execute();
  return rows.map((r) => ({ ...toRow(r), text: r.text_content }));
}

export async function hasPublished(db: Executor): Promise<boolean> {
  return !!(await db.selectFrom('dokumen_items').select('id').where('state', '=', 'published').limit(1).executeTakeFirst());
}

/** Staff list: every document owned within these unit paths (null: all). */
export async function listWithin(db: Executor, paths: string[] | null): Promise<DocRow[]> {
  let q = docQuery(db);
  if (paths) {
    if (!paths.length) return [];
    q = q.where((eb) => eb.or(paths.map((p) => eb('o.path', 'like', `${p}%`))));
  }
  return (await q.orderBy('d.updated_at', 'desc').orderBy('d.id', 'desc').limit(500).execute()).map(toRow);
}

export async function unitsWithin(db: Executor, paths: string[] | null): Promise<UnitRef[]> {
  let q = db.selectFrom('units').select(['id', 'code', 'name', 'path']).where('active', '=', true);
  if (paths) {
    if (!paths.length) return [];
    q = q.where((eb) => eb.or(paths.map((p) => eb('path', 'like', `${p}%`))));
  }
  return q.orderBy('path').limit(2000).execute();
}

export async function findUnit(db: Executor, code: string): Promise<UnitRef | undefined> {
  return db.selectFrom('units').select(['id', 'code', 'name', 'path']).where('code', '=', code).where('active', '=', true).executeTakeFirst();
}

export async function insertDoc(
  tx: Executor,
  v: DocValues & { file_id: string; file_name: string; file_size: number; text_content: string; text_status: TextStatus; idempotency_key: string; publish: boolean; now: Date },
): Promise<number | undefined> {
  const { publish, now, ...values } = v;
  const r = await tx
    .insertInto('dokumen_items')
    .values({ ...values, state: publish ? 'published' : 'draft', published_at: publish ? now : null, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

export async function updateDoc(tx: Executor, id: number, v: DocValues, now: Date): Promise<void> {
  await tx.updateTable('dokumen_items').set({ ...v, updated_at: now }).where('id', '=', id).execute();
}

export async function setState(tx: Executor, id: number, state: DocState, now: Date): Promise<void> {
  await tx
    .updateTable('dokumen_items')
    .set(state === 'published' ? { state, published_at: now, withdrawn_at: null, updated_at: now } : { state, withdrawn_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Latest publication per owner unit and category: the freshness items. */
export async function latestByOwner(db: Executor): Promise<{ unitId: number; unitName: string; category: Category; latest: Date }[]> {
  const rows = await db
    .selectFrom('dokumen_items as d')
    .innerJoin('units as o', 'o.id', 'd.owner_unit_id')
    .select(['o.id', 'o.name', 'd.category', (eb) => eb.fn.max('d.updated_at').as('latest')])
    .where('d.state', '=', 'published')
    .groupBy(['o.id', 'o.name', 'd.category'])
    .orderBy('o.id')
    .orderBy('d.category')
    .execute();
  return rows.map((r) => ({ unitId: r.id, unitName: r.name, category: r.category, latest: new Date(r.latest) }));
}
