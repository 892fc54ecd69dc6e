import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHolidayFile } from './holidays.ts';
import {
  addDays,
  addWorkingDays,
  countWorkingDays,
  dayOfWeek,
  endOfLocalDay,
  isWorkingDate,
  localDate,
  startOfLocalDay,
  type IsHoliday,
} from './working-days.ts';

// The real pack data: these tests pin the 2025–2027 calendar people will actually see.
const pack = readHolidayFile(path.resolve(import.meta.dirname, '../../../region-packs/_indonesia/holidays.json'));
const holidaySet = new Set(pack.map((h) => h.date));
const isHoliday: IsHoliday = (d) => holidaySet.has(d);
const noHolidays: IsHoliday = () => false;

const WIB = 'Asia/Jakarta';
const WITA = 'Asia/Makassar';
const WIT = 'Asia/Jayapura';
/** An instant written in local WIB time. */
const wib = (s: string) => new Date(`${s}+07:00`);
/** End of a local day written as UTC: WIB 23:59:59.999 is 16:59:59.999Z. */
const endWib = (date: string) => new Date(`${date}T23:59:59.999+07:00`);

describe('local dates and day boundaries', () => {
  it('uses the region time zone', () => {
    const t = new Date('2026-01-05T16:30:00Z'); // 23:30 WIB Monday, 00:30 WITA and 01:30 WIT Tuesday
    expect(localDate(t, WIB)).toBe('2026-01-05');
    expect(localDate(t, WITA)).toBe('2026-01-06');
    expect(localDate(t, WIT)).toBe('2026-01-06');
    expect(startOfLocalDay('2026-01-06', WIT).toISOString()).toBe('2026-01-05T15:00:00.000Z');
    expect(endOfLocalDay('2026-01-06', WITA).toISOString()).toBe('2026-01-06T15:59:59.999Z');
    expect(() => localDate(t, 'Not/AZone')).toThrow(RangeError);
  });

  it('treats weekends, national holidays and cuti bersama as non-working', () => {
    expect(isWorkingDate('2026-03-20', isHoliday)).toBe(false); // Jumat, cuti bersama Idul Fitri
    expect(isWorkingDate('2026-03-21', isHoliday)).toBe(false); // Sabtu, Idul Fitri
    expect(isWorkingDate('2026-03-23', isHoliday)).toBe(false); // Senin, cuti bersama
    expect(isWorkingDate('2026-03-25', isHoliday)).toBe(true);
    expect(isWorkingDate('2026-01-01', isHoliday)).toBe(false);
    expect(isWorkingDate('2026-01-02', isHoliday)).toBe(true);
  });
});

