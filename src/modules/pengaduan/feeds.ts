// Atom feeds (RFC 4287) of public complaints, per kecamatan and/or category: the newest 50, read
// through publicList (rahasia never appears; no reporter field exists in what it returns).
import type { PublicComplaint } from './public.ts';

type Row = Omit<PublicComplaint, 'timeline' | 'photos'>;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface FeedInput {
  baseUrl: string;
  /** the feed's own URL (path and query) */
  self: string;
  title: string;
  rows: Row[];
  categoryName: (code: string) => string;
  stateName: (state: string) => string;
  /** when nothing is in the feed yet */
  epoch: Date;
}

export function atomFeed(f: FeedInput): string {
  const base = f.baseUrl.replace(/\/$/, '');
  const updated = f.rows.reduce((d, r) => (r.updatedAt > d ? r.updatedAt : d), f.rows.length ? f.rows[0].updatedAt : f.epoch);
  const entries = f.rows.map((r) => {
    const href = `${base}/pengaduan/${r.publicId}`;
    const where = [r.kelurahan, r.kecamatan].filter(Boolean).join(', ');
    const title = `${f.categoryName(r.categoryCode)}${where ? ` – ${where}` : ''} (${f.stateName(r.state)})`;
    return `  <entry>
    <id>${esc(href)}</id>
    <title>${esc(title)}</title>
    <link rel="alternate" type="text/html" href="${esc(href)}"/>
    <published>${r.createdAt.toISOString()}</published>
    <updated>${r.updatedAt.toISOString()}</updated>
    <author><name>${esc(r.routedUnit)}</name></author>
    <category term="${esc(r.categoryCode)}" label="${esc(f.categoryName(r.categoryCode))}"/>
    <summary type="text">${esc(r.description.slice(0, 1000))}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${esc(base + f.self)}</id>
  <title>${esc(f.title)}</title>
  <link rel="self" type="application/atom+xml" href="${esc(base + f.self)}"/>
  <link rel="alternate" type="text/html" href="${esc(`${base}/pengaduan`)}"/>
  <updated>${updated.toISOString()}</updated>
${entries.join('\n')}
</feed>
`;
}
