// The use cases of applications: submit (online or at the counter; idempotent), look up by tracking
// number + PIN, and move through the workflow (workflow.ts) with every step on the timeline, in the
// audit trail, and — for the decisions — as the 'layanan.application.decided' event. No HTTP, no HTML.
//
// Deadlines: `due_at` = submission + the service's working days (ctx.calendar). A return to the
// citizen stops the clock: on resubmit the working days that were left are added again from then.
import { randomBytes, randomInt } from 'node:crypto';
import { auditAppend, recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import { decrypt, encrypt, hmac, safeEqual } from '../../platform/crypto.ts';
import type { Executor } from '../../platform/db/index.ts';
import { publish } from '../../platform/events/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { layananErrors } from './errors.ts';
import * as repo from './applications-repo.ts';
import type { ApplicationRecord } from './applications-repo.ts';
import { submittableService } from './service.ts';
import { notifyStatus } from './notices.ts';
import { FINAL_STATES, transition, type Action, type State } from './workflow.ts';

export type { ApplicationRecord };

// ---- tracking numbers and PINs

// no look-alikes (0/O, 1/I/L): read aloud at a counter and typed on a phone
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function newTrackingNumber(): string {
  const b = randomBytes(8);
  let s = '';
  for (let i = 0; i < 8; i++) s += ALPHABET[b[i] % ALPHABET.length];
  return `LYN-${s.slice(0, 4)}-${s.slice(4)}`;
}
export const TRACKING = /^LYN-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

/** 'lyn 7k3m-q9xh' or 'LYN7K3MQ9XH' as typed or pasted → 'LYN-7K3M-Q9XH' (undefined when it cannot be one) */
export function normalizeTracking(input: string): string | undefined {
  const s = input.toUpperCase().replace(/[\s\-–—_.]/g, '');
  const m = /^(?:LYN)?([2-9A-HJKMNP-Z]{8})$/.exec(s);
  return m ? `LYN-${m[1].slice(0, 4)}-${m[1].slice(4)}` : undefined;
}

export const newPin = () => String(randomInt(0, 1_000_000)).padStart(6, '0');
/** '123 456' → '123456' */
export const normalizePin = (input: string) => input.replace(/[\s-]/g, '');
const pinHash = (secret: string, tracking: string, pin: string) => hmac(secret, 'layanan.pin', `${tracking}:${pin}`);

// the same blind index as users.nik_hash, so a counter application finds the account of its NIK
const NIK_HASH = (secret: string, nik: string) => hmac(secret, 'nik', nik);
const seal = (secret: string, purpose: string, v: string) => encrypt(secret, `layanan.${purpose}`, v);
const open = (secret: string, purpose: string, v: string) => decrypt(secret, `layanan.${purpose}`, v);

export type Answers = Record<string, string>;
export const sealAnswers = (secret: string, a: Answers) => seal(secret, 'answers', JSON.stringify(a));
export const openAnswers = (secret: string, box: string): Answers => JSON.parse(open(secret, 'answers', box)) as Answers;
export const openNik = (secret: string, app: Pick<ApplicationRecord, 'applicant_nik_sealed'>) => open(secret, 'nik', app.applicant_nik_sealed);
export const openPin = (secret: string, app: Pick<ApplicationRecord, 'pin_sealed'>) => open(secret, 'pin', app.pin_sealed);

export function layananError(code: keyof typeof layananErrors, params: Record<string, string | number> = {}): AppError {
  const e = layananErrors[code];
  return new AppError(code, e.message, {}, params, e.status);
}

// ---- submit

export interface NewApplication {
  serviceSlug: string;
  /** the unit that receives it: a kelurahan/kecamatan of the service's kind, or the OPD that owns it */
  unitId: number;
  /** the citizen's account; null at the counter for a walk-in without one */
  userId: number | null;
  applicant: { name: string; nik: string };
  answers: Answers;
  channel: 'online' | 'counter';
  /** the counter officer */
  filedBy?: number | null;
  /** the form's key: a double click or a retry after a timeout answers the first application */
  idempotencyKey?: string | null;
  /** the citizen's draft: its files move to the application, and it is deleted */
  draftId?: number | null;
  actor: AuditActor;
  /** inside the submit's transaction, only when it created the application: tell the citizen (number + PIN) */
  notify?: (tx: Executor, submitted: { id: number; trackingNumber: string; pin: string }) => Promise<void>;
}

export interface Submitted { id: number; trackingNumber: string; pin: string; created: boolean }

export async function submitApplication(ctx: AppContext, input: NewApplication): Promise<Submitted> {
  const { secret } = ctx.config;
  const service = await submittableService(ctx.db, input.serviceSlug);
  if (!service || !service.active) throw layananError('layanan.unknown_service');
  const again = async (): Promise<Submitted | undefined> => {
    if (!input.idempotencyKey) return undefined;
    const id = await repo.applicationIdBySubmitKey(ctx.db, input.idempotencyKey);
    if (!id) return undefined;
    const app = (await repo.applicationById(ctx.db, id))!;
    // the key is the submitter's own form: only they get the PIN back
    if (app.user_id !== input.userId && app.filed_by !== (input.filedBy ?? null)) throw layananError('layanan.duplicate_submit');
    return { id, trackingNumber: app.tracking_number, pin: openPin(secret, app), created: false };
  };
  // the calendar reads through ctx.db: ask before the transaction (PGlite has one connection)
  const now = ctx.clock.now();
  const dueAt = await ctx.calendar.addWorkingDays(now, service.deadlineDays);
  const trackingNumber = newTrackingNumber();
  const pin = newPin();
  const row: repo.NewApplicationRow = {
    tracking_number: trackingNumber, pin_hash: pinHash(secret, trackingNumber, pin), pin_sealed: seal(secret, 'pin', pin),
    service_id: service.id, unit_id: input.unitId, current_unit_id: input.unitId, user_id: input.userId,
    applicant_name: input.applicant.name.trim().slice(0, 200), applicant_nik_hash: NIK_HASH(secret, input.applicant.nik),
    applicant_nik_sealed: seal(secret, 'nik', input.applicant.nik), answers_sealed: sealAnswers(secret, input.answers),
    channel: input.channel, filed_by: input.filedBy ?? null, state: 'submitted', due_at: dueAt,
    submit_key: input.idempotencyKey ?? null, submitted_at: now, updated_at: now,
  };
  // the audit names the service, the unit and the door (never the NIK or the answers), and the
  // application by its tracking number: the one number officers, auditors and citizens all quote
  const audit = auditAppend(input.actor, {
    action: 'layanan.application.submit', subjectType: 'layanan_application', subjectId: trackingNumber, unitId: input.unitId,
    after: { trackingNumber, service: service.slug, channel: input.channel },
  });
  const step = { actorId: input.filedBy ?? null, actorRole: input.filedBy ? 'counter' : null };
  try {
    // No look-up of the key first: a repeat fails the insert (unique submit_key) and is answered below.
    // Nothing else to write: one statement, one round trip. A draft or a notification: one transaction.
    const id = !input.draftId && !input.notify
      ? await repo.insertSubmitted(ctx.db, row, step, audit)
      : await ctx.db.transaction().execute(async (tx) => {
        const id = await repo.insertSubmitted(tx, row, step, audit);
        if (input.draftId) {
          await repo.moveDraftFiles(tx, input.draftId, id);
          if (input.userId) await repo.deleteDraft(tx, input.userId, service.id);
        }
        if (input.notify) await input.notify(tx, { id, trackingNumber, pin });
        return id;
      });
    return { id, trackingNumber, pin, created: true };
  } catch (e) {
    // the same key submitted before, or concurrently and committed first: answer its application
    const first = await again().catch(() => undefined);
    if (first) return first;
    throw e;
  }
}

// ---- look up (/lacak): tracking number + PIN, no account

export async function lookup(ctx: AppContext, trackingInput: string, pinInput: string): Promise<ApplicationRecord | undefined> {
  const tracking = normalizeTracking(trackingInput);
  const pin = normalizePin(pinInput);
  if (!tracking || !/^\d{6}$/.test(pin)) return undefined;
  const app = await repo.applicationByTracking(ctx.db, tracking);
  // the same work whether or not the number exists: the answer does not tell which one was wrong
  const expected = app?.pin_hash ?? pinHash(ctx.config.secret, 'LYN-0000-0000', '000000');
  const ok = safeEqual(pinHash(ctx.config.secret, tracking, pin), expected);
  return app && ok ? app : undefined;
}

// ---- the workflow

export interface ActInput {
  applicationId: number;
  action: Exclude<Action, 'submit'>;
  /** staff (id + the role they act in) or the citizen (id null, role null) */
  actor: AuditActor;
  actorId: number | null;
  actorRole: string | null;
  reason?: string;
  /**
   * For 'sign': issue the signed document in this transaction (platform/documents) and return its id.
   * For 'forward': the higher unit's id.
   */
  issue?: (tx: Executor, app: ApplicationRecord) => Promise<string>;
  forwardTo?: number;
  /** for 'resubmit': the citizen's corrected answers, saved in the same transaction */
  answers?: Answers;
  /** more work in the step's transaction once the step is allowed (resubmit: the replaced attachments) */
  within?: (tx: Executor, app: ApplicationRecord) => Promise<void>;
}

export interface Acted { from: State; to: State; app: ApplicationRecord }

/**
 * Take one step. The state is re-read under a row lock, so two officers pressing at once cannot both
 * move it; the loser gets 'layanan.bad_transition' (409). Access (who may act on which unit) is the
 * caller's check (authorize), before this.
 */
export async function act(ctx: AppContext, input: ActInput): Promise<Acted> {
  const now = ctx.clock.now();
  // the clock of a resubmitted application restarts with the working days it had left: computed before the
  // transaction because the calendar reads through ctx.db (PGlite has one connection)
  const before = await repo.applicationById(ctx.db, input.applicationId);
  if (!before) throw layananError('layanan.not_found');
  let resumedDue: Date | undefined;
  if (input.action === 'resubmit' && before.returned_at) {
    const left = Math.max(0, await ctx.calendar.countWorkingDays(before.returned_at, before.due_at));
    resumedDue = await ctx.calendar.addWorkingDays(now, left);
  }
  return ctx.db.transaction().execute(async (tx) => {
    const app = (await repo.applicationById(tx, input.applicationId, { forUpdate: true }))!;
    const t = transition(app.state, input.action, { reason: input.reason, forwardable: !!app.forward_to && !!input.forwardTo });
    if (!t.ok) throw layananError(t.code);
    if (input.within) await input.within(tx, app);
    const set: Parameters<typeof repo.updateApplication>[2] = { state: t.to, updated_at: now };
    let unitId = app.current_unit_id;
    if (input.action === 'return') set.returned_at = now;
    if (input.action === 'resubmit') {
      set.returned_at = null;
      if (resumedDue) set.due_at = resumedDue;
      if (input.answers) set.answers_sealed = sealAnswers(ctx.config.secret, input.answers);
    }
    if (input.action === 'forward') { set.current_unit_id = input.forwardTo!; unitId = input.forwardTo!; }
    if (input.action === 'sign') {
      if (!input.issue) throw new Error('layanan: sign needs the issue callback');
      set.document_id = await input.issue(tx, app);
    }
    if (FINAL_STATES.includes(t.to)) set.decided_at = now;
    await repo.updateApplication(tx, app.id, set);
    const note = (input.reason ?? '').trim().slice(0, 1000);
    if (input.action === 'sign') {
      await repo.addStep(tx, { applicationId: app.id, action: 'sign', from: app.state, to: 'signed', unitId, actorId: input.actorId, actorRole: input.actorRole, at: now });
      await repo.addStep(tx, { applicationId: app.id, action: 'issue', from: 'signed', to: 'issued', unitId, actorId: input.actorId, actorRole: input.actorRole, at: now });
    } else {
      await repo.addStep(tx, { applicationId: app.id, action: input.action, from: app.state, to: t.to, unitId, actorId: input.actorId, actorRole: input.actorRole, note, at: now });
    }
    await recordAudit(tx, input.actor, {
      action: `layanan.application.${input.action}`, subjectType: 'layanan_application', subjectId: app.tracking_number, unitId: app.current_unit_id,
      before: { state: app.state }, after: { state: t.to, ...(input.action === 'forward' ? { unitId } : {}), ...(note ? { reason: note } : {}) },
    });
    if (t.to === 'issued' || t.to === 'rejected') {
      await publish(tx, 'layanan.application.decided', {
        applicationId: app.id, trackingNumber: app.tracking_number, serviceSlug: app.service_slug, unitId, userId: app.user_id,
        outcome: t.to, at: now.toISOString(),
      });
    }
    const after = (await repo.applicationById(tx, app.id))!;
    // the citizen hears of every change, in this transaction (notices.ts)
    await notifyStatus(tx, ctx.config.baseUrl, after, note);
    return { from: app.state, to: t.to, app: after };
  });
}

/** Is the application past its deadline now? (computed, never stored) */
export const isOverdue = (app: Pick<ApplicationRecord, 'state' | 'due_at'>, now: Date) =>
  (app.state === 'submitted' || app.state === 'verified' || app.state === 'approved') && app.due_at.getTime() < now.getTime();

export const applicationById = repo.applicationById;
export const applicationsOfUser = repo.applicationsOfUser;
export const stepsOf = repo.stepsOf;
