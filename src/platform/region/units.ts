// The unit tree's write operations, shared by the region-pack loader and the units module. Every
// unit's `path` is the materialised path of ids from the top ('/1/5/42/'), so scope checks are a
// prefix test; these functions are the only places that compute it.
import { sql } from 'kysely';
import type { Executor } from '../db/index.ts';

export const UNIT_KINDS = ['region', 'kecamatan', 'kelurahan', 'desa', 'opd'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface NewUnit {
  code: string;
  kind: UnitKind;
  name: string;
  parentId: number | null;
  contact?: Record<string, string>;
}

/** Ids for n new units, taken from the table's sequence in one round trip. */
export async function nextUnitIds(tx: Executor, n: number): Promise<number[]> {
  if (n <= 0) return [];
  const r = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('units', 'id'))::int8 as id from generate_series(1, ${n})`.execute(tx);
  return r.rows.map((row) => Number(row.id));
}

export async function pathOf(tx: Executor, unitId: number): Promise<string> {
  const row = await tx.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst();
  if (!row) throw new Error(`unit ${unitId} does not exist`);
  return row.path;
}

/** Inserts one unit with its path; returns its id. */
export async function insertUnit(tx: Executor, u: NewUnit): Promise<{ id: number; path: string }> {
  const [id] = await nextUnitIds(tx, 1);
  const path = `${u.parentId == null ? '/' : await pathOf(tx, u.parentId)}${id}/`;
  await tx
    .insertInto('units')
    .values({ id: id, code: u.code, kind: u.kind, name: u.name, parent_id: u.parentId, path, contact: JSON.stringify(u.contact ?? {}) })
    .execute();
  return { id: id, path };
}

export class UnitCycleError extends Error {}

/**
 * Moves a unit under a new parent (null: to the top) and rewrites the path of the unit and of every
 * unit below it, in the caller's transaction. Refuses to move a unit under itself or its own
 * descendants. Returns how many rows got a new path.
 */
export async function moveUnit(tx: Executor, unitId: number, newParentId: number | null): Promise<number> {
  const oldPath = await pathOf(tx, unitId);
  const parentPath = newParentId == null ? '/' : await pathOf(tx, newParentId);
  if (parentPath.startsWith(oldPath)) throw new UnitCycleError(`unit ${unitId} cannot be placed under itself or its own sub-unit`);
  const newPath = `${parentPath}${unitId}/`;
  await tx.updateTable('units').set({ parent_id: newParentId, updated_at: sql`now()` }).where('id', '=', unitId).execute();
  if (newPath === oldPath) return 0;
  const r = await tx
    .updateTable('units')
    .set({ path: sql`${newPath} || substr(path, ${oldPath.length + 1})`, updated_at: sql`now()` })
    .where('path', 'like', `${oldPath}%`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
