// Open data: every dataset that any installed module declares in its manifest `exports` becomes a
// published dataset — /data, /data/{name} (.csv, .json generated from live rows), CKAN's action API
// (read side) under /api/3/action/ and a DCAT-AP catalog at /catalog.jsonld — without a line of
// code per dataset here. Organizations are the units that own datasets (DatasetSpec.owner, default
// the region); groups are the modules that declare them.
//
// Personal data: none stored. Rows pass datasetRows(), which refuses any column the export did not
// declare; exports are public data by contract (platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { translator } from '../../platform/i18n/index.ts';
import { matchPages } from '../../platform/search/pages.ts';
import { locales } from './locales.ts';
import { API_PREFIX, ckanErrorFormat, opendataRoutes } from './routes.tsx';
import { DATA_PATH } from './views/public.tsx';

export const opendataModule = defineModule({
  id: 'opendata',
  requires: ['units'],
  paths: { public: [DATA_PATH, '/catalog.jsonld', `${API_PREFIX}/action`] },
  errorFormats: [{ prefix: API_PREFIX, format: ckanErrorFormat }],
  locales,
  permissions: { 'opendata.view': { public: true } },
  nav: { portal: [{ href: DATA_PATH, label: 'opendata.nav.portal', order: 80 }] },
  information: [{ order: 80, title: 'opendata.title', body: 'opendata.home.body', href: DATA_PATH }],
  routes: (app, ctx) => opendataRoutes(app, ctx),
  search(q, _ctx, locale) {
    const t = translator(locale);
    return Promise.resolve(matchPages(q, t, [{ title: 'opendata.title', body: 'opendata.home.body', synonyms: 'opendata.search.synonyms', href: DATA_PATH }]));
  },
});