describe('addWorkingDays', () => {
  it('skips Nyepi and the whole Idul Fitri 2026 break (18–24 March)', () => {
    // Tuesday 17 March: 18 cuti Nyepi, 19 Nyepi, 20 cuti, 21–22 Idul Fitri (weekend), 23–24 cuti
    expect(addWorkingDays(wib('2026-03-17T10:00:00'), 1, WIB, isHoliday)).toEqual(endWib('2026-03-25'));
    expect(addWorkingDays(wib('2026-03-16T10:00:00'), 1, WIB, isHoliday)).toEqual(endWib('2026-03-17'));
    expect(addWorkingDays(wib('2026-03-16T10:00:00'), 2, WIB, isHoliday)).toEqual(endWib('2026-03-25'));
    // submitted during the break: received on Wednesday 25 March
    expect(addWorkingDays(wib('2026-03-21T09:00:00'), 0, WIB, isHoliday)).toEqual(endWib('2026-03-25'));
    expect(addWorkingDays(wib('2026-03-20T09:00:00'), 3, WIB, isHoliday)).toEqual(endWib('2026-03-30'));
    // without holidays the same request would be due on Wednesday 18 March
    expect(addWorkingDays(wib('2026-03-17T10:00:00'), 1, WIB, noHolidays)).toEqual(endWib('2026-03-18'));
  });

  it('skips New Year', () => {
    expect(addWorkingDays(wib('2025-12-31T15:00:00'), 1, WIB, isHoliday)).toEqual(endWib('2026-01-02'));
    expect(addWorkingDays(wib('2026-01-01T08:00:00'), 0, WIB, isHoliday)).toEqual(endWib('2026-01-02'));
  });

  it('counts a weekend submission from the next working day', () => {
    expect(addWorkingDays(wib('2026-01-03T10:00:00'), 0, WIB, isHoliday)).toEqual(endWib('2026-01-05'));
    expect(addWorkingDays(wib('2026-01-03T10:00:00'), 1, WIB, isHoliday)).toEqual(endWib('2026-01-06'));
    expect(addWorkingDays(wib('2026-01-04T23:59:00'), 1, WIB, isHoliday)).toEqual(endWib('2026-01-06'));
    // Friday 2 January: received that day, due Monday
    expect(addWorkingDays(wib('2026-01-02T16:00:00'), 1, WIB, isHoliday)).toEqual(endWib('2026-01-05'));
  });

  it('uses the local date at day boundaries (23:30 vs 00:30 WIB, and WIT)', () => {
    // Monday 23:30 WIB is Monday; 00:30 the next night is Tuesday
    expect(addWorkingDays(wib('2026-01-05T23:30:00'), 1, WIB, isHoliday)).toEqual(endWib('2026-01-06'));
    expect(addWorkingDays(wib('2026-01-06T00:30:00'), 1, WIB, isHoliday)).toEqual(endWib('2026-01-07'));
    // the same instant as Monday 23:30 WIB is Tuesday 01:30 WIT: due Wednesday, end of day in WIT
    const due = addWorkingDays(wib('2026-01-05T23:30:00'), 1, WIT, isHoliday);
    expect(due.toISOString()).toBe('2026-01-07T14:59:59.999Z');
    // Friday 23:30 WIB is Saturday 01:30 WIT: received Monday in Jayapura
    expect(addWorkingDays(wib('2026-01-09T23:30:00'), 0, WIB, isHoliday)).toEqual(endWib('2026-01-09'));
    expect(addWorkingDays(wib('2026-01-09T23:30:00'), 0, WIT, isHoliday).toISOString()).toBe('2026-01-12T14:59:59.999Z');
  });

  it('crosses the year into the provisional 2027 list', () => {
    // Wed 23 Dec 2026; 24 cuti, 25 Natal, 26–27 weekend; 1 Jan and (provisional) 5 Jan 2027 Isra Mikraj
    const start = wib('2026-12-23T11:00:00');
    expect(addWorkingDays(start, 1, WIB, isHoliday)).toEqual(endWib('2026-12-28'));
    expect(addWorkingDays(start, 4, WIB, isHoliday)).toEqual(endWib('2026-12-31'));
    expect(addWorkingDays(start, 5, WIB, isHoliday)).toEqual(endWib('2027-01-04'));
    expect(addWorkingDays(start, 6, WIB, isHoliday)).toEqual(endWib('2027-01-06'));
  });

  it('n = 0 is the end of the receipt day', () => {
    expect(addWorkingDays(wib('2026-01-05T00:00:00'), 0, WIB, isHoliday)).toEqual(endWib('2026-01-05'));
    expect(addWorkingDays(wib('2026-01-05T23:59:59.999'), 0, WIB, isHoliday)).toEqual(endWib('2026-01-05'));
  });

  it('handles a whole year of working days', () => {
    const weekdayHolidays2026 = pack.filter((h) => h.date.startsWith('2026-') && ![0, 6].includes(dayOfWeek(h.date))).length;
    let weekdays = 0;
    for (let d = '2026-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) if (![0, 6].includes(dayOfWeek(d))) weekdays++;
    expect(weekdays).toBe(261);
    const working2026 = weekdays - weekdayHolidays2026;
    expect(working2026).toBe(261 - 21); // 17 national holidays + 8 cuti bersama, 4 of them on a weekend
    // received Wednesday 31 Dec 2025: the year's last working day (Thu 31 Dec 2026) is day number working2026
    const start = wib('2025-12-31T09:00:00');
    expect(addWorkingDays(start, working2026, WIB, isHoliday)).toEqual(endWib('2026-12-31'));
    expect(countWorkingDays(start, endWib('2026-12-31'), WIB, isHoliday)).toBe(working2026);
    expect(addWorkingDays(start, 1000, WIB, noHolidays)).toEqual(endWib('2029-10-31'));
  });

  it('rejects a negative or fractional n and invalid dates', () => {
    expect(() => addWorkingDays(wib('2026-01-05T10:00:00'), -1, WIB, isHoliday)).toThrow(RangeError);
    expect(() => addWorkingDays(wib('2026-01-05T10:00:00'), 1.5, WIB, isHoliday)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date('nope'), 1, WIB, isHoliday)).toThrow(RangeError);
    expect(() => addWorkingDays(wib('2026-01-05T10:00:00'), 1, WIB, () => true)).toThrow(/holiday data/);
  });
});

