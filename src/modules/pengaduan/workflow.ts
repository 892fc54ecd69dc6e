// The complaint's state machine. Every step names who may take it (the handling unit, the
// supervising unit, the reporter, or the system's jobs), the states it starts from, and what it
// records: the new state, a timeline entry (public unless said otherwise), the audit entry for staff
// steps and the event — all in one transaction. Anything else is refused with
// pengaduan.illegal_transition; a unit that does not hold the complaint gets 404 (forbidden_scope).
import { can, type Actor } from '../../platform/access/can.ts';
import { recordAudit, systemActor, type AuditActor } from '../../platform/audit/audit.ts';
import { publish } from '../../platform/events/index.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { Executor } from '../../platform/db/index.ts';
import { pengaduanError } from './errors.ts';
import { COMPLAINT_CHANGED, COMPLAINT_CONFIRMED } from './events.ts';
import * as repo from './repo.ts';
import type { ComplaintRow, State } from './repo.ts';

export type Step =
  | { kind: 'verify'; note?: string }
  | { kind: 'reject'; reason: 'not_complaint' | 'duplicate'; note: string; duplicateOf?: number }
  | { kind: 'disposition'; toUnitId: number; note: string }
  | { kind: 'start'; note?: string }
  | { kind: 'report_follow_up'; note: string; photoFileIds?: string[]; saveUploads?: (tx: Executor) => Promise<string[]> }
  | { kind: 'accept_follow_up'; note?: string }
  | { kind: 'reject_follow_up'; note: string }
  | { kind: 'confirm' }
  | { kind: 'reopen'; note?: string }
  | { kind: 'auto_close' };

type Who = 'handler' | 'supervisor' | 'reporter' | 'system';

const RULES: Record<Step['kind'], { from: readonly State[]; who: Who }> = {
  verify: { from: ['received', 'reopened'], who: 'handler' },
  reject: { from: ['received'], who: 'handler' },
  disposition: { from: ['received', 'verified', 'dispositioned'], who: 'handler' },
  start: { from: ['verified', 'dispositioned', 'reopened'], who: 'handler' },
  report_follow_up: { from: ['in_progress'], who: 'handler' },
  accept_follow_up: { from: ['follow_up_reported'], who: 'supervisor' },
  reject_follow_up: { from: ['follow_up_reported'], who: 'supervisor' },
  confirm: { from: ['resolved'], who: 'reporter' },
  reopen: { from: ['resolved'], who: 'reporter' },
  auto_close: { from: ['resolved'], who: 'system' },
};

/** The steps open from a state for one side (the officer pages show only these). */
export function stepsFrom(state: State, who: Who): Step['kind'][] {
  return (Object.keys(RULES) as Step['kind'][]).filter((k) => RULES[k].who === who && RULES[k].from.includes(state));
}

export function mayHandle(actor: Actor, c: Pick<ComplaintRow, 'routedUnit'>): boolean {
  return can(actor, 'pengaduan.handle', { unitPath: c.routedUnit.path });
}
export function mayValidate(actor: Actor, c: Pick<ComplaintRow, 'supervisorUnit'>): boolean {
  return can(actor, 'pengaduan.validate', { unitPath: c.supervisorUnit.path });
}

export interface StepBy {
  /** staff or citizen taking the step; for 'reporter' steps by a contact, the caller proved the follow link */
  actor: Actor;
  audit: AuditActor;
  /** reporter steps: the caller holds the reporter's follow token (checked by the caller) */
  reporterProven?: boolean;
  /** the form's idempotency key: a repeated submit takes no second step and answers the row as it is */
  key?: string;
}

