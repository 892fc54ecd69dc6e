// The use cases of berita: what the public sees (only items whose time has come, by ctx.clock),
// what an editor may change (items owned by their unit or below it), and every change audited in
// its transaction with an event. No HTTP and no HTML here.
import { scopePaths, can, type Actor } from '../../platform/access/can.ts';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import type { DB, Executor } from '../../platform/db/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { FieldErrors } from '../../platform/http/input.ts';
import { saveFiles, type Upload } from '../../platform/files/index.ts';
import { publish } from '../../platform/events/index.ts';
import { startOfLocalDay } from '../../platform/calendar/working-days.ts';
import * as repo from './repo.ts';
import type { ItemRow, ItemValues, Status } from './repo.ts';
import { slugify, type ItemInput } from './schema.ts';
import { BERITA_CHANGED, type BeritaChange } from './events.ts';

export type { ItemRow };
export const PUBLIC_PATH = '/berita';
export const itemHref = (i: { slug: string }) => `${PUBLIC_PATH}/${i.slug}`;
export const imageHref = (fileId: string, small = false) => `${PUBLIC_PATH}/gambar/${fileId}${small ? '?ukuran=kecil' : ''}`;

/** What the item is now: a scheduled item whose time has passed counts as published. */
export function statusAt(i: { status: Status; publishAt: Date | null }, now: Date): Status {
  return i.status === 'scheduled' && i.publishAt && i.publishAt.getTime() <= now.getTime() ? 'published' : i.status;
}
export const isPublicAt = (i: { status: Status; publishAt: Date | null }, now: Date) => statusAt(i, now) === 'published';

// ---- public
export const publicPage = (ctx: AppContext, q: { kind?: repo.Kind; page: number; size: number }) =>
  repo.listPublic(ctx.db, ctx.clock.now(), { kind: q.kind, limit: q.size, offset: (q.page - 1) * q.size });
export const publicItem = (ctx: AppContext, slug: string) => repo.findPublicBySlug(ctx.db, ctx.clock.now(), slug);
export const feedItems = (ctx: AppContext) => repo.listPublic(ctx.db, ctx.clock.now(), { limit: 30, offset: 0 });
export const hasPublic = (ctx: AppContext) => repo.anyPublic(ctx.db, ctx.clock.now());
export async function latestPublic(ctx: AppContext): Promise<Date | null> {
  const rows = await repo.latestPerOwner(ctx.db, ctx.clock.now());
  return rows.reduce<Date | null>((m, r) => (!m || r.latest > m ? r.latest : m), null);
}
export async function searchItems(ctx: AppContext, q: string): Promise<ItemRow[]> {
  const term = q.trim().slice(0, 100);
  return term.length < 3 ? [] : repo.searchPublic(ctx.db, ctx.clock.now(), term);
}

// ---- back office
export const mayEdit = (actor: Actor, item: { owner: { path: string } }) => can(actor, 'berita.edit', { unitPath: item.owner.path });
export const staffList = (db: Executor, actor: Actor) => repo.listWithin(db, scopePaths(actor, 'berita.edit'));
export const ownerOptions = (db: Executor, actor: Actor) => repo.unitsWithin(db, scopePaths(actor, 'berita.edit'));
export const findItem = (db: Executor, id: number) => repo.findItem(db, id);
export const itemOfImage = (db: Executor, fileId: string) => repo.itemOfImage(db, fileId);

export type Saved = { ok: true; id: number } | { ok: false; errors: FieldErrors };

function snapshot(i: ItemRow) {
  return { kind: i.kind, slug: i.slug, title: i.title, summary: i.summary, owner: i.owner.code, status: i.status, publishAt: i.publishAt?.toISOString() ?? null, images: i.images.map((m) => m.fileId) };
}

async function audit(tx: Executor, who: AuditActor, change: BeritaChange, before: ItemRow | undefined, after: ItemRow) {
  await recordAudit(tx, who, { action: `berita.${change}`, subjectType: 'berita_item', subjectId: after.id, unitId: after.owner.id, before: before ? snapshot(before) : undefined, after: snapshot(after) });
  await publish(tx, BERITA_CHANGED, { id: after.id, slug: after.slug, change, status: after.status, ownerUnitId: after.owner.id });
}

/** Owner within the editor's scope, a free slug (from the title when left empty), an alt text for a new image. */
async function resolve(tx: Executor, actor: Actor, input: ItemInput, image: boolean, exceptId?: number): Promise<{ values?: ItemValues; errors?: FieldErrors }> {
  const owner = await repo.findUnit(tx, input.owner);
  if (!owner) return { errors: { owner: 'berita.owner.required' } };
  if (!can(actor, 'berita.edit', { unitPath: owner.path })) return { errors: { owner: 'berita.owner.outside_scope' } };
  if (image && !input.alt) return { errors: { alt: 'berita.alt.required' } };
  let slug = input.slug;
  if (slug) {
    if (await repo.slugTaken(tx, slug, exceptId)) return { errors: { slug: 'berita.slug.taken' } };
  } else {
    const base = slugify(input.title);
    slug = base;
    for (let n = 2; await repo.slugTaken(tx, slug, exceptId); n++) slug = `${base}-${n}`;
  }
  return { values: { kind: input.kind, slug, title: input.title, summary: input.summary, body: input.body, ownerUnitId: owner.id } };
}

