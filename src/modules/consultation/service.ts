// The use cases of consultation: asking (idempotent, a deadline in working days from the region's
// calendar), the unit's queue (overdue first), answering, publishing an answer as a de-identified FAQ
// entry, "saya juga bertanya ini" and "membantu?" once per person, escalation of overdue questions
// (unit head, then the platform admins) and the published figures. No HTTP and no HTML here.
import { can, scopePaths, type Actor } from '../../platform/access/can.ts';
import { recordAudit, systemActor, type AuditActor } from '../../platform/audit/audit.ts';
import { hmac, randomToken, safeEqual } from '../../platform/crypto.ts';
import type { Executor } from '../../platform/db/index.ts';
import { publish } from '../../platform/events/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { FieldErrors } from '../../platform/http/input.ts';
import { sendMessage } from '../../platform/notify/notify.ts';
import { serviceTopics, type ServiceTopic } from '../layanan/module.ts';
import { maskPersonalData } from './mask.ts';
import * as repo from './repo.ts';
import type { FaqRow, QuestionRow, UnitRef } from './repo.ts';
import { rankSimilar, words } from './similar.ts';

export type { FaqRow, QuestionRow, UnitRef };

// ---- topics: a service of the catalog, or a unit

export interface Topics {
  services: ServiceTopic[];
  /** offices a question may be addressed to directly: the region, kecamatan and OPD */
  offices: repo.UnitRef[];
  /** where people live: the kelurahan/desa, for services every kelurahan or kecamatan provides */
  kelurahan: (repo.UnitRef & { parentId: number | null })[];
}

export async function topics(db: Executor): Promise<Topics> {
  const [services, units] = await Promise.all([serviceTopics(db), repo.activeUnits(db)]);
  return {
    services,
    offices: units.filter((u) => u.kind === 'region' || u.kind === 'kecamatan' || u.kind === 'opd'),
    kelurahan: units.filter((u) => u.kind === 'kelurahan' || u.kind === 'desa'),
  };
}

/** Whether the topic needs to know where the asker lives (a service every kelurahan or kecamatan provides). */
export function needsPlace(tp: Topics, topic: string): boolean {
  const s = topic.startsWith('layanan:') ? tp.services.find((x) => `layanan:${x.slug}` === topic) : undefined;
  return !!s && (s.unitKind === 'kelurahan' || s.unitKind === 'kecamatan');
}

/** The unit that answers: the service's unit kind applied to the asker's kelurahan, the service's owner, or the chosen office. */
export async function responsibleUnit(db: Executor, tp: Topics, topic: string, kelurahanCode: string): Promise<{ unitId: number; serviceSlug: string | null } | { error: FieldErrors }> {
  if (topic.startsWith('unit:')) {
    const u = tp.offices.find((o) => `unit:${o.code}` === topic);
    return u ? { unitId: u.id, serviceSlug: null } : { error: { topic: 'consultation.error.topic' } };
  }
  const s = tp.services.find((x) => `layanan:${x.slug}` === topic);
  if (!s) return { error: { topic: 'consultation.error.topic' } };
  if (s.unitKind === 'opd') return { unitId: s.ownerUnitId, serviceSlug: s.slug };
  const kel = tp.kelurahan.find((k) => k.code === kelurahanCode);
  if (!kel) return { error: { kelurahan: 'consultation.error.kelurahan' } };
  if (s.unitKind === 'kelurahan') return { unitId: kel.id, serviceSlug: s.slug };
  const kec = kel.parentId === null ? undefined : await repo.unitById(db, kel.parentId);
  return kec ? { unitId: kec.id, serviceSlug: s.slug } : { error: { kelurahan: 'consultation.error.kelurahan' } };
}

// ---- asking

/** The key of the follow link: derived from the tracking id with the installation's secret, never stored. */
export const followKey = (secret: string, tracking: string) => hmac(secret, 'consultation.follow', tracking).slice(0, 24);
export const followHref = (secret: string, tracking: string) => `/tanya/lacak/${tracking}?kunci=${followKey(secret, tracking)}`;

export interface AskInput { question: string; topic: string; kelurahan: string; contact: string; idem: string }

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newTracking(): string {
  const bytes = randomToken(12);
  let out = '';
  for (let i = 0; i < 8; i++) out += ALPHABET[bytes.charCodeAt(i) % ALPHABET.length];
  return `TNY-${out}`;
}

/** An email address or an Indonesian mobile number (normalised to +62…), or an error key. */
export function parseContact(raw: string): { channel: 'email' | 'sms'; to: string } | { error: string } {
  const v = raw.trim();
  if (/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(v)) return { channel: 'email', to: v.toLowerCase() };
  const digits = v.replace(/[\s.()-]/g, '');
  const m = /^(?:\+?62|0)(8\d{7,12})$/.exec(digits);
  if (m) return { channel: 'sms', to: `+62${m[1]}` };
  return { error: 'consultation.error.contact' };
}

