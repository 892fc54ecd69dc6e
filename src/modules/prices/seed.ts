// Commodities (shared by every pack: region-packs/_shared/prices/commodities.json) and the markets
// of the loaded region's pack (region-packs/<slug>/prices/markets.json, owned by the trade office),
// loaded on every start; names are updated from the pack, prices are never touched.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { AppContext } from '../../platform/http/context.ts';
import { PACKS_DIR, readModulePackJson } from '../../platform/region/pack-data.ts';
import * as repo from './repo.ts';
import { scheduleFreshness } from './freshness.ts';

const Commodities = z.object({ commodities: z.array(z.object({ code: z.string().regex(/^[a-z0-9-]+$/), name: z.string().min(1), unit: z.enum(['kg', 'liter']) })) });
const Markets = z.object({ owner: z.string().min(1), note: z.string().default(''), markets: z.array(z.object({ code: z.string().regex(/^[a-z0-9-]+$/), name: z.string().min(1) })) });

export function sharedCommodities() {
  return Commodities.parse(JSON.parse(fs.readFileSync(path.join(PACKS_DIR, '_shared', 'prices', 'commodities.json'), 'utf8'))).commodities;
}

export async function seedPrices(ctx: AppContext): Promise<void> {
  const raw = await readModulePackJson(ctx, 'prices', 'markets.json');
  const commodities = sharedCommodities();
  await ctx.db.transaction().execute(async (tx) => {
    for (const [i, c] of commodities.entries()) await repo.upsertCommodity(tx, { ...c, sort: i });
    if (!raw) return;
    const pack = Markets.parse(raw);
    const owner = await repo.findUnit(tx, pack.owner);
    if (!owner) throw new Error(`prices: markets.json names owner ${pack.owner}, which is not a unit of this region`);
    for (const [i, m] of pack.markets.entries()) await repo.upsertMarket(tx, { code: m.code, name: m.name, owner_unit_id: owner.id, note: pack.note, sort: i });
  });
  await scheduleFreshness(ctx);
}