async function attach(ctx: AppContext, tx: Executor, actor: Actor, itemId: number, ownerUnitId: number, alt: string, uploads: Upload[]) {
  const stored = await saveFiles(ctx, tx, uploads, { uploadedBy: actor.kind === 'staff' ? actor.userId : null, unitId: ownerUnitId });
  for (const f of stored) await repo.addImage(tx, itemId, { fileId: f.id, alt, width: f.width ?? null, height: f.height ?? null });
}

/** A new draft. The same form sent twice (same idempotency key) makes one item. */
export async function createItem(ctx: AppContext, actor: Actor, who: AuditActor, input: ItemInput, uploads: Upload[]): Promise<Saved> {
  const existing = await repo.findByIdem(ctx.db, input.idem);
  if (existing) return { ok: true, id: existing };
  return ctx.db.transaction().execute(async (tx) => {
    const { values, errors } = await resolve(tx, actor, input, uploads.length > 0);
    if (errors) return { ok: false as const, errors };
    const id = await repo.insertItem(tx, values!, { idem: input.idem });
    if (id === undefined) return { ok: true as const, id: (await repo.findByIdem(tx, input.idem))! };
    await attach(ctx, tx, actor, id, values!.ownerUnitId, input.alt, uploads);
    await audit(tx, who, 'created', undefined, (await repo.findItem(tx, id))!);
    return { ok: true as const, id };
  });
}

/** The caller checked that `actor` may edit the item as it is now. */
export async function updateItem(ctx: AppContext, actor: Actor, who: AuditActor, id: number, input: ItemInput, uploads: Upload[]): Promise<Saved> {
  return ctx.db.transaction().execute(async (tx) => {
    const before = await repo.findItem(tx, id);
    if (!before) return { ok: false as const, errors: { _: 'error.not_found' } };
    const { values, errors } = await resolve(tx, actor, { ...input, slug: input.slug || before.slug }, uploads.length > 0, id);
    if (errors) return { ok: false as const, errors };
    await repo.updateItem(tx, id, values!);
    await attach(ctx, tx, actor, id, values!.ownerUnitId, input.alt, uploads);
    await audit(tx, who, 'updated', before, (await repo.findItem(tx, id))!);
    return { ok: true as const, id };
  });
}

/** A local date and time in the region's zone → an instant (Indonesia keeps one offset all year). */
export async function localInstant(ctx: AppContext, date: string, time: string): Promise<Date> {
  const tz = await ctx.calendar.timeZone();
  const [h, m] = (time || '00:00').split(':').map(Number);
  return new Date(startOfLocalDay(date, tz).getTime() + (h * 60 + m) * 60_000);
}

/** Publish now, or at a future moment (scheduled: public by itself once ctx.clock passes it). */
export async function publishItem(ctx: AppContext, who: AuditActor, id: number, at?: Date): Promise<'published' | 'scheduled'> {
  const now = ctx.clock.now();
  const when = at && at.getTime() > now.getTime() ? at : now;
  const status = when.getTime() > now.getTime() ? 'scheduled' : 'published';
  await ctx.db.transaction().execute(async (tx) => {
    const before = (await repo.findItem(tx, id))!;
    await repo.setStatus(tx, id, status, when);
    await audit(tx, who, status, before, (await repo.findItem(tx, id))!);
  });
  return status;
}

export async function archiveItem(ctx: AppContext, who: AuditActor, id: number): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const before = (await repo.findItem(tx, id))!;
    if (before.status === 'archived') return;
    await repo.setStatus(tx, id, 'archived', before.publishAt);
    await audit(tx, who, 'archived', before, (await repo.findItem(tx, id))!);
  });
}

/** Demo items: inserted once per key, published at the given moment, audited as the system. */
export async function loadSeeded(tx: Executor, who: AuditActor, seedKey: string, values: ItemValues, publishAt: Date): Promise<boolean> {
  const id = await repo.insertItem(tx, values, { seedKey, status: 'published', publishAt });
  if (id === undefined) return false;
  await audit(tx, who, 'published', undefined, (await repo.findItem(tx, id))!);
  return true;
}
export const regionUnit = (db: Executor) => repo.regionUnit(db);
export const findUnit = (db: Executor, code: string) => repo.findUnit(db, code);
export type { DB };
