// A short-lived, per-process cache of public pages for anonymous visitors, stored pre-compressed.
// When a city posts an urgent announcement and thousands of phones open the portal at once, the
// home page is rendered once every few seconds instead of once per visitor. Only pages that are the
// same for every anonymous visitor are cached: no session cookie, no Set-Cookie, no CSRF token in
// the page, status 200 HTML. Branding changes already take up to the region cache's TTL to show.
import zlib from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import type { Env } from './context.ts';
import { declaredQueryString } from './input.ts';
import { under, type PathTable } from './paths.ts';

export const PAGE_TTL_MS = 5000;
const MAX_ENTRIES = 500;
const COMPRESS_MIN_BYTES = 1024;

type Encoding = 'br' | 'gzip' | 'identity';

interface Entry {
  at: number;
  headers: [string, string][];
  /** the response headers per encoding, built once: a plain object lets @hono/node-server write
   * them directly, where a Headers object costs a third of a cache hit (bench/home.ts) */
  plain: Partial<Record<Encoding, Record<string, string>>>;
  identity: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  br: Uint8Array<ArrayBuffer>;
}


/** Pages that show per-person content call this (csrfToken() does) to keep them out of the cache. */
export function noStore(c: Context<Env>) {
  (c as unknown as { _noStore?: boolean })._noStore = true;
}

/** Whether this response was marked per-person with noStore(). */
export function isNoStore(c: Context<Env>): boolean {
  return !!(c as unknown as { _noStore?: boolean })._noStore;
}

export function hasSessionCookie(c: Context<Env>): boolean {
  const cookie = c.req.header('cookie') ?? '';
  return /(?:^|;\s*)(?:__Host-)?gapura_sid=/.test(cookie);
}

function pickEncoding(c: Context<Env>): 'br' | 'gzip' | 'identity' {
  const enc = c.req.header('accept-encoding') ?? '';
  if (/\bbr\b/.test(enc)) return 'br';
  if (/\bgzip\b/.test(enc)) return 'gzip';
  return 'identity';
}

function respond(e: Entry, enc: Encoding, method: string): Response {
  const body = e[enc];
  const headers = (e.plain[enc] ??= {
    ...Object.fromEntries(e.headers),
    ...(enc !== 'identity' ? { 'content-encoding': enc } : {}),
    'content-length': String(body.byteLength),
    vary: 'accept-encoding, cookie',
  });
  return new Response(method === 'HEAD' ? null : body, { status: 200, headers });
}

/** `paths`: the private prefixes (the staff area and modules' paths.private; no-store.ts marks
 *  them no-store) and the uncached ones (APIs): never page-cached. */
export function pageCache(paths: Pick<PathTable, 'private' | 'uncached'>): MiddlewareHandler<Env> {
  const cache = new Map<string, Entry>();
  return async (c, next) => {
    const method = c.req.method;
    const path = c.req.path;
    const isPrivate = paths.private.some((p) => under(path, p));
    const cacheable =
      (method === 'GET' || method === 'HEAD') && !hasSessionCookie(c) && !isPrivate && !paths.uncached.some((p) => under(path, p));
    if (!cacheable) {
      await next();
      await compressInPlace(c);
      return;
    }
    // keyed on the query parameters the page declared (query()): ?fbclid=… and utm_* variants of a
    // shared link are one entry, and a query that is not valid text is never answered from here
    const q = declaredQueryString(c, c.req.url);
    if (q === undefined) {
      await next();
      await compressInPlace(c);
      return;
    }
    const lang = /(?:^|;\s*)lang=(en|id)\b/.exec(c.req.header('cookie') ?? '')?.[1] ?? 'id';
    const key = `${lang}|${path}?${q}`;
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < PAGE_TTL_MS) {
      c.res = respond(hit, pickEncoding(c), method);
      return;
    }
    await next();
    const res = c.res;
    const type = res.headers.get('content-type') ?? '';
    if (
      res.status !== 200 ||
      !type.startsWith('text/html') ||
      res.headers.has('set-cookie') ||
      (c as unknown as { _noStore?: boolean })._noStore ||
      /no-store|private/.test(res.headers.get('cache-control') ?? '')
    ) {
      await compressInPlace(c);
      return;
    }
    const identity = new Uint8Array(await res.arrayBuffer());
    const entry: Entry = {
      at: Date.now(),
      headers: [...res.headers].filter(([k]) => k !== 'content-length' && k !== 'content-encoding'),
      plain: {},
      identity,
      gzip: new Uint8Array(zlib.gzipSync(identity, { level: 6 })),
      br: new Uint8Array(zlib.brotliCompressSync(identity, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })),
    };
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.delete(key); // re-insert: Map order is insertion order, oldest evicted first
    cache.set(key, entry);
    c.res = respond(entry, pickEncoding(c), method);
  };
}

/** Compress HTML and JSON bigger than one packet for everyone else (slow phone networks). */
async function compressInPlace(c: Context<Env>) {
  const res = c.res;
  const type = res.headers.get('content-type') ?? '';
  const cached = cachedBody(res);
  if ((cached === undefined && !res.body) || res.headers.has('content-encoding') || !/^(text\/html|application\/json)/.test(type)) return;
  const enc = pickEncoding(c);
  if (enc === 'identity') return;
  const body = cached !== undefined ? (typeof cached === 'string' ? Buffer.from(cached) : cached) : new Uint8Array(await res.arrayBuffer());
  const headers = new Headers(res.headers);
  headers.append('vary', 'accept-encoding');
  if (body.byteLength < COMPRESS_MIN_BYTES) {
    replaceResponse(c, new Response(body as Uint8Array<ArrayBuffer>, { status: res.status, headers }));
    return;
  }
  const out = enc === 'br'
    // quality 2: half the CPU of 4 for ~10% more bytes on an 8 KB page (~40 B); this runs for every
    // signed-in page, where the cached path above compresses once per 5 s
    ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 2, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } })
    : zlib.gzipSync(body, { level: 6 });
  headers.set('content-encoding', enc);
  headers.set('content-length', String(out.byteLength));
  replaceResponse(c, new Response(new Uint8Array(out), { status: res.status, headers }));
}

let bodySymbol: symbol | undefined;

/**
 * The body of a response as @hono/node-server keeps it (a string or bytes), read without turning the
 * response into a web stream: `res.body` / `res.arrayBuffer()` build a full undici Response and read
 * it back through a stream, which was a fifth of a signed-in page's CPU time (bench/home.ts profile).
 * Outside node-server (tests calling app.request) there is no such field and the caller reads the
 * body the standard way.
 */
function cachedBody(res: Response): string | Uint8Array | undefined {
  bodySymbol ??= Object.getOwnPropertySymbols(res).find((k) => k.description === 'cache');
  if (!bodySymbol) return undefined;
  const entry = (res as unknown as Record<symbol, unknown[] | undefined>)[bodySymbol];
  const body = entry?.[1];
  return typeof body === 'string' || body instanceof Uint8Array ? body : undefined;
}

/**
 * Put a response in place of c.res when it already carries every header of the old one. Assigning
 * over an existing c.res makes Hono copy the old headers into a rebuilt copy of the new response,
 * which turns node-server's light response into a full web Response (bench/home.ts profile).
 */
function replaceResponse(c: Context<Env>, res: Response) {
  c.res = undefined;
  c.res = res;
}
