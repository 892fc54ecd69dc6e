// Information requests: asking (online or entered by PPID staff), disposition to the unit holding the
// information, the one extension, the written notice (Pasal 22(7)) issued as a signed PDF through
// platform/documents, objections (Pasal 35) answered by the atasan PPID, and the public register with
// redaction. Every deadline comes from clock.ts; the state is an enum; every staff step is audited in
// its transaction; the requester is notified by email when they gave one. No HTTP and no HTML here.
import { can, scopePaths, type Actor } from '../../platform/access/can.ts';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import { localDate } from '../../platform/calendar/working-days.ts';
import { decrypt, encrypt, hmac, sha256 } from '../../platform/crypto.ts';
import type { DB, Executor } from '../../platform/db/index.ts';
import { issueDocument, toRoman } from '../../platform/documents/index.ts';
import { saveFiles, type Upload } from '../../platform/files/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { FieldErrors } from '../../platform/http/input.ts';
import { formatDate, translator, type Locale } from '../../platform/i18n/index.ts';
import { sendMessage } from '../../platform/notify/notify.ts';
import { checkNik } from '../accounts/module.ts';
import {
  atasanDeadline, disputeDeadline, explainDeadline, extensionAllowed, isOverdue, noticeDeadline, objectionDeadline,
  type ClockStart, type Deadline, type RequestTimes,
} from './clock.ts';
import * as repo from './repo.ts';
import type { AnswerInput, Channel, RequestInput } from './schema.ts';

export type RequestRecord = repo.RequestRecord;
const NIK_PURPOSE = 'ppid.nik';
const PHONE_PURPOSE = 'ppid.phone';
const FOLLOW_PURPOSE = 'ppid.follow';

// ——— redaction ———
const NIK_RE = /\b\d{16}\b/g;
const PHONE_RE = /(?:\+62|\b62|\b0)[\s.-]?8[\d\s.-]{7,14}\d/g;
const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
export const REDACTED = '[disamarkan]';

/** Published text with NIK, phone numbers and emails masked, then every literal and pattern rule. */
export function redact(text: string, rules: { kind: 'literal' | 'pattern'; value: string }[] = []): string {
  let out = text.replace(EMAIL_RE, REDACTED).replace(NIK_RE, REDACTED).replace(PHONE_RE, REDACTED);
  for (const r of rules) {
    if (r.kind === 'literal') out = out.split(r.value).join(REDACTED);
    else {
      try {
        out = out.replace(new RegExp(r.value, 'giu'), REDACTED);
      } catch {
        /* a bad pattern was refused when saved; ignore any left over */
      }
    }
  }
  return out;
}

export function validPattern(p: string): boolean {
  try {
    new RegExp(p, 'giu');
    return p.length <= 300;
  } catch {
    return false;
  }
}

// ——— the clock of one request ———
const times = (r: RequestRecord): RequestTimes => ({
  receivedAt: r.received_at, registeredAt: r.registered_at, extendedAt: r.extended_at, answeredAt: r.answered_at,
  objectedAt: r.objected_at, objectionAnsweredAt: r.objection_answered_at,
});

export interface RequestClock {
  notice: Deadline;
  noticeOverdue: boolean;
  objection?: Deadline;
  atasan?: Deadline;
  atasanOverdue: boolean;
  dispute?: Deadline;
}

export async function clockOf(ctx: AppContext, r: RequestRecord, rule: ClockStart): Promise<RequestClock> {
  const now = ctx.clock.now();
  const t = times(r);
  const [notice, objection, atasan, dispute] = await Promise.all([
    noticeDeadline(ctx.calendar, t, rule), objectionDeadline(ctx.calendar, t, rule, now), atasanDeadline(ctx.calendar, t), disputeDeadline(ctx.calendar, t, now),
  ]);
  const closed = r.state === 'withdrawn' || r.state === 'closed';
  return {
    notice, noticeOverdue: !closed && isOverdue(notice, now, r.answered_at),
    objection: r.objected_at ? undefined : objection,
    atasan, atasanOverdue: !!atasan && isOverdue(atasan, now, r.objection_answered_at),
    dispute: r.objected_at && (r.objection_answered_at ? r.objection_decision === 'rejected' : true) ? dispute : undefined,
  };
}

export const explain = (locale: Locale, d: Deadline) => explainDeadline(translator(locale), locale, d);

// ——— search-ahead ———
const words = (s: string) => [...new Set(s.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter((w) => w.length > 3))];

