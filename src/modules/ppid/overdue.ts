// The overdue list: open requests whose written-notice deadline has passed, computed (never stored)
// without computing a deadline per row. A request's notice deadline depends only on the local date
// its clock started (receipt or registration) and on whether it was extended in time (10 or 17
// working days), and it never moves earlier when that date moves later. So for each of the two
// lengths there is one cut-off instant — the start of the day after the latest start date whose
// deadline has already passed — and "overdue" is `start < cutOff`, which SQL answers from a partial
// index of open requests (migration 003). The page's rows get their full, explained clock from
// clock.ts; only those. See ADR 036 and `npm run bench:ppid`.
import { addDays, localDate, startOfLocalDay } from '../../platform/calendar/working-days.ts';
import type { Calendar } from '../../platform/calendar/calendar.ts';
import type { Executor } from '../../platform/db/index.ts';
import { LEGAL_DAYS, type ClockStart } from './clock.ts';
import * as repo from './repo.ts';

/** The first instant whose requests are not yet overdue for a deadline of `days` working days. */
export async function overdueCutOff(cal: Calendar, days: number, now: Date): Promise<Date> {
  const tz = await cal.timeZone();
  let d = localDate(now, tz);
  // today's deadline is never before now; step back to the latest start date already overdue
  for (let i = 0; i < 400; i++) {
    const due = await cal.addWorkingDays(startOfLocalDay(d, tz), days);
    if (due.getTime() < now.getTime()) return startOfLocalDay(addDays(d, 1), tz);
    d = addDays(d, -1);
  }
  return startOfLocalDay(d, tz);
}

export interface OverdueCutOffs { notice: Date; extended: Date }

export async function cutOffs(cal: Calendar, now: Date): Promise<OverdueCutOffs> {
  const [notice, extended] = await Promise.all([
    overdueCutOff(cal, LEGAL_DAYS.notice, now), overdueCutOff(cal, LEGAL_DAYS.notice + LEGAL_DAYS.extension, now),
  ]);
  return { notice, extended };
}

const columnOf = (rule: ClockStart): repo.StartColumn => (rule === 'registration' ? 'registered_at' : 'received_at');

/**
 * Overdue open requests within the scope (null: all): their true count and the first `limit`, the
 * longest overdue first (ordered by the deadline that passed: the two lists merged by due date).
 */
export async function overdueList(
  db: Executor, cal: Calendar, rule: ClockStart, now: Date, scope: string[] | null, limit = 50, opts: { count?: boolean } = {},
): Promise<{ count: number; rows: repo.RequestRecord[] }> {
  if (scope && !scope.length) return { count: 0, rows: [] };
  const col = columnOf(rule);
  const cut = await cutOffs(cal, now);
  const [count, plain, extended] = await Promise.all([
    // the true count is one index-only aggregate; a caller that shows only the first page may skip it (-1)
    opts.count === false ? Promise.resolve(-1) : repo.countOpenStartedBefore(db, col, cut.notice, cut.extended, scope),
    repo.openStartedBefore(db, col, cut.notice, false, scope).limit(limit).execute(),
    repo.openStartedBefore(db, col, cut.extended, true, scope).limit(limit).execute(),
  ]);
  const due = async (r: repo.RequestRecord) => (await cal.addWorkingDays(r[col], r.extended_at ? LEGAL_DAYS.notice + LEGAL_DAYS.extension : LEGAL_DAYS.notice)).getTime();
  const withDue = await Promise.all([...plain, ...extended].map(async (r) => ({ r, due: await due(r) })));
  withDue.sort((a, b) => a.due - b.due || a.r.id - b.r.id);
  return { count, rows: withDue.slice(0, limit).map((x) => x.r) };
}
