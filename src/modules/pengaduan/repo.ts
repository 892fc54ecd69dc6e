// All SQL of the pengaduan module: its own tables, joined with the platform's unit tree for names and
// scope. Privacy filters live here so no query can forget them: public reads never return a rahasia
// complaint, and reporter fields are read only by the functions that say so.
import { sql, type Generated, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';
import type { ColumnType } from 'kysely';
import type { TimestampDefault } from '../../platform/db/schema.ts';

type Json<T> = ColumnType<T, T | string | undefined, T | string>;

export const STATES = ['received', 'verified', 'rejected', 'dispositioned', 'in_progress', 'follow_up_reported', 'validated', 'resolved', 'closed', 'reopened'] as const;
export type State = (typeof STATES)[number];
export const CHANNELS = ['web', 'call_center', 'counter', 'sms', 'whatsapp', 'social_media', 'email', 'open311', 'lapor'] as const;
export type Channel = (typeof CHANNELS)[number];
export type TargetKind = 'unit' | 'kelurahan' | 'kecamatan';
export type SupervisorKind = 'unit' | 'kecamatan';
export interface Localized { id: string; en: string }
export interface TemplateText { key: string; text: Localized }

declare module '../../platform/db/schema.ts' {
  interface Database {
    pengaduan_region: { id: Generated<number>; verify_days: number; follow_up_days: number; auto_close_days: number; triage_by_kelurahan: boolean };
    pengaduan_categories: {
      code: string; name_id: string; name_en: string; description_id: Generated<string>; description_en: Generated<string>;
      default_unit: string; supervisor: string; templates: Json<TemplateText[]>; sort: Generated<number>; active: Generated<boolean>; updated_at: TimestampDefault;
    };
    pengaduan_routing_rules: {
      id: Generated<number>; category_code: string; area_unit_id: number | null; target_unit_id: number | null; target_kind: TargetKind;
      supervisor_unit_id: number | null; supervisor_kind: SupervisorKind; source: Generated<'pack' | 'admin'>;
    };
    pengaduan_complaints: {
      id: Generated<number>; public_id: string; category_code: string; title: Generated<string>; description: string;
      kecamatan_id: number | null; kelurahan_id: number | null; address: Generated<string>; lat: number | null; lng: number | null;
      anonim: boolean; rahasia: boolean; reporter_user_id: number | null; reporter_name: string | null; contact_email: string | null; contact_phone: string | null;
      channel: Channel; filed_by: number | null; state: State; rejection_reason: 'not_complaint' | 'duplicate' | null; duplicate_of: number | null;
      routed_unit_id: number; supervisor_unit_id: number; verify_due_at: Date | null; follow_up_due_at: Date | null; auto_close_at: Date | null;
      escalation_level: Generated<number>; first_response_at: Date | null; resolved_at: Date | null; closed_at: Date | null; followers: Generated<number>;
      external_ref: string | null; created_at: Date; updated_at: Date;
    };
    pengaduan_updates: {
      id: Generated<number>; complaint_id: number; kind: string; from_state: string | null; to_state: string | null; unit_id: number | null;
      actor_id: number | null; body: Generated<string>; public: Generated<boolean>; created_at: Date;
    };
    pengaduan_photos: { complaint_id: number; file_id: string; update_id: number | null };
    pengaduan_followers: { complaint_id: number; user_id: number | null; contact_hash: string | null; created_at: TimestampDefault };
    pengaduan_submissions: { key: string; complaint_id: number; created_at: TimestampDefault };
  }
}

export interface UnitRef { id: number; code: string; name: string; kind: string; path: string; parentId: number | null }

// ---- units (the platform's tree)

/**
 * Bumped by every edit of the region's complaint settings, categories and rules in this process: the
 * reference data a submission reads (reference.ts) is reloaded at once after one.
 */
export const referenceEdits = { n: 0 };

/** Every unit of the tree (a city's few hundred): what filing a complaint resolves locations and routes against. */
export async function allUnits(db: Executor): Promise<UnitRef[]> {
  const rows = await db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'path', 'parent_id']).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, path: r.path, parentId: r.parent_id }));
}

export async function unitById(db: Executor, id: number): Promise<UnitRef | undefined> {
  const r = await db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'path', 'parent_id']).where('id', '=', id).executeTakeFirst();
  return r && { id: r.id, code: r.code, name: r.name, kind: r.kind, path: r.path, parentId: r.parent_id };
}

