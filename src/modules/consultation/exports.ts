// The open-data dataset: every published FAQ entry (de-identified wording), with its demand and ratings.
import type { AppContext } from '../../platform/http/context.ts';
import { listFaq } from './repo.ts';

export const faqExport = {
  id: 'consultation.faq',
  title: 'consultation.export.title',
  description: 'consultation.export.description',
  fields: [
    { name: 'slug', type: 'string', description: 'Stable id of the entry (its page is /tanya/<slug>)' },
    { name: 'question', type: 'string', description: 'The question, in the public wording the unit published' },
    { name: 'answer', type: 'string', description: 'The answer' },
    { name: 'legal_basis', type: 'string', description: 'Regulation the answer rests on' },
    { name: 'service_slug', type: 'string', description: 'The layanan service it is about; empty when none' },
    { name: 'unit_code', type: 'string', description: 'Code of the unit that answered' },
    { name: 'unit_name', type: 'string', description: 'Name of that unit' },
    { name: 'me_too', type: 'integer', description: 'People who said they have the same question' },
    { name: 'helpful_yes', type: 'integer', description: '"Was this helpful?" yes' },
    { name: 'helpful_no', type: 'integer', description: '"Was this helpful?" no' },
    { name: 'needs_review', type: 'boolean', description: "The service's standard changed since; the unit is reviewing it" },
    { name: 'updated_at', type: 'datetime', description: 'Published or last edited (ISO 8601)' },
  ] as { name: string; type: 'string' | 'integer' | 'boolean' | 'datetime'; description: string }[],
  async rows(ctx: Pick<AppContext, 'db'>): Promise<Record<string, string | number | boolean>[]> {
    return (await listFaq(ctx.db)).map((f) => ({
      slug: f.slug, question: f.question, answer: f.answer, legal_basis: f.legalBasis, service_slug: f.serviceSlug ?? '',
      unit_code: f.unit.code, unit_name: f.unit.name, me_too: f.metoo, helpful_yes: f.helpfulYes, helpful_no: f.helpfulNo,
      needs_review: f.needsReview, updated_at: f.updatedAt.toISOString(),
    }));
  },
};
