// The use cases of complaints: filing (from any door: the web form, an operator, a gateway, Open311),
// routing by rule, deadlines in working days. No HTTP and no HTML here.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../platform/http/context.ts';
import type { Executor } from '../../platform/db/index.ts';
import { auditAppend, systemActor, type AuditActor } from '../../platform/audit/audit.ts';
import { eventJobs } from '../../platform/events/index.ts';
import { DEFAULT_MAX_ATTEMPTS } from '../../platform/jobs/queue.ts';
import { pengaduanError } from './errors.ts';
import { COMPLAINT_CREATED } from './events.ts';
import * as repo from './repo.ts';
import { assertPoint } from './map/index.ts';
import { nextComplaintId, reference, type Reference } from './reference.ts';
import type { Channel, RuleRow, UnitRef } from './repo.ts';

export type { Channel, ComplaintRow, State, UnitRef } from './repo.ts';

// ---- tracking ids: 'PGD-XXXX-XXXX' from an alphabet without look-alikes (0/O, 1/I/L)
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function newPublicId(): string {
  const b = randomBytes(8);
  let s = '';
  for (let i = 0; i < 8; i++) s += ALPHABET[b[i] % ALPHABET.length];
  return `PGD-${s.slice(0, 4)}-${s.slice(4)}`;
}
export const PUBLIC_ID = /^PGD-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

// ---- routing

export interface Location { kecamatan: UnitRef | undefined; kelurahan: UnitRef | undefined }

/** Check the kecamatan/kelurahan pair: the kelurahan must lie in the kecamatan (derived when only the kelurahan is given). */
export async function resolveLocation(db: Executor, kecamatanId: number | null | undefined, kelurahanId: number | null | undefined): Promise<Location> {
  return locate(await reference(db), kecamatanId, kelurahanId);
}

function locate(ref: Reference, kecamatanId: number | null | undefined, kelurahanId: number | null | undefined): Location {
  const kelurahan = kelurahanId ? ref.units.get(kelurahanId) : undefined;
  if (kelurahanId && (!kelurahan || (kelurahan.kind !== 'kelurahan' && kelurahan.kind !== 'desa'))) throw pengaduanError('pengaduan.bad_location');
  let kecamatan = kecamatanId ? ref.units.get(kecamatanId) : undefined;
  if (kecamatanId && (!kecamatan || kecamatan.kind !== 'kecamatan')) throw pengaduanError('pengaduan.bad_location');
  if (kelurahan) {
    if (kecamatan && kelurahan.parentId !== kecamatan.id) throw pengaduanError('pengaduan.bad_location');
    kecamatan ??= kelurahan.parentId ? ref.units.get(kelurahan.parentId) : undefined;
  }
  return { kecamatan, kelurahan };
}

/** The most specific rule wins: one for the kelurahan, then its kecamatan, then region-wide. */
export function pickRule(rules: RuleRow[], loc: Location): RuleRow | undefined {
  return rules.find((r) => loc.kelurahan && r.areaUnitId === loc.kelurahan.id)
    ?? rules.find((r) => loc.kecamatan && r.areaUnitId === loc.kecamatan.id)
    ?? rules.find((r) => r.areaUnitId === null);
}

export interface Route { unit: UnitRef; supervisor: UnitRef }

/** Category × location → the handling unit and the unit that validates its follow-up. */
export async function routeComplaint(db: Executor, categoryCode: string, loc: Location): Promise<Route> {
  return routeIn(await reference(db), categoryCode, loc);
}

function routeIn(ref: Reference, categoryCode: string, loc: Location): Route {
  const region = ref.region;
  if (!region) throw new Error('pengaduan: no region loaded');
  const cat = ref.categories.get(categoryCode);
  if (!cat) throw pengaduanError('pengaduan.unknown_category');
  const rule = pickRule(ref.rules.get(categoryCode) ?? [], loc);
  const byKind = (kind: string): UnitRef => (kind === 'kelurahan' ? loc.kelurahan ?? loc.kecamatan : loc.kecamatan) ?? region;
  const byCode = (code: string) => (code === 'kelurahan' || code === 'kecamatan' ? byKind(code) : ref.byCode.get(code) ?? region);
  const unit = rule
    ? (rule.targetKind === 'unit' ? ref.units.get(rule.targetUnitId!) ?? region : byKind(rule.targetKind))
    : byCode(cat.defaultUnit);
  const supervisor = rule
    ? (rule.supervisorKind === 'unit' ? ref.units.get(rule.supervisorUnitId!) ?? region : byKind('kecamatan'))
    : byCode(cat.supervisor);
  // the supervising unit never validates its own work: one level up (the kecamatan's work goes to the region)
  return { unit, supervisor: supervisor.id === unit.id ? region : supervisor };
}

// ---- filing

export interface NewComplaint {
  categoryCode: string;
  description: string;
  title?: string;
  kecamatanId?: number | null;
  kelurahanId?: number | null;
  address?: string;
  lat?: number | null;
  lng?: number | null;
  anonim?: boolean;
  rahasia?: boolean;
  /** a signed-in citizen, or a contact to follow it without an account */
  reporterUserId?: number | null;
  reporterName?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  channel: Channel;
  /** the operator filing on behalf of a caller */
  filedBy?: number | null;
  /** double submit → one complaint (the form's key, the gateway's message id, the Open311 client's key) */
  idempotencyKey?: string | null;
  /** files already stored with saveFiles() in the same transaction (module 'pengaduan', kind 'photo') */
  photoFileIds?: string[];
  externalRef?: string | null;
}

