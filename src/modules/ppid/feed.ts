// The Atom feed of new Daftar Informasi Publik entries (/ppid/umpan.atom, RFC 4287), including those
// published from a fulfilled answer ("answer once, publish for all"). Answered questions published as
// FAQ entries have their own feed at /tanya/umpan.atom (consultation module).
import type { DipRow } from './repo.ts';

export const FEED_PATH = '/ppid/umpan.atom';

const esc = (s: string) => s.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);

export function dipFeed(o: { baseUrl: string; title: string; entries: DipRow[] }): string {
  const updated = o.entries.reduce((m, e) => Math.max(m, e.updatedAt.getTime()), 0);
  const self = `${o.baseUrl}${FEED_PATH}`;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${esc(o.title)}</title>
  <id>${esc(self)}</id>
  <link rel="self" href="${esc(self)}"/>
  <link rel="alternate" href="${esc(`${o.baseUrl}/ppid`)}"/>
  <updated>${new Date(updated || 0).toISOString()}</updated>
${o.entries.map((e) => `  <entry>
    <title>${esc(e.title)}</title>
    <id>${esc(`${o.baseUrl}/ppid#dip-${e.id}`)}</id>
    <link rel="alternate" href="${esc(`${o.baseUrl}/ppid#dip-${e.id}`)}"/>
    <published>${e.createdAt.toISOString()}</published>
    <updated>${e.updatedAt.toISOString()}</updated>
    <author><name>${esc(e.unit.name)}</name></author>
    <category term="${esc(e.category)}"/>
    <summary>${esc(e.summary.slice(0, 500))}</summary>
  </entry>`).join('\n')}
</feed>
`;
}