export async function unitByCode(db: Executor, code: string): Promise<UnitRef | undefined> {
  const r = await db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'path', 'parent_id']).where('code', '=', code).executeTakeFirst();
  return r && { id: r.id, code: r.code, name: r.name, kind: r.kind, path: r.path, parentId: r.parent_id };
}

export async function regionUnit(db: Executor): Promise<UnitRef | undefined> {
  const r = await db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'path', 'parent_id']).where('kind', '=', 'region').executeTakeFirst();
  return r && { id: r.id, code: r.code, name: r.name, kind: r.kind, path: r.path, parentId: r.parent_id };
}

/** Active kecamatan and their kelurahan/desa, in code order (the location selects). */
export async function areas(db: Executor): Promise<{ id: number; code: string; name: string; kind: string; parentId: number | null }[]> {
  const rows = await db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'parent_id'])
    .where('active', '=', true).where('kind', 'in', ['kecamatan', 'kelurahan', 'desa']).orderBy('code').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, parentId: r.parent_id }));
}

// ---- region settings, categories, rules

export interface RegionSettings { verifyDays: number; followUpDays: number; autoCloseDays: number; triageByKelurahan: boolean }

export async function regionSettings(db: Executor): Promise<RegionSettings> {
  const r = await db.selectFrom('pengaduan_region').selectAll().executeTakeFirst();
  return { verifyDays: r?.verify_days ?? 3, followUpDays: r?.follow_up_days ?? 5, autoCloseDays: r?.auto_close_days ?? 10, triageByKelurahan: r?.triage_by_kelurahan ?? false };
}

export async function saveRegionSettings(db: Executor, s: RegionSettings): Promise<void> {
  referenceEdits.n++;
  const v = { verify_days: s.verifyDays, follow_up_days: s.followUpDays, auto_close_days: s.autoCloseDays, triage_by_kelurahan: s.triageByKelurahan };
  await db.insertInto('pengaduan_region').values({ id: 1, ...v }).onConflict((oc) => oc.column('id').doUpdateSet(v)).execute();
}

export interface CategoryRow {
  code: string; name: Localized; description: Localized; defaultUnit: string; supervisor: string; templates: TemplateText[]; sort: number; active: boolean;
}

export async function categories(db: Executor, opts: { all?: boolean } = {}): Promise<CategoryRow[]> {
  let q = db.selectFrom('pengaduan_categories').selectAll().orderBy('sort').orderBy('code');
  if (!opts.all) q = q.where('active', '=', true);
  const rows = await q.execute();
  return rows.map((r) => ({
    code: r.code, name: { id: r.name_id, en: r.name_en }, description: { id: r.description_id, en: r.description_en },
    defaultUnit: r.default_unit, supervisor: r.supervisor, templates: r.templates, sort: r.sort, active: r.active,
  }));
}

export async function upsertCategory(db: Executor, c: CategoryRow): Promise<void> {
  referenceEdits.n++;
  const v = {
    name_id: c.name.id, name_en: c.name.en, description_id: c.description.id, description_en: c.description.en, default_unit: c.defaultUnit,
    supervisor: c.supervisor, templates: JSON.stringify(c.templates), sort: c.sort, active: c.active, updated_at: new Date(),
  };
  await db.insertInto('pengaduan_categories').values({ code: c.code, ...v }).onConflict((oc) => oc.column('code').doUpdateSet(v)).execute();
}

export async function deactivateCategoriesExcept(db: Executor, codes: string[]): Promise<void> {
  referenceEdits.n++;
  let q = db.updateTable('pengaduan_categories').set({ active: false }).where('active', '=', true);
  if (codes.length) q = q.where('code', 'not in', codes);
  await q.execute();
}

export interface RuleRow {
  id: number; categoryCode: string; areaUnitId: number | null; targetKind: TargetKind; targetUnitId: number | null;
  supervisorKind: SupervisorKind; supervisorUnitId: number | null; source: 'pack' | 'admin';
}
export type NewRule = Omit<RuleRow, 'id'>;

export async function rulesFor(db: Executor, categoryCode: string): Promise<RuleRow[]> {
  const rows = await db.selectFrom('pengaduan_routing_rules').selectAll().where('category_code', '=', categoryCode).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id, categoryCode: r.category_code, areaUnitId: r.area_unit_id, targetKind: r.target_kind, targetUnitId: r.target_unit_id,
    supervisorKind: r.supervisor_kind, supervisorUnitId: r.supervisor_unit_id, source: r.source,
  }));
}

