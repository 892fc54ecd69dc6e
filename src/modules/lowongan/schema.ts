// Input shapes of lowongan: the vacancy form (back office), publish/archive, and the message query.
import { z } from 'zod';

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (v: string) => DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

export const VacancyForm = z.object({
  idem: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'field.invalid'),
  position: z.string().trim().min(3, 'lowongan.position.required').max(160, 'field.too_long'),
  employer: z.string().trim().min(2, 'lowongan.employer.required').max(160, 'field.too_long'),
  location: z.string().trim().min(2, 'lowongan.location.required').max(200, 'field.too_long'),
  closingDate: z.string().trim().refine(realDate, 'lowongan.closing.invalid'),
  openings: z.string().trim().default('').refine((v) => v === '' || /^[1-9]\d{0,4}$/.test(v), 'lowongan.openings.invalid').transform((v) => (v === '' ? null : Number(v))),
  summary: z.string().trim().min(10, 'lowongan.summary.required').max(500, 'field.too_long'),
  requirements: z.string().trim().max(5000, 'field.too_long').default(''),
  howToApply: z.string().trim().min(10, 'lowongan.how.required').max(2000, 'field.too_long'),
  slug: z.string().trim().toLowerCase().max(80, 'field.too_long').refine((v) => v === '' || SLUG.test(v), 'lowongan.slug.invalid').default(''),
  owner: z.string().trim().min(1, 'lowongan.owner.required').max(60, 'field.too_long'),
});
export type VacancyInput = z.infer<typeof VacancyForm>;

export const EmptyForm = z.object({});
export const MessageQuery = z.object({ pesan: z.enum(['dibuat', 'disimpan', 'diterbitkan', 'diarsipkan']).optional().catch(undefined) });
export const IdParam = z.coerce.number().int().positive().max(2_147_483_647);

export function slugify(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 70).replace(/-+$/, '') || 'lowongan';
}
