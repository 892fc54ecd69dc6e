// The working-day calendar's pages: the list of holidays and cuti bersama per year, edited by the
// platform admin (Diskominfo), readable by every officer and, in short, by the public. The
// arithmetic itself lives in platform/calendar (ctx.calendar), so every module can use it.
import { defineModule } from '../../platform/module.ts';
import { translator } from '../../platform/i18n/index.ts';
import { matchPages } from '../../platform/search/pages.ts';
import { locales } from './locales.ts';
import { calendarRoutes } from './routes.tsx';
import { listFrom } from './repo.ts';

export const calendarModule = defineModule({
  id: 'calendar',
  paths: { public: ['/hari-libur'] },
  locales,
  permissions: {
    // region-wide data: any staff role in any unit may read it
    'calendar.view': { anyRole: true, anyUnit: true },
    'calendar.manage': { roles: ['platform_admin'], anyUnit: true },
    'calendar.public': { public: true },
  },
  nav: {
    staff: [{ href: '/petugas/kalender', label: 'calendar.nav', order: 80, action: 'calendar.view' }],
  },
  information: [{ order: 80, title: 'calendar.public.card.title', body: 'calendar.public.card.body', href: '/hari-libur' }],
  routes: calendarRoutes,
  exports: {
    'calendar.holidays': {
      title: 'calendar.export.holidays.title',
      description: 'calendar.export.holidays.description',
      fields: [
        { name: 'date', type: 'date', description: 'calendar.export.field.date' },
        { name: 'name', type: 'string', description: 'calendar.export.field.name' },
        { name: 'kind', type: 'string', description: 'calendar.export.field.kind' },
        { name: 'provisional', type: 'boolean', description: 'calendar.export.field.provisional' },
      ],
      async rows(ctx) {
        return (await listFrom(ctx.db, new Date().getUTCFullYear() - 1)).map(({ date, name, kind, provisional }) => ({ date, name, kind, provisional }));
      },
    },
  },
  // the holiday list is found by its title and the words people use for it ("tanggal merah")
  search(q, _ctx, locale) {
    return Promise.resolve(matchPages(q, translator(locale), [{ title: 'calendar.public.card.title', body: 'calendar.public.card.body', synonyms: 'calendar.search.synonyms', href: '/hari-libur' }]));
  },
});
