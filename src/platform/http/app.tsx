/** @jsxImportSource hono/jsx */
// The HTTP application: one chain for every request — static assets, request context, security
// headers, query guard, session, CSRF — then the modules' pages and APIs, then errors mapped to a
// page in the person's language, to {"error":{code,message,fields}} for API clients, or to the
// format of the module that owns the path (manifest `errorFormats`, e.g. Open311, CKAN).
import { Hono, type Context } from 'hono';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { secureHeaders } from 'hono/secure-headers';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import crypto from 'node:crypto';
import type { AppContext, Env } from './context.ts';
import { AppError, statusOf } from './errors.ts';
import { assertText, queryGuard, query, zodErrors } from './input.ts';
import { loadSession } from './session.ts';
import { csrfGuard } from './csrf.ts';
import { staffAreaGuard } from '../auth/staff-area.ts';
import { pageCache } from './page-cache.ts';
import { errorFormatFor, isStaffArea, pathTable, under } from './paths.ts';
import { privateNoStore } from './no-store.ts';
import { methodGuard, robotsTxt, trailingSlash } from './edge.ts';
import { isLocale, translator, type Locale } from '../i18n/index.ts';
import { Layout } from '../ui/layout.tsx';
import { ASSETS } from '../ui/assets.ts';
import { serveLogo } from '../region/logo.ts';

const tableOf = (c: Context<Env>) => pathTable(c.get('app')?.modules ?? []);

/** JSON for the platform's and modules' JSON prefixes (manifest paths.json), or when asked for. */
export function wantsJson(c: Context<Env>): boolean {
  const p = c.req.path;
  if (tableOf(c).json.some((prefix) => under(p, prefix))) return true;
  const accept = c.req.header('accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

export function errorJson(c: Context<Env>, err: AppError) {
  const t = c.get('t') ?? translator('en');
  const fields = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, t(v, err.params)]));
  return c.json({ error: { code: err.code, message: t(err.messageKey, err.params), fields } }, err.status as 400);
}

export function ErrorPage({ c, title, body, extra }: { c: Context<Env>; title: string; body: string; extra?: string }) {
  const t = c.get('t');
  return (
    <Layout c={c} title={title} staff={c.req.path.startsWith('/petugas')}>
      <h1>{title}</h1>
      <p class="lead">{body}</p>
      {extra ? <p>{extra}</p> : null}
      <p>
        <a href="/">{t('app.home')}</a>
      </p>
    </Layout>
  );
}

/** An error answered in the format of the path: a module's own, JSON, or a page. */
export function respondError(c: Context<Env>, err: AppError): Response | Promise<Response> {
  const own = errorFormatFor(tableOf(c), c.req.path);
  if (own) return own.format(c, err);
  return wantsJson(c) ? errorJson(c, err) : errorPage(c, err);
}

/** PostgreSQL's unique_violation, from pg and from PGlite alike (also when wrapped as a cause). */
export function isUniqueViolation(e: unknown): boolean {
  for (let x = e as { code?: unknown; cause?: unknown } | undefined, i = 0; x && i < 3; x = x.cause as typeof x, i++)
    if (x.code === '23505') return true;
  return false;
}

function errorPage(c: Context<Env>, err: AppError) {
  const t = c.get('t');
  const s = err.status;
  const signIn = tableOf(c).signIn;
  const to = isStaffArea(c.req.path) ? signIn.staff : signIn.citizen;
  if (s === 401 && to) return c.redirect(`${to}?kembali=${encodeURIComponent(c.req.path)}`, 303);
  const [title, body] =
    s === 404 ? [t('error.404.title'), err.code === 'not_found' ? t('error.404.body') : t(err.messageKey, err.params)]
    : s === 403 && err.code === 'forbidden' ? [t('error.403.title'), t('error.403.body')]
    : [t('error.400.title'), t(err.messageKey, err.params)];
  c.status(s as 400);
  return c.html(<ErrorPage c={c} title={title} body={body} />);
}

export interface BuildOptions {
  /** extra routes for tests */
  extend?: (app: Hono<Env>) => void;
}

/**
 * The path as logs may keep it: a segment that looks like a secret (a follow link's token: 20 or more
 * URL-safe characters with a capital or '_', which no slug or tracking number has) is masked, so
 * reading the logs never opens someone's report or request. The query string is never logged.
 */
export function logPath(path: string): string {
  return path.replace(/\/(?=[A-Za-z0-9_-]{20,}(?:\/|$))(?=[^/]*[A-Z_])[A-Za-z0-9_-]+/g, '/[token]');
}

