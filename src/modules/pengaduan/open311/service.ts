// Open311 use cases: services from the complaint categories, requests from the public complaints,
// and the API keys platform admins issue (shown once, stored as a hash, revoked, audited).
import type { AppContext } from '../../../platform/http/context.ts';
import { recordAudit, type AuditActor } from '../../../platform/audit/audit.ts';
import { randomToken, sha256 } from '../../../platform/crypto.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { assertNotLimited, recordFailure } from '../../../platform/http/ratelimit.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { open311Status, statesFor, w3c, type Service, type ServiceDefinition, type ServiceRequest } from './format.ts';
import { MAX_REQUESTS, type RequestFilter } from './params.ts';
import { findRequests, insertKey, listCategories, listKeys, revokeKey, useKey, type RequestRow } from './repo.ts';

export interface Open311Options {
  timeZone: string;
  /** POSTs one key may make per hour */
  postsPerHour: number;
}

export async function services(ctx: AppContext, locale: Locale): Promise<Service[]> {
  return (await listCategories(ctx.db)).map((k) => ({
    service_code: k.code,
    service_name: locale === 'en' ? k.name_en : k.name_id,
    description: (locale === 'en' ? k.description_en : k.description_id) || null,
    // every category asks the same questions (description, location); none has extra attributes yet
    metadata: false,
    type: 'realtime',
    keywords: null,
    group: null,
  }));
}

export async function serviceDefinition(ctx: AppContext, code: string): Promise<ServiceDefinition> {
  if (!(await listCategories(ctx.db)).some((k) => k.code === code)) throw new AppError('pengaduan.open311_not_found', '', {}, { what: code });
  return { service_code: code, attributes: [] };
}

function toRequest(r: RequestRow, locale: Locale, o: Open311Options): ServiceRequest {
  const status = open311Status(r.state);
  return {
    service_request_id: r.public_id,
    status,
    status_notes: r.status_notes,
    service_name: locale === 'en' ? r.name_en : r.name_id,
    service_code: r.category_code,
    description: r.description.slice(0, 4000),
    agency_responsible: r.unit_name,
    service_notice: null,
    requested_datetime: w3c(r.created_at, o.timeZone),
    updated_datetime: w3c(r.updated_at, o.timeZone),
    expected_datetime: status === 'open' && r.follow_up_due_at ? w3c(r.follow_up_due_at, o.timeZone) : null,
    address: r.address || null,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lng,
    media_url: null,
  };
}

export async function requests(ctx: AppContext, f: RequestFilter, locale: Locale, o: Open311Options): Promise<ServiceRequest[]> {
  const rows = await findRequests(ctx.db, {
    ids: f.ids,
    serviceCodes: f.serviceCodes,
    from: f.from,
    to: f.to,
    states: f.status ? statesFor(f.status) : undefined,
    limit: MAX_REQUESTS,
  });
  return rows.map((r) => toRequest(r, locale, o));
}

/** One request; a rahasia or unknown id is the same 404. */
export async function request(ctx: AppContext, id: string, locale: Locale, o: Open311Options): Promise<ServiceRequest> {
  const [row] = await findRequests(ctx.db, { ids: [id], limit: 1 });
  if (!row) throw new AppError('pengaduan.open311_not_found', '', {}, { what: id });
  return toRequest(row, locale, o);
}

// ---- API keys ----

const KEY_PREFIX = 'o311_';

/** The key id behind an api_key, counted against its hourly allowance; 403 when missing, unknown or revoked. */
export async function checkApiKey(ctx: AppContext, apiKey: string | undefined, o: Open311Options): Promise<number> {
  if (!apiKey) throw new AppError('pengaduan.open311_api_key');
  const key = await useKey(ctx.db, sha256(apiKey), ctx.clock.now());
  if (!key) throw new AppError('pengaduan.open311_api_key');
  const bucket = `open311:key:${key.id}`;
  await assertNotLimited(ctx.db, [bucket]);
  await recordFailure(ctx.db, [bucket], { free: o.postsPerHour - 1, windowSeconds: 3600, baseDelaySeconds: 60 });
  return key.id;
}

export const keysOf = (ctx: AppContext) => listKeys(ctx.db);

/** A new key: the plain value is returned once and never stored. */
/**
 * Issue a key; its value is returned once and stored only as a hash. The same `formKey` again (a
 * double click, a retry) issues nothing and answers `repeated`: the first answer showed the value.
 */
export async function issueKey(ctx: AppContext, who: AuditActor, name: string, formKey: string | null = null): Promise<{ id: number; key: string } | { repeated: true }> {
  const key = KEY_PREFIX + randomToken(24);
  const id = await ctx.db.transaction().execute(async (tx) => {
    const id = await insertKey(tx, { name, hash: sha256(key), prefix: key.slice(0, KEY_PREFIX.length + 6), by: who.id, at: ctx.clock.now(), formKey });
    if (id === undefined) return undefined;
    await recordAudit(tx, who, { action: 'pengaduan.open311_key.issued', subjectType: 'open311_key', subjectId: id, after: { name } });
    return id;
  });
  return id === undefined ? { repeated: true } : { id, key };
}

export async function revoke(ctx: AppContext, who: AuditActor, id: number): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await revokeKey(tx, id, ctx.clock.now());
    if (!row) throw new AppError('not_found', 'error.not_found');
    await recordAudit(tx, who, { action: 'pengaduan.open311_key.revoked', subjectType: 'open311_key', subjectId: id, before: { name: row.name } });
  });
}
