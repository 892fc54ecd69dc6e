// Rebuilding the site search index from every module's `searchItems` (gapura search reindex): one
// transaction per module, so a failing module leaves its old items and the others are rebuilt.
import type { AppContext } from '../http/context.ts';
import { replaceModuleItems } from './index.ts';

export async function reindexSearch(ctx: AppContext): Promise<{ module: string; items: number }[]> {
  const out: { module: string; items: number }[] = [];
  for (const m of ctx.modules) {
    if (!m.searchItems) continue;
    const items = await m.searchItems(ctx);
    const n = await ctx.db.transaction().execute((tx) => replaceModuleItems(tx, m.id, items));
    out.push({ module: m.id, items: n });
  }
  return out;
}
