// Prices: staple-food prices (harga bahan pokok), /harga-pangan — per commodity × market × day,
// entered by the trade office (Disperindag, the owner of the pack's markets) in one form per market
// or imported from CSV (checked whole first: one bad row and nothing is imported), today's table
// with the change from a week earlier, a server-side SVG chart per commodity with the numbers as a
// table, "Diperbarui …" and the stale notice (cadence: every working day, platform/freshness).
//
// It also hosts, until an Informasi module exists, the freshness seam's daily reminder job and the
// platform admin's board /petugas/kesegaran, which read every module's `freshness` items.
//
// Personal data: none (prices and market names; officers appear only in the audit trail).
import { defineModule } from '../../platform/module.ts';
import { translator } from '../../platform/i18n/index.ts';
import { matchPages } from '../../platform/search/pages.ts';
import * as prices from './migrations/001_prices.ts';
import { locales } from './locales.ts';
import { priceRoutes } from './routes.tsx';
import { pricesApi } from './api.ts';
import { seedPrices } from './seed.ts';
import { freshnessItems, IMPORT_JOB, PUBLIC_PATH, runImport } from './service.ts';
import { FRESHNESS_JOB, freshnessJob } from './freshness.ts';
import { pricesExport } from './exports.ts';
import { countEntriesBetween, unitPath, commodities } from './repo.ts';
import { BOARD_PATH, STAFF_PATH } from './views/staff.tsx';
import { pricesContent } from './content.ts';

export const pricesModule = defineModule({
  id: 'prices',
  requires: ['units'],
  paths: { public: [PUBLIC_PATH, '/api/v1/staple-prices'] },
  migrations: { '001_prices': prices },
  locales,
  permissions: {
    'prices.view': { public: true },
    // officers and admins of the unit owning the market (Disperindag) or above it
    'prices.enter': { roles: ['officer', 'unit_admin', 'platform_admin'] },
    'prices.freshness_board': { roles: ['platform_admin'], anyUnit: true },
  },
  nav: {
    portal: [{ href: PUBLIC_PATH, label: 'prices.nav.portal', order: 30, when: () => pricesContent.visible() }],
    staff: [
      { href: STAFF_PATH, label: 'prices.nav.staff', order: 62, action: 'prices.enter' },
      { href: BOARD_PATH, label: 'prices.nav.board', order: 90, action: 'prices.freshness_board' },
    ],
  },
  information: [{ order: 30, title: 'prices.home.title', body: 'prices.home.body', href: PUBLIC_PATH }],
  stats: {
    'prices.entries': {
      label: 'prices.stats.entries',
      compute: async (ctx, q) => {
        const within = q.unitId === undefined ? undefined : await unitPath(ctx.db, q.unitId);
        if (q.unitId !== undefined && !within) return 0;
        return countEntriesBetween(ctx.db, q.from, q.to, within);
      },
    },
  },
  exports: { 'prices.staple_prices': pricesExport },
  freshness: (ctx) => freshnessItems(ctx),
  jobs: {
    [IMPORT_JOB]: async (payload, ctx) => runImport(ctx, Number(payload.id)),
    [FRESHNESS_JOB]: freshnessJob,
  },
  templates: {
    'prices.freshness_due_soon': {
      id: { subject: 'Segera perbarui: {title}', body: '{title} terakhir diperbarui {date} dan perlu diperbarui paling lambat {due}.\n\n{url}' },
      en: { subject: 'Update soon: {title}', body: '{title} was last updated {date} and must be updated by {due}.\n\n{url}' },
    },
    'prices.freshness_stale': {
      id: { subject: 'Belum diperbarui: {title}', body: '{title} belum diperbarui sejak {date}. Halaman publik kini menampilkan pemberitahuan itu.\n\n{url}' },
      en: { subject: 'Not updated: {title}', body: '{title} has not been updated since {date}. The public page now says so.\n\n{url}' },
    },
  },
  routes: (app, ctx) => priceRoutes(app, ctx),
  api: (api, ctx) => pricesApi(api, ctx),
  async search(q, ctx, locale) {
    const t = translator(locale);
    const page = matchPages(q, t, [{ title: 'prices.public.title', body: 'prices.home.body', synonyms: 'prices.search.synonyms', href: PUBLIC_PATH }]);
    const term = q.trim().toLowerCase();
    const items = term.length < 3 ? [] : (await commodities(ctx.db)).filter((c) => c.name.toLowerCase().includes(term));
    return [...page, ...items.map((c) => ({ title: c.name, snippet: t('prices.home.title'), href: `${PUBLIC_PATH}/${c.code}`, kind: 'prices.search.kind' }))];
  },
  async seed(ctx) {
    await seedPrices(ctx);
    await pricesContent.refresh(ctx);
  },
});