export async function allRules(db: Executor): Promise<RuleRow[]> {
  const rows = await db.selectFrom('pengaduan_routing_rules').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id, categoryCode: r.category_code, areaUnitId: r.area_unit_id, targetKind: r.target_kind, targetUnitId: r.target_unit_id,
    supervisorKind: r.supervisor_kind, supervisorUnitId: r.supervisor_unit_id, source: r.source,
  }));
}

export async function replacePackRules(db: Executor, rules: NewRule[]): Promise<void> {
  referenceEdits.n++;
  await db.deleteFrom('pengaduan_routing_rules').where('source', '=', 'pack').execute();
  if (!rules.length) return;
  await db.insertInto('pengaduan_routing_rules').values(rules.map((r) => ({
    category_code: r.categoryCode, area_unit_id: r.areaUnitId, target_kind: r.targetKind, target_unit_id: r.targetUnitId,
    supervisor_kind: r.supervisorKind, supervisor_unit_id: r.supervisorUnitId, source: r.source,
  }))).execute();
}

// ---- complaints

type Insertable = {
  public_id: string; category_code: string; title: string; description: string; kecamatan_id: number | null; kelurahan_id: number | null;
  address: string; lat: number | null; lng: number | null; anonim: boolean; rahasia: boolean; reporter_user_id: number | null;
  reporter_name: string | null; contact_email: string | null; contact_phone: string | null; channel: Channel; filed_by: number | null;
  state: State; routed_unit_id: number; supervisor_unit_id: number; verify_due_at: Date | null; external_ref: string | null; created_at: Date; updated_at: Date;
};

