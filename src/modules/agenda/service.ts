// The use cases of the agenda: the public schedule (upcoming by default, past on request), the
// iCalendar feed, and the back office where a unit keeps its own events (audited, with an event).
// Times are typed and shown in the region's time zone (ctx.calendar; Asia/Jakarta for Palembang).
import { can, scopePaths, type Actor } from '../../platform/access/can.ts';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { FieldErrors, FormData } from '../../platform/http/input.ts';
import { publish } from '../../platform/events/index.ts';
import { addDays, localDate, startOfLocalDay } from '../../platform/calendar/working-days.ts';
import * as repo from './repo.ts';
import type { EventRow, EventValues, Status } from './repo.ts';
import type { EventInput } from './schema.ts';
import { AGENDA_CHANGED, type AgendaChange } from './events.ts';
import { icsCalendar } from './ical.ts';

export type { EventRow };
export const PUBLIC_PATH = '/agenda';
export const FEED_PATH = '/agenda.ics';
export const eventHref = (e: { id: number }) => `${PUBLIC_PATH}/${e.id}`;
const DAY_MS = 24 * 3600 * 1000;

// ---- public
export const upcoming = (ctx: AppContext) => repo.listPublic(ctx.db, ctx.clock.now(), false);
export const past = (ctx: AppContext) => repo.listPublic(ctx.db, ctx.clock.now(), true);
export const findEvent = (db: Executor, id: number) => repo.findEvent(db, id);
export const hasUpcoming = (ctx: AppContext) => repo.anyUpcoming(ctx.db, ctx.clock.now());
export async function searchEvents(ctx: AppContext, q: string): Promise<EventRow[]> {
  const term = q.trim().slice(0, 100);
  return term.length < 3 ? [] : repo.searchEvents(ctx.db, ctx.clock.now(), term);
}
export async function latestChange(ctx: AppContext): Promise<Date | null> {
  return (await repo.latestPerOrganiser(ctx.db)).reduce<Date | null>((m, r) => (!m || r.latest > m ? r.latest : m), null);
}

/** Events grouped by their local start date ('2026-12-03'), in list order. */
export function groupByDate(events: EventRow[], tz: string): { date: string; events: EventRow[] }[] {
  const groups: { date: string; events: EventRow[] }[] = [];
  for (const e of events) {
    const d = localDate(e.startsAt, tz);
    const g = groups.at(-1);
    if (g?.date === d) g.events.push(e);
    else groups.push({ date: d, events: [e] });
  }
  return groups;
}

export async function feed(ctx: AppContext, name: string): Promise<string> {
  const now = ctx.clock.now();
  const base = ctx.config.baseUrl.replace(/\/$/, '');
  const host = new URL(ctx.config.baseUrl).hostname;
  const events = await repo.feedEvents(ctx.db, new Date(now.getTime() - 90 * DAY_MS));
  return icsCalendar({
    prodId: '-//Gapura//Agenda//ID', name, timeZone: await ctx.calendar.timeZone(), stamp: now,
    events: events.map((e) => ({
      uid: `agenda-${e.id}@${host}`, title: e.title, start: e.startsAt, end: e.endsAt, allDay: e.allDay, location: e.location, description: e.description,
      url: `${base}${eventHref(e)}`, cancelled: e.status === 'cancelled', updated: e.updatedAt, organiser: e.organiser.name,
    })),
  });
}

// ---- back office
export const mayEdit = (actor: Actor, e: { organiser: { path: string } }) => can(actor, 'agenda.edit', { unitPath: e.organiser.path });
export const staffList = (db: Executor, actor: Actor) => repo.listWithin(db, scopePaths(actor, 'agenda.edit'));
export const organiserOptions = (db: Executor, actor: Actor) => repo.unitsWithin(db, scopePaths(actor, 'agenda.edit'));

/** The form as saved, in local dates and times. */
export function valuesOf(e: EventRow, tz: string, idem: string): FormData {
  const hm = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  const lastDay = e.allDay ? addDays(localDate(e.endsAt, tz), -1) : localDate(e.endsAt, tz);
  return {
    idem, title: e.title, description: e.description, location: e.location, organiser: e.organiser.code, ...(e.allDay ? { all_day: '1' } : {}),
    start_date: localDate(e.startsAt, tz), start_time: e.allDay ? '' : hm(e.startsAt), end_date: lastDay, end_time: e.allDay ? '' : hm(e.endsAt),
  };
}

/** Local date and "HH:MM" → an instant (Indonesian zones keep one offset all year). */
const at = (date: string, time: string, tz: string) => {
  const [h, m] = time.split(':').map(Number);
  return new Date(startOfLocalDay(date, tz).getTime() + (h * 60 + m) * 60_000);
};

