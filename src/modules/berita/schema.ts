// Input shapes of the berita module: the item form (text fields of a multipart form), the publish
// form (a local date and time, both optional: empty = now), and the public queries.
import { z } from 'zod';

export const KINDS = ['berita', 'pengumuman'] as const;
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const ItemForm = z.object({
  idem: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'field.invalid'),
  kind: z.enum(KINDS, { error: 'berita.kind.required' }),
  title: z.string().trim().min(5, 'berita.title.required').max(160, 'field.too_long'),
  slug: z.string().trim().toLowerCase().max(80, 'field.too_long').refine((v) => v === '' || SLUG.test(v), 'berita.slug.invalid'),
  summary: z.string().trim().min(10, 'berita.summary.required').max(300, 'field.too_long'),
  body: z.string().trim().min(20, 'berita.body.required').max(20_000, 'field.too_long'),
  owner: z.string().trim().min(1, 'berita.owner.required').max(60, 'field.too_long'),
  alt: z.string().trim().max(200, 'field.too_long').default(''),
});
export type ItemInput = z.infer<typeof ItemForm>;

export const PublishForm = z.object({
  tanggal: z.string().trim().refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v), 'berita.publish.date_invalid').default(''),
  jam: z.string().trim().refine((v) => v === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), 'berita.publish.time_invalid').default(''),
});

export const ListQuery = z.object({
  halaman: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  jenis: z.enum(KINDS).optional().catch(undefined),
});
export const MessageQuery = z.object({ pesan: z.enum(['dibuat', 'disimpan', 'diterbitkan', 'dijadwalkan', 'diarsipkan']).optional().catch(undefined) });
export const ImageQuery = z.object({ ukuran: z.enum(['kecil']).optional().catch(undefined) });
export const IdParam = z.coerce.number().int().positive().max(2_147_483_647);

/** A URL slug from a title: "Jalan Sudirman Ditutup 3 Hari!" → "jalan-sudirman-ditutup-3-hari". */
export function slugify(title: string): string {
  return title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 70).replace(/-+$/, '') || 'berita';
}
