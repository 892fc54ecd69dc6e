// Input shapes: the back-office form (messages are i18n keys) and the public API (these feed
// /openapi.json). Phone numbers are normalised here, at the edge, so the service only sees +62….
import { z } from 'zod';
import { z as oz } from '@hono/zod-openapi';
import { normalisePhone, normaliseWhatsapp } from './phone.ts';

/** In the order the public page lists them: 112 first. */
export const CATEGORIES = ['emergency', 'police', 'fire', 'ambulance', 'hearse', 'disaster', 'health', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

/** One line of text: no control characters (NUL, newlines) — they have no place in a name or a note. */
const line = (max: number) =>
  z.string().trim().max(max, 'field.too_long').refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'field.invalid');

/** A dialable number in its stored form (see phone.ts), or the field's error key. */
const phone = (normalise: (v: string) => string | null, invalid: string) =>
  z
    .string()
    .trim()
    .max(30, 'field.too_long')
    .transform((v, ctx) => {
      const n = normalise(v);
      if (n !== null) return n;
      ctx.addIssue({ code: 'custom', message: invalid });
      return z.NEVER;
    });

export const ContactForm = z.object({
  category: z.enum(CATEGORIES, 'contacts.category.required'),
  name: line(120).pipe(z.string().min(1, 'contacts.name.required')),
  phone: z.string().trim().min(1, 'contacts.phone.required').pipe(phone(normalisePhone, 'contacts.phone.invalid')),
  /** optional: empty means no WhatsApp */
  whatsapp: phone((v) => (v === '' ? '' : normaliseWhatsapp(v)), 'contacts.whatsapp.invalid').default('').transform((v) => v || null),
  /** a kecamatan code; empty = the whole city */
  kecamatan: line(80).default(''),
  owner: line(80).pipe(z.string().min(1, 'contacts.owner.required')),
  note: line(200).default(''),
  source: line(200).default(''),
});
export type ContactInput = z.infer<typeof ContactForm>;

export const StatusForm = z.object({ active: z.enum(['0', '1']) });
export const MessageQuery = z.object({ pesan: z.enum(['dibuat', 'disimpan', 'dinonaktifkan', 'diaktifkan', 'diperiksa']).optional() });
export const IdParam = z.coerce.number().int().positive().max(2_147_483_647);

/** Unit codes are dotted letters, digits and dashes ("16.71.07"); anything else is not worth echoing back. */
const UNIT_CODE = /^[0-9A-Za-z.-]*$/;

/** ?kecamatan=<code> on the public page; empty means "not chosen". */
export const PublicQuery = z.object({ kecamatan: z.string().trim().max(80, 'field.too_long').regex(UNIT_CODE, 'field.invalid').optional().default('') });

// ---- the public JSON API
export const ApiContact = oz
  .object({
    id: oz.number().int(),
    category: oz.enum(CATEGORIES),
    name: oz.string().openapi({ example: 'Layanan Panggilan Darurat 112' }),
    phone: oz.string().openapi({ example: '112', description: "'+62…' or a national short number" }),
    tel: oz.string().openapi({ example: 'tel:112' }),
    whatsapp: oz.string().nullable().openapi({ example: '+6281234567890' }),
    whatsappUrl: oz.string().nullable().openapi({ example: 'https://wa.me/6281234567890' }),
    note: oz.string(),
    source: oz.string(),
    kecamatan: oz.object({ code: oz.string(), name: oz.string() }).nullable().openapi({ description: 'null: city-wide' }),
    owner: oz.object({ code: oz.string(), name: oz.string() }).openapi({ description: 'the unit that keeps this entry current' }),
    example: oz.boolean().openapi({ description: 'demo data, not a real number' }),
    reviewedAt: oz.string().openapi({ example: '2026-11-22T03:00:00.000Z', description: 'last edited or confirmed' }),
    stale: oz.boolean().openapi({ description: 'not reviewed within the review period' }),
  })
  .openapi('EmergencyContact');

export const ApiContactList = oz
  .object({
    reviewDays: oz.number().int().openapi({ description: 'entries not reviewed for this many days are stale' }),
    contacts: oz.array(ApiContact),
  })
  .openapi('EmergencyContactList');

export const ApiQuery = oz
  .object({
    kecamatan: oz.string().max(80).regex(UNIT_CODE).optional().openapi({ description: 'a kecamatan code: its entries after the city-wide ones', example: '16.71.07' }),
  })
  .strict();
