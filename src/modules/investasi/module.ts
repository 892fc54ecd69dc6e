// Investasi: investment opportunities (/investasi) by sector and kecamatan, with value (Rp), stage
// and contact, owned by a unit (DPMPTSP in the packs) with a quarterly freshness cadence; drafts and
// publishing in /petugas/investasi; an inquiry form (/investasi/minat/{slug}) whose messages reach
// the owner unit's queue (/petugas/investasi/minat) and its officers by email (platform notify).
//
// Personal data: an inquiry's name, email, phone, organisation and message. A signed-in sender's
// inquiries are exported at /akun/data and deleted by /akun/hapus; anonymous ones are tied to nobody.
import { defineModule } from '../../platform/module.ts';
import { translator } from '../../platform/i18n/index.ts';
import { matchPages } from '../../platform/search/pages.ts';
import * as m001 from './migrations/001_investasi.ts';
import { locales } from './locales.ts';
import { investasiRoutes } from './routes.tsx';
import * as service from './service.ts';
import { investasiContent } from './content.ts';
import { investasiFreshness } from './freshness.ts';
import { investasiExport } from './exports.ts';
import { seedInvestasi } from './seed.ts';
import { INQUIRY_RECEIVED, OPPORTUNITY_CHANGED } from './events.ts';

const { PUBLIC_PATH, STAFF_PATH } = service;

export const investasiModule = defineModule({
  id: 'investasi',
  requires: ['units'],
  paths: { public: [PUBLIC_PATH] },
  migrations: { '001_investasi': m001 },
  locales,
  permissions: {
    'investasi.view': { public: true },
    'investasi.inquire': { public: true },
    // officers and admins of the owning unit or a unit above it; the subject is the owner unit
    'investasi.edit': { roles: ['officer', 'unit_admin', 'platform_admin'] },
    'investasi.inquiries': { roles: ['officer', 'unit_admin', 'platform_admin'] },
  },
  nav: {
    portal: [{ href: PUBLIC_PATH, label: 'investasi.nav.portal', order: 60, when: () => investasiContent.visible() }],
    staff: [{ href: STAFF_PATH, label: 'investasi.nav.staff', order: 57, action: 'investasi.edit' }],
  },
  information: [{ order: 60, title: 'investasi.home.title', body: 'investasi.home.body', href: PUBLIC_PATH }],
  events: [OPPORTUNITY_CHANGED, INQUIRY_RECEIVED],
  templates: {
    'investasi.inquiry': {
      id: { subject: 'Minat investasi baru: {title}', body: 'Ada minat investasi baru untuk "{title}". Baca dan tanggapi di:\n\n{url}' },
      en: { subject: 'New investment inquiry: {title}', body: 'There is a new investment inquiry about "{title}". Read and answer it at:\n\n{url}' },
    },
  },
  stats: {
    'investasi.inquiries': {
      label: 'investasi.stats.inquiries',
      compute: async (ctx, q) => {
        const within = q.unitId === undefined ? undefined : await service.unitPath(ctx.db, q.unitId);
        if (q.unitId !== undefined && !within) return 0;
        return service.countInquiriesBetween(ctx.db, q.from, q.to, within);
      },
    },
  },
  exports: { 'investasi.opportunities': investasiExport },
  freshness: investasiFreshness,
  personalData: { export: service.exportPersonalData, erase: service.erasePersonalData },
  routes: (app, ctx) => investasiRoutes(app, ctx),
  async search(q, ctx, locale) {
    const t = translator(locale);
    const page = matchPages(q, t, [{ title: 'investasi.public.title', body: 'investasi.home.body', synonyms: 'investasi.search.synonyms', href: PUBLIC_PATH }]);
    const items = await service.searchOpportunities(ctx, q);
    return [...page, ...items.map((o) => ({ title: o.title, href: service.opportunityHref(o), snippet: o.summary, kind: 'investasi.search.kind' }))];
  },
  // the list and every published opportunity (not the inquiry forms)
  sitemap: async (ctx) => [
    { path: PUBLIC_PATH, lastmod: await service.latestUpdate(ctx) },
    ...(await service.publicList(ctx, {})).map((o) => ({ path: service.opportunityHref(o), lastmod: o.updatedAt })),
  ],
  seed: seedInvestasi,
});
