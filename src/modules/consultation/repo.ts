// All SQL of the consultation module: its three tables, joined with the platform's unit tree.
import { sql, type ColumnType, type Generated } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';

type Ts = ColumnType<Date, Date | string, Date | string>;
type NullTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

declare module '../../platform/db/schema.ts' {
  interface Database {
    consultation_questions: {
      id: Generated<number>; tracking: string; idem_key: string; user_id: number | null; contact_channel: 'email' | 'sms' | null; contact: string | null;
      question: string; service_slug: string | null; unit_id: number; asked_at: Ts; due_at: Ts; state: Generated<'open' | 'answered'>;
      answer: string | null; answered_at: NullTs; answered_by: number | null; escalation_level: Generated<number>; escalated_at: NullTs;
      faq_id: number | null; created_at: Generated<Date>;
    };
    consultation_faq: {
      id: Generated<number>; slug: string; question: string; answer: string; legal_basis: string; service_slug: string | null; unit_id: number;
      source_question_id: number | null; published_at: Ts; updated_at: Ts; needs_review: Generated<boolean>; review_reason: Generated<string>;
    };
    consultation_marks: { faq_id: number; kind: 'metoo' | 'vote'; voter: string; helpful: boolean | null; created_at: Ts };
  }
}

export interface UnitRef { id: number; code: string; name: string; kind: string; path: string }

export interface QuestionRow {
  id: number; tracking: string; userId: number | null; contactChannel: 'email' | 'sms' | null; contact: string | null; question: string;
  serviceSlug: string | null; unit: UnitRef; askedAt: Date; dueAt: Date; state: 'open' | 'answered'; answer: string | null;
  answeredAt: Date | null; escalationLevel: number; faqId: number | null;
}

export interface FaqRow {
  id: number; slug: string; question: string; answer: string; legalBasis: string; serviceSlug: string | null; unit: UnitRef;
  publishedAt: Date; updatedAt: Date; needsReview: boolean; reviewReason: string; metoo: number; helpfulYes: number; helpfulNo: number;
}

function questionQuery(db: Executor) {
  return db.selectFrom('consultation_questions as q').innerJoin('units as u', 'u.id', 'q.unit_id')
    .selectAll('q').select(['u.code as u_code', 'u.name as u_name', 'u.kind as u_kind', 'u.path as u_path']);
}
type QRaw = Awaited<ReturnType<ReturnType<typeof questionQuery>['execute']>>[number];
const toQuestion = (r: QRaw): QuestionRow => ({
  id: r.id, tracking: r.tracking, userId: r.user_id, contactChannel: r.contact_channel, contact: r.contact, question: r.question,
  serviceSlug: r.service_slug, unit: { id: r.unit_id, code: r.u_code, name: r.u_name, kind: r.u_kind, path: r.u_path },
  askedAt: new Date(r.asked_at), dueAt: new Date(r.due_at), state: r.state, answer: r.answer, answeredAt: r.answered_at ? new Date(r.answered_at) : null,
  escalationLevel: r.escalation_level, faqId: r.faq_id,
});

export interface NewQuestion {
  tracking: string; idemKey: string; userId: number | null; contactChannel: 'email' | 'sms' | null; contact: string | null; question: string;
  serviceSlug: string | null; unitId: number; askedAt: Date; dueAt: Date;
}

/** Inserted once per idempotency key: a repeat returns the first question's id. */
export async function insertQuestion(db: Executor, q: NewQuestion): Promise<{ id: number; created: boolean }> {
  const row = await db.insertInto('consultation_questions').values({
    tracking: q.tracking, idem_key: q.idemKey, user_id: q.userId, contact_channel: q.contactChannel, contact: q.contact, question: q.question,
    service_slug: q.serviceSlug, unit_id: q.unitId, asked_at: q.askedAt, due_at: q.dueAt,
  }).onConflict((oc) => oc.column('idem_key').doNothing()).returning('id').executeTakeFirst();
  if (row) return { id: row.id, created: true };
  const first = await db.selectFrom('consultation_questions').select('id').where('idem_key', '=', q.idemKey).executeTakeFirstOrThrow();
  return { id: first.id, created: false };
}

