// The public portal shell: home page (beranda) and site search. Other modules add menu entries,
// home cards and search results through their manifests.
import { defineModule } from '../../platform/module.ts';
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
});

/** The Informasi hub shows what information modules provide; without any, it has no menu entry. */
export function informationNav(modules: { information?: unknown[] }[]) {
  return modules.some((m) => m.information?.length) ? [{ href: '/informasi', label: 'portal.info.title', order: 30 }] : [];
}
