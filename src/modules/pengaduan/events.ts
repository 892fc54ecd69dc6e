// What this module tells others (published inside the change's transaction):
// 'pengaduan.complaint.created' when a complaint is filed through any door (open311 and the
// SP4N-LAPOR adapter subscribe), 'pengaduan.complaint.changed' at every state change.
export const COMPLAINT_CREATED = 'pengaduan.complaint.created' as const;
export const COMPLAINT_CHANGED = 'pengaduan.complaint.changed' as const;
/** the reporter answered "Sudah selesai?" with yes (satisfaction invites them to rate the handling) */
export const COMPLAINT_CONFIRMED = 'pengaduan.complaint.confirmed' as const;

export interface ComplaintConfirmedPayload {
  id: number;
  publicId: string;
  categoryCode: string;
  /** the unit that handled it */
  unitId: number;
  /** the reporter's account, null for a reporter without one */
  userId: number | null;
  at: string;
}

export interface ComplaintCreatedPayload {
  id: number;
  publicId: string;
  categoryCode: string;
  routedUnitId: number;
  kecamatanId: number | null;
  channel: string;
  /** subscribers that publish anything must skip rahasia complaints */
  rahasia: boolean;
  at: string;
}

export interface ComplaintChangedPayload {
  id: number;
  publicId: string;
  from: string;
  to: string;
  routedUnitId: number;
  rahasia: boolean;
  at: string;
}

declare module '../../platform/events/index.ts' {
  interface EventPayloads {
    'pengaduan.complaint.created': ComplaintCreatedPayload;
    'pengaduan.complaint.changed': ComplaintChangedPayload;
    'pengaduan.complaint.confirmed': ComplaintConfirmedPayload;
  }
}
