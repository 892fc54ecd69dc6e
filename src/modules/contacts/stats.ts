// Figures this module offers to dashboards (the manifest's `stats` names three of them). Demo
// examples are never counted.
import type { AppContext } from '../../platform/http/context.ts';
import { countReviewedBetween, countsPerOwner, unitPath } from './repo.ts';

export interface ContactsStats {
  /** active entries per owner unit, and how many of them are past their review period */
  perUnit: { unitId: number; unitCode: string; unitName: string; entries: number; stale: number }[];
  entries: number;
  stale: number;
  /** entries edited or confirmed in [from, to) */
  reviewedInPeriod: number;
}

/** For one unit's subtree (or the whole region without unitId), over the period [from, to). */
export async function contactsStats(
  ctx: Pick<AppContext, 'db'>,
  opts: { unitId?: number; from: Date; to: Date; reviewDays: number },
): Promise<ContactsStats> {
  const withinPath = opts.unitId === undefined ? undefined : await unitPath(ctx.db, opts.unitId);
  if (opts.unitId !== undefined && !withinPath) return { perUnit: [], entries: 0, stale: 0, reviewedInPeriod: 0 };
  const perUnit = await countsPerOwner(ctx.db, { withinPath, reviewDays: opts.reviewDays });
  return {
    perUnit,
    entries: perUnit.reduce((n, u) => n + u.entries, 0),
    stale: perUnit.reduce((n, u) => n + u.stale, 0),
    reviewedInPeriod: await countReviewedBetween(ctx.db, { withinPath, from: opts.from, to: opts.to }),
  };
}
