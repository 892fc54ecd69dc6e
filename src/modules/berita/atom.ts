// The Atom 1.0 feed writer (RFC 4287): a feed with id, title, updated, author, link rel="self" and
// rel="alternate", one entry per item with its own id, updated, published, link and summary. Every
// text is escaped for XML; characters XML 1.0 cannot carry at all are dropped.

export interface AtomEntry {
  id: string;
  title: string;
  link: string;
  updated: Date;
  published?: Date;
  summary?: string;
  author?: string;
  category?: string;
}

export interface AtomFeed {
  /** a permanent IRI, e.g. the public page's URL */
  id: string;
  title: string;
  /** the feed's own URL (rel="self") */
  self: string;
  /** the HTML page it mirrors (rel="alternate") */
  alternate: string;
  author: string;
  /** the newest change; when absent, the newest entry's (or the epoch for an empty feed) */
  updated?: Date;
  lang?: string;
  entries: AtomEntry[];
}

// XML 1.0 Char: tab, LF, CR and U+0020… (minus surrogates and U+FFFE/U+FFFF)
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlEscape(s: string): string {
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function atomFeed(f: AtomFeed): string {
  const newest = f.updated ?? f.entries.reduce<Date | undefined>((m, e) => (!m || e.updated > m ? e.updated : m), undefined) ?? new Date(0);
  const x = xmlEscape;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom"${f.lang ? ` xml:lang="${x(f.lang)}"` : ''}>`,
    `  <id>${x(f.id)}</id>`,
    `  <title>${x(f.title)}</title>`,
    `  <updated>${iso(newest)}</updated>`,
    `  <author><name>${x(f.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${x(f.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${x(f.alternate)}"/>`,
  ];
  for (const e of f.entries) {
    lines.push(
      '  <entry>',
      `    <id>${x(e.id)}</id>`,
      `    <title>${x(e.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${x(e.link)}"/>`,
      `    <updated>${iso(e.updated)}</updated>`,
      ...(e.published ? [`    <published>${iso(e.published)}</published>`] : []),
      ...(e.author ? [`    <author><name>${x(e.author)}</name></author>`] : []),
      ...(e.category ? [`    <category term="${x(e.category)}"/>`] : []),
      ...(e.summary ? [`    <summary type="text">${x(e.summary)}</summary>`] : []),
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
