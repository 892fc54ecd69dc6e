// Reading input at the edge: query strings (only declared keys), form bodies (size-limited, strict
// UTF-8) and JSON. Every failure is an AppError with a stable code, never a 500.
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { z } from 'zod';
import { AppError } from './errors.ts';
import type { Env } from './context.ts';

export const FORM_LIMIT_BYTES = 256 * 1024;
export const JSON_LIMIT_BYTES = 256 * 1024;
/** No single form field is longer than this, whatever its schema says. */
export const FIELD_LIMIT_CHARS = 20_000;

type Marked = MiddlewareHandler<Env> & { allowedQuery?: readonly string[] };

/**
 * Control characters (Unicode Cc: C0, DEL, C1) that no text field needs and PostgreSQL partly cannot
 * store (0x00). Form values may hold tab, LF and CR (a textarea); queries and paths none at all.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_IN_FORM = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** JSON APIs (and the machine endpoints beside them) are strict about their query; pages are not. */
export function isApiPath(p: string): boolean {
  return p.startsWith('/api/') || p === '/api' || p === '/healthz' || p === '/openapi.json';
}

/** Declares the query parameters a route accepts. Pages ignore any other key (fbclid, utm_*); JSON APIs reject it with 400. */
export function query(...keys: string[]): MiddlewareHandler<Env> {
  const mw: Marked = async (_c, next) => {
    await next();
  };
  mw.allowedQuery = keys;
  return mw;
}

/** The query keys the matched routes declared with query(). */
export function declaredQueryKeys(c: Context): Set<string> {
  const allowed = new Set<string>();
  for (const r of matchedRoutes(c)) {
    const keys = (r.handler as Marked).allowedQuery;
    if (keys) keys.forEach((k) => allowed.add(k));
  }
  return allowed;
}

/** One decoded query part, or undefined when it is not valid text (bad percent-encoding, bad UTF-8, control characters). */
function decodePart(s: string): string | undefined {
  try {
    const out = decodeURIComponent(s.replace(/\+/g, ' '));
    return CONTROL.test(out) ? undefined : out;
  } catch {
    return undefined;
  }
}

/** The path as text: percent-decoded, valid UTF-8, no control characters. */
export function validPath(url: string): boolean {
  const start = url.indexOf('/', url.indexOf('://') + 3);
  if (start < 0) return true;
  let end = url.indexOf('?', start);
  if (end < 0) end = url.length;
  const hash = url.indexOf('#', start);
  if (hash >= 0 && hash < end) end = hash;
  return decodePart(url.slice(start, end).replace(/\+/g, '%2B')) !== undefined;
}

/**
 * The part of the query string a page depends on: only the declared keys, in their order. The page
 * cache keys on this, so `?fbclid=…` variants share one entry. Undefined when any part is not valid
 * text (the request will be refused, never cached).
 */
export function declaredQueryString(c: Context, url: string): string | undefined {
  const qi = url.indexOf('?');
  if (qi < 0 || qi === url.length - 1) return '';
  const allowed = declaredQueryKeys(c);
  const kept: string[] = [];
  for (const part of url.slice(qi + 1).split('&')) {
    if (!part) continue;
    const [k = '', v = ''] = part.split('=', 2);
    const key = decodePart(k);
    if (key === undefined || decodePart(v) === undefined) return undefined;
    if (allowed.has(key)) kept.push(part);
  }
  return kept.join('&');
}

/**
 * Global guard, before every handler: the path and every query key and value must be valid text
 * (the same invalid_encoding answer as bad UTF-8, never a 500 from the database or a redirect
 * header). JSON APIs also reject undeclared query parameters; pages ignore them.
 */
export const queryGuard: MiddlewareHandler<Env> = async (c, next) => {
  const url = c.req.url;
  if (!validPath(url)) throw new AppError('invalid_encoding', 'error.invalid_encoding');
  const qi = url.indexOf('?');
  if (qi >= 0 && qi < url.length - 1) {
    const raw = url.slice(qi + 1);
    const allowed = declaredQueryKeys(c);
    const unknown: string[] = [];
    for (const part of raw.split('&')) {
      if (!part) continue;
      const [k = '', v = ''] = part.split('=', 2);
      const key = decodePart(k);
      if (key === undefined || decodePart(v) === undefined) throw new AppError('invalid_encoding', 'error.invalid_encoding');
      if (!allowed.has(key)) unknown.push(key.slice(0, 40));
    }
    if (unknown.length && isApiPath(c.req.path))
      throw new AppError('unknown_query_parameter', 'error.unknown_query', {}, { names: unknown.join(', ') });
  }
  await next();
};

