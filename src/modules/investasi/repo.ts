// All SQL of the investasi module: opportunities (joined with their owner and kecamatan) and the
// inquiries about them. "Public" is decided here once: status published.
import type { Generated } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';
import type { TimestampDefault } from '../../platform/db/schema.ts';

export type Stage = 'tersedia' | 'negosiasi' | 'terealisasi';
export type Status = 'draft' | 'published' | 'archived';
export type InquiryState = 'baru' | 'ditangani';

declare module '../../platform/db/schema.ts' {
  interface Database {
    investasi_opportunities: {
      id: Generated<number>; slug: string; title: string; sector: string; kecamatan_unit_id: number | null; location: Generated<string>;
      value_rp: string | number | bigint | null; stage: Generated<Stage>; summary: Generated<string>; body: Generated<string>;
      contact_name: Generated<string>; contact_email: Generated<string>; contact_phone: Generated<string>;
      owner_unit_id: number; status: Generated<Status>; published_at: Date | null; idem: string | null; seed_key: string | null;
      created_at: TimestampDefault; updated_at: TimestampDefault;
    };
    investasi_inquiries: {
      id: Generated<number>; opportunity_id: number; unit_id: number; name: string; email: Generated<string>; phone: Generated<string>;
      organisation: Generated<string>; message: string; user_id: number | null; state: Generated<InquiryState>; idem: string;
      created_at: TimestampDefault; handled_at: Date | null;
    };
  }
}

export interface UnitRef { id: number; code: string; name: string; path: string }
export interface OpportunityValues {
  slug: string; title: string; sector: string; kecamatanUnitId: number | null; location: string; valueRp: number | null; stage: Stage;
  summary: string; body: string; contactName: string; contactEmail: string; contactPhone: string; ownerUnitId: number;
}
export interface OpportunityRow extends Omit<OpportunityValues, 'ownerUnitId' | 'kecamatanUnitId'> {
  id: number; status: Status; publishedAt: Date | null; updatedAt: Date; owner: UnitRef; kecamatan: { code: string; name: string } | null;
}

function query(db: Executor) {
  return db.selectFrom('investasi_opportunities as o').innerJoin('units as u', 'u.id', 'o.owner_unit_id').leftJoin('units as k', 'k.id', 'o.kecamatan_unit_id')
    .select(['o.id', 'o.slug', 'o.title', 'o.sector', 'o.location', 'o.value_rp', 'o.stage', 'o.summary', 'o.body', 'o.contact_name', 'o.contact_email', 'o.contact_phone',
      'o.status', 'o.published_at', 'o.updated_at', 'u.id as u_id', 'u.code as u_code', 'u.name as u_name', 'u.path as u_path', 'k.code as k_code', 'k.name as k_name']);
}
type Raw = Awaited<ReturnType<ReturnType<typeof query>['execute']>>[number];
const toRow = (r: Raw): OpportunityRow => ({
  id: r.id, slug: r.slug, title: r.title, sector: r.sector, location: r.location, valueRp: r.value_rp === null ? null : Number(r.value_rp), stage: r.stage,
  summary: r.summary, body: r.body, contactName: r.contact_name, contactEmail: r.contact_email, contactPhone: r.contact_phone,
  status: r.status, publishedAt: r.published_at, updatedAt: r.updated_at, owner: { id: r.u_id, code: r.u_code, name: r.u_name, path: r.u_path },
  kecamatan: r.k_code && r.k_name ? { code: r.k_code, name: r.k_name } : null,
});

