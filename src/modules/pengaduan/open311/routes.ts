// /open311/v2: GeoReport v2 for machine clients, JSON or XML by the file extension. Thin: parse →
// service → one of format.ts's shapes. Every error below the prefix (ours, the platform's 404s,
// crashes) is answered by errors.ts's formatter, registered as the module's errorFormats.
//
// Query parameters: only these are read; anything else a client sends (jurisdiction_id of another
// city excepted, cache busters, ...) is ignored, since this prefix is not under /api (ADR: pages and
// GeoReport ignore unknown keys, the platform's JSON API refuses them).
//
// CSRF: POST requests.{fmt} is authenticated by its api_key, not by a cookie, and the prefix is
// declared `paths.machine`, so the platform's CSRF guard asks no token of a request without a
// session (a cross-site page cannot make a browser send an api_key it does not know). A request that
// carries a session cookie still needs the token, as everywhere.
import type { Context, Hono } from 'hono';
import type { AppContext, Env } from '../../../platform/http/context.ts';
import { authorize } from '../../../platform/access/guard.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { parseQuery, query, readForm } from '../../../platform/http/input.ts';
import { z } from 'zod';
import { definitionXml, discoveryXml, requestsXml, servicesXml, type Discovery } from './format.ts';
import { OPEN311_PREFIX } from './errors.ts';
import { parseFilter, parsePost, type PostInput } from './params.ts';
import { checkApiKey, request, requests, serviceDefinition, services, type Open311Options } from './service.ts';

/** What POST requests.{fmt} needs from the complaints module: file one complaint, return its tracking id. */
export type CreateFromOpen311 = (ctx: AppContext, input: PostInput, keyId: number) => Promise<{ publicId: string }>;

export interface Open311Config extends Open311Options {
  /** the jurisdiction_id this endpoint answers for (a client may send it; another value is a 404) */
  jurisdiction: string;
  contact: string;
  create: CreateFromOpen311;
}

type Fmt = 'json' | 'xml';
/** 'services.json' → ['services', 'json']; any other extension is not a GeoReport resource (404). */
function split(file: string): [string, Fmt] {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  if (!m) throw new AppError('pengaduan.open311_not_found', '', {}, { what: file });
  return [m[1], m[2] as Fmt];
}

function send(c: Context<Env>, fmt: Fmt, json: unknown, xml: () => string): Response {
  if (fmt === 'xml') return c.body(xml(), 200, { 'content-type': 'text/xml; charset=utf-8' });
  return c.json(json);
}

const JurisdictionQuery = z.object({ jurisdiction_id: z.string().optional() });
const RequestsQuery = JurisdictionQuery.extend({
  service_request_id: z.string().optional(),
  service_code: z.string().optional(),
  start_date: z.string().optional(),
  end_date: z.string().optional(),
  status: z.string().optional(),
  api_key: z.string().optional(),
});

export function open311Routes(app: Hono<Env>, ctx: AppContext, cfg: Open311Config): void {
  const P = OPEN311_PREFIX;
  const checkJurisdiction = (j: string | undefined) => {
    if (j !== undefined && j !== '' && j !== cfg.jurisdiction) throw new AppError('pengaduan.open311_not_found', '', {}, { what: j });
  };
  const locale = (c: Context<Env>) => c.get('locale');

  app.get(`${P}/:file`, query('jurisdiction_id', 'service_request_id', 'service_code', 'start_date', 'end_date', 'status', 'api_key'), async (c) => {
    authorize(c, 'pengaduan.open311');
    const [name, fmt] = split(c.req.param('file'));
    if (name === 'discovery') {
      const base = ctx.config.baseUrl.replace(/\/$/, '');
      const d: Discovery = {
        changeset: '2026-12-01T00:00:00+07:00',
        contact: cfg.contact,
        key_service: `${base}/petugas/pengaduan/open311`,
        endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${base}${P}`, changeset: '2026-12-01T00:00:00+07:00', type: 'production', formats: ['application/json', 'text/xml'] }],
      };
      return send(c, fmt, d, () => discoveryXml(d));
    }
    if (name === 'services') {
      checkJurisdiction(parseQuery(c, JurisdictionQuery).jurisdiction_id);
      const list = await services(ctx, locale(c));
      return send(c, fmt, list, () => servicesXml(list));
    }
    if (name === 'requests') {
      const q = parseQuery(c, RequestsQuery);
      checkJurisdiction(q.jurisdiction_id);
      const list = await requests(ctx, parseFilter(q, ctx.clock.now()), locale(c), cfg);
      return send(c, fmt, list, () => requestsXml(list));
    }
    throw new AppError('pengaduan.open311_not_found', '', {}, { what: name });
  });

  app.get(`${P}/services/:file`, query('jurisdiction_id'), async (c) => {
    authorize(c, 'pengaduan.open311');
    const [code, fmt] = split(c.req.param('file'));
    checkJurisdiction(parseQuery(c, JurisdictionQuery).jurisdiction_id);
    const def = await serviceDefinition(ctx, code);
    return send(c, fmt, def, () => definitionXml(def));
  });

  app.get(`${P}/requests/:file`, query('jurisdiction_id'), async (c) => {
    authorize(c, 'pengaduan.open311');
    const [id, fmt] = split(c.req.param('file'));
    checkJurisdiction(parseQuery(c, JurisdictionQuery).jurisdiction_id);
    const one = [await request(ctx, id, locale(c), cfg)];
    return send(c, fmt, one, () => requestsXml(one));
  });

  // we file at once, so a token is the tracking id itself: tokens/{token} answers it back
  app.get(`${P}/tokens/:file`, query('jurisdiction_id'), async (c) => {
    authorize(c, 'pengaduan.open311');
    const [token, fmt] = split(c.req.param('file'));
    checkJurisdiction(parseQuery(c, JurisdictionQuery).jurisdiction_id);
    const r = await request(ctx, token, locale(c), cfg);
    const one = [{ service_request_id: r.service_request_id, token }];
    return send(c, fmt, one, () => requestsXml(one));
  });

  app.post(`${P}/:file`, async (c) => {
    authorize(c, 'pengaduan.open311');
    const [name, fmt] = split(c.req.param('file'));
    if (name !== 'requests') throw new AppError('pengaduan.open311_not_found', '', {}, { what: name });
    const form = await readForm(c);
    checkJurisdiction(form.jurisdiction_id);
    const keyId = await checkApiKey(ctx, form.api_key, cfg);
    const input = parsePost(form);
    // an unknown service_code in a POST is a bad parameter (400), not a missing resource
    if (!(await services(ctx, locale(c))).some((s) => s.service_code === input.serviceCode))
      throw new AppError('pengaduan.open311_invalid', '', { service_code: 'pengaduan.open311.error.service' });
    const { publicId } = await cfg.create(ctx, input, keyId);
    const answer = [{ service_request_id: publicId, service_notice: null, account_id: input.accountId ?? null }];
    return send(c, fmt, answer, () => requestsXml(answer));
  });
}
