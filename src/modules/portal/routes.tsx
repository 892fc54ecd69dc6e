/** @jsxImportSource hono/jsx */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { query } from '../../platform/http/input.ts';
import { AppError } from '../../platform/http/errors.ts';
import { Layout } from '../../platform/ui/layout.tsx';
import { offerText } from '../../platform/ui/components.tsx';
import type { SearchHit } from '../../platform/module.ts';

const SearchQuery = z.object({
  q: z.string().max(200, 'portal.search.too_long').optional().default(''),
  // a page past the end shows the last one (a shared link outlives the results it counted)
  halaman: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number('portal.search.page_invalid').int('portal.search.page_invalid').min(1, 'portal.search.page_invalid').max(10_000, 'portal.search.page_invalid').default(1)),
});
const PAGE_SIZE = 20;

export function portalRoutes(app: Hono<Env>, ctx: AppContext) {
  const hasInformation = ctx.modules.some((m) => m.information?.length);
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

  app.get('/cari', query('q', 'halaman'), async (c) => {
    const t = c.get('t');
    const parsed = SearchQuery.safeParse(c.req.query());
    // the page says which part was wrong (too long, not a page number), not only "not valid"
    if (!parsed.success) throw new AppError('validation_failed', parsed.error.issues[0].message);
    const { q, halaman } = parsed.data;
    const term = q.trim();
    let hits: SearchHit[] = [];
    if (term) {
      const lists = await Promise.all(ctx.modules.map((m) => m.search?.(term, ctx, c.get('locale')) ?? Promise.resolve([])));
      // pages first (the holiday list, the directory), then records; each module's order kept
      hits = lists.flat().map((h, i) => ({ h, i })).sort((a, b) => (a.h.rank ?? 1) - (b.h.rank ?? 1) || a.i - b.i).map((x) => x.h);
    }
    const pages = Math.max(1, Math.ceil(hits.length / PAGE_SIZE));
    const page = Math.min(halaman, pages);
    const shown = hits.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const href = (n: number) => `/cari?${new URLSearchParams(n > 1 ? { q: term, halaman: String(n) } : { q: term })}`;
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
        ) : hits.length ? (
          <>
            <h2>{t('portal.search.results', { count: hits.length, q: term })}</h2>
            {pages > 1 ? <p class="muted">{t('portal.search.page', { page, pages })}</p> : null}
            <ul class="search-results">
              {shown.map((h) => (
                <li>
                  <a href={h.href}>{h.title}</a> <span class="muted">· {t(h.kind)}</span>
                  {h.snippet ? <p class="muted">{h.snippet}</p> : null}
                </li>
              ))}
            </ul>
            {pages > 1 ? (
              <nav class="pager" aria-label={t('portal.search.pages')}>
                <ul>
                  {page > 1 ? <li><a href={href(page - 1)} rel="prev">{t('portal.search.prev')}</a></li> : null}
                  {page < pages ? <li><a href={href(page + 1)} rel="next">{t('portal.search.next')}</a></li> : null}
                </ul>
              </nav>
            ) : null}
          </>
        ) : (
          <p>{t('portal.search.none', { q: term })}</p>
        )}
      </Layout>,
    );
  });
}
