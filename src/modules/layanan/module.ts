// Layanan: the services citizens ask their kelurahan and kecamatan for (the Si Demang letters), as
// data from the region pack: /layanan (catalog), /layanan/{slug} (plain language + the 14 components
// of the service standard, UU 25/2009 Pasal 21), /layanan/{slug}/formulir.pdf (blank form to print),
// /petugas/layanan (unit admins edit deadline, cost, requirements, whether it is offered; audited).
//
// Applications (applications.ts, workflow.ts): the citizen applies online or an officer files at the
// counter; officers verify, approve and sign in /petugas/permohonan; the signed letter is issued through
// platform/documents. 'layanan.application.decided' (events.ts) is published on issue or rejection.
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
import * as queueScale from './migrations/003_queue_scale.ts';
import { layananErrors } from './errors.ts';
import { locales } from './locales.ts';
import { applyLocales, applyTemplates } from './locales-apply.ts';
import { layananRoutes } from './routes.tsx';
import { applyRoutes } from './routes-apply.tsx';
import { trackRoutes } from './routes-track.tsx';
import { layananApi } from './api.ts';
import { allActive, catalog, seedServices } from './service.ts';
import { applicationsApi } from './api-applications.ts';
import { erasePersonalData, exportPersonalData } from './mine.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { catalogExport } from './exports.ts';
import { CATALOG_PATH, serviceHref } from './views/public.tsx';
import { STAFF_PATH } from './views/staff.tsx';
import { TRACK_PATH } from './views/track.tsx';
import { MINE_PATH } from './views/my-applications.tsx';
import './events.ts';
import type { Executor } from '../../platform/db/index.ts';

/** The catalog as other modules see it (consultation's topics): active services, by group and name. */
export interface ServiceTopic { slug: string; name: string; group: string; unitKind: 'kelurahan' | 'kecamatan' | 'opd'; ownerUnitId: number; legalBasis: string }
export async function serviceTopics(db: Executor): Promise<ServiceTopic[]> {
  return (await allActive(db)).map((s) => ({ slug: s.slug, name: s.name, group: s.group, unitKind: s.unitKind, ownerUnitId: s.owner.id, legalBasis: s.standard.legalBasis ?? '' }));
}
import { staffAppRoutes, CLAIM, OWN_LETTER } from './routes-staff-apps.tsx';
import { staffAppLocales } from './locales-staff-apps.ts';
import { templates } from './notices.ts';
import { ensureEscalationJob, ESCALATE_JOB, escalateJob } from './escalation.ts';
import { PROCESS } from './staff-apps.ts';
import { COUNTER } from './counter.ts';
import { QUEUE_PATH } from './views/staff-apps.tsx';
import { layananDemo } from './demo.ts';

// the export opens sealed answers with the installation's secret: the context, once the routes are built
let appCtx: AppContext | undefined;

export const layananModule = defineModule({
  id: 'layanan',
  requires: ['units', 'satisfaction'],
  paths: { public: [CATALOG_PATH, '/api/v1/services', TRACK_PATH], private: [MINE_PATH] },
  migrations: { '001_services': services, '002_applications': applications, '003_queue_scale': queueScale },
  errors: layananErrors,
  exports: {
    [catalogExport.id]: { title: catalogExport.title, description: catalogExport.description, fields: catalogExport.fields, rows: (ctx) => catalogExport.rows(ctx) },
  },
  events: ['layanan.application.decided', 'layanan.service.standard_changed'],
  locales: { id: { ...locales.id, ...staffAppLocales.id, ...applyLocales.id }, en: { ...locales.en, ...staffAppLocales.en, ...applyLocales.en } },
  templates: { ...templates, ...applyTemplates },
  jobs: { [ESCALATE_JOB]: escalateJob },
  // the parts a service names (verifier_role / signer_role); officer and approver take them too (ADR 030)
  roles: {
    layanan_verifier: { label: 'layanan.officer.role.verifier', hint: 'layanan.officer.role.verifier_hint' },
    layanan_signer: { label: 'layanan.officer.role.signer', hint: 'layanan.officer.role.signer_hint' },
  },
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
    // the queue, the application, its steps: staff of the unit where it is (or that received it)
    [PROCESS]: { roles: ['officer', 'approver', 'unit_admin', 'layanan_verifier', 'layanan_signer'] },
    // filing for a walk-in citizen at the counter
    [COUNTER]: { roles: ['officer', 'layanan_verifier'] },
    // a signed-in citizen claims a counter application; downloads the letter of their own application
    [CLAIM]: { citizen: 'any' },
    [OWN_LETTER]: { citizen: 'own' },
  },
  nav: {
    portal: [{ href: CATALOG_PATH, label: 'layanan.nav.portal', order: 15 }, { href: TRACK_PATH, label: 'layanan.nav.track', order: 16 }, { href: MINE_PATH, label: 'layanan.nav.mine', order: 17 }],
    staff: [
      { href: QUEUE_PATH, label: 'layanan.officer.nav', order: 45, action: PROCESS },
      { href: STAFF_PATH, label: 'layanan.nav.staff', order: 50, action: 'layanan.manage' },
    ],
  },
  home: [{ order: 5, title: 'layanan.home.title', body: 'layanan.home.body', href: CATALOG_PATH, offer: 'layanan.home.offer' }],
  // the officer's routes first: their static paths (/akun/permohonan/klaim) before any /:param of the citizen's
  routes: (app, ctx) => {
    appCtx = ctx;
    staffAppRoutes(app, ctx);
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
  // a second kelurahan's officer, to see that each officer reads only their own unit's applications
  demo: layananDemo,
  seed: async (ctx) => { await seedServices(ctx); await ensureEscalationJob(ctx); },
});

// for the submission benchmark (bench/apply.ts) and other modules that file applications
export { submitApplication, type NewApplication, type Submitted } from './applications.ts';
