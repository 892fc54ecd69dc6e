// The citizen's own applications: the list, one application opened for its owner (answers, files,
// timeline), the correction of a returned one (→ act 'resubmit'), and the citizen's personal data
// (export; erase keeps the unit's register but cuts the account link and deletes drafts).
import { recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { FieldErrors } from '../../platform/http/input.ts';
import { deleteFiles, removeObjects, saveFiles, type Upload } from '../../platform/files/index.ts';
import * as repo from './applications-repo.ts';
import { filesOfUser } from './apply-repo.ts';
import { validatePage } from './apply.ts';
import { act, openAnswers, type Answers, type ApplicationRecord } from './applications.ts';
import type { ServiceField } from './schema.ts';
import { findService } from './service.ts';
import { timeline } from './track.ts';
import { findDocument } from '../../platform/documents/index.ts';
import { adoptInvitation, invitationFor } from '../satisfaction/module.ts';

export const byTracking = (ctx: AppContext, tracking: string) => repo.applicationByTracking(ctx.db, tracking);
export const listOf = (ctx: AppContext, userId: number) => repo.applicationsOfUser(ctx.db, userId);

/**
 * One application for its owner: answers opened, files, timeline, the letter's verification code once
 * issued, and the invitation to rate the service once decided (satisfaction, after its event).
 */
export async function detail(ctx: AppContext, app: ApplicationRecord) {
  const [service, steps, files, doc, invitation] = await Promise.all([
    findService(ctx.db, app.service_slug), timeline(ctx, app.id), repo.filesOf(ctx.db, { applicationId: app.id }),
    app.document_id ? findDocument(ctx.db, app.document_id) : undefined,
    invitationFor(ctx, 'layanan', String(app.id)),
  ]);
  // a counter application decided before it was claimed was invited without an account (the claim
  // adopts it; this covers the event handled after the claim): only the owner's invitation is linked
  const owner = app.user_id === null ? null : Number(app.user_id);
  if (invitation && invitation.userId === null && owner !== null && (await adoptInvitation(ctx.db, 'layanan', String(app.id), owner))) invitation.userId = owner;
  const rating = invitation && owner !== null && invitation.userId === owner ? { href: invitation.href, answered: invitation.answered } : undefined;
  return { app, service, answers: openAnswers(ctx.config.secret, app.answers_sealed), steps, files, doc: doc ? { code: doc.code, status: doc.status } : undefined, rating };
}

/** Check the corrected answers with the same rules as the form. */
export function checkFix(fields: ServiceField[], values: Record<string, string>, now: Date): { answers: Answers; errors: FieldErrors } {
  return validatePage({ title: '-', fields }, values, { profile: { name: '' }, hasFile: () => true, uploaded: new Set(), now });
}

/**
 * The returned application goes back to the officers with the corrected answers and, for each file
 * field given a new file, that file in place of the old one (the old file is deleted), all in the
 * step's transaction; the stored objects of the old files are removed once it has committed.
 */
export async function resubmit(ctx: AppContext, app: ApplicationRecord, answers: Answers, actor: AuditActor, uploads: Upload[] = []): Promise<void> {
  const gone: string[] = [];
  await act(ctx, {
    applicationId: app.id, action: 'resubmit', actor, actorId: null, actorRole: null, answers,
    within: async (tx) => {
      for (const u of uploads) {
        gone.push(...(await deleteFiles(tx, await repo.unlinkApplicationField(tx, app.id, u.field))));
        const [saved] = await saveFiles(ctx, tx, [u], { uploadedBy: app.user_id === null ? null : Number(app.user_id) });
        await repo.attachToApplication(tx, app.id, u.field, saved.id);
      }
      if (uploads.length) {
        await recordAudit(tx, actor, { action: 'layanan.application.files_replaced', subjectType: 'layanan_application', subjectId: app.tracking_number, unitId: app.current_unit_id, after: { fields: uploads.map((u) => u.field) } });
      }
    },
  });
  await removeObjects(ctx, gone);
}

/** /akun/data: every application of the citizen with its answers and timeline, and their drafts (no PIN hash, no NIK hash). */
export async function exportPersonalData(ctx: AppContext, tx: Executor, userId: number): Promise<Record<string, unknown>> {
  const apps = await repo.applicationsOfUser(tx, userId, { limit: 10_000 });
  const out = [];
  for (const a of apps) {
    out.push({
      trackingNumber: a.tracking_number, service: a.service_name, unit: a.unit_name, state: a.state, channel: a.channel,
      submittedAt: a.submitted_at.toISOString(), decidedAt: a.decided_at?.toISOString() ?? null, applicantName: a.applicant_name,
      answers: openAnswers(ctx.config.secret, a.answers_sealed),
      files: (await repo.filesOf(tx, { applicationId: a.id })).map((f) => ({ field: f.field, name: f.name, type: f.type, size: f.size })),
      timeline: (await repo.stepsOf(tx, a.id)).map((s) => ({ step: s.to_state, at: s.at.toISOString(), unit: s.unit_name, note: s.note })),
    });
  }
  const drafts = await tx.selectFrom('layanan_drafts as d').innerJoin('layanan_services as s', 's.id', 'd.service_id')
    .select(['s.name', 'd.answers_sealed', 'd.updated_at']).where('d.user_id', '=', userId).execute();
  return {
    applications: out,
    drafts: drafts.map((d) => ({ service: d.name, answers: openAnswers(ctx.config.secret, d.answers_sealed), updatedAt: d.updated_at.toISOString() })),
  };
}

/** /akun/hapus: the drafts and their files go; the applications stay in the unit's register without the account link. */
export async function erasePersonalData(tx: Executor, userId: number): Promise<void> {
  // the draft's file links first: deleting the drafts would leave links that belong to nothing
  const draftFiles = (await filesOfUser(tx, userId)).filter((f) => f.draft_id !== null).map((f) => f.file_id);
  if (draftFiles.length) await tx.deleteFrom('layanan_files').where('file_id', 'in', draftFiles).execute();
  await deleteFiles(tx, draftFiles);
  await repo.eraseUser(tx, userId);
}
