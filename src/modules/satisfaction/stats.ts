// Figures per unit subtree and period [from, to): respondents, and the IKM (0 when nobody answered;
// read it with the respondents figure).
import type { AppContext } from '../../platform/http/context.ts';
import type { StatQuery } from '../../platform/module.ts';
import { ikmFromAverages } from './ikm.ts';
import { aggregate, unitPathOf } from './repo.ts';

export async function periodAggregate(ctx: AppContext, q: StatQuery) {
  const unitPath = q.unitId === undefined ? undefined : await unitPathOf(ctx.db, q.unitId);
  if (q.unitId !== undefined && !unitPath) return null;
  const a = await aggregate(ctx.db, { unitPath, from: q.from, to: q.to });
  return { respondents: a.respondents, result: ikmFromAverages(a.averages, a.respondents) };
}
