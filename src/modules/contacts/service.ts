// The use cases of the emergency-contacts directory: what the public sees, what an officer may
// change, and the rules that keep it trustworthy — every entry has an owner unit, a "reviewed" date
// and goes stale after the review period; staff change only entries their unit owns; every change
// is audited in the same transaction. No HTTP and no HTML here.
import { can, scopePaths, type Actor } from '../../platform/access/can.ts';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import type { DB, Executor } from '../../platform/db/index.ts';
import type { FieldErrors } from '../../platform/http/input.ts';
import type { Translate } from '../../platform/i18n/index.ts';
import { contactsError } from './errors.ts';
import { publish } from '../../platform/events/index.ts';
import { CONTACT_UPDATED, contactUpdated, type ContactChange } from './events.ts';
import * as repo from './repo.ts';
import type { ContactRow, ContactValues, UnitRef } from './repo.ts';
import { CATEGORIES, type Category, type ContactInput } from './schema.ts';

export type { ContactRow, UnitRef };

const DAY_MS = 24 * 3600 * 1000;

/** Past its review period: the public page says "belum diperbarui sejak …" instead of pretending. */
export function isStale(reviewedAt: Date, reviewDays: number, now = new Date()): boolean {
  return now.getTime() - reviewedAt.getTime() > reviewDays * DAY_MS;
}

/** The seeded national numbers are the platform's, not a unit's: they are not edited by hand. */
export const isNational = (e: { seedKey: string | null }) => !!e.seedKey?.startsWith('national.');

// ---- the public directory

export interface Directory {
  kecamatanList: UnitRef[];
  /** the kecamatan asked for, when it exists */
  chosen?: UnitRef;
  /** ?kecamatan= named something that is not an active kecamatan */
  unknown: boolean;
  cityWide: ContactRow[];
  local: ContactRow[];
}

export async function publicDirectory(db: Executor, kecamatanCode: string): Promise<Directory> {
  const kecamatanList = await repo.activeKecamatan(db);
  const chosen = kecamatanCode ? kecamatanList.find((k) => k.code === kecamatanCode) : undefined;
  const rows = await repo.listActive(db, chosen?.id);
  return {
    kecamatanList,
    chosen,
    unknown: !!kecamatanCode && !chosen,
    cityWide: rows.filter((r) => !r.kecamatan),
    local: rows.filter((r) => r.kecamatan),
  };
}

/** For the API: an unknown kecamatan is an error, not an empty list. */
export async function apiDirectory(db: Executor, kecamatanCode?: string): Promise<ContactRow[]> {
  const d = await publicDirectory(db, kecamatanCode ?? '');
  if (d.unknown) throw contactsError('contacts.unknown_kecamatan', { code: kecamatanCode! });
  return [...d.cityWide, ...d.local];
}

/** The categories a search names: "ambulans", "damkar", "mobil jenazah", "polisi", "112" … (3+ letters). */
function categoriesNamed(term: string, t: Translate): Category[] {
  const lower = term.toLowerCase();
  if (lower.length < 3) return [];
  const typed = lower.split(/\s+/);
  return CATEGORIES.filter((c) => {
    const words = `${t(`contacts.category.${c}`)},${t(`contacts.search.words.${c}`)}`.toLowerCase().split(/[\s,()]+/).filter(Boolean);
    return words.some((w) => w.startsWith(lower) || typed.includes(w));
  });
}

/** Site search: by name, note or kecamatan, and by the category's words. */
export async function searchDirectory(db: Executor, q: string, t: Translate): Promise<ContactRow[]> {
  const term = q.trim().slice(0, 100);
  if (term.length < 2) return [];
  return repo.searchContacts(db, term, categoriesNamed(term, t));
}

// ---- the back office

/** Platform admins edit everything; everyone else the entries owned by their unit or below it. */
export function mayEdit(actor: Actor, unitPath: string): boolean {
  return can(actor, 'contacts.manage_all') || can(actor, 'contacts.edit', { unitPath });
}

const scopeOf = (actor: Actor) => (can(actor, 'contacts.manage_all') ? null : scopePaths(actor, 'contacts.edit'));

export const staffList = (db: Executor, actor: Actor) => repo.listOwnedWithin(db, scopeOf(actor));
export const kecamatanOptions = (db: Executor) => repo.activeKecamatan(db);

/**
 * What the form offers: the units the officer may choose as owner, and where such owners may list
 * (anywhere, city-wide included, when the city or an OPD is among them; otherwise their own kecamatan).
 */
export async function formOptions(db: Executor, actor: Actor): Promise<{ owners: UnitRef[]; kecamatan: UnitRef[]; cityWide: boolean }> {
  const owners = await repo.unitsWithin(db, scopeOf(actor));
  const all = await repo.activeKecamatan(db);
  if (owners.some((u) => u.kind === 'region' || u.kind === 'opd')) return { owners, kecamatan: all, cityWide: true };
  return { owners, kecamatan: all.filter((k) => owners.some((u) => u.path.startsWith(k.path))), cityWide: false };
}

export const findContact = (db: Executor, id: number) => repo.findContact(db, id);
export const regionUnit = (db: Executor) => repo.regionUnit(db);
export const activeUnit = (db: Executor, code: string) => repo.findActiveUnit(db, code);

export type Saved = { ok: true; id: number } | { ok: false; errors: FieldErrors };

