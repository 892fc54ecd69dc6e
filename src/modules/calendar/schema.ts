// Form and query shapes for the calendar pages. Messages are i18n keys (see locales.ts).
import { z } from 'zod';
import { HOLIDAY_KINDS, isIsoDate, type HolidayKind } from '../../platform/calendar/holidays.ts';

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2099;

/**
 * A date as staff type it: '20/03/2026', '20-3-2026', '20.03.2026' (day first, as written in
 * Indonesia) or ISO '2026-03-20'. Returns 'YYYY-MM-DD', or null when no such day exists.
 */
export function parseDateInput(s: string): string | null {
  const v = s.trim();
  let y: string, m: string, d: string;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (match) [, y, m, d] = match as unknown as [string, string, string, string];
  else {
    match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
    if (!match) return null;
    [, d, m, y] = match as unknown as [string, string, string, string];
  }
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

export const HolidayFormSchema = z.object({
  date: z
    .string({ error: 'calendar.date.required' })
    .trim()
    .min(1, 'calendar.date.required')
    .transform((s, ctx) => {
      const iso = parseDateInput(s);
      if (!iso) {
        ctx.addIssue({ code: 'custom', message: 'calendar.date.invalid' });
        return z.NEVER;
      }
      const year = Number(iso.slice(0, 4));
      if (year < MIN_YEAR || year > MAX_YEAR) {
        ctx.addIssue({ code: 'custom', message: 'calendar.date.range' });
        return z.NEVER;
      }
      return iso;
    }),
  name: z.string({ error: 'calendar.name.required' }).trim().min(1, 'calendar.name.required').max(200, 'calendar.name.too_long'),
  kind: z.enum(HOLIDAY_KINDS as [HolidayKind, ...HolidayKind[]], { error: 'calendar.kind.required' }),
  // an unticked checkbox sends nothing
  provisional: z
    .string()
    .optional()
    .transform((v) => v === '1' || v === 'on'),
});
export type HolidayInput = z.infer<typeof HolidayFormSchema>;

const Year = z.coerce.number({ error: 'calendar.year.invalid' }).int('calendar.year.invalid').min(MIN_YEAR, 'calendar.year.invalid').max(MAX_YEAR, 'calendar.year.invalid');

export const YearQuery = z.object({
  tahun: Year.optional(),
  /** which confirmation to show after a redirect */
  pesan: z.enum(['ditambah', 'diubah', 'dihapus']).optional(),
});
