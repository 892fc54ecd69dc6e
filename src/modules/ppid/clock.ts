// The legal clock of UU 14/2008 and Perki 1/2021: every deadline of an information request, in
// working days from the region's calendar (ctx.calendar: weekends, national holidays, cuti bersama).
// One engine, no stored deadline: a request stores what happened and when (received, registered,
// extended, answered, objected, objection answered); the dates that follow are computed here, and
// "overdue" is always now > due, never a stored flag.
//
// Each computed date carries how it was computed, so every page that shows it can say
// "10 hari kerja sejak 2 Desember 2026, tidak termasuk 24–25 Desember" (weekday holidays and cuti
// bersama in the counted span; weekends are not listed).
import type { Calendar, HolidayRow } from '../../platform/calendar/calendar.ts';
import { addDays, dayOfWeek, localDate } from '../../platform/calendar/working-days.ts';
import { formatDate, type Locale, type Translate } from '../../platform/i18n/index.ts';

/** Working days the law gives for each step. */
export const LEGAL_DAYS = {
  /** Pasal 22(7)/(8) UU 14/2008: written notice within 10 working days */
  notice: 10,
  /** Pasal 22(8): one extension of at most 7 further working days, with a written reason */
  extension: 7,
  /** Pasal 36(1): objection within 30 working days after the answer or after the deadline lapsed */
  objection: 30,
  /** Pasal 36(2): the atasan PPID answers within 30 working days */
  atasan: 30,
  /** Pasal 37(2): dispute at the Komisi Informasi within 14 working days after that answer */
  dispute: 14,
} as const;

export type ClockStart = 'receipt' | 'registration';

export type DeadlineKind = 'notice' | 'objection' | 'atasan' | 'dispute';

/** What a deadline counts from: which event, so the explanation can name it. */
export type DeadlineBasis =
  | 'received'
  | 'registered'
  | 'extended'
  | 'answered'
  | 'notice_lapsed'
  | 'objected'
  | 'objection_answered'
  | 'atasan_lapsed';

export interface Deadline {
  kind: DeadlineKind;
  /** the end (23:59:59.999 local) of the last working day */
  due: Date;
  /** the instant the count starts from */
  from: Date;
  basis: DeadlineBasis;
  /** working days counted */
  days: number;
  /** holidays and cuti bersama on weekdays between from's date and the due date (inclusive) */
  skipped: HolidayRow[];
  timeZone: string;
}

/** The facts a request keeps; every deadline is derived from them. */
export interface RequestTimes {
  receivedAt: Date;
  registeredAt: Date;
  /** when the written extension notice was sent (only valid before the 10 days ran out) */
  extendedAt?: Date | null;
  answeredAt?: Date | null;
  objectedAt?: Date | null;
  objectionAnsweredAt?: Date | null;
}

/** n working days from `from` (see working-days.ts: counted after from's receipt day), explained. */
export async function deadlineAfter(cal: Calendar, kind: DeadlineKind, basis: DeadlineBasis, from: Date, days: number): Promise<Deadline> {
  const [due, timeZone] = await Promise.all([cal.addWorkingDays(from, days), cal.timeZone()]);
  const first = localDate(from, timeZone);
  const last = localDate(due, timeZone);
  const years: number[] = [];
  for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)); y++) years.push(y);
  const rows = (await Promise.all(years.map((y) => cal.holidaysInYear(y)))).flat();
  const skipped = rows.filter((h) => h.date >= first && h.date <= last && dayOfWeek(h.date) !== 0 && dayOfWeek(h.date) !== 6);
  return { kind, due, from, basis, days, skipped, timeZone };
}

/** The start of the 10 days: the receipt of the request or its registration (PPID_CLOCK_START). */
export function clockStart(t: RequestTimes, rule: ClockStart): { at: Date; basis: DeadlineBasis } {
  return rule === 'registration' ? { at: t.registeredAt, basis: 'registered' } : { at: t.receivedAt, basis: 'received' };
}

/** The written notice's first deadline: 10 working days, whether or not it was extended. */
export function initialNoticeDeadline(cal: Calendar, t: RequestTimes, rule: ClockStart): Promise<Deadline> {
  const s = clockStart(t, rule);
  return deadlineAfter(cal, 'notice', s.basis, s.at, LEGAL_DAYS.notice);
}

/** The notice deadline in force: 10 working days, or 10 + 7 once an extension was sent in time. */
export async function noticeDeadline(cal: Calendar, t: RequestTimes, rule: ClockStart): Promise<Deadline> {
  const first = await initialNoticeDeadline(cal, t, rule);
  if (!t.extendedAt || t.extendedAt.getTime() > first.due.getTime()) return first;
  const s = clockStart(t, rule);
  const d = await deadlineAfter(cal, 'notice', s.basis, s.at, LEGAL_DAYS.notice + LEGAL_DAYS.extension);
  return { ...d, basis: 'extended' };
}

export type ExtensionRefusal = 'already_extended' | 'already_answered' | 'too_late';

