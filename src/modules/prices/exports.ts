// The open-data dataset: every price entered, one row per day × market × commodity.
import type { DatasetSpec } from '../../platform/module.ts';
import { allPrices } from './repo.ts';

export const pricesExport: DatasetSpec = {
  title: 'prices.export.title',
  description: 'prices.export.description',
  fields: [
    { name: 'day', type: 'date', description: 'prices.export.day' },
    { name: 'market', type: 'string', description: 'prices.export.market' },
    { name: 'market_name', type: 'string' },
    { name: 'commodity', type: 'string', description: 'prices.export.commodity' },
    { name: 'commodity_name', type: 'string' },
    { name: 'unit', type: 'string', description: 'prices.export.unit' },
    { name: 'price', type: 'integer', description: 'prices.export.price' },
    { name: 'updated_at', type: 'datetime' },
  ],
  async rows(ctx) {
    return (await allPrices(ctx.db)).map((r) => ({
      day: r.day, market: r.market, market_name: r.marketName, commodity: r.commodity, commodity_name: r.commodityName, unit: r.unit, price: r.price,
      updated_at: new Date(r.updatedAt).toISOString(),
    }));
  },
};