export function buildApp(ctx: AppContext, opts: BuildOptions = {}) {
  const app = new Hono<Env>();
  const { config } = ctx;

  // Static assets first: no session, no database. A missing one falls through to the 404 page.
  app.get('/static/*', (c, next) => serveAsset(c, next));
  app.get('/favicon.svg', (c, next) => serveAsset(c, next));
  app.get('/logo.svg', (c) => serveLogo(c, ctx));
  const sitemapUrl = ctx.modules.some((m) => m.sitemap) ? `${ctx.config.baseUrl.replace(/\/$/, '')}/sitemap.xml` : undefined;
  app.get('/robots.txt', (c) => robotsTxt(c, sitemapUrl));
  app.use('*', trailingSlash);

  // Outermost: a cached anonymous page is answered before any other work. Entries are only made for
  // responses that went through the whole chain below (security headers, query guard) with 200.
  app.use('*', pageCache(pathTable(ctx.modules)));
  app.use('*', async (c: Context<Env>, next) => {
    c.set('app', ctx);
    c.set('requestId', crypto.randomUUID());
    const pref = getCookie(c, 'lang');
    const locale: Locale = isLocale(pref) ? pref : 'id';
    c.set('locale', locale);
    c.set('t', translator(locale));
    c.set('actor', { kind: 'anonymous' });
    c.set('session', null);
    c.set('region', await ctx.region());
    const started = performance.now();
    await next();
    // the access log (LOG_LEVEL=debug): the path only, never the query string, which may carry search terms
    ctx.log.debug('request', { id: c.get('requestId'), method: c.req.method, path: logPath(c.req.path), status: c.res.status, ms: Math.round(performance.now() - started) });
  });

  app.use('*', privateNoStore);
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      strictTransportSecurity: config.production ? 'max-age=31536000; includeSubDomains' : false,
      referrerPolicy: 'strict-origin-when-cross-origin',
      crossOriginEmbedderPolicy: false,
      permissionsPolicy: { camera: [], microphone: [], geolocation: ['self'] },
    }),
  );
  app.use('*', methodGuard(() => app.routes));
  app.use('*', queryGuard);
  // Every body is size-limited before anything reads it. Uploads (multipart) get their own, larger
  // limit where a module accepts files.
  const limited = bodyLimit({ maxSize: 1024 * 1024, onError: () => { throw new AppError('body_too_large', 'error.body_too_large'); } });
  app.use('*', async (c: Context<Env, string>, next) => {
    // GET and HEAD carry no body we read; asking for one builds a full web Request per page view
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    if ((c.req.header('content-type') ?? '').startsWith('multipart/form-data')) return next();
    return limited(c, next);
  });
  app.use('*', async (c: Context<Env>, next) => {
    await loadSession(c);
    await next();
  });
  app.use('*', csrfGuard);
  // /petugas… is staff-only for every module's pages (see auth/staff-area.ts)
  app.use('*', staffAreaGuard);

  // Region colours as a tiny stylesheet (no inline styles, so the CSP can forbid them).
  app.get('/tema.css', query('v'), (c) => {
    const colors = c.get('region').branding.colors ?? {};
    const hex = (v: string | undefined, d: string) => (v && /^#[0-9a-fA-F]{3,8}$/.test(v) ? v : d);
    const css = `:root{--brand:${hex(colors.primary, '#0b5394')};--brand-text:${hex(colors.primaryText, '#ffffff')};--accent:${hex(colors.accent, '#b45309')}}`;
    return c.body(css, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=300' });
  });


  // Language switch: a plain link, works without JavaScript, returns to the same page.
  app.get('/bahasa/:lang', query('kembali'), (c) => {
    const lang = c.req.param('lang');
    if (!isLocale(lang)) throw new AppError('not_found', 'error.404.title');
    setCookie(c, 'lang', lang, { path: '/', sameSite: 'Lax', maxAge: 365 * 24 * 3600, secure: config.production });
    const back = c.req.query('kembali') ?? '/';
    return c.redirect(safeLocalPath(back), 303);
  });

  const api = new OpenAPIHono<Env>({
    defaultHook: (result, c) => {
      if (!result.success) {
        // the same i18n field keys as form validation: never zod's English text in an Indonesian answer
        const t = c.get('t');
        const fields = Object.fromEntries(Object.entries(zodErrors(result.error)).map(([k, key]) => [k, t(key)]));
        return c.json({ error: { code: 'validation_failed', message: t('error.validation'), fields } }, 422);
      }
      assertText(result.data, result.target === 'json' || result.target === 'form');
    },
  });
  registerHealth(api, ctx);
  // Modules register JSON endpoints with their full path ('/api/v1/…') and zod schemas: the same
  // schemas validate input and produce /openapi.json.
  for (const m of ctx.modules) m.api?.(api, ctx);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Gapura API', version: '1', description: 'JSON endpoints of Gapura. Every error has the shape {"error":{"code","message","fields"}} with a stable code.' },
    servers: [{ url: config.baseUrl }],
  });
  app.route('/', api);
  for (const m of ctx.modules) m.routes?.(app, ctx);
  opts.extend?.(app);

  app.notFound((c) => respondError(c, new AppError('not_found', 'error.not_found')));

  app.onError((e, c) => {
    if (!c.get('t')) {
      c.set('locale', 'id');
      c.set('t', translator('id'));
    }
    if (e instanceof HTTPException && e.status < 500) e = fromHttpException(e);
    // two requests racing for the same unique value: the loser is told it exists, never a 500
    if (isUniqueViolation(e)) e = new AppError('conflict', 'error.conflict');
    if (e instanceof AppError && e.registered) return respondError(c, e);
    const ref = c.get('requestId') ?? crypto.randomUUID();
    // an AppError with a code nobody registered is a bug (a typo, an undeclared module code): a 500
    // logged as such, so tests and monitoring see it, never a silent 400
    const what = e instanceof AppError ? `unregistered error code ${e.code}` : 'unhandled error';
    ctx.log.error(what, { requestId: ref, path: logPath(c.req.path), method: c.req.method, error: String((e)?.stack ?? e) });
    const own = errorFormatFor(tableOf(c), c.req.path);
    if (own) return own.format(c, new AppError('internal_error', 'error.internal'));
    if (wantsJson(c)) return c.json({ error: { code: 'internal_error', message: c.get('t')('error.internal'), fields: {} } }, 500);
    c.status(500);
    const t = c.get('t');
    if (!c.get('region')) c.set('region', { code: '', slug: '', name: 'Gapura', timeZone: 'Asia/Jakarta', branding: {} });
    return c.html(<ErrorPage c={c} title={t('error.500.title')} body={t('error.500.body')} extra={t('error.500.ref', { ref: ref.slice(0, 8) })} />);
  });

  return app;
}

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string(),
      fields: z.record(z.string(), z.string()),
    }),
  })
  .openapi('Error');