export async function findQuestion(db: Executor, id: number): Promise<QuestionRow | undefined> {
  const r = await questionQuery(db).where('q.id', '=', id).executeTakeFirst();
  return r && toQuestion(r);
}

export async function findByTracking(db: Executor, tracking: string): Promise<QuestionRow | undefined> {
  const r = await questionQuery(db).where('q.tracking', '=', tracking).executeTakeFirst();
  return r && toQuestion(r);
}


/** The queue: open questions of units within `scope` (null = all), overdue first, then by deadline; then the latest answered. */
export async function listQueue(db: Executor, scope: string[] | null, now: Date): Promise<{ open: QuestionRow[]; answered: QuestionRow[] }> {
  if (scope && !scope.length) return { open: [], answered: [] };
  const scoped = <T extends ReturnType<typeof questionQuery>>(q: T) =>
    scope ? (q.where((eb) => eb.or(scope.map((p) => eb('u.path', 'like', `${p}%`)))) as T) : q;
  const open = await scoped(questionQuery(db)).where('q.state', '=', 'open')
    .orderBy(sql`case when q.due_at < ${now} then 0 else 1 end`).orderBy('q.due_at').orderBy('q.id').limit(200).execute();
  const answered = await scoped(questionQuery(db)).where('q.state', '=', 'answered').orderBy('q.answered_at', 'desc').limit(50).execute();
  return { open: open.map(toQuestion), answered: answered.map(toQuestion) };
}

