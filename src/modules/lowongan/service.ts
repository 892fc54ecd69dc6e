// The use cases of lowongan: the current vacancies (published, closing today or later in the
// region's local date by ctx.clock: an expired one leaves the list by itself), and what an editor of
// the owning unit may change (drafts, publish, archive; audited with an event). No HTTP here.
import { can, scopePaths, type Actor } from '../../platform/access/can.ts';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import { localDate } from '../../platform/calendar/working-days.ts';
import type { Executor } from '../../platform/db/index.ts';
import { publish } from '../../platform/events/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { FieldErrors } from '../../platform/http/input.ts';
import * as repo from './repo.ts';
import type { VacancyRow, VacancyValues } from './repo.ts';
import { slugify, type VacancyInput } from './schema.ts';
import { VACANCY_CHANGED, type VacancyChange } from './events.ts';

export type { VacancyRow };
export const PUBLIC_PATH = '/lowongan';
export const STAFF_PATH = '/petugas/lowongan';
export const vacancyHref = (v: { slug: string }) => `${PUBLIC_PATH}/${v.slug}`;

/** The region's date today by ctx.clock ('YYYY-MM-DD'). */
export async function today(ctx: AppContext): Promise<string> {
  return localDate(ctx.clock.now(), await ctx.calendar.timeZone());
}
export const currentList = async (ctx: AppContext) => repo.listCurrent(ctx.db, await today(ctx));
export const currentVacancy = async (ctx: AppContext, slug: string) => repo.findCurrentBySlug(ctx.db, await today(ctx), slug);
export const hasCurrent = async (ctx: AppContext) => repo.anyCurrent(ctx.db, await today(ctx));
export async function searchVacancies(ctx: AppContext, q: string): Promise<VacancyRow[]> {
  const term = q.trim().slice(0, 100);
  return term.length < 3 ? [] : repo.searchCurrent(ctx.db, await today(ctx), term);
}
export async function latestUpdate(ctx: AppContext): Promise<Date | null> {
  return (await repo.latestPerOwner(ctx.db)).reduce<Date | null>((m, r) => (!m || r.latest > m ? r.latest : m), null);
}

// ---- back office
export const staffList = (db: Executor, actor: Actor) => repo.listWithin(db, scopePaths(actor, 'lowongan.edit'));
export const ownerOptions = (db: Executor, actor: Actor) => repo.unitsWithin(db, scopePaths(actor, 'lowongan.edit'));
export const findVacancy = (db: Executor, id: number) => repo.findVacancy(db, id);

export type Saved = { ok: true; id: number } | { ok: false; errors: FieldErrors };

function snapshot(v: VacancyRow) {
  return { slug: v.slug, position: v.position, employer: v.employer, location: v.location, closingDate: v.closingDate, openings: v.openings, owner: v.owner.code, status: v.status };
}
async function audit(tx: Executor, who: AuditActor, change: VacancyChange, before: VacancyRow | undefined, after: VacancyRow) {
  await recordAudit(tx, who, { action: `lowongan.vacancy.${change}`, subjectType: 'lowongan_vacancy', subjectId: after.id, unitId: after.owner.id, before: before ? snapshot(before) : undefined, after: snapshot(after) });
  await publish(tx, VACANCY_CHANGED, { id: after.id, slug: after.slug, change, status: after.status, ownerUnitId: after.owner.id, closingDate: after.closingDate });
}

async function resolve(tx: Executor, actor: Actor | undefined, input: VacancyInput, exceptId?: number): Promise<{ values?: VacancyValues; errors?: FieldErrors }> {
  const owner = await repo.findUnit(tx, input.owner);
  if (!owner) return { errors: { owner: 'lowongan.owner.required' } };
  if (actor && !can(actor, 'lowongan.edit', { unitPath: owner.path })) return { errors: { owner: 'lowongan.owner.outside_scope' } };
  let slug = input.slug;
  if (slug) {
    if (await repo.slugTaken(tx, slug, exceptId)) return { errors: { slug: 'lowongan.slug.taken' } };
  } else {
    const base = slugify(`${input.position} ${input.employer}`);
    slug = base;
    for (let n = 2; await repo.slugTaken(tx, slug, exceptId); n++) slug = `${base}-${n}`;
  }
  return {
    values: {
      slug, position: input.position, employer: input.employer, location: input.location, closingDate: input.closingDate, openings: input.openings,
      summary: input.summary, requirements: input.requirements, howToApply: input.howToApply, ownerUnitId: owner.id,
    },
  };
}

/** A new draft; the same form twice (same idempotency key) makes one. A closing date already past is refused. */
export async function createVacancy(ctx: AppContext, actor: Actor, who: AuditActor, input: VacancyInput): Promise<Saved> {
  const existing = await repo.findByIdem(ctx.db, input.idem);
  if (existing) return { ok: true, id: existing };
  if (input.closingDate < (await today(ctx))) return { ok: false, errors: { closingDate: 'lowongan.closing.past' } };
  return ctx.db.transaction().execute(async (tx) => {
    const { values, errors } = await resolve(tx, actor, input);
    if (errors) return { ok: false as const, errors };
    const id = await repo.insertVacancy(tx, values!, ctx.clock.now(), { idem: input.idem });
    if (id === undefined) return { ok: true as const, id: (await repo.findByIdem(tx, input.idem))! };
    await audit(tx, who, 'created', undefined, (await repo.findVacancy(tx, id))!);
    return { ok: true as const, id };
  });
}

/** The caller checked lowongan.edit on the vacancy as it is. */
export async function updateVacancy(ctx: AppContext, actor: Actor, who: AuditActor, id: number, input: VacancyInput): Promise<Saved> {
  return ctx.db.transaction().execute(async (tx) => {
    const before = await repo.findVacancy(tx, id);
    if (!before) return { ok: false as const, errors: { _: 'error.not_found' } };
    const { values, errors } = await resolve(tx, actor, { ...input, slug: input.slug || before.slug }, id);
    if (errors) return { ok: false as const, errors };
    await repo.updateVacancy(tx, id, values!, ctx.clock.now());
    await audit(tx, who, 'updated', before, (await repo.findVacancy(tx, id))!);
    return { ok: true as const, id };
  });
}

export async function setStatus(ctx: AppContext, who: AuditActor, id: number, status: 'published' | 'archived'): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const before = (await repo.findVacancy(tx, id))!;
    if (before.status === status) return;
    await repo.setStatus(tx, id, status, ctx.clock.now());
    await audit(tx, who, status, before, (await repo.findVacancy(tx, id))!);
  });
}

/** Demo vacancies: inserted once per key and published, audited as the system. */
export async function loadSeeded(ctx: AppContext, tx: Executor, who: AuditActor, seedKey: string, input: VacancyInput): Promise<boolean> {
  if (await repo.slugTaken(tx, input.slug)) return false;
  const { values, errors } = await resolve(tx, undefined, input);
  if (errors) throw new Error(`lowongan demo ${seedKey}: ${JSON.stringify(errors)}`);
  const id = await repo.insertVacancy(tx, values!, ctx.clock.now(), { seedKey, status: 'published' });
  if (id === undefined) return false;
  await audit(tx, who, 'published', undefined, (await repo.findVacancy(tx, id))!);
  return true;
}
export const findUnit = repo.findUnit;
export const regionUnit = repo.regionUnit;
