// The region pack's categories, routing rules and deadlines (region-packs/<slug>/pengaduan/
// categories.json), loaded on every start: categories are upserted (the pack's text wins), those the
// pack no longer lists are deactivated (complaints keep pointing at them), and the pack's routing
// rules are replaced; rules an admin added are kept.
import { z } from 'zod';
import type { AppContext } from '../../platform/http/context.ts';
import { readModulePackJson } from '../../platform/region/pack-data.ts';
import * as repo from './repo.ts';

const Text = z.object({ id: z.string().min(1), en: z.string().min(1) });
const UnitSpec = z.string().regex(/^(kelurahan|kecamatan|\d{2}\.\d{2}(\.[a-z0-9.-]+)?)$/);

export const PackSchema = z.object({
  source: z.string().min(1),
  deadlines: z.object({ verifyDays: z.number().int().min(1).max(60), followUpDays: z.number().int().min(1).max(60), autoCloseDays: z.number().int().min(1).max(60) }).optional(),
  triageByKelurahan: z.boolean().optional(),
  categories: z.array(z.object({
    code: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: Text,
    description: Text,
    unit: UnitSpec,
    supervisor: z.string().regex(/^(kecamatan|\d{2}\.\d{2}(\.[a-z0-9.-]+)?)$/),
    templates: z.array(z.object({ key: z.string().min(1), text: Text })).default([]),
  })).min(1),
  rules: z.array(z.object({
    category: z.string(),
    area: z.string(),
    unit: UnitSpec,
    supervisor: z.string().regex(/^(kecamatan|\d{2}\.\d{2}(\.[a-z0-9.-]+)?)$/),
    note: z.string().optional(),
  })).default([]),
});
export type Pack = z.infer<typeof PackSchema>;

export async function seedPengaduan(ctx: AppContext): Promise<void> {
  const raw = await readModulePackJson(ctx, 'pengaduan', 'categories.json');
  if (raw === undefined) return;
  const pack = PackSchema.parse(raw);
  await loadPack(ctx, pack);
}

export async function loadPack(ctx: AppContext, pack: Pack): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const region = await repo.regionUnit(tx);
    if (!region) return;
    const d = pack.deadlines ?? { verifyDays: 3, followUpDays: 5, autoCloseDays: 10 };
    await repo.saveRegionSettings(tx, { ...d, triageByKelurahan: pack.triageByKelurahan ?? false });
    const unitOf = async (spec: string, what: string) => {
      const u = await repo.unitByCode(tx, spec);
      if (!u) throw new Error(`pengaduan pack: ${what} names unit ${spec}, which the region does not have`);
      return u;
    };
    for (const [i, c] of pack.categories.entries()) {
      if (c.unit !== 'kelurahan' && c.unit !== 'kecamatan') await unitOf(c.unit, `category ${c.code}`);
      if (c.supervisor !== 'kecamatan') await unitOf(c.supervisor, `category ${c.code}`);
      await repo.upsertCategory(tx, {
        code: c.code, name: c.name, description: c.description, defaultUnit: c.unit, supervisor: c.supervisor, templates: c.templates, sort: i, active: true,
      });
    }
    await repo.deactivateCategoriesExcept(tx, pack.categories.map((c) => c.code));
    const rules: repo.NewRule[] = [];
    for (const r of pack.rules) {
      if (!pack.categories.some((c) => c.code === r.category)) throw new Error(`pengaduan pack: a rule names category ${r.category}, which the pack does not list`);
      const area = await unitOf(r.area, `a rule of ${r.category}`);
      const target = r.unit === 'kelurahan' || r.unit === 'kecamatan' ? undefined : await unitOf(r.unit, `a rule of ${r.category}`);
      const sup = r.supervisor === 'kecamatan' ? undefined : await unitOf(r.supervisor, `a rule of ${r.category}`);
      rules.push({
        categoryCode: r.category, areaUnitId: area.id, targetKind: target ? 'unit' : (r.unit as 'kelurahan' | 'kecamatan'), targetUnitId: target?.id ?? null,
        supervisorKind: sup ? 'unit' : 'kecamatan', supervisorUnitId: sup?.id ?? null, source: 'pack',
      });
    }
    await repo.replacePackRules(tx, rules);
  });
}