async function resolve(ctx: AppContext, tx: Executor, actor: Actor, input: EventInput): Promise<{ values?: EventValues; errors?: FieldErrors }> {
  const organiser = await repo.findUnit(tx, input.organiser);
  if (!organiser) return { errors: { organiser: 'agenda.organiser.required' } };
  if (!can(actor, 'agenda.edit', { unitPath: organiser.path })) return { errors: { organiser: 'agenda.organiser.outside_scope' } };
  const tz = await ctx.calendar.timeZone();
  const allDay = input.all_day === '1';
  const endDate = input.end_date || input.start_date;
  let startsAt: Date;
  let endsAt: Date;
  if (allDay) {
    startsAt = startOfLocalDay(input.start_date, tz);
    endsAt = startOfLocalDay(addDays(endDate, 1), tz);
  } else {
    if (!input.start_time) return { errors: { start_time: 'agenda.time.required' } };
    startsAt = at(input.start_date, input.start_time, tz);
    // no end time: one hour
    endsAt = input.end_time ? at(endDate, input.end_time, tz) : new Date(startsAt.getTime() + 3600_000);
  }
  if (endsAt.getTime() <= startsAt.getTime()) return { errors: { [input.end_time ? 'end_time' : 'end_date']: 'agenda.end.before_start' } };
  if (endsAt.getTime() - startsAt.getTime() > 366 * DAY_MS) return { errors: { end_date: 'agenda.end.too_long' } };
  return { values: { title: input.title, description: input.description, location: input.location, startsAt, endsAt, allDay, organiserUnitId: organiser.id } };
}

function snapshot(e: EventRow) {
  return { title: e.title, location: e.location, startsAt: e.startsAt.toISOString(), endsAt: e.endsAt.toISOString(), allDay: e.allDay, organiser: e.organiser.code, status: e.status };
}
async function audit(tx: Executor, who: AuditActor, change: AgendaChange, before: EventRow | undefined, after: EventRow) {
  await recordAudit(tx, who, { action: `agenda.${change}`, subjectType: 'agenda_event', subjectId: after.id, unitId: after.organiser.id, before: before ? snapshot(before) : undefined, after: change === 'deleted' ? undefined : snapshot(after) });
  await publish(tx, AGENDA_CHANGED, { id: after.id, change, status: after.status, organiserUnitId: after.organiser.id, startsAt: after.startsAt.toISOString() });
}

export type Saved = { ok: true; id: number } | { ok: false; errors: FieldErrors };

export async function createEvent(ctx: AppContext, actor: Actor, who: AuditActor, input: EventInput): Promise<Saved> {
  const existing = await repo.findByIdem(ctx.db, input.idem);
  if (existing) return { ok: true, id: existing };
  return ctx.db.transaction().execute(async (tx) => {
    const { values, errors } = await resolve(ctx, tx, actor, input);
    if (errors) return { ok: false as const, errors };
    const id = await repo.insertEvent(tx, values!, { idem: input.idem });
    if (id === undefined) return { ok: true as const, id: (await repo.findByIdem(tx, input.idem))! };
    await audit(tx, who, 'created', undefined, (await repo.findEvent(tx, id))!);
    return { ok: true as const, id };
  });
}

export async function updateEvent(ctx: AppContext, actor: Actor, who: AuditActor, id: number, input: EventInput): Promise<Saved> {
  return ctx.db.transaction().execute(async (tx) => {
    const before = await repo.findEvent(tx, id);
    if (!before) return { ok: false as const, errors: { _: 'error.not_found' } };
    const { values, errors } = await resolve(ctx, tx, actor, input);
    if (errors) return { ok: false as const, errors };
    await repo.updateEvent(tx, id, values!);
    await audit(tx, who, 'updated', before, (await repo.findEvent(tx, id))!);
    return { ok: true as const, id };
  });
}

export async function setStatus(ctx: AppContext, who: AuditActor, id: number, status: Status): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const before = (await repo.findEvent(tx, id))!;
    if (before.status === status) return;
    await repo.setStatus(tx, id, status);
    await audit(tx, who, status === 'cancelled' ? 'cancelled' : 'restored', before, (await repo.findEvent(tx, id))!);
  });
}

export async function deleteEvent(ctx: AppContext, who: AuditActor, id: number): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const before = (await repo.findEvent(tx, id))!;
    await repo.deleteEvent(tx, id);
    await audit(tx, who, 'deleted', before, before);
  });
}

export async function loadSeeded(tx: Executor, who: AuditActor, seedKey: string, values: EventValues): Promise<boolean> {
  const id = await repo.insertEvent(tx, values, { seedKey });
  if (id === undefined) return false;
  await audit(tx, who, 'created', undefined, (await repo.findEvent(tx, id))!);
  return true;
}
export const regionUnit = (db: Executor) => repo.regionUnit(db);
export const findUnit = (db: Executor, code: string) => repo.findUnit(db, code);
