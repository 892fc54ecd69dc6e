// Input shapes: the price form (one input per commodity, rupiah), the CSV import form, the queries,
// and the API shapes that feed /openapi.json. Messages are i18n keys.
import { z } from 'zod';
import { z as oz } from '@hono/zod-openapi';

const CODE = /^[a-z0-9-]{1,60}$/;

/** "15000", "15.000", "Rp 15.000" → 15000; null when it is not a whole number of rupiah. */
export function parseRupiah(raw: string): number | null {
  const v = raw.trim().replace(/^rp\.?\s*/i, '');
  if (/^\d{1,9}$/.test(v)) return Number(v);
  if (/^\d{1,3}(\.\d{3}){1,2}$/.test(v)) return Number(v.replace(/\./g, ''));
  return null;
}
export const MIN_PRICE = 100;
export const MAX_PRICE = 10_000_000;

/** The error key for one price cell, or undefined when it is fine (empty = not entered). */
export function priceError(raw: string): string | undefined {
  if (!raw.trim()) return undefined;
  const n = parseRupiah(raw);
  if (n === null) return 'prices.price.invalid';
  if (n < MIN_PRICE || n > MAX_PRICE) return 'prices.price.range';
  return undefined;
}

/** The price form: `market`, the idempotency key and `p_<commodity code>` cells (checked in the service). */
export const PriceForm = z.object({
  market: z.string().trim().regex(CODE, 'prices.market.required'),
}).catchall(z.string().max(200, 'field.too_long'));

export const ImportForm = z.object({
  idem: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'field.invalid'),
  csv: z.string().max(250_000, 'prices.import.too_big').refine((v) => v.trim().length > 0, 'prices.import.empty'),
});

export const MarketQuery = z.object({ pasar: z.string().trim().regex(CODE).optional().catch(undefined) });
export const MessageQuery = z.object({ pesan: z.enum(['disimpan']).optional().catch(undefined), pasar: z.string().trim().regex(CODE).optional().catch(undefined) });
export const CommodityParam = z.string().regex(CODE);
export const IdParam = z.coerce.number().int().positive().max(2_147_483_647);

// ---- the public JSON API
export const ApiPrice = oz.object({
  commodity: oz.string().openapi({ example: 'beras-medium' }),
  commodityName: oz.string().openapi({ example: 'Beras medium' }),
  unit: oz.enum(['kg', 'liter']),
  market: oz.string().openapi({ example: 'pasar-16-ilir' }),
  marketName: oz.string(),
  day: oz.string().openapi({ example: '2026-12-01', description: 'local date of the price' }),
  price: oz.number().int().openapi({ example: 13500, description: 'rupiah per unit' }),
  weekAgo: oz.number().int().nullable().openapi({ description: 'the price 7 days before (or the newest before that), null when none' }),
}).openapi('StaplePrice');

export const ApiPriceList = oz.object({
  updatedAt: oz.string().nullable().openapi({ description: 'last time the trade office entered prices (ISO 8601)' }),
  stale: oz.boolean().openapi({ description: 'past the cadence: not updated on the last working day' }),
  prices: oz.array(ApiPrice),
}).openapi('StaplePriceList');

export const ApiQuery = oz.object({
  market: oz.string().regex(CODE).optional().openapi({ description: 'a market code; all markets when absent', example: 'pasar-16-ilir' }),
}).strict();
