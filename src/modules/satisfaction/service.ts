// Use cases: invite (from another module's event), answer (one response per invitation), scores.
import type { Executor } from '../../platform/db/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { sendMessage } from '../../platform/notify/notify.ts';
import { ikmFromAverages, type IkmResult, type Scores } from './ikm.ts';
import * as repo from './repo.ts';
import type { NewInvitation } from './repo.ts';

export const RATE_PATH = '/penilaian';
export const rateHref = (invitationId: number) => `${RATE_PATH}/${invitationId}`;

/**
 * Create the invitation (idempotent: one per source + reference, whatever the number of deliveries)
 * and, the first time only, notify the citizen when they have an account with a verified contact.
 */
export async function invite(ctx: AppContext, i: NewInvitation): Promise<number | null> {
  return ctx.db.transaction().execute(async (tx) => {
    const id = await repo.insertInvitation(tx, i);
    if (id === null || i.userId === null) return id;
    const u = await repo.userContact(tx, i.userId);
    const to = u?.email && u.email_verified_at ? { channel: 'email' as const, to: u.email } : u?.phone && u.phone_verified_at ? { channel: 'sms' as const, to: u.phone } : null;
    if (u && to)
      await sendMessage(tx, { ...to, template: i.source === 'pengaduan' ? 'satisfaction.invite_complaint' : 'satisfaction.invite', locale: u.locale, params: { reference: i.referenceLabel, link: `${ctx.config.baseUrl}${rateHref(id)}` } });
    return id;
  });
}

export const findInvitation = repo.findInvitation;

/**
 * The invitation of a source reference, created now if the source's event has not been handled yet
 * (same row, same notice as invite()): for a module whose own link proves the respondent, e.g. a
 * complaint's follow link for a reporter without an account.
 */
export async function ensureInvitation(ctx: AppContext, i: NewInvitation): Promise<Invitation> {
  const seen = await repo.invitationByReference(ctx.db, i.source, i.referenceId);
  if (seen) return seen;
  await invite(ctx, i);
  return (await repo.invitationByReference(ctx.db, i.source, i.referenceId))!;
}
export type Invitation = NonNullable<Awaited<ReturnType<typeof repo.findInvitation>>>;

/** Store the answer; false when this invitation was answered already. */
export async function answer(db: Executor, inv: Invitation, scores: Scores, comment: string): Promise<boolean> {
  return repo.insertResponse(db, inv, scores, comment.trim() || null);
}

export interface ScoreQuery { source: string; subject?: string; unitPath?: string; from?: Date; to?: Date }

export async function score(db: Executor, q: ScoreQuery): Promise<IkmResult | null> {
  const a = await repo.aggregate(db, q);
  return ikmFromAverages(a.averages, a.respondents);
}

export async function staffReport(db: Executor, scope: string[] | null) {
  const [subjects, units] = await Promise.all([repo.perSubject(db, scope), repo.unitsWithResponses(db, scope)]);
  const perUnit = await Promise.all(units.map(async (u) => ({ unit: u, result: ikmFromAverages(...aggArgs(await repo.aggregate(db, { unitPath: u.path }))) })));
  return {
    subjects: subjects.map((s) => ({ source: s.source, subject: s.subject, result: ikmFromAverages(s.averages, s.respondents) })),
    units: perUnit,
  };
}
const aggArgs = (a: repo.Aggregate): [Scores, number] => [a.averages, a.respondents];

export async function exportUser(db: Executor, userId: number) {
  const rows = await repo.invitationsOfUser(db, userId);
  return rows.map((r) => ({
    source: r.source, subject: r.subject, reference: r.reference_label, invitedAt: r.created_at,
    response: r.response_id ? { answeredAt: r.answered_at, comment: r.comment, scores: { u1: r.u1, u2: r.u2, u3: r.u3, u4: r.u4, u5: r.u5, u6: r.u6, u7: r.u7, u8: r.u8, u9: r.u9 } } : null,
  }));
}

export const eraseUser = repo.eraseUser;
