// What this module tells others: 'contacts.entry.updated' after every change to an entry (created,
// edited, deactivated, reactivated, confirmed as current), published inside the change's
// transaction (service.ts audit()). Freshness reminders in the Informasi module can subscribe.
export const CONTACT_UPDATED = 'contacts.entry.updated' as const;

export type ContactChange = 'created' | 'updated' | 'deactivated' | 'reactivated' | 'reviewed';

export interface ContactUpdatedPayload {
  id: number;
  change: ContactChange;
  /** the unit that keeps the entry current */
  ownerUnitId: number;
  /** the kecamatan it is listed under; null for city-wide */
  kecamatanId: number | null;
  /** ISO time of the change */
  at: string;
}

// the payload type, declared once for publisher and subscribers alike (platform/events)
declare module '../../platform/events/index.ts' {
  interface EventPayloads {
    'contacts.entry.updated': ContactUpdatedPayload;
  }
}

export function contactUpdated(e: { id: number; ownerUnitId: number; kecamatanId: number | null }, change: ContactChange, at = new Date()): ContactUpdatedPayload {
  return { id: e.id, change, ownerUnitId: e.ownerUnitId, kecamatanId: e.kecamatanId, at: at.toISOString() };
}
