// Open data: the IKM per service (aggregated; never a comment, never a person).
import type { AppContext } from '../../platform/http/context.ts';
import type { DatasetSpec } from '../../platform/module.ts';
import { ELEMENTS } from './ikm.ts';
import { perSubject } from './repo.ts';
import { ikmFromAverages } from './ikm.ts';

export const perServiceExport: DatasetSpec = {
  title: 'satisfaction.export.title',
  description: 'satisfaction.export.description',
  fields: [
    { name: 'source', type: 'string' },
    { name: 'subject', type: 'string' },
    { name: 'ikm', type: 'number' },
    { name: 'category', type: 'string' },
    { name: 'respondents', type: 'integer' },
    ...ELEMENTS.map((e) => ({ name: e, type: 'number' as const })),
  ],
  async rows(ctx: AppContext) {
    const rows = await perSubject(ctx.db, null);
    return rows.flatMap((r) => {
      const res = ikmFromAverages(r.averages, r.respondents);
      if (!res) return [];
      return [{ source: r.source, subject: r.subject, ikm: res.ikm, category: res.category, respondents: res.respondents,
        ...Object.fromEntries(ELEMENTS.map((e) => [e, Math.round(res.elements[e] * 100) / 100])) }];
    });
  },
};