export type Asked = { ok: true; tracking: string; created: boolean } | { ok: false; errors: FieldErrors };

export async function ask(ctx: AppContext, actor: Actor, input: AskInput, deadlineDays: number): Promise<Asked> {
  const tp = await topics(ctx.db);
  const unit = await responsibleUnit(ctx.db, tp, input.topic, input.kelurahan);
  const errors: FieldErrors = 'error' in unit ? { ...unit.error } : {};
  let contact: { channel: 'email' | 'sms'; to: string } | null = null;
  if (actor.kind !== 'citizen' || input.contact.trim()) {
    const c = parseContact(input.contact);
    if ('error' in c) errors.contact = c.error; else contact = c;
  }
  if (Object.keys(errors).length || 'error' in unit) return { ok: false, errors };
  const now = ctx.clock.now();
  const dueAt = await ctx.calendar.addWorkingDays(now, deadlineDays);
  return ctx.db.transaction().execute(async (tx) => {
    const r = await repo.insertQuestion(tx, {
      tracking: newTracking(), idemKey: input.idem, userId: actor.kind === 'citizen' ? actor.userId : null,
      contactChannel: contact?.channel ?? null, contact: contact?.to ?? null, question: input.question.trim(),
      serviceSlug: unit.serviceSlug, unitId: unit.unitId, askedAt: now, dueAt,
    });
    const q = (await repo.findQuestion(tx, r.id))!;
    if (r.created) await publish(tx, 'consultation.question.asked', { id: q.id, unitId: q.unit.id, serviceSlug: q.serviceSlug, dueAt: q.dueAt.toISOString() });
    return { ok: true as const, tracking: q.tracking, created: r.created };
  });
}

/** The question behind a follow link, when the key fits. */
export async function followed(ctx: AppContext, tracking: string, key: string): Promise<QuestionRow | undefined> {
  if (!/^TNY-[A-Z0-9]{8}$/.test(tracking) || !key) return undefined;
  if (!safeEqual(followKey(ctx.config.secret, tracking), key)) return undefined;
  return repo.findQuestion(ctx.db, (await repo.findByTracking(ctx.db, tracking))?.id ?? -1);
}

// ---- FAQ for the public

export const listFaq = (db: Executor) => repo.listFaq(db);
export const findFaq = (db: Executor, slug: string) => repo.findFaq(db, { slug });

/** Published entries like the text typed (question and answer words). */
export async function similarFaq(db: Executor, text: string, limit = 5): Promise<FaqRow[]> {
  if (words(text).length === 0) return [];
  return rankSimilar(text, await repo.listFaq(db), (f) => `${f.question} ${f.question} ${f.serviceSlug?.replace(/-/g, ' ') ?? ''}`, { limit });
}

/** Site and page search: every word typed must appear in the question, answer or service. */
export async function searchFaq(db: Executor, q: string): Promise<FaqRow[]> {
  const typed = words(q);
  if (!typed.length) return [];
  return (await repo.listFaq(db)).filter((f) => {
    const hay = words(`${f.question} ${f.answer} ${f.serviceSlug?.replace(/-/g, ' ') ?? ''}`);
    return typed.every((w) => hay.some((h) => h.startsWith(w)));
  });
}

/** One per person: 'u:<id>' signed in, else the session or visitor cookie (hashed by the caller). */
export async function meToo(ctx: AppContext, faqId: number, voter: string): Promise<boolean> {
  return repo.addMark(ctx.db, faqId, 'metoo', voter, null, ctx.clock.now());
}

export async function vote(ctx: AppContext, faqId: number, voter: string, helpful: boolean): Promise<boolean> {
  return repo.addMark(ctx.db, faqId, 'vote', voter, helpful, ctx.clock.now());
}

export const hasMark = (db: Executor, faqId: number, kind: 'metoo' | 'vote', voter: string) => repo.hasMark(db, faqId, kind, voter);

// ---- the back office

export const mayAnswer = (actor: Actor, q: { unit: { path: string } }) => can(actor, 'consultation.answer', { unitPath: q.unit.path });
export const queue = (ctx: AppContext, actor: Actor) => repo.listQueue(ctx.db, scopePaths(actor, 'consultation.answer'), ctx.clock.now());
export const findQuestion = (db: Executor, id: number) => repo.findQuestion(db, id);
export const staffFaq = (db: Executor, actor: Actor) => repo.listFaq(db, { scope: scopePaths(actor, 'consultation.answer') });
export const findFaqById = (db: Executor, id: number) => repo.findFaq(db, { id });

