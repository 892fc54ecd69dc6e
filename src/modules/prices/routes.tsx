/** @jsxImportSource hono/jsx */
// Pages: /harga-pangan and its charts, the trade office's entry and import, the freshness board.
// Thin: parse → authorize → one service call → render or redirect.
import crypto from 'node:crypto';
import type { Hono } from 'hono';
import { authorize, authorizeOr404 } from '../../platform/access/guard.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseForm, parseQuery, query } from '../../platform/http/input.ts';
import { freshnessOf } from '../../platform/freshness/index.ts';
import { CommodityParam, IdParam, ImportForm, MarketQuery, MessageQuery, PriceForm } from './schema.ts';
import * as service from './service.ts';
import { freshnessBoard } from './freshness.ts';
import { ChartPage, TablePage } from './views/public.tsx';
import { BOARD_PATH, BoardPage, EntryPage, IMPORT_PATH, ImportPage, ProgressPage, STAFF_PATH } from './views/staff.tsx';
import type { FieldErrors, FormData } from '../../platform/http/input.ts';
import type { Context } from 'hono';
import { pricesContent } from './content.ts';

export function priceRoutes(app: Hono<Env>, ctx: AppContext) {
  const ownerFreshness = async (c: Context<Env>, unitId?: number) =>
    unitId === undefined ? freshnessOf(ctx, { updatedAt: null, cadence: service.CADENCE }, ctx.clock.now(), c.get('locale')) : (await service.freshnessOfOwner(ctx, unitId, c.get('locale'))).freshness;

  // ---- public
  app.get(service.PUBLIC_PATH, query('pasar'), async (c) => {
    authorize(c, 'prices.view');
    const q = parseQuery(c, MarketQuery);
    const markets = await service.allMarkets(ctx.db);
    const { market, unknown } = service.pickMarket(markets, q.pasar);
    const table = market ? await service.marketTable(ctx.db, market) : undefined;
    if (unknown) c.status(404);
    return c.html(<TablePage c={c} markets={markets} table={table} freshness={await ownerFreshness(c, market?.ownerUnitId)} unknown={unknown} />);
  });

  app.get(`${service.PUBLIC_PATH}/:commodity`, query('pasar'), async (c) => {
    authorize(c, 'prices.view');
    const code = CommodityParam.safeParse(c.req.param('commodity'));
    const q = parseQuery(c, MarketQuery);
    const [list, markets] = await Promise.all([service.allCommodities(ctx.db), service.allMarkets(ctx.db)]);
    const commodity = code.success ? list.find((k) => k.code === code.data) : undefined;
    const { market, unknown } = service.pickMarket(markets, q.pasar);
    if (!commodity || !market || unknown) throw new AppError('not_found', 'error.not_found');
    const series = await service.commoditySeries(ctx, commodity, market);
    return c.html(<ChartPage c={c} commodity={commodity} market={market} markets={markets} series={series} freshness={await ownerFreshness(c, market.ownerUnitId)} />);
  });

  // ---- back office
  const entry = async (c: Context<Env>, code: string | undefined, values: FormData, errors: FieldErrors, status: 200 | 422 = 200, saved = false) => {
    const markets = await service.marketsFor(ctx.db, c.get('actor'));
    const market = service.pickMarket(markets, code).market;
    const [commodities, today] = await Promise.all([service.allCommodities(ctx.db), service.today(ctx)]);
    const previous = market ? (await service.marketTable(ctx.db, market)).rows.filter((r) => r.price !== undefined).map((r) => ({ commodityId: r.commodity.id, marketId: market.id, day: '', price: r.price!, updatedAt: new Date() })) : [];
    let vals = values;
    if (market && status === 200) {
      // today's prices already entered are shown for correction
      const table = await service.marketTable(ctx.db, market);
      vals = table.day === today ? Object.fromEntries(table.rows.filter((r) => r.price !== undefined).map((r) => [service.cell(r.commodity.code), String(r.price)])) : {};
    }
    c.status(status);
    return c.html(<EntryPage c={c} markets={markets} market={market} commodities={commodities} today={today} previous={previous} values={vals} errors={errors} freshness={await ownerFreshness(c, market?.ownerUnitId)} saved={saved} />);
  };

  app.get(STAFF_PATH, query('pasar', 'pesan'), async (c) => {
    authorize(c, 'prices.enter');
    const q = parseQuery(c, MessageQuery);
    return entry(c, q.pasar, {}, {}, 200, q.pesan === 'disimpan');
  });

  app.post(STAFF_PATH, async (c) => {
    authorize(c, 'prices.enter');
    const r = await parseForm(c, PriceForm);
    if (!r.ok) return entry(c, r.values.market, r.values, r.errors, 422);
    const market = (await service.allMarkets(ctx.db)).find((m) => m.code === r.data.market);
    // a market outside the officer's unit is answered as if it did not exist
    authorizeOr404(c, 'prices.enter', market ? { unitPath: market.ownerPath } : undefined);
    const saved = await service.enterPrices(ctx, c.get('actor'), actorFromRequest(c), market!, r.values);
    if (!saved.ok) return entry(c, market!.code, r.values, saved.errors, 422);
    await pricesContent.refresh(ctx);
    return c.redirect(`${STAFF_PATH}?pasar=${market!.code}&pesan=disimpan`, 303);
  });

  const importForm = (c: Context<Env>, values: FormData, errors: FieldErrors, rowErrors: service.ImportError[], status: 200 | 422 = 200) => {
    c.status(status);
    return c.html(<ImportPage c={c} values={{ ...values, idem: values.idem || crypto.randomBytes(12).toString('base64url') }} errors={errors} rowErrors={rowErrors} />);
  };

  app.get(IMPORT_PATH, async (c) => {
    authorize(c, 'prices.enter');
    return importForm(c, {}, {}, []);
  });

  app.post(IMPORT_PATH, async (c) => {
    authorize(c, 'prices.enter');
    const r = await parseForm(c, ImportForm);
    if (!r.ok) return importForm(c, r.values, r.errors, [], 422);
    const checked = await service.checkCsv(ctx, c.get('actor'), r.data.csv);
    if (checked.errors.length) return importForm(c, r.values, {}, checked.errors, 422);
    const id = await service.startImport(ctx, c.get('actor'), actorFromRequest(c), r.data.idem, checked.rows);
    return c.redirect(`${IMPORT_PATH}/${id}`, 303);
  });

  app.get(`${IMPORT_PATH}/:id`, async (c) => {
    const id = IdParam.safeParse(c.req.param('id'));
    const imp = id.success ? await service.findImport(ctx.db, id.data) : undefined;
    authorizeOr404(c, 'prices.enter', imp ? { unitPath: imp.unitPath } : undefined);
    // the page reloads itself (Refresh header, no JavaScript) until the job is done
    if (imp!.status !== 'done') c.header('Refresh', '2');
    else await pricesContent.refresh(ctx);
    return c.html(<ProgressPage c={c} imp={imp!} />);
  });

  app.get(BOARD_PATH, async (c) => {
    authorize(c, 'prices.freshness_board');
    return c.html(<BoardPage c={c} units={await freshnessBoard(ctx, c.get('locale'))} />);
  });
}