/** Whether the one extension may still be sent at `now` (before the 10 working days ran out). */
export async function extensionAllowed(cal: Calendar, t: RequestTimes, rule: ClockStart, now: Date): Promise<{ ok: true } | { ok: false; reason: ExtensionRefusal; deadline: Deadline }> {
  const first = await initialNoticeDeadline(cal, t, rule);
  if (t.extendedAt) return { ok: false, reason: 'already_extended', deadline: first };
  if (t.answeredAt) return { ok: false, reason: 'already_answered', deadline: first };
  if (now.getTime() > first.due.getTime()) return { ok: false, reason: 'too_late', deadline: first };
  return { ok: true };
}

/**
 * The objection window: 30 working days after the answer, or after the notice deadline lapsed with
 * no answer. Undefined while the notice deadline is still running and nothing was answered.
 */
export async function objectionDeadline(cal: Calendar, t: RequestTimes, rule: ClockStart, now: Date): Promise<Deadline | undefined> {
  if (t.answeredAt) return deadlineAfter(cal, 'objection', 'answered', t.answeredAt, LEGAL_DAYS.objection);
  const notice = await noticeDeadline(cal, t, rule);
  if (now.getTime() <= notice.due.getTime()) return undefined;
  return deadlineAfter(cal, 'objection', 'notice_lapsed', notice.due, LEGAL_DAYS.objection);
}

/** The atasan PPID's answer to an objection: 30 working days after it was filed. */
export async function atasanDeadline(cal: Calendar, t: RequestTimes): Promise<Deadline | undefined> {
  if (!t.objectedAt) return undefined;
  return deadlineAfter(cal, 'atasan', 'objected', t.objectedAt, LEGAL_DAYS.atasan);
}

/** The dispute at the Komisi Informasi: 14 working days after the atasan's answer, or after its deadline lapsed. */
export async function disputeDeadline(cal: Calendar, t: RequestTimes, now: Date): Promise<Deadline | undefined> {
  if (!t.objectedAt) return undefined;
  if (t.objectionAnsweredAt) return deadlineAfter(cal, 'dispute', 'objection_answered', t.objectionAnsweredAt, LEGAL_DAYS.dispute);
  const atasan = await deadlineAfter(cal, 'atasan', 'objected', t.objectedAt, LEGAL_DAYS.atasan);
  if (now.getTime() <= atasan.due.getTime()) return undefined;
  return deadlineAfter(cal, 'dispute', 'atasan_lapsed', atasan.due, LEGAL_DAYS.dispute);
}

/** Overdue is computed: the due instant has passed and the step it waits for has not happened. */
export function isOverdue(d: Deadline, now: Date, doneAt?: Date | null): boolean {
  if (doneAt) return doneAt.getTime() > d.due.getTime();
  return now.getTime() > d.due.getTime();
}

/** Working days still left until the deadline (0 on its last day, negative once it passed). */
export async function workingDaysLeft(cal: Calendar, d: Deadline, now: Date): Promise<number> {
  return cal.countWorkingDays(now, d.due);
}

/** Runs of consecutive calendar dates: ['2026-12-24','2026-12-25'] → [['2026-12-24','2026-12-25']]. */
export function dateRuns(dates: string[]): [string, string][] {
  const sorted = [...new Set(dates)].sort();
  const runs: [string, string][] = [];
  for (const d of sorted) {
    const last = runs.at(-1);
    if (last && addDays(last[1], 1) === d) last[1] = d;
    else runs.push([d, d]);
  }
  return runs;
}

const monthsOf = (locale: Locale, ymd: string) => formatDate(locale, ymd).split(' ')[1];

/** '24–25 Desember', '31 Desember 2026 – 1 Januari 2027', '5 Januari 2027' (year shown when it differs from `year`). */
export function formatRun(locale: Locale, [a, b]: [string, string], year: string): string {
  const yearOf = (d: string) => (d.slice(0, 4) === year ? '' : ` ${d.slice(0, 4)}`);
  const day = (d: string) => String(Number(d.slice(8, 10)));
  if (a === b) return `${day(a)} ${monthsOf(locale, a)}${yearOf(a)}`;
  if (a.slice(0, 7) === b.slice(0, 7)) return `${day(a)}–${day(b)} ${monthsOf(locale, a)}${yearOf(a)}`;
  return `${day(a)} ${monthsOf(locale, a)}${yearOf(a)} – ${day(b)} ${monthsOf(locale, b)}${yearOf(b)}`;
}

/**
 * "10 hari kerja sejak 2 Desember 2026, tidak termasuk 24–25 Desember" — the explanation shown
 * beside every computed date. Strings come from locales.ts ('ppid.clock.*').
 */
export function explainDeadline(t: Translate, locale: Locale, d: Deadline): string {
  const from = localDate(d.from, d.timeZone);
  const base = t(`ppid.clock.explain.${d.basis}`, { days: d.days, from: formatDate(locale, from) });
  if (d.skipped.length === 0) return base;
  const year = from.slice(0, 4);
  const list = dateRuns(d.skipped.map((h) => h.date)).map((r) => formatRun(locale, r, year));
  const joined = new Intl.ListFormat(locale, { type: 'conjunction' }).format(list);
  return t('ppid.clock.explain.skipping', { base, skipped: joined });
}
