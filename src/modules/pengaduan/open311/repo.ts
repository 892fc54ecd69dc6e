// SQL for the Open311 API: its own keys table, and read-only queries on the module's complaints and
// categories (rahasia rows never leave here; the reporter's identity is never selected).
import { sql, type Generated } from 'kysely';
import type { Executor } from '../../../platform/db/index.ts';

declare module '../../../platform/db/schema.ts' {
  interface Database {
    pengaduan_open311_keys: {
      id: Generated<number>;
      name: string;
      key_hash: string;
      key_prefix: string;
      form_key: string | null;
      created_by: number | null;
      created_at: Date;
      revoked_at: Date | null;
      last_used_at: Date | null;
    };
  }
}

export interface KeyRow {
  id: number;
  name: string;
  key_prefix: string;
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export async function listKeys(db: Executor): Promise<KeyRow[]> {
  return db.selectFrom('pengaduan_open311_keys').select(['id', 'name', 'key_prefix', 'created_at', 'revoked_at', 'last_used_at']).orderBy('revoked_at', 'desc').orderBy('id', 'desc').execute();
}

/** undefined when a key was already issued from this form (form_key is unique) */
export async function insertKey(db: Executor, k: { name: string; hash: string; prefix: string; by: number | null; at: Date; formKey: string | null }): Promise<number | undefined> {
  const r = await db.insertInto('pengaduan_open311_keys')
    .values({ name: k.name, key_hash: k.hash, key_prefix: k.prefix, created_by: k.by, created_at: k.at, form_key: k.formKey })
    .onConflict((oc) => oc.column('form_key').doNothing())
    .returning('id').executeTakeFirst();
  return r ? Number(r.id) : undefined;
}

export async function revokeKey(db: Executor, id: number, at: Date): Promise<KeyRow | undefined> {
  return db.updateTable('pengaduan_open311_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).returning(['id', 'name', 'key_prefix', 'created_at', 'revoked_at', 'last_used_at']).executeTakeFirst();
}

/** The live key with this hash, marking it used. */
export async function useKey(db: Executor, hash: string, at: Date): Promise<{ id: number } | undefined> {
  const r = await db.updateTable('pengaduan_open311_keys').set({ last_used_at: at }).where('key_hash', '=', hash).where('revoked_at', 'is', null).returning('id').executeTakeFirst();
  return r ? { id: Number(r.id) } : undefined;
}

export interface CategoryRow {
  code: string;
  name_id: string;
  name_en: string;
  description_id: string;
  description_en: string;
}

export async function listCategories(db: Executor): Promise<CategoryRow[]> {
  const r = await sql<CategoryRow>`select code, name_id, name_en, description_id, description_en from pengaduan_categories where active order by sort, code`.execute(db);
  return r.rows;
}

export interface RequestRow {
  public_id: string;
  category_code: string;
  name_id: string;
  name_en: string;
  description: string;
  address: string;
  lat: number | null;
  lng: number | null;
  state: string;
  unit_name: string | null;
  created_at: Date;
  updated_at: Date;
  follow_up_due_at: Date | null;
  status_notes: string | null;
}

const requestSelect = sql`
  select c.public_id, c.category_code, k.name_id, k.name_en, c.description, c.address, c.lat, c.lng, c.state,
    u.name as unit_name, c.created_at, c.updated_at, c.follow_up_due_at,
    (select p.body from pengaduan_updates p where p.complaint_id = c.id and p.public and p.body <> '' order by p.created_at desc, p.id desc limit 1) as status_notes
  from pengaduan_complaints c
  join pengaduan_categories k on k.code = c.category_code
  left join units u on u.id = c.routed_unit_id`;

export interface RequestQuery {
  ids?: string[];
  serviceCodes?: string[];
  from?: Date;
  to?: Date;
  states?: string[];
  limit: number;
}

/** Public requests only: a rahasia complaint is never selected, whatever the filter. */
export async function findRequests(db: Executor, q: RequestQuery): Promise<RequestRow[]> {
  const where = [sql`not c.rahasia`];
  if (q.from) where.push(sql`c.created_at >= ${q.from}`);
  if (q.to) where.push(sql`c.created_at <= ${q.to}`);
  if (q.ids) where.push(sql`c.public_id in (${sql.join(q.ids)})`);
  if (q.serviceCodes?.length) where.push(sql`c.category_code in (${sql.join(q.serviceCodes)})`);
  if (q.states) where.push(sql`c.state in (${sql.join(q.states)})`);
  const r = await sql<RequestRow>`${requestSelect} where ${sql.join(where, sql` and `)} order by c.created_at desc, c.id desc limit ${q.limit}`.execute(db);
  return r.rows.map((row) => ({ ...row, lat: row.lat === null ? null : Number(row.lat), lng: row.lng === null ? null : Number(row.lng) }));
}
