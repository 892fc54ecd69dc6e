// Freshness of investasi: one item per owner unit with published opportunities, updated by its
// newest change to one of them, due quarterly (issue 10: investment opportunities every quarter).
import type { FreshnessItem } from '../../platform/freshness/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { latestPerOwner } from './repo.ts';
import { PUBLIC_PATH } from './service.ts';

export const CADENCE = { days: 91 };

export async function investasiFreshness(ctx: AppContext): Promise<FreshnessItem[]> {
  return (await latestPerOwner(ctx.db)).map((r) => ({
    key: `investasi.unit.${r.unitId}`, title: `Peluang investasi – ${r.unitName}`, unitId: r.unitId, updatedAt: r.latest, cadence: CADENCE, href: PUBLIC_PATH,
  }));
}