export interface PublicFilter { sector?: string; kecamatan?: string; stage?: Stage }
export async function listPublic(db: Executor, f: PublicFilter): Promise<OpportunityRow[]> {
  let q = query(db).where('o.status', '=', 'published');
  if (f.sector) q = q.where('o.sector', '=', f.sector);
  if (f.kecamatan) q = q.where('k.code', '=', f.kecamatan);
  if (f.stage) q = q.where('o.stage', '=', f.stage);
  return (await q.orderBy('o.published_at', 'desc').orderBy('o.id', 'desc').limit(500).execute()).map(toRow);
}
export async function findPublicBySlug(db: Executor, slug: string): Promise<OpportunityRow | undefined> {
  const r = await query(db).where('o.slug', '=', slug).where('o.status', '=', 'published').executeTakeFirst();
  return r ? toRow(r) : undefined;
}
export async function findOpportunity(db: Executor, id: number): Promise<OpportunityRow | undefined> {
  const r = await query(db).where('o.id', '=', id).executeTakeFirst();
  return r ? toRow(r) : undefined;
}
export async function searchPublic(db: Executor, term: string): Promise<OpportunityRow[]> {
  const like = `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return (await query(db).where('o.status', '=', 'published')
    .where((eb) => eb.or([eb('o.title', 'ilike', like), eb('o.summary', 'ilike', like), eb('o.location', 'ilike', like), eb('o.body', 'ilike', like)]))
    .orderBy('o.published_at', 'desc').limit(50).execute()).map(toRow);
}

/** Staff list: every opportunity owned within the scope (null = all). */
export async function listWithin(db: Executor, scope: string[] | null): Promise<OpportunityRow[]> {
  let q = query(db);
  if (scope) {
    if (!scope.length) return [];
    q = q.where((eb) => eb.or(scope.map((p) => eb('u.path', 'like', `${p}%`))));
  }
  return (await q.orderBy('o.updated_at', 'desc').orderBy('o.id', 'desc').limit(500).execute()).map(toRow);
}
export async function unitsWithin(db: Executor, scope: string[] | null): Promise<UnitRef[]> {
  let q = db.selectFrom('units').select(['id', 'code', 'name', 'path']).where('active', '=', true).where('kind', 'not in', ['kelurahan', 'desa']);
  if (scope) {
    if (!scope.length) return [];
    q = q.where((eb) => eb.or(scope.map((p) => eb('path', 'like', `${p}%`))));
  }
  return q.orderBy('path').limit(2000).execute();
}
export const kecamatanList = (db: Executor) => db.selectFrom('units').select(['code', 'name']).where('kind', '=', 'kecamatan').where('active', '=', true).orderBy('name').execute();
export const findUnit = (db: Executor, code: string) => db.selectFrom('units').select(['id', 'code', 'name', 'path', 'kind']).where('code', '=', code).where('active', '=', true).executeTakeFirst();

export async function slugTaken(db: Executor, slug: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom('investasi_opportunities').select('id').where('slug', '=', slug);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}
const columns = (v: OpportunityValues) => ({
  slug: v.slug, title: v.title, sector: v.sector, kecamatan_unit_id: v.kecamatanUnitId, location: v.location, value_rp: v.valueRp, stage: v.stage,
  summary: v.summary, body: v.body, contact_name: v.contactName, contact_email: v.contactEmail, contact_phone: v.contactPhone, owner_unit_id: v.ownerUnitId,
});
/** Inserts once per idempotency / seed key: undefined when the key was used already. */
export async function insertOpportunity(tx: Executor, v: OpportunityValues, at: Date, extra: { idem?: string; seedKey?: string; status?: Status }): Promise<number | undefined> {
  const r = await tx.insertInto('investasi_opportunities')
    .values({ ...columns(v), idem: extra.idem ?? null, seed_key: extra.seedKey ?? null, status: extra.status ?? 'draft', published_at: extra.status === 'published' ? at : null, created_at: at, updated_at: at })
    .onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  return r?.id;
}
export const findByIdem = async (db: Executor, idem: string) => (await db.selectFrom('investasi_opportunities').select('id').where('idem', '=', idem).executeTakeFirst())?.id;
export async function updateOpportunity(tx: Executor, id: number, v: OpportunityValues, at: Date): Promise<void> {
  await tx.updateTable('investasi_opportunities').set({ ...columns(v), updated_at: at }).where('id', '=', id).execute();
}
export async function setStatus(tx: Executor, id: number, status: Status, at: Date): Promise<void> {
  await tx.updateTable('investasi_opportunities').set((eb) => ({ status, updated_at: at, published_at: status === 'published' ? eb.fn.coalesce('published_at', eb.val(at)) : eb.ref('published_at') })).where('id', '=', id).execute();
}

/** Per owner unit with anything published: its newest change (freshness: quarterly per owner). */
export async function latestPerOwner(db: Executor): Promise<{ unitId: number; unitName: string; latest: Date }[]> {
  const rows = await db.selectFrom('investasi_opportunities as o').innerJoin('units as u', 'u.id', 'o.owner_unit_id').where('o.status', '=', 'published')
    .select(['u.id', 'u.name', (e) => e.fn.max('o.updated_at').as('latest')]).groupBy(['u.id', 'u.name']).execute();
  return rows.map((r) => ({ unitId: r.id, unitName: r.name, latest: new Date(r.latest as unknown as string) }));
}
export async function anyPublic(db: Executor): Promise<boolean> {
  return !!(await db.selectFrom('investasi_opportunities').select('id').where('status', '=', 'published').limit(1).executeTakeFirst());
}

// ---- inquiries
export interface InquiryValues { opportunityId: number; unitId: number; name: string; email: string; phone: string; organisation: string; message: string; userId: number | null }
export interface InquiryRow extends InquiryValues { id: number; state: InquiryState; createdAt: Date; handledAt: Date | null; opportunity: { slug: string; title: string }; unitPath: string }

export async function insertInquiry(tx: Executor, v: InquiryValues, idem: string, at: Date): Promise<number | undefined> {
  const r = await tx.insertInto('investasi_inquiries')
    .values({ opportunity_id: v.opportunityId, unit_id: v.unitId, name: v.name, email: v.email, phone: v.phone, organisation: v.organisation, message: v.message, user_id: v.userId, idem, created_at: at })
    .onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  return r?.id;
}
export const inquiryByIdem = async (db: Executor, idem: string) => (await db.selectFrom('investasi_inquiries').select('id').where('idem', '=', idem).executeTakeFirst())?.id;

function inquiryQuery(db: Executor) {
  return db.selectFrom('investasi_inquiries as i').innerJoin('investasi_opportunities as o', 'o.id', 'i.opportunity_id').innerJoin('units as u', 'u.id', 'i.unit_id')
    .select(['i.id', 'i.opportunity_id', 'i.unit_id', 'i.name', 'i.email', 'i.phone', 'i.organisation', 'i.message', 'i.user_id', 'i.state', 'i.created_at', 'i.handled_at', 'o.slug', 'o.title', 'u.path']);
}
type RawInquiry = Awaited<ReturnType<ReturnType<typeof inquiryQuery>['execute']>>[number];
const toInquiry = (r: RawInquiry): InquiryRow => ({
  id: r.id, opportunityId: r.opportunity_id, unitId: r.unit_id, name: r.name, email: r.email, phone: r.phone, organisation: r.organisation, message: r.message,
  userId: r.user_id, state: r.state, createdAt: r.created_at, handledAt: r.handled_at, opportunity: { slug: r.slug, title: r.title }, unitPath: r.path,
});
/** The queue: inquiries to units within the scope, new ones first, oldest first among them. */
export async function inquiriesWithin(db: Executor, scope: string[] | null): Promise<InquiryRow[]> {
  let q = inquiryQuery(db);
  if (scope) {
    if (!scope.length) return [];
    q = q.where((eb) => eb.or(scope.map((p) => eb('u.path', 'like', `${p}%`))));
  }
  return (await q.orderBy('i.state').orderBy('i.created_at').orderBy('i.id').limit(500).execute()).map(toInquiry);
}
export async function findInquiry(db: Executor, id: number): Promise<InquiryRow | undefined> {
  const r = await inquiryQuery(db).where('i.id', '=', id).executeTakeFirst();
  return r ? toInquiry(r) : undefined;
}
export async function markHandled(tx: Executor, id: number, at: Date): Promise<boolean> {
  const r = await tx.updateTable('investasi_inquiries').set({ state: 'ditangani', handled_at: at }).where('id', '=', id).where('state', '=', 'baru').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
export async function staffEmails(db: Executor, roles: string[], unitId: number): Promise<string[]> {
  const rows = await db.selectFrom('role_grants as g').innerJoin('users as s', 's.id', 'g.user_id').select('s.email').distinct()
    .where('g.role', 'in', roles).where('g.unit_id', '=', unitId).where('s.disabled_at', 'is', null).where('s.email', 'is not', null).execute();
  return rows.map((r) => r.email!).sort();
}
export const inquiriesOfUser = (db: Executor, userId: number) => inquiryQuery(db).where('i.user_id', '=', userId).orderBy('i.id').execute().then((rs) => rs.map(toInquiry));
export async function eraseUser(tx: Executor, userId: number): Promise<void> {
  await tx.deleteFrom('investasi_inquiries').where('user_id', '=', userId).execute();
}
export async function countInquiriesBetween(db: Executor, from: Date, to: Date, within?: string): Promise<number> {
  let q = db.selectFrom('investasi_inquiries as i').innerJoin('units as u', 'u.id', 'i.unit_id').where('i.created_at', '>=', from).where('i.created_at', '<', to);
  if (within) q = q.where('u.path', 'like', `${within}%`);
  return Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}
export const unitPath = async (db: Executor, id: number) => (await db.selectFrom('units').select('path').where('id', '=', id).executeTakeFirst())?.path;
