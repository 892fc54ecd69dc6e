// Every SQL statement on the satisfaction tables.
import { sql, type Generated } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';
import { ELEMENTS, type Scores } from './ikm.ts';

declare module '../../platform/db/schema.ts' {
  interface Database {
    satisfaction_invitations: {
      id: Generated<number>; source: string; subject: string; unit_id: number; reference_id: string;
      reference_label: Generated<string>; user_id: number | null; event_id: string | null; created_at: Generated<Date>;
    };
    satisfaction_responses: {
      id: Generated<number>; invitation_id: number; source: string; subject: string; unit_id: number;
      u1: number; u2: number; u3: number; u4: number; u5: number; u6: number; u7: number; u8: number; u9: number;
      comment: string | null; created_at: Generated<Date>;
    };
  }
}

export interface NewInvitation {
  source: string;
  subject: string;
  unitId: number;
  referenceId: string;
  referenceLabel: string;
  userId: number | null;
  eventId: string | null;
}

/** Insert unless one exists for (source, referenceId); returns the new row's id, or null if it existed. */
export async function insertInvitation(db: Executor, i: NewInvitation): Promise<number | null> {
  const row = await db
    .insertInto('satisfaction_invitations')
    .values({ source: i.source, subject: i.subject, unit_id: i.unitId, reference_id: i.referenceId, reference_label: i.referenceLabel, user_id: i.userId, event_id: i.eventId })
    .onConflict((oc) => oc.columns(['source', 'reference_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export function findInvitation(db: Executor, id: number) {
  return db
    .selectFrom('satisfaction_invitations as i')
    .leftJoin('satisfaction_responses as r', 'r.invitation_id', 'i.id')
    .select(['i.id', 'i.source', 'i.subject', 'i.unit_id', 'i.reference_id', 'i.reference_label', 'i.user_id', 'r.id as response_id'])
    .where('i.id', '=', id)
    .executeTakeFirst();
}

/** An invitation recorded without an account (a counter application) joins the account that claimed its reference. */
export async function adoptInvitation(db: Executor, source: string, referenceId: string, userId: number): Promise<boolean> {
  const r = await db.updateTable('satisfaction_invitations').set({ user_id: userId })
    .where('source', '=', source).where('reference_id', '=', referenceId).where('user_id', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The invitation of one source reference (e.g. a complaint), with its response id if answered. */
export function invitationByReference(db: Executor, source: string, referenceId: string) {
  return db
    .selectFrom('satisfaction_invitations as i')
    .leftJoin('satisfaction_responses as r', 'r.invitation_id', 'i.id')
    .select(['i.id', 'i.source', 'i.subject', 'i.unit_id', 'i.reference_id', 'i.reference_label', 'i.user_id', 'r.id as response_id'])
    .where('i.source', '=', source).where('i.reference_id', '=', referenceId)
    .executeTakeFirst();
}

export function invitationsOfUser(db: Executor, userId: number) {
  return db
    .selectFrom('satisfaction_invitations as i')
    .leftJoin('satisfaction_responses as r', 'r.invitation_id', 'i.id')
    .select(['i.id', 'i.source', 'i.subject', 'i.reference_label', 'i.created_at', 'r.id as response_id', 'r.comment', 'r.created_at as answered_at',
      ...ELEMENTS.map((e) => `r.${e}` as const)])
    .where('i.user_id', '=', userId)
    .orderBy('i.id')
    .execute();
}

/** Returns false when the invitation already has a response (one response per application). */
export async function insertResponse(db: Executor, inv: { id: number; source: string; subject: string; unit_id: number }, scores: Scores, comment: string | null): Promise<boolean> {
  const row = await db
    .insertInto('satisfaction_responses')
    .values({ invitation_id: inv.id, source: inv.source, subject: inv.subject, unit_id: inv.unit_id, ...scores, comment })
    .onConflict((oc) => oc.column('invitation_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!row;
}

export interface Aggregate { respondents: number; averages: Scores }

function toAggregate(row: Record<string, unknown> | undefined): Aggregate {
  const respondents = Number(row?.n ?? 0);
  const averages = Object.fromEntries(ELEMENTS.map((e) => [e, Number(row?.[e] ?? 0)])) as Scores;
  return { respondents, averages };
}


/** Element averages and respondents, optionally narrowed to a source/subject, a unit subtree and a period. */
export async function aggregate(db: Executor, f: { source?: string; subject?: string; unitPath?: string; from?: Date; to?: Date }): Promise<Aggregate> {
  let q = db.selectFrom('satisfaction_responses as r').innerJoin('units as u', 'u.id', 'r.unit_id')
    .select((eb) => [eb.fn.countAll<string>().as('n'), ...ELEMENTS.map((e) => eb.fn.avg<string>(`r.${e}`).as(e))]);
  if (f.source) q = q.where('r.source', '=', f.source);
  if (f.subject) q = q.where('r.subject', '=', f.subject);
  if (f.unitPath) q = q.where('u.path', 'like', `${f.unitPath}%`);
  if (f.from) q = q.where('r.created_at', '>=', f.from);
  if (f.to) q = q.where('r.created_at', '<', f.to);
  return toAggregate(await q.executeTakeFirst());
}

/** Per source/subject (a service), within the given unit subtrees (null: everywhere). */
export async function perSubject(db: Executor, scope: string[] | null) {
  let q = db.selectFrom('satisfaction_responses as r').innerJoin('units as u', 'u.id', 'r.unit_id')
    .select((eb) => ['r.source', 'r.subject', eb.fn.countAll<string>().as('n'), ...ELEMENTS.map((e) => eb.fn.avg<string>(`r.${e}`).as(e))])
    .groupBy(['r.source', 'r.subject']).orderBy('r.source').orderBy('r.subject');
  if (scope) q = scope.length ? q.where((eb) => eb.or(scope.map((p) => eb('u.path', 'like', `${p}%`)))) : q.where(sql<boolean>`false`);
  const rows = await q.execute();
  return rows.map((r) => ({ source: r.source, subject: r.subject, ...toAggregate(r) }));
}

/** Units that have responses in their subtree, within scope, with their own path. */
export async function unitsWithResponses(db: Executor, scope: string[] | null) {
  let q = db.selectFrom('units as u').select(['u.id', 'u.name', 'u.path'])
    .where((eb) => eb.exists(eb.selectFrom('satisfaction_responses as r').innerJoin('units as ru', 'ru.id', 'r.unit_id').select('r.id').where('ru.path', 'like', sql<string>`u.path || '%'`)))
    .orderBy('u.path');
  if (scope) q = scope.length ? q.where((eb) => eb.or(scope.map((p) => eb('u.path', 'like', `${p}%`)))) : q.where(sql<boolean>`false`);
  return q.execute();
}

/** Personal data: a user's invitations and responses; erase keeps scores, drops comments and the link. */
export async function eraseUser(db: Executor, userId: number) {
  const ids = db.selectFrom('satisfaction_invitations').select('id').where('user_id', '=', userId);
  await db.updateTable('satisfaction_responses').set({ comment: null }).where('invitation_id', 'in', ids).execute();
  await db.updateTable('satisfaction_invitations').set({ user_id: null }).where('user_id', '=', userId).execute();
}

export function userContact(db: Executor, userId: number) {
  return db.selectFrom('users').select(['email', 'phone', 'email_verified_at', 'phone_verified_at', 'locale']).where('id', '=', userId).executeTakeFirst();
}

export async function unitPathOf(db: Executor, unitId: number): Promise<string | undefined> {
  return (await db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst())?.path;
}
