// The event the agenda publishes after every change to an event (inside the change's transaction).
export const AGENDA_CHANGED = 'agenda.event.changed';
export type AgendaChange = 'created' | 'updated' | 'cancelled' | 'restored' | 'deleted';

export interface AgendaChangedPayload { id: number; change: AgendaChange; status: string; organiserUnitId: number; startsAt: string }

declare module '../../platform/events/index.ts' {
  interface EventPayloads { 'agenda.event.changed': AgendaChangedPayload }
}
