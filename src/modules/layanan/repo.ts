// All SQL of the layanan module: its catalog table, joined with the platform's unit tree.
import { sql, type ColumnType, type Generated } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';
import { canonicalJson } from '../../platform/audit/audit.ts';
import type { TimestampDefault } from '../../platform/db/schema.ts';
import type { ServicePage, UnitKind } from './schema.ts';

type Json<T> = ColumnType<T, string, string>;

declare module '../../platform/db/schema.ts' {
  interface Database {
    layanan_services: {
      id: Generated<number>; slug: string; name: string; summary: string; grp: string; unit_kind: UnitKind; owner_unit_id: number;
      audience: string; requirements: Json<string[]>; pages: Json<ServicePage[]>; steps: Json<string[]>; deadline_days: number;
      cost_rupiah: number; cost_note: string; product: string; standard: Json<Record<string, string>>; verifier_role: string; signer_role: string;
      forward_to: 'kecamatan' | null; template: string; number_format: string; active: Generated<boolean>; edited: ColumnType<string[], string | undefined, string>;
      source: string; created_at: TimestampDefault; updated_at: TimestampDefault;
    };
  }
}

export interface ServiceRow {
  id: number; slug: string; name: string; summary: string; group: string; unitKind: UnitKind; owner: { id: number; path: string; name: string };
  audience: string; requirements: string[]; pages: ServicePage[]; steps: string[]; deadlineDays: number; costRupiah: number; costNote: string;
  product: string; standard: Record<string, string>; verifierRole: string; signerRole: string; forwardTo: 'kecamatan' | null;
  template: string; numberFormat: string; active: boolean; edited: string[]; source: string; updatedAt: Date;
}

/** The columns a pack defines, as stored. */
export interface ServiceColumns {
  slug: string; name: string; summary: string; grp: string; unit_kind: UnitKind; owner_unit_id: number; audience: string;
  requirements: string[]; pages: ServicePage[]; steps: string[]; deadline_days: number; cost_rupiah: number; cost_note: string;
  product: string; standard: Record<string, string>; verifier_role: string; signer_role: string; forward_to: 'kecamatan' | null;
  template: string; number_format: string; source: string;
}

const json = (v: unknown) => JSON.stringify(v);

function serviceQuery(db: Executor) {
  return db.selectFrom('layanan_services as s').innerJoin('units as o', 'o.id', 's.owner_unit_id')
    .selectAll('s').select(['o.path as o_path', 'o.name as o_name'])
    .orderBy('s.grp').orderBy('s.name');
}
type Raw = Awaited<ReturnType<ReturnType<typeof serviceQuery>['execute']>>[number];
const toRow = (r: Raw): ServiceRow => ({
  id: r.id, slug: r.slug, name: r.name, summary: r.summary, group: r.grp, unitKind: r.unit_kind, owner: { id: r.owner_unit_id, path: r.o_path, name: r.o_name },
  audience: r.audience, requirements: r.requirements, pages: r.pages, steps: r.steps, deadlineDays: r.deadline_days,
  costRupiah: r.cost_rupiah, costNote: r.cost_note, product: r.product, standard: r.standard, verifierRole: r.verifier_role,
  signerRole: r.signer_role, forwardTo: r.forward_to, template: r.template, numberFormat: r.number_format, active: r.active,
  edited: r.edited, source: r.source, updatedAt: r.updated_at,
});

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** Active services; `term` matches name, summary, group or audience; `unitKind` filters. */
export async function listServices(db: Executor, opts: { term?: string; unitKind?: UnitKind; includeInactive?: boolean; ownerScope?: string[] | null } = {}): Promise<ServiceRow[]> {
  let q = serviceQuery(db);
  if (!opts.includeInactive) q = q.where('s.active', '=', true);
  if (opts.unitKind) q = q.where('s.unit_kind', '=', opts.unitKind);
  if (opts.term) {
    const p = `%${escapeLike(opts.term)}%`;
    q = q.where((eb) => eb.or([eb('s.name', 'ilike', p), eb('s.summary', 'ilike', p), eb('s.grp', 'ilike', p), eb('s.audience', 'ilike', p), eb('s.product', 'ilike', p)]));
  }
  if (opts.ownerScope) {
    const scope = opts.ownerScope;
    if (!scope.length) return [];
    q = q.where((eb) => eb.or(scope.map((p) => eb('o.path', 'like', `${p}%`))));
  }
  return (await q.execute()).map(toRow);
}

