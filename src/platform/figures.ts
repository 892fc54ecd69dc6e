// What modules offer to the rest of the platform as data: named statistics per unit and period
// (manifest `stats`; the evaluation dashboards read them) and open-data datasets (manifest
// `exports`; the open-data module publishes them as CSV and JSON). Both are checked here so that
// a module cannot hand out a figure or a row of the wrong shape.
import type { AppContext } from './http/context.ts';
import type { DatasetField, DatasetSpec, GapuraModule, StatQuery, StatRow, StatSpec } from './module.ts';

export class FigureError extends Error {}

function find<T>(modules: GapuraModule[], pick: (m: GapuraModule) => Record<string, T> | undefined, name: string): { module: string; spec: T } | undefined {
  for (const m of modules) {
    const spec = pick(m)?.[name];
    if (spec) return { module: m.id, spec };
  }
  return undefined;
}

// --- statistics -----------------------------------------------------------------------------------

export function listStats(ctx: AppContext): { name: string; module: string; label: string }[] {
  return ctx.modules.flatMap((m) => Object.entries(m.stats ?? {}).map(([name, s]) => ({ name, module: m.id, label: s.label })));
}

/** One figure for a unit (and everything below it) or the whole region, over [from, to). */
export async function computeStat(ctx: AppContext, name: string, q: StatQuery): Promise<{ name: string; label: string; value: number | StatRow[] }> {
  const found = find<StatSpec>(ctx.modules, (m) => m.stats, name);
  if (!found) throw new FigureError(`no statistic ${name} in this build`);
  if (!(q.from instanceof Date) || !(q.to instanceof Date) || Number.isNaN(+q.from) || Number.isNaN(+q.to) || q.from >= q.to)
    throw new FigureError(`statistic ${name}: the period must be two dates, from before to`);
  if (q.unitId !== undefined && !Number.isSafeInteger(q.unitId)) throw new FigureError(`statistic ${name}: unitId must be an integer`);
  const value = await found.spec.compute(ctx, q);
  const ok =
    (typeof value === 'number' && Number.isFinite(value)) ||
    (Array.isArray(value) && value.every((r) => r && typeof r.label === 'string' && typeof r.value === 'number' && Number.isFinite(r.value)));
  if (!ok) throw new FigureError(`statistic ${name} of module ${found.module} returned neither a number nor [{label, value}] rows`);
  return { name, label: found.spec.label, value };
}

// --- open-data datasets -----------------------------------------------------------------------------

export function listDatasets(ctx: AppContext): ({ name: string; module: string } & Omit<DatasetSpec, 'rows'>)[] {
  return ctx.modules.flatMap((m) =>
    Object.entries(m.exports ?? {}).map(([name, d]) => ({ name, module: m.id, title: d.title, description: d.description, fields: d.fields, owner: d.owner })),
  );
}

type Cell = string | number | boolean | null;

function cell(field: DatasetField, v: unknown): Cell | undefined {
  if (v === null || v === undefined) return null;
  switch (field.type) {
    case 'string':
      return typeof v === 'string' ? v : undefined;
    case 'integer':
      if (typeof v === 'string' && /^-?\d+$/.test(v)) v = Number(v); // bigint columns arrive as strings
      return Number.isSafeInteger(v) ? (v as number) : undefined;
    case 'number':
      if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) v = Number(v); // numeric columns too
      return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    case 'boolean':
      return typeof v === 'boolean' ? v : undefined;
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
    case 'datetime':
      if (v instanceof Date && !Number.isNaN(+v)) return v.toISOString();
      return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : undefined;
  }
}

/** A dataset's rows, each checked against its fields (exactly those, of those types); values are
 *  normalised to JSON (integers as numbers, datetimes as ISO strings). */
export async function datasetRows(ctx: AppContext, name: string): Promise<Record<string, Cell>[]> {
  const found = find<DatasetSpec>(ctx.modules, (m) => m.exports, name);
  if (!found) throw new FigureError(`no dataset ${name} in this build`);
  const { fields } = found.spec;
  const names = new Set(fields.map((f) => f.name));
  const rows = await found.spec.rows(ctx);
  return rows.map((row, i) => {
    const extra = Object.keys(row).filter((k) => !names.has(k));
    if (extra.length) throw new FigureError(`dataset ${name}, row ${i + 1}: undeclared field(s) ${extra.join(', ')}`);
    const out: Record<string, Cell> = {};
    for (const f of fields) {
      const v = cell(f, row[f.name]);
      if (v === undefined) throw new FigureError(`dataset ${name}, row ${i + 1}: ${f.name} is not a ${f.type}`);
      out[f.name] = v;
    }
    return out;
  });
}

/** RFC 4180 CSV (CRLF, quoted where needed). Text that a spreadsheet would run as a formula
 *  (=, +, -, @ at the start) gets a leading apostrophe; numbers are written as they are. */
export function toCsv(fields: DatasetField[], rows: Record<string, Cell>[]): string {
  const text = (f: DatasetField, v: Cell): string => {
    if (v === null) return '';
    let s = String(v);
    if (f.type === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [fields.map((f) => text({ name: '', type: 'string' }, f.name)).join(',')];
  for (const r of rows) lines.push(fields.map((f) => text(f, r[f.name] ?? null)).join(','));
  return lines.join('\r\n') + '\r\n';
}
