// zod schemas for the forms, the query strings and the JSON API.
import { z } from '@hono/zod-openapi';

const text = (max: number, min = 1, err = 'error.required') => z.string().trim().min(min, err).max(max, 'consultation.error.too_long');

export const QuestionStep = z.object({
  question: text(2000, 10, 'consultation.error.question'),
  topic: z.string().trim().min(1, 'consultation.error.topic').max(200),
});
export const SendForm = QuestionStep.extend({
  kelurahan: z.string().trim().max(40).default(''),
  contact: z.string().trim().max(120).default(''),
  idem: z.string().trim().min(16).max(64),
});
export const AnswerForm = z.object({ answer: text(5000, 10, 'consultation.error.answer') });
export const FaqForm = z.object({
  question: text(500, 10, 'consultation.error.question'),
  answer: text(5000, 10, 'consultation.error.answer'),
  legal_basis: z.string().trim().max(500).default(''),
});
export const VoteForm = z.object({ helpful: z.enum(['ya', 'tidak']) });
export const HomeQuery = z.object({ q: z.string().max(200).default(''), pesan: z.string().max(20).default('') });
export const SuggestQuery = z.object({ q: z.string().max(500).default('') });
export const FollowQuery = z.object({ kunci: z.string().max(100).default(''), baru: z.string().max(2).default('') });
export const MessageQuery = z.object({ pesan: z.string().max(20).default('') });
export const IdParam = z.coerce.number().int().positive().max(2_147_483_647);

export const ApiFaq = z.object({
  slug: z.string(), url: z.string(), question: z.string(), answer: z.string(), legalBasis: z.string(),
  service: z.string().nullable().openapi({ description: 'slug of the layanan service it is about' }),
  unit: z.object({ code: z.string(), name: z.string() }),
  meToo: z.number().int().openapi({ description: 'people who said "saya juga bertanya ini"' }),
  helpful: z.object({ yes: z.number().int(), no: z.number().int() }),
  needsReview: z.boolean().openapi({ description: "the service's standard changed since; the unit is reviewing the answer" }),
  publishedAt: z.string(), updatedAt: z.string(),
}).openapi('ConsultationFaq');
export const ApiFaqList = z.object({ faq: z.array(ApiFaq) }).openapi('ConsultationFaqList');
export const ApiFaqQuery = z.object({ q: z.string().max(200).optional().openapi({ description: 'words that must all appear' }) });
export const ApiSlugParam = z.object({ slug: z.string().max(200) });
