// CSRF: one check, here, for every state-changing request whatever its content type (ADR 018).
// The token is an HMAC bound to the visitor: to the server-side session when there is one (so it
// changes at every sign-in, when the session id rotates), else to a random pre-session cookie (for
// the sign-in and registration forms), which is dropped when a session starts. A cross-site page can
// make the browser send our cookies but can neither read nor forge the token.
//
// Where the token may be: the `_csrf` field of a url-encoded form; the FIRST part of a multipart
// form (read here from a bounded prefix of the body, which is then handed on untouched); or an
// `X-CSRF-Token` header (scripts, any content type). JSON APIs under /api/ without a session need
// none: nothing ambient to abuse, and a cross-site page cannot send application/json anyway. The
// same holds for a module's machine-client prefixes (manifest paths.machine, e.g. Open311's
// form-encoded POST authenticated by api_key): without a session cookie there is nothing to ride on.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hmac, randomToken, safeEqual } from '../crypto.ts';
import { AppError } from './errors.ts';
import { isApiPath, readForm } from './input.ts';
import type { Env } from './context.ts';
import { noStore } from './page-cache.ts';
import { pathTable, under } from './paths.ts';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** How much of a multipart body is read looking for the `_csrf` part before giving up. */
export const MULTIPART_TOKEN_PREFIX_BYTES = 8 * 1024;

/** __Host-: https only, host-only, path=/ — another subdomain cannot plant its own seed. */
export function csrfCookieName(c: Context<Env>): string {
  return c.get('app').config.production ? '__Host-gapura_csrf' : 'gapura_csrf';
}

// a seed created during this request (a page with two forms asks twice; it is valid at once)
const freshSeeds = new WeakMap<Context, string>();

function seedOf(c: Context<Env>): string | undefined {
  const seed = freshSeeds.get(c) ?? getCookie(c, csrfCookieName(c));
  return seed && seed.length >= 20 && seed.length <= 100 ? seed : undefined;
}

/** The token for a session (by the SHA-256 of its id, as stored) or for a pre-session seed. */
export function tokenFor(secret: string, bound: { sessionIdHash: string } | { seed: string }): string {
  return 'sessionIdHash' in bound ? hmac(secret, 'csrf:session', bound.sessionIdHash) : hmac(secret, 'csrf', bound.seed);
}

function expected(c: Context<Env>): string | undefined {
  const { secret } = c.get('app').config;
  const session = c.get('session');
  if (session) return tokenFor(secret, { sessionIdHash: session.idHash });
  const seed = seedOf(c);
  return seed ? tokenFor(secret, { seed }) : undefined;
}

/** The token to put in a form's hidden field; creates the pre-session cookie on first use. */
export function csrfToken(c: Context<Env>): string {
  noStore(c); // the token is per visitor: this page must never be served to someone else
  if (!c.get('session') && !seedOf(c)) {
    const seed = randomToken(24);
    const production = c.get('app').config.production;
    setCookie(c, csrfCookieName(c), seed, { httpOnly: true, sameSite: 'Lax', secure: production, path: '/' });
    freshSeeds.set(c, seed);
  }
  return expected(c)!;
}

/**
 * Called when a session starts (session.ts): the pre-session token must not outlive it, so a token
 * seen before sign-in (or planted by a login-CSRF page) is worthless afterwards.
 */
export function forgetPreSessionToken(c: Context<Env>): void {
  freshSeeds.delete(c);
  if (getCookie(c, csrfCookieName(c)) !== undefined)
    deleteCookie(c, csrfCookieName(c), { path: '/', secure: c.get('app').config.production });
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export const csrfGuard: MiddlewareHandler<Env> = async (c, next) => {
  if (SAFE.has(c.req.method)) return next();
  checkOrigin(c);
  const machine = isApiPath(c.req.path) || pathTable(c.get('app').modules).machine.some((p) => under(c.req.path, p));
  if (machine && !c.get('session')) return next();
  const sent = await sentToken(c);
  const want = expected(c);
  if (!sent || !want || !safeEqual(sent, want)) throw new AppError('csrf_failed', 'error.csrf');
  // the hook for body readers that come later (uploads): the request is already verified
  c.set('csrfChecked', true);
  await next();
};

/** For code that has a token value in hand (e.g. a multipart field it parsed itself). */
export function verifyCsrfValue(c: Context<Env>, sent: string | undefined): void {
  const want = expected(c);
  if (!sent || !want || !safeEqual(sent, want)) throw new AppError('csrf_failed', 'error.csrf');
}

function checkOrigin(c: Context<Env>) {
  const origin = c.req.header('origin');
  if (origin === 'null') throw new AppError('csrf_failed', 'error.csrf');
  if (origin) {
    const got = safeHost(origin);
    if (got !== new URL(c.get('app').config.baseUrl).host && got !== c.req.header('host')) throw new AppError('csrf_failed', 'error.csrf');
  }
}

async function sentToken(c: Context<Env>): Promise<string | undefined> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return (await readForm(c))[CSRF_FIELD];
  if (type === 'multipart/form-data') return multipartToken(c);
  // text/plain, JSON to a page, no body at all: a form cannot carry the token there
  return undefined;
}

/**
 * The `_csrf` value when it is the first part of a multipart body (our forms put it first: the
 * hidden field comes first and browsers send fields in document order). Reads at most
 * MULTIPART_TOKEN_PREFIX_BYTES, then puts the body back together so the handler reads all of it.
 */
async function multipartToken(c: Context<Env>): Promise<string | undefined> {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(c.req.header('content-type') ?? '');
  const body = c.req.raw.body;
  if (!m || !body) return undefined;
  const delimiter = `--${m[1] ?? m[2]}`;
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let done = false;
  let token: string | undefined | null = null; // null: need more bytes
  while (token === null) {
    const r = await reader.read();
    if (r.done) done = true;
    else {
      chunks.push(r.value);
      size += r.value.byteLength;
    }
    token = firstPartToken(Buffer.concat(chunks).toString('latin1'), delimiter);
    if (token === null && (done || size >= MULTIPART_TOKEN_PREFIX_BYTES)) token = undefined;
  }
  const head = Buffer.concat(chunks);
  const rest = new ReadableStream<Uint8Array>({
    start(ctrl) {
      if (head.byteLength) ctrl.enqueue(new Uint8Array(head));
      if (done) ctrl.close();
    },
    async pull(ctrl) {
      const r = await reader.read();
      if (r.done) ctrl.close();
      else ctrl.enqueue(r.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  c.req.raw = new Request(c.req.raw.url, { method: c.req.raw.method, headers: c.req.raw.headers, body: rest, duplex: 'half', signal: c.req.raw.signal } as RequestInit);
  return token;
}

/** undefined: the first part is not the token; null: not enough bytes yet. */
function firstPartToken(s: string, delimiter: string): string | undefined | null {
  const at = s.indexOf(delimiter);
  if (at < 0) return null;
  const headersStart = at + delimiter.length + 2;
  const headersEnd = s.indexOf('\r\n\r\n', headersStart);
  if (headersEnd < 0) return null;
  const headers = s.slice(headersStart, headersEnd);
  if (!/^content-disposition:\s*form-data\s*;\s*name="_csrf"\s*$/im.test(headers)) return undefined;
  const valueStart = headersEnd + 4;
  const valueEnd = s.indexOf(`\r\n${delimiter}`, valueStart);
  if (valueEnd < 0) return null;
  const value = s.slice(valueStart, valueEnd);
  return value.length <= 200 ? value : undefined;
}

function safeHost(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return '';
  }
}