export async function saveAnswer(db: Executor, id: number, answer: string, by: number | null, at: Date): Promise<boolean> {
  const r = await db.updateTable('consultation_questions').set({ answer, answered_by: by, answered_at: at, state: 'answered' })
    .where('id', '=', id).where('state', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function linkFaq(db: Executor, questionId: number, faqId: number) {
  await db.updateTable('consultation_questions').set({ faq_id: faqId }).where('id', '=', questionId).execute();
}

/** Questions past their deadline that are not yet at `level`, whose deadline is before `dueBefore`. */
export async function overdueBelow(db: Executor, level: number, dueBefore: Date): Promise<QuestionRow[]> {
  const rows = await questionQuery(db).where('q.state', '=', 'open').where('q.escalation_level', '<', level)
    .where('q.due_at', '<', dueBefore).orderBy('q.id').limit(500).execute();
  return rows.map(toQuestion);
}

/** Raise the level once: false when another run already did. */
export async function raiseEscalation(db: Executor, id: number, level: number, at: Date): Promise<boolean> {
  const r = await db.updateTable('consultation_questions').set({ escalation_level: level, escalated_at: at })
    .where('id', '=', id).where('escalation_level', '<', level).where('state', '=', 'open').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Emails of staff holding one of `roles` at exactly the unit (or anywhere when unitId is null). */
export async function staffEmails(db: Executor, roles: string[], unitId: number | null): Promise<string[]> {
  let q = db.selectFrom('role_grants as g').innerJoin('users as s', 's.id', 'g.user_id').select('s.email').distinct()
    .where('g.role', 'in', roles).where('s.disabled_at', 'is', null).where('s.email', 'is not', null);
  if (unitId !== null) q = q.where('g.unit_id', '=', unitId);
  return (await q.execute()).map((r) => r.email!).sort();
}

/** A signed-in asker's verified email, to tell them of the answer when they gave no contact. */
export async function verifiedEmail(db: Executor, userId: number): Promise<string | undefined> {
  const r = await db.selectFrom('users').select('email').where('id', '=', userId).where('email_verified_at', 'is not', null).where('disabled_at', 'is', null).executeTakeFirst();
  return r?.email ?? undefined;
}

// ---- FAQ

function faqQuery(db: Executor) {
  return db.selectFrom('consultation_faq as f').innerJoin('units as u', 'u.id', 'f.unit_id')
    .selectAll('f').select(['u.code as u_code', 'u.name as u_name', 'u.kind as u_kind', 'u.path as u_path'])
    .select((eb) => [
      eb.selectFrom('consultation_marks as m').select((e) => e.fn.countAll<string>().as('n')).whereRef('m.faq_id', '=', 'f.id').where('m.kind', '=', 'metoo').as('metoo'),
      eb.selectFrom('consultation_marks as m').select((e) => e.fn.countAll<string>().as('n')).whereRef('m.faq_id', '=', 'f.id').where('m.kind', '=', 'vote').where('m.helpful', '=', true).as('yes'),
      eb.selectFrom('consultation_marks as m').select((e) => e.fn.countAll<string>().as('n')).whereRef('m.faq_id', '=', 'f.id').where('m.kind', '=', 'vote').where('m.helpful', '=', false).as('no'),
    ]);
}
type FRaw = Awaited<ReturnType<ReturnType<typeof faqQuery>['execute']>>[number];
const toFaq = (r: FRaw): FaqRow => ({
  id: r.id, slug: r.slug, question: r.question, answer: r.answer, legalBasis: r.legal_basis, serviceSlug: r.service_slug,
  unit: { id: r.unit_id, code: r.u_code, name: r.u_name, kind: r.u_kind, path: r.u_path }, publishedAt: new Date(r.published_at),
  updatedAt: new Date(r.updated_at), needsReview: r.needs_review, reviewReason: r.review_reason,
  metoo: Number(r.metoo ?? 0), helpfulYes: Number(r.yes ?? 0), helpfulNo: Number(r.no ?? 0),
});

export async function listFaq(db: Executor, opts: { scope?: string[] | null; limit?: number } = {}): Promise<FaqRow[]> {
  if (opts.scope && !opts.scope.length) return [];
  let q = faqQuery(db).orderBy('f.published_at', 'desc').orderBy('f.id', 'desc');
  if (opts.scope) { const scope = opts.scope; q = q.where((eb) => eb.or(scope.map((p) => eb('u.path', 'like', `${p}%`)))); }
  if (opts.limit) q = q.limit(opts.limit);
  return (await q.execute()).map(toFaq);
}

export async function findFaq(db: Executor, by: { slug?: string; id?: number }): Promise<FaqRow | undefined> {
  let q = faqQuery(db);
  if (by.slug !== undefined) q = q.where('f.slug', '=', by.slug);
  if (by.id !== undefined) q = q.where('f.id', '=', by.id);
  const r = await q.executeTakeFirst();
  return r && toFaq(r);
}

export interface FaqValues { question: string; answer: string; legalBasis: string; serviceSlug: string | null; unitId: number }

export async function insertFaq(db: Executor, slug: string, v: FaqValues, sourceQuestionId: number, at: Date): Promise<number> {
  const r = await db.insertInto('consultation_faq').values({
    slug, question: v.question, answer: v.answer, legal_basis: v.legalBasis, service_slug: v.serviceSlug, unit_id: v.unitId,
    source_question_id: sourceQuestionId, published_at: at, updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateFaq(db: Executor, id: number, v: Pick<FaqValues, 'question' | 'answer' | 'legalBasis'>, at: Date) {
  await db.updateTable('consultation_faq').set({ question: v.question, answer: v.answer, legal_basis: v.legalBasis, updated_at: at, needs_review: false, review_reason: '' })
    .where('id', '=', id).execute();
}

/** Flag the service's entries for review; returns their ids. */
export async function flagService(db: Executor, slug: string, reason: string): Promise<number[]> {
  const rows = await db.updateTable('consultation_faq').set({ needs_review: true, review_reason: reason })
    .where('service_slug', '=', slug).where('needs_review', '=', false).returning('id').execute();
  return rows.map((r) => r.id);
}

/** One mark per person and kind: false when this person already made it. */
export async function addMark(db: Executor, faqId: number, kind: 'metoo' | 'vote', voter: string, helpful: boolean | null, at: Date): Promise<boolean> {
  const r = await db.insertInto('consultation_marks').values({ faq_id: faqId, kind, voter, helpful, created_at: at })
    .onConflict((oc) => oc.columns(['faq_id', 'kind', 'voter']).doNothing()).returning('faq_id').executeTakeFirst();
  return !!r;
}

export async function hasMark(db: Executor, faqId: number, kind: 'metoo' | 'vote', voter: string): Promise<boolean> {
  return !!(await db.selectFrom('consultation_marks').select('faq_id').where('faq_id', '=', faqId).where('kind', '=', kind).where('voter', '=', voter).executeTakeFirst());
}

// ---- figures

export interface AnsweredRow { unitId: number; unitCode: string; unitName: string; askedAt: Date; dueAt: Date; answeredAt: Date }

/** Questions answered in [from, to) by units within `withinPath` (all when undefined). */
export async function answeredBetween(db: Executor, q: { withinPath?: string; from: Date; to: Date }): Promise<AnsweredRow[]> {
  let s = db.selectFrom('consultation_questions as q').innerJoin('units as u', 'u.id', 'q.unit_id')
    .select(['q.unit_id', 'u.code', 'u.name', 'q.asked_at', 'q.due_at', 'q.answered_at'])
    .where('q.state', '=', 'answered').where('q.answered_at', '>=', q.from).where('q.answered_at', '<', q.to);
  if (q.withinPath) s = s.where('u.path', 'like', `${q.withinPath}%`);
  return (await s.execute()).map((r) => ({ unitId: r.unit_id, unitCode: r.code, unitName: r.name, askedAt: new Date(r.asked_at), dueAt: new Date(r.due_at), answeredAt: new Date(r.answered_at!) }));
}

/** Helpful votes made in [from, to) on entries of units within `withinPath`. */
export async function votesBetween(db: Executor, q: { withinPath?: string; from: Date; to: Date }): Promise<{ unitId: number; unitCode: string; unitName: string; helpful: boolean }[]> {
  let s = db.selectFrom('consultation_marks as m').innerJoin('consultation_faq as f', 'f.id', 'm.faq_id').innerJoin('units as u', 'u.id', 'f.unit_id')
    .select(['f.unit_id', 'u.code', 'u.name', 'm.helpful']).where('m.kind', '=', 'vote').where('m.created_at', '>=', q.from).where('m.created_at', '<', q.to);
  if (q.withinPath) s = s.where('u.path', 'like', `${q.withinPath}%`);
  return (await s.execute()).map((r) => ({ unitId: r.unit_id, unitCode: r.code, unitName: r.name, helpful: !!r.helpful }));
}

export async function unitPath(db: Executor, id: number): Promise<string | undefined> {
  return (await db.selectFrom('units').select('path').where('id', '=', id).executeTakeFirst())?.path;
}

export async function unitByCode(db: Executor, code: string): Promise<UnitRef | undefined> {
  const r = await db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'path', 'parent_id']).where('code', '=', code).where('active', '=', true).executeTakeFirst();
  return r && { id: r.id, code: r.code, name: r.name, kind: r.kind, path: r.path };
}

export async function unitById(db: Executor, id: number): Promise<(UnitRef & { parentId: number | null }) | undefined> {
  const r = await db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'path', 'parent_id']).where('id', '=', id).executeTakeFirst();
  return r && { id: r.id, code: r.code, name: r.name, kind: r.kind, path: r.path, parentId: r.parent_id };
}

/** Units a question may be addressed to directly, and the kelurahan/desa people live in. */
export async function activeUnits(db: Executor): Promise<(UnitRef & { parentId: number | null })[]> {
  const rows = await db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'path', 'parent_id']).where('active', '=', true).orderBy('kind').orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, path: r.path, parentId: r.parent_id }));
}

// ---- personal data

export async function questionsOfUser(db: Executor, userId: number) {
  return db.selectFrom('consultation_questions').select(['tracking', 'question', 'service_slug', 'asked_at', 'state', 'answer', 'answered_at', 'contact_channel', 'contact'])
    .where('user_id', '=', userId).orderBy('id').execute();
}

export async function marksOfUser(db: Executor, userId: number) {
  return db.selectFrom('consultation_marks as m').innerJoin('consultation_faq as f', 'f.id', 'm.faq_id').select(['f.slug', 'm.kind', 'm.helpful', 'm.created_at'])
    .where('m.voter', '=', `u:${userId}`).execute();
}

/** Erase: the person's questions lose their link and contact and their wording (the published FAQ is de-identified already); their marks go. */
export async function eraseUser(db: Executor, userId: number) {
  await db.updateTable('consultation_questions').set({ user_id: null, contact: null, contact_channel: null, question: '[dihapus atas permintaan penanya]' }).where('user_id', '=', userId).execute();
  await db.updateTable('consultation_questions').set({ answered_by: null }).where('answered_by', '=', userId).execute();
  await db.deleteFrom('consultation_marks').where('voter', '=', `u:${userId}`).execute();
}
