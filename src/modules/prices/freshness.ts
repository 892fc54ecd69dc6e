// The freshness board and reminders of every module's items (platform/freshness), hosted here until
// an Informasi module exists: the daily job notifies the owning unit once per item per state
// (due soon, stale) and per update; /petugas/kesegaran shows per unit its items, the fresh share and
// the oldest stale one.
import { collectFreshness, freshnessOf, type FreshnessItem, type FreshnessState } from '../../platform/freshness/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { translator, formatDate } from '../../platform/i18n/index.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { sendMessage } from '../../platform/notify/notify.ts';
import * as repo from './repo.ts';

export const FRESHNESS_JOB = 'prices.freshness_check';
const DAY_MS = 24 * 3600 * 1000;

const title = (t: (k: string) => string, item: FreshnessItem) => {
  const s = t(item.title);
  return s === item.title || !s ? item.title : s;
};

/** Check every item once: a notice for each item that became due soon or stale since the last check. Returns how many were sent. */
export async function checkFreshness(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const items = await collectFreshness(ctx);
  const base = ctx.config.baseUrl.replace(/\/$/, '');
  let sent = 0;
  for (const item of items) {
    const f = await freshnessOf(ctx, item, now);
    if (f.state === 'fresh') continue;
    const state = f.state;
    const sentNow = await ctx.db.transaction().execute(async (tx) => {
      if (!(await repo.claimNotice(tx, item.key, state, item.updatedAt?.toISOString() ?? 'never'))) return 0;
      const tz = await ctx.calendar.timeZone();
      let n = 0;
      for (const r of await repo.unitRecipients(tx, item.unitId)) {
        const t = translator(r.locale);
        await sendMessage(tx, {
          channel: 'email', to: r.email, template: state === 'stale' ? 'prices.freshness_stale' : 'prices.freshness_due_soon', locale: r.locale,
          params: {
            title: title(t, item),
            date: item.updatedAt ? formatDate(r.locale, item.updatedAt, tz) : '-',
            due: f.due ? formatDate(r.locale, f.due, tz) : '-',
            url: `${base}${item.href}`,
          },
        });
        n++;
      }
      return n;
    });
    sent += sentNow;
  }
  return sent;
}

/** The daily job: check, then schedule the next run a day later (one pending run at a time). */
export async function freshnessJob(_payload: Record<string, unknown>, ctx: AppContext): Promise<void> {
  await checkFreshness(ctx);
  if ((await countPending(ctx)) <= 1) await enqueue(ctx.db, FRESHNESS_JOB, {}, { runAt: new Date(Date.now() + DAY_MS) });
}
// the running job itself is still pending: more than one means the next run is already scheduled
async function countPending(ctx: AppContext): Promise<number> {
  const r = await ctx.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('name', '=', FRESHNESS_JOB)
    .where('done_at', 'is', null).where('failed_at', 'is', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Seed: make sure the daily check is scheduled. */
export async function scheduleFreshness(ctx: AppContext): Promise<void> {
  if (!(await repo.pendingJob(ctx.db, FRESHNESS_JOB))) await enqueue(ctx.db, FRESHNESS_JOB, {}, { runAt: new Date(Date.now() + 60_000) });
}

export interface BoardItem extends FreshnessItem { module: string; state: FreshnessState; text: string }
export interface BoardUnit { unit: { id: number; code: string; name: string }; items: BoardItem[]; freshPercent: number; oldestStale?: BoardItem }

export async function freshnessBoard(ctx: AppContext, locale: 'id' | 'en'): Promise<BoardUnit[]> {
  const now = ctx.clock.now();
  const items: BoardItem[] = [];
  for (const i of await collectFreshness(ctx)) {
    const f = await freshnessOf(ctx, i, now, locale);
    items.push({ ...i, state: f.state, text: f.text });
  }
  const units = await repo.unitsByIds(ctx.db, [...new Set(items.map((i) => i.unitId))]);
  return units.map((unit) => {
    const own = items.filter((i) => i.unitId === unit.id);
    const stale = own.filter((i) => i.state === 'stale').sort((a, b) => (a.updatedAt?.getTime() ?? 0) - (b.updatedAt?.getTime() ?? 0));
    const fresh = own.filter((i) => i.state !== 'stale').length;
    return { unit, items: own, freshPercent: own.length ? Math.round((fresh / own.length) * 100) : 100, oldestStale: stale[0] };
  }).sort((a, b) => a.freshPercent - b.freshPercent || a.unit.name.localeCompare(b.unit.name));
}
