import { describe, expect, it } from 'vitest';
import { atomFeed, xmlEscape } from './atom.ts';

const feed = () => atomFeed({
  id: 'https://kota.example/berita', title: 'Berita & pengumuman', self: 'https://kota.example/berita/feed.atom', alternate: 'https://kota.example/berita', author: 'Pemkot <Uji>',
  entries: [
    { id: 'https://kota.example/berita/a', title: 'Jalan "Sudirman" ditutup <3 hari> & dialihkan', link: 'https://kota.example/berita/a?x=1&y=2', updated: new Date('2026-12-01T03:04:05.678Z'), published: new Date('2026-12-01T01:00:00Z'), summary: 'Ringkasan\u0001 dengan karakter kendali', author: 'Dishub', category: 'pengumuman' },
    { id: 'https://kota.example/berita/b', title: 'Kedua', link: 'https://kota.example/berita/b', updated: new Date('2026-11-30T00:00:00Z') },
  ],
});

describe('Atom writer', () => {
  it('writes the required feed and entry elements, updated = the newest entry', () => {
    const xml = feed();
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')).toBe(true);
    const head = xml.slice(0, xml.indexOf('<entry>'));
    expect(head).toContain('<id>https://kota.example/berita</id>');
    expect(head).toContain('<updated>2026-12-01T03:04:05Z</updated>');
    expect(head).toContain('<author><name>Pemkot &lt;Uji&gt;</name></author>');
    expect(head).toContain('<link rel="self" type="application/atom+xml" href="https://kota.example/berita/feed.atom"/>');
    expect(xml.match(/<entry>/g)).toHaveLength(2);
    expect(xml).toContain('<published>2026-12-01T01:00:00Z</published>');
  });

  it('escapes every text and attribute, drops characters XML cannot carry, and parses back', () => {
    const xml = feed();
    expect(xml).toContain('<title>Jalan &quot;Sudirman&quot; ditutup &lt;3 hari&gt; &amp; dialihkan</title>');
    expect(xml).toContain('href="https://kota.example/berita/a?x=1&amp;y=2"');
    expect(xml).not.toContain('\u0001');
    // read back: unescaping gives the original text
    const title = /<entry>\s*<id>[^<]*<\/id>\s*<title>([^<]*)<\/title>/.exec(xml)![1];
    const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    expect(unescape(title)).toBe('Jalan "Sudirman" ditutup <3 hari> & dialihkan');
    expect(xmlEscape("a'b")).toBe('a&apos;b');
  });

  it('an empty feed is still valid: it has an updated date', () => {
    const xml = atomFeed({ id: 'x:y', title: 't', self: 'http://a/f', alternate: 'http://a/', author: 'a', entries: [] });
    expect(xml).toContain('<updated>1970-01-01T00:00:00Z</updated>');
  });
});
