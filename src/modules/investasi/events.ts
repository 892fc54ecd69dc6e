// The events investasi publishes (inside the change's transaction).
export const OPPORTUNITY_CHANGED = 'investasi.opportunity.changed';
export const INQUIRY_RECEIVED = 'investasi.inquiry.received';
export type OpportunityChange = 'created' | 'updated' | 'published' | 'archived';

export interface OpportunityChangedPayload { id: number; slug: string; change: OpportunityChange; status: string; ownerUnitId: number }
/** No personal data: the inquiry's id, its opportunity and the unit it went to. */
export interface InquiryReceivedPayload { id: number; opportunityId: number; unitId: number }

declare module '../../platform/events/index.ts' {
  interface EventPayloads {
    'investasi.opportunity.changed': OpportunityChangedPayload;
    'investasi.inquiry.received': InquiryReceivedPayload;
  }
}
