// The officer side of applications as use cases: the queue of the units in scope, one application
// with what its reader may see, the step an officer takes (act() with the document issued on 'sign'
// and the kecamatan as the forward's target), and who takes which part. No HTTP, no HTML.
//
// Who takes a step: the service names a verifier role and a signer role (the pack's 'layanan_verifier'
// and 'layanan_signer'); the platform's officer takes the verifier's part and its approver the
// signer's, so a kelurahan works with the roles it already has (ADR 030). A grant counts when it
// covers the unit where the application is now.
import { can, covers, scopePaths, type Actor } from '../../platform/access/can.ts';
import type { AuditActor } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { findDocument } from '../../platform/documents/index.ts';
import { maskNik } from '../accounts/module.ts';
import { act, isOverdue, layananError, openAnswers, openNik, type Acted, type ApplicationRecord } from './applications.ts';
import * as repo from './applications-repo.ts';
import { findService } from './repo.ts';
import { issuerFor } from './issue.ts';
import { lastStep, queueTotal, servicesInScope, stateCounts } from './staff-apps-repo.ts';
import { actionsFor, OPEN_STATES, STATES, type Action, type State, type Taker } from './workflow.ts';

export const PROCESS = 'layanan.process';
export const PAGE_SIZE = 25;
export type OfficerAction = Exclude<Action, 'submit' | 'resubmit'>;

export interface QueueQuery { state: State | ''; service: string; overdue: boolean; page: number }

export async function queuePage(ctx: AppContext, actor: Actor, q: QueueQuery) {
  const unitPaths = scopePaths(actor, PROCESS);
  const now = ctx.clock.now();
  const states = q.state ? [q.state] : [...OPEN_STATES];
  const f = { unitPaths, states, serviceSlug: q.service || undefined, overdueAt: q.overdue ? now : undefined };
  const [rows, total, counts, services] = await Promise.all([
    repo.queue(ctx.db, { ...f, limit: PAGE_SIZE, offset: (q.page - 1) * PAGE_SIZE }),
    queueTotal(ctx.db, f),
    stateCounts(ctx.db, unitPaths),
    servicesInScope(ctx.db, unitPaths),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, overdue: isOverdue(r, now) })),
    total, counts: Object.fromEntries(STATES.map((s) => [s, counts[s] ?? 0])) as Record<State, number>,
    services, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

/** May the actor read this application? Where it is now, or the unit that received it (after a forward). */
export function mayRead(actor: Actor, app: Pick<ApplicationRecord, 'current_unit_path' | 'unit_path'>): boolean {
  return can(actor, PROCESS, { unitPath: app.current_unit_path }) || can(actor, PROCESS, { unitPath: app.unit_path });
}

/** The parts the actor takes on this application where it is now. */
export function takersOf(actor: Actor, app: Pick<ApplicationRecord, 'current_unit_path' | 'verifier_role' | 'signer_role'>): Taker[] {
  if (actor.kind !== 'staff') return [];
  const here = actor.grants.filter((g) => covers(g, app.current_unit_path));
  const out: Taker[] = [];
  if (here.some((g) => g.role === 'officer' || g.role === app.verifier_role)) out.push('verifier');
  if (here.some((g) => g.role === 'approver' || g.role === app.signer_role)) out.push('signer');
  return out;
}

/** kelurahan → its kecamatan, when the service forwards and the application is still at a kelurahan */
export function forwardTarget(app: Pick<ApplicationRecord, 'forward_to' | 'current_unit_kind' | 'current_unit_parent_id'>): number | undefined {
  return app.forward_to === 'kecamatan' && app.current_unit_kind !== 'kecamatan' && app.current_unit_parent_id ? app.current_unit_parent_id : undefined;
}

export function actionsOf(actor: Actor, app: ApplicationRecord): OfficerAction[] {
  const fwd = forwardTarget(app) !== undefined;
  const set = new Set<OfficerAction>();
  for (const taker of takersOf(actor, app)) for (const a of actionsFor(app.state, taker, fwd)) if (a !== 'resubmit') set.add(a);
  return [...set];
}

/** One application for its reader in the back office: answers opened, NIK masked. */
export async function detail(ctx: AppContext, actor: Actor, id: number) {
  const app = await repo.applicationById(ctx.db, id);
  if (!app || !mayRead(actor, app)) return undefined;
  const [steps, files, service] = await Promise.all([repo.stepsOf(ctx.db, id), repo.filesOf(ctx.db, { applicationId: id }), findService(ctx.db, app.service_slug)]);
  // NIKs in the answers (the applicant's, a family member's) are masked as the applicant's is
  const niks = new Set((service?.pages ?? []).flatMap((p) => p.fields).filter((f) => f.type === 'nik').map((f) => f.name));
  const answers = Object.fromEntries(Object.entries(openAnswers(ctx.config.secret, app.answers_sealed)).map(([k, v]) => [k, niks.has(k) ? maskNik(v) : v]));
  const doc = app.document_id ? await findDocument(ctx.db, app.document_id) : undefined;
  return {
    app, steps, files, service, doc: doc ? { number: doc.number, code: doc.code, status: doc.status } : undefined, overdue: isOverdue(app, ctx.clock.now()),
    nikMasked: maskNik(openNik(ctx.config.secret, app)),
    answers,
    actions: actionsOf(actor, app),
  };
}

export interface StepInput { id: number; action: OfficerAction; reason: string; seen: State }

export type StepResult = { ok: true; acted: Acted | null } | { ok: false; code: 'layanan.bad_transition' | 'layanan.reason_required' };

/**
 * Take a step the actor's part allows. A double click (the same action by the same officer already
 * taken from the state the form showed) answers as done; another officer's step first is 409.
 */
export async function takeStep(ctx: AppContext, actor: Actor, audit: AuditActor, input: StepInput): Promise<StepResult> {
  if (actor.kind !== 'staff') throw layananError('layanan.not_found');
  const app = await repo.applicationById(ctx.db, input.id);
  if (!app || !mayRead(actor, app)) throw layananError('layanan.not_found');
  if (app.state !== input.seen) {
    const last = await lastStep(ctx.db, app.id);
    const same = last && last.actor_id === actor.userId && (last.action === input.action || (input.action === 'sign' && last.action === 'issue'));
    return same ? { ok: true, acted: null } : { ok: false, code: 'layanan.bad_transition' };
  }
  if (!actionsOf(actor, app).includes(input.action)) return { ok: false, code: 'layanan.bad_transition' };
  const role = takersOf(actor, app).includes('signer') && ['approve', 'sign'].includes(input.action) ? 'signer' : 'verifier';
  try {
    const acted = await act(ctx, {
      applicationId: app.id, action: input.action, actor: audit, actorId: actor.userId, actorRole: role,
      reason: input.reason,
      ...(input.action === 'sign' ? { issue: issuerFor(ctx, { name: actor.name, actor: audit }) } : {}),
      ...(input.action === 'forward' ? { forwardTo: forwardTarget(app) } : {}),
    });
    return { ok: true, acted };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'layanan.bad_transition') {
      // the same officer's second click that raced the first one through the row lock
      const last = await lastStep(ctx.db, app.id);
      if (last && last.actor_id === actor.userId && (last.action === input.action || (input.action === 'sign' && last.action === 'issue'))) return { ok: true, acted: null };
    }
    if (code === 'layanan.bad_transition' || code === 'layanan.reason_required') return { ok: false, code };
    throw e;
  }
}

