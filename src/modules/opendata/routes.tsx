/** @jsxImportSource hono/jsx */
// Thin routes: /data (the list and one page per dataset), the live downloads, /catalog.jsonld and
// CKAN's action API. Everything public; each handler authorizes 'opendata.view' first.
import type { Context, Hono } from 'hono';
import { authorize } from '../../platform/access/guard.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { query, readJson } from '../../platform/http/input.ts';
import { datasetRows, toCsv } from '../../platform/figures.ts';
import { catalog, findDataset, type Dataset } from './catalog.ts';
import { ACTION_PARAMS, actions, CkanError, type Links, type Params } from './ckan.ts';
import { dcatCatalog } from './dcat.ts';
import { DatasetPage, DatasetsPage, DATA_PATH } from './views/public.tsx';

/** Public data changes slowly and is the same for everyone: shared caches may keep it 5 minutes. */
const PUBLIC_CACHE = 'public, max-age=300';
/** Rows are written out in slices, so a large dataset is never one big string in memory. */
const SLICE = 500;

export const API_PREFIX = '/api/3';

function links(c: Context<Env>, ctx: AppContext): Links {
  return { base: ctx.config.baseUrl.replace(/\/+$/, ''), siteTitle: c.get('region').name, locale: c.get('locale') };
}

/** CKAN's envelope. `help` points at the action's documentation, as CKAN's does. */
export function ckanBody(base: string, action: string, rest: { success: true; result: unknown } | { success: false; error: Record<string, unknown> }) {
  return { help: `${base}/api/3/action/help_show?name=${action}`, ...rest };
}

const CKAN_TYPES: Record<number, string> = { 400: 'Bad Request', 403: 'Authorization Error', 404: 'Not Found Error', 409: 'Validation Error', 422: 'Validation Error' };

/** The module's error format on /api/3 (manifest errorFormats): the platform's errors — unknown
 *  action (404), bad JSON or an undeclared parameter (400), CSRF (403), a crash (500) — in CKAN's shape. */
export function ckanErrorFormat(c: Context<Env>, err: AppError): Response {
  const base = c.get('app').config.baseUrl.replace(/\/+$/, '');
  const action = c.req.path.split('/').pop() ?? '';
  const status = err.status === 422 ? 409 : err.status;
  const type = CKAN_TYPES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request');
  const message = c.get('t')(err.messageKey, err.params);
  return c.json(ckanBody(base, action, { success: false, error: { __type: type, message } }), status as 400);
}

function stream(rows: Record<string, unknown>[], head: string, piece: (r: Record<string, unknown>, first: boolean) => string, tail: string): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let i = 0;
  return new ReadableStream({
    start(ctl) {
      ctl.enqueue(enc.encode(head));
    },
    pull(ctl) {
      if (i >= rows.length) {
        ctl.enqueue(enc.encode(tail));
        ctl.close();
        return;
      }
      let out = '';
      for (const end = Math.min(rows.length, i + SLICE); i < end; i++) out += piece(rows[i], i === 0);
      ctl.enqueue(enc.encode(out));
    },
  });
}

async function download(c: Context<Env>, ctx: AppContext, d: Dataset, format: 'csv' | 'json'): Promise<Response> {
  const rows = await datasetRows(ctx, d.key);
  const headers: Record<string, string> = {
    'cache-control': PUBLIC_CACHE,
    'last-modified': d.modified.toUTCString(),
    'content-disposition': `attachment; filename="${d.name}.${format}"`,
    'x-content-type-options': 'nosniff',
  };
  if (format === 'json') {
    headers['content-type'] = 'application/json; charset=utf-8';
    return new Response(stream(rows, '[', (r, first) => (first ? '' : ',') + JSON.stringify(r), ']\n'), { headers });
  }
  // UTF-8 with a byte-order mark: Excel (what most offices open a CSV with) reads a CSV without one
  // as the Windows code page and garbles every non-ASCII name; csv-parse, pandas and R skip it.
  headers['content-type'] = 'text/csv; charset=utf-8; header=present';
  const header = toCsv(d.fields, []);
  return new Response(stream(rows, '\uFEFF' + header, (r) => toCsv(d.fields, [r as never]).slice(header.length), ''), { headers });
}

export function opendataRoutes(app: Hono<Env>, ctx: AppContext) {
  app.get(DATA_PATH, async (c) => {
    authorize(c, 'opendata.view');
    const cat = await catalog(ctx);
    return c.html(<DatasetsPage c={c} cat={cat} />);
  });

  app.get(`${DATA_PATH}/:file`, async (c) => {
    authorize(c, 'opendata.view');
    const m = /^(.+?)(?:\.(csv|json))?$/.exec(c.req.param('file'));
    const cat = await catalog(ctx);
    const d = m ? findDataset(cat, m[1]) : undefined;
    if (!m || !d || (d.name !== m[1] && !m[2])) throw new AppError('not_found', 'error.not_found');
    if (m[2]) return download(c, ctx, d, m[2] as 'csv' | 'json');
    return c.html(<DatasetPage c={c} d={d} />);
  });

  app.get('/catalog.jsonld', async (c) => {
    authorize(c, 'opendata.view');
    const body = dcatCatalog(await catalog(ctx), links(c, ctx), await ctx.region());
    return c.body(JSON.stringify(body), 200, { 'content-type': 'application/ld+json; charset=utf-8', 'cache-control': PUBLIC_CACHE });
  });

  const run = async (c: Context<Env>, params: Params) => {
    const name = c.req.param('action') ?? '';
    const l = links(c, ctx);
    const action = Object.hasOwn(actions, name) ? actions[name] : undefined;
    if (!action) return c.json(ckanBody(l.base, name, { success: false, error: { __type: 'Bad Request', message: `Bad request - Action name not known: ${name}` } }), 400);
    try {
      const result = action(await catalog(ctx), params, l);
      return c.json(ckanBody(l.base, name, { success: true, result }), 200, { 'cache-control': 'public, max-age=60' });
    } catch (e) {
      if (!(e instanceof CkanError)) throw e;
      const error = e.type === 'Validation Error' ? { __type: e.type, message: e.message, ...e.fields } : { __type: e.type, message: e.message };
      return c.json(ckanBody(l.base, name, { success: false, error }), e.status);
    }
  };

  app.get(`${API_PREFIX}/action/:action`, query(...ACTION_PARAMS), async (c) => {
    authorize(c, 'opendata.view');
    const p = c.req.query();
    return run(c, Object.fromEntries(ACTION_PARAMS.filter((k) => k in p).map((k) => [k, p[k]])));
  });

  // CKAN clients (ckanapi, the harvester) POST a JSON object. These actions only read public data,
  // so a forged cross-site POST can make nobody do anything; the platform's CSRF guard still
  // applies as everywhere (/api/ without a session needs no token; a signed-in browser needs the
  // X-CSRF-Token header, and a cross-origin Origin is refused).
  app.post(`${API_PREFIX}/action/:action`, async (c) => {
    authorize(c, 'opendata.view');
    const empty = !c.req.header('content-type') && (c.req.header('content-length') ?? '0') === '0';
    const body = empty ? {} : await readJson(c);
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new AppError('invalid_json', 'error.invalid_json');
    return run(c, body as Params);
  });
}
