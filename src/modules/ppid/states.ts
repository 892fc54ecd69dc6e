// The remaining states of a request (ADR 036), each a stored fact with its instant: the dispute
// recorded at the Komisi Informasi (the day it was filed and the Komisi's register number), closed,
// and withdrawn — by the requester through their follow link, or by PPID staff with a reason. And
// "answer once, publish for all": a fulfilled (or partly fulfilled) answer becomes a DIP entry held
// by the unit that answered, its text passed through the request's redaction rules, optionally with
// the released document (already redacted) attached. Every staff step audited in its transaction.
import { can, type Actor } from '../../platform/access/can.ts';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import { localDate } from '../../platform/calendar/working-days.ts';
import { saveFiles, type Upload } from '../../platform/files/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { FieldErrors } from '../../platform/http/input.ts';
import { translator } from '../../platform/i18n/index.ts';
import { sendMessage } from '../../platform/notify/notify.ts';
import * as repo from './repo.ts';
import { loadForStaff, redact, type RequestRecord } from './requests.ts';
import type { DisputeInput, PublishInput } from './schema.ts';

const OPEN: readonly string[] = ['submitted', 'in_progress', 'extended'];
/** States from which a request may be closed: the PPID's part is done. */
const CLOSABLE: readonly string[] = ['answered', 'objection_answered', 'dispute'];

async function notify(tx: Parameters<typeof sendMessage>[0], ctx: AppContext, r: RequestRecord, what: string) {
  if (!r.email) return;
  await sendMessage(tx, {
    channel: 'email', to: r.email, template: 'ppid.request_update', locale: 'id',
    params: { number: r.number, what, url: `${ctx.config.baseUrl}/ppid/register#r-${r.id}` },
  });
}

/** The requester took the dispute to the Komisi Informasi (Pasal 37): the day it was filed and its register number. */
export async function recordDispute(ctx: AppContext, actor: Actor, who: AuditActor, id: number, input: DisputeInput): Promise<FieldErrors | null> {
  const r = await loadForStaff(ctx.db, actor, id);
  if (r.state !== 'objection' && r.state !== 'objection_answered') throw new AppError('ppid.not_open');
  const tz = await ctx.calendar.timeZone();
  const objected = r.objected_at ? localDate(r.objected_at, tz) : '';
  if (input.filed_on > localDate(ctx.clock.now(), tz)) return { filed_on: 'ppid.dispute.filed_on.future' };
  if (input.filed_on < objected) return { filed_on: 'ppid.dispute.filed_on.before' };
  const at = new Date(`${input.filed_on}T09:00:00+07:00`);
  await ctx.db.transaction().execute(async (tx) => {
    await repo.updateRequest(tx, id, { state: 'dispute', dispute_at: at, dispute_number: input.register_number });
    await recordAudit(tx, who, { action: 'ppid.request.dispute_recorded', subjectType: 'ppid_request', subjectId: id, unitId: r.unit_id ?? undefined, before: { state: r.state }, after: { state: 'dispute', number: input.register_number } });
  });
  return null;
}

export async function close(ctx: AppContext, actor: Actor, who: AuditActor, id: number): Promise<void> {
  const r = await loadForStaff(ctx.db, actor, id);
  if (!CLOSABLE.includes(r.state)) throw new AppError('ppid.not_open');
  await ctx.db.transaction().execute(async (tx) => {
    await repo.updateRequest(tx, id, { state: 'closed', closed_at: ctx.clock.now() });
    await recordAudit(tx, who, { action: 'ppid.request.closed', subjectType: 'ppid_request', subjectId: id, unitId: r.unit_id ?? undefined, before: { state: r.state }, after: { state: 'closed' } });
    await notify(tx, ctx, r, translator('id')('ppid.notify.closed'));
  });
}

