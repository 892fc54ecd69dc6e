// The public JSON API: GET /api/v1/emergency-contacts[?kecamatan=<code>], documented at /openapi.json
// from the same zod schemas that check the query.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { ErrorSchema } from '../../platform/http/app.tsx';
import { query } from '../../platform/http/input.ts';
import { authorize } from '../../platform/access/guard.ts';
import { telHref, whatsappHref } from './phone.ts';
import { ApiContactList, ApiQuery } from './schema.ts';
import { apiDirectory, isStale, type ContactRow } from './service.ts';

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/emergency-contacts',
  summary: 'Emergency numbers: city-wide ones first (112 at the top), then those of one kecamatan',
  tags: ['Emergency contacts'],
  middleware: [query('kecamatan')] as const,
  request: { query: ApiQuery },
  responses: {
    200: { description: 'Active entries, city-wide first, then by category and name', content: { 'application/json': { schema: ApiContactList } } },
    400: errorResponse('An unknown query parameter'),
    404: errorResponse('No active kecamatan has this code (code contacts.unknown_kecamatan)'),
    422: errorResponse('A query parameter with a bad value'),
  },
});

const ref = (u: { code: string; name: string }) => ({ code: u.code, name: u.name });

export function contactsApi(api: OpenAPIHono<Env>, ctx: AppContext, settings: { reviewDays: number }) {
  const toApi = (e: ContactRow) => ({
    id: e.id, category: e.category, name: e.name, phone: e.phone, tel: telHref(e.phone),
    whatsapp: e.whatsapp, whatsappUrl: e.whatsapp ? whatsappHref(e.whatsapp) : null, note: e.note, source: e.source,
    kecamatan: e.kecamatan ? ref(e.kecamatan) : null, owner: ref(e.owner), example: e.example,
    reviewedAt: e.reviewedAt.toISOString(), stale: isStale(e.reviewedAt, settings.reviewDays),
  });

  api.openapi(listRoute, async (c) => {
    authorize(c, 'contacts.view');
    const q = c.req.valid('query');
    const rows = await apiDirectory(ctx.db, q.kecamatan);
    return c.json({ reviewDays: settings.reviewDays, contacts: rows.map(toApi) }, 200);
  });
}
