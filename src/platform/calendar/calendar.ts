// The working-day calendar backed by the `holidays` table and the region's time zone. The whole
// table is small (about 30 rows a year), so each process keeps all of it in memory: an admin edit in
// this process calls invalidate(); other copies behind the load balancer pick it up within TTL_MS.
import type { DB } from '../db/index.ts';
import type { HolidayKind } from './holidays.ts';
import * as wd from './working-days.ts';

export interface HolidayRow {
  date: string;
  name: string;
  kind: HolidayKind;
  provisional: boolean;
  source: string;
}

export interface Calendar {
  /** Deadline: end (23:59:59.999 local) of the n-th working day after the receipt day of `start`. */
  addWorkingDays(start: Date, n: number): Promise<Date>;
  /** Working days after from's receipt day up to to's local date (see working-days.ts). */
  countWorkingDays(from: Date, to: Date): Promise<number>;
  /** A Date is read in the region's time zone; a string is a calendar date YYYY-MM-DD. */
  isWorkingDay(day: Date | string): Promise<boolean>;
  /** The year's holidays and cuti bersama, in date order. */
  holidaysInYear(year: number): Promise<HolidayRow[]>;
  /** The region's time zone, e.g. 'Asia/Jakarta'. */
  timeZone(): Promise<string>;
  /** Drop the cached copy (call after changing `holidays` or the region's time zone). */
  invalidate(): void;
}

export const CALENDAR_TTL_MS = 60_000;
const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

interface Snapshot {
  at: number;
  timeZone: string;
  rows: HolidayRow[];
  dates: Set<string>;
}

export function createCalendar(db: DB, opts: { ttlMs?: number } = {}): Calendar {
  const ttl = opts.ttlMs ?? CALENDAR_TTL_MS;
  let snapshot: Snapshot | undefined;
  let loading: { gen: number; promise: Promise<Snapshot> } | undefined;

  const load = async (): Promise<Snapshot> => {
    const [rows, region] = await Promise.all([
      db.selectFrom('holidays').select(['date', 'name', 'kind', 'provisional', 'source']).orderBy('date').execute(),
      db.selectFrom('region').select('time_zone').executeTakeFirst(),
    ]);
    return { at: Date.now(), timeZone: region?.time_zone || DEFAULT_TIME_ZONE, rows, dates: new Set(rows.map((r) => r.date)) };
  };

  // bumped by invalidate(): a load that started before an edit must not be cached after it
  let generation = 0;
  const get = async (): Promise<Snapshot> => {
    if (snapshot && Date.now() - snapshot.at < ttl) return snapshot;
    const gen = generation;
    // one query for all callers arriving while it runs
    if (!loading || loading.gen !== gen) {
      const p = load().finally(() => {
        if (loading?.promise === p) loading = undefined;
      });
      loading = { gen, promise: p };
    }
    const s = await loading.promise;
    if (gen === generation) snapshot = s;
    return s;
  };

  const holidayFn = (s: Snapshot): wd.IsHoliday => (d) => s.dates.has(d);

  return {
    async addWorkingDays(start, n) {
      const s = await get();
      return wd.addWorkingDays(start, n, s.timeZone, holidayFn(s));
    },
    async countWorkingDays(from, to) {
      const s = await get();
      return wd.countWorkingDays(from, to, s.timeZone, holidayFn(s));
    },
    async isWorkingDay(day) {
      const s = await get();
      const date = typeof day === 'string' ? day : wd.localDate(day, s.timeZone);
      return wd.isWorkingDate(date, holidayFn(s));
    },
    async holidaysInYear(year) {
      const s = await get();
      const prefix = `${String(year).padStart(4, '0')}-`;
      return s.rows.filter((r) => r.date.startsWith(prefix)).map((r) => ({ ...r }));
    },
    async timeZone() {
      return (await get()).timeZone;
    },
    invalidate() {
      generation++;
      snapshot = undefined;
    },
  };
}
