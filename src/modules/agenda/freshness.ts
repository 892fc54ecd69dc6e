// Freshness of the agenda: one item per organising unit, updated by its last change, due weekly.
import type { FreshnessItem } from '../../platform/freshness/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { latestPerOrganiser } from './repo.ts';
import { PUBLIC_PATH } from './service.ts';

export const CADENCE = { days: 7 };

export async function agendaFreshness(ctx: AppContext): Promise<FreshnessItem[]> {
  return (await latestPerOrganiser(ctx.db)).map((r) => ({
    key: `agenda.unit.${r.unitId}`, title: `Agenda – ${r.unitName}`, unitId: r.unitId, updatedAt: r.latest, cadence: CADENCE, href: PUBLIC_PATH,
  }));
}