/**
 * Owner and place, checked together: the owner must be a unit the officer acts for; an entry owned
 * by a kecamatan (or a kelurahan in it) is listed in that kecamatan, so kecamatan X can never put a
 * number on Y's page. The city government and OPD (Dinkes, BPBD …) may list anywhere or city-wide.
 */
async function resolve(tx: Executor, actor: Actor, input: ContactInput): Promise<{ values?: ContactValues; errors?: FieldErrors }> {
  const owner = await repo.findActiveUnit(tx, input.owner);
  if (!owner) return { errors: { owner: 'contacts.owner.unknown' } };
  if (!mayEdit(actor, owner.path)) return { errors: { owner: 'contacts.owner.outside_scope' } };
  let kecamatan: UnitRef | undefined;
  if (input.kecamatan) {
    kecamatan = await repo.findActiveUnit(tx, input.kecamatan);
    if (!kecamatan || kecamatan.kind !== 'kecamatan') return { errors: { kecamatan: 'contacts.kecamatan.unknown' } };
  }
  const ownersKecamatan = await repo.kecamatanOf(tx, owner);
  if (ownersKecamatan && kecamatan?.id !== ownersKecamatan.id) return { errors: { kecamatan: 'contacts.kecamatan.must_be_owners' } };
  return {
    values: {
      category: input.category, name: input.name, phone: input.phone, whatsapp: input.whatsapp, note: input.note, source: input.source,
      kecamatanId: kecamatan?.id ?? null, ownerUnitId: owner.id,
    },
  };
}

/**
 * What the audit trail keeps of an entry. The numbers are included on purpose: they are public office
 * numbers printed on the page, not personal data, and "who changed the fire brigade's number" is
 * exactly what the trail is for.
 */
function snapshot(e: ContactRow) {
  return {
    category: e.category, name: e.name, phone: e.phone, whatsapp: e.whatsapp, note: e.note, source: e.source,
    kecamatan: e.kecamatan?.code ?? null, owner: e.owner.code, active: e.active,
  };
}

async function audit(tx: Executor, who: AuditActor, change: ContactChange, before: ContactRow | undefined, after: ContactRow) {
  await recordAudit(tx, who, {
    action: `contacts.${change}`, subjectType: 'emergency_contact', subjectId: after.id, unitId: after.owner.id,
    before: before ? snapshot(before) : undefined, after: snapshot(after),
  });
  // subscribers hear of it only if this transaction commits
  await publish(tx, CONTACT_UPDATED, contactUpdated({ id: after.id, ownerUnitId: after.owner.id, kecamatanId: after.kecamatan?.id ?? null }, change));
}

export async function createContact(db: DB, actor: Actor, who: AuditActor, input: ContactInput): Promise<Saved> {
  return db.transaction().execute(async (tx) => {
    const { values, errors } = await resolve(tx, actor, input);
    if (errors) return { ok: false as const, errors };
    const id = await repo.insertContact(tx, values!);
    await audit(tx, who, 'created', undefined, (await repo.findContact(tx, id))!);
    return { ok: true as const, id };
  });
}

/** The caller has checked that `actor` may edit the entry as it is now (routes: editable()). */
export async function updateContact(db: DB, actor: Actor, who: AuditActor, id: number, input: ContactInput): Promise<Saved> {
  return db.transaction().execute(async (tx) => {
    const before = await repo.findContact(tx, id);
    if (!before) return { ok: false as const, errors: { _: 'error.not_found' } };
    if (isNational(before)) throw contactsError('contacts.national_locked');
    const { values, errors } = await resolve(tx, actor, input);
    if (errors) return { ok: false as const, errors };
    await repo.updateContact(tx, id, values!);
    await audit(tx, who, 'updated', before, (await repo.findContact(tx, id))!);
    return { ok: true as const, id };
  });
}

export async function setActive(db: DB, who: AuditActor, id: number, active: boolean): Promise<Saved> {
  return db.transaction().execute(async (tx) => {
    const before = await repo.findContact(tx, id);
    if (!before) return { ok: false as const, errors: { _: 'error.not_found' } };
    if (isNational(before)) throw contactsError('contacts.national_locked');
    if (before.active === active) return { ok: true as const, id };
    await repo.setContactActive(tx, id, active);
    await audit(tx, who, active ? 'reactivated' : 'deactivated', before, { ...before, active });
    return { ok: true as const, id };
  });
}

/** "Still correct": the owner looked at the entry and it needs no change; it is fresh again. */
export async function confirmCurrent(db: DB, who: AuditActor, id: number): Promise<Saved> {
  return db.transaction().execute(async (tx) => {
    const before = await repo.findContact(tx, id);
    if (!before) return { ok: false as const, errors: { _: 'error.not_found' } };
    await repo.markReviewed(tx, id);
    await audit(tx, who, 'reviewed', before, (await repo.findContact(tx, id))!);
    return { ok: true as const, id };
  });
}

/** Seeds and demo data go through here: inserted once per key, audited as the system. */
export async function loadSeeded(tx: Executor, who: AuditActor, seedKey: string, values: ContactValues, opts: { example: boolean; reviewedAt?: Date }): Promise<boolean> {
  const id = await repo.insertSeeded(tx, seedKey, values, opts);
  if (id === undefined) return false;
  await audit(tx, who, 'created', undefined, (await repo.findContact(tx, id))!);
  return true;
}

export type { Category };