export interface Match { title: string; href: string; kind: 'dip' | 'answer' }
/** DIP entries and published answers sharing at least two significant words with the text (or its only one). */
export async function searchAhead(db: Executor, text: string): Promise<Match[]> {
  const ws = words(text).slice(0, 30);
  if (!ws.length) return [];
  const need = Math.min(2, ws.length);
  const score = (s: string) => { const have = new Set(words(s)); return ws.filter((w) => have.has(w)).length; };
  const dip = (await repo.listDip(db)).map((d) => ({ s: score(`${d.title} ${d.summary}`), m: { title: d.title, href: `/ppid#dip-${d.id}`, kind: 'dip' as const } }));
  const answers = (await repo.publicRequests(db)).filter((r) => r.outcome === 'fulfilled' || r.outcome === 'partial')
    .map((r) => ({ s: score(r.details), m: { title: `${r.number}: ${r.details.slice(0, 120)}`, href: `/ppid/register#r-${r.id}`, kind: 'answer' as const } }));
  return [...dip, ...answers].filter((x) => x.s >= need).sort((a, b) => b.s - a.s).slice(0, 8).map((x) => x.m);
}

// ——— asking ———
export type Created = { ok: true; id: number; token: string; number: string } | { ok: false; errors: FieldErrors };

export function checkRequest(input: Pick<RequestInput, 'nik' | 'phone'>, now: Date): FieldErrors {
  const nik = checkNik(input.nik ?? '', now);
  const errors: FieldErrors = {};
  if (!nik.ok) errors.nik = nik.error;
  if (input.phone && !/^\+?[\d\s.-]{8,20}$/.test(input.phone)) errors.phone = 'ppid.req.phone.invalid';
  return errors;
}

const followToken = (secret: string, idem: string) => hmac(secret, FOLLOW_PURPOSE, idem).slice(0, 32);

