// The open-data dataset: the service catalog (no personal data), listed in the manifest's `exports`.
import type { AppContext } from '../../platform/http/context.ts';
import { listServices } from './repo.ts';

export const catalogExport = {
  id: 'layanan.services',
  title: 'layanan.export.title',
  description: 'layanan.export.description',
  fields: [
    { name: 'slug', type: 'string', description: 'Stable id of the service, as in /layanan/{slug}' },
    { name: 'name', type: 'string', description: 'Name of the service' },
    { name: 'group', type: 'string', description: 'Group in the catalog' },
    { name: 'unit_kind', type: 'string', description: 'kelurahan | kecamatan | opd: the kind of unit that provides it' },
    { name: 'deadline_days', type: 'integer', description: 'Completion time in working days' },
    { name: 'cost_rupiah', type: 'integer', description: 'Cost in rupiah (0: free)' },
    { name: 'requirements', type: 'string', description: 'Required documents, separated by "; "' },
    { name: 'product', type: 'string', description: 'What the citizen receives' },
  ] as { name: string; type: 'string' | 'integer'; description: string }[],
  async rows(ctx: Pick<AppContext, 'db'>): Promise<Record<string, string | number>[]> {
    return (await listServices(ctx.db)).map((s) => ({
      slug: s.slug, name: s.name, group: s.group, unit_kind: s.unitKind, deadline_days: s.deadlineDays, cost_rupiah: s.costRupiah,
      requirements: s.requirements.join('; '), product: s.product,
    }));
  },
};
