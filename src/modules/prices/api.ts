// GET /api/v1/staple-prices[?market=<code>]: the newest prices of each market with the price a week
// earlier, documented at /openapi.json.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { ErrorSchema } from '../../platform/http/app.tsx';
import { query } from '../../platform/http/input.ts';
import { authorize } from '../../platform/access/guard.ts';
import { AppError } from '../../platform/http/errors.ts';
import { ApiPriceList, ApiQuery } from './schema.ts';
import * as service from './service.ts';

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/staple-prices',
  summary: 'Staple-food prices: the newest day of each market, with the price a week earlier',
  tags: ['Staple-food prices'],
  middleware: [query('market')] as const,
  request: { query: ApiQuery },
  responses: {
    200: { description: 'Prices per market and commodity', content: { 'application/json': { schema: ApiPriceList } } },
    400: errorResponse('An unknown query parameter'),
    404: errorResponse('No market has this code'),
    422: errorResponse('A query parameter with a bad value'),
  },
});

export function pricesApi(api: OpenAPIHono<Env>, ctx: AppContext) {
  api.openapi(listRoute, async (c) => {
    authorize(c, 'prices.view');
    const q = c.req.valid('query');
    const all = await service.allMarkets(ctx.db);
    const markets = q.market ? all.filter((m) => m.code === q.market) : all;
    if (q.market && !markets.length) throw new AppError('not_found', 'error.not_found');
    const prices = [];
    let updatedAt: Date | null = null;
    let stale = false;
    for (const m of markets) {
      const table = await service.marketTable(ctx.db, m);
      const f = await service.freshnessOfOwner(ctx, m.ownerUnitId, 'en');
      if (f.updatedAt && (!updatedAt || f.updatedAt > updatedAt)) updatedAt = f.updatedAt;
      stale ||= f.freshness.state === 'stale';
      for (const r of table.rows) {
        if (r.price === undefined) continue;
        prices.push({ commodity: r.commodity.code, commodityName: r.commodity.name, unit: r.commodity.unit, market: m.code, marketName: m.name, day: table.day!, price: r.price, weekAgo: r.weekAgo ?? null });
      }
    }
    return c.json({ updatedAt: updatedAt?.toISOString() ?? null, stale, prices }, 200);
  });
}
