// The document types by category, and the forms' and queries' schemas.
import { z } from 'zod';

export const CATEGORIES = ['peraturan', 'anggaran', 'kinerja', 'perencanaan', 'formulir'] as const;
export type Category = (typeof CATEGORIES)[number];

/** each type belongs to one category; the category follows from the type chosen */
export const TYPES: Record<string, Category> = {
  perda: 'peraturan',
  perwali: 'peraturan',
  keputusan: 'peraturan',
  instruksi: 'peraturan',
  apbd: 'anggaran',
  apbd_perubahan: 'anggaran',
  lkpd: 'anggaran',
  transparansi: 'anggaran',
  lkjip: 'kinerja',
  lppd: 'kinerja',
  rpjmd: 'perencanaan',
  renstra: 'perencanaan',
  rkpd: 'perencanaan',
  formulir: 'formulir',
};
export const TYPE_KEYS = Object.keys(TYPES) as [string, ...string[]];
export const STATUSES = ['berlaku', 'dicabut', 'diubah'] as const;
export type Status = (typeof STATUSES)[number];

const text = (max: number) => z.string().trim().max(max, 'field.too_long');

export const DocumentForm = z
  .object({
    title: text(300).min(3, 'dokumen.form.title.required'),
    doc_type: z.enum(TYPE_KEYS, 'dokumen.form.type.required'),
    number: text(40).optional().default(''),
    year: z.coerce.number('dokumen.form.year.invalid').int('dokumen.form.year.invalid').min(1945, 'dokumen.form.year.invalid').max(2100, 'dokumen.form.year.invalid'),
    status: z.enum(['', ...STATUSES], 'dokumen.form.status.required').optional().default(''),
    subject: text(2000).optional().default(''),
    owner: z.string().trim().min(1, 'dokumen.form.owner.required').max(40, 'dokumen.form.owner.required'),
    publish: z.enum(['', '1']).optional().default(''),
    kunci: z.string().max(64).optional().default(''),
  })
  .superRefine((v, ctx) => {
    // a regulation says whether it is in force; other documents have no such status
    if (TYPES[v.doc_type] === 'peraturan' && !v.status) ctx.addIssue({ code: 'custom', path: ['status'], message: 'dokumen.form.status.required' });
    if (TYPES[v.doc_type] === 'peraturan' && !v.number) ctx.addIssue({ code: 'custom', path: ['number'], message: 'dokumen.form.number.required' });
  });
export type DocumentInput = z.infer<typeof DocumentForm>;

const optionalInt = (min: number, max: number) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(min).max(max).optional()).catch(undefined);

export const PublicQuery = z.object({
  kategori: z.enum(CATEGORIES).optional().catch(undefined),
  jenis: z.enum(TYPE_KEYS).optional().catch(undefined),
  tahun: optionalInt(1945, 2100),
  q: z.string().max(200).optional().default('').catch(''),
  halaman: optionalInt(1, 10_000),
});

export const MessageQuery = z.object({ pesan: z.enum(['dibuat', 'disimpan', 'diterbitkan', 'ditarik']).optional().catch(undefined) });
export const IdParam = z.coerce.number().int().min(1).max(2_147_483_647);
