// The use cases of investasi: what the public sees (published opportunities, filtered), what an
// editor of the owning unit may change (drafts, publish, archive; audited with an event), and the
// investor's inquiry: idempotent, limited per address, stored for the owning unit's queue and
// announced to its officers by email through platform notify, in one transaction. No HTTP here.
import { createHash } from 'node:crypto';
import { can, scopePaths, type Actor } from '../../platform/access/can.ts';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/index.ts';
import { publish } from '../../platform/events/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { FieldErrors } from '../../platform/http/input.ts';
import { assertNotLimited, recordFailure } from '../../platform/http/ratelimit.ts';
import { sendMessage } from '../../platform/notify/notify.ts';
import * as repo from './repo.ts';
import type { OpportunityRow, OpportunityValues, PublicFilter } from './repo.ts';
import { slugify, type InquiryInput, type OpportunityInput } from './schema.ts';
import { INQUIRY_RECEIVED, OPPORTUNITY_CHANGED, type OpportunityChange } from './events.ts';

export type { OpportunityRow };
export const PUBLIC_PATH = '/investasi';
export const INQUIRY_PATH = `${PUBLIC_PATH}/minat`;
export const STAFF_PATH = '/petugas/investasi';
export const opportunityHref = (o: { slug: string }) => `${PUBLIC_PATH}/${o.slug}`;
export const inquiryHref = (o: { slug: string }) => `${INQUIRY_PATH}/${o.slug}`;
/** Inquiries per address: 5 an hour, then a growing wait. */
export const INQUIRY_LIMIT = { free: 5, windowSeconds: 3600, baseDelaySeconds: 60 };

// ---- public
export const publicList = (ctx: AppContext, f: PublicFilter) => repo.listPublic(ctx.db, f);
export const publicOpportunity = (ctx: AppContext, slug: string) => repo.findPublicBySlug(ctx.db, slug);
export const kecamatanList = (ctx: AppContext) => repo.kecamatanList(ctx.db);
export const hasPublic = (ctx: AppContext) => repo.anyPublic(ctx.db);
export async function latestUpdate(ctx: AppContext): Promise<Date | null> {
  return (await repo.latestPerOwner(ctx.db)).reduce<Date | null>((m, r) => (!m || r.latest > m ? r.latest : m), null);
}
export async function searchOpportunities(ctx: AppContext, q: string): Promise<OpportunityRow[]> {
  const term = q.trim().slice(0, 100);
  return term.length < 3 ? [] : repo.searchPublic(ctx.db, term);
}

// ---- back office
export const mayEdit = (actor: Actor, o: { owner: { path: string } }) => can(actor, 'investasi.edit', { unitPath: o.owner.path });
export const staffList = (db: Executor, actor: Actor) => repo.listWithin(db, scopePaths(actor, 'investasi.edit'));
export const ownerOptions = (db: Executor, actor: Actor) => repo.unitsWithin(db, scopePaths(actor, 'investasi.edit'));
export const findOpportunity = (db: Executor, id: number) => repo.findOpportunity(db, id);

export type Saved = { ok: true; id: number } | { ok: false; errors: FieldErrors };

function snapshot(o: OpportunityRow) {
  return { slug: o.slug, title: o.title, sector: o.sector, kecamatan: o.kecamatan?.code ?? null, valueRp: o.valueRp, stage: o.stage, owner: o.owner.code, status: o.status };
}
async function audit(tx: Executor, who: AuditActor, change: OpportunityChange, before: OpportunityRow | undefined, after: OpportunityRow) {
  await recordAudit(tx, who, { action: `investasi.opportunity.${change}`, subjectType: 'investasi_opportunity', subjectId: after.id, unitId: after.owner.id, before: before ? snapshot(before) : undefined, after: snapshot(after) });
  await publish(tx, OPPORTUNITY_CHANGED, { id: after.id, slug: after.slug, change, status: after.status, ownerUnitId: after.owner.id });
}

