// What this module tells others. TO WIRE: when events land, declare the payload in the platform's
// event map and call `publish(tx, CONTACT_UPDATED, contactUpdated(...))` where service.ts says so
// (freshness reminders in the Informasi module will subscribe).
export const CONTACT_UPDATED = 'contacts.entry.updated';

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

export function contactUpdated(e: { id: number; ownerUnitId: number; kecamatanId: number | null }, change: ContactChange, at = new Date()): ContactUpdatedPayload {
  return { id: e.id, change, ownerUnitId: e.ownerUnitId, kecamatanId: e.kecamatanId, at: at.toISOString() };
}
