// The event lowongan publishes after every change to a vacancy (inside the change's transaction).
export const VACANCY_CHANGED = 'lowongan.vacancy.changed';
export type VacancyChange = 'created' | 'updated' | 'published' | 'archived';

export interface VacancyChangedPayload { id: number; slug: string; change: VacancyChange; status: string; ownerUnitId: number; closingDate: string }

declare module '../../platform/events/index.ts' {
  interface EventPayloads { 'lowongan.vacancy.changed': VacancyChangedPayload }
}