async function resolve(tx: Executor, actor: Actor | undefined, input: OpportunityInput, exceptId?: number): Promise<{ values?: OpportunityValues; errors?: FieldErrors }> {
  const owner = await repo.findUnit(tx, input.owner);
  if (!owner) return { errors: { owner: 'investasi.owner.required' } };
  if (actor && !can(actor, 'investasi.edit', { unitPath: owner.path })) return { errors: { owner: 'investasi.owner.outside_scope' } };
  let kecamatanUnitId: number | null = null;
  if (input.kecamatan) {
    const k = await repo.findUnit(tx, input.kecamatan);
    if (k?.kind !== 'kecamatan') return { errors: { kecamatan: 'investasi.kecamatan.unknown' } };
    kecamatanUnitId = k.id;
  }
  if (actor && !input.contactEmail && !input.contactPhone) return { errors: { contactEmail: 'investasi.contact.reach' } };
  let slug = input.slug;
  if (slug) {
    if (await repo.slugTaken(tx, slug, exceptId)) return { errors: { slug: 'investasi.slug.taken' } };
  } else {
    const base = slugify(input.title);
    slug = base;
    for (let n = 2; await repo.slugTaken(tx, slug, exceptId); n++) slug = `${base}-${n}`;
  }
  return {
    values: {
      slug, title: input.title, sector: input.sector, kecamatanUnitId, location: input.location, valueRp: input.value, stage: input.stage, summary: input.summary,
      body: input.body, contactName: input.contactName, contactEmail: input.contactEmail, contactPhone: input.contactPhone, ownerUnitId: owner.id,
    },
  };
}

/** A new draft; the same form twice (same idempotency key) makes one. */
export async function createOpportunity(ctx: AppContext, actor: Actor, who: AuditActor, input: OpportunityInput): Promise<Saved> {
  const existing = await repo.findByIdem(ctx.db, input.idem);
  if (existing) return { ok: true, id: existing };
  return ctx.db.transaction().execute(async (tx) => {
    const { values, errors } = await resolve(tx, actor, input);
    if (errors) return { ok: false as const, errors };
    const id = await repo.insertOpportunity(tx, values!, ctx.clock.now(), { idem: input.idem });
    if (id === undefined) return { ok: true as const, id: (await repo.findByIdem(tx, input.idem))! };
    await audit(tx, who, 'created', undefined, (await repo.findOpportunity(tx, id))!);
    return { ok: true as const, id };
  });
}

/** The caller checked mayEdit on the opportunity as it is. */
export async function updateOpportunity(ctx: AppContext, actor: Actor, who: AuditActor, id: number, input: OpportunityInput): Promise<Saved> {
  return ctx.db.transaction().execute(async (tx) => {
    const before = await repo.findOpportunity(tx, id);
    if (!before) return { ok: false as const, errors: { _: 'error.not_found' } };
    const { values, errors } = await resolve(tx, actor, { ...input, slug: input.slug || before.slug }, id);
    if (errors) return { ok: false as const, errors };
    await repo.updateOpportunity(tx, id, values!, ctx.clock.now());
    await audit(tx, who, 'updated', before, (await repo.findOpportunity(tx, id))!);
    return { ok: true as const, id };
  });
}

export async function setStatus(ctx: AppContext, who: AuditActor, id: number, status: 'published' | 'archived'): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const before = (await repo.findOpportunity(tx, id))!;
    if (before.status === status) return;
    await repo.setStatus(tx, id, status, ctx.clock.now());
    await audit(tx, who, status, before, (await repo.findOpportunity(tx, id))!);
  });
}

