// The parameters a GeoReport v2 client sends, checked: GET requests' filters and POST requests'
// form body. Errors name the spec's own parameter names.
import { AppError } from '../../../platform/http/errors.ts';
import { parseW3c } from './format.ts';

export const MAX_REQUESTS = 1000;
export const DEFAULT_DAYS = 90;

export interface RequestFilter {
  ids?: string[];
  serviceCodes?: string[];
  from?: Date;
  to?: Date;
  status?: 'open' | 'closed';
}

const invalid = (field: string, key = 'pengaduan.open311.error.field') => new AppError('pengaduan.open311_invalid', '', { [field]: key });

/** GET requests: ids (comma list) win over every other filter, as the spec says; dates default to the last 90 days. */
export function parseFilter(q: Record<string, string | undefined>, now: Date): RequestFilter {
  const list = (s: string | undefined) => s?.split(',').map((x) => x.trim()).filter(Boolean);
  const ids = list(q.service_request_id);
  if (ids?.length) return { ids: ids.slice(0, MAX_REQUESTS) };
  const date = (name: 'start_date' | 'end_date') => {
    const v = q[name];
    if (v === undefined || v === '') return undefined;
    const d = parseW3c(v);
    if (!d) throw invalid(name, 'pengaduan.open311.error.datetime');
    return d;
  };
  const end = date('end_date');
  const start = date('start_date');
  const to = end ?? now;
  const from = start ?? new Date((end ?? now).getTime() - DEFAULT_DAYS * 86_400_000);
  if (from > to) throw invalid('start_date', 'pengaduan.open311.error.range');
  const status = q.status ? q.status.toLowerCase() : undefined;
  if (status !== undefined && status !== 'open' && status !== 'closed') throw invalid('status', 'pengaduan.open311.error.status');
  return { serviceCodes: list(q.service_code), from, to, status };
}

export interface PostInput {
  serviceCode: string;
  lat?: number;
  long?: number;
  addressString?: string;
  addressId?: string;
  email?: string;
  phone?: string;
  firstName?: string;
  lastName?: string;
  description: string;
  mediaUrl?: string;
  /** attribute[code]=value (repeated keys, e.g. a multivaluelist, joined by newline by readForm) */
  attributes: Record<string, string[]>;
  deviceId?: string;
  accountId?: string;
}

const num = (s: string | undefined, field: string, min: number, max: number) => {
  if (s === undefined || s.trim() === '') return undefined;
  const n = Number(s);
  if (!Number.isFinite(n) || n < min || n > max) throw invalid(field, 'pengaduan.open311.error.coordinate');
  return n;
};
const opt = (s: string | undefined, max = 500) => {
  const v = s?.trim();
  return v ? v.slice(0, max) : undefined;
};

/** POST requests: service_code, and a location (lat+long, address_string or address_id) are required. */
export function parsePost(form: Record<string, string>): PostInput {
  const fields: Record<string, string> = {};
  const serviceCode = opt(form.service_code, 100);
  if (!serviceCode) fields.service_code = 'pengaduan.open311.error.required';
  let lat: number | undefined, long: number | undefined;
  try {
    lat = num(form.lat, 'lat', -90, 90);
    long = num(form.long, 'long', -180, 180);
  } catch (e) {
    if (e instanceof AppError) Object.assign(fields, e.fields);
    else throw e;
  }
  if ((lat === undefined) !== (long === undefined)) fields[lat === undefined ? 'lat' : 'long'] = 'pengaduan.open311.error.required';
  const addressString = opt(form.address_string);
  const addressId = opt(form.address_id, 100);
  if (lat === undefined && long === undefined && !addressString && !addressId && !fields.lat && !fields.long) fields.location = 'pengaduan.open311.error.location';
  const description = (form.description ?? '').trim();
  if (description.length > 4000) fields.description = 'pengaduan.open311.error.too_long';
  const email = opt(form.email, 200);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fields.email = 'pengaduan.open311.error.email';
  const mediaUrl = opt(form.media_url, 1000);
  if (mediaUrl && !/^https?:\/\/\S+$/.test(mediaUrl)) fields.media_url = 'pengaduan.open311.error.field';
  if (Object.keys(fields).length) throw new AppError('pengaduan.open311_invalid', '', fields);
  const attributes: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(form)) {
    const m = /^attribute\[([^\]]{1,100})\](\[\])?$/.exec(k);
    if (m) attributes[m[1]] = [...(attributes[m[1]] ?? []), ...v.split('\n').map((x) => x.trim()).filter(Boolean)];
  }
  return {
    serviceCode: serviceCode!,
    lat,
    long,
    addressString,
    addressId,
    email,
    phone: opt(form.phone, 40),
    firstName: opt(form.first_name, 100),
    lastName: opt(form.last_name, 100),
    description,
    mediaUrl,
    attributes,
    deviceId: opt(form.device_id, 100),
    accountId: opt(form.account_id, 100),
  };
}
