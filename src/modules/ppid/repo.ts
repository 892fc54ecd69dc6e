// All SQL of the ppid module: its own tables, joined with the platform's unit tree for names and
// scope. Nothing here decides who may do what; service.ts does.
import type { Generated } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';
import type { TimestampDefault } from '../../platform/db/schema.ts';
import type { DipCategory, DipForm } from './schema.ts';

declare module '../../platform/db/schema.ts' {
  interface Database {
    ppid_dip: {
      id: Generated<number>; category: DipCategory; title: string; summary: string; holding_unit_id: number; official: string;
      made_when: string; made_where: string; form: DipForm; retention: string; active: Generated<boolean>;
      created_at: TimestampDefault; updated_at: TimestampDefault;
    };
  }
}

export interface UnitRef { id: number; code: string; name: string; path: string }

export interface DipRow {
  id: number; category: DipCategory; title: string; summary: string; official: string; madeWhen: string; madeWhere: string;
  form: DipForm; retention: string; unit: UnitRef; updatedAt: Date;
}

export interface DipValues {
  category: DipCategory; title: string; summary: string; holdingUnitId: number; official: string; madeWhen: string; madeWhere: string; form: DipForm; retention: string;
}

const dipColumns = [
  'd.id', 'd.category', 'd.title', 'd.summary', 'd.official', 'd.made_when', 'd.made_where', 'd.form', 'd.retention', 'd.updated_at',
  'u.id as unit_id', 'u.code as unit_code', 'u.name as unit_name', 'u.path as unit_path',
] as const;

type Raw = {
  id: number; category: DipCategory; title: string; summary: string; official: string; made_when: string; made_where: string; form: DipForm;
  retention: string; updated_at: Date; unit_id: number; unit_code: string; unit_name: string; unit_path: string;
};
const toRow = (r: Raw): DipRow => ({
  id: r.id, category: r.category, title: r.title, summary: r.summary, official: r.official, madeWhen: r.made_when, madeWhere: r.made_where,
  form: r.form, retention: r.retention, updatedAt: new Date(r.updated_at), unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name, path: r.unit_path },
});

/** Active entries, optionally only those held within the given unit paths (null: everywhere). */
export async function listDip(db: Executor, scope: string[] | null = null): Promise<DipRow[]> {
  if (scope && !scope.length) return [];
  let q = db.selectFrom('ppid_dip as d').innerJoin('units as u', 'u.id', 'd.holding_unit_id').select(dipColumns).where('d.active', '=', true);
  if (scope) q = q.where((eb) => eb.or(scope.map((p) => eb('u.path', 'like', `${p}%`))));
  return (await q.orderBy('d.category').orderBy('d.title').execute()).map(toRow);
}

export async function findDip(db: Executor, id: number): Promise<DipRow | undefined> {
  const r = await db.selectFrom('ppid_dip as d').innerJoin('units as u', 'u.id', 'd.holding_unit_id').select(dipColumns).where('d.id', '=', id).executeTakeFirst();
  return r ? toRow(r) : undefined;
}

export async function insertDip(db: Executor, v: DipValues): Promise<number> {
  const r = await db
    .insertInto('ppid_dip')
    .values({
      category: v.category, title: v.title, summary: v.summary, holding_unit_id: v.holdingUnitId, official: v.official,
      made_when: v.madeWhen, made_where: v.madeWhere, form: v.form, retention: v.retention,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findActiveUnit(db: Executor, code: string): Promise<UnitRef | undefined> {
  return db.selectFrom('units').select(['id', 'code', 'name', 'path']).where('code', '=', code).where('active', '=', true).executeTakeFirst();
}

export async function unitsWithin(db: Executor, scope: string[] | null): Promise<UnitRef[]> {
  if (scope && !scope.length) return [];
  let q = db.selectFrom('units').select(['id', 'code', 'name', 'path']).where('active', '=', true);
  if (scope) q = q.where((eb) => eb.or(scope.map((p) => eb('path', 'like', `${p}%`))));
  return q.orderBy('path').execute();
}

/** DIP entries whose title or summary holds every word of q (site search). */
export async function searchDip(db: Executor, words: string[]): Promise<DipRow[]> {
  if (!words.length) return [];
  let q = db.selectFrom('ppid_dip as d').innerJoin('units as u', 'u.id', 'd.holding_unit_id').select(dipColumns).where('d.active', '=', true);
  for (const w of words) {
    const like = `%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('d.title', 'ilike', like), eb('d.summary', 'ilike', like)]));
  }
  return (await q.orderBy('d.title').limit(50).execute()).map(toRow);
}

/** Active DIP entries added before `to`, optionally only those held within a unit's subtree. */
export async function countDip(db: Executor, opts: { unitId?: number; to: Date }): Promise<number> {
  let q = db.selectFrom('ppid_dip as d').innerJoin('units as u', 'u.id', 'd.holding_unit_id').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('d.active', '=', true).where('d.created_at', '<', opts.to);
  if (opts.unitId !== undefined) {
    const unit = await db.selectFrom('units').select('path').where('id', '=', opts.unitId).executeTakeFirst();
    if (!unit) return 0;
    q = q.where('u.path', 'like', `${unit.path}%`);
  }
  return Number((await q.executeTakeFirstOrThrow()).n);
}
