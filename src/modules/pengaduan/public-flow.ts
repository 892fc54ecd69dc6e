// The reporter's and the public's side of complaints, without HTTP: the follow link's secret token,
// who may see a complaint's reporter page, "Sudah selesai?" (yes closes, no reopens with the reason),
// the form's options and the per-unit figures of the public list. Pages read complaints only through
// public.ts (publicComplaint/publicList) or, for the reporter, through reporterView() here.
import type { Actor } from '../../platform/access/can.ts';
import type { AuditActor } from '../../platform/audit/audit.ts';
import { hmac, safeEqual } from '../../platform/crypto.ts';
import type { Executor } from '../../platform/db/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import * as repo from './repo.ts';
import type { ComplaintRow } from './repo.ts';
import { publicOfRow, type PublicComplaint } from './public.ts';
import { mayHandle, mayValidate, takeStep } from './workflow.ts';
import { unitFigures, type UnitFigures } from './stats.ts';
import { followComplaint } from './similar.ts';
import { ensureInvitation, type Invitation } from '../satisfaction/module.ts';

const PURPOSE = 'pengaduan.follow';

/**
 * The follow link's secret (ADR 023): a keyed hash of the complaint, so nothing extra is stored and
 * no contact data travels in the link. Whoever holds it sees the reporter's page and answers
 * "Sudah selesai?".
 */
export function followToken(secret: string, c: Pick<ComplaintRow, 'id' | 'publicId'>): string {
  return hmac(secret, PURPOSE, `${c.id}:${c.publicId}`).slice(0, 32);
}

export const followHref = (publicId: string, token: string) => `/pengaduan/lacak/${publicId}/${token}`;

export interface ReporterView { complaint: PublicComplaint; row: ComplaintRow; token: string }

/** The complaint for the holder of its follow token (rahasia included); undefined when the token is wrong. */
export async function byFollowToken(ctx: AppContext, publicId: string, token: string): Promise<ReporterView | undefined> {
  const row = await repo.complaintByPublicId(ctx.db, publicId);
  if (!row || !safeEqual(followToken(ctx.config.secret, row), token)) return undefined;
  return { row, token, complaint: await publicOfRow(ctx.db, row) };
}

/** Whether this actor is the complaint's signed-in reporter. */
export const isOwner = (actor: Actor, row: Pick<ComplaintRow, 'reporterUserId'>) =>
  actor.kind === 'citizen' && row.reporterUserId !== null && row.reporterUserId === actor.userId;

/**
 * The public page of a complaint: anyone for a public one; a rahasia one only for its signed-in
 * reporter and the staff handling or validating it (everyone else: undefined, i.e. 404).
 */
export async function pageView(ctx: AppContext, actor: Actor, publicId: string): Promise<{ complaint: PublicComplaint; row: ComplaintRow } | undefined> {
  const row = await repo.complaintByPublicId(ctx.db, publicId);
  if (!row) return undefined;
  if (row.rahasia && !(isOwner(actor, row) || mayHandle(actor, row) || mayValidate(actor, row))) return undefined;
  return { row, complaint: await publicOfRow(ctx.db, row) };
}

export type Answer = { done: true } | { done: false; reason: string };

/** "Sudah selesai?": yes closes it (the satisfaction module then invites the reporter), no reopens it with the reason. */
export async function answerResolved(ctx: AppContext, row: ComplaintRow, answer: Answer, by: { actor: Actor; audit: AuditActor; tokenHolder: boolean }) {
  const step = answer.done ? { kind: 'confirm' as const } : { kind: 'reopen' as const, note: answer.reason };
  return takeStep(ctx, row.id, step, { actor: by.actor, audit: by.audit, reporterProven: by.tokenHolder });
}

/** Whether the reporter has said "Sudah selesai?" yes (the rating is open from then on). */
export const confirmedByReporter = (v: { complaint: PublicComplaint }) => v.complaint.timeline.some((u) => u.kind === 'confirmed');

/**
 * The satisfaction invitation of a confirmed complaint for the holder of its follow link (a reporter
 * without an account rates through the link; one rating per complaint); undefined before "yes".
 */
export async function ratingFor(ctx: AppContext, v: ReporterView): Promise<Invitation | undefined> {
  if (!confirmedByReporter(v)) return undefined;
  return ensureInvitation(ctx, {
    source: 'pengaduan', subject: v.row.categoryCode, unitId: v.row.routedUnit.id, referenceId: String(v.row.id), referenceLabel: v.row.publicId,
    userId: v.row.reporterUserId, eventId: null,
  });
}

export interface FormOptions {
  categories: { code: string; name: string; description: string }[];
  kecamatan: { id: number; code: string; name: string; kelurahan: { id: number; name: string }[] }[];
}

export async function formOptions(db: Executor, locale: string): Promise<FormOptions> {
  const [cats, areas] = await Promise.all([repo.categories(db), repo.areas(db)]);
  const kec = areas.filter((a) => a.kind === 'kecamatan');
  return {
    categories: cats.map((c) => ({ code: c.code, name: locale === 'en' ? c.name.en : c.name.id, description: locale === 'en' ? c.description.en : c.description.id })),
    kecamatan: kec.map((k) => ({
      id: k.id, code: k.code, name: k.name,
      kelurahan: areas.filter((a) => a.parentId === k.id && (a.kind === 'kelurahan' || a.kind === 'desa')).map((a) => ({ id: a.id, name: a.name })),
    })),
  };
}

/** The per-unit figures of the public list, over the complaints filed in [from, to). */
export function publicFigures(ctx: AppContext, from: Date, to: Date): Promise<UnitFigures[]> {
  return unitFigures(ctx, { from, to });
}

/** "+1 ikuti": the signed-in citizen, or a contact (kept only as a keyed hash), follows an open report. */
export function followerKey(secret: string, contact: string): string {
  return hmac(secret, 'pengaduan.follower', contact.trim().toLowerCase());
}

/** Whether a photo may be shown in public: a report photo or one of a public update, never one of a rahasia complaint. */
export async function isPublicPhoto(db: Executor, fileId: string): Promise<boolean> {
  const p = await repo.photoPrivacy(db, fileId);
  return !!p && !p.rahasia && (p.updateId === null || p.updatePublic === true);
}

/** "+1 ikuti" on a public report by tracking id; undefined when there is no such public report, else whether it was counted. */
export async function followPublic(ctx: AppContext, publicId: string, who: { userId?: number; contact?: string }): Promise<boolean | undefined> {
  const row = await repo.complaintByPublicId(ctx.db, publicId);
  if (!row || row.rahasia) return undefined;
  return followComplaint(ctx.db, row.id, who.userId !== undefined ? { userId: who.userId } : { contactHash: followerKey(ctx.config.secret, who.contact ?? '') });
}
