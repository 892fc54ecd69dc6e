/** @jsxImportSource hono/jsx */
// Pieces both the public page and the back office use: names of units, dates, the freshness line.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import { formatDate } from '../../../platform/i18n/index.ts';
import type { ContactRow, UnitRef } from '../service.ts';
import { isStale } from '../service.ts';

/** "Kecamatan Sukarami", "Kelurahan 35 Ilir"; the city and OPD by their own names. */
export function unitLabel(c: Context<Env>, u: Pick<UnitRef, 'kind' | 'name'>): string {
  return ['kecamatan', 'kelurahan', 'desa'].includes(u.kind) ? c.get('t')(`contacts.unit.${u.kind}`, { name: u.name }) : u.name;
}

export const dateOf = (c: Context<Env>, d: Date) => formatDate(c.get('locale'), d, c.get('region').timeZone);

/** "Diperbarui 3 Maret 2026", or the stale notice that says so in words, not only in colour. */
export function Freshness({ c, e, reviewDays }: { c: Context<Env>; e: ContactRow; reviewDays: number }) {
  const t = c.get('t');
  const date = dateOf(c, e.reviewedAt);
  return isStale(e.reviewedAt, reviewDays)
    ? <p class="stale">{t('contacts.stale', { date })}</p>
    : <p class="muted">{t('contacts.updated', { date })}</p>;
}