export function isOverdue(q: Pick<QuestionRow, 'state' | 'dueAt'>, now: Date): boolean {
  return q.state === 'open' && now.getTime() > q.dueAt.getTime();
}

/** The caller checked mayAnswer. Saved, audited and the asker told, in one transaction. */
export async function answer(ctx: AppContext, who: AuditActor, id: number, text: string, locale: 'id' | 'en'): Promise<boolean> {
  return ctx.db.transaction().execute(async (tx) => {
    const before = await repo.findQuestion(tx, id);
    if (!before || before.state !== 'open') return false;
    const at = ctx.clock.now();
    if (!(await repo.saveAnswer(tx, id, text.trim(), who.id, at))) return false;
    const withinDeadline = at.getTime() <= before.dueAt.getTime();
    await recordAudit(tx, who, { action: 'consultation.question.answered', subjectType: 'consultation_question', subjectId: String(id), unitId: before.unit.id, before: { state: 'open' }, after: { state: 'answered', withinDeadline } });
    const to = before.contact && before.contactChannel ? { channel: before.contactChannel, to: before.contact }
      : before.userId ? await repo.verifiedEmail(tx, before.userId).then((e) => (e ? { channel: 'email' as const, to: e } : undefined)) : undefined;
    if (to) await sendMessage(tx, { ...to, template: 'consultation.answered', locale, params: { tracking: before.tracking, url: `${ctx.config.baseUrl}${followHref(ctx.config.secret, before.tracking)}` } });
    await publish(tx, 'consultation.question.answered', { id, unitId: before.unit.id, withinDeadline, at: at.toISOString() });
    return true;
  });
}

export interface FaqInput { question: string; answer: string; legalBasis: string }

function slugOf(question: string, id: number): string {
  const base = words(question).slice(0, 8).join('-').replace(/[^a-z0-9-]/g, '').slice(0, 60).replace(/-+$/, '');
  return `${base || 'pertanyaan'}-${id}`;
}

/** Publish an answered question as an FAQ entry: the officer's public wording, then NIK/phone/email masked. */
export async function publishFaq(ctx: AppContext, who: AuditActor, questionId: number, input: FaqInput): Promise<{ ok: true; slug: string } | { ok: false; errors: FieldErrors }> {
  return ctx.db.transaction().execute(async (tx) => {
    const q = await repo.findQuestion(tx, questionId);
    if (!q || q.state !== 'answered') return { ok: false as const, errors: { _: 'consultation.error.not_answered' } };
    if (q.faqId) return { ok: false as const, errors: { _: 'consultation.error.already_published' } };
    const at = ctx.clock.now();
    const values = { question: maskPersonalData(input.question.trim()), answer: maskPersonalData(input.answer.trim()), legalBasis: input.legalBasis.trim(), serviceSlug: q.serviceSlug, unitId: q.unit.id };
    const tmp = `tmp-${randomToken(8)}`;
    const faqId = await repo.insertFaq(tx, tmp, values, q.id, at);
    const slug = slugOf(values.question, faqId);
    await tx.updateTable('consultation_faq').set({ slug }).where('id', '=', faqId).execute();
    await repo.linkFaq(tx, q.id, faqId);
    await recordAudit(tx, who, { action: 'consultation.faq.published', subjectType: 'consultation_faq', subjectId: String(faqId), unitId: q.unit.id, after: { slug, question: values.question, legalBasis: values.legalBasis, serviceSlug: values.serviceSlug } });
    await publish(tx, 'consultation.faq.published', { id: faqId, slug, unitId: q.unit.id, serviceSlug: q.serviceSlug, at: at.toISOString() });
    return { ok: true as const, slug };
  });
}

export const mayEditFaq = (actor: Actor, f: FaqRow) => can(actor, 'consultation.answer', { unitPath: f.unit.path });

/** The caller checked mayEditFaq. Edits the entry and clears its review flag. */
export async function editFaq(ctx: AppContext, who: AuditActor, id: number, input: FaqInput): Promise<boolean> {
  return ctx.db.transaction().execute(async (tx) => {
    const before = await repo.findFaq(tx, { id });
    if (!before) return false;
    const after = { question: maskPersonalData(input.question.trim()), answer: maskPersonalData(input.answer.trim()), legalBasis: input.legalBasis.trim() };
    await repo.updateFaq(tx, id, after, ctx.clock.now());
    await recordAudit(tx, who, { action: 'consultation.faq.edited', subjectType: 'consultation_faq', subjectId: String(id), unitId: before.unit.id,
      before: { question: before.question, answer: before.answer, legalBasis: before.legalBasis, needsReview: before.needsReview }, after: { ...after, needsReview: false } });
    return true;
  });
}

