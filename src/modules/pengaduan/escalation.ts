// Escalation of late complaints (the issue's "late items are flagged and escalate to the unit head
// and then the platform admin"). An hourly job looks for complaints past their verify or follow-up
// deadline: level 1 emails the head of the handling unit (its approvers and unit admins, or the
// nearest unit above with any), level 2 — PENGADUAN_ESCALATE_ADMIN_DAYS working days after the
// deadline — the platform admins. The level is stored on the complaint and raised in the same
// transaction as the notices, so each item gets one notice per level however often the job runs;
// a disposition, a verification or a reopening starts a new deadline and sets the level back to 0.
import { z } from 'zod';
import { recordAudit, systemActor } from '../../platform/audit/audit.ts';
import { settingsOf } from '../../platform/config.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import { enqueue, type JobHandler } from '../../platform/jobs/queue.ts';
import { sendMessage } from '../../platform/notify/notify.ts';
import * as repo from './repo.ts';
import { isOverdue } from './workflow.ts';

export const ESCALATE_JOB = 'pengaduan.escalate';
const HOUR_MS = 3600_000;

export const escalationSettings = {
  PENGADUAN_ESCALATE_ADMIN_DAYS: {
    default: '2',
    description: 'Working days after a missed complaint deadline (first notice to the unit head) before the platform admins are told too (1–30).',
    schema: z.coerce.number().int().min(1).max(30).default(2),
  },
};

export const escalationTemplates = {
  'pengaduan.escalation_head': {
    id: { subject: 'Pengaduan {publicId} melewati batas waktu', body: 'Pengaduan {publicId} di {unit} melewati batas waktu {due} ({stage}). Mohon segera ditangani.\n\n{url}' },
    en: { subject: 'Complaint {publicId} is past its deadline', body: 'Complaint {publicId} at {unit} is past its deadline of {due} ({stage}). Please have it handled now.\n\n{url}' },
  },
  'pengaduan.escalation_admin': {
    id: { subject: 'Pengaduan {publicId} masih terlambat', body: 'Pengaduan {publicId} di {unit} masih belum ditangani sejak batas waktu {due} ({stage}); pimpinan unit sudah diberi tahu.\n\n{url}' },
    en: { subject: 'Complaint {publicId} is still late', body: 'Complaint {publicId} at {unit} is still not handled since its deadline of {due} ({stage}); the unit head was told.\n\n{url}' },
  },
};

const STAGE = { verify: { id: 'verifikasi', en: 'verification' }, follow_up: { id: 'tindak lanjut', en: 'follow-up' } } as const;

/** Send every notice now due; returns how many notices (levels) were raised. */
export async function escalateDue(ctx: AppContext): Promise<number> {
  const { PENGADUAN_ESCALATE_ADMIN_DAYS: adminDays } = settingsOf(ctx.config, escalationSettings);
  const now = ctx.clock.now();
  let raised = 0;
  for (const item of await repo.overdueForEscalation(ctx.db, now, 2)) {
    const verifying = item.state === 'received' || item.state === 'reopened';
    const due = (verifying ? item.verifyDueAt : item.followUpDueAt)!;
    // the calendar reads through ctx.db: before the transaction
    const adminAt = await ctx.calendar.addWorkingDays(due, adminDays);
    const target = now >= adminAt ? 2 : 1;
    if (item.escalationLevel >= target) continue;
    raised += await ctx.db.transaction().execute(async (tx) => {
      const c = await repo.complaintById(tx, item.id, { forUpdate: true });
      if (!c || !isOverdue(c, now) || c.escalationLevel >= target) return 0;
      let n = 0;
      for (let level = c.escalationLevel + 1; level <= target; level++) {
        if (!(await repo.raiseEscalation(tx, c.id, level - 1, level))) return n;
        const to = level === 1 ? await repo.unitHeads(tx, c.routedUnit.path) : await repo.platformAdmins(tx);
        for (const r of to) {
          await sendMessage(tx, {
            channel: 'email', to: r.email, template: level === 1 ? 'pengaduan.escalation_head' : 'pengaduan.escalation_admin', locale: r.locale,
            params: {
              publicId: c.publicId, unit: c.routedUnit.name, due: formatDateTime(r.locale, due), stage: STAGE[verifying ? 'verify' : 'follow_up'][r.locale],
              url: new URL(`/petugas/pengaduan/${c.id}`, ctx.config.baseUrl).toString(),
            },
          });
        }
        await recordAudit(tx, systemActor('pengaduan.escalate'), {
          action: 'pengaduan.complaint.escalate', subjectType: 'pengaduan_complaint', subjectId: c.id, unitId: c.routedUnit.id,
          before: { escalationLevel: level - 1 }, after: { escalationLevel: level, notified: to.length },
        });
        n++;
      }
      return n;
    });
  }
  return raised;
}

export const escalateJob: JobHandler = async (_payload, ctx) => {
  await escalateDue(ctx);
  await enqueue(ctx.db, ESCALATE_JOB, {}, { runAt: new Date(Date.now() + HOUR_MS) });
};

/** The seed's part: one pending escalation job at all times. */
export async function ensureEscalateJob(ctx: AppContext): Promise<void> {
  const pending = await ctx.db.selectFrom('jobs').select('id').where('name', '=', ESCALATE_JOB)
    .where('done_at', 'is', null).where('failed_at', 'is', null).executeTakeFirst();
  if (!pending) await enqueue(ctx.db, ESCALATE_JOB, {}, { runAt: new Date(Date.now() + HOUR_MS) });
}
