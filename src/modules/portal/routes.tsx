/** @jsxImportSource hono/jsx */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { parseQuery, query } from '../../platform/http/input.ts';
import { Layout } from '../../platform/ui/layout.tsx';
import type { SearchHit } from '../../platform/module.ts';

const SearchQuery = z.object({ q: z.string().max(200, 'portal.search.too_long').optional().default('') });

export function portalRoutes(app: Hono<Env>, ctx: AppContext) {
  app.get('/', (c) => {
    const t = c.get('t');
    const region = c.get('region');
    const cards = ctx.modules.flatMap((m) => m.home ?? []).sort((a, b) => a.order - b.order);
    return c.html(
      <Layout c={c} title={t('portal.home.title')}>
        <h1>{region.branding.name ?? region.name}</h1>
        <p class="lead">{t('portal.home.lead', { region: region.name })}</p>
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

  app.get('/cari', query('q'), async (c) => {
    const t = c.get('t');
    const { q } = parseQuery(c, SearchQuery);
    const term = q.trim();
    let hits: SearchHit[] = [];
    if (term) {
      const lists = await Promise.all(ctx.modules.map((m) => m.search?.(term, ctx, c.get('locale')) ?? Promise.resolve([])));
      hits = lists.flat().slice(0, 50);
    }
    return c.html(
      <Layout c={c} title={t('portal.search.title')}>
        <h1>{t('portal.search.title')}</h1>
        <form method="get" action="/cari" role="search">
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
            <ul>
              {hits.map((h) => (
                <li>
                  <a href={h.href}>{h.title}</a> <span class="muted">· {t(h.kind)}</span>
                  {h.snippet ? <p class="muted">{h.snippet}</p> : null}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t('portal.search.none', { q: term })}</p>
        )}
      </Layout>,
    );
  });
}
