// The portal menu entry /agenda appears only while an event is still ahead (platform/freshness contentFlag).
import { contentFlag } from '../../platform/freshness/index.ts';
import { hasUpcoming } from './service.ts';

export const agendaContent = contentFlag((ctx) => hasUpcoming(ctx));
