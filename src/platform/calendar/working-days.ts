// Working-day arithmetic (hari kerja): pure functions, no database. The holiday set is passed in as
// `isHoliday(date)` so the same code serves the cached DB calendar (calendar.ts) and unit tests.
//
// Definitions (see docs/working-days.md for examples):
// - A *working day* is a local calendar date that is Monday–Friday and not a holiday (national
//   holiday, cuti bersama or regional holiday: whatever `isHoliday` says).
// - The *local date* of an instant is its calendar date in the region's time zone (Asia/Jakarta WIB
//   +7, Asia/Makassar WITA +8, Asia/Jayapura WIT +9). 23:30 WIB on Monday is Monday; 00:30 the next
//   night is Tuesday.
// - The *receipt day* R(t) of an instant t is its local date if that is a working day, otherwise the
//   next working day after it: something submitted on Saturday, on a holiday or at 23:00 on Sunday
//   counts as received on the next working day.
// - addWorkingDays(t, n) = the end (23:59:59.999 local) of the n-th working day after R(t);
//   n = 0 gives the end of R(t) itself.
// - countWorkingDays(from, to), for to >= from, = the number of working days W with
//   R(from) < W <= localDate(to) (0 when there is none, e.g. both on the same weekend);
//   for to < from it is -countWorkingDays(to, from).
// So countWorkingDays(t, addWorkingDays(t, n)) === n for every instant t and n >= 0.

/** Returns true when the local date (YYYY-MM-DD) is a holiday. */
export type IsHoliday = (date: string) => boolean;

/** The time zones of Indonesia; any IANA zone works, these are the ones Gapura regions use. */
export const INDONESIAN_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

/** A run of non-working days longer than this means the holiday data is broken, not a long break. */
const MAX_NON_WORKING_RUN = 366;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // throws RangeError for an unknown zone, which is what we want
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function localParts(instant: Date, timeZone: string) {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return p as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

function checkInstant(d: Date, what: string) {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new RangeError(`${what} is not a valid date`);
}

/** The calendar date (YYYY-MM-DD) of an instant in the given time zone. */
export function localDate(instant: Date, timeZone: string): string {
  checkInstant(instant, 'instant');
  const p = localParts(instant, timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** date + days, on plain calendar dates (UTC arithmetic, so no DST or zone surprises). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, for a calendar date. */
export function dayOfWeek(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isWorkingDate(date: string, isHoliday: IsHoliday): boolean {
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6 && !isHoliday(date);
}

/** The first working day strictly after `date`. */
export function nextWorkingDate(date: string, isHoliday: IsHoliday): string {
  let d = date;
  for (let i = 0; i < MAX_NON_WORKING_RUN; i++) {
    d = addDays(d, 1);
    if (isWorkingDate(d, isHoliday)) return d;
  }
  throw new Error(`No working day within ${MAX_NON_WORKING_RUN} days after ${date}: check the holiday data`);
}

/** The receipt day: the local date when it is a working day, else the next working day. */
export function receiptDate(instant: Date, timeZone: string, isHoliday: IsHoliday): string {
  const d = localDate(instant, timeZone);
  return isWorkingDate(d, isHoliday) ? d : nextWorkingDate(d, isHoliday);
}

/** UTC offset of the zone at an instant, in milliseconds (e.g. +7 h for Asia/Jakarta). */
function offsetMs(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The first instant of a local calendar date (00:00:00.000 local). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  // Two rounds settle zones whose offset changes near midnight; Indonesian zones have none.
  let t = midnightUtc - offsetMs(new Date(midnightUtc), timeZone);
  t = midnightUtc - offsetMs(new Date(t), timeZone);
  return new Date(t);
}

/** The last millisecond of a local calendar date (23:59:59.999 local). */
export function endOfLocalDay(date: string, timeZone: string): Date {
  return new Date(startOfLocalDay(addDays(date, 1), timeZone).getTime() - 1);
}

/**
 * Deadline for something received at `start`: the end (23:59:59.999 local) of the n-th working
 * day after its receipt day (see the definitions at the top of this file). n = 0 → end of the
 * receipt day. n must be a non-negative integer.
 */
export function addWorkingDays(start: Date, n: number, timeZone: string, isHoliday: IsHoliday): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be a whole number >= 0, got ${n}`);
  let d = receiptDate(start, timeZone, isHoliday);
  for (let i = 0; i < n; i++) d = nextWorkingDate(d, isHoliday);
  return endOfLocalDay(d, timeZone);
}

/**
 * Working days from `from` to `to`: the count of working days after from's receipt day up to and
 * including to's local date (0 if none); when `to` is earlier than `from`, minus the count the
 * other way. Use it for "working days taken" (count(receivedAt, doneAt)); to tell whether a
 * deadline has passed, compare instants (now > deadline).
 */
export function countWorkingDays(from: Date, to: Date, timeZone: string, isHoliday: IsHoliday): number {
  checkInstant(from, 'from');
  checkInstant(to, 'to');
  if (to.getTime() < from.getTime()) {
    const forward = countWorkingDays(to, from, timeZone, isHoliday);
    return forward === 0 ? 0 : -forward; // not -0
  }
  const r = receiptDate(from, timeZone, isHoliday);
  const end = localDate(to, timeZone);
  // end < r only when both fall in the same run of non-working days: nothing has elapsed yet
  return end > r ? workingDaysIn(r, end, isHoliday) : 0;
}

/** Working days W with a < W <= b (ISO date strings compare in calendar order). */
function workingDaysIn(a: string, b: string, isHoliday: IsHoliday): number {
  let n = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (isWorkingDate(d, isHoliday)) n++;
  return n;
}
