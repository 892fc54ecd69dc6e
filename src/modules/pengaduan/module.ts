// Pengaduan: complaints from every door (the web form, operators for call center/counter/SMS/WA/
// social media, a gateway webhook, Open311) into one queue per unit, routed by rule
// (category × kecamatan/kelurahan → OPD or kelurahan), answered on deadlines in working days,
// validated by a supervising unit and shown in public as a timeline — except what the reporter asked
// to keep private: anonim hides the reporter (also from the handling unit), rahasia keeps the whole
// report off every public surface.
//
// Personal data: the reporter's account link, name and contact (personal-data.ts exports and erases).
import { defineModule } from '../../platform/module.ts';
import * as complaints from './migrations/001_complaints.ts';
import * as scaleIndexes from './migrations/002_scale_indexes.ts';
import { locales } from './locales.ts';
import { pengaduanStats } from './stats.ts';
import { pengaduanErrors } from './errors.ts';
import { COMPLAINT_CHANGED, COMPLAINT_CONFIRMED, COMPLAINT_CREATED } from './events.ts';
import { seedPengaduan } from './seed.ts';
import { AUTO_CLOSE_JOB, autoCloseJob, ensureAutoCloseJob } from './jobs.ts';
import { erasePersonalData, exportPersonalData } from './personal-data.ts';
import { open311 } from './open311/index.ts';
import { createFromOpen311 } from './open311/create.ts';
import { publicRoutes } from './routes-public.tsx';
import { publicLocales, publicNav, publicSearch } from './locales-public.ts';
import { staffSide } from './routes-staff.tsx';
import { mapRoutes, mapSettings, regionMap } from './map/index.ts';
import { mapLocales } from './map/locales.ts';

export { createComplaint, type NewComplaint, type Filed } from './service.ts';
export { publicComplaint, publicList, type PublicComplaint, type PublicFilter } from './public.ts';
// for bench/pengaduan-scale.ts: the duplicate lookup and the list's figures, timed alone
export { similarOpen } from './similar.ts';
export { unitFigures } from './stats.ts';

export const pengaduanModule = defineModule({
  id: 'pengaduan',
  requires: ['units', 'satisfaction'],
  migrations: { '001_complaints': complaints, '002_scale_indexes': scaleIndexes, ...open311.migrations },
  errors: { ...pengaduanErrors, ...open311.errors },
  errorFormats: open311.errorFormats,
  paths: { ...open311.paths, public: [...open311.paths.public, '/pengaduan'], machine: [...open311.paths.machine, ...staffSide.paths.machine], json: staffSide.paths.json },
  settings: { ...open311.settings, ...staffSide.settings, ...mapSettings },
  nav: { staff: [staffSide.nav, open311.nav], portal: [publicNav] },
  home: [{ order: 20, title: 'pengaduan.home.title', body: 'pengaduan.home.body', href: '/pengaduan/baru', offer: 'pengaduan.home.offer' }],
  search: publicSearch,
  routes: (app, ctx) => { open311.routes(app, ctx, createFromOpen311); mapRoutes(app, ctx); publicRoutes(app, ctx); staffSide.routes(app, ctx); },
  roles: staffSide.roles,
  templates: staffSide.templates,
  stats: pengaduanStats,
  events: [COMPLAINT_CREATED, COMPLAINT_CHANGED, COMPLAINT_CONFIRMED],
  locales: {
    id: { ...locales.id, ...open311.locales.id, ...publicLocales.id, ...staffSide.locales.id, ...mapLocales.id },
    en: { ...locales.en, ...open311.locales.en, ...publicLocales.en, ...staffSide.locales.en, ...mapLocales.en },
  },
  permissions: {
    'pengaduan.file': { public: true },
    // the public pages, feeds and photos (what they show is decided by public.ts / public-flow.ts)
    'pengaduan.view_public': { public: true },
    // the handling unit (routed_unit) and the units above it
    'pengaduan.handle': { roles: ['officer', 'unit_admin', 'platform_admin'] },
    // the supervising unit that validates a reported follow-up
    'pengaduan.validate': { roles: ['officer', 'approver', 'unit_admin', 'platform_admin'] },
    ...open311.permissions,
    ...staffSide.permissions,
  },
  files: { photo: { maxBytes: 8 * 1024 * 1024, maxCount: 5, accept: ['image'] } },
  personalData: { export: exportPersonalData, erase: erasePersonalData },
  jobs: { [AUTO_CLOSE_JOB]: autoCloseJob, ...staffSide.jobs },
  seed: async (ctx) => { await seedPengaduan(ctx); await regionMap(ctx); await ensureAutoCloseJob(ctx); await staffSide.seed(ctx); },
});
