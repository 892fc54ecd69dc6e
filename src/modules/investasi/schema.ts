// Input shapes of investasi: the opportunity form (back office), the publish/archive forms, the
// investor's inquiry form and the public filters.
import { z } from 'zod';

export const SECTORS = ['industri', 'perdagangan', 'pariwisata', 'infrastruktur', 'energi', 'pertanian', 'perikanan', 'properti', 'lainnya'] as const;
export const STAGES = ['tersedia', 'negosiasi', 'terealisasi'] as const;
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const IDEM = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'field.invalid');

/** "Rp 1.250.000.000", "1250000000", "1,25 M" is refused: digits with optional dots/spaces only. */
const rupiah = z.string().default('').transform((v) => v.trim()).transform((v) => v.replace(/^rp\.?\s*/i, '').replace(/[.\s]/g, ''))
  .refine((v) => v === '' || /^\d{1,15}$/.test(v), 'investasi.value.invalid')
  .transform((v) => (v === '' ? null : Number(v)));

export const OpportunityForm = z.object({
  idem: IDEM,
  title: z.string().trim().min(5, 'investasi.title.required').max(160, 'field.too_long'),
  slug: z.string().trim().toLowerCase().max(80, 'field.too_long').refine((v) => v === '' || SLUG.test(v), 'investasi.slug.invalid').default(''),
  sector: z.enum(SECTORS, { error: 'investasi.sector.required' }),
  kecamatan: z.string().trim().max(40, 'field.too_long').default(''),
  location: z.string().trim().min(3, 'investasi.location.required').max(200, 'field.too_long'),
  value: rupiah,
  stage: z.enum(STAGES, { error: 'investasi.stage.required' }),
  summary: z.string().trim().min(10, 'investasi.summary.required').max(300, 'field.too_long'),
  body: z.string().trim().max(10_000, 'field.too_long').default(''),
  contactName: z.string().trim().min(3, 'investasi.contact.required').max(120, 'field.too_long'),
  contactEmail: z.string().trim().max(200, 'field.too_long').refine((v) => v === '' || z.email().safeParse(v).success, 'investasi.email.invalid').default(''),
  contactPhone: z.string().trim().max(30, 'field.too_long').refine((v) => v === '' || /^\+?[0-9 ()-]{6,30}$/.test(v), 'investasi.phone.invalid').default(''),
  owner: z.string().trim().min(1, 'investasi.owner.required').max(60, 'field.too_long'),
});
export type OpportunityInput = z.infer<typeof OpportunityForm>;

export const InquiryForm = z.object({
  idem: IDEM,
  name: z.string().trim().min(2, 'investasi.inquiry.name.required').max(120, 'field.too_long'),
  email: z.string().trim().max(200, 'field.too_long').refine((v) => v === '' || z.email().safeParse(v).success, 'investasi.email.invalid').default(''),
  phone: z.string().trim().max(30, 'field.too_long').refine((v) => v === '' || /^\+?[0-9 ()-]{6,30}$/.test(v), 'investasi.phone.invalid').default(''),
  organisation: z.string().trim().max(160, 'field.too_long').default(''),
  message: z.string().trim().min(10, 'investasi.inquiry.message.required').max(4000, 'field.too_long'),
});
export type InquiryInput = z.infer<typeof InquiryForm>;

export const EmptyForm = z.object({});

export const ListQuery = z.object({
  sektor: z.enum(SECTORS).optional().catch(undefined),
  kecamatan: z.string().trim().regex(/^[0-9.]{2,20}$/).optional().catch(undefined),
  status: z.enum(STAGES).optional().catch(undefined),
});
export const MessageQuery = z.object({ pesan: z.enum(['dibuat', 'disimpan', 'diterbitkan', 'diarsipkan', 'ditangani']).optional().catch(undefined) });
export const IdParam = z.coerce.number().int().positive().max(2_147_483_647);

export function slugify(title: string): string {
  return title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 70).replace(/-+$/, '') || 'peluang';
}
