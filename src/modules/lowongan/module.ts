// Lowongan: job vacancies (/lowongan) with employer, position, place of work and closing date, owned
// by a unit (Disnaker) with a 14-day freshness cadence; drafts and publishing in /petugas/lowongan. A
// vacancy whose closing date has passed (the region's date by ctx.clock) leaves the list, the search
// and the open data by itself, and the menu entry is hidden while no vacancy is open.
//
// Personal data: none (job seekers apply to the employer, not through this site).
import { defineModule } from '../../platform/module.ts';
import { translator } from '../../platform/i18n/index.ts';
import { matchPages } from '../../platform/search/pages.ts';
import * as m001 from './migrations/001_lowongan.ts';
import { locales } from './locales.ts';
import { lowonganRoutes } from './routes.tsx';
import * as service from './service.ts';
import { lowonganContent } from './content.ts';
import { lowonganFreshness } from './freshness.ts';
import { lowonganExport } from './exports.ts';
import { lowonganDemo } from './demo.ts';
import { VACANCY_CHANGED } from './events.ts';
import { countPublishedBetween, unitPath } from './repo.ts';

const { PUBLIC_PATH, STAFF_PATH } = service;

export const lowonganModule = defineModule({
  id: 'lowongan',
  requires: ['units'],
  paths: { public: [PUBLIC_PATH] },
  migrations: { '001_lowongan': m001 },
  locales,
  permissions: {
    'lowongan.view': { public: true },
    // officers and admins of the owning unit or a unit above it; the subject is the owner unit
    'lowongan.edit': { roles: ['officer', 'unit_admin', 'platform_admin'] },
  },
  nav: {
    portal: [{ href: PUBLIC_PATH, label: 'lowongan.nav.portal', order: 62, when: () => lowonganContent.visible() }],
    staff: [{ href: STAFF_PATH, label: 'lowongan.nav.staff', order: 58, action: 'lowongan.edit' }],
  },
  information: [{ order: 62, title: 'lowongan.home.title', body: 'lowongan.home.body', href: PUBLIC_PATH }],
  events: [VACANCY_CHANGED],
  stats: {
    'lowongan.published': {
      label: 'lowongan.stats.published',
      compute: async (ctx, q) => {
        const within = q.unitId === undefined ? undefined : await unitPath(ctx.db, q.unitId);
        if (q.unitId !== undefined && !within) return 0;
        return countPublishedBetween(ctx.db, q.from, q.to, within);
      },
    },
  },
  exports: { 'lowongan.vacancies': lowonganExport },
  freshness: lowonganFreshness,
  routes: (app, ctx) => lowonganRoutes(app, ctx),
  async search(q, ctx, locale) {
    const t = translator(locale);
    const page = matchPages(q, t, [{ title: 'lowongan.public.title', body: 'lowongan.home.body', synonyms: 'lowongan.search.synonyms', href: PUBLIC_PATH }]);
    const items = await service.searchVacancies(ctx, q);
    return [...page, ...items.map((v) => ({ title: `${v.position} – ${v.employer}`, href: service.vacancyHref(v), snippet: v.summary, kind: 'lowongan.search.kind' }))];
  },
  async seed(ctx) {
    await lowonganContent.refresh(ctx);
  },
  // the current vacancies only: a closed one has no page any more
  sitemap: async (ctx) => {
    const rows = await service.currentList(ctx);
    return rows.length ? [{ path: PUBLIC_PATH, lastmod: await service.latestUpdate(ctx) }, ...rows.map((v) => ({ path: service.vacancyHref(v), lastmod: v.updatedAt }))] : [];
  },
  demo: lowonganDemo,
});
