// Freshness of lowongan: one item per owner unit with published vacancies, updated by its newest
// change, due every 14 days (the job board is kept weekly-to-fortnightly by Disnaker).
import type { FreshnessItem } from '../../platform/freshness/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { latestPerOwner } from './repo.ts';
import { PUBLIC_PATH } from './service.ts';

export const CADENCE = { days: 14 };

export async function lowonganFreshness(ctx: AppContext): Promise<FreshnessItem[]> {
  return (await latestPerOwner(ctx.db)).map((r) => ({
    key: `lowongan.unit.${r.unitId}`, title: `Lowongan kerja – ${r.unitName}`, unitId: r.unitId, updatedAt: r.latest, cadence: CADENCE, href: PUBLIC_PATH,
  }));
}
