// Input shapes of the ppid module (messages are i18n keys).
import { z } from 'zod';

export const DIP_CATEGORIES = ['berkala', 'serta_merta', 'setiap_saat'] as const;
export type DipCategory = (typeof DIP_CATEGORIES)[number];
export const DIP_FORMS = ['soft', 'hard', 'both'] as const;
export type DipForm = (typeof DIP_FORMS)[number];

/** One line of text: no control characters. */
const line = (max: number) => z.string().trim().max(max, 'field.too_long').refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'field.invalid');
const required = (max: number, key: string) => line(max).pipe(z.string().min(1, key));

export const DipForm = z.object({
  category: z.enum(DIP_CATEGORIES, 'ppid.dip.category.required'),
  title: required(200, 'ppid.dip.title.required'),
  summary: z.string().trim().max(2000, 'field.too_long').refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), 'field.invalid').pipe(z.string().min(1, 'ppid.dip.summary.required')),
  unit: required(80, 'ppid.dip.unit.required'),
  official: required(200, 'ppid.dip.official.required'),
  made_when: required(100, 'ppid.dip.made_when.required'),
  made_where: required(200, 'ppid.dip.made_where.required'),
  form: z.enum(DIP_FORMS, 'ppid.dip.form.required'),
  retention: required(100, 'ppid.dip.retention.required'),
});
export type DipInput = z.infer<typeof DipForm>;

export const MessageQuery = z.object({ pesan: z.enum(['dibuat']).optional().catch(undefined) });
