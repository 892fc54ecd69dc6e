// Open311's errors: the codes this API throws, and the formatter that answers every error under
// /open311/v2 (404s and 500s of the platform included) as GeoReport's [{code, description}], in
// XML when the path ends in .xml (or, with no extension, when Accept asks for XML).
import type { Context } from 'hono';
import type { AppError } from '../../../platform/http/errors.ts';
import type { Env } from '../../../platform/http/context.ts';
import { errorsXml } from './format.ts';

export const OPEN311_PREFIX = '/open311/v2';

export const open311Errors = {
  // 400: the spec's "missing or invalid parameter"
  'pengaduan.open311_invalid': { status: 400, message: 'pengaduan.open311.error.invalid' },
  // 403: "api_key was not provided or is invalid"
  'pengaduan.open311_api_key': { status: 403, message: 'pengaduan.open311.error.api_key' },
  // 404: an unknown service_code, request id, token or jurisdiction_id
  'pengaduan.open311_not_found': { status: 404, message: 'pengaduan.open311.error.not_found' },
} as const;

export function wantsXml(c: Context<Env>): boolean {
  const p = c.req.path;
  if (p.endsWith('.xml')) return true;
  if (p.endsWith('.json')) return false;
  return /\b(application|text)\/xml\b/.test(c.req.header('accept') ?? '');
}

export function open311ErrorFormat(c: Context<Env>, err: AppError): Response {
  const t = c.get('t');
  const main = t(err.messageKey, err.params);
  // a validation error names each bad field: one {code, description} per field, as clients show them
  const list = Object.keys(err.fields).length
    ? Object.entries(err.fields).map(([field, key]) => ({ code: err.status, description: `${field}: ${t(key, err.params)}` }))
    : [{ code: err.status, description: main }];
  const status = err.status as 400;
  if (wantsXml(c)) return c.body(errorsXml(list), status, { 'content-type': 'text/xml; charset=utf-8' });
  return c.json(list, status);
}
