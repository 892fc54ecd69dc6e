// What a backup needs to know about the schema, read from pg_catalog rather than hard-coded, so that a
// table a module adds later is backed up and restored without touching this module.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';

/** Kysely's migration lock: a row that belongs to the running migrator, never to the data. */
export const LOCK_TABLE = 'gapura_migrations_lock';
export const MIGRATIONS_TABLE = 'gapura_migrations';

export interface ColumnInfo {
  name: string;
  /** format_type(): 'bigint', 'timestamp with time zone', 'numeric(10,2)', 'text[]', … */
  type: string;
  notNull: boolean;
}

export interface TableInfo {
  name: string;
  /** stored columns in attnum order; generated columns are left out (the database recomputes them) */
  columns: ColumnInfo[];
  primaryKey: string[];
}

export interface ForeignKey {
  table: string;
  columns: string[];
  refTable: string;
}

export interface Catalog {
  tables: Map<string, TableInfo>;
  foreignKeys: ForeignKey[];
  /** enabled, non-internal triggers: table → trigger names */
  triggers: Map<string, string[]>;
  sequences: string[];
}

/** Double-quoted identifier, for the few places a name goes into SQL text (format_type, regclass). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export async function readCatalog(db: Executor): Promise<Catalog> {
  const tables = new Map<string, TableInfo>();
  const { rows: tableRows } = await sql<{ name: string }>`
    select c.relname as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition and c.relname <> ${LOCK_TABLE}
    order by c.relname`.execute(db);
  for (const t of tableRows) tables.set(t.name, { name: t.name, columns: [], primaryKey: [] });

  const { rows: columnRows } = await sql<{ table: string; name: string; type: string; not_null: boolean }>`
    select c.relname as table, a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null
    from pg_attribute a
      join pg_class c on c.oid = a.attrelid
      join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    order by c.relname, a.attnum`.execute(db);
  for (const c of columnRows) tables.get(c.table)?.columns.push({ name: c.name, type: c.type, notNull: c.not_null });

  const { rows: pkRows } = await sql<{ table: string; column: string }>`
    select c.relname as table, a.attname as column
    from pg_index i
      join pg_class c on c.oid = i.indrelid
      join pg_namespace n on n.oid = c.relnamespace
      cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
      join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where i.indisprimary and n.nspname = 'public'
    order by c.relname, k.ord`.execute(db);
  for (const p of pkRows) tables.get(p.table)?.primaryKey.push(p.column);

  // column lists come back as JSON text: array types are parsed differently by pg and PGlite
  const { rows: fkRows } = await sql<{ table: string; ref_table: string; columns: string }>`
    select cl.relname as table, rf.relname as ref_table,
      (select json_agg(a.attname order by k.ord) from unnest(co.conkey) with ordinality as k(attnum, ord)
         join pg_attribute a on a.attrelid = co.conrelid and a.attnum = k.attnum)::text as columns
    from pg_constraint co
      join pg_class cl on cl.oid = co.conrelid
      join pg_class rf on rf.oid = co.confrelid
      join pg_namespace n on n.oid = cl.relnamespace
    where co.contype = 'f' and n.nspname = 'public'
    order by cl.relname, co.conname`.execute(db);
  const foreignKeys = fkRows
    .filter((f) => tables.has(f.table) && tables.has(f.ref_table))
    .map((f) => ({ table: f.table, refTable: f.ref_table, columns: JSON.parse(f.columns) as string[] }));

  const triggers = new Map<string, string[]>();
  const { rows: trgRows } = await sql<{ table: string; name: string }>`
    select cl.relname as table, t.tgname as name
    from pg_trigger t join pg_class cl on cl.oid = t.tgrelid join pg_namespace n on n.oid = cl.relnamespace
    where not t.tgisinternal and t.tgenabled <> 'D' and n.nspname = 'public' and cl.relkind in ('r', 'p')
    order by cl.relname, t.tgname`.execute(db);
  for (const t of trgRows) triggers.set(t.table, [...(triggers.get(t.table) ?? []), t.name]);

  const { rows: seqRows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'S' order by c.relname`.execute(db);

  return { tables, foreignKeys, triggers, sequences: seqRows.map((s) => s.name) };
}

/**
 * Tables ordered so that a table comes after the tables it references (Kahn's algorithm, ties by
 * name so the order is stable). A self-reference or a cycle cannot be ordered away; restore handles
 * those references in a second pass (see service.ts).
 */
export function dependencyOrder(tables: string[], fks: ForeignKey[]): string[] {
  const deps = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const fk of fks) if (fk.table !== fk.refTable && deps.has(fk.table) && deps.has(fk.refTable)) deps.get(fk.table)!.add(fk.refTable);
  const done = new Set<string>();
  const order: string[] = [];
  const remaining = [...tables].sort();
  while (remaining.length) {
    let i = remaining.findIndex((t) => [...deps.get(t)!].every((d) => done.has(d)));
    if (i < 0) i = 0; // a cycle: take the first by name
    const [t] = remaining.splice(i, 1);
    done.add(t);
    order.push(t);
  }
  return order;
}

/** Session settings under which every value's text form is exact and reads back identically. */
export async function setExactTextFormats(tx: Executor): Promise<void> {
  await sql`select set_config('timezone', 'UTC', true), set_config('datestyle', 'ISO, YMD', true),
    set_config('intervalstyle', 'postgres', true), set_config('bytea_output', 'hex', true),
    set_config('extra_float_digits', '3', true)`.execute(tx);
}
