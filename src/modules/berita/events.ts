// The event berita publishes after every change to an item (inside the change's transaction).
export const BERITA_CHANGED = 'berita.item.changed';
export type BeritaChange = 'created' | 'updated' | 'published' | 'scheduled' | 'archived';

export interface BeritaChangedPayload { id: number; slug: string; change: BeritaChange; status: string; ownerUnitId: number }

declare module '../../platform/events/index.ts' {
  interface EventPayloads { 'berita.item.changed': BeritaChangedPayload }
}
