// Freshness: every piece of public information has an owner unit and an update cadence. A module
// lists its items in the manifest's `freshness(ctx)`; freshnessOf() says whether one is fresh, due
// soon or stale, with the "Diperbarui <date>" / "belum diperbarui sejak …" text, computed with
// ctx.clock (tests move it) and ctx.calendar (working days, holidays, the region's time zone).
import type { AppContext } from '../http/context.ts';
import { formatDate, translator, type Locale } from '../i18n/index.ts';

/** How often an item must be updated: every n working days (prices) or every n calendar days. */
export type Cadence = { workingDays: number } | { days: number };

export interface FreshnessItem {
  /** stable and unique across modules: '<module id>.<what>' ('prices.table.16.71.opd.disperindag') */
  key: string;
  /** i18n key or plain text */
  title: string;
  /** the unit that keeps it current (notified when it is about to go stale, and when it is) */
  unitId: number;
  /** last update; null = never filled in (stale) */
  updatedAt: Date | null;
  cadence: Cadence;
  /** the public page showing it */
  href: string;
}

export type FreshnessState = 'fresh' | 'due_soon' | 'stale';

export interface Freshness {
  state: FreshnessState;
  /** the end of the period in which it counts as current; null when never updated */
  due: Date | null;
  /** "Diperbarui 3 Maret 2026" / "… belum diperbarui sejak 3 Maret 2026." in `locale` */
  text: string;
}

const DAY_MS = 24 * 3600 * 1000;

/** When an item updated at `updatedAt` stops being current. Working days: the end of the n-th working
 *  day after the update's receipt day (a Friday update lasts until Monday night); days: n × 24 h. */
export async function dueOf(ctx: Pick<AppContext, 'calendar'>, updatedAt: Date, cadence: Cadence): Promise<Date> {
  if ('workingDays' in cadence) return ctx.calendar.addWorkingDays(updatedAt, cadence.workingDays);
  return new Date(updatedAt.getTime() + cadence.days * DAY_MS);
}

/** How long before `due` an item is "due soon": the last working day itself, or a seventh of the
 *  period (at least a day) for calendar-day cadences. */
function dueSoonFrom(due: Date, cadence: Cadence): Date {
  if ('workingDays' in cadence) {
    // the due day's start in the region's time zone: end of day minus 24 h, plus 1 ms
    return new Date(due.getTime() - DAY_MS + 1);
  }
  return new Date(due.getTime() - Math.max(1, Math.ceil(cadence.days / 7)) * DAY_MS);
}

export async function freshnessOf(
  ctx: Pick<AppContext, 'calendar' | 'clock'>,
  item: Pick<FreshnessItem, 'updatedAt' | 'cadence'>,
  now: Date = ctx.clock.now(),
  locale: Locale = 'id',
): Promise<Freshness> {
  const t = translator(locale);
  if (!item.updatedAt) return { state: 'stale', due: null, text: t('freshness.never') };
  const tz = await ctx.calendar.timeZone();
  const date = formatDate(locale, item.updatedAt, tz);
  const due = await dueOf(ctx, item.updatedAt, item.cadence);
  if (now.getTime() > due.getTime()) return { state: 'stale', due, text: t('freshness.stale', { date }) };
  if (now.getTime() >= dueSoonFrom(due, item.cadence).getTime())
    return { state: 'due_soon', due, text: t('freshness.due_soon', { date, due: formatDate(locale, due, tz) }) };
  return { state: 'fresh', due, text: t('freshness.updated', { date }) };
}

/** Every installed module's items (a module whose listing fails is logged and skipped). */
export async function collectFreshness(ctx: AppContext): Promise<(FreshnessItem & { module: string })[]> {
  const out: (FreshnessItem & { module: string })[] = [];
  for (const m of ctx.modules) {
    if (!m.freshness) continue;
    try {
      for (const item of await m.freshness(ctx)) out.push({ ...item, module: m.id });
    } catch (e) {
      ctx.log.error('freshness listing failed', { module: m.id, error: String((e as Error)?.message ?? e) });
    }
  }
  return out;
}

/** Menus: a section with no current content is hidden, never a blank page. True when at least one of
 *  the items has content (an update) that is not stale. */
export async function hasCurrentContent(ctx: Pick<AppContext, 'calendar' | 'clock'>, items: Pick<FreshnessItem, 'updatedAt' | 'cadence'>[]): Promise<boolean> {
  const now = ctx.clock.now();
  for (const i of items) if (i.updatedAt && (await freshnessOf(ctx, i, now)).state !== 'stale') return true;
  return false;
}

/**
 * A menu entry's `when` for a section that may have nothing to show: `visible()` is synchronous (the
 * layout calls it) and answers the last result of `check`, refreshed in the background once it is
 * older than `ttlMs`; call `refresh()` after a change in this process (and once in the seed).
 */
export function contentFlag(check: (ctx: AppContext) => Promise<boolean>, ttlMs = 60_000) {
  let value = false;
  let at = 0;
  let ctxRef: AppContext | undefined;
  let running: Promise<void> | undefined;
  const refresh = (ctx: AppContext = ctxRef!): Promise<void> => {
    ctxRef = ctx;
    running ??= check(ctx)
      .then((v) => { value = v; at = Date.now(); })
      .catch((e: unknown) => { ctx.log.warn('content check failed', { error: String((e as Error)?.message ?? e) }); })
      .finally(() => { running = undefined; });
    return running;
  };
  return {
    visible(): boolean {
      if (ctxRef && Date.now() - at > ttlMs) void refresh();
      return value;
    },
    refresh,
  };
}