export async function findService(db: Executor, slug: string): Promise<ServiceRow | undefined> {
  const r = await serviceQuery(db).where('s.slug', '=', slug).executeTakeFirst();
  return r ? toRow(r) : undefined;
}

const stored = (v: ServiceColumns) => ({ ...v, requirements: json(v.requirements), pages: json(v.pages), steps: json(v.steps), standard: json(v.standard) });

/** Insert a pack's service, or bring an existing one up to the pack, leaving the fields an admin edited alone. Returns what happened. */
export async function upsertFromPack(tx: Executor, v: ServiceColumns): Promise<'inserted' | 'updated' | 'unchanged'> {
  const existing = await findService(tx, v.slug);
  if (!existing) {
    await tx.insertInto('layanan_services').values(stored(v)).execute();
    return 'inserted';
  }
  const edited = new Set(existing.edited);
  const next: Partial<ServiceColumns> = { ...v };
  if (edited.has('deadlineDays')) delete next.deadline_days;
  if (edited.has('costRupiah')) { delete next.cost_rupiah; delete next.cost_note; }
  if (edited.has('requirements')) delete next.requirements;
  const current: Record<string, unknown> = {
    slug: existing.slug, name: existing.name, summary: existing.summary, grp: existing.group, unit_kind: existing.unitKind, owner_unit_id: existing.owner.id,
    audience: existing.audience, requirements: existing.requirements, pages: existing.pages, steps: existing.steps, deadline_days: existing.deadlineDays,
    cost_rupiah: existing.costRupiah, cost_note: existing.costNote, product: existing.product, standard: existing.standard, verifier_role: existing.verifierRole,
    signer_role: existing.signerRole, forward_to: existing.forwardTo, template: existing.template, number_format: existing.numberFormat, source: existing.source,
  };
  const changed = Object.entries(next).filter(([k, val]) => canonicalJson(val) !== canonicalJson(current[k]));
  if (!changed.length) return 'unchanged';
  const set: Record<string, unknown> = {};
  for (const [k, val] of changed) set[k] = typeof val === 'object' && val !== null ? json(val) : val;
  await tx.updateTable('layanan_services').set({ ...set, updated_at: sql`now()` }).where('id', '=', existing.id).execute();
  return 'updated';
}

export async function updateEditable(tx: Executor, id: number, v: { deadlineDays: number; costRupiah: number; costNote: string; requirements: string[]; active: boolean; edited: string[] }): Promise<void> {
  await tx.updateTable('layanan_services').set({
    deadline_days: v.deadlineDays, cost_rupiah: v.costRupiah, cost_note: v.costNote, requirements: json(v.requirements), active: v.active,
    edited: json(v.edited), updated_at: sql`now()`,
  }).where('id', '=', id).execute();
}

export async function regionUnit(db: Executor): Promise<{ id: number; path: string } | undefined> {
  return db.selectFrom('units').select(['id', 'path']).where('kind', '=', 'region').orderBy('id').executeTakeFirst();
}

/** How many active units of each kind provide the services (shown as "di 107 kelurahan"). */
export async function unitCounts(db: Executor): Promise<Record<string, number>> {
  const rows = await db.selectFrom('units').select((eb) => ['kind', eb.fn.countAll<number>().as('n')]).where('active', '=', true).groupBy('kind').execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}
