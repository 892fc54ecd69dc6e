// The public JSON API of the catalog: GET /api/v1/services and /api/v1/services/{slug}, in /openapi.json.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { ErrorSchema } from '../../platform/http/app.tsx';
import { authorize } from '../../platform/access/guard.ts';
import { AppError } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/index.ts';
import { ApiService, ApiServiceList, ApiSlug } from './schema.ts';
import { allActive, publicService, standardOf, type ServiceRow } from './service.ts';
import { serviceHref } from './views/public.tsx';

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

const listRoute = createRoute({
  method: 'get', path: '/api/v1/services', summary: 'Every service citizens can apply for, with its service standard', tags: ['Services'],
  responses: { 200: { description: 'Active services by group and name', content: { 'application/json': { schema: ApiServiceList } } }, 400: errorResponse('An unknown query parameter') },
});
const oneRoute = createRoute({
  method: 'get', path: '/api/v1/services/{slug}', summary: 'One service and its service standard', tags: ['Services'],
  request: { params: ApiSlug },
  responses: { 200: { description: 'The service', content: { 'application/json': { schema: ApiService } } }, 404: errorResponse('No active service with this slug'), 422: errorResponse('A bad slug') },
});

export function layananApi(api: OpenAPIHono<Env>, ctx: AppContext) {
  const t = translator('id');
  const toApi = (s: ServiceRow) => ({
    slug: s.slug, name: s.name, summary: s.summary, group: s.group, unitKind: s.unitKind, audience: s.audience, requirements: s.requirements,
    steps: s.steps, deadlineDays: s.deadlineDays, costRupiah: s.costRupiah, costNote: s.costNote, product: s.product,
    standard: Object.fromEntries(standardOf(s, t).map((x) => [x.key, Array.isArray(x.value) ? x.value.join('\n') : x.value])), url: serviceHref(s.slug),
  });
  api.openapi(listRoute, async (c) => {
    authorize(c, 'layanan.view');
    return c.json({ services: (await allActive(ctx.db)).map(toApi) }, 200);
  });
  api.openapi(oneRoute, async (c) => {
    authorize(c, 'layanan.view');
    const s = await publicService(ctx.db, c.req.valid('param').slug);
    if (!s) throw new AppError('not_found');
    return c.json(toApi(s), 200);
  });
}
