// Statistics and open-data datasets from manifests: computed per unit and period, checked for
// their shape, written as CSV. The calendar's holidays are a real dataset of this build.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unitsForTest, type TestApp } from '../helpers.ts';
import { modules } from '../../src/modules/index.ts';
import { defineModule } from '../../src/platform/module.ts';
import { computeStat, datasetRows, FigureError, listDatasets, listStats, toCsv } from '../../src/platform/figures.ts';
import { recordAudit, systemActor } from '../../src/platform/audit/audit.ts';

/** audited changes per unit subtree and period: a figure computed with real SQL */
const parks = defineModule({
  id: 'parks',
  stats: {
    'parks.changes': {
      label: 'parks.stat.changes',
      async compute(ctx, q) {
        let query = ctx.db
          .selectFrom('audit_log as a')
          .leftJoin('units as u', 'u.id', 'a.unit_id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('a.action', 'like', 'parks.%')
          .where('a.at', '>=', q.from)
          .where('a.at', '<', q.to);
        if (q.unitId !== undefined) {
          const unit = await ctx.db.selectFrom('units').select('path').where('id', '=', q.unitId).executeTakeFirstOrThrow();
          query = query.where('u.path', 'like', `${unit.path}%`);
        }
        return Number((await query.executeTakeFirstOrThrow()).n);
      },
    },
    'parks.by_action': {
      label: 'parks.stat.by_action',
      async compute(ctx, q) {
        const rows = await sql<{ label: string; value: number }>`select action as label, count(*)::int as value from audit_log
          where action like 'parks.%' and at >= ${q.from} and at < ${q.to} group by action order by action`.execute(ctx.db);
        return rows.rows;
      },
    },
    'parks.broken': { label: 'parks.stat.broken', compute: () => Promise.resolve(Number.NaN) },
  },
  exports: {
    'parks.bad': { title: 'parks.bad', fields: [{ name: 'n', type: 'integer' }], rows: () => Promise.resolve([{ n: 1.5 }]) },
    'parks.extra': { title: 'parks.extra', fields: [{ name: 'n', type: 'integer' }], rows: () => Promise.resolve([{ n: 1, nik: '1671…' }]) },
  },
});

let t: TestApp;
let u: Record<'kec' | 'kelX' | 'kelY', { id: number }>;
beforeAll(async () => {
  t = await createTestApp({ modules: [...modules, parks] });
  u = await unitsForTest(t);
  await t.ctx.db.transaction().execute(async (tx) => {
    for (const [action, unitId] of [['parks.opened', u.kelX.id], ['parks.opened', u.kelY.id], ['parks.closed', u.kelX.id]] as const)
      await recordAudit(tx, systemActor('test'), { action, subjectType: 'park', subjectId: '1', unitId, before: null, after: null });
  });
});
afterAll(() => t.close());

const hour = 3600_000;
const period = () => ({ from: new Date(Date.now() - hour), to: new Date(Date.now() + hour) });

describe('statistics', () => {
  it('computes a figure per unit subtree and period', async () => {
    expect(listStats(t.ctx).map((s) => s.name).filter((n) => n.startsWith('parks.'))).toEqual(['parks.changes', 'parks.by_action', 'parks.broken']);
    expect((await computeStat(t.ctx, 'parks.changes', period())).value).toBe(3);
    expect((await computeStat(t.ctx, 'parks.changes', { ...period(), unitId: u.kec.id })).value).toBe(3);
    expect((await computeStat(t.ctx, 'parks.changes', { ...period(), unitId: u.kelX.id })).value).toBe(2);
    expect((await computeStat(t.ctx, 'parks.changes', { from: new Date(Date.now() - 2 * hour), to: new Date(Date.now() - hour) })).value).toBe(0);
    expect((await computeStat(t.ctx, 'parks.by_action', period())).value).toEqual([
      { label: 'parks.closed', value: 1 },
      { label: 'parks.opened', value: 2 },
    ]);
  });

  it('refuses an unknown figure, a bad period and a result of the wrong shape', async () => {
    await expect(computeStat(t.ctx, 'parks.nope', period())).rejects.toThrow(/no statistic parks.nope/);
    await expect(computeStat(t.ctx, 'parks.changes', { from: new Date(), to: new Date(Date.now() - hour) })).rejects.toBeInstanceOf(FigureError);
    await expect(computeStat(t.ctx, 'parks.broken', period())).rejects.toThrow(/parks.broken of module parks returned neither/);
  });
});

describe('open-data datasets', () => {
  it("serves the calendar's holidays with their declared fields, as JSON rows and CSV", async () => {
    const d = listDatasets(t.ctx).find((x) => x.name === 'calendar.holidays')!;
    expect(d.fields.map((f) => f.name)).toEqual(['date', 'name', 'kind', 'provisional']);
    const rows = await datasetRows(t.ctx, 'calendar.holidays');
    expect(rows.length).toBeGreaterThan(0);
    const first = rows[0];
    expect(Object.keys(first)).toEqual(['date', 'name', 'kind', 'provisional']);
    expect(first.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect([typeof first.name, typeof first.kind, typeof first.provisional]).toEqual(['string', 'string', 'boolean']);
    const csv = toCsv(d.fields, rows);
    expect(csv.split('\r\n')[0]).toBe('date,name,kind,provisional');
    expect(csv.split('\r\n')).toHaveLength(rows.length + 2);
  });

  it("serves the contacts module's dataset and figures through the same checks", async () => {
    const rows = await datasetRows(t.ctx, 'contacts.emergency_contacts');
    expect(rows.some((r) => r.phone === '112')).toBe(true);
    const entries = (await computeStat(t.ctx, 'contacts.entries', period())).value;
    expect(entries).toBe(rows.length);
  });

  it('refuses rows of the wrong type or with undeclared fields', async () => {
    await expect(datasetRows(t.ctx, 'parks.bad')).rejects.toThrow(/parks.bad, row 1: n is not a integer/);
    await expect(datasetRows(t.ctx, 'parks.extra')).rejects.toThrow(/undeclared field\(s\) nik/);
  });

  it('quotes CSV where needed and keeps spreadsheet formulas inert', () => {
    const fields = [{ name: 'a', type: 'string' as const }, { name: 'n', type: 'number' as const }];
    expect(toCsv(fields, [{ a: 'Jl. "Merdeka", 1', n: -2.5 }, { a: '=HYPERLINK("x")', n: null }])).toBe(
      'a,n\r\n"Jl. ""Merdeka"", 1",-2.5\r\n"\'=HYPERLINK(""x"")",\r\n',
    );
  });
});
