// Units: the region's kecamatan, kelurahan/desa and agencies (OPD) — a public directory with
// contact details, its JSON API, the back-office tree, and the region's branding. On first start it
// loads the configured region pack (region-packs/<GAPURA_REGION>); `gapura region load <dir>`
// loads or updates one later.
import fs from 'node:fs';
import path from 'node:path';
import { defineModule } from '../../platform/module.ts';
import { loadRegionPack } from '../../platform/region/pack.ts';
import { regionLoad } from './cli.ts';
import { locales } from './locales.ts';
import { unitRoutes } from './routes.tsx';
import { unitApi } from './api.ts';
import { unitSearch } from './search.ts';
import * as profiles from './migrations/001_unit_profiles.ts';
import { listUnits } from './service.ts';
import { unitHref } from './views/public.tsx';

/** region-packs/ at the root of the installation */
export { PACKS_DIR } from '../../platform/region/pack-data.ts';
import { PACKS_DIR } from '../../platform/region/pack-data.ts';

export const unitsModule = defineModule({
  id: 'units',
  paths: { public: ['/instansi', '/api/v1/units', '/opd'] },
  migrations: { '001_unit_profiles': profiles },
  locales,
  permissions: {
    'units.view': { public: true },
    // the tree itself is public information; any staff member may look at it
    'units.staff_view': { anyRole: true, anyUnit: true },
    'units.manage': { roles: ['platform_admin'], anyUnit: true },
    // a unit's own admin (or one above it); platform admins also pass through units.manage
    'units.edit_contact': { roles: ['unit_admin', 'platform_admin'] },
    'units.branding': { roles: ['platform_admin'], anyUnit: true },
  },
  nav: {
    portal: [{ href: '/instansi', label: 'units.nav.portal', order: 20 }],
    staff: [
      { href: '/petugas/unit', label: 'units.nav.staff', order: 70, action: 'units.staff_view' },
      { href: '/petugas/branding', label: 'units.nav.branding', order: 90, action: 'units.branding' },
    ],
  },
  home: [{ order: 50, title: 'units.home.title', body: 'units.home.body', href: '/instansi', offer: 'units.home.offer' }],
  information: [{ order: 10, title: 'units.home.title', body: 'units.home.body', href: '/instansi' }],
  routes: unitRoutes,
  api: unitApi,
  search: unitSearch,
  // /sitemap.xml: the directory and every active unit's page
  sitemap: async (ctx) => [{ path: '/instansi' }, ...(await listUnits(ctx.db)).filter((u) => u.kind !== 'region').map((u) => ({ path: unitHref(u.code), lastmod: u.updatedAt }))],
  cli: { 'region load': regionLoad },
  /** First start: an empty region table means nothing was ever loaded. */
  async seed(ctx) {
    const loaded = await ctx.db.selectFrom('region').select('code').executeTakeFirst();
    if (loaded) return;
    const dir = path.join(PACKS_DIR, ctx.config.region);
    if (!fs.existsSync(path.join(dir, 'pack.json'))) {
      const available = fs.readdirSync(PACKS_DIR).filter((d) => !d.startsWith('_') && fs.existsSync(path.join(PACKS_DIR, d, 'pack.json')));
      throw new Error(`GAPURA_REGION=${ctx.config.region}: no region pack in ${dir}. Available: ${available.join(', ')}.`);
    }
    const summary = await loadRegionPack(ctx.db, dir);
    ctx.log.info('region pack loaded', { region: summary.region, units: summary.units.added, holidays: summary.holidays.added });
  },
});