/** layanan.service.standard_changed: the service's entries need a look (repeats change nothing). */
export async function flagForReview(ctx: AppContext, slug: string, fields: string[]): Promise<number> {
  return ctx.db.transaction().execute(async (tx) => {
    const ids = await repo.flagService(tx, slug, fields.join(','));
    for (const id of ids) {
      const f = (await repo.findFaq(tx, { id }))!;
      await recordAudit(tx, systemActor('consultation.review'), { action: 'consultation.faq.flagged', subjectType: 'consultation_faq', subjectId: String(id), unitId: f.unit.id, after: { needsReview: true, reason: fields.join(',') } });
    }
    return ids.length;
  });
}

// ---- escalation

/**
 * Overdue questions, told once per level: past the deadline the unit's head (approver of the unit)
 * and its admins; `afterDays` working days later the platform admins. Repeats change nothing.
 */
export async function escalateOverdue(ctx: AppContext, afterDays: number): Promise<{ level1: number; level2: number }> {
  const now = ctx.clock.now();
  let level1 = 0;
  let level2 = 0;
  for (const q of await repo.overdueBelow(ctx.db, 1, now)) if (await escalate(ctx, q, 1)) level1++;
  for (const q of await repo.overdueBelow(ctx.db, 2, now)) {
    const secondAt = await ctx.calendar.addWorkingDays(q.dueAt, afterDays);
    if (now.getTime() > secondAt.getTime() && (await escalate(ctx, q, 2))) level2++;
  }
  return { level1, level2 };
}

async function escalate(ctx: AppContext, q: QuestionRow, level: 1 | 2): Promise<boolean> {
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.raiseEscalation(tx, q.id, level, ctx.clock.now()))) return false;
    const to = level === 1 ? await repo.staffEmails(tx, ['approver', 'unit_admin'], q.unit.id) : await repo.staffEmails(tx, ['platform_admin'], null);
    for (const email of to) {
      await sendMessage(tx, { channel: 'email', to: email, template: 'consultation.overdue', locale: 'id', params: { tracking: q.tracking, unit: q.unit.name, url: `${ctx.config.baseUrl}/petugas/tanya/${q.id}` } });
    }
    await recordAudit(tx, systemActor('consultation.escalate'), { action: 'consultation.question.escalated', subjectType: 'consultation_question', subjectId: String(q.id), unitId: q.unit.id, before: { level: q.escalationLevel }, after: { level, notified: to.length } });
    return true;
  });
}

// ---- figures

export interface UnitFigures { unitId: number; unitCode: string; unitName: string; answered: number; withinDeadline: number; medianHours: number | null; helpfulYes: number; helpfulNo: number }

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Per unit (within unitId's subtree, or all), over [from, to): answered, within the deadline, median hours, helpful votes. */
export async function figures(ctx: Pick<AppContext, 'db'>, q: { unitId?: number; from: Date; to: Date }): Promise<{ perUnit: UnitFigures[]; total: UnitFigures }> {
  const withinPath = q.unitId === undefined ? undefined : await repo.unitPath(ctx.db, q.unitId);
  const empty = (): UnitFigures => ({ unitId: 0, unitCode: '', unitName: '', answered: 0, withinDeadline: 0, medianHours: null, helpfulYes: 0, helpfulNo: 0 });
  if (q.unitId !== undefined && !withinPath) return { perUnit: [], total: empty() };
  const [answered, votes] = await Promise.all([repo.answeredBetween(ctx.db, { withinPath, from: q.from, to: q.to }), repo.votesBetween(ctx.db, { withinPath, from: q.from, to: q.to })]);
  const units = new Map<number, UnitFigures & { hours: number[] }>();
  const all: number[] = [];
  const total = empty();
  for (const a of answered) {
    const u = units.get(a.unitId) ?? { ...empty(), unitId: a.unitId, unitCode: a.unitCode, unitName: a.unitName, hours: [] };
    const h = (a.answeredAt.getTime() - a.askedAt.getTime()) / 3_600_000;
    u.answered++; total.answered++;
    if (a.answeredAt.getTime() <= a.dueAt.getTime()) { u.withinDeadline++; total.withinDeadline++; }
    u.hours.push(h); all.push(h);
    units.set(a.unitId, u);
  }
  for (const v of votes) {
    const u = units.get(v.unitId) ?? { ...empty(), unitId: v.unitId, unitCode: v.unitCode, unitName: v.unitName, hours: [] };
    units.set(v.unitId, u);
    if (v.helpful) total.helpfulYes++; else total.helpfulNo++;
    if (v.helpful) u.helpfulYes++; else u.helpfulNo++;
  }
  total.medianHours = median(all);
  const perUnit = [...units.values()].map(({ hours, ...u }) => ({ ...u, medianHours: median(hours) })).sort((a, b) => a.unitName.localeCompare(b.unitName));
  return { perUnit, total };
}
