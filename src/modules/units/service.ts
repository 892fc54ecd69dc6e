// The unit directory and its administration: reading the tree, creating and editing units, turning
// them off and on, and the region's branding. No HTTP here; every change is audited in the same
// transaction. Tree writes (paths) go through platform/region/units.ts.
import { sql } from 'kysely';
import type { DB, Executor } from '../../platform/db/index.ts';
import type { Branding } from '../../platform/db/schema.ts';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import type { FieldErrors } from '../../platform/http/input.ts';
import { compactContact, contrastProblems } from '../../platform/region/branding.ts';
import { insertUnit, moveUnit, UnitCycleError } from '../../platform/region/units.ts';
import type { BrandingInput, ContactInput, EditableKind, NewUnitInput, UnitInput } from './schema.ts';
import { CONTACT_KEYS } from './schema.ts';

export type Kind = 'region' | 'kecamatan' | 'kelurahan' | 'desa' | 'opd';

export interface UnitRow {
  id: number;
  code: string;
  kind: Kind;
  name: string;
  parentId: number | null;
  parentCode: string | null;
  parentName: string | null;
  path: string;
  contact: Record<string, string>;
  active: boolean;
  updatedAt: Date;
}

function unitQuery(db: Executor) {
  return db
    .selectFrom('units as u')
    .leftJoin('units as p', 'p.id', 'u.parent_id')
    .select([
      'u.id', 'u.code', 'u.kind', 'u.name', 'u.parent_id', 'u.path', 'u.contact', 'u.active', 'u.updated_at',
      'p.code as parent_code', 'p.name as parent_name',
    ]);
}

type RawRow = Awaited<ReturnType<ReturnType<typeof unitQuery>['execute']>>[number];
const toRow = (r: RawRow): UnitRow => ({
  id: r.id, code: r.code, kind: r.kind, name: r.name, parentId: r.parent_id, parentCode: r.parent_code, parentName: r.parent_name,
  path: r.path, contact: r.contact ?? {}, active: r.active, updatedAt: r.updated_at,
});

const KIND_ORDER = sql<number>`case u.kind when 'region' then 0 when 'kecamatan' then 1 when 'kelurahan' then 2 when 'desa' then 2 else 3 end`;

/** Every unit (for the back-office tree) or only active ones (public directory). */
export async function listUnits(db: Executor, opts: { includeInactive?: boolean; kind?: Kind; parentCode?: string } = {}): Promise<UnitRow[]> {
  let q = unitQuery(db);
  if (!opts.includeInactive) q = q.where('u.active', '=', true);
  if (opts.kind) q = q.where('u.kind', '=', opts.kind);
  if (opts.parentCode) q = q.where('p.code', '=', opts.parentCode);
  const rows = await q.orderBy(KIND_ORDER).orderBy('u.code').execute();
  return rows.map(toRow);
}

export async function findUnit(db: Executor, code: string): Promise<UnitRow | undefined> {
  const r = await unitQuery(db).where('u.code', '=', code).executeTakeFirst();
  return r ? toRow(r) : undefined;
}

export async function childrenOf(db: Executor, id: number, includeInactive = false): Promise<UnitRow[]> {
  let q = unitQuery(db).where('u.parent_id', '=', id);
  if (!includeInactive) q = q.where('u.active', '=', true);
  return (await q.orderBy(KIND_ORDER).orderBy('u.code').execute()).map(toRow);
}

/** Words that name a kind of unit rather than part of its name: "kelurahan 35 ilir". */
const KIND_WORDS: Record<string, Kind> = { kecamatan: 'kecamatan', kelurahan: 'kelurahan', desa: 'desa' };

/**
 * Active units whose name contains every word of the query (case-insensitive; plain ILIKE, so it
 * runs on PGlite and PostgreSQL 15 alike). A kind word narrows to that kind ("kelurahan ilir"); a
 * kind word alone lists that kind. `extra` adds units found another way (OPD synonyms). Every match
 * is returned, up to `limit`: the site search counts and pages them.
 */
