// Use cases of the service catalog: load the region pack's services (idempotent), the public catalog
// and the service standard of each service, and the unit admin's edits (audited in the same
// transaction). No HTTP, no HTML.
import fs from 'node:fs';
import path from 'node:path';
import { can, scopePaths, type Actor } from '../../platform/access/can.ts';
import { recordAudit, systemActor, type AuditActor } from '../../platform/audit/audit.ts';
import type { DB, Executor } from '../../platform/db/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { modulePackDir } from '../../platform/region/pack-data.ts';
import { publish } from '../../platform/events/index.ts';
import * as repo from './repo.ts';
import type { ServiceColumns, ServiceRow } from './repo.ts';
import { PackFile, SharedFile, STANDARD_COMPONENTS, type EditInput, type PackServiceInput, type UnitKind } from './schema.ts';

export type { ServiceRow };
export const MODULE_ID = 'layanan';

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
}

function checked<T>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, v: unknown, file: string): T {
  const r = schema.safeParse(v);
  if (r.success) return r.data;
  const i = r.error.issues[0];
  throw new Error(`layanan: ${file}: ${i.path.map(String).join('.')}: ${i.message}`);
}

/** The services a pack folder defines: its own plus those it takes from shared files, with the shared defaults filled in. */
export function readPackServices(dir: string): { services: (PackServiceInput & { steps: string[]; standard: Record<string, string> })[]; source: string } {
  const file = path.join(dir, 'services.json');
  if (!fs.existsSync(file)) return { services: [], source: '' };
  const pack = checked(PackFile, readJson(file), file);
  const out: (PackServiceInput & { steps: string[]; standard: Record<string, string> })[] = [];
  let defaults: { steps: string[]; standard: Record<string, string> } | undefined;
  for (const ref of pack.shared) {
    const sharedPath = path.resolve(dir, ref.file);
    if (!fs.existsSync(sharedPath)) throw new Error(`layanan: ${file}: shared file ${ref.file} not found`);
    const shared = checked(SharedFile, readJson(sharedPath), sharedPath);
    defaults ??= shared.defaults;
    for (const slug of ref.slugs ?? []) {
      if (!shared.services.some((s) => s.slug === slug)) throw new Error(`layanan: ${file}: ${ref.file} has no service ${slug}`);
    }
    for (const s of shared.services) {
      if (ref.slugs && !ref.slugs.includes(s.slug)) continue;
      if (ref.unitKinds && !ref.unitKinds.includes(s.unitKind)) continue;
      out.push({ ...s, steps: s.steps ?? shared.defaults.steps, standard: { ...shared.defaults.standard, ...s.standard } });
    }
  }
  for (const s of pack.services) {
    if (!s.steps && !defaults) throw new Error(`layanan: ${file}: ${s.slug} has no steps and no shared defaults`);
    out.push({ ...s, steps: s.steps ?? defaults!.steps, standard: { ...defaults?.standard, ...s.standard } });
  }
  const dup = out.find((s, i) => out.findIndex((o) => o.slug === s.slug) !== i);
  if (dup) throw new Error(`layanan: ${file}: service ${dup.slug} defined twice`);
  return { services: out, source: pack.source };
}

/** Seed (every start): the pack's services inserted or brought up to date; admins' edits stay. */
export async function seedServices(ctx: AppContext): Promise<{ inserted: number; updated: number }> {
  const region = await repo.regionUnit(ctx.db);
  if (!region) return { inserted: 0, updated: 0 };
  const dir = await modulePackDir(ctx, MODULE_ID);
  if (!dir) return { inserted: 0, updated: 0 };
  const { services, source } = readPackServices(dir);
  return ctx.db.transaction().execute(async (tx) => {
    let inserted = 0;
    let updated = 0;
    for (const s of services) {
      const cols: ServiceColumns = {
        slug: s.slug, name: s.name, summary: s.summary, grp: s.group, unit_kind: s.unitKind, owner_unit_id: region.id, audience: s.audience,
        requirements: s.requirements, pages: s.pages, steps: s.steps, deadline_days: s.deadlineDays, cost_rupiah: s.costRupiah, cost_note: s.costNote,
        product: s.product, standard: { legalBasis: s.legalBasis, ...s.standard }, verifier_role: s.verifierRole, signer_role: s.signerRole,
        forward_to: s.forwardTo ?? null, template: s.template, number_format: s.numberFormat, source,
      };
      const r = await repo.upsertFromPack(tx, cols);
      if (r === 'unchanged') continue;
      if (r === 'inserted') inserted++; else updated++;
      await recordAudit(tx, systemActor('layanan-seed'), { action: `layanan.service.${r}`, subjectType: 'layanan_service', subjectId: s.slug, unitId: region.id, after: { slug: s.slug, name: s.name } });
    }
    return { inserted, updated };
  });
}

// ---- the public catalog

export interface CatalogGroup { name: string; services: ServiceRow[] }

