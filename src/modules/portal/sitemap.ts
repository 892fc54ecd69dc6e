// /sitemap.xml: every public page of every installed module, for search engines. A module that
// declares `sitemap(ctx)` lists its own pages (with their last change); for one that does not, its
// menu entries, information and home cards and the urls of its searchItems stand in. Only paths
// the path table calls public and not private are listed, each once, in the sitemaps.org format.
import type { AppContext } from '../../platform/http/context.ts';
import type { GapuraModule, SitemapEntry } from '../../platform/module.ts';
import { isPrivatePath, isPublicPath, pathTable } from '../../platform/http/paths.ts';

/** sitemaps.org allows 50,000 URLs per file; beyond that a sitemap index would be needed. */
export const SITEMAP_MAX = 50_000;

async function entriesOf(ctx: AppContext, m: GapuraModule): Promise<SitemapEntry[]> {
  if (m.sitemap) return m.sitemap(ctx);
  const paths = [
    ...(m.nav?.portal ?? []).filter((n) => !n.when || n.when()).map((n) => n.href),
    ...(m.information ?? []).map((i) => i.href),
    ...(m.home ?? []).map((h) => h.href),
  ].map((path) => ({ path }));
  const items = m.searchItems ? (await m.searchItems(ctx)).map((i) => ({ path: i.url, lastmod: i.updatedAt ?? null })) : [];
  return [...paths, ...items];
}

export async function sitemapEntries(ctx: AppContext): Promise<SitemapEntry[]> {
  const table = pathTable(ctx.modules);
  const byPath = new Map<string, SitemapEntry>();
  for (const m of ctx.modules) {
    for (const e of await entriesOf(ctx, m)) {
      const path = e.path.split('#')[0];
      if (!path.startsWith('/') || path.startsWith('//')) continue;
      const pathname = path.split('?')[0];
      if (!isPublicPath(table, pathname) || isPrivatePath(table, pathname)) continue;
      const had = byPath.get(path);
      if (!had || (e.lastmod && (!had.lastmod || e.lastmod > had.lastmod))) byPath.set(path, { path, lastmod: e.lastmod ?? had?.lastmod ?? null });
    }
  }
  return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path)).slice(0, SITEMAP_MAX);
}

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch]!);

export function sitemapXml(baseUrl: string, entries: SitemapEntry[]): string {
  const base = baseUrl.replace(/\/$/, '');
  const urls = entries.map((e) => `<url><loc>${xmlEscape(base + e.path)}</loc>${e.lastmod ? `<lastmod>${e.lastmod.toISOString().slice(0, 10)}</lastmod>` : ''}</url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
