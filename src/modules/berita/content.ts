// The portal menu entry /berita appears only while some item is public (platform/freshness contentFlag).
import { contentFlag } from '../../platform/freshness/index.ts';
import { hasPublic } from './service.ts';

export const beritaContent = contentFlag((ctx) => hasPublic(ctx));