export async function catalog(db: Executor, q: { q: string; unit: UnitKind | '' }): Promise<CatalogGroup[]> {
  const rows = await repo.listServices(db, { term: q.q.slice(0, 100) || undefined, unitKind: q.unit || undefined });
  const groups = new Map<string, ServiceRow[]>();
  for (const r of rows) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  return [...groups].map(([name, services]) => ({ name, services }));
}

export const allActive = (db: Executor) => repo.listServices(db);
export const unitCounts = (db: Executor) => repo.unitCounts(db);

/** An active service for the public; inactive ones do not exist for citizens. */
export async function publicService(db: Executor, slug: string): Promise<ServiceRow | undefined> {
  const s = await repo.findService(db, slug);
  return s?.active ? s : undefined;
}

/** The 14 components: the service's own fields for requirements, procedure, time, cost and product, the rest from its standard. */
export function standardOf(s: ServiceRow, t: (key: string, p?: Record<string, string | number>) => string): { key: (typeof STANDARD_COMPONENTS)[number]; value: string | string[] }[] {
  return STANDARD_COMPONENTS.map((key) => {
    switch (key) {
      case 'requirements': return { key, value: s.requirements };
      case 'procedure': return { key, value: s.steps };
      case 'time': return { key, value: t('layanan.days', { n: s.deadlineDays }) };
      case 'cost': return { key, value: costText(s, t) };
      case 'product': return { key, value: s.product };
      default: return { key, value: s.standard[key] ?? '' };
    }
  });
}

export function costText(s: Pick<ServiceRow, 'costRupiah' | 'costNote'>, t: (key: string, p?: Record<string, string | number>) => string): string {
  const base = s.costRupiah === 0 ? t('layanan.cost.free') : t('layanan.cost.rupiah', { amount: s.costRupiah.toLocaleString('id-ID') });
  return s.costNote ? `${base} (${s.costNote})` : base;
}

// ---- the back office

const editScope = (actor: Actor) => (can(actor, 'layanan.manage_all') ? null : scopePaths(actor, 'layanan.manage'));
export const mayEdit = (actor: Actor, s: ServiceRow) => can(actor, 'layanan.manage_all') || can(actor, 'layanan.manage', { unitPath: s.owner.path });
export const staffList = (db: Executor, actor: Actor) => repo.listServices(db, { includeInactive: true, ownerScope: editScope(actor) });
export const findService = (db: Executor, slug: string) => repo.findService(db, slug);

const editable = (s: Pick<ServiceRow, 'deadlineDays' | 'costRupiah' | 'costNote' | 'requirements' | 'active'>) =>
  ({ deadlineDays: s.deadlineDays, costRupiah: s.costRupiah, costNote: s.costNote, requirements: s.requirements, active: s.active });

/** The caller checked mayEdit. Saved with the audit entry in one transaction; edited fields are kept from the pack from now on. */
// The service as a submission reads it, kept a few seconds per database: a JSON-heavy row that was
// ~40% of a submission's database time in bench:apply. An edit here drops it at once; another
// process sees an edit within SERVICE_TTL_MS (what a deadline or an "inactive" switch can wait).
const SERVICE_TTL_MS = 5_000;
const serviceCache = new WeakMap<Executor, Map<string, { row: ServiceRow | undefined; until: number }>>();

export async function submittableService(db: Executor, slug: string): Promise<ServiceRow | undefined> {
  let byDb = serviceCache.get(db);
  if (!byDb) serviceCache.set(db, (byDb = new Map<string, { row: ServiceRow | undefined; until: number }>()));
  const hit = byDb.get(slug);
  if (hit && hit.until > Date.now()) return hit.row;
  const row = await repo.findService(db, slug);
  if (byDb.size > 500) byDb.clear(); // bounded: slugs come from the URL
  byDb.set(slug, { row, until: Date.now() + SERVICE_TTL_MS });
  return row;
}

export async function editService(db: DB, who: AuditActor, slug: string, input: EditInput): Promise<boolean> {
  const done = await db.transaction().execute(async (tx) => {
    const before = await repo.findService(tx, slug);
    if (!before) return false;
    const after = { deadlineDays: input.deadlineDays, costRupiah: input.costRupiah, costNote: input.costNote, requirements: input.requirements, active: input.active === '1' };
    const old = editable(before);
    const edited = new Set(before.edited);
    if (after.deadlineDays !== old.deadlineDays) edited.add('deadlineDays');
    if (after.costRupiah !== old.costRupiah || after.costNote !== old.costNote) edited.add('costRupiah');
    if (JSON.stringify(after.requirements) !== JSON.stringify(old.requirements)) edited.add('requirements');
    await repo.updateEditable(tx, before.id, { ...after, edited: [...edited] });
    await recordAudit(tx, who, { action: 'layanan.service.edited', subjectType: 'layanan_service', subjectId: slug, unitId: before.owner.id, before: old, after });
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(old[k]));
    if (changed.length) await publish(tx, 'layanan.service.standard_changed', { slug, fields: changed, at: new Date().toISOString() });
    return true;
  });
  serviceCache.delete(db);
  return done;
}
