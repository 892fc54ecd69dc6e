import type { Config } from '../config.ts';
import type { DB, DatabaseKind, DatabaseHandle } from '../db/index.ts';
import type { GapuraModule } from '../module.ts';
import type { Actor } from '../access/can.ts';
import type { Locale, Translate } from '../i18n/index.ts';
import type { Logger } from '../log.ts';
import type { RegionInfo } from '../region/region.ts';
import type { Calendar } from '../calendar/calendar.ts';
import type { Clock } from '../clock.ts';

/** What the whole process shares: built once in main.ts (or per test). */
export interface AppContext {
  config: Config;
  db: DB;
  dbKind: DatabaseKind;
  database: DatabaseHandle;
  modules: GapuraModule[];
  log: Logger;
  /** the region and its branding, cached briefly (see region/region.ts) */
  region: (() => Promise<RegionInfo>) & { invalidate?: () => void };
  /** working days (holidays, cuti bersama, the region's time zone), cached (see calendar/calendar.ts) */
  calendar: Calendar;
  /** the time for deadlines and freshness: use ctx.clock.now(), not new Date() (tests move it) */
  clock: Clock;
}

export interface SessionInfo {
  idHash: string;
  userId: number | null;
  state: string;
  data: Record<string, unknown>;
}

/** Per-request values (c.get(...)). */
export type Env = {
  Variables: {
    app: AppContext;
    requestId: string;
    locale: Locale;
    t: Translate;
    actor: Actor;
    session: SessionInfo | null;
    csrfToken: string;
    /** set by the CSRF guard once this unsafe request's token was verified (body readers may rely on it) */
    csrfChecked: boolean;
    region: RegionInfo;
  };
};
