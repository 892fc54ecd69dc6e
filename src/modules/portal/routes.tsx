/** @jsxImportSource hono/jsx */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { query } from '../../platform/http/input.ts';
import { AppError } from '../../platform/http/errors.ts';
import { Layout } from '../../platform/ui/layout.tsx';
import { offerText } from '../../platform/ui/components.tsx';
import type { SearchHit } from '../../platform/module.ts';
import { searchIndex, similarTitles, snippetParts } from '../../platform/search/index.ts';
import { sitemapEntries, sitemapXml } from './sitemap.ts';
import { authorize } from '../../platform/access/guard.ts';

const SearchQuery = z.object({
  q: z.string().max(200, 'portal.search.too_long').optional().default(''),
  // a page past the end shows the last one (a shared link outlives the results it counted)
  // one kind of result (an i18n key such as 'dokumen.search.kind.peraturan'); anything else: all
  jenis: z.string().max(80).regex(/^[a-z0-9_.]*$/).optional().catch(undefined),
  halaman: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number('portal.search.page_invalid').int('portal.search.page_invalid').min(1, 'portal.search.page_invalid').max(10_000, 'portal.search.page_invalid').default(1)),
});
const PAGE_SIZE = 20;

export function portalRoutes(app: Hono<Env>, ctx: AppContext) {
  const hasInformation = ctx.modules.some((m) => m.information?.length);
  app.get('/sitemap.xml', async (c) => {
    authorize(c, 'portal.view');
    const xml = sitemapXml(ctx.config.baseUrl, await sitemapEntries(ctx));
    return c.body(xml, 200, { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' });
  });

  app.get('/', (c) => {
    const t = c.get('t');
    const region = c.get('region');
    const cards = ctx.modules.flatMap((m) => m.home ?? []).sort((a, b) => a.order - b.order);
    // the promise lists what installed modules offer, plus the Informasi hub when it exists
    const offers = offerText(c, 'home', hasInformation ? ['portal.info.offer'] : []);
    return c.html(
      <Layout c={c} title={t('portal.home.title')}>
        <h1>{region.branding.name ?? region.name}</h1>
        <p class="lead">{offers ? t('portal.home.lead', { region: region.name, offers }) : t('portal.home.lead_plain', { region: region.name })}</p>
        {cards.length ? (
          <>
            <h2>{t('portal.home.services')}</h2>
            <ul class="cards">
              {cards.map((card) => (
                <li>
                  <h3><a href={card.href}>{t(card.title)}</a></h3>
                  <p>{t(card.body)}</p>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Layout>,
    );
  });

  const info = ctx.modules.flatMap((m) => m.information ?? []).sort((a, b) => a.order - b.order);
  if (info.length) {
    app.get('/informasi', (c) => {
      const t = c.get('t');
      return c.html(
        <Layout c={c} title={t('portal.info.title')} active="/informasi">
          <h1>{t('portal.info.title')}</h1>
          <p class="lead">{t('portal.info.lead', { region: c.get('region').name })}</p>
          <ul class="cards">
            {info.map((card) => (
              <li>
                <h2><a href={card.href}>{t(card.title)}</a></h2>
                <p>{t(card.body)}</p>
              </li>
            ))}
          </ul>
        </Layout>,
      );
    });
  }

  app.get('/cari', query('q', 'halaman', 'jenis'), async (c) => {
    const t = c.get('t');
    const parsed = SearchQuery.safeParse(c.req.query());
    // the page says which part was wrong (too long, not a page number), not only "not valid"
    if (!parsed.success) throw new AppError('validation_failed', parsed.error.issues[0].message);
    const { q, halaman, jenis } = parsed.data;
    const term = q.trim();
    const kind = jenis || undefined;
    // The modules' own hooks (pages by title and synonyms, their records), and the platform's
    // full-text index (ADR 026): one ranked list — pages first, then indexed items, then hook records.
    let hooked: SearchHit[] = [];
    if (term) {
      const lists = await Promise.all(ctx.modules.map((m) => m.search?.(term, ctx, c.get('locale')) ?? Promise.resolve([])));
      hooked = lists.flat().map((h, i) => ({ h, i })).sort((a, b) => (a.h.rank ?? 1) - (b.h.rank ?? 1) || a.i - b.i).map((x) => x.h);
    }
    const kindCounts = new Map<string, number>();
    for (const h of hooked) kindCounts.set(h.kind, (kindCounts.get(h.kind) ?? 0) + 1);
    const shownHooks = kind ? hooked.filter((h) => h.kind === kind) : hooked;
    const pagesFirst = shownHooks.filter((h) => (h.rank ?? 1) <= 0);
    const recordsAfter = shownHooks.filter((h) => (h.rank ?? 1) > 0);
    // the slice of the index this page shows, found with its true count in one call; a page past the
    // end (a shared link outlives its results) is asked again as the last page
    const A = pagesFirst.length;
    const slice = (n: number) => ({ from: (n - 1) * PAGE_SIZE, to: n * PAGE_SIZE });
    const ask = (n: number) => {
      const { from, to } = slice(n);
      return term ? searchIndex(ctx.db, term, { offset: Math.max(0, from - A), limit: Math.max(0, to - Math.max(from, A)), kind }) : Promise.resolve({ total: 0, kinds: [], hits: [] });
    };
    let indexed: Awaited<ReturnType<typeof searchIndex>> = await ask(halaman);
    const total = A + indexed.total + recordsAfter.length;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.min(halaman, pages);
    if (page !== halaman) indexed = await ask(page);
    for (const k of indexed.kinds) kindCounts.set(k.kind, (kindCounts.get(k.kind) ?? 0) + k.count);
    const { from, to } = slice(page);
    const N = indexed.total;
    const after = Math.max(0, from - A - N);
    const shown: { hit: SearchHit; parts?: { text: string; mark: boolean }[] }[] = [
      ...pagesFirst.slice(from, to).map((hit) => ({ hit })),
      ...indexed.hits.map((h) => ({ hit: { title: h.title, href: h.url, kind: h.kind }, parts: snippetParts(h.snippet) })),
      ...recordsAfter.slice(after, after + Math.max(0, to - Math.max(from, A + N))).map((hit) => ({ hit })),
    ].slice(0, PAGE_SIZE);
    const kinds = [...kindCounts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const link = (over: { halaman?: number; jenis?: string }) => {
      const p: Record<string, string> = { q: term };
      const k = 'jenis' in over ? over.jenis : kind;
      if (k) p.jenis = k;
      if (over.halaman && over.halaman > 1) p.halaman = String(over.halaman);
      return `/cari?${new URLSearchParams(p)}`;
    };
    const nothing = !!term && total === 0 && !kind;
    const similar = nothing ? await similarTitles(ctx.db, term) : [];
    const has = (id: string) => ctx.modules.some((m) => m.id === id);
    return c.html(
      <Layout c={c} title={t('portal.search.title')}>
        <h1>{t('portal.search.title')}</h1>
        <form method="get" action="/cari" role="search" class="page-search">
          <div class="field">
            <label for="q-page">{t('app.search.label')}</label>
            <input id="q-page" type="search" name="q" value={term} maxlength={200} />
          </div>
          <button type="submit">{t('app.search')}</button>
        </form>
        {!term ? (
          <p>{t('portal.search.empty')}</p>
        ) : total ? (
          <>
            <h2>{t(indexed.capped ? 'portal.search.results_more' : 'portal.search.results', { count: total, q: term })}</h2>
            {indexed.corrected ? <p>{t('portal.search.corrected', { q: indexed.corrected })}</p> : null}
            {kinds.length > 1 || kind ? (
              <nav class="facets" aria-label={t('portal.search.kinds')}>
                <ul>
                  {kind ? <li><a href={link({ jenis: undefined })}>{t('portal.search.all_kinds')}</a></li> : null}
                  {kinds.map(([k, n]) => (
                    <li>{k === kind ? <strong aria-current="true">{t(k)} ({n})</strong> : <a href={link({ jenis: k })}>{t(k)} ({n})</a>}</li>
                  ))}
                </ul>
              </nav>
            ) : null}
            {pages > 1 ? <p class="muted">{t('portal.search.page', { page, pages })}</p> : null}
            <ul class="search-results">
              {shown.map(({ hit: h, parts }) => (
                <li>
                  <a href={h.href}>{h.title}</a> <span class="muted">· {t(h.kind)}</span>
                  {parts?.length ? <p class="muted">{parts.map((x) => (x.mark ? <mark>{x.text}</mark> : x.text))}</p> : h.snippet ? <p class="muted">{h.snippet}</p> : null}
                </li>
              ))}
            </ul>
            {pages > 1 ? (
              <nav class="pager" aria-label={t('portal.search.pages')}>
                <ul>
                  {page > 1 ? <li><a href={link({ halaman: page - 1 })} rel="prev">{t('portal.search.prev')}</a></li> : null}
                  {page < pages ? <li><a href={link({ halaman: page + 1 })} rel="next">{t('portal.search.next')}</a></li> : null}
                </ul>
              </nav>
            ) : null}
          </>
        ) : (
          <>
            <p>{t(kind ? 'portal.search.none_kind' : 'portal.search.none', { q: term })}</p>
            {kind ? <p><a href={link({ jenis: undefined })}>{t('portal.search.all_kinds')}</a></p> : null}
            {similar.length ? (
              <>
                <h2>{t('portal.search.similar')}</h2>
                <ul class="search-results">
                  {similar.map((s) => <li><a href={s.url}>{s.title}</a> <span class="muted">· {t(s.kind)}</span></li>)}
                </ul>
              </>
            ) : null}
            {nothing && (has('layanan') || has('units')) ? (
              <>
                <h2>{t('portal.search.elsewhere')}</h2>
                <ul>
                  {has('layanan') ? <li><a href="/layanan">{t('portal.search.browse_services')}</a></li> : null}
                  {has('units') ? <li><a href="/instansi">{t('portal.search.browse_units')}</a></li> : null}
                </ul>
              </>
            ) : null}
          </>
        )}
      </Layout>,
    );
  });
}
