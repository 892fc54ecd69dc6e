// CSRF: a signed double-submit token. A random cookie (set the first time a page shows a form) and a
// hidden field holding its HMAC; a cross-site page can send the cookie but cannot read or forge the
// field. JSON requests must be application/json (which a cross-site form cannot send) and, when the
// browser says where they come from, from our own origin.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { hmac, randomToken, safeEqual } from '../crypto.ts';
import { AppError } from './errors.ts';
import { readForm } from './input.ts';
import type { Env } from './context.ts';
import { noStore } from './page-cache.ts';

const COOKIE = 'gapura_csrf';
export const CSRF_FIELD = '_csrf';

/** The token to put in a form's hidden field; creates the cookie on first use. */
export function csrfToken(c: Context<Env>): string {
  noStore(c); // the token is per visitor: this page must never be served to someone else
  // a page with two forms asks twice: reuse the seed this request already set
  let seed = (c as unknown as { _csrfSeed?: string })._csrfSeed ?? getCookie(c, COOKIE);
  if (!seed || seed.length < 20 || seed.length > 100) {
    seed = randomToken(24);
    setCookie(c, COOKIE, seed, { httpOnly: true, sameSite: 'Lax', secure: c.get('app').config.production, path: '/' });
    // make the token valid for the rest of this request too
    (c as unknown as { _csrfSeed?: string })._csrfSeed = seed;
  }
  seed = (c as unknown as { _csrfSeed?: string })._csrfSeed ?? seed;
  return hmac(c.get('app').config.secret, 'csrf', seed);
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export const csrfGuard: MiddlewareHandler<Env> = async (c, next) => {
  if (SAFE.has(c.req.method)) return next();
  const origin = c.req.header('origin');
  if (origin && origin !== 'null') {
    const expected = new URL(c.get('app').config.baseUrl).host;
    const host = c.req.header('host');
    const got = safeHost(origin);
    if (got !== expected && got !== host) throw new AppError('csrf_failed', 'error.csrf');
  } else if (origin === 'null') {
    throw new AppError('csrf_failed', 'error.csrf');
  }
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return next();
  // Everything else a browser can send cross-site (forms, multipart, text/plain) needs the token.
  // Multipart routes check the token themselves after parsing their body (see files/).
  if (type === 'multipart/form-data') return next();
  const form = await readForm(c);
  const seed = getCookie(c, COOKIE);
  const sent = form[CSRF_FIELD];
  if (!seed || !sent || !safeEqual(sent, hmac(c.get('app').config.secret, 'csrf', seed)))
    throw new AppError('csrf_failed', 'error.csrf');
  await next();
};

/** For multipart handlers: check the token field after parsing the body. */
export function verifyCsrfValue(c: Context<Env>, sent: string | undefined): void {
  const seed = getCookie(c, COOKIE);
  if (!seed || !sent || !safeEqual(sent, hmac(c.get('app').config.secret, 'csrf', seed))) throw new AppError('csrf_failed', 'error.csrf');
}

function safeHost(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return '';
  }
}
