// The audit list's filters, read from the query string (a GET form, so a filtered view is a link
// one can share). Blank fields mean "no filter". Messages are i18n keys (locales.ts).
import { z } from 'zod';
import { isIsoDate } from '../../platform/calendar/holidays.ts';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** 'YYYY-MM-DD' (what <input type="date"> sends) or '20/03/2026' as typed by hand → 'YYYY-MM-DD'. */
function toIsoDate(v: string): string | null {
  const s = v.trim();
  if (isIsoDate(s)) return s;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

const text = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max, 'field.too_long').optional());
const day = z.preprocess(
  blankToUndefined,
  z
    .string()
    .max(10, 'audit.filter.date_invalid')
    .transform((v, ctx) => {
      const iso = toIsoDate(v);
      if (!iso) ctx.addIssue({ code: 'custom', message: 'audit.filter.date_invalid' });
      return iso ?? v;
    })
    .optional(),
);

export const AuditQuery = z
  .object({
    aksi: text(100),
    jenis: text(100),
    subjek: text(200),
    dari: day,
    sampai: day,
    halaman: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10_000).default(1)),
  })
  .refine((q) => !q.dari || !q.sampai || q.dari <= q.sampai, { path: ['sampai'], error: 'audit.filter.range_invalid' });

export type AuditQuery = z.infer<typeof AuditQuery>;
export const AUDIT_QUERY_KEYS = ['aksi', 'jenis', 'subjek', 'dari', 'sampai', 'halaman'] as const;
