// Cache-Control: no-store for everything personal, so no shared cache (a proxy, an office's caching
// gateway) and no browser history on a shared computer keeps a copy: the back office and every
// module's private pages (manifest paths.private, e.g. /akun), every response to a request with a
// session, and every page holding a CSRF token.
import type { MiddlewareHandler } from 'hono';
import type { Env } from './context.ts';
import { hasSessionCookie, isNoStore } from './page-cache.ts';
import { isPrivatePath, pathTable } from './paths.ts';

export const privateNoStore: MiddlewareHandler<Env> = async (c, next) => {
  const withSession = hasSessionCookie(c);
  await next();
  const declared = c.res.headers.get('cache-control') ?? '';
  const personal = isPrivatePath(pathTable(c.get('app').modules), c.req.path) || isNoStore(c);
  // a response the handler marked public (the theme stylesheet) is the same for everyone
  if (personal || ((withSession || c.get('session')) && !/\bpublic\b/.test(declared))) {
    try {
      c.res.headers.set('cache-control', 'no-store');
    } catch {
      // immutable headers (a Response passed through): copy it
      c.res = new Response(c.res.body, c.res);
      c.res.headers.set('cache-control', 'no-store');
    }
  }
};
