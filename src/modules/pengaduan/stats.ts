// Per-unit figures, each with its count so a unit with 2 reports is not read like one with 2,000:
// reports received, answered within the deadline (first response by verify_due_at, % of the reports
// whose deadline has come — a report still inside its deadline counts neither way), median time
// to first response and median time to resolution (hours). Aggregated in SQL (percentile_cont is the
// same median on PGlite and PostgreSQL); median() stays for callers that hold the values.
import { sql } from 'kysely';
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

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

export async function unitFigures(ctx: Pick<AppContext, 'db' | 'clock'>, q: StatQuery & { channel?: string }): Promise<UnitFigures[]> {
  const now = ctx.clock.now();
  // aggregated in the database (one row per unit, not one per report: a year of a big city is
  // hundreds of thousands of reports), from the covering index on created_at (002_scale_indexes)
  const firstH = sql<number>`extract(epoch from (c.first_response_at - c.created_at)) / 3600`;
  const resolvedH = sql<number>`extract(epoch from (c.resolved_at - c.created_at)) / 3600`;
  let sel = ctx.db.selectFrom('pengaduan_complaints as c').innerJoin('units as u', 'u.id', 'c.routed_unit_id')
    .select([
      'c.routed_unit_id', 'u.name',
      sql<string>`count(*)`.as('received'),
      sql<string>`count(c.first_response_at)`.as('answered'),
      sql<string>`count(*) filter (where c.first_response_at is not null and (c.verify_due_at is null or c.first_response_at <= c.verify_due_at))`.as('on_time'),
      sql<string>`count(*) filter (where c.first_response_at is not null or c.verify_due_at <= ${now})`.as('due'),
      sql<number | null>`percentile_cont(0.5) within group (order by ${firstH}) filter (where c.first_response_at is not null)`.as('first_median'),
      sql<string>`count(c.resolved_at)`.as('resolved'),
      sql<number | null>`percentile_cont(0.5) within group (order by ${resolvedH}) filter (where c.resolved_at is not null)`.as('resolution_median'),
    ])
    .where('c.created_at', '>=', q.from).where('c.created_at', '<', q.to)
    .groupBy(['c.routed_unit_id', 'u.name']);
  if (q.channel) sel = sel.where('c.channel', '=', q.channel as never);
  if (q.unitId !== undefined) {
    const root = await ctx.db.selectFrom('units').select('path').where('id', '=', q.unitId).executeTakeFirst();
    if (!root) return [];
    sel = sel.where('u.path', 'like', `${root.path}%`);
  }
  const rows = await sel.execute();
  return rows.map((r) => {
    const due = Number(r.due), onTime = Number(r.on_time);
    return {
      unitId: Number(r.routed_unit_id), unitName: r.name, received: Number(r.received), answered: Number(r.answered), answeredOnTime: onTime, dueCount: due,
      onTimePct: due ? Math.round((onTime / due) * 1000) / 10 : null,
      firstResponseMedianHours: round1(r.first_median === null ? null : Number(r.first_median)), firstResponseCount: Number(r.answered),
      resolutionMedianHours: round1(r.resolution_median === null ? null : Number(r.resolution_median)), resolutionCount: Number(r.resolved),
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
