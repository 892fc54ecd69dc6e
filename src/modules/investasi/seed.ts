// The region pack's opportunities (region-packs/<slug>/investasi/opportunities.json), inserted once
// per key and published, on every start; an edited or archived one is never touched again.
import { z } from 'zod';
import { systemActor } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { readModulePackJson } from '../../platform/region/pack-data.ts';
import { SECTORS, STAGES } from './schema.ts';
import { findUnit } from './repo.ts';
import { loadSeeded } from './service.ts';
import { investasiContent } from './content.ts';

const PackSchema = z.object({
  note: z.string().optional(),
  office: z.string(),
  opportunities: z.array(z.object({
    key: z.string().regex(/^[a-z0-9-]{2,60}$/), title: z.string().min(5), sector: z.enum(SECTORS), kecamatan: z.string().default(''), location: z.string().min(3),
    value: z.number().int().nonnegative().nullable().default(null), stage: z.enum(STAGES).default('tersedia'), summary: z.string().min(10), body: z.string().default(''),
  })),
});

export async function seedInvestasi(ctx: AppContext): Promise<void> {
  const raw = await readModulePackJson(ctx, 'investasi', 'opportunities.json');
  if (raw !== undefined) {
    const pack = PackSchema.parse(raw);
    await ctx.db.transaction().execute(async (tx) => {
      const office = await findUnit(tx, pack.office);
      if (!office) throw new Error(`investasi pack: office ${pack.office} is not a unit of this region`);
      for (const o of pack.opportunities) {
        await loadSeeded(ctx, tx, systemActor('investasi.seed'), `pack.${o.key}`, {
          idem: `pack.${o.key}`, title: o.title, slug: o.key, sector: o.sector, kecamatan: o.kecamatan, location: o.location, value: o.value, stage: o.stage,
          summary: o.summary, body: o.body, contactName: office.name, contactEmail: '', contactPhone: '', owner: office.code,
        });
      }
    });
  }
  await investasiContent.refresh(ctx);
}
