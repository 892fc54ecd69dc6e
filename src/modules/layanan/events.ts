// What the layanan (services) module tells others. Declared here, in the publisher's folder, once for
// publisher and subscribers alike (platform/events). The satisfaction module subscribes to
// 'layanan.application.decided' to invite the citizen to rate the service (IKM).
export interface ApplicationDecidedPayload {
  applicationId: number;
  /** the tracking number the citizen knows it by */
  trackingNumber: string;
  serviceSlug: string;
  /** the unit that handled it (kelurahan, kecamatan, OPD) */
  unitId: number;
  /** the citizen's account; null for a counter (walk-in) application not yet claimed */
  userId: number | null;
  outcome: 'issued' | 'rejected';
  /** ISO time of the decision */
  at: string;
}

/** A unit admin changed a service's standard (deadline, cost, requirements or whether it is offered):
 *  what was said about the service elsewhere (the consultation module's FAQ) needs a review. */
export interface ServiceStandardChangedPayload {
  slug: string;
  /** the standard's fields that changed: 'deadlineDays' | 'costRupiah' | 'requirements' | 'active' */
  fields: string[];
  /** ISO time of the change */
  at: string;
}

declare module '../../platform/events/index.ts' {
  interface EventPayloads {
    'layanan.application.decided': ApplicationDecidedPayload;
    'layanan.service.standard_changed': ServiceStandardChangedPayload;
  }
}
