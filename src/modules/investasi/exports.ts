// The open-data dataset: every published investment opportunity (no inquiries: those are personal).
import type { DatasetSpec } from '../../platform/module.ts';
import { listPublic } from './repo.ts';
import { opportunityHref } from './service.ts';

export const investasiExport: DatasetSpec = {
  title: 'investasi.export.title',
  description: 'investasi.export.description',
  owner: async (ctx) => (await listPublic(ctx.db, {}))[0]?.owner.code ?? (await ctx.db.selectFrom('units').select('code').where('kind', '=', 'region').executeTakeFirstOrThrow()).code,
  fields: [
    { name: 'id', type: 'integer' },
    { name: 'title', type: 'string' },
    { name: 'sector', type: 'string' },
    { name: 'kecamatan', type: 'string' },
    { name: 'location', type: 'string' },
    { name: 'value_rp', type: 'integer', description: 'investasi.export.value' },
    { name: 'stage', type: 'string', description: 'investasi.export.stage' },
    { name: 'owner', type: 'string' },
    { name: 'url', type: 'string' },
    { name: 'updated_at', type: 'datetime' },
  ],
  async rows(ctx) {
    const base = ctx.config.baseUrl.replace(/\/$/, '');
    return (await listPublic(ctx.db, {})).map((o) => ({
      id: o.id, title: o.title, sector: o.sector, kecamatan: o.kecamatan?.name ?? '', location: o.location, value_rp: o.valueRp, stage: o.stage,
      owner: o.owner.code, url: `${base}${opportunityHref(o)}`, updated_at: o.updatedAt.toISOString(),
    }));
  },
};