/** PPID staff withdraw a request on the requester's word (a letter, a visit), with the reason. */
export async function withdrawByStaff(ctx: AppContext, actor: Actor, who: AuditActor, id: number, reason: string): Promise<void> {
  const r = await loadForStaff(ctx.db, actor, id);
  if (!OPEN.includes(r.state)) throw new AppError('ppid.not_open');
  await ctx.db.transaction().execute(async (tx) => {
    await repo.updateRequest(tx, id, { state: 'withdrawn', withdrawn_at: ctx.clock.now(), withdrawn_by: 'staff', withdraw_reason: reason });
    await recordAudit(tx, who, { action: 'ppid.request.withdrawn', subjectType: 'ppid_request', subjectId: id, unitId: r.unit_id ?? undefined, before: { state: r.state }, after: { state: 'withdrawn', by: 'staff' } });
    await notify(tx, ctx, r, translator('id')('ppid.notify.withdrawn'));
  });
}

/** The requester withdraws their own request, through the follow link, while it is still open. */
export async function withdrawByRequester(ctx: AppContext, r: RequestRecord, reason: string): Promise<void> {
  if (!OPEN.includes(r.state)) throw new AppError('ppid.not_open');
  await ctx.db.transaction().execute(async (tx) => {
    await repo.updateRequest(tx, r.id, { state: 'withdrawn', withdrawn_at: ctx.clock.now(), withdrawn_by: 'requester', withdraw_reason: reason || null });
    await recordAudit(tx, { id: null, label: 'pemohon' }, { action: 'ppid.request.withdrawn', subjectType: 'ppid_request', subjectId: r.id, unitId: r.unit_id ?? undefined, before: { state: r.state }, after: { state: 'withdrawn', by: 'requester' } });
  });
}

/** Whether the answer of `r` may become a DIP entry (and by this actor). */
export function publishable(actor: Actor, r: RequestRecord): boolean {
  return (r.outcome === 'fulfilled' || r.outcome === 'partial') && r.state !== 'withdrawn' && !!r.unit_path && can(actor, 'ppid.dip.manage', { unitPath: r.unit_path });
}

/** The public text a DIP entry made from `r` starts with: its answer, redacted as the register shows it. */
export async function publishDefaults(ctx: AppContext, r: RequestRecord): Promise<{ title: string; summary: string }> {
  const rules = await repo.redactionRules(ctx.db, r.id);
  return { title: redact(r.details, rules).slice(0, 200), summary: redact(r.answer_text ?? '', rules).slice(0, 2000) };
}

export type Published = { ok: true; dipId: number } | { ok: false; errors: FieldErrors };

/** Answer once, publish for all: the answer of a fulfilled request as a DIP entry of the unit that answered. */
export async function publishAsDip(ctx: AppContext, actor: Actor, who: AuditActor, id: number, input: PublishInput, file?: Upload): Promise<Published> {
  const r = await loadForStaff(ctx.db, actor, id, 'ppid.request.view');
  if (!publishable(actor, r)) throw new AppError('not_found');
  const existing = await repo.dipOfRequest(ctx.db, id);
  if (existing) return { ok: true, dipId: existing.id };
  const rules = await repo.redactionRules(ctx.db, r.id);
  const dipId = await ctx.db.transaction().execute(async (tx) => {
    const fileId = file ? (await saveFiles(ctx, tx, [file], { uploadedBy: actor.kind === 'staff' ? actor.userId : null, unitId: r.unit_id }))[0].id : null;
    const newId = await repo.insertDip(tx, {
      category: input.category, title: redact(input.title, rules), summary: redact(input.summary, rules), holdingUnitId: r.unit_id!,
      official: input.official, madeWhen: input.made_when, madeWhere: input.made_where, form: input.form, retention: input.retention,
      sourceRequestId: id, fileId,
    });
    await recordAudit(tx, who, { action: 'ppid.dip.published_from_request', subjectType: 'ppid_dip', subjectId: newId, unitId: r.unit_id ?? undefined, after: { request: r.number, file: !!fileId } });
    return newId;
  });
  return { ok: true, dipId };
}