export async function searchUnits(db: Executor, words: string[], opts: { extraCodes?: string[]; limit?: number } = {}): Promise<UnitRow[]> {
  const kinds = [...new Set(words.map((w) => KIND_WORDS[w]).filter((k): k is Kind => !!k))];
  const nameWords = words.filter((w) => !KIND_WORDS[w]).map((w) => w.slice(0, 100));
  const extra = opts.extraCodes ?? [];
  if (!nameWords.length && !kinds.length && !extra.length) return [];
  const like = (w: string) => `%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const rows = await unitQuery(db)
    .where('u.active', '=', true)
    .where((eb) => {
      const byName = [];
      if (kinds.length) byName.push(eb('u.kind', 'in', kinds));
      for (const w of nameWords) byName.push(eb('u.name', 'ilike', like(w)));
      const ors = [];
      if (nameWords.length || kinds.length) ors.push(eb.and(byName));
      if (extra.length) ors.push(eb('u.code', 'in', extra));
      return eb.or(ors);
    })
    .orderBy(KIND_ORDER)
    .orderBy('u.name')
    .limit(opts.limit ?? 500)
    .execute();
  return rows.map(toRow);
}

/** What the audit trail records of a unit. */
function snapshot(u: { code: string; kind: string; name: string; parentCode: string | null; contact: Record<string, string>; active: boolean }) {
  return { code: u.code, kind: u.kind, name: u.name, parent: u.parentCode, contact: u.contact, active: u.active };
}

function contactOf(input: ContactInput): Record<string, string> {
  return compactContact(Object.fromEntries(CONTACT_KEYS.map((k) => [k, input[k]])));
}

/** Which parent kinds each kind may sit under. */
const PARENT_KINDS: Record<EditableKind, Kind[]> = {
  kecamatan: ['region'],
  kelurahan: ['kecamatan'],
  desa: ['kecamatan'],
  opd: ['region', 'opd'],
};

export type Saved = { ok: true; code: string } | { ok: false; errors: FieldErrors };

async function checkParent(tx: Executor, kind: EditableKind, parentCode: string): Promise<{ parent?: UnitRow; errors?: FieldErrors }> {
  const parent = await findUnit(tx, parentCode);
  if (!parent) return { errors: { parent: 'units.parent.unknown' } };
  if (!PARENT_KINDS[kind].includes(parent.kind)) return { errors: { parent: `units.parent.wrong_kind.${kind}` } };
  return { parent };
}

export async function createUnit(db: DB, actor: AuditActor, input: NewUnitInput): Promise<Saved> {
  return db.transaction().execute(async (tx) => {
    if (await findUnit(tx, input.code)) return { ok: false as const, errors: { code: 'units.code.taken' } };
    const { parent, errors } = await checkParent(tx, input.kind, input.parent);
    if (errors) return { ok: false as const, errors };
    const contact = contactOf(input);
    const { id } = await insertUnit(tx, { code: input.code, kind: input.kind, name: input.name, parentId: parent!.id, contact });
    await recordAudit(tx, actor, {
      action: 'units.created', subjectType: 'unit', subjectId: input.code, unitId: id,
      after: snapshot({ code: input.code, kind: input.kind, name: input.name, parentCode: parent!.code, contact, active: true }),
    });
    return { ok: true as const, code: input.code };
  });
}

/** Full edit (name, kind, parent, contact): units.manage. Moving a unit rewrites its subtree's paths. */
export async function updateUnit(db: DB, actor: AuditActor, code: string, input: UnitInput): Promise<Saved> {
  return db.transaction().execute(async (tx) => {
    const before = await findUnit(tx, code);
    if (!before) return { ok: false as const, errors: { _: 'error.not_found' } };
    if (before.kind === 'region') return updateContactIn(tx, actor, before, input);
    const { parent, errors } = await checkParent(tx, input.kind, input.parent);
    if (errors) return { ok: false as const, errors };
    // a kecamatan with kelurahan under it cannot become a kelurahan itself
    if (input.kind !== before.kind && input.kind !== 'opd' && (await childrenOf(tx, before.id, true)).length)
      return { ok: false as const, errors: { kind: 'units.kind.has_children' } };
    if (parent!.id !== before.parentId) {
      try {
        await moveUnit(tx, before.id, parent!.id);
      } catch (e) {
        if (e instanceof UnitCycleError) return { ok: false as const, errors: { parent: 'units.parent.cycle' } };
        throw e;
      }
    }
    const contact = contactOf(input);
    await tx.updateTable('units').set({ name: input.name, kind: input.kind, contact: JSON.stringify(contact), updated_at: sql`now()` }).where('id', '=', before.id).execute();
    const after = { ...before, name: input.name, kind: input.kind, parentCode: parent!.code, contact };
    await audit(tx, actor, 'units.updated', before, after);
    return { ok: true as const, code };
  });
}

/** Contact only: units.edit_contact (the unit's own admin). */
export async function updateContact(db: DB, actor: AuditActor, code: string, input: ContactInput): Promise<Saved> {
  return db.transaction().execute(async (tx) => {
    const before = await findUnit(tx, code);
    if (!before) return { ok: false as const, errors: { _: 'error.not_found' } };
    return updateContactIn(tx, actor, before, input);
  });
}

async function updateContactIn(tx: Executor, actor: AuditActor, before: UnitRow, input: ContactInput): Promise<Saved> {
  const contact = contactOf(input);
  await tx.updateTable('units').set({ contact: JSON.stringify(contact), updated_at: sql`now()` }).where('id', '=', before.id).execute();
  await audit(tx, actor, 'units.contact_updated', before, { ...before, contact });
  return { ok: true, code: before.code };
}

async function audit(tx: Executor, actor: AuditActor, action: string, before: UnitRow, after: UnitRow) {
  await recordAudit(tx, actor, { action, subjectType: 'unit', subjectId: before.code, unitId: before.id, before: snapshot(before), after: snapshot(after) });
}

/** Deactivate (hidden from the directory, grants in it stop working) or reactivate a unit. */
export async function setActive(db: DB, actor: AuditActor, code: string, active: boolean): Promise<Saved> {
  return db.transaction().execute(async (tx) => {
    const before = await findUnit(tx, code);
    if (!before) return { ok: false as const, errors: { _: 'error.not_found' } };
    if (before.kind === 'region') return { ok: false as const, errors: { _: 'units.status.region' } };
    if (before.active === active) return { ok: true as const, code };
    if (!active && (await childrenOf(tx, before.id)).length) return { ok: false as const, errors: { _: 'units.status.has_children' } };
    await tx.updateTable('units').set({ active, updated_at: sql`now()` }).where('id', '=', before.id).execute();
    await audit(tx, actor, active ? 'units.activated' : 'units.deactivated', before, { ...before, active });
    return { ok: true as const, code };
  });
}

// ---- branding

export async function readBranding(db: Executor): Promise<{ name: string; branding: Branding } | undefined> {
  const r = await db.selectFrom('region').select(['name', 'branding']).executeTakeFirst();
  return r ? { name: r.name, branding: r.branding ?? {} } : undefined;
}

/** Audit and forms see the branding without the logo's SVG text. */
function withoutLogo(b: Branding): Branding {
  const { logoSvg: _omit, ...rest } = b;
  return rest;
}

export async function updateBranding(db: DB, actor: AuditActor, input: BrandingInput): Promise<{ ok: true } | { ok: false; errors: FieldErrors; params?: Record<string, string | number> }> {
  const colors = { primary: input.primary.toLowerCase(), primaryText: input.primaryText.toLowerCase(), accent: input.accent.toLowerCase() };
  const problems = contrastProblems(colors);
  if (problems.length) {
    const errors: FieldErrors = {};
    for (const p of problems) errors[p.field] = `units.branding.contrast.${p.pair}`;
    // each message shows its own pair's ratio: {header}, {links}, {accent}
    return { ok: false, errors, params: Object.fromEntries(problems.map((p) => [p.pair, p.ratio.toFixed(2)])) };
  }
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('region').select(['branding']).executeTakeFirst();
    if (!row) return { ok: false as const, errors: { _: 'error.not_found' } };
    const before = row.branding ?? {};
    const after: Branding = { ...before, name: input.name, colors, contact: contactOf(input) };
    if (input.shortName) after.shortName = input.shortName;
    else delete after.shortName;
    if (!Object.keys(after.contact!).length) delete after.contact;
    await tx.updateTable('region').set({ branding: JSON.stringify(after), updated_at: sql`now()` }).execute();
    await recordAudit(tx, actor, { action: 'units.branding_updated', subjectType: 'region', subjectId: null, before: withoutLogo(before), after: withoutLogo(after) });
    return { ok: true as const };
  });
}
