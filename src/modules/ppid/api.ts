// The public JSON API: GET /api/v1/ppid/dip, the Daftar Informasi Publik, documented at /openapi.json.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { authorize } from '../../platform/access/guard.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { query } from '../../platform/http/input.ts';
import { ErrorSchema } from '../../platform/http/app.tsx';
import { DIP_CATEGORIES, DIP_FORMS } from './schema.ts';
import { publicDip } from './service.ts';

export const API_PATH = '/api/v1/ppid/dip';

const ApiDipEntry = z.object({
  id: z.number().int(),
  category: z.enum(DIP_CATEGORIES),
  title: z.string(),
  summary: z.string(),
  unit: z.object({ code: z.string(), name: z.string() }),
  official: z.string(),
  madeWhen: z.string(),
  madeWhere: z.string(),
  form: z.enum(DIP_FORMS),
  retention: z.string(),
  updatedAt: z.string(),
}).openapi('PpidDipEntry');
const ApiDipList = z.object({ entries: z.array(ApiDipEntry) }).openapi('PpidDipList');

const listRoute = createRoute({
  method: 'get',
  path: API_PATH,
  summary: 'Daftar Informasi Publik: every active entry, by category and title',
  tags: ['PPID'],
  middleware: [query()] as const,
  responses: {
    200: { description: 'Active DIP entries', content: { 'application/json': { schema: ApiDipList } } },
    400: { description: 'An unknown query parameter', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

export function ppidApi(api: OpenAPIHono<Env>, ctx: AppContext) {
  api.openapi(listRoute, async (c) => {
    authorize(c, 'ppid.view');
    const rows = await publicDip(ctx.db);
    return c.json({
      entries: rows.map((d) => ({
        id: d.id, category: d.category, title: d.title, summary: d.summary, unit: { code: d.unit.code, name: d.unit.name }, official: d.official,
        madeWhen: d.madeWhen, madeWhere: d.madeWhere, form: d.form, retention: d.retention, updatedAt: d.updatedAt.toISOString(),
      })),
    }, 200);
  });
}
