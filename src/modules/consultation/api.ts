// The public JSON API of the FAQ: GET /api/v1/faq[?q=] and GET /api/v1/faq/{slug}, in /openapi.json.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { authorize } from '../../platform/access/guard.ts';
import { ErrorSchema } from '../../platform/http/app.tsx';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { query } from '../../platform/http/input.ts';
import { ApiFaq, ApiFaqList, ApiFaqQuery, ApiSlugParam } from './schema.ts';
import * as service from './service.ts';

export const API_PATH = '/api/v1/faq';
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

const listRoute = createRoute({
  method: 'get', path: API_PATH, summary: 'Published answers to citizens\' questions (FAQ), newest first', tags: ['Consultation'],
  middleware: [query('q')] as const,
  request: { query: ApiFaqQuery },
  responses: { 200: { description: 'FAQ entries', content: { 'application/json': { schema: ApiFaqList } } }, 400: errorResponse('An unknown query parameter') },
});
const oneRoute = createRoute({
  method: 'get', path: `${API_PATH}/{slug}`, summary: 'One FAQ entry', tags: ['Consultation'],
  request: { params: ApiSlugParam },
  responses: { 200: { description: 'The entry', content: { 'application/json': { schema: ApiFaq } } }, 404: errorResponse('No entry has this slug') },
});

export function toApi(baseUrl: string, f: service.FaqRow) {
  return {
    slug: f.slug, url: `${baseUrl}/tanya/${f.slug}`, question: f.question, answer: f.answer, legalBasis: f.legalBasis, service: f.serviceSlug,
    unit: { code: f.unit.code, name: f.unit.name }, meToo: f.metoo, helpful: { yes: f.helpfulYes, no: f.helpfulNo }, needsReview: f.needsReview,
    publishedAt: f.publishedAt.toISOString(), updatedAt: f.updatedAt.toISOString(),
  };
}

export function consultationApi(api: OpenAPIHono<Env>, ctx: AppContext) {
  api.openapi(listRoute, async (c) => {
    authorize(c, 'consultation.view');
    const q = c.req.valid('query');
    const rows = q.q?.trim() ? await service.searchFaq(ctx.db, q.q) : await service.listFaq(ctx.db);
    return c.json({ faq: rows.map((f) => toApi(ctx.config.baseUrl, f)) }, 200);
  });
  api.openapi(oneRoute, async (c) => {
    authorize(c, 'consultation.view');
    const f = await service.findFaq(ctx.db, c.req.valid('param').slug);
    if (!f) throw new AppError('not_found');
    return c.json(toApi(ctx.config.baseUrl, f), 200);
  });
}
