/** @jsxImportSource hono/jsx */
// Pieces the public pages and the back office share: unit names, dates, paragraphs of text.
import type { Context } from 'hono';
import type { Env } from '../../../platform/http/context.ts';
import { formatDate, formatDateTime } from '../../../platform/i18n/index.ts';
import type { UnitRef } from '../service.ts';

export const PUBLIC_PATH = '/tanya';
export const STAFF_PATH = '/petugas/tanya';
export const faqHref = (slug: string) => `${PUBLIC_PATH}/${slug}`;

/** "Kecamatan Sukarami", "Kelurahan 35 Ilir"; the city and OPD by their own names. */
export function unitLabel(c: Context<Env>, u: Pick<UnitRef, 'kind' | 'name'>): string {
  return ['kecamatan', 'kelurahan', 'desa'].includes(u.kind) ? c.get('t')(`consultation.unit.${u.kind}`, { name: u.name }) : u.name;
}

export const dateOf = (c: Context<Env>, d: Date) => formatDate(c.get('locale'), d, c.get('region').timeZone);
export const dateTimeOf = (c: Context<Env>, d: Date) => formatDateTime(c.get('locale'), d, c.get('region').timeZone);

/** Text typed in a textarea, as paragraphs (escaped by hono/jsx). */
export function Paragraphs({ text }: { text: string }) {
  return <>{text.split(/\n\s*\n/).map((p) => <p>{p.split('\n').map((line, i) => (i ? <><br />{line}</> : line))}</p>)}</>;
}
