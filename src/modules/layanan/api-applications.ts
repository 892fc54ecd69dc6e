// The citizen's own applications as JSON (authenticated, in /openapi.json): GET /api/v1/applications
// and GET /api/v1/applications/{trackingNumber}. The same data as /akun/permohonan; answers included
// (the owner's own), NIKs masked, never the PIN.
import { createRoute, z as oz, type OpenAPIHono } from '@hono/zod-openapi';
import { authorize, authorizeOr404 } from '../../platform/access/guard.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { ErrorSchema } from '../../platform/http/app.tsx';
import { AppError } from '../../platform/http/errors.ts';
import { maskNik } from '../accounts/module.ts';
import type { ApplicationRecord } from './applications.ts';
import * as mine from './mine.ts';
import { STATES } from './workflow.ts';

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

const ApiApplicationSummary = oz.object({
  trackingNumber: oz.string().openapi({ example: 'LYN-7K3M-Q9XH' }),
  service: oz.object({ slug: oz.string(), name: oz.string() }),
  unit: oz.string().openapi({ description: 'the unit handling it now' }),
  state: oz.enum(STATES),
  submittedAt: oz.string().openapi({ format: 'date-time' }),
  dueAt: oz.string().openapi({ format: 'date-time', description: 'the legal deadline (working days)' }),
  decidedAt: oz.string().nullable(),
  url: oz.string().openapi({ example: '/akun/permohonan/LYN-7K3M-Q9XH' }),
}).openapi('LayananApplicationSummary');
const ApiApplication = ApiApplicationSummary.extend({
  answers: oz.record(oz.string(), oz.string()).openapi({ description: 'the form as submitted; NIKs masked' }),
  files: oz.array(oz.object({ field: oz.string(), name: oz.string(), url: oz.string() })),
  timeline: oz.array(oz.object({ state: oz.string(), at: oz.string(), unit: oz.string(), role: oz.string().nullable(), note: oz.string() })),
  documentUrl: oz.string().nullable(),
}).openapi('LayananApplication');
const TrackingParam = oz.object({ trackingNumber: oz.string().regex(/^LYN-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/).openapi({ param: { name: 'trackingNumber', in: 'path' }, example: 'LYN-7K3M-Q9XH' }) });

const listRoute = createRoute({
  method: 'get', path: '/api/v1/applications', summary: 'The signed-in citizen\'s own applications, newest first', tags: ['Applications'],
  responses: {
    200: { description: 'Own applications', content: { 'application/json': { schema: oz.object({ applications: oz.array(ApiApplicationSummary) }).openapi('LayananApplicationList') } } },
    401: errorResponse('Not signed in'), 403: errorResponse('Not a citizen account'),
  },
});
const oneRoute = createRoute({
  method: 'get', path: '/api/v1/applications/{trackingNumber}', summary: 'One of the signed-in citizen\'s applications with its timeline', tags: ['Applications'],
  request: { params: TrackingParam },
  responses: {
    200: { description: 'The application', content: { 'application/json': { schema: ApiApplication } } },
    401: errorResponse('Not signed in'), 404: errorResponse('No such application of this citizen'), 422: errorResponse('Not a tracking number'),
  },
});

const summary = (a: ApplicationRecord) => ({
  trackingNumber: a.tracking_number, service: { slug: a.service_slug, name: a.service_name }, unit: a.current_unit_name, state: a.state,
  submittedAt: a.submitted_at.toISOString(), dueAt: a.due_at.toISOString(), decidedAt: a.decided_at?.toISOString() ?? null,
  url: `/akun/permohonan/${a.tracking_number}`,
});

export function applicationsApi(api: OpenAPIHono<Env>, ctx: AppContext) {
  api.openapi(listRoute, async (c) => {
    authorize(c, 'layanan.mine');
    const actor = c.get('actor');
    if (actor.kind !== 'citizen') throw new AppError('forbidden', 'error.forbidden');
    return c.json({ applications: (await mine.listOf(ctx, actor.userId)).map(summary) }, 200);
  });
  api.openapi(oneRoute, async (c) => {
    authorize(c, 'layanan.mine');
    const a = await mine.byTracking(ctx, c.req.valid('param').trackingNumber);
    authorizeOr404(c, 'layanan.own', a && a.user_id !== null ? { ownerId: Number(a.user_id) } : undefined);
    const d = await mine.detail(ctx, a!);
    const nikFields = new Set(d.service?.pages.flatMap((p) => p.fields).filter((f) => f.type === 'nik').map((f) => f.name));
    return c.json({
      ...summary(a!),
      answers: Object.fromEntries(Object.entries(d.answers).map(([k, v]) => [k, nikFields.has(k) && v ? maskNik(v) : v])),
      files: d.files.map((f) => ({ field: f.field, name: f.name, url: `/layanan/berkas/${f.file_id}` })),
      timeline: d.steps.map((s) => ({ state: s.to, at: s.at.toISOString(), unit: s.unit, role: s.role, note: s.note })),
      documentUrl: a!.state === 'issued' && a!.document_id ? `/akun/permohonan/${a!.tracking_number}/surat.pdf` : null,
    }, 200);
  });
}
