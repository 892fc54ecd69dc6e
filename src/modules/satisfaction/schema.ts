// The rating form: nine answers 1–4 (PermenPANRB 14/2017) and an optional comment.
import { z } from 'zod';
import { ELEMENTS, type Element } from './ikm.ts';

const score = z.enum(['1', '2', '3', '4'], 'satisfaction.answer.required').transform(Number);

export const RatingForm = z.object({
  ...(Object.fromEntries(ELEMENTS.map((e) => [e, score])) as Record<Element, typeof score>),
  comment: z.string().trim().max(2000, 'field.too_long').default(''),
});
export type RatingInput = z.infer<typeof RatingForm>;

export const IdParam = z.coerce.number().int().positive().max(2_147_483_647);
export const DoneQuery = z.object({ pesan: z.enum(['terkirim']).optional() });
