// Input shapes: back-office forms (messages are i18n keys) and the public API (these feed /openapi.json).
import { z } from 'zod';
import { z as oz } from '@hono/zod-openapi';
import { HEX_COLOR } from '../../platform/region/branding.ts';

export const EDITABLE_KINDS = ['kecamatan', 'kelurahan', 'desa', 'opd'] as const;
export const ALL_KINDS = ['region', ...EDITABLE_KINDS] as const;
export type EditableKind = (typeof EDITABLE_KINDS)[number];

/** Unit codes: Kemendagri codes ("16.71.01.1001") or dotted slugs ("16.71.opd.diskominfo"). */
export const UNIT_CODE = /^[0-9a-z][0-9a-z-]*(\.[0-9a-z-]+)+$/;

const optional = (max: number, test: (v: string) => boolean, key: string) =>
  z.string().trim().max(max, 'field.too_long').refine((v) => v === '' || test(v), key).default('');

const PHONE = /^\+?[0-9][0-9 ().-]{5,19}$/;
function isWebsite(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !!u.hostname.includes('.');
  } catch {
    return false;
  }
}

/** A unit's (or the region's) contact details; every field may stay empty. */
export const ContactFields = {
  address: optional(500, () => true, 'field.invalid'),
  phone: optional(30, (v) => PHONE.test(v), 'units.phone.invalid'),
  whatsapp: optional(30, (v) => PHONE.test(v), 'units.whatsapp.invalid'),
  email: optional(200, (v) => z.email().safeParse(v).success, 'units.email.invalid'),
  website: optional(300, isWebsite, 'units.website.invalid'),
  /** where the details come from ("palembang.go.id, Januari 2023"): shown beside them */
  source: optional(300, () => true, 'field.invalid'),
};
export const CONTACT_KEYS = ['address', 'phone', 'whatsapp', 'email', 'website', 'source'] as const;

export const ContactForm = z.object(ContactFields);
export type ContactInput = z.infer<typeof ContactForm>;

export const UnitForm = z.object({
  name: z.string().trim().min(1, 'units.name.required').max(200, 'field.too_long'),
  kind: z.enum(EDITABLE_KINDS, 'units.kind.required'),
  parent: z.string().trim().min(1, 'units.parent.required').max(80, 'units.parent.required'),
  ...ContactFields,
});
export type UnitInput = z.infer<typeof UnitForm>;

export const NewUnitForm = UnitForm.extend({
  code: z.string().trim().toLowerCase().min(1, 'units.code.required').max(80, 'field.too_long').regex(UNIT_CODE, 'units.code.invalid'),
});
export type NewUnitInput = z.infer<typeof NewUnitForm>;

const color = z.string().trim().regex(HEX_COLOR, 'units.branding.color.invalid');
export const BrandingForm = z.object({
  name: z.string().trim().min(1, 'units.branding.name.required').max(200, 'field.too_long'),
  shortName: z.string().trim().max(60, 'field.too_long').default(''),
  primary: color,
  primaryText: color,
  accent: color,
  ...ContactFields,
});
export type BrandingInput = z.infer<typeof BrandingForm>;

export const MessageQuery = z.object({
  pesan: z.enum(['dibuat', 'disimpan', 'dinonaktifkan', 'diaktifkan', 'diimpor']).optional(),
  /** after an import: how many units changed */
  diubah: z.coerce.number().int().min(0).max(100_000).optional(),
});
export const NewUnitQuery = z.object({ induk: z.string().max(80).optional() });
export const StatusForm = z.object({ active: z.enum(['0', '1']) });

// ---- the public JSON API
export const ApiContact = oz
  .object({
    address: oz.string().optional(),
    phone: oz.string().optional(),
    whatsapp: oz.string().optional(),
    email: oz.string().optional(),
    website: oz.string().optional(),
    source: oz.string().optional().openapi({ description: 'where the contact details come from' }),
  })
  .openapi('UnitContact');

export const ApiUnitRef = oz
  .object({
    code: oz.string().openapi({ example: '16.71.01.1001' }),
    kind: oz.enum(ALL_KINDS),
    name: oz.string().openapi({ example: '35 Ilir' }),
  })
  .openapi('UnitRef');

export const ApiUnit = ApiUnitRef.extend({
  parent: oz.string().nullable().openapi({ example: '16.71.01', description: 'code of the unit above, null for the region' }),
  contact: ApiContact,
}).openapi('Unit');

export const ApiUnitDetail = ApiUnit.extend({ children: oz.array(ApiUnitRef) }).openapi('UnitDetail');
export const ApiUnitList = oz.object({ units: oz.array(ApiUnit) }).openapi('UnitList');

export const ApiListQuery = oz
  .object({
    kind: oz.enum(ALL_KINDS).optional().openapi({ description: 'only units of this kind' }),
    parent: oz.string().max(80).optional().openapi({ description: 'only the units directly below this code', example: '16.71.01' }),
  })
  .strict();

export const ApiCodeParam = oz.object({
  code: oz.string().max(80).openapi({ param: { name: 'code', in: 'path' }, example: '16.71.01' }),
});
