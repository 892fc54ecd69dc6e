// The public forms and queries of complaints (zod). Messages are i18n keys.
import { z } from 'zod';
import { PUBLIC_ID } from './service.ts';
import { STATES } from './repo.ts';

const id = z.coerce.number().int().positive().max(2_147_483_647);
const optionalId = z.union([z.literal('').transform(() => undefined), id]).optional();

/** Page 1: what and where. */
export const StepOneForm = z.object({
  kategori: z.string({ error: 'pengaduan.public.error.category' }).regex(/^[a-z0-9][a-z0-9-]{0,60}$/, 'pengaduan.public.error.category'),
  kecamatan: z.string({ error: 'pengaduan.public.error.kecamatan' }).regex(/^[1-9]\d{0,9}$/, 'pengaduan.public.error.kecamatan').transform(Number),
  kelurahan: optionalId,
  uraian: z.string({ error: 'pengaduan.public.error.description' }).trim().min(10, 'pengaduan.public.error.description').max(5000, 'field.too_long'),
});
export type StepOne = z.infer<typeof StepOneForm>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^(\+62|62|0)8[0-9]{7,12}$/;

/** Normalise an Indonesian mobile number to +62…; undefined when it is not one. */
export function normalPhone(v: string): string | undefined {
  const s = v.replace(/[\s.-]/g, '');
  if (!PHONE.test(s)) return undefined;
  return `+62${s.replace(/^(\+62|62|0)/, '')}`;
}

export type Contact = { email: string } | { phone: string };

/** An email address or a mobile number, told apart by the @. */
export function parseContact(v: string): Contact | undefined {
  const s = v.trim();
  if (s.includes('@')) return EMAIL.test(s) && s.length <= 200 ? { email: s.toLowerCase() } : undefined;
  const p = normalPhone(s);
  return p ? { phone: p } : undefined;
}

/** Page 2: address, privacy, the contact to follow it (not signed in), the form's key. Photos come as files. */
export const StepTwoForm = StepOneForm.extend({
  alamat: z.string().trim().max(300, 'field.too_long').default(''),
  privasi: z.enum(['biasa', 'anonim', 'rahasia'], 'pengaduan.public.error.privacy'),
  kontak: z.string().trim().max(200, 'field.too_long').default(''),
  kunci: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'pengaduan.public.error.expired'),
  // the map pin (map/index.ts checkPoint decides whether it lies in the region)
  lintang: z.string().max(20, 'pengaduan.map.error.invalid').default(''),
  bujur: z.string().max(20, 'pengaduan.map.error.invalid').default(''),
});
export type StepTwo = z.infer<typeof StepTwoForm>;

export const AnswerForm = z.object({
  selesai: z.enum(['ya', 'belum'], 'pengaduan.public.error.answer'),
  alasan: z.string().trim().max(2000, 'field.too_long').default(''),
}).superRefine((v, ctx) => {
  if (v.selesai === 'belum' && v.alasan.length < 5) ctx.addIssue({ code: 'custom', path: ['alasan'], message: 'pengaduan.public.error.reason' });
});

export const FollowForm = z.object({ kontak: z.string().trim().max(200, 'field.too_long').default('') });

export const PublicIdParam = z.string().regex(PUBLIC_ID);
export const TokenParam = z.string().regex(/^[A-Za-z0-9_-]{32}$/);

const date = z.union([z.literal('').transform(() => undefined), z.string().regex(/^\d{4}-\d{2}-\d{2}$/).transform((s) => s)]).optional().catch(undefined);

export const ListQuery = z.object({
  kategori: z.string().regex(/^[a-z0-9][a-z0-9-]{0,60}$/).optional().catch(undefined),
  kecamatan: z.string().regex(/^[0-9a-z.-]{1,60}$/).optional().catch(undefined),
  status: z.enum(STATES).optional().catch(undefined),
  dari: date,
  sampai: date,
  hal: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type ListFilter = z.infer<typeof ListQuery>;

export const FeedQuery = z.object({
  kecamatan: z.string().regex(/^[0-9a-z.-]{1,60}$/).optional().catch(undefined),
  kategori: z.string().regex(/^[a-z0-9][a-z0-9-]{0,60}$/).optional().catch(undefined),
});

export const PageQuery = z.object({ pesan: z.enum(['terkirim', 'diikuti', 'dijawab', 'dibuka']).optional().catch(undefined) });
export const PhotoQuery = z.object({ ukuran: z.enum(['kecil']).optional().catch(undefined) });
export const TrackQuery = PageQuery.extend({ baru: z.enum(['1']).optional().catch(undefined) });
