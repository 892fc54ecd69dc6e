// The portal menu entry /harga-pangan appears only once some prices exist (platform/freshness contentFlag).
import { contentFlag } from '../../platform/freshness/index.ts';
import { anyPrices } from './repo.ts';

export const pricesContent = contentFlag((ctx) => anyPrices(ctx.db));