describe('countWorkingDays', () => {
  it('counts working days after the receipt day up to the local date of `to`', () => {
    const mon = wib('2026-01-05T10:00:00');
    expect(countWorkingDays(mon, wib('2026-01-05T23:00:00'), WIB, isHoliday)).toBe(0);
    expect(countWorkingDays(mon, wib('2026-01-06T00:30:00'), WIB, isHoliday)).toBe(1);
    expect(countWorkingDays(mon, wib('2026-01-10T12:00:00'), WIB, isHoliday)).toBe(4); // Saturday: Tue–Fri
    expect(countWorkingDays(mon, wib('2026-01-12T12:00:00'), WIB, isHoliday)).toBe(5);
    // backwards in time: minus the forward count
    expect(countWorkingDays(wib('2026-01-12T12:00:00'), mon, WIB, isHoliday)).toBe(-5);
    expect(countWorkingDays(wib('2026-01-10T12:00:00'), mon, WIB, isHoliday)).toBe(-4);
    // across Idul Fitri 2026: Tue 17 → Wed 25 March is one working day
    expect(countWorkingDays(wib('2026-03-17T08:00:00'), wib('2026-03-25T08:00:00'), WIB, isHoliday)).toBe(1);
    // from a weekend: receipt is Monday
    expect(countWorkingDays(wib('2026-01-03T08:00:00'), wib('2026-01-05T08:00:00'), WIB, isHoliday)).toBe(0);
    expect(countWorkingDays(wib('2026-01-03T08:00:00'), wib('2026-01-03T09:00:00'), WIB, isHoliday)).toBe(0);
    expect(countWorkingDays(wib('2026-01-03T09:00:00'), wib('2026-01-03T08:00:00'), WIB, isHoliday)).toBe(0);
    expect(countWorkingDays(wib('2026-01-03T08:00:00'), wib('2026-01-06T08:00:00'), WIB, isHoliday)).toBe(1);
  });

  it('agrees with addWorkingDays for many random starts (property)', () => {
    // deterministic pseudo-random numbers (mulberry32) so a failure can be reproduced
    let seed = 20260320;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const from = Date.parse('2024-12-20T00:00:00Z');
    const to = Date.parse('2027-12-31T00:00:00Z');
    const zones = [WIB, WITA, WIT];
    for (let i = 0; i < 2000; i++) {
      const start = new Date(from + Math.floor(rand() * (to - from)));
      const n = Math.floor(rand() * (i % 10 === 0 ? 400 : 25));
      const tz = zones[i % 3];
      const due = addWorkingDays(start, n, tz, isHoliday);
      const ctx = `start=${start.toISOString()} n=${n} tz=${tz}`;
      expect(countWorkingDays(start, due, tz, isHoliday), ctx).toBe(n);
      // the deadline is the last millisecond of a working day, never before the start
      expect(isWorkingDate(localDate(due, tz), isHoliday), ctx).toBe(true);
      expect(localDate(new Date(due.getTime() + 1), tz), ctx).not.toBe(localDate(due, tz));
      expect(due.getTime(), ctx).toBeGreaterThan(start.getTime());
      // one more working day is strictly later, and counts one more
      const next = addWorkingDays(start, n + 1, tz, isHoliday);
      expect(next.getTime(), ctx).toBeGreaterThan(due.getTime());
      expect(countWorkingDays(start, next, tz, isHoliday), ctx).toBe(n + 1);
      // the moment just before the deadline's day is still only n - 1 working days in
      if (n > 0) expect(countWorkingDays(start, startOfLocalDay(localDate(due, tz), tz), tz, isHoliday) , ctx).toBe(n);
      if (n > 0) expect(countWorkingDays(start, new Date(startOfLocalDay(localDate(due, tz), tz).getTime() - 1), tz, isHoliday), ctx).toBe(n - 1);
    }
  });
});
