// Layanan: the services citizens ask their kelurahan and kecamatan for (the Si Demang letters), as
// data from the region pack: /layanan (catalog), /layanan/{slug} (plain language + the 14 components
// of the service standard, UU 25/2009 Pasal 21), /layanan/{slug}/formulir.pdf (blank form to print),
// /petugas/layanan (unit admins edit deadline, cost, requirements, whether it is offered; audited).
//
// Citizens apply at /layanan/{slug}/ajukan (routes-apply.tsx), track at /lacak and see their own at
// /akun/permohonan (routes-track.tsx), also as JSON (api-applications.ts).
//
// Personal data: applications, drafts and their files (mine.ts exports them; erase deletes drafts and
// keeps the unit's register without the account link). The 'layanan.application.decided' event is
// declared (events.ts) for its subscribers (satisfaction).
import { defineModule } from '../../platform/module.ts';
import { translator } from '../../platform/i18n/index.ts';
import { matchPages } from '../../platform/search/pages.ts';
import * as services from './migrations/001_services.ts';
import * as applications from './migrations/002_applications.ts';
import { layananErrors } from './errors.ts';
import { locales } from './locales.ts';
import { applyLocales, applyTemplates } from './locales-apply.ts';
import { layananRoutes } from './routes.tsx';
import { applyRoutes } from './routes-apply.tsx';
import { trackRoutes } from './routes-track.tsx';
import { layananApi } from './api.ts';
import { applicationsApi } from './api-applications.ts';
import { erasePersonalData, exportPersonalData } from './mine.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { catalog, seedServices } from './service.ts';
import { catalogExport } from './exports.ts';
import { CATALOG_PATH, serviceHref } from './views/public.tsx';
import { STAFF_PATH } from './views/staff.tsx';
import { TRACK_PATH } from './views/track.tsx';
import { MINE_PATH } from './views/my-applications.tsx';
import './events.ts';

// the export opens sealed answers with the installation's secret: the context, once the routes are built
let appCtx: AppContext | undefined;

export const layananModule = defineModule({
  id: 'layanan',
  requires: ['units', 'satisfaction'],
  paths: { public: [CATALOG_PATH, '/api/v1/services', TRACK_PATH], private: [MINE_PATH] },
  migrations: { '001_services': services, '002_applications': applications },
  errors: layananErrors,
  exports: {
    [catalogExport.id]: { title: catalogExport.title, description: catalogExport.description, fields: catalogExport.fields, rows: (ctx) => catalogExport.rows(ctx) },
  },
  events: ['layanan.application.decided'],
  locales: { id: { ...locales.id, ...applyLocales.id }, en: { ...locales.en, ...applyLocales.en } },
  templates: applyTemplates,
  // attachments of an application: photos or PDFs, type by content, metadata stripped (platform/files)
  files: { attachment: { maxBytes: 5 * 1024 * 1024, maxCount: 6, accept: ['image', 'pdf'] } },
  personalData: {
    export: (tx, userId) => exportPersonalData(appCtx!, tx, userId),
    erase: erasePersonalData,
  },
  permissions: {
    // applying and one's own applications: signed-in citizens
    'layanan.apply': { citizen: 'any' },
    'layanan.mine': { citizen: 'any' },
    'layanan.own': { citizen: 'own' },
    // an attachment: its owner (the officers' access is added with the staff side)
    'layanan.file': { citizen: 'own' },
    // /lacak: anyone with the number and PIN
    'layanan.track': { public: true },
    'layanan.view': { public: true },
    // admins of the unit that owns a service definition (the city for the shared letters)
    'layanan.manage': { roles: ['unit_admin', 'platform_admin'] },
    'layanan.manage_all': { roles: ['platform_admin'], anyUnit: true },
  },
  nav: {
    portal: [{ href: CATALOG_PATH, label: 'layanan.nav.portal', order: 15 }, { href: TRACK_PATH, label: 'layanan.nav.track', order: 16 }, { href: MINE_PATH, label: 'layanan.nav.mine', order: 17 }],
    staff: [{ href: STAFF_PATH, label: 'layanan.nav.staff', order: 50, action: 'layanan.manage' }],
  },
  home: [{ order: 5, title: 'layanan.home.title', body: 'layanan.home.body', href: CATALOG_PATH, offer: 'layanan.home.offer' }],
  routes: (app, ctx) => {
    appCtx = ctx;
    layananRoutes(app, ctx);
    applyRoutes(app, ctx);
    trackRoutes(app, ctx);
  },
  api: (api, ctx) => {
    layananApi(api, ctx);
    applicationsApi(api, ctx);
  },
  async search(q, ctx, locale) {
    const t = translator(locale);
    const page = matchPages(q, t, [{ title: 'layanan.catalog.title', body: 'layanan.home.body', synonyms: 'layanan.search.synonyms', href: CATALOG_PATH }]);
    const term = q.trim();
    if (term.length < 2) return page;
    const groups = await catalog(ctx.db, { q: term, unit: '' });
    return [...page, ...groups.flatMap((g) => g.services.map((s) => ({ title: s.name, href: serviceHref(s.slug), kind: 'layanan.search.kind', snippet: s.summary })))];
  },
  seed: async (ctx) => { await seedServices(ctx); },
});
