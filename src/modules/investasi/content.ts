// The portal menu entry /investasi appears only while some opportunity is published.
import { contentFlag } from '../../platform/freshness/index.ts';
import { hasPublic } from './service.ts';

export const investasiContent = contentFlag((ctx) => hasPublic(ctx));
