// PPID: public information services under UU 14/2008 and Perki 1/2021, /ppid — the maklumat
// pelayanan (legal basis, procedure, the legal time limits with a date computed today, cost,
// guarantee, evaluation) and the Daftar Informasi Publik by category (berkala, serta-merta, tersedia
// setiap saat), kept by the units that hold the information (PPID pelaksana: ppid_officer of a unit)
// at /petugas/ppid/dip. Every deadline comes from one engine, clock.ts, in working days from the
// region's calendar, and is shown with how it was computed.
//
// Information requests (/ppid/permohonan/baru, /petugas/ppid/permohonan, /ppid/register): see
// requests.ts. Personal data: a request's requester (name, NIK and phone encrypted, address, email);
// exported and, on erase, stripped from the request, which stays as a public record. DIP entries
// describe public documents and name the responsible official in their public role.
import { settingsOf } from '../../platform/config.ts';
import { defineModule, type GapuraModule } from '../../platform/module.ts';
import { translator } from '../../platform/i18n/index.ts';
import { matchPages } from '../../platform/search/pages.ts';
import * as dip from './migrations/001_dip.ts';
import * as requestsMigration from './migrations/002_requests.ts';
import * as statesMigration from './migrations/003_states_report.ts';
import { requestRoutes } from './request-routes.tsx';
import { ppidDemo } from './demo.ts';
import { erasePersonal, exportPersonal } from './requests.ts';
import { templates } from './locales.ts';
import { QUEUE_PATH } from './views/requests-staff.tsx';
import { ASK_PATH, REGISTER_PATH } from './views/requests.tsx';
import { locales } from './locales.ts';
import { ppidRoutes } from './routes.tsx';
import { API_PATH, ppidApi, REGISTER_API_PATH } from './api.ts';
import { dipExport } from './exports.ts';
import { searchDip } from './service.ts';
import { countDip } from './repo.ts';
import { PpidSettings } from './settings.ts';
import { PUBLIC_PATH } from './views/public.tsx';
import { STAFF_PATH } from './views/staff.tsx';

const settings = {
  PPID_CLOCK_START: {
    default: 'receipt',
    description: "Where the 10 working days for the written notice start: 'receipt' (the day the request reached the PPID) or 'registration' (the day it was registered).",
    schema: PpidSettings.shape.PPID_CLOCK_START,
  },
};
const clockStart = (ctx: Parameters<NonNullable<GapuraModule['seed']>>[0]) => settingsOf(ctx.config, settings).PPID_CLOCK_START;

const personalSecret = { value: '' };

export const ppidModule = defineModule({
  id: 'ppid',
  requires: ['units'],
  paths: { public: [PUBLIC_PATH, API_PATH, REGISTER_API_PATH] },
  migrations: { '001_dip': dip, '002_requests': requestsMigration, '003_states_report': statesMigration },
  files: {
    deed: { maxBytes: 5 * 1024 * 1024, maxCount: 1, accept: ['pdf', 'image'] },
    // the released document of an answer published as a DIP entry, redacted before upload
    released: { maxBytes: 10 * 1024 * 1024, maxCount: 1, accept: ['pdf', 'image'] },
  },
  errors: {
    'ppid.not_open': { status: 409, message: 'ppid.error.not_open' },
    'ppid.extension_refused': { status: 409, message: 'ppid.extension.too_late' },
    'ppid.objection_closed': { status: 409, message: 'ppid.error.objection_closed' },
  },
  templates,
  settings,
  locales,
  roles: {
    ppid_officer: { label: 'ppid.role.officer', hint: 'ppid.role.officer.hint' },
    ppid_atasan: { label: 'ppid.role.atasan', hint: 'ppid.role.atasan.hint' },
  },
  permissions: {
    'ppid.view': { public: true },
    // PPID (at the region) and PPID pelaksana (officers of a unit): entries their unit or one below it holds
    'ppid.dip.manage': { roles: ['ppid_officer', 'platform_admin'] },
    // anyone may ask, signed in or not
    'ppid.request.create': { public: true },
    // the PPID (officers of the region unit) and the PPID pelaksana a request was dispositioned to
    'ppid.request.manage': { roles: ['ppid_officer', 'platform_admin'] },
    'ppid.request.view': { roles: ['ppid_officer', 'ppid_atasan', 'platform_admin'] },
    // the atasan PPID answers objections
    'ppid.objection.answer': { roles: ['ppid_atasan', 'platform_admin'] },
  },
  nav: {
    portal: [{ href: PUBLIC_PATH, label: 'ppid.nav.portal', order: 40 }],
    staff: [
      { href: STAFF_PATH, label: 'ppid.nav.staff', order: 65, action: 'ppid.dip.manage' },
      { href: QUEUE_PATH, label: 'ppid.nav.queue', order: 66, action: 'ppid.request.view' },
    ],
  },
  information: [{ order: 30, title: 'ppid.home.title', body: 'ppid.home.card', href: PUBLIC_PATH }],
  stats: {
    'ppid.dip_entries': { label: 'ppid.stats.dip_entries', compute: (ctx, q) => countDip(ctx.db, { unitId: q.unitId, to: q.to }) },
  },
  exports: {
    [dipExport.id]: { title: dipExport.title, description: dipExport.description, fields: dipExport.fields, rows: (ctx) => dipExport.rows(ctx) },
  },
  api: (api, ctx) => ppidApi(api, ctx, settingsOf(ctx.config, settings).PPID_CLOCK_START),
  routes: (app, ctx) => {
    // personalData's export has no context: it opens the encrypted NIK and phone with this secret
    personalSecret.value = ctx.config.secret;
    ppidRoutes(app, ctx, { clockStart: clockStart(ctx) });
    requestRoutes(app, ctx, { clockStart: clockStart(ctx) });
  },
  demo: (ctx) => ppidDemo(ctx),
  personalData: {
    export: (tx, userId) => exportPersonal(personalSecret.value, tx, userId),
    erase: (tx, userId) => erasePersonal(tx, userId),
  },
  async search(q, ctx, locale) {
    const t = translator(locale);
    const page = matchPages(q, t, [
      { title: 'ppid.home.title', body: 'ppid.home.card', synonyms: 'ppid.search.synonyms', href: PUBLIC_PATH },
      { title: 'ppid.req.title', body: 'ppid.req.lead', synonyms: 'ppid.search.synonyms', href: `${ASK_PATH}/baru` },
      { title: 'ppid.register.title', body: 'ppid.register.lead', synonyms: 'ppid.search.synonyms', href: REGISTER_PATH },
    ]);
    const rows = await searchDip(ctx.db, q);
    return [...page, ...rows.map((d) => ({ title: d.title, href: `${PUBLIC_PATH}#dip-${d.id}`, kind: 'ppid.search.kind', snippet: d.unit.name }))];
  },
});

// for bench/ppid.ts: the overdue list by cut-off, and one request's clock
export { overdueList } from './overdue.ts';
export { clockOf } from './requests.ts';
