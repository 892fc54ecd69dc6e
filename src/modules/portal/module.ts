// The public portal shell: home page (beranda) and site search. Other modules add menu entries,
// home cards and search results through their manifests.
import { defineModule } from '../../platform/module.ts';
import { translator } from '../../platform/i18n/index.ts';
import { matchPages } from '../../platform/search/pages.ts';
import { locales } from './locales.ts';
import { portalRoutes } from './routes.tsx';

export const portalModule = defineModule({
  id: 'portal',
  paths: { public: ['/', '/cari', '/informasi'] },
  locales,
  permissions: {
    'portal.view': { public: true },
  },
  routes: portalRoutes,
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