/** Take one step on complaint `id`. Returns the new row. */
export async function takeStep(ctx: AppContext, id: number, step: Step, by: StepBy): Promise<ComplaintRow> {
  const rule = RULES[step.kind];
  const settings = await repo.regionSettings(ctx.db);
  const now = ctx.clock.now();
  // deadlines read the calendar through ctx.db: before the transaction
  const followUpDue = await ctx.calendar.addWorkingDays(now, settings.followUpDays);
  const autoClose = await ctx.calendar.addWorkingDays(now, settings.autoCloseDays);
  const verifyDue = await ctx.calendar.addWorkingDays(now, settings.verifyDays);
  const target = step.kind === 'disposition' ? await repo.unitById(ctx.db, step.toUnitId) : undefined;
  if (step.kind === 'disposition' && !target) throw new AppError('validation_failed', 'pengaduan.error.unknown_unit');

  return ctx.db.transaction().execute(async (tx) => {
    const c = await repo.complaintById(tx, id, { forUpdate: true });
    if (!c) throw new AppError('not_found');
    // who: a unit that does not hold it must not learn it exists (404, as for any other unit's record)
    if (rule.who === 'handler' && !mayHandle(by.actor, c)) throw new AppError('not_found');
    if (rule.who === 'supervisor' && !mayValidate(by.actor, c)) throw new AppError('not_found');
    if (rule.who === 'reporter') {
      const own = by.actor.kind === 'citizen' && c.reporterUserId === by.actor.userId;
      if (!own && !by.reporterProven) throw new AppError('not_found');
    }
    if (rule.who === 'system' && by.actor.kind !== 'anonymous') throw new AppError('forbidden');
    // double submit: the first took the step; the repeat changes nothing
    if (by.key && !(await repo.claimSubmission(tx, `step:${by.key}`, id))) return c;
    if (!rule.from.includes(c.state)) throw pengaduanError('pengaduan.illegal_transition');

    const from = c.state;
    let to: State = from;
    const patch: Parameters<typeof repo.setComplaint>[2] = { updated_at: now };
    const unitId = rule.who === 'supervisor' ? c.supervisorUnit.id : rule.who === 'handler' ? c.routedUnit.id : null;
    const actorId = by.actor.kind === 'anonymous' ? null : by.actor.userId;
    const firstResponse = () => { if (!c.firstResponseAt) patch.first_response_at = now; };
    const timeline: { kind: string; to?: State; body?: string; public?: boolean; photos?: string[] }[] = [];

    switch (step.kind) {
      case 'verify':
        to = 'verified'; firstResponse(); patch.follow_up_due_at = followUpDue; patch.escalation_level = 0;
        timeline.push({ kind: 'verified', to, body: step.note ?? '' });
        break;
      case 'reject':
        if (step.reason === 'duplicate' && !step.duplicateOf) throw new AppError('validation_failed', 'pengaduan.error.duplicate_of_required');
        to = 'rejected'; firstResponse(); patch.rejection_reason = step.reason; patch.duplicate_of = step.duplicateOf ?? null; patch.closed_at = now;
        timeline.push({ kind: `rejected_${step.reason}`, to, body: step.note });
        break;
      case 'disposition':
        to = 'dispositioned'; firstResponse(); patch.routed_unit_id = target!.id;
        // the receiving unit has its own days to verify and start
        patch.verify_due_at = verifyDue; patch.follow_up_due_at = followUpDue; patch.escalation_level = 0;
        timeline.push({ kind: 'dispositioned', to, body: step.note });
        break;
      case 'start':
        to = 'in_progress'; firstResponse(); patch.follow_up_due_at ??= c.followUpDueAt ?? followUpDue;
        timeline.push({ kind: 'in_progress', to, body: step.note ?? '' });
        break;
      case 'report_follow_up':
        to = 'follow_up_reported'; firstResponse();
        // the follow-up is checked by the supervising unit before the reporter sees it
        timeline.push({ kind: 'follow_up_reported', to, body: step.note, public: false, photos: [...(step.photoFileIds ?? []), ...(step.saveUploads ? await step.saveUploads(tx) : [])] });
        break;
      case 'accept_follow_up':
        // validated, and only then resolved in public: the reporter is asked "Sudah selesai?"
        to = 'resolved'; patch.resolved_at = now; patch.auto_close_at = autoClose;
        timeline.push({ kind: 'validated', to: 'validated', body: step.note ?? '', public: false });
        timeline.push({ kind: 'resolved', to, body: '' });
        break;
      case 'reject_follow_up':
        to = 'in_progress';
        timeline.push({ kind: 'follow_up_rejected', to, body: step.note, public: false });
        break;
      case 'confirm':
        to = 'closed'; patch.closed_at = now; patch.auto_close_at = null;
        timeline.push({ kind: 'confirmed', to });
        break;
      case 'reopen':
        to = 'reopened'; patch.resolved_at = null; patch.auto_close_at = null; patch.verify_due_at = verifyDue; patch.escalation_level = 0;
        timeline.push({ kind: 'reopened', to, body: step.note ?? '' });
        break;
      case 'auto_close':
        if (!c.autoCloseAt || c.autoCloseAt > now) throw pengaduanError('pengaduan.illegal_transition');
        to = 'closed'; patch.closed_at = now;
        timeline.push({ kind: 'auto_closed', to });
        break;
    }
    patch.state = to;
    await repo.setComplaint(tx, id, patch);
    for (const e of timeline) {
      const uid = await repo.addUpdate(tx, {
        complaintId: id, kind: e.kind, fromState: from, toState: e.to ?? null, unitId: step.kind === 'disposition' ? target!.id : unitId,
        actorId, body: e.body ?? '', public: e.public ?? true, at: now,
      });
      if (e.photos?.length) await repo.addPhotos(tx, id, e.photos, uid);
    }
    // the follow-up's photos become public with the resolution
    if (step.kind === 'accept_follow_up') {
      await tx.updateTable('pengaduan_updates').set({ public: true })
        .where('complaint_id', '=', id).where('kind', '=', 'follow_up_reported')
        .where('id', '=', (eb) => eb.selectFrom('pengaduan_updates').select((s) => s.fn.max('id').as('m')).where('complaint_id', '=', id).where('kind', '=', 'follow_up_reported'))
        .execute();
    }
    if (rule.who === 'handler' || rule.who === 'supervisor' || rule.who === 'system') {
      await recordAudit(tx, rule.who === 'system' ? systemActor('pengaduan') : by.audit, {
        action: `pengaduan.complaint.${step.kind}`, subjectType: 'pengaduan_complaint', subjectId: id, unitId: unitId ?? c.routedUnit.id,
        before: { state: from, routedUnit: c.routedUnit.code }, after: { state: to, ...(target ? { routedUnit: target.code } : {}) },
      });
    }
    await publish(tx, COMPLAINT_CHANGED, { id, publicId: c.publicId, from, to, routedUnitId: target?.id ?? c.routedUnit.id, rahasia: c.rahasia, at: now.toISOString() });
    if (step.kind === 'confirm') {
      await publish(tx, COMPLAINT_CONFIRMED, { id, publicId: c.publicId, categoryCode: c.categoryCode, unitId: c.routedUnit.id, userId: c.reporterUserId, at: now.toISOString() });
    }
    return (await repo.complaintById(tx, id))!;
  });
}

/** Overdue: past the verify deadline while not verified, or past the follow-up deadline while not reported. */
export function isOverdue(c: Pick<ComplaintRow, 'state' | 'verifyDueAt' | 'followUpDueAt'>, now: Date): boolean {
  if ((c.state === 'received' || c.state === 'reopened') && c.verifyDueAt) return c.verifyDueAt < now;
  if ((c.state === 'verified' || c.state === 'dispositioned' || c.state === 'in_progress') && c.followUpDueAt) return c.followUpDueAt < now;
  return false;
}
