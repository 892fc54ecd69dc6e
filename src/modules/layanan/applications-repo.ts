// All SQL of applications: the application rows, their steps (timeline), drafts and attached files.
// Sealed columns stay sealed here; applications.ts opens them for those allowed to read them.
import { sql, type Generated, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';
import type { State } from './workflow.ts';

declare module '../../platform/db/schema.ts' {
  interface Database {
    layanan_applications: {
      id: Generated<number>; tracking_number: string; pin_hash: string; pin_sealed: string; service_id: number;
      unit_id: number; current_unit_id: number; user_id: number | null; applicant_name: string; applicant_nik_hash: string;
      applicant_nik_sealed: string; answers_sealed: string; channel: 'online' | 'counter'; filed_by: number | null; state: State;
      due_at: Date; returned_at: Date | null; submit_key: string | null; document_id: string | null; escalated_at: Date | null;
      submitted_at: Date; decided_at: Date | null; updated_at: Date;
    };
    layanan_steps: {
      id: Generated<number>; application_id: number; action: string; from_state: string | null; to_state: string; unit_id: number;
      actor_id: number | null; actor_role: string | null; note: Generated<string>; at: Date;
    };
    layanan_drafts: { id: Generated<number>; user_id: number; service_id: number; answers_sealed: string; page: Generated<number>; updated_at: Date };
    layanan_files: { file_id: string; draft_id: number | null; application_id: number | null; field: string };
  }
}

export type NewApplicationRow = {
  tracking_number: string; pin_hash: string; pin_sealed: string; service_id: number; unit_id: number; current_unit_id: number;
  user_id: number | null; applicant_name: string; applicant_nik_hash: string; applicant_nik_sealed: string; answers_sealed: string;
  channel: 'online' | 'counter'; filed_by: number | null; state: State; due_at: Date; submit_key: string | null; submitted_at: Date; updated_at: Date;
};

export async function insertApplication(tx: Executor, row: NewApplicationRow): Promise<number> {
  const r = await tx.insertInto('layanan_applications').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/**
 * A new application, its first timeline step and its audit entry in ONE statement: outside a
 * transaction that is one round trip and one commit (bench:apply; ADR 031). A unique submit_key
 * that exists already fails the whole statement, and nothing is written.
 */
export async function insertSubmitted(db: Executor, row: NewApplicationRow, step: { actorId: number | null; actorRole: string | null }, audit: RawBuilder<number>): Promise<number> {
  const r = await db
    .with('app', (q) => q.insertInto('layanan_applications').values(row).returning(['id', 'unit_id', 'submitted_at']))
    .with('step', (q) => q.insertInto('layanan_steps')
      .columns(['application_id', 'action', 'from_state', 'to_state', 'unit_id', 'actor_id', 'actor_role', 'at'])
      .expression((eb) => eb.selectFrom('app').select((x) => [
        'app.id', sql.lit('submit').as('action'), sql<null>`null::text`.as('from_state'), sql.lit('submitted').as('to_state'), 'app.unit_id',
        sql<number | null>`${step.actorId}::int`.as('actor_id'), sql<string | null>`${step.actorRole}::text`.as('actor_role'), x.ref('app.submitted_at').as('at'),
      ]))
      .returning('id'))
    .selectFrom('app')
    .select(['app.id', audit.as('chain')])
    .executeTakeFirstOrThrow();
  return r.id;
}

/** An application with its service and units, as the service layer works with it. */
function applicationQuery(db: Executor) {
  return db.selectFrom('layanan_applications as a')
    .innerJoin('layanan_services as s', 's.id', 'a.service_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .innerJoin('units as cu', 'cu.id', 'a.current_unit_id')
    .selectAll('a')
    .select(['s.slug as service_slug', 's.name as service_name', 's.verifier_role', 's.signer_role', 's.forward_to', 's.deadline_days',
      'u.name as unit_name', 'u.path as unit_path', 'cu.name as current_unit_name', 'cu.path as current_unit_path', 'cu.kind as current_unit_kind',
      'cu.parent_id as current_unit_parent_id']);
}
export type ApplicationRecord = NonNullable<Awaited<ReturnType<ReturnType<typeof applicationQuery>['executeTakeFirst']>>>;

export function applicationById(db: Executor, id: number, opts: { forUpdate?: boolean } = {}): Promise<ApplicationRecord | undefined> {
  let q = applicationQuery(db).where('a.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('a');
  return q.executeTakeFirst();
}

export function applicationByTracking(db: Executor, tracking: string): Promise<ApplicationRecord | undefined> {
  return applicationQuery(db).where('a.tracking_number', '=', tracking).executeTakeFirst();
}

export async function applicationIdBySubmitKey(db: Executor, key: string): Promise<number | undefined> {
  return (await db.selectFrom('layanan_applications').select('id').where('submit_key', '=', key).executeTakeFirst())?.id;
}

export function applicationsOfUser(db: Executor, userId: number, opts: { limit?: number } = {}) {
  return applicationQuery(db).where('a.user_id', '=', userId).orderBy('a.submitted_at', 'desc').orderBy('a.id', 'desc').limit(opts.limit ?? 200).execute();
}

export async function updateApplication(tx: Executor, id: number, set: Partial<{
  state: State; current_unit_id: number; due_at: Date; returned_at: Date | null; document_id: string | null; decided_at: Date | null;
  escalated_at: Date | null; user_id: number | null; answers_sealed: string; updated_at: Date;
}>): Promise<void> {
  await tx.updateTable('layanan_applications').set(set).where('id', '=', id).execute();
}

export async function addStep(tx: Executor, s: { applicationId: number; action: string; from: string | null; to: string; unitId: number; actorId: number | null; actorRole: string | null; note?: string; at: Date }): Promise<void> {
  await tx.insertInto('layanan_steps').values({
    application_id: s.applicationId, action: s.action, from_state: s.from, to_state: s.to, unit_id: s.unitId, actor_id: s.actorId,
    actor_role: s.actorRole, note: s.note ?? '', at: s.at,
  }).execute();
}

export function stepsOf(db: Executor, applicationId: number) {
  return db.selectFrom('layanan_steps as st').innerJoin('units as u', 'u.id', 'st.unit_id')
    .leftJoin('users as p', 'p.id', 'st.actor_id')
    .select(['st.id', 'st.action', 'st.from_state', 'st.to_state', 'st.note', 'st.at', 'st.actor_role', 'st.actor_id', 'u.name as unit_name', 'p.name as actor_name'])
    .where('st.application_id', '=', applicationId).orderBy('st.id').execute();
}

// ---- drafts

export function draftOf(db: Executor, userId: number, serviceId: number) {
  return db.selectFrom('layanan_drafts').selectAll().where('user_id', '=', userId).where('service_id', '=', serviceId).executeTakeFirst();
}

export async function saveDraft(db: Executor, d: { userId: number; serviceId: number; answersSealed: string; page: number; at: Date }): Promise<number> {
  const r = await db.insertInto('layanan_drafts')
    .values({ user_id: d.userId, service_id: d.serviceId, answers_sealed: d.answersSealed, page: d.page, updated_at: d.at })
    .onConflict((oc) => oc.columns(['user_id', 'service_id']).doUpdateSet({ answers_sealed: d.answersSealed, page: d.page, updated_at: d.at }))
    .returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function deleteDraft(tx: Executor, userId: number, serviceId: number): Promise<void> {
  await tx.deleteFrom('layanan_drafts').where('user_id', '=', userId).where('service_id', '=', serviceId).execute();
}

// ---- files

export async function attachToDraft(db: Executor, draftId: number, field: string, fileId: string): Promise<void> {
  await db.insertInto('layanan_files').values({ file_id: fileId, draft_id: draftId, application_id: null, field }).execute();
}

/** a draft's files become the application's on submit */
export async function moveDraftFiles(tx: Executor, draftId: number, applicationId: number): Promise<void> {
  await tx.updateTable('layanan_files').set({ application_id: applicationId, draft_id: null }).where('draft_id', '=', draftId).execute();
}

/** an application's file for one field replaced (a correction): the old links go; returns their file ids */
export async function unlinkApplicationField(tx: Executor, applicationId: number, field: string): Promise<string[]> {
  const rows = await tx.deleteFrom('layanan_files').where('application_id', '=', applicationId).where('field', '=', field).returning('file_id').execute();
  return rows.map((r) => r.file_id);
}

export async function attachToApplication(tx: Executor, applicationId: number, field: string, fileId: string): Promise<void> {
  await tx.insertInto('layanan_files').values({ file_id: fileId, draft_id: null, application_id: applicationId, field }).execute();
}

export function filesOf(db: Executor, where: { draftId: number } | { applicationId: number }) {
  let q = db.selectFrom('layanan_files as lf').innerJoin('files as f', 'f.id', 'lf.file_id').select(['lf.file_id', 'lf.field', 'f.name', 'f.type', 'f.size']);
  q = 'draftId' in where ? q.where('lf.draft_id', '=', where.draftId) : q.where('lf.application_id', '=', where.applicationId);
  return q.orderBy('lf.field').execute();
}

export function fileLink(db: Executor, fileId: string) {
  return db.selectFrom('layanan_files').selectAll().where('file_id', '=', fileId).executeTakeFirst();
}

// ---- the officer queue and the escalation job

export interface QueueFilter { unitPaths: string[] | null; states?: State[]; serviceSlug?: string; overdueAt?: Date; limit?: number; offset?: number }

/** Open applications of the units in scope, overdue first, then by deadline. */
export function queue(db: Executor, f: QueueFilter) {
  let q = applicationQuery(db).where('a.state', 'in', f.states?.length ? f.states : ['submitted', 'verified', 'approved']);
  if (f.unitPaths) {
    const paths = f.unitPaths;
    if (!paths.length) return Promise.resolve([]);
    q = q.where((eb) => eb.or(paths.map((p) => eb('cu.path', 'like', `${p}%`))));
  }
  if (f.serviceSlug) q = q.where('s.slug', '=', f.serviceSlug);
  if (f.overdueAt) q = q.where('a.due_at', '<', f.overdueAt);
  return q.orderBy('a.due_at').orderBy('a.id').limit(f.limit ?? 50).offset(f.offset ?? 0).execute();
}

/** open and past their deadline, not yet escalated */
export function overdueUnescalated(db: Executor, now: Date, limit = 500) {
  return db.selectFrom('layanan_applications').select(['id', 'current_unit_id', 'tracking_number', 'due_at'])
    .where('state', 'in', ['submitted', 'verified', 'approved']).where('due_at', '<', now).where('escalated_at', 'is', null)
    .orderBy('due_at').limit(limit).execute();
}

export async function userContact(db: Executor, userId: number) {
  return db.selectFrom('users').select(['id', 'name', 'email', 'phone', 'email_verified_at', 'phone_verified_at', 'locale']).where('id', '=', userId).executeTakeFirst();
}

export async function eraseUser(tx: Executor, userId: number): Promise<void> {
  // the application stays (the unit's register and the issued document need it); the account link goes
  await tx.updateTable('layanan_applications').set({ user_id: null }).where('user_id', '=', userId).execute();
  await tx.deleteFrom('layanan_drafts').where('user_id', '=', userId).execute();
}

export { sql };