export async function insertComplaint(db: Executor, v: Insertable): Promise<number> {
  const r = await db.insertInto('pengaduan_complaints').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** `n` complaint ids from the table's sequence (never handed out twice, whether or not they are used). */
export async function reserveComplaintIds(db: Executor, n: number): Promise<number[]> {
  const { rows } = await sql<{ id: string | number }>`select nextval(pg_get_serial_sequence('pengaduan_complaints', 'id')) as id from generate_series(1, ${n}::int)`.execute(db);
  return rows.map((r) => Number(r.id));
}

/**
 * A new complaint in one statement: the row (its id reserved before), its idempotency claim, its first
 * timeline update, its photos, its event's jobs and its audit entry (`audit`, from auditAppend). Outside
 * a transaction that is one round trip and one commit; a repeated key fails the claim's primary key and
 * nothing is written. With `claim: 'or-skip'` (inside the caller's transaction, which an error would
 * abort) a taken key is skipped instead and `claimed` says so: the caller must then roll back.
 */
export async function insertFiled(db: Executor, v: Insertable & { id: number }, f: {
  key: string | null; claim: 'strict' | 'or-skip'; photoFileIds: string[]; jobs: { name: string; payload: Record<string, unknown> }[]; maxAttempts: number;
  audit: RawBuilder<number>;
}): Promise<{ claimed: boolean }> {
  const r = await db
    .with('c', (q) => q.insertInto('pengaduan_complaints').values(v).returning(['id', 'routed_unit_id', 'created_at']))
    .with('s', (q) => {
      const ins = q.insertInto('pengaduan_submissions').columns(['key', 'complaint_id'])
        .expression((eb) => eb.selectFrom('c').select([sql<string>`${f.key}::text`.as('key'), 'c.id']).where(sql<boolean>`${f.key}::text is not null`));
      return (f.claim === 'or-skip' ? ins.onConflict((oc) => oc.column('key').doNothing()) : ins).returning('key');
    })
    .with('u', (q) => q.insertInto('pengaduan_updates').columns(['complaint_id', 'kind', 'from_state', 'to_state', 'unit_id', 'created_at'])
      .expression((eb) => eb.selectFrom('c').select([
        'c.id', sql.lit('received').as('kind'), sql<null>`null::text`.as('from_state'), sql.lit('received').as('to_state'), 'c.routed_unit_id', 'c.created_at',
      ])))
    .with('p', (q) => q.insertInto('pengaduan_photos').columns(['complaint_id', 'file_id'])
      .expression(sql`select c.id, f.value from c cross join jsonb_array_elements_text(${JSON.stringify(f.photoFileIds)}::jsonb) as f`))
    .with('j', (q) => q.insertInto('jobs').columns(['name', 'payload', 'max_attempts'])
      .expression(sql`select x->>'name', x->'payload', ${f.maxAttempts}::int from c cross join jsonb_array_elements(${JSON.stringify(f.jobs)}::jsonb) as x`))
    .selectNoFrom([sql<string>`(select count(*) from s)`.as('claimed'), f.audit.as('chain')])
    .executeTakeFirstOrThrow();
  return { claimed: Number(r.claimed) > 0 || f.key === null };
}

export async function submissionFor(db: Executor, key: string): Promise<{ id: number; publicId: string } | undefined> {
  const r = await db.selectFrom('pengaduan_submissions as s').innerJoin('pengaduan_complaints as c', 'c.id', 's.complaint_id')
    .select(['c.id', 'c.public_id']).where('s.key', '=', key).executeTakeFirst();
  return r && { id: r.id, publicId: r.public_id };
}

/** true when this key was new (the caller's complaint stands); false when another submit holds it. */
export async function claimSubmission(db: Executor, key: string, complaintId: number): Promise<boolean> {
  const r = await db.insertInto('pengaduan_submissions').values({ key, complaint_id: complaintId })
    .onConflict((oc) => oc.column('key').doNothing()).returning('key').executeTakeFirst();
  return !!r;
}

export async function addUpdate(db: Executor, u: {
  complaintId: number; kind: string; fromState?: State | null; toState?: State | null; unitId?: number | null; actorId?: number | null; body?: string; public?: boolean; at: Date;
}): Promise<number> {
  const r = await db.insertInto('pengaduan_updates').values({
    complaint_id: u.complaintId, kind: u.kind, from_state: u.fromState ?? null, to_state: u.toState ?? null, unit_id: u.unitId ?? null,
    actor_id: u.actorId ?? null, body: u.body ?? '', public: u.public ?? true, created_at: u.at,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function addPhotos(db: Executor, complaintId: number, fileIds: string[], updateId: number | null = null): Promise<void> {
  if (!fileIds.length) return;
  await db.insertInto('pengaduan_photos').values(fileIds.map((f) => ({ complaint_id: complaintId, file_id: f, update_id: updateId }))).execute();
}

/** The complaint as the handling side sees it (reporter fields included; the service hides them for anonim). */
export interface ComplaintRow {
  id: number; publicId: string; categoryCode: string; title: string; description: string;
  kecamatan: { id: number; name: string } | null; kelurahan: { id: number; name: string } | null; address: string; lat: number | null; lng: number | null;
  anonim: boolean; rahasia: boolean; reporterUserId: number | null; reporterName: string | null; contactEmail: string | null; contactPhone: string | null;
  channel: Channel; state: State; rejectionReason: 'not_complaint' | 'duplicate' | null; duplicateOf: number | null;
  routedUnit: UnitRef; supervisorUnit: UnitRef; verifyDueAt: Date | null; followUpDueAt: Date | null; autoCloseAt: Date | null; escalationLevel: number;
  firstResponseAt: Date | null; resolvedAt: Date | null; closedAt: Date | null; followers: number; externalRef: string | null; createdAt: Date; updatedAt: Date;
}

function complaintQuery(db: Executor) {
  return db.selectFrom('pengaduan_complaints as c')
    .innerJoin('units as r', 'r.id', 'c.routed_unit_id')
    .innerJoin('units as s', 's.id', 'c.supervisor_unit_id')
    .leftJoin('units as k', 'k.id', 'c.kecamatan_id')
    .leftJoin('units as l', 'l.id', 'c.kelurahan_id')
    .selectAll('c')
    .select(['r.code as r_code', 'r.name as r_name', 'r.kind as r_kind', 'r.path as r_path', 'r.parent_id as r_parent',
      's.code as s_code', 's.name as s_name', 's.kind as s_kind', 's.path as s_path', 's.parent_id as s_parent',
      'k.name as k_name', 'l.name as l_name']);
}

type Raw = Awaited<ReturnType<ReturnType<typeof complaintQuery>['executeTakeFirstOrThrow']>>;

function toRow(r: Raw): ComplaintRow {
  return {
    id: r.id, publicId: r.public_id, categoryCode: r.category_code, title: r.title, description: r.description,
    kecamatan: r.kecamatan_id && r.k_name ? { id: r.kecamatan_id, name: r.k_name } : null,
    kelurahan: r.kelurahan_id && r.l_name ? { id: r.kelurahan_id, name: r.l_name } : null,
    address: r.address, lat: r.lat, lng: r.lng, anonim: r.anonim, rahasia: r.rahasia, reporterUserId: r.reporter_user_id, reporterName: r.reporter_name,
    contactEmail: r.contact_email, contactPhone: r.contact_phone, channel: r.channel, state: r.state, rejectionReason: r.rejection_reason, duplicateOf: r.duplicate_of,
    routedUnit: { id: r.routed_unit_id, code: r.r_code, name: r.r_name, kind: r.r_kind, path: r.r_path, parentId: r.r_parent },
    supervisorUnit: { id: r.supervisor_unit_id, code: r.s_code, name: r.s_name, kind: r.s_kind, path: r.s_path, parentId: r.s_parent },
    verifyDueAt: r.verify_due_at, followUpDueAt: r.follow_up_due_at, autoCloseAt: r.auto_close_at, escalationLevel: r.escalation_level,
    firstResponseAt: r.first_response_at, resolvedAt: r.resolved_at, closedAt: r.closed_at, followers: r.followers, externalRef: r.external_ref,
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export async function complaintById(db: Executor, id: number, opts: { forUpdate?: boolean } = {}): Promise<ComplaintRow | undefined> {
  if (opts.forUpdate) await db.selectFrom('pengaduan_complaints').select('id').where('id', '=', id).forUpdate().execute();
  const r = await complaintQuery(db).where('c.id', '=', id).executeTakeFirst();
  return r && toRow(r);
}

export async function complaintByPublicId(db: Executor, publicId: string): Promise<ComplaintRow | undefined> {
  const r = await complaintQuery(db).where('c.public_id', '=', publicId).executeTakeFirst();
  return r && toRow(r);
}

export async function setComplaint(db: Executor, id: number, v: Partial<{
  state: State; rejection_reason: 'not_complaint' | 'duplicate' | null; duplicate_of: number | null; routed_unit_id: number; supervisor_unit_id: number;
  verify_due_at: Date | null; follow_up_due_at: Date | null; auto_close_at: Date | null; escalation_level: number; first_response_at: Date | null;
  resolved_at: Date | null; closed_at: Date | null; updated_at: Date; external_ref: string | null;
}>): Promise<void> {
  await db.updateTable('pengaduan_complaints').set(v).where('id', '=', id).execute();
}

export async function incrementFollowers(db: Executor, id: number): Promise<void> {
  await db.updateTable('pengaduan_complaints').set({ followers: sql`followers + 1` }).where('id', '=', id).execute();
}

export async function addFollower(db: Executor, complaintId: number, who: { userId?: number; contactHash?: string }): Promise<boolean> {
  const r = await db.insertInto('pengaduan_followers').values({ complaint_id: complaintId, user_id: who.userId ?? null, contact_hash: who.contactHash ?? null })
    .onConflict((oc) => oc.doNothing()).returning('complaint_id').executeTakeFirst();
  return !!r;
}

export interface UpdateRow { id: number; kind: string; fromState: string | null; toState: string | null; unitName: string | null; body: string; public: boolean; createdAt: Date; photos: string[] }

export async function updatesOf(db: Executor, complaintId: number, opts: { publicOnly: boolean }): Promise<UpdateRow[]> {
  let q = db.selectFrom('pengaduan_updates as u').leftJoin('units as n', 'n.id', 'u.unit_id')
    .select(['u.id', 'u.kind', 'u.from_state', 'u.to_state', 'u.body', 'u.public', 'u.created_at', 'n.name as unit_name'])
    .where('u.complaint_id', '=', complaintId).orderBy('u.created_at').orderBy('u.id');
  if (opts.publicOnly) q = q.where('u.public', '=', true);
  const rows = await q.execute();
  const photos = await db.selectFrom('pengaduan_photos').select(['file_id', 'update_id']).where('complaint_id', '=', complaintId).orderBy('file_id').execute();
  return rows.map((r) => ({
    id: r.id, kind: r.kind, fromState: r.from_state, toState: r.to_state, unitName: r.unit_name, body: r.body, public: r.public, createdAt: r.created_at,
    photos: photos.filter((p) => p.update_id === r.id).map((p) => p.file_id),
  }));
}

export async function reportPhotos(db: Executor, complaintId: number): Promise<string[]> {
  const rows = await db.selectFrom('pengaduan_photos').select('file_id').where('complaint_id', '=', complaintId).where('update_id', 'is', null).orderBy('file_id').execute();
  return rows.map((r) => r.file_id);
}

export async function photoComplaint(db: Executor, fileId: string): Promise<{ complaintId: number } | undefined> {
  const r = await db.selectFrom('pengaduan_photos').select('complaint_id').where('file_id', '=', fileId).executeTakeFirst();
  return r && { complaintId: r.complaint_id };
}

/** What decides whether a photo is public: its complaint's rahasia flag and the update it belongs to (null: the report's own photo). */
export async function photoPrivacy(db: Executor, fileId: string): Promise<{ complaintId: number; rahasia: boolean; updateId: number | null; updatePublic: boolean | null } | undefined> {
  const r = await db.selectFrom('pengaduan_photos as p').innerJoin('pengaduan_complaints as c', 'c.id', 'p.complaint_id')
    .leftJoin('pengaduan_updates as u', 'u.id', 'p.update_id')
    .select(['p.complaint_id', 'c.rahasia', 'p.update_id', 'u.public']).where('p.file_id', '=', fileId).executeTakeFirst();
  return r && { complaintId: r.complaint_id, rahasia: r.rahasia, updateId: r.update_id, updatePublic: r.public };
}

// ---- the officers' queue (routes-staff.tsx): the handling unit's subtree, plus the items awaiting
// validation by a supervising unit in the actor's subtree

export interface QueueScope {
  /** unit paths the actor handles in (null: everywhere, []: nowhere) */
  handle: string[] | null;
  /** unit paths the actor validates in */
  validate: string[] | null;
}
export interface QueueFilter { state?: State | 'open' | 'all'; category?: string; overdue?: boolean; now: Date; limit?: number }
export interface QueueRow {
  id: number; publicId: string; categoryCode: string; title: string; description: string; state: State; channel: Channel;
  routedUnit: string; createdAt: Date; verifyDueAt: Date | null; followUpDueAt: Date | null; overdue: boolean; awaitingValidation: boolean;
}

const CLOSED_STATES: State[] = ['closed', 'rejected'];

function scoped(db: Executor, s: QueueScope) {
  return db.selectFrom('pengaduan_complaints as c')
    .innerJoin('units as r', 'r.id', 'c.routed_unit_id')
    .innerJoin('units as s', 's.id', 'c.supervisor_unit_id')
    .where((eb) => {
      const under = (col: 'r.path' | 's.path', paths: string[] | null) =>
        paths === null ? eb.lit(true) : paths.length ? eb.or(paths.map((p) => eb(col, 'like', `${p}%`))) : eb.lit(false);
      return eb.or([under('r.path', s.handle), eb.and([eb('c.state', '=', 'follow_up_reported'), under('s.path', s.validate)])]);
    });
}

function overdueExpr(now: Date) {
  return sql<boolean>`((c.state in ('received', 'reopened') and c.verify_due_at < ${now}) or (c.state in ('verified', 'dispositioned', 'in_progress') and c.follow_up_due_at < ${now}))`;
}

export async function queueOf(db: Executor, s: QueueScope, f: QueueFilter): Promise<QueueRow[]> {
  let q = scoped(db, s)
    .select(['c.id', 'c.public_id', 'c.category_code', 'c.title', 'c.description', 'c.state', 'c.channel', 'c.created_at', 'c.verify_due_at', 'c.follow_up_due_at',
      'r.name as r_name', 's.path as s_path', overdueExpr(f.now).as('overdue')])
    .orderBy(overdueExpr(f.now), 'desc')
    .orderBy(sql`coalesce(case when c.state in ('received', 'reopened') then c.verify_due_at else c.follow_up_due_at end, c.created_at)`)
    .orderBy('c.id')
    .limit(Math.min(f.limit ?? 100, 500));
  const state = f.state ?? 'open';
  if (state === 'open') q = q.where('c.state', 'not in', CLOSED_STATES);
  else if (state !== 'all') q = q.where('c.state', '=', state);
  if (f.category) q = q.where('c.category_code', '=', f.category);
  if (f.overdue) q = q.where(overdueExpr(f.now));
  const rows = await q.execute();
  const validates = (p: string) => s.validate === null || s.validate.some((v) => p.startsWith(v));
  return rows.map((r) => ({
    id: r.id, publicId: r.public_id, categoryCode: r.category_code, title: r.title, description: r.description, state: r.state, channel: r.channel,
    routedUnit: r.r_name, createdAt: r.created_at, verifyDueAt: r.verify_due_at, followUpDueAt: r.follow_up_due_at, overdue: !!r.overdue,
    awaitingValidation: r.state === 'follow_up_reported' && validates(r.s_path),
  }));
}

/** How many items of the actor's queue are in each state. */
export async function queueCounts(db: Executor, s: QueueScope): Promise<Partial<Record<State, number>>> {
  const rows = await scoped(db, s).select(['c.state', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('c.state').execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

/** Units a complaint can be re-routed to (disposition): OPD, kecamatan, kelurahan/desa. */
export async function dispositionTargets(db: Executor): Promise<{ id: number; code: string; name: string; kind: string }[]> {
  return db.selectFrom('units').select(['id', 'code', 'name', 'kind']).where('active', '=', true)
    .where('kind', 'in', ['opd', 'kecamatan', 'kelurahan', 'desa', 'region']).orderBy('code').execute();
}

// ---- escalation (escalation.ts)

/** Open complaints past their verify or follow-up deadline that have not had every notice yet. */
export async function overdueForEscalation(db: Executor, now: Date, below: number): Promise<{ id: number; state: State; verifyDueAt: Date | null; followUpDueAt: Date | null; escalationLevel: number }[]> {
  const rows = await db.selectFrom('pengaduan_complaints as c').select(['c.id', 'c.state', 'c.verify_due_at', 'c.follow_up_due_at', 'c.escalation_level'])
    .where(overdueExpr(now)).where('c.escalation_level', '<', below).orderBy('c.id').limit(500).execute();
  return rows.map((r) => ({ id: r.id, state: r.state, verifyDueAt: r.verify_due_at, followUpDueAt: r.follow_up_due_at, escalationLevel: r.escalation_level }));
}

export interface Recipient { userId: number; email: string; locale: 'id' | 'en' }

/** The head of a unit: its approvers and unit admins, or those of the nearest unit above that has any. */
export async function unitHeads(db: Executor, unitPath: string): Promise<Recipient[]> {
  const rows = await db.selectFrom('role_grants as g').innerJoin('units as u', 'u.id', 'g.unit_id').innerJoin('users as p', 'p.id', 'g.user_id')
    .select(['p.id', 'p.email', 'p.locale', 'u.path']).where('g.role', 'in', ['approver', 'unit_admin']).where('p.kind', '=', 'staff')
    .where('p.disabled_at', 'is', null).where('p.email', 'is not', null).where(sql<boolean>`${unitPath} like u.path || '%'`).execute();
  const deepest = Math.max(0, ...rows.map((r) => r.path.length));
  return uniqueRecipients(rows.filter((r) => r.path.length === deepest));
}

export async function platformAdmins(db: Executor): Promise<Recipient[]> {
  const rows = await db.selectFrom('role_grants as g').innerJoin('users as p', 'p.id', 'g.user_id').select(['p.id', 'p.email', 'p.locale'])
    .where('g.role', '=', 'platform_admin').where('p.kind', '=', 'staff').where('p.disabled_at', 'is', null).where('p.email', 'is not', null).execute();
  return uniqueRecipients(rows);
}

function uniqueRecipients(rows: { id: number; email: string | null; locale: 'id' | 'en' }[]): Recipient[] {
  const seen = new Map<number, Recipient>();
  for (const r of rows) if (r.email && !seen.has(r.id)) seen.set(r.id, { userId: r.id, email: r.email, locale: r.locale });
  return [...seen.values()];
}

/** Raise the escalation level from `from` to `to`; false when another run did it first. */
export async function raiseEscalation(db: Executor, id: number, from: number, to: number): Promise<boolean> {
  const r = await db.updateTable('pengaduan_complaints').set({ escalation_level: to }).where('id', '=', id).where('escalation_level', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- map (map/index.ts)

/** The map points of the given complaints (those that have one). */
export async function pointsOf(db: Executor, ids: number[]): Promise<Map<number, { lat: number; lng: number }>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('pengaduan_complaints').select(['id', 'lat', 'lng'])
    .where('id', 'in', ids).where('lat', 'is not', null).where('lng', 'is not', null).execute();
  return new Map(rows.map((r) => [Number(r.id), { lat: r.lat!, lng: r.lng! }]));
}