export async function createRequest(ctx: AppContext, actor: Actor, who: AuditActor, input: RequestInput, opts: { staff: boolean; deed?: Upload }): Promise<Created> {
  const now = ctx.clock.now();
  const errors = checkRequest(input, now);
  if (input.requester_kind === 'organisation' && !opts.deed) errors.deed = 'ppid.req.deed.required';
  let receivedAt = now;
  if (opts.staff && input.received_on) {
    const tz = await ctx.calendar.timeZone();
    if (input.received_on > localDate(now, tz)) errors.received_on = 'ppid.req.received_on.future';
    else receivedAt = new Date(`${input.received_on}T09:00:00+07:00`);
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const token = followToken(ctx.config.secret, input.idem);
  const existing = await repo.findRequestByIdem(ctx.db, input.idem);
  if (existing) return { ok: true, id: existing.id, token, number: existing.number };
  const root = await repo.rootUnit(ctx.db);
  const tz = await ctx.calendar.timeZone();
  const ymd = localDate(now, tz);
  const year = Number(ymd.slice(0, 4));
  const nik = checkNik(input.nik, now);
  const channel: Channel = opts.staff ? (input.channel === 'online' || input.channel === '' ? 'walk_in' : input.channel) : 'online';
  const { id, number } = await ctx.db.transaction().execute(async (tx) => {
    const seq = await repo.nextSeq(tx, year);
    const num = `${String(seq).padStart(3, '0')}/PPID/${toRoman(Number(ymd.slice(5, 7)))}/${year}`;
    let deedId: string | null = null;
    if (opts.deed) deedId = (await saveFiles(ctx, tx, [opts.deed], { uploadedBy: actor.kind === 'anonymous' ? null : actor.userId, unitId: root?.id ?? null }))[0].id;
    const newId = await repo.insertRequest(tx, {
      number: num, year, seq, idempotency_key: input.idem, follow_hash: sha256(token), channel, requester_kind: input.requester_kind,
      requester_user_id: actor.kind === 'citizen' ? actor.userId : null, name: input.name,
      nik_encrypted: nik.ok ? encrypt(ctx.config.secret, NIK_PURPOSE, nik.nik) : null,
      phone_encrypted: input.phone ? encrypt(ctx.config.secret, PHONE_PURPOSE, input.phone) : null,
      email: input.email || null, address: input.address, deed_file_id: deedId, identity_public: input.identity_public === 'ya',
      details: input.details, purpose: input.purpose, obtain: input.obtain, receive: input.receive,
      received_at: receivedAt, registered_at: now, unit_id: root?.id ?? null,
    });
    await recordAudit(tx, who, { action: 'ppid.request.created', subjectType: 'ppid_request', subjectId: newId, unitId: root?.id, after: { number: num, channel } });
    if (input.email) {
      await sendMessage(tx, {
        channel: 'email', to: input.email, template: 'ppid.request_registered', locale: 'id',
        params: { number: num, url: `${ctx.config.baseUrl}/ppid/permohonan/lacak/${token}` },
      });
    }
    return { id: newId, number: num };
  });
  return { ok: true, id, token, number };
}

export const findByToken = (db: Executor, token: string) => (/^[A-Za-z0-9_-]{32}$/.test(token) ? repo.findRequestByFollow(db, sha256(token)) : Promise.resolve(undefined));

/** NIK and phone opened for the PPID's own screen (never logged, never in a URL). */
export function openContact(secret: string, r: RequestRecord): { nik: string | null; phone: string | null } {
  return {
    nik: r.nik_encrypted ? decrypt(secret, NIK_PURPOSE, r.nik_encrypted) : null,
    phone: r.phone_encrypted ? decrypt(secret, PHONE_PURPOSE, r.phone_encrypted) : null,
  };
}

// ——— the back office ———
const scopeOf = (actor: Actor) => scopePaths(actor, 'ppid.request.view');
export const staffRequests = (db: Executor, actor: Actor) => repo.listRequests(db, scopeOf(actor));

export async function loadForStaff(db: Executor, actor: Actor, id: number, action = 'ppid.request.manage'): Promise<RequestRecord> {
  const r = await repo.findRequest(db, id);
  if (!r || !can(actor, action, { unitPath: r.unit_path ?? undefined })) throw new AppError('not_found');
  return r;
}

async function notify(tx: Executor, ctx: AppContext, r: RequestRecord, what: string, token?: string) {
  if (!r.email) return;
  await sendMessage(tx, {
    channel: 'email', to: r.email, template: 'ppid.request_update', locale: 'id',
    params: { number: r.number, what, url: token ? `${ctx.config.baseUrl}/ppid/permohonan/lacak/${token}` : `${ctx.config.baseUrl}/ppid/register#r-${r.id}` },
  });
}

const OPEN: readonly string[] = ['submitted', 'in_progress', 'extended'];

export async function disposition(ctx: AppContext, actor: Actor, who: AuditActor, id: number, unitCode: string): Promise<FieldErrors | null> {
  const r = await loadForStaff(ctx.db, actor, id);
  if (!OPEN.includes(r.state)) throw new AppError('ppid.not_open');
  const unit = await repo.findActiveUnit(ctx.db, unitCode);
  if (!unit) return { unit: 'ppid.dip.unit.unknown' };
  if (!can(actor, 'ppid.request.manage', { unitPath: unit.path })) return { unit: 'ppid.dip.unit.outside_scope' };
  await ctx.db.transaction().execute(async (tx) => {
    await repo.updateRequest(tx, id, { unit_id: unit.id, dispositioned_at: ctx.clock.now(), state: r.state === 'submitted' ? 'in_progress' : r.state });
    await recordAudit(tx, who, { action: 'ppid.request.dispositioned', subjectType: 'ppid_request', subjectId: id, unitId: unit.id, before: { unit: r.unit_code }, after: { unit: unit.code } });
    await notify(tx, ctx, r, translator('id')('ppid.notify.dispositioned', { unit: unit.name }));
  });
  return null;
}

export async function extend(ctx: AppContext, actor: Actor, who: AuditActor, id: number, reason: string, rule: ClockStart): Promise<void> {
  const r = await loadForStaff(ctx.db, actor, id);
  const now = ctx.clock.now();
  const allowed = await extensionAllowed(ctx.calendar, times(r), rule, now);
  if (!allowed.ok) throw new AppError('ppid.extension_refused', `ppid.extension.${allowed.reason}`);
  await ctx.db.transaction().execute(async (tx) => {
    await repo.updateRequest(tx, id, { extended_at: now, extension_reason: reason, state: 'extended' });
    await recordAudit(tx, who, { action: 'ppid.request.extended', subjectType: 'ppid_request', subjectId: id, unitId: r.unit_id ?? undefined, after: { state: 'extended' } });
    await notify(tx, ctx, r, translator('id')('ppid.notify.extended', { reason }));
  });
}

/** Pasal 22(7): the written notice. A refusal, whole or partial, needs its exemption record. */
export async function answer(ctx: AppContext, actor: Actor, who: AuditActor, id: number, input: AnswerInput, signer: { name: string }): Promise<FieldErrors | null> {
  const r = await loadForStaff(ctx.db, actor, id);
  if (!OPEN.includes(r.state)) throw new AppError('ppid.not_open');
  const errors: FieldErrors = {};
  const refusing = input.outcome === 'refused' || input.outcome === 'partial';
  if (refusing) {
    if (!input.ground) errors.ground = 'ppid.ex.ground.required';
    if (!input.ex_information) errors.ex_information = 'ppid.ex.information.required';
    if (input.consequence.length < 20) errors.consequence = 'ppid.ex.consequence.required';
    if (!input.period) errors.period = 'ppid.ex.period.required';
    if (!input.official) errors.official = 'ppid.ex.official.required';
  }
  if (input.outcome === 'not_held' && !input.holder_body) errors.holder_body = 'ppid.req.holder_body.required';
  if (input.outcome === 'partial' && !input.blacked_out) errors.blacked_out = 'ppid.req.blacked_out.required';
  if (Object.keys(errors).length) return errors;
  const now = ctx.clock.now();
  const t = translator('id');
  const region = await ctx.region();
  await ctx.db.transaction().execute(async (tx) => {
    const unitId = r.unit_id ?? (await repo.rootUnit(tx))!.id;
    if (refusing) {
      await repo.insertExemption(tx, {
        request_id: id, ground: input.ground, information: input.ex_information, consequence: input.consequence, period: input.period,
        official: input.official, decided_at: now, unit_id: unitId,
      });
    }
    const fields = [
      { label: t('ppid.notice.number'), value: r.number },
      { label: t('ppid.notice.name'), value: r.name },
      { label: t('ppid.notice.received'), value: formatDate('id', r.received_at) },
      { label: t('ppid.notice.held'), value: input.outcome === 'not_held' ? t('ppid.notice.held.no', { body: input.holder_body }) : t('ppid.notice.held.yes') },
      { label: t('ppid.notice.decision'), value: t(`ppid.outcome.${input.outcome}`) },
      { label: t('ppid.notice.material'), value: t(`ppid.notice.material.${input.outcome}`) },
      ...(input.blacked_out ? [{ label: t('ppid.notice.blacked_out'), value: input.blacked_out }] : []),
      ...(refusing ? [{ label: t('ppid.notice.exemption'), value: t('ppid.notice.exemption.value', { ground: t(`ppid.ground.${input.ground}`), period: input.period }) }] : []),
      { label: t('ppid.notice.format'), value: input.format },
      { label: t('ppid.notice.delivery'), value: input.delivery },
      { label: t('ppid.notice.cost'), value: input.cost },
    ];
    const doc = await issueDocument(ctx, tx, {
      module: 'ppid', kind: 'pemberitahuan-tertulis', unitId, subjectRef: String(id), series: 'ppid',
      numberFormat: '{seq:3}/PPID-PT/{month:roman}/{year}', title: t('ppid.notice.title'), ownerId: r.requester_user_id,
      body: [
        { paragraph: t('ppid.notice.intro', { number: r.number }) },
        { fields },
        { paragraph: input.answer_text },
        ...(refusing ? [{ paragraph: t('ppid.notice.consequence', { text: input.consequence }) }] : []),
        { paragraph: t('ppid.notice.objection') },
      ],
      signer: { name: signer.name, position: t('ppid.notice.position', { region: region.name }) },
      actor: who,
    });
    await repo.updateRequest(tx, id, {
      state: 'answered', answered_at: now, outcome: input.outcome, answer_text: input.answer_text, holder_body: input.holder_body || null,
      blacked_out: input.blacked_out || null, format: input.format, delivery: input.delivery, cost: input.cost, document_id: doc.id,
    });
    await recordAudit(tx, who, { action: 'ppid.request.answered', subjectType: 'ppid_request', subjectId: id, unitId, after: { outcome: input.outcome, document: doc.number } });
    await notify(tx, ctx, r, t('ppid.notify.answered', { outcome: t(`ppid.outcome.${input.outcome}`) }));
  });
  return null;
}

// ——— objections ———
export async function object(ctx: AppContext, r: RequestRecord, ground: string, reason: string, rule: ClockStart): Promise<void> {
  const now = ctx.clock.now();
  const window = await objectionDeadline(ctx.calendar, times(r), rule, now);
  if (r.objected_at || !window || now.getTime() > window.due.getTime() || r.state === 'withdrawn') throw new AppError('ppid.objection_closed');
  await ctx.db.transaction().execute(async (tx) => {
    await repo.updateRequest(tx, r.id, { state: 'objection', objected_at: now, objection_grounds: ground, objection_reason: reason });
    await recordAudit(tx, { id: null, label: 'pemohon' }, { action: 'ppid.request.objected', subjectType: 'ppid_request', subjectId: r.id, unitId: r.unit_id ?? undefined, after: { ground } });
  });
}

export async function answerObjection(ctx: AppContext, actor: Actor, who: AuditActor, id: number, decision: 'upheld' | 'rejected', text: string): Promise<void> {
  const r = await loadForStaff(ctx.db, actor, id, 'ppid.objection.answer');
  if (r.state !== 'objection') throw new AppError('ppid.not_open');
  await ctx.db.transaction().execute(async (tx) => {
    await repo.updateRequest(tx, id, { state: 'objection_answered', objection_answered_at: ctx.clock.now(), objection_decision: decision, objection_answer: text });
    await recordAudit(tx, who, { action: 'ppid.objection.answered', subjectType: 'ppid_request', subjectId: id, unitId: r.unit_id ?? undefined, after: { decision } });
    await notify(tx, ctx, r, translator('id')(`ppid.notify.objection.${decision}`));
  });
}

// ——— the public register ———
export interface RegisterEntry {
  id: number; number: string; requester: string | null; details: string; state: string; outcome: string | null; unit: string | null;
  receivedAt: Date; answeredAt: Date | null; answer: string | null; blackedOut: string | null; clock: RequestClock;
  objection: { ground: string; decision: string | null; answer: string | null } | null;
  dispute: { at: Date; number: string } | null;
  closedAt: Date | null;
}

export const REGISTER_PAGE_SIZE = 20;

export interface RegisterPageData { rows: RegisterEntry[]; total: number; page: number; pages: number; size: number }

/** One page of the public register, newest first, with the true count of public requests. */
export async function register(ctx: AppContext, rule: ClockStart, page = 1, size = REGISTER_PAGE_SIZE): Promise<RegisterPageData> {
  const total = await repo.countPublicRequests(ctx.db);
  const pages = Math.max(1, Math.ceil(total / size));
  const at = Math.min(Math.max(1, page), pages);
  const [rows, rules] = await Promise.all([repo.publicRequestsPage(ctx.db, size, (at - 1) * size), repo.allRedactionRules(ctx.db)]);
  return { rows: await registerEntries(ctx, rows, rules, rule), total, page: at, pages, size };
}

async function registerEntries(ctx: AppContext, rows: RequestRecord[], rules: { kind: 'literal' | 'pattern'; value: string; request_id: number | null }[], rule: ClockStart): Promise<RegisterEntry[]> {
  return Promise.all(rows.map(async (r) => {
    const own = rules.filter((x) => x.request_id === null || x.request_id === r.id);
    const red = (s: string | null) => (s === null ? null : redact(s, own));
    return {
      id: r.id, number: r.number, requester: r.identity_public ? red(r.name) : null, details: red(r.details)!, state: r.state, outcome: r.outcome,
      unit: r.unit_name, receivedAt: r.received_at, answeredAt: r.answered_at, answer: red(r.answer_text), blackedOut: red(r.blacked_out),
      clock: await clockOf(ctx, r, rule),
      objection: r.objected_at ? { ground: r.objection_grounds ?? '', decision: r.objection_decision, answer: red(r.objection_answer) } : null,
      dispute: r.dispute_at ? { at: r.dispute_at, number: r.dispute_number ?? '' } : null,
      closedAt: r.closed_at,
    };
  }));
}

export const exemptions = (db: Executor) => repo.listExemptions(db);

export async function addRedaction(db: DB, who: AuditActor, actor: Actor, id: number, kind: 'literal' | 'pattern', value: string, scope: 'request' | 'global'): Promise<FieldErrors | null> {
  const r = await loadForStaff(db, actor, id);
  if (kind === 'pattern' && !validPattern(value)) return { value: 'ppid.red.pattern.invalid' };
  await db.transaction().execute(async (tx) => {
    const rid = await repo.insertRedaction(tx, { request_id: scope === 'global' ? null : r.id, kind, value });
    await recordAudit(tx, who, { action: 'ppid.redaction.added', subjectType: 'ppid_redaction', subjectId: rid, unitId: r.unit_id ?? undefined, after: { kind, scope } });
  });
  return null;
}

// ——— personal data (UU 27/2022) ———
export async function exportPersonal(secret: string, tx: Executor, userId: number): Promise<Record<string, unknown>> {
  const rows = await repo.requestsOfUser(tx, userId);
  return {
    requests: rows.map((r) => ({ number: r.number, name: r.name, ...openContact(secret, r), email: r.email, address: r.address, details: r.details, purpose: r.purpose, state: r.state, receivedAt: r.received_at.toISOString() })),
  };
}

/** Requests are public records: they stay, with the requester's identity and contact removed. */
export async function erasePersonal(tx: Executor, userId: number): Promise<void> {
  await tx.updateTable('ppid_requests')
    .set({ requester_user_id: null, name: '—', nik_encrypted: null, phone_encrypted: null, email: null, address: '—', identity_public: false })
    .where('requester_user_id', '=', userId).execute();
}
