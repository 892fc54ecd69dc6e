// Freshness of the section: the periodic documents (budget, performance reports, plans) are due once
// a year per owner unit and category ("per schedule": the APBD, LKjIP and RKPD come yearly);
// regulations and forms are not periodic, so they only say when they were last changed.
import type { AppContext } from '../../platform/http/context.ts';
import { contentFlag, type Cadence, type FreshnessItem } from '../../platform/freshness/index.ts';
import type { Category } from './schema.ts';
import * as repo from './repo.ts';

export const PERIODIC: Category[] = ['anggaran', 'kinerja', 'perencanaan'];
export const YEARLY: Cadence = { days: 366 };

export async function dokumenFreshness(ctx: AppContext): Promise<FreshnessItem[]> {
  return (await repo.latestByOwner(ctx.db))
    .filter((r) => PERIODIC.includes(r.category))
    .map((r) => ({
      key: `dokumen.${r.category}.${r.unitId}`,
      title: `dokumen.freshness.${r.category}`,
      unitId: r.unitId,
      updatedAt: r.latest,
      cadence: YEARLY,
      href: `/dokumen?kategori=${r.category}`,
    }));
}

/** the menu entry appears once a document is published */
export const docFlag = contentFlag((ctx) => repo.hasPublished(ctx.db));
