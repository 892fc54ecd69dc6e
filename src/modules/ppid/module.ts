// PPID: public information services under UU 14/2008 and Perki 1/2021, /ppid — the maklumat
// pelayanan (legal basis, procedure, the legal time limits with a date computed today, cost,
// guarantee, evaluation) and the Daftar Informasi Publik by category (berkala, serta-merta, tersedia
// setiap saat), kept by the units that hold the information (PPID pelaksana: ppid_officer of a unit)
// at /petugas/ppid/dip. Every deadline comes from one engine, clock.ts, in working days from the
// region's calendar, and is shown with how it was computed.
//
// Personal data: none yet. DIP entries describe public documents and name the responsible official
// in their public role; officers appear only in the audit trail.
import { settingsOf } from '../../platform/config.ts';
import { defineModule, type GapuraModule } from '../../platform/module.ts';
import { translator } from '../../platform/i18n/index.ts';
import { matchPages } from '../../platform/search/pages.ts';
import * as dip from './migrations/001_dip.ts';
import { locales } from './locales.ts';
import { ppidRoutes } from './routes.tsx';
import { API_PATH, ppidApi } from './api.ts';
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

export const ppidModule = defineModule({
  id: 'ppid',
  requires: ['units'],
  paths: { public: [PUBLIC_PATH, API_PATH] },
  migrations: { '001_dip': dip },
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
  },
  nav: {
    portal: [{ href: PUBLIC_PATH, label: 'ppid.nav.portal', order: 40 }],
    staff: [{ href: STAFF_PATH, label: 'ppid.nav.staff', order: 65, action: 'ppid.dip.manage' }],
  },
  information: [{ order: 30, title: 'ppid.home.title', body: 'ppid.home.card', href: PUBLIC_PATH }],
  stats: {
    'ppid.dip_entries': { label: 'ppid.stats.dip_entries', compute: (ctx, q) => countDip(ctx.db, { unitId: q.unitId, to: q.to }) },
  },
  exports: {
    [dipExport.id]: { title: dipExport.title, description: dipExport.description, fields: dipExport.fields, rows: (ctx) => dipExport.rows(ctx) },
  },
  api: (api, ctx) => ppidApi(api, ctx),
  routes: (app, ctx) => ppidRoutes(app, ctx, { clockStart: clockStart(ctx) }),
  async search(q, ctx, locale) {
    const t = translator(locale);
    const page = matchPages(q, t, [{ title: 'ppid.home.title', body: 'ppid.home.card', synonyms: 'ppid.search.synonyms', href: PUBLIC_PATH }]);
    const rows = await searchDip(ctx.db, q);
    return [...page, ...rows.map((d) => ({ title: d.title, href: `${PUBLIC_PATH}#dip-${d.id}`, kind: 'ppid.search.kind', snippet: d.unit.name }))];
  },
});
