// The open-data dataset: the current vacancies (closed ones leave it with the public list).
import type { DatasetSpec } from '../../platform/module.ts';
import { currentList, vacancyHref } from './service.ts';

export const lowonganExport: DatasetSpec = {
  title: 'lowongan.export.title',
  description: 'lowongan.export.description',
  fields: [
    { name: 'id', type: 'integer' },
    { name: 'position', type: 'string' },
    { name: 'employer', type: 'string' },
    { name: 'location', type: 'string' },
    { name: 'closing_date', type: 'date' },
    { name: 'openings', type: 'integer' },
    { name: 'owner', type: 'string' },
    { name: 'url', type: 'string' },
    { name: 'updated_at', type: 'datetime' },
  ],
  async rows(ctx) {
    const base = ctx.config.baseUrl.replace(/\/$/, '');
    return (await currentList(ctx)).map((v) => ({
      id: v.id, position: v.position, employer: v.employer, location: v.location, closing_date: v.closingDate, openings: v.openings,
      owner: v.owner.code, url: `${base}${vacancyHref(v)}`, updated_at: v.updatedAt.toISOString(),
    }));
  },
};
