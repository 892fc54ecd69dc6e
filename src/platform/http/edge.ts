// Small answers at the edge of the app that every path shares: one address per page (no trailing
// slash), 405 with Allow for a method a path does not take, and robots.txt.
import type { Context, MiddlewareHandler } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';
import { matchedRoutes } from 'hono/route';
import { AppError } from './errors.ts';
import type { Env } from './context.ts';

/**
 * `/informasi/` → 308 `/informasi` (query kept; 308 keeps the method and body). Never towards
 * `//host` (a protocol-relative URL would be an open redirect).
 */
export const trailingSlash: MiddlewareHandler = async (c, next) => {
  const url = new URL(c.req.url);
  const p = url.pathname;
  if (p.length > 1 && p.endsWith('/')) {
    const target = p.replace(/\/+$/, '');
    if (target && !/^\/[/\\]/.test(target)) return c.redirect(`${target}${url.search}`, 308);
  }
  return next();
};

type Route = { method: string; path: string };
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * A path that exists for other methods answers 405 with `Allow` (POST to a GET-only API), not 404;
 * OPTIONS answers 204 with `Allow`. Runs before CSRF so the answer does not depend on a token.
 */
export function methodGuard(routes: () => Route[]): MiddlewareHandler<Env> {
  let router: TrieRouter<string> | undefined;
  const allowed = (path: string): string[] => {
    if (!router) {
      router = new TrieRouter<string>();
      for (const r of routes()) if ((METHODS as readonly string[]).includes(r.method)) router.add(r.method, r.path, r.method);
    }
    const out = METHODS.filter((m) => router!.match(m, path)[0].length > 0) as string[];
    return out.includes('GET') ? [...out.slice(0, 1), 'HEAD', ...out.slice(1)] : out;
  };
  return async (c, next) => {
    // a route (not only the app-wide middleware) answers this method here: carry on
    if (c.req.method !== 'OPTIONS' && matchedRoutes(c).some((r) => r.method !== 'ALL')) return next();
    const allow = allowed(c.req.path);
    if (!allow.length) return next(); // no such path: the 404 page
    if (c.req.method === 'OPTIONS') return c.body(null, 204, { allow: [...allow, 'OPTIONS'].join(', ') });
    c.header('allow', allow.join(', '));
    throw new AppError('method_not_allowed', 'error.method_not_allowed', {}, { method: c.req.method.slice(0, 10) }, 405);
  };
}

/** The public portal is for search engines; personal, back-office and machine pages are not. */
export function robotsTxt(c: Context, sitemapUrl?: string) {
  const body = [
    'User-agent: *',
    'Allow: /',
    'Allow: /openapi.json',
    'Disallow: /petugas',
    'Disallow: /akun',
    'Disallow: /keluar',
    'Disallow: /verifikasi',
    'Disallow: /atur-ulang-sandi',
    'Disallow: /bahasa/',
    'Disallow: /cari',
    'Disallow: /api/',
    // the sitemap's absolute URL, when a module serves one (the portal: every module's public pages)
    ...(sitemapUrl ? ['', `Sitemap: ${sitemapUrl}`] : []),
    '',
  ].join('\n');
  return c.body(body, 200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=86400' });
}