/** Region-pack opportunities: inserted once per key, published, audited as the system. */
export async function loadSeeded(ctx: AppContext, tx: Executor, who: AuditActor, seedKey: string, input: OpportunityInput): Promise<boolean> {
  if (await repo.slugTaken(tx, input.slug)) return false;
  const { values, errors } = await resolve(tx, undefined, input);
  if (errors) throw new Error(`investasi pack: opportunity ${seedKey}: ${JSON.stringify(errors)}`);
  const id = await repo.insertOpportunity(tx, values!, ctx.clock.now(), { seedKey, status: 'published' });
  if (id === undefined) return false;
  await audit(tx, who, 'published', undefined, (await repo.findOpportunity(tx, id))!);
  return true;
}

// ---- inquiries
const addressKey = (ip: string) => `investasi:inquiry:ip:${createHash('sha256').update(ip).digest('hex').slice(0, 32)}`;

export type Sent = { ok: true; id: number } | { ok: false; errors: FieldErrors };

/**
 * An investor's inquiry about a published opportunity. The same form twice makes one inquiry (and
 * counts once); beyond INQUIRY_LIMIT per address a 429. Stored for the owner unit's queue, and its
 * officers and admins are emailed (the email names the opportunity only, never the investor).
 */
export async function sendInquiry(ctx: AppContext, o: OpportunityRow, input: InquiryInput, from: { ip: string; userId: number | null }): Promise<Sent> {
  const existing = await repo.inquiryByIdem(ctx.db, input.idem);
  if (existing) return { ok: true, id: existing };
  if (!input.email && !input.phone) return { ok: false, errors: { email: 'investasi.inquiry.reach' } };
  const key = addressKey(from.ip);
  await assertNotLimited(ctx.db, [key]);
  await recordFailure(ctx.db, [key], INQUIRY_LIMIT);
  return ctx.db.transaction().execute(async (tx) => {
    const at = ctx.clock.now();
    const id = await repo.insertInquiry(tx, {
      opportunityId: o.id, unitId: o.owner.id, name: input.name, email: input.email, phone: input.phone, organisation: input.organisation, message: input.message, userId: from.userId,
    }, input.idem, at);
    if (id === undefined) return { ok: true as const, id: (await repo.inquiryByIdem(tx, input.idem))! };
    const url = `${ctx.config.baseUrl.replace(/\/$/, '')}${STAFF_PATH}/minat/${id}`;
    for (const to of await repo.staffEmails(tx, ['officer', 'unit_admin'], o.owner.id))
      await sendMessage(tx, { channel: 'email', to, template: 'investasi.inquiry', locale: 'id', params: { title: o.title, url } });
    await publish(tx, INQUIRY_RECEIVED, { id, opportunityId: o.id, unitId: o.owner.id });
    return { ok: true as const, id };
  });
}

export const inquiryQueue = (db: Executor, actor: Actor) => repo.inquiriesWithin(db, scopePaths(actor, 'investasi.inquiries'));
export const findInquiry = (db: Executor, id: number) => repo.findInquiry(db, id);

/** The caller checked investasi.inquiries on the inquiry's unit. */
export async function markHandled(ctx: AppContext, who: AuditActor, i: repo.InquiryRow): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await repo.markHandled(tx, i.id, ctx.clock.now()))) return;
    await recordAudit(tx, who, { action: 'investasi.inquiry.handled', subjectType: 'investasi_inquiry', subjectId: i.id, unitId: i.unitId, before: { state: 'baru' }, after: { state: 'ditangani' } });
  });
}

export async function exportPersonalData(tx: Executor, userId: number): Promise<Record<string, unknown>> {
  const rows = await repo.inquiriesOfUser(tx, userId);
  return { inquiries: rows.map((r) => ({ opportunity: r.opportunity.title, name: r.name, email: r.email, phone: r.phone, organisation: r.organisation, message: r.message, state: r.state, createdAt: r.createdAt.toISOString() })) };
}
export const erasePersonalData = (tx: Executor, userId: number) => repo.eraseUser(tx, userId);
export const countInquiriesBetween = repo.countInquiriesBetween;
export const unitPath = repo.unitPath;
