// Freshness of berita: one item per owner unit that has published anything, updated by its newest
// public item, due weekly.
import type { FreshnessItem } from '../../platform/freshness/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { latestPerOwner } from './repo.ts';
import { PUBLIC_PATH } from './service.ts';

export const CADENCE = { days: 7 };

export async function beritaFreshness(ctx: AppContext): Promise<FreshnessItem[]> {
  return (await latestPerOwner(ctx.db, ctx.clock.now())).map((r) => ({
    key: `berita.unit.${r.unitId}`, title: `Berita – ${r.unitName}`, unitId: r.unitId, updatedAt: r.latest, cadence: CADENCE, href: PUBLIC_PATH,
  }));
}
