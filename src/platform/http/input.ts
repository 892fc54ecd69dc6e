// Reading input at the edge: query strings (only declared keys), form bodies (size-limited, strict
// UTF-8) and JSON. Every failure is an AppError with a stable code, never a 500.
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { AppError } from './errors.ts';
import type { Env } from './context.ts';

export const FORM_LIMIT_BYTES = 256 * 1024;
export const JSON_LIMIT_BYTES = 256 * 1024;
/** No single form field is longer than this, whatever its schema says. */
export const FIELD_LIMIT_CHARS = 20_000;

type Marked = MiddlewareHandler & { allowedQuery?: readonly string[] };

/** Declares the query parameters a route accepts; any other key is rejected with 400. */
export function query(...keys: string[]): MiddlewareHandler {
  const mw: Marked = async (_c, next) => {
    await next();
  };
  mw.allowedQuery = keys;
  return mw;
}

/** Global guard: runs before every handler and rejects undeclared or badly encoded query parameters. */
export const queryGuard: MiddlewareHandler<Env> = async (c, next) => {
  const url = c.req.url;
  const qi = url.indexOf('?');
  if (qi >= 0 && qi < url.length - 1) {
    const raw = url.slice(qi + 1);
    const allowed = new Set<string>();
    for (const r of c.req.matchedRoutes) {
      const keys = (r.handler as Marked).allowedQuery;
      if (keys) keys.forEach((k) => allowed.add(k));
    }
    const unknown: string[] = [];
    for (const part of raw.split('&')) {
      if (!part) continue;
      const [k = '', v = ''] = part.split('=', 2);
      let key: string;
      try {
        key = decodeURIComponent(k.replace(/\+/g, ' '));
        decodeURIComponent(v.replace(/\+/g, ' '));
      } catch {
        throw new AppError('invalid_encoding', 'error.invalid_encoding');
      }
      if (!allowed.has(key)) unknown.push(key.slice(0, 40));
    }
    if (unknown.length) throw new AppError('unknown_query_parameter', 'error.unknown_query', {}, { names: unknown.join(', ') });
  }
  await next();
};

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
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
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
    if (value.length > FIELD_LIMIT_CHARS) throw new AppError('validation_failed', 'error.validation', { [key]: 'field.too_long' }, { max: FIELD_LIMIT_CHARS });
    // Repeated keys (checkbox groups) are joined with a newline; schemas split them.
    out[key] = key in out ? `${out[key]}\n${value}` : value;
  }
  (c as unknown as { _form?: FormData })._form = out;
  return out;
}

export async function readJson(c: Context<Env>): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new AppError('unsupported_media_type', 'error.unsupported_media_type');
  const text = decodeStrict(await readBody(c, JSON_LIMIT_BYTES));
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', 'error.invalid_json');
  }
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
  const r = schema.safeParse(c.req.query());
  if (!r.success) throw new AppError('validation_failed', 'error.validation', zodErrors(r.error));
  return r.data;
}
