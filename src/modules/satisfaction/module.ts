// Satisfaction: the IKM (Indeks Kepuasan Masyarakat) survey of PermenPANRB 14/2017. It owns the
// invitations and the answers; other modules only tell it, by event, that something was decided
// ('layanan.application.decided' now, complaints later) and read scores back through the two
// exports below. The subject is generic: source module, subject key (a service slug, a complaint
// category), the unit that handled it, and the source's reference id.
//
// Rating page: /penilaian/{id}, for the signed-in citizen who owns the application only. A module
// with its own proof of the respondent (pengaduan's follow link, for reporters without an account)
// shows the same page on its own path through ensureInvitation/answerInvitation below. Chosen over
// a token link: no secret travels in mail, SMS or browser history, the same account sees its own
// invitations, and a walk-in application without an account gets its invitation once it is claimed
// (the invitation is recorded with user_id null). One response per invitation (unique in SQL).
//
// Personal data: which citizen was invited, their scores and comment. Export returns all of it;
// erase keeps the scores (the IKM must not change when someone leaves), drops the comment and the
// link to the user.
import { defineModule } from '../../platform/module.ts';
import type { AppContext } from '../../platform/http/context.ts';
import * as schema001 from './migrations/001_satisfaction.ts';
import { locales, templates } from './locales.ts';
import { satisfactionRoutes } from './routes.tsx';
import * as service from './service.ts';
import { RATE_PATH, rateHref } from './service.ts';
import * as repo from './repo.ts';
import type { Executor } from '../../platform/db/index.ts';
import { periodAggregate } from './stats.ts';
import { perServiceExport } from './exports.ts';
import { STAFF_PATH } from './views/staff.tsx';
import type { IkmResult } from './ikm.ts';

export { IkmBadge } from './views/badge.tsx';
// for a module that authorizes a respondent by its own link (pengaduan's follow link): the invitation,
// the answer (one per invitation) and the same rating page
export { ensureInvitation, answer as answerInvitation, type Invitation } from './service.ts';
export { RatingForm } from './schema.ts';
export { RatePage, RatedPage } from './views/rate.tsx';
export type { IkmResult } from './ikm.ts';

/**
 * The IKM of one subject (e.g. `{ source: 'layanan', subject: slug }`), optionally of one unit subtree
 * (`unitPath`) and period; null when nobody has answered yet. Show it with `respondents`.
 */
export function satisfactionScore(ctx: AppContext, q: { source: string; subject?: string; unitPath?: string; from?: Date; to?: Date }): Promise<IkmResult | null> {
  return service.score(ctx.db, q);
}

/**
 * The invitation to rate one reference of a source (layanan: the application id), for the page where
 * its owner sees it: the link to the rating page and whether it was answered; undefined before the
 * decision's event has been handled.
 */
export async function invitationFor(ctx: AppContext, source: string, referenceId: string): Promise<{ href: string; answered: boolean; userId: number | null } | undefined> {
  const inv = await repo.invitationByReference(ctx.db, source, referenceId);
  return inv ? { href: rateHref(inv.id), answered: inv.response_id !== null, userId: inv.user_id } : undefined;
}

/**
 * A reference decided before it had an account (a walk-in's counter application) was claimed into one:
 * its invitation, recorded without an account, becomes that account's. In the caller's transaction.
 */
export function adoptInvitation(tx: Executor, source: string, referenceId: string, userId: number): Promise<boolean> {
  return repo.adoptInvitation(tx, source, referenceId, userId);
}

export const satisfactionModule = defineModule({
  id: 'satisfaction',
  requires: ['units'],
  paths: { private: [RATE_PATH] },
  migrations: { '001_satisfaction': schema001 },
  locales,
  templates,
  permissions: {
    // the citizen the invitation is for
    'satisfaction.respond': { citizen: 'own' },
    // results of the units in the officer's scope
    'satisfaction.view_results': { roles: ['officer', 'unit_admin', 'platform_admin'] },
  },
  nav: { staff: [{ href: STAFF_PATH, label: 'satisfaction.nav.staff', order: 70, action: 'satisfaction.view_results' }] },
  on: {
    'layanan.application.decided': async (p, ctx, event) => {
      await service.invite(ctx, {
        source: 'layanan', subject: p.serviceSlug, unitId: p.unitId, referenceId: String(p.applicationId),
        referenceLabel: p.trackingNumber, userId: p.userId, eventId: event.id,
      });
    },
    // a complaint's reporter said "Sudah selesai?" yes: rate how it was handled (subject: the category)
    'pengaduan.complaint.confirmed': async (p, ctx, event) => {
      await service.invite(ctx, {
        source: 'pengaduan', subject: p.categoryCode, unitId: p.unitId, referenceId: String(p.id), referenceLabel: p.publicId, userId: p.userId, eventId: event.id,
      });
    },
  },
  stats: {
    'satisfaction.respondents': { label: 'satisfaction.stats.respondents', compute: async (ctx, q) => (await periodAggregate(ctx, q))?.respondents ?? 0 },
    'satisfaction.ikm': { label: 'satisfaction.stats.ikm', compute: async (ctx, q) => (await periodAggregate(ctx, q))?.result?.ikm ?? 0 },
  },
  exports: { 'satisfaction.per_service': perServiceExport },
  personalData: {
    export: async (tx, userId) => ({ invitations: await service.exportUser(tx, userId) }),
    erase: (tx, userId) => service.eraseUser(tx, userId),
  },
  routes: satisfactionRoutes,
});
