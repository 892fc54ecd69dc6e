// What the public may see of complaints — the one place pages, feeds, exports, search and Open311
// read from. A rahasia complaint is never returned; no reporter field (account, name, contact) is ever
// part of a public view, so anonim needs no special case here; the handling side hides an anonim
// reporter with handlerView(). Units are named, persons never.
import type { Actor } from '../../platform/access/can.ts';
import type { Executor } from '../../platform/db/index.ts';
import * as repo from './repo.ts';
import type { Channel, ComplaintRow, State, UpdateRow } from './repo.ts';
import { mayHandle, mayValidate } from './workflow.ts';

export interface PublicComplaint {
  publicId: string; categoryCode: string; title: string; description: string;
  kecamatan: string | null; kelurahan: string | null; address: string; lat: number | null; lng: number | null;
  state: State; routedUnit: string; channel: Channel; followers: number;
  createdAt: Date; updatedAt: Date; firstResponseAt: Date | null; resolvedAt: Date | null; closedAt: Date | null;
  photos: string[];
  timeline: { kind: string; toState: string | null; unit: string | null; body: string; at: Date; photos: string[] }[];
}

function publicOf(c: ComplaintRow, photos: string[], updates: UpdateRow[]): PublicComplaint {
  return {
    publicId: c.publicId, categoryCode: c.categoryCode, title: c.title, description: c.description,
    kecamatan: c.kecamatan?.name ?? null, kelurahan: c.kelurahan?.name ?? null, address: c.address, lat: c.lat, lng: c.lng,
    state: c.state, routedUnit: c.routedUnit.name, channel: c.channel, followers: c.followers,
    createdAt: c.createdAt, updatedAt: c.updatedAt, firstResponseAt: c.firstResponseAt, resolvedAt: c.resolvedAt, closedAt: c.closedAt,
    photos,
    timeline: updates.map((u) => ({ kind: u.kind, toState: u.toState, unit: u.unitName, body: u.body, at: u.createdAt, photos: u.photos })),
  };
}

/** The public shape of a row the caller has already been allowed to see (the reporter's own page, handling staff). */
export async function publicOfRow(db: Executor, c: ComplaintRow): Promise<PublicComplaint> {
  return publicOf(c, await repo.reportPhotos(db, c.id), await repo.updatesOf(db, c.id, { publicOnly: true }));
}

/** The public view by tracking id; undefined when there is none or it is rahasia. */
export async function publicComplaint(db: Executor, publicId: string): Promise<PublicComplaint | undefined> {
  const c = await repo.complaintByPublicId(db, publicId);
  if (!c || c.rahasia) return undefined;
  return publicOf(c, await repo.reportPhotos(db, c.id), await repo.updatesOf(db, c.id, { publicOnly: true }));
}

export interface PublicFilter { category?: string; kecamatanId?: number; state?: State; from?: Date; to?: Date; limit?: number; offset?: number }

/** Public complaints, newest first (never rahasia), without timelines. */
export async function publicList(db: Executor, f: PublicFilter = {}): Promise<Omit<PublicComplaint, 'timeline' | 'photos'>[]> {
  let q = db.selectFrom('pengaduan_complaints as c')
    .innerJoin('units as r', 'r.id', 'c.routed_unit_id')
    .leftJoin('units as k', 'k.id', 'c.kecamatan_id')
    .leftJoin('units as l', 'l.id', 'c.kelurahan_id')
    .select(['c.public_id', 'c.category_code', 'c.title', 'c.description', 'c.address', 'c.lat', 'c.lng', 'c.state', 'c.channel', 'c.followers',
      'c.created_at', 'c.updated_at', 'c.first_response_at', 'c.resolved_at', 'c.closed_at', 'r.name as r_name', 'k.name as k_name', 'l.name as l_name'])
    .where('c.rahasia', '=', false)
    .orderBy('c.created_at', 'desc').orderBy('c.id', 'desc')
    .limit(Math.min(f.limit ?? 50, 1000)).offset(f.offset ?? 0);
  if (f.category) q = q.where('c.category_code', '=', f.category);
  if (f.kecamatanId) q = q.where('c.kecamatan_id', '=', f.kecamatanId);
  if (f.state) q = q.where('c.state', '=', f.state);
  if (f.from) q = q.where('c.created_at', '>=', f.from);
  if (f.to) q = q.where('c.created_at', '<', f.to);
  const rows = await q.execute();
  return rows.map((r) => ({
    publicId: r.public_id, categoryCode: r.category_code, title: r.title, description: r.description, kecamatan: r.k_name, kelurahan: r.l_name,
    address: r.address, lat: r.lat, lng: r.lng, state: r.state, routedUnit: r.r_name, channel: r.channel, followers: r.followers,
    createdAt: r.created_at, updatedAt: r.updated_at, firstResponseAt: r.first_response_at, resolvedAt: r.resolved_at, closedAt: r.closed_at,
  }));
}

export type HandlerComplaint = ComplaintRow & { reporterHidden: boolean };

/**
 * The complaint as a handling or supervising officer sees it: undefined outside their scope; an
 * anonim reporter's account, name and contact are removed (the unit works on the report, not the person).
 */
export async function handlerView(db: Executor, actor: Actor, id: number): Promise<HandlerComplaint | undefined> {
  const c = await repo.complaintById(db, id);
  if (!c || !(mayHandle(actor, c) || mayValidate(actor, c))) return undefined;
  if (!c.anonim) return { ...c, reporterHidden: false };
  return { ...c, reporterUserId: null, reporterName: null, contactEmail: null, contactPhone: null, reporterHidden: true };
}