export interface Filed { id: number; publicId: string; created: boolean; routedUnit: UnitRef }

/**
 * File a complaint. With `tx` the caller's transaction is used (files saved in it are linked);
 * otherwise no transaction is opened: the complaint, its claim, its first update, its photos, its
 * event and its audit entry are one statement (repo.insertFiled). Repeating an idempotency key
 * answers the first complaint, created: false.
 */
export async function createComplaint(ctx: AppContext, input: NewComplaint, opts: { tx?: Executor; actor?: AuditActor } = {}): Promise<Filed> {
  const db = opts.tx ?? ctx.db;
  const ref = await reference(ctx.db, db);
  const settings = ref.settings;
  // a point from any door (the form, an operator, Open311) lies in the region's box
  await assertPoint(ctx, input.lat, input.lng);
  const now = ctx.clock.now();
  // the calendar reads through ctx.db: ask it before the transaction (PGlite has one connection)
  const verifyDue = await ctx.calendar.addWorkingDays(now, settings.verifyDays);
  const key = input.idempotencyKey || null;
  const again = async (on: Executor): Promise<Filed | undefined> => {
    const seen = key ? await repo.submissionFor(on, key) : undefined;
    return seen && { id: seen.id, publicId: seen.publicId, created: false, routedUnit: (await repo.complaintById(on, seen.id))!.routedUnit };
  };
  // inside the caller's transaction a failed statement would abort it: look the key up first
  if (opts.tx) {
    const first = await again(opts.tx);
    if (first) return first;
  }
  const description = input.description.trim();
  if (!description) throw pengaduanError('pengaduan.empty_description');
  const loc = locate(ref, input.kecamatanId, input.kelurahanId);
  let route = routeIn(ref, input.categoryCode, loc);
  // triage first: the kelurahan of the location receives it and forwards it (disposition) to the OPD
  if (settings.triageByKelurahan && loc.kelurahan) route = { unit: loc.kelurahan, supervisor: route.supervisor };
  // the id is reserved first so that the audit entry (subject: the id, like every later step's) is part of the insert
  const id = await nextComplaintId(ctx.db, db);
  const publicId = newPublicId();
  const anonim = !!input.anonim;
  const rahasia = !!input.rahasia;
  // the audit names the door and the unit, never the reporter's contact
  const audit = auditAppend(opts.actor ?? systemActor('pengaduan'), {
    action: 'pengaduan.complaint.create', subjectType: 'pengaduan_complaint', subjectId: id, unitId: route.unit.id,
    after: { publicId, category: input.categoryCode, channel: input.channel, routedUnit: route.unit.code, anonim, rahasia },
  });
  const { jobs } = eventJobs(COMPLAINT_CREATED, {
    id, publicId, categoryCode: input.categoryCode, routedUnitId: route.unit.id, kecamatanId: loc.kecamatan?.id ?? null,
    channel: input.channel, rahasia, at: now.toISOString(),
  });
  const row = {
    id,
    public_id: publicId,
    category_code: input.categoryCode,
    title: (input.title ?? '').trim().slice(0, 200),
    description: description.slice(0, 5000),
    kecamatan_id: loc.kecamatan?.id ?? null,
    kelurahan_id: loc.kelurahan?.id ?? null,
    address: (input.address ?? '').trim().slice(0, 300),
    lat: input.lat ?? null,
    lng: input.lng ?? null,
    anonim,
    rahasia,
    reporter_user_id: input.reporterUserId ?? null,
    reporter_name: input.reporterName?.trim() || null,
    contact_email: input.contactEmail?.trim().toLowerCase() || null,
    contact_phone: input.contactPhone?.trim() || null,
    channel: input.channel,
    filed_by: input.filedBy ?? null,
    state: 'received' as const,
    routed_unit_id: route.unit.id,
    supervisor_unit_id: route.supervisor.id,
    verify_due_at: verifyDue,
    external_ref: input.externalRef ?? null,
    created_at: now,
    updated_at: now,
  };
  const extra = { key, photoFileIds: input.photoFileIds ?? [], jobs, maxAttempts: DEFAULT_MAX_ATTEMPTS, audit };
  const filed: Filed = { id, publicId, created: true, routedUnit: route.unit };
  if (opts.tx) {
    // a concurrent submit with the same key won: this transaction must not leave a second complaint
    if (!(await repo.insertFiled(opts.tx, row, { ...extra, claim: 'or-skip' })).claimed) throw pengaduanError('pengaduan.duplicate_submit');
    return filed;
  }
  try {
    // no look-up of the key first: a repeat fails the claim's primary key, nothing is written, and it is answered below
    await repo.insertFiled(ctx.db, row, { ...extra, claim: 'strict' });
    return filed;
  } catch (e) {
    // the same key submitted before, or concurrently and committed first: answer its complaint
    const first = await again(ctx.db).catch(() => undefined);
    if (first) return first;
    throw e;
  }
}
