// The portal menu entry /lowongan appears only while some vacancy is current (published and not
// closed by the region's date today).
import { contentFlag } from '../../platform/freshness/index.ts';
import { hasCurrent } from './service.ts';

export const lowonganContent = contentFlag((ctx) => hasCurrent(ctx));
