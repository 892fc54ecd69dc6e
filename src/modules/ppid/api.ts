// The public JSON API, documented at /openapi.json: GET /api/v1/ppid/dip (the Daftar Informasi Publik)
// and GET /api/v1/ppid/register?halaman= (the public register of requests, 20 a page, with the true count).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { authorize } from '../../platform/access/guard.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { query } from '../../platform/http/input.ts';
import { ErrorSchema } from '../../platform/http/app.tsx';
import { DIP_CATEGORIES, DIP_FORMS, OUTCOMES, STATES } from './schema.ts';
import { publicDip } from './service.ts';
import type { ClockStart } from './clock.ts';
import { register } from './requests.ts';

export const API_PATH = '/api/v1/ppid/dip';
export const REGISTER_API_PATH = '/api/v1/ppid/register';

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
  fromRequest: z.string().nullable().openapi({ description: 'The register entry of the request whose answer this entry publishes' }),
  download: z.string().nullable().openapi({ description: 'The released (redacted) document, when attached' }),
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

const ApiRegisterEntry = z.object({
  id: z.number().int(),
  number: z.string(),
  requester: z.string().nullable().openapi({ description: 'Only when the requester chose to be named' }),
  details: z.string().openapi({ description: 'What was asked, with NIK, phone numbers, emails and redaction rules masked' }),
  state: z.enum(STATES),
  outcome: z.enum(OUTCOMES).nullable(),
  unit: z.string().nullable(),
  receivedAt: z.string(),
  noticeDue: z.string().openapi({ description: 'The written notice deadline in force (computed)' }),
  noticeOverdue: z.boolean(),
  answeredAt: z.string().nullable(),
  answer: z.string().nullable(),
  blackedOut: z.string().nullable(),
  objection: z.object({ ground: z.string(), decision: z.enum(['upheld', 'rejected']).nullable() }).nullable(),
  dispute: z.object({ filedAt: z.string(), number: z.string() }).nullable(),
}).openapi('PpidRegisterEntry');
const ApiRegisterPage = z.object({
  total: z.number().int(), page: z.number().int(), pages: z.number().int(), pageSize: z.number().int(), entries: z.array(ApiRegisterEntry),
}).openapi('PpidRegisterPage');
const ApiRegisterQuery = z.object({ halaman: z.string().regex(/^[1-9][0-9]{0,5}$/).optional().openapi({ description: 'Page number, from 1' }) });

const registerRoute = createRoute({
  method: 'get',
  path: REGISTER_API_PATH,
  summary: 'The public register of information requests, newest first, 20 a page',
  tags: ['PPID'],
  middleware: [query('halaman')] as const,
  request: { query: ApiRegisterQuery },
  responses: {
    200: { description: 'One page of the register', content: { 'application/json': { schema: ApiRegisterPage } } },
    400: { description: 'An unknown query parameter', content: { 'application/json': { schema: ErrorSchema } } },
    422: { description: 'A page number that is not a whole number from 1', content: { 'application/json': { schema: ErrorSchema } } },
  },
});

export function ppidApi(api: OpenAPIHono<Env>, ctx: AppContext, rule: ClockStart) {
  api.openapi(registerRoute, async (c) => {
    authorize(c, 'ppid.view');
    const q = c.req.valid('query');
    const p = await register(ctx, rule, Number(q.halaman ?? 1));
    return c.json({
      total: p.total, page: p.page, pages: p.pages, pageSize: p.size,
      entries: p.rows.map((r) => ({
        id: r.id, number: r.number, requester: r.requester, details: r.details, state: r.state as (typeof STATES)[number], outcome: r.outcome as (typeof OUTCOMES)[number] | null,
        unit: r.unit, receivedAt: r.receivedAt.toISOString(), noticeDue: r.clock.notice.due.toISOString(), noticeOverdue: r.clock.noticeOverdue,
        answeredAt: r.answeredAt?.toISOString() ?? null, answer: r.answer, blackedOut: r.blackedOut,
        objection: r.objection ? { ground: r.objection.ground, decision: r.objection.decision as 'upheld' | 'rejected' | null } : null,
        dispute: r.dispute ? { filedAt: r.dispute.at.toISOString(), number: r.dispute.number } : null,
      })),
    }, 200);
  });
  api.openapi(listRoute, async (c) => {
    authorize(c, 'ppid.view');
    const rows = await publicDip(ctx.db);
    return c.json({
      entries: rows.map((d) => ({
        id: d.id, category: d.category, title: d.title, summary: d.summary, unit: { code: d.unit.code, name: d.unit.name }, official: d.official,
        madeWhen: d.madeWhen, madeWhere: d.madeWhere, form: d.form, retention: d.retention, updatedAt: d.updatedAt.toISOString(),
        fromRequest: d.sourceRequestId ? `${ctx.config.baseUrl.replace(/\/+$/, '')}/ppid/register#r-${d.sourceRequestId}` : null, download: d.fileId ? `${ctx.config.baseUrl.replace(/\/+$/, '')}/ppid/dip/${d.id}/berkas` : null,
      })),
    }, 200);
  });
}