function registerHealth(api: OpenAPIHono<Env>, ctx: AppContext) {
  const Health = z
    .object({ status: z.enum(['ok', 'unavailable']), database: z.enum(['pglite', 'postgresql']) })
    .openapi('Health');
  const route = createRoute({
    method: 'get',
    path: '/healthz',
    summary: 'Liveness and database reachability (for load balancers and monitoring)',
    responses: {
      200: { description: 'Serving, database reachable', content: { 'application/json': { schema: Health } } },
      503: { description: 'Database unreachable', content: { 'application/json': { schema: Health } } },
    },
  });
  api.openapi(route, async (c) => {
    const ok = await ctx.database.ping();
    return c.json({ status: ok ? ('ok' as const) : ('unavailable' as const), database: ctx.dbKind }, ok ? 200 : 503);
  });
}

/** Hono's own validators and middleware throw HTTPException; give them our stable codes. */
function fromHttpException(e: HTTPException): AppError {
  if (e.status === 413) return new AppError('body_too_large', 'error.body_too_large');
  if (e.status === 415) return new AppError('unsupported_media_type', 'error.unsupported_media_type');
  if (e.status === 400 && /json/i.test(e.message)) return new AppError('invalid_json', 'error.invalid_json');
  if (e.status === 401) return new AppError('unauthenticated', 'error.unauthenticated');
  if (e.status === 403) return new AppError('forbidden', 'error.forbidden');
  if (e.status === 404) return new AppError('not_found', 'error.not_found');
  return new AppError('validation_failed', 'error.validation', {}, {}, e.status);
}

/** Only same-site paths: an attacker cannot turn ?kembali= into an open redirect. */
export function safeLocalPath(p: string): string {
  if (!/^\/(?![/\\])[^\s\u0000-\u001f\u007f-\u009f]*$/.test(p)) return '/';
  // a Location header holds ASCII only: percent-encode the rest (é, €) rather than fail with a 500
  return p.replace(/[^\x21-\x7e]/gu, (ch) => encodeURIComponent(ch));
}

function serveAsset(c: Context<Env>, next: () => Promise<void>) {
  const a = ASSETS[c.req.path];
  if (!a) return next();
  const enc = c.req.header('accept-encoding') ?? '';
  const headers: Record<string, string> = {
    'content-type': a.type,
    'cache-control': c.req.path.startsWith('/static/') ? 'public, max-age=31536000, immutable' : 'public, max-age=86400',
    vary: 'accept-encoding',
    'x-content-type-options': 'nosniff',
  };
  if (/\bbr\b/.test(enc)) return c.body(new Uint8Array(a.brotli), 200, { ...headers, 'content-encoding': 'br' });
  if (/\bgzip\b/.test(enc)) return c.body(new Uint8Array(a.gzip), 200, { ...headers, 'content-encoding': 'gzip' });
  return c.body(new Uint8Array(a.body), 200, headers);
}

export { statusOf };
