// The escalation job: an open application past its deadline is told, once, to the heads of the unit
// where it now is (its approvers, its unit admins and holders of the service's signer role), by email.
// `escalated_at` records that it was told; the queue flags it as overdue whether or not anyone heard.
// The job runs every hour and queues its next run; the seed queues the first when none is pending.
import type { AppContext } from '../../platform/http/context.ts';
import { formatDate } from '../../platform/i18n/index.ts';
import { enqueue, type JobHandler } from '../../platform/jobs/queue.ts';
import { sendMessage } from '../../platform/notify/notify.ts';
import { applicationById, overdueUnescalated } from './applications-repo.ts';
import { ESCALATION_TEMPLATE } from './notices.ts';
import { markEscalated, unitHeads } from './staff-apps-repo.ts';
import { QUEUE_PATH } from './views/staff-apps.tsx';

export const ESCALATE_JOB = 'layanan.escalate';
const HOUR_MS = 3600_000;

/** Escalate every overdue, not yet escalated application; returns how many were marked. */
export async function escalateOverdue(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const region = await ctx.region();
  let marked = 0;
  for (const due of await overdueUnescalated(ctx.db, now)) {
    const app = await applicationById(ctx.db, due.id);
    if (!app) continue;
    const heads = await unitHeads(ctx.db, app.current_unit_id, ['approver', 'unit_admin', app.signer_role]);
    const done = await ctx.db.transaction().execute(async (tx) => {
      if (!(await markEscalated(tx, app.id, now))) return false;
      for (const h of heads) {
        const locale = h.locale === 'en' ? 'en' : 'id';
        await sendMessage(tx, {
          channel: 'email', to: h.email!, template: ESCALATION_TEMPLATE, locale,
          params: {
            tracking: app.tracking_number, service: app.service_name, unit: app.current_unit_name,
            due: formatDate(locale, app.due_at, region.timeZone), url: `${ctx.config.baseUrl}${QUEUE_PATH}/${app.id}`,
          },
        });
      }
      return true;
    });
    if (done) marked++;
  }
  return marked;
}

export const escalateJob: JobHandler = async (_payload, ctx) => {
  await escalateOverdue(ctx);
  await enqueue(ctx.db, ESCALATE_JOB, {}, { runAt: new Date(Date.now() + HOUR_MS) });
};

/** The seed's part: one pending escalation job at all times. */
export async function ensureEscalationJob(ctx: AppContext): Promise<void> {
  const pending = await ctx.db.selectFrom('jobs').select('id').where('name', '=', ESCALATE_JOB)
    .where('done_at', 'is', null).where('failed_at', 'is', null).executeTakeFirst();
  if (!pending) await enqueue(ctx.db, ESCALATE_JOB, {}, { runAt: new Date(Date.now() + HOUR_MS) });
}
