// The open-data dataset: every event of the public schedule.
import type { DatasetSpec } from '../../platform/module.ts';
import { allEvents } from './repo.ts';
import { eventHref } from './service.ts';

export const agendaExport: DatasetSpec = {
  title: 'agenda.export.title',
  description: 'agenda.export.description',
  fields: [
    { name: 'id', type: 'integer' },
    { name: 'title', type: 'string' },
    { name: 'starts_at', type: 'string', description: 'agenda.export.starts_at' },
    { name: 'ends_at', type: 'string', description: 'agenda.export.ends_at' },
    { name: 'all_day', type: 'boolean' },
    { name: 'location', type: 'string' },
    { name: 'organiser', type: 'string', description: 'agenda.export.organiser' },
    { name: 'organiser_name', type: 'string' },
    { name: 'status', type: 'string', description: 'agenda.export.status' },
    { name: 'url', type: 'string' },
    { name: 'updated_at', type: 'datetime' },
  ],
  async rows(ctx) {
    const base = ctx.config.baseUrl.replace(/\/$/, '');
    return (await allEvents(ctx.db)).map((e) => ({
      id: e.id, title: e.title, starts_at: e.startsAt.toISOString(), ends_at: e.endsAt.toISOString(), all_day: e.allDay, location: e.location,
      organiser: e.organiser.code, organiser_name: e.organiser.name, status: e.status, url: `${base}${eventHref(e)}`, updated_at: e.updatedAt.toISOString(),
    }));
  },
};
