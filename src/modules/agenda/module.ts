// Agenda: the government's public schedule, /agenda — events with start/end in the region's time
// zone (Asia/Jakarta for Palembang), all-day or timed, a place, the organising unit and a status
// (scheduled | cancelled); upcoming by default and past on request, grouped by date in words;
// /agenda/{id}; the iCalendar feed /agenda.ics (RFC 5545, ical.ts). Units keep their own events at
// /petugas/agenda; every change is audited and published as 'agenda.event.changed'.
//
// Personal data: none (public events; editors appear only in the audit trail).
import { defineModule } from '../../platform/module.ts';
import { translator } from '../../platform/i18n/index.ts';
import { matchPages } from '../../platform/search/pages.ts';
import * as agenda from './migrations/001_agenda.ts';
import { locales } from './locales.ts';
import { agendaRoutes } from './routes.tsx';
import { eventHref, FEED_PATH, PUBLIC_PATH, searchEvents } from './service.ts';
import { agendaContent } from './content.ts';
import { agendaFreshness } from './freshness.ts';
import { agendaExport } from './exports.ts';
import { agendaDemo } from './demo.ts';
import { AGENDA_CHANGED } from './events.ts';
import { countStartingBetween, unitPath } from './repo.ts';
import { STAFF_PATH } from './views/staff.tsx';

// for anyone checking the feed (tests, other modules): the reader of ical.ts
export { parseEvents } from './ical.ts';

export const agendaModule = defineModule({
  id: 'agenda',
  requires: ['units', 'calendar'],
  paths: { public: [PUBLIC_PATH, FEED_PATH] },
  migrations: { '001_agenda': agenda },
  locales,
  permissions: {
    'agenda.view': { public: true },
    // officers and admins of the organising unit or a unit above it
    'agenda.edit': { roles: ['officer', 'unit_admin', 'platform_admin'] },
  },
  nav: {
    portal: [{ href: PUBLIC_PATH, label: 'agenda.nav.portal', order: 22, when: () => agendaContent.visible() }],
    staff: [{ href: STAFF_PATH, label: 'agenda.nav.staff', order: 56, action: 'agenda.edit' }],
  },
  information: [{ order: 12, title: 'agenda.home.title', body: 'agenda.home.body', href: PUBLIC_PATH }],
  events: [AGENDA_CHANGED],
  stats: {
    'agenda.events': {
      label: 'agenda.stats.events',
      compute: async (ctx, q) => {
        const within = q.unitId === undefined ? undefined : await unitPath(ctx.db, q.unitId);
        if (q.unitId !== undefined && !within) return 0;
        return countStartingBetween(ctx.db, q.from, q.to, within);
      },
    },
  },
  exports: { 'agenda.events': agendaExport },
  freshness: agendaFreshness,
  routes: (app, ctx) => agendaRoutes(app, ctx),
  async search(q, ctx, locale) {
    const t = translator(locale);
    const page = matchPages(q, t, [{ title: 'agenda.public.title', body: 'agenda.home.body', synonyms: 'agenda.search.synonyms', href: PUBLIC_PATH }]);
    const events = await searchEvents(ctx, q);
    return [...page, ...events.map((e) => ({ title: e.title, href: eventHref(e), snippet: `${e.location} · ${e.organiser.name}`, kind: 'agenda.search.kind' }))];
  },
  async seed(ctx) {
    await agendaContent.refresh(ctx);
  },
  demo: agendaDemo,
});
