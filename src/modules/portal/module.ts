// The public portal shell: home page (beranda) and site search. Other modules add menu entries,
// home cards and search results through their manifests.
import { defineModule } from '../../platform/module.ts';
import { translator } from '../../platform/i18n/index.ts';
import { matchPages } from '../../platform/search/pages.ts';
import { locales } from './locales.ts';
import { portalRoutes } from './routes.tsx';
import { reindexSearch } from '../../platform/search/reindex.ts';

export const portalModule = defineModule({
  id: 'portal',
  paths: { public: ['/', '/cari', '/informasi', '/sitemap.xml'] },
  locales,
  permissions: {
    'portal.view': { public: true },
  },
  routes: portalRoutes,
  // the portal's own pages in /sitemap.xml (the Informasi hub only when it exists)
  sitemap: (ctx) => Promise.resolve([{ path: '/' }, ...(ctx.modules.some((m) => m.information?.length) ? [{ path: '/informasi' }] : [])]),
  cli: {
    // the site search index rebuilt from every module's searchItems (ADR 026)
    'search reindex': {
      usage: 'gapura search reindex    rebuild the site search index (/cari) from every module',
      async run(_args, ctx) {
        for (const r of await reindexSearch(ctx)) process.stdout.write(`${r.module}: ${r.items}\n`);
        return 0;
      },
    },
  },
  // the Informasi hub, when some module offers information pages (the same rule as its menu entry)
  search(q, ctx, locale) {
    if (!ctx.modules.some((m) => m.information?.length)) return Promise.resolve([]);
    return Promise.resolve(matchPages(q, translator(locale), [{ title: 'portal.info.title', synonyms: 'portal.info.synonyms', href: '/informasi' }]));
  },
});

/** The Informasi hub shows what information modules provide; without any, it has no menu entry. */
export function informationNav(modules: { information?: unknown[] }[]) {
  return modules.some((m) => m.information?.length) ? [{ href: '/informasi', label: 'portal.info.title', order: 30 }] : [];
}
