// Berita: news and announcements (berita | pengumuman), /berita — each owned by a unit, with images
// through platform/files, drafts, scheduled publishing (public by itself once ctx.clock passes
// publish_at; no job), archive; /berita/{slug} with NewsArticle JSON-LD and Open Graph tags, and the
// Atom feed /berita/feed.atom. Editors of the owning unit (or a unit above it) work at
// /petugas/berita; every change is audited and published as 'berita.item.changed'.
//
// Personal data: none (official news; editors appear only in the audit trail).
import { z } from 'zod';
import { defineModule } from '../../platform/module.ts';
import { settingsOf } from '../../platform/config.ts';
import { translator } from '../../platform/i18n/index.ts';
import { matchPages } from '../../platform/search/pages.ts';
import type { AppContext } from '../../platform/http/context.ts';
import * as berita from './migrations/001_berita.ts';
import { locales } from './locales.ts';
import { beritaRoutes } from './routes.tsx';
import { itemHref, latestPublic, PUBLIC_PATH, searchItems } from './service.ts';
import { beritaContent } from './content.ts';
import { beritaFreshness } from './freshness.ts';
import { beritaExport } from './exports.ts';
import { beritaDemo } from './demo.ts';
import { BERITA_CHANGED } from './events.ts';
import { allPublic, countPublishedBetween, unitPath } from './repo.ts';
import { STAFF_PATH } from './views/staff.tsx';

const settings = {
  BERITA_PAGE_SIZE: {
    default: '10',
    description: 'News items per page on /berita (1–100).',
    schema: z.coerce.number().int().min(1).max(100).default(10),
  },
};
const pageSize = (ctx: AppContext) => settingsOf(ctx.config, settings).BERITA_PAGE_SIZE;

export const beritaModule = defineModule({
  id: 'berita',
  requires: ['units'],
  paths: { public: [PUBLIC_PATH] },
  migrations: { '001_berita': berita },
  settings,
  locales,
  files: { image: { maxBytes: 8 * 1024 * 1024, maxCount: 4, accept: ['image'] } },
  permissions: {
    'berita.view': { public: true },
    // officers and admins of the owning unit or a unit above it; the subject is the owner unit
    'berita.edit': { roles: ['officer', 'unit_admin', 'platform_admin'] },
  },
  nav: {
    portal: [{ href: PUBLIC_PATH, label: 'berita.nav.portal', order: 20, when: () => beritaContent.visible() }],
    staff: [{ href: STAFF_PATH, label: 'berita.nav.staff', order: 55, action: 'berita.edit' }],
  },
  information: [{ order: 10, title: 'berita.home.title', body: 'berita.home.body', href: PUBLIC_PATH }],
  events: [BERITA_CHANGED],
  stats: {
    'berita.published': {
      label: 'berita.stats.published',
      compute: async (ctx, q) => {
        const within = q.unitId === undefined ? undefined : await unitPath(ctx.db, q.unitId);
        if (q.unitId !== undefined && !within) return 0;
        return countPublishedBetween(ctx.db, q.from, q.to, within);
      },
    },
  },
  exports: { 'berita.items': beritaExport },
  freshness: beritaFreshness,
  routes: (app, ctx) => beritaRoutes(app, ctx, { pageSize: pageSize(ctx) }),
  async search(q, ctx, locale) {
    const t = translator(locale);
    const page = matchPages(q, t, [{ title: 'berita.public.title', body: 'berita.home.body', synonyms: 'berita.search.synonyms', href: PUBLIC_PATH }]);
    const items = await searchItems(ctx, q);
    return [...page, ...items.map((i) => ({ title: i.title, href: itemHref(i), snippet: i.summary, kind: 'berita.search.kind' }))];
  },
  async seed(ctx) {
    await beritaContent.refresh(ctx);
  },
  // /sitemap.xml: the list and every public item
  sitemap: async (ctx) => [
    { path: PUBLIC_PATH, lastmod: await latestPublic(ctx) },
    ...(await allPublic(ctx.db, ctx.clock.now())).map((i) => ({ path: itemHref(i), lastmod: i.updatedAt > i.publishAt! ? i.updatedAt : i.publishAt })),
  ],
  demo: beritaDemo,
});
