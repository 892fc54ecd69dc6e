// The open-data dataset of this module: the Daftar Informasi Publik, listed in the manifest's `exports`.
import type { AppContext } from '../../platform/http/context.ts';
import { listDip } from './repo.ts';

export interface DatasetField { name: string; type: 'string' | 'integer' | 'boolean' | 'datetime'; description: string }

export const dipExport = {
  id: 'ppid.dip',
  /** i18n keys */
  title: 'ppid.export.title',
  description: 'ppid.export.description',
  fields: [
    { name: 'id', type: 'integer', description: 'Stable id of the entry' },
    { name: 'category', type: 'string', description: 'berkala | serta_merta | setiap_saat (Perki 1/2021)' },
    { name: 'title', type: 'string', description: 'Title of the information' },
    { name: 'summary', type: 'string', description: 'Summary of its contents' },
    { name: 'unit_code', type: 'string', description: 'Code of the unit that holds it' },
    { name: 'unit_name', type: 'string', description: 'Name of that unit' },
    { name: 'official', type: 'string', description: 'Responsible official (name and position)' },
    { name: 'made_when', type: 'string', description: 'When it was made' },
    { name: 'made_where', type: 'string', description: 'Where it was made' },
    { name: 'form', type: 'string', description: 'soft | hard | both' },
    { name: 'retention', type: 'string', description: 'Retention period' },
    { name: 'updated_at', type: 'datetime', description: 'Last change (ISO 8601)' },
  ] satisfies DatasetField[],
  async rows(ctx: Pick<AppContext, 'db'>): Promise<Record<string, string | number | boolean>[]> {
    return (await listDip(ctx.db)).map((d) => ({
      id: d.id, category: d.category, title: d.title, summary: d.summary, unit_code: d.unit.code, unit_name: d.unit.name,
      official: d.official, made_when: d.madeWhen, made_where: d.madeWhere, form: d.form, retention: d.retention, updated_at: d.updatedAt.toISOString(),
    }));
  },
};
