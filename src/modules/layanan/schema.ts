// Shapes: a service definition as the region pack writes it (checked at seed: a bad pack stops with the
// path of the bad value), the back-office edit form, the catalog query, and the public API.
import { z } from 'zod';
import { z as oz } from '@hono/zod-openapi';

export const FIELD_TYPES = ['text', 'date', 'select', 'nik', 'textarea', 'file'] as const;
export const UNIT_KINDS = ['kelurahan', 'kecamatan', 'opd'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** The 14 components of the service standard, UU 25/2009 Pasal 21, in the law's order. */
export const STANDARD_COMPONENTS = [
  'legalBasis', 'requirements', 'procedure', 'time', 'cost', 'product', 'facilities', 'competence',
  'oversight', 'complaints', 'staff', 'guarantee', 'security', 'evaluation',
] as const;
/** the components every service of a pack may share (the others come from the service itself) */
const SHARED_COMPONENTS = ['facilities', 'competence', 'oversight', 'complaints', 'staff', 'guarantee', 'security', 'evaluation'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const NAME = /^[a-z][a-z0-9_]{0,39}$/;

export const PackField = z.object({
  name: z.string().regex(NAME),
  label: text(160),
  type: z.enum(FIELD_TYPES),
  required: z.boolean().default(true),
  options: z.array(text(120)).min(1).optional(),
  hint: text(200).optional(),
  /** taken from the signed-in account */
  prefill: z.enum(['name']).optional(),
}).refine((f) => (f.type === 'select') === !!f.options, 'a select field needs options, and only a select field has them');
export type ServiceField = z.infer<typeof PackField>;

export const PackPage = z.object({ title: text(120), fields: z.array(PackField).min(1) });
export type ServicePage = z.infer<typeof PackPage>;

export const Standard = z.object(Object.fromEntries(SHARED_COMPONENTS.map((k) => [k, text(1000)])) as Record<(typeof SHARED_COMPONENTS)[number], z.ZodString>);

export const PackService = z.object({
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(80),
  name: text(160),
  summary: text(400),
  group: text(80),
  unitKind: z.enum(UNIT_KINDS),
  audience: text(300),
  requirements: z.array(text(200)).min(1),
  pages: z.array(PackPage).min(1),
  steps: z.array(text(400)).min(1).optional(),
  deadlineDays: z.number().int().min(0).max(365),
  costRupiah: z.number().int().min(0),
  costNote: z.string().max(300).default(''),
  product: text(200),
  legalBasis: text(1000),
  standard: Standard.partial().optional(),
  verifierRole: text(60),
  signerRole: text(60),
  forwardTo: z.enum(['kecamatan']).optional(),
  template: text(5000),
  numberFormat: z.string().regex(/^[0-9.]+\/\{seq\}\/\{unit\}\/\{month\}\/\{year\}$/),
}).superRefine((s, ctx) => {
  const names = s.pages.flatMap((p) => p.fields.map((f) => f.name));
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) ctx.addIssue({ code: 'custom', message: `field ${dup} appears twice` });
  for (const m of s.template.matchAll(/\{([a-z_]+)\}/g)) {
    if (m[1] !== 'unit' && !names.includes(m[1])) ctx.addIssue({ code: 'custom', message: `template names {${m[1]}}, which no field asks for` });
  }
});
export type PackServiceInput = z.infer<typeof PackService>;

export const SharedFile = z.object({
  source: z.string().default(''),
  defaults: z.object({ steps: z.array(text(400)).min(1), standard: Standard }),
  services: z.array(PackService),
});

export const PackFile = z.object({
  source: z.string().default(''),
  shared: z.array(z.object({ file: z.string().min(1), slugs: z.array(z.string()).optional(), unitKinds: z.array(z.enum(UNIT_KINDS)).optional() })).default([]),
  /** the pack's own services, with the defaults of its first shared file */
  services: z.array(PackService).default([]),
});

// ---- pages

export const CatalogQuery = z.object({
  q: z.string().trim().max(100, 'field.too_long').default(''),
  unit: z.enum(UNIT_KINDS).or(z.literal('')).catch('').default(''),
});
export const SlugParam = z.string().regex(/^[a-z0-9-]{1,80}$/);

/** One requirement a line; the citizen sees them as a list. */
export const EditForm = z.object({
  deadlineDays: z.coerce.number('layanan.edit.deadline.invalid').int('layanan.edit.deadline.invalid').min(0, 'layanan.edit.deadline.invalid').max(365, 'layanan.edit.deadline.invalid'),
  costRupiah: z.string().trim().transform((v) => v.replace(/[.\s]/g, '')).pipe(z.string().regex(/^\d{1,10}$/, 'layanan.edit.cost.invalid')).transform(Number)
    .pipe(z.number().max(1_000_000_000, 'layanan.edit.cost.invalid')),
  costNote: z.string().trim().max(300, 'field.too_long').default(''),
  requirements: z.string().max(4000, 'field.too_long').transform((v) => v.split('\n').map((l) => l.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(200, 'field.too_long')).min(1, 'layanan.edit.requirements.required').max(30, 'field.too_long')),
  /** a checkbox: '1' when ticked, absent (or empty) when not */
  active: z.enum(['', '0', '1'], 'field.invalid').default('').transform((v) => (v === '1' ? '1' : '0')),
});
export type EditInput = z.infer<typeof EditForm>;
export const EditMessage = z.object({ pesan: z.enum(['disimpan']).optional() });

// ---- the public JSON API
export const ApiService = oz.object({
  slug: oz.string().openapi({ example: 'surat-keterangan-domisili' }),
  name: oz.string().openapi({ example: 'Surat keterangan domisili' }),
  summary: oz.string(),
  group: oz.string().openapi({ example: 'Kependudukan' }),
  unitKind: oz.enum(UNIT_KINDS),
  audience: oz.string(),
  requirements: oz.array(oz.string()),
  steps: oz.array(oz.string()),
  deadlineDays: oz.number().int().openapi({ description: 'working days from submission' }),
  costRupiah: oz.number().int(),
  costNote: oz.string(),
  product: oz.string(),
  standard: oz.record(oz.string(), oz.string()).openapi({ description: 'the 14 components of UU 25/2009 Pasal 21' }),
  url: oz.string().openapi({ example: '/layanan/surat-keterangan-domisili' }),
}).openapi('LayananService');
export const ApiServiceList = oz.object({ services: oz.array(ApiService) }).openapi('LayananServiceList');
export const ApiSlug = oz.object({ slug: oz.string().regex(/^[a-z0-9-]{1,80}$/).openapi({ param: { name: 'slug', in: 'path' }, example: 'surat-keterangan-domisili' }) });
