// The public portal shell: home page (beranda) and site search. Other modules add menu entries,
// home cards and search results through their manifests.
import { defineModule } from '../../platform/module.ts';
import { locales } from './locales.ts';
import { portalRoutes } from './routes.tsx';

export const portalModule = defineModule({
  id: 'portal',
  locales,
  permissions: {
    'portal.view': { public: true },
  },
  routes: portalRoutes,
});