/**
 * Every string inside an already-parsed value (a JSON body, validated params) must be valid text too:
 * JSON can smuggle "\u0000" past the byte-level checks. Newlines and tabs are fine in bodies.
 */
export function assertText(v: unknown, multiline = true): void {
  const re = multiline ? CONTROL_IN_FORM : CONTROL;
  const walk = (x: unknown): void => {
    if (typeof x === 'string') {
      if (re.test(x)) throw new AppError('invalid_encoding', 'error.invalid_encoding');
    } else if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      for (const [k, y] of Object.entries(x)) {
        walk(k);
        walk(y);
      }
    }
  };
  walk(v);
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

async function readBody(c: Context, limit: number): Promise<Uint8Array> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > limit) throw new AppError('body_too_large', 'error.body_too_large');
  const reader = c.req.raw.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new AppError('body_too_large', 'error.body_too_large');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function decodeStrict(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    throw new AppError('invalid_encoding', 'error.invalid_encoding');
  }
}

export type FormData = Record<string, string>;

/** Parse an application/x-www-form-urlencoded body once per request (cached on the context). */
export async function readForm(c: Context<Env>): Promise<FormData> {
  const cached = (c as unknown as { _form?: FormData })._form;
  if (cached) return cached;
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded')
    throw new AppError('unsupported_media_type', 'error.unsupported_media_type');
  const text = decodeStrict(await readBody(c, FORM_LIMIT_BYTES));
  const out: FormData = {};
  for (const part of text.split('&')) {
    if (!part) continue;
    const [k = '', v = ''] = part.split('=', 2);
    let key: string, value: string;
    try {
      key = decodeURIComponent(k.replace(/\+/g, ' '));
      value = decodeURIComponent(v.replace(/\+/g, ' '));
    } catch {
      throw new AppError('invalid_encoding', 'error.invalid_encoding');
    }
    if (CONTROL.test(key) || CONTROL_IN_FORM.test(value)) throw new AppError('invalid_encoding', 'error.invalid_encoding');
    if (value.length > FIELD_LIMIT_CHARS) throw new AppError('validation_failed', 'error.validation', { [key]: 'field.too_long' }, { max: FIELD_LIMIT_CHARS });
    // Repeated keys (checkbox groups) are joined with a newline; schemas split them.
    out[key] = key in out ? `${out[key]}\n${value}` : value;
  }
  (c as unknown as { _form?: FormData })._form = out;
  return out;
}

export async function readJson(c: Context<Env>): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new AppError('unsupported_media_type', 'error.unsupported_media_type');
  const text = decodeStrict(await readBody(c, JSON_LIMIT_BYTES));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', 'error.invalid_json');
  }
  assertText(value);
  return value;
}

export type FieldErrors = Record<string, string>;
export type FormResult<T> = { ok: true; data: T; values: FormData } | { ok: false; errors: FieldErrors; values: FormData };

/**
 * Validate form values with a zod schema. Messages in the schema are i18n keys (e.g.
 * 'accounts.nik.length'); zod's own defaults map to generic keys. The typed values come back
 * either way so the form can be shown again exactly as the person filled it.
 */
export function validate<T>(schema: z.ZodType<T>, values: FormData): FormResult<T> {
  const r = schema.safeParse(values);
  if (r.success) return { ok: true, data: r.data, values };
  return { ok: false, errors: zodErrors(r.error), values };
}

export function zodErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.join('.') || '_';
    if (errors[field]) continue;
    errors[field] = issueKey(issue);
  }
  return errors;
}

function issueKey(issue: z.core.$ZodIssue): string {
  // custom messages are i18n keys; zod's defaults become our generic keys
  if (issue.message && /^[a-z0-9_]+(\.[a-z0-9_]+)+$/i.test(issue.message)) return issue.message;
  if (issue.code === 'too_big') return 'field.too_long';
  if (issue.code === 'too_small') return 'field.required';
  if (issue.code === 'invalid_type') return 'field.required';
  return 'field.invalid';
}

/** Read and validate a form in one step. */
export async function parseForm<T>(c: Context<Env>, schema: z.ZodType<T>): Promise<FormResult<T>> {
  return validate(schema, await readForm(c));
}

/** Read the declared query parameters with a schema (strings in, typed out). */
export function parseQuery<T>(c: Context<Env>, schema: z.ZodType<T>): T {
  // only what the route declared: a page ignores fbclid, utm_* and the like
  const allowed = declaredQueryKeys(c);
  const r = schema.safeParse(Object.fromEntries(Object.entries(c.req.query()).filter(([k]) => allowed.has(k))));
  if (!r.success) throw new AppError('validation_failed', 'error.validation', zodErrors(r.error));
  return r.data;
}
