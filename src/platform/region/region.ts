// The region this instance serves. Read on nearly every page, so kept in memory for a few seconds;
// several copies behind a load balancer see a branding change within that time.
import type { DB } from '../db/index.ts';
import type { Branding } from '../db/schema.ts';

export interface RegionInfo {
  code: string;
  slug: string;
  name: string;
  timeZone: string;
  branding: Branding;
}

const FALLBACK: RegionInfo = { code: '', slug: '', name: 'Gapura', timeZone: 'Asia/Jakarta', branding: {} };
const TTL_MS = 5000;

export function regionCache(db: DB) {
  let cached: { at: number; value: RegionInfo } | undefined;
  const read = async (): Promise<RegionInfo> => {
    if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
    let row;
    try {
      row = await db.selectFrom('region').selectAll().executeTakeFirst();
    } catch (e) {
      // Database down: keep serving the last known branding so error pages and /healthz still render.
      if (cached) return cached.value;
      return FALLBACK;
    }
    const value = row
      ? { code: row.code, slug: row.slug, name: row.name, timeZone: row.time_zone, branding: row.branding }
      : FALLBACK;
    cached = { at: Date.now(), value };
    return value;
  };
  read.invalidate = () => {
    cached = undefined;
  };
  return read;
}
