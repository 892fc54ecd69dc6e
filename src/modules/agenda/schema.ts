// Input shapes of the agenda: the event form (local dates and times in the region's zone; an
// all-day event needs no times) and the public queries.
import { z } from 'zod';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const optional = (re: RegExp, key: string) => z.string().trim().refine((v) => v === '' || re.test(v), key).default('');

export const EventForm = z.object({
  idem: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'field.invalid'),
  title: z.string().trim().min(5, 'agenda.title.required').max(160, 'field.too_long'),
  description: z.string().trim().max(5000, 'field.too_long').default(''),
  location: z.string().trim().min(3, 'agenda.location.required').max(200, 'field.too_long'),
  organiser: z.string().trim().min(1, 'agenda.organiser.required').max(60, 'field.too_long'),
  all_day: z.enum(['1']).optional(),
  start_date: z.string().trim().regex(DATE, 'agenda.date.invalid'),
  start_time: optional(TIME, 'agenda.time.invalid'),
  end_date: optional(DATE, 'agenda.date.invalid'),
  end_time: optional(TIME, 'agenda.time.invalid'),
});
export type EventInput = z.infer<typeof EventForm>;

export const StatusForm = z.object({ status: z.enum(['scheduled', 'cancelled'], { error: 'field.invalid' }) });
export const ListQuery = z.object({ waktu: z.enum(['lalu']).optional().catch(undefined) });
export const MessageQuery = z.object({ pesan: z.enum(['dibuat', 'disimpan', 'dibatalkan', 'dijadwalkan', 'dihapus']).optional().catch(undefined) });
export const IdParam = z.coerce.number().int().positive().max(2_147_483_647);
