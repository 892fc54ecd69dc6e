// The public JSON API of the directory: GET /api/v1/units and GET /api/v1/units/{code}, documented
// at /openapi.json from the same zod schemas that check the input.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { ErrorSchema } from '../../platform/http/app.tsx';
import { AppError } from '../../platform/http/errors.ts';
import { query } from '../../platform/http/input.ts';
import { authorize } from '../../platform/access/guard.ts';
import { ApiCodeParam, ApiListQuery, ApiUnitDetail, ApiUnitList } from './schema.ts';
import { childrenOf, findUnit, listUnits, type UnitRow } from './service.ts';

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/units',
  summary: 'Active units of the region: kecamatan, kelurahan/desa and OPD, with contact details',
  tags: ['Units'],
  middleware: [query('kind', 'parent')] as const,
  request: { query: ApiListQuery },
  responses: {
    200: { description: 'The units, region first, then by code', content: { 'application/json': { schema: ApiUnitList } } },
    400: errorResponse('An unknown query parameter'),
    422: errorResponse('A query parameter with a bad value'),
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/api/v1/units/{code}',
  summary: 'One active unit with the units directly below it',
  tags: ['Units'],
  request: { params: ApiCodeParam },
  responses: {
    200: { description: 'The unit', content: { 'application/json': { schema: ApiUnitDetail } } },
    404: errorResponse('No active unit has this code'),
  },
});

const toApi = (u: UnitRow) => ({ code: u.code, kind: u.kind, name: u.name, parent: u.parentCode, contact: u.contact });

export function unitApi(api: OpenAPIHono<Env>, ctx: AppContext) {
  api.openapi(listRoute, async (c) => {
    authorize(c, 'units.view');
    const q = c.req.valid('query');
    const units = await listUnits(ctx.db, { kind: q.kind, parentCode: q.parent });
    return c.json({ units: units.map(toApi) }, 200);
  });

  api.openapi(detailRoute, async (c) => {
    authorize(c, 'units.view');
    const { code } = c.req.valid('param');
    const unit = await findUnit(ctx.db, code);
    if (!unit || !unit.active) throw new AppError('not_found', 'units.api.not_found', {}, { code });
    const children = await childrenOf(ctx.db, unit.id);
    return c.json({ ...toApi(unit), children: children.map((u) => ({ code: u.code, kind: u.kind, name: u.name })) }, 200);
  });
}
