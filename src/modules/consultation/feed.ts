// The Atom feed of answered questions published as FAQ entries (/tanya/umpan.atom, RFC 4287).
import type { FaqRow } from './repo.ts';

const esc = (s: string) => s.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);

export function atomFeed(o: { baseUrl: string; title: string; entries: FaqRow[] }): string {
  const updated = o.entries.reduce((m, e) => Math.max(m, e.updatedAt.getTime()), 0);
  const self = `${o.baseUrl}/tanya/umpan.atom`;
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${esc(o.title)}</title>
  <id>${esc(self)}</id>
  <link rel="self" href="${esc(self)}"/>
  <link rel="alternate" href="${esc(`${o.baseUrl}/tanya`)}"/>
  <updated>${new Date(updated || 0).toISOString()}</updated>
${o.entries.map((e) => `  <entry>
    <title>${esc(e.question)}</title>
    <id>${esc(`${o.baseUrl}/tanya/${e.slug}`)}</id>
    <link rel="alternate" href="${esc(`${o.baseUrl}/tanya/${e.slug}`)}"/>
    <published>${e.publishedAt.toISOString()}</published>
    <updated>${e.updatedAt.toISOString()}</updated>
    <author><name>${esc(e.unit.name)}</name></author>
    <summary>${esc(e.answer.slice(0, 500))}</summary>
  </entry>`).join('\n')}
</feed>
`;
}
