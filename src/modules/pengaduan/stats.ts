// Per-unit figures, each with its count so a unit with 2 reports is not read like one with 2,000:
// reports received, answered within the deadline (first response by verify_due_at, % of the reports
// whose deadline has come — a report still inside its deadline counts neither way), median time
// to first response and median time to resolution (hours). Medians in JS: portable over PGlite and
// PostgreSQL, and the rows of one period and unit tree are few.
import type { AppContext } from '../../platform/http/context.ts';
import type { StatQuery } from '../../platform/module.ts';

export interface UnitFigures {
  unitId: number; unitName: string;
  received: number;
  answered: number; answeredOnTime: number;
  /** reports answered, or past their deadline unanswered: the base of onTimePct */
  dueCount: number; onTimePct: number | null;
  firstResponseMedianHours: number | null; firstResponseCount: number;
  resolutionMedianHours: number | null; resolutionCount: number;
}

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const HOUR = 3600_000;
const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

export async function unitFigures(ctx: Pick<AppContext, 'db' | 'clock'>, q: StatQuery & { channel?: string }): Promise<UnitFigures[]> {
  const now = ctx.clock.now();
  let sel = ctx.db.selectFrom('pengaduan_complaints as c').innerJoin('units as u', 'u.id', 'c.routed_unit_id')
    .select(['c.routed_unit_id', 'u.name', 'c.created_at', 'c.verify_due_at', 'c.first_response_at', 'c.resolved_at'])
    .where('c.created_at', '>=', q.from).where('c.created_at', '<', q.to);
  if (q.channel) sel = sel.where('c.channel', '=', q.channel as never);
  if (q.unitId !== undefined) {
    const root = await ctx.db.selectFrom('units').select('path').where('id', '=', q.unitId).executeTakeFirst();
    if (!root) return [];
    sel = sel.where('u.path', 'like', `${root.path}%`);
  }
  const rows = await sel.execute();
  const by = new Map<number, typeof rows>();
  for (const r of rows) by.set(r.routed_unit_id, [...(by.get(r.routed_unit_id) ?? []), r]);
  return [...by.entries()].map(([unitId, rs]) => {
    const answered = rs.filter((r) => r.first_response_at);
    const onTime = answered.filter((r) => !r.verify_due_at || r.first_response_at! <= r.verify_due_at);
    const due = rs.filter((r) => r.first_response_at || (r.verify_due_at && r.verify_due_at <= now));
    const first = answered.map((r) => (r.first_response_at!.getTime() - r.created_at.getTime()) / HOUR);
    const resolved = rs.filter((r) => r.resolved_at).map((r) => (r.resolved_at!.getTime() - r.created_at.getTime()) / HOUR);
    return {
      unitId, unitName: rs[0].name, received: rs.length, answered: answered.length, answeredOnTime: onTime.length, dueCount: due.length,
      onTimePct: due.length ? Math.round((onTime.length / due.length) * 1000) / 10 : null,
      firstResponseMedianHours: round1(median(first)), firstResponseCount: first.length,
      resolutionMedianHours: round1(median(resolved)), resolutionCount: resolved.length,
    };
  }).sort((a, b) => b.received - a.received || a.unitName.localeCompare(b.unitName));
}

export const pengaduanStats = {
  'pengaduan.received': {
    label: 'pengaduan.stats.received',
    compute: async (ctx: AppContext, q: StatQuery) => (await unitFigures(ctx, q)).reduce((n, u) => n + u.received, 0),
  },
  'pengaduan.on_time': {
    label: 'pengaduan.stats.on_time',
    compute: async (ctx: AppContext, q: StatQuery) => (await unitFigures(ctx, q)).reduce((n, u) => n + u.answeredOnTime, 0),
  },
  // which door each report came through (web, call center, counter, SMS, WhatsApp, social media, email, Open311, LAPOR!)
  'pengaduan.received_per_channel': {
    label: 'pengaduan.stats.received_per_channel',
    compute: async (ctx: AppContext, q: StatQuery) => {
      let sel = ctx.db.selectFrom('pengaduan_complaints as c').innerJoin('units as u', 'u.id', 'c.routed_unit_id')
        .select(['c.channel', (eb) => eb.fn.countAll<string>().as('n')]).where('c.created_at', '>=', q.from).where('c.created_at', '<', q.to).groupBy('c.channel').orderBy('c.channel');
      if (q.unitId !== undefined) {
        const root = await ctx.db.selectFrom('units').select('path').where('id', '=', q.unitId).executeTakeFirst();
        if (!root) return [];
        sel = sel.where('u.path', 'like', `${root.path}%`);
      }
      return (await sel.execute()).map((r) => ({ label: r.channel, value: Number(r.n) }));
    },
  },
  'pengaduan.received_per_unit': {
    label: 'pengaduan.stats.received_per_unit',
    compute: async (ctx: AppContext, q: StatQuery) => (await unitFigures(ctx, q)).map((u) => ({ label: u.unitName, value: u.received })),
  },
};
