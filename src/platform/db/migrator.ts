// One migrator for platform and modules. The platform's migrations are named '000_platform_<nnn>_<what>'
// and run first; a module names its own LOCAL keys ('001_<what>', files in its migrations/ folder)
// and they are stored as '<module id>/001_<what>': two modules can never clash.
//
// Order: the platform, then each module in load order (modules/index.ts ordered by `requires`, so a
// migration may reference the tables of modules it requires), each module's in key order. Kysely
// runs pending migrations in name order, which is not that order, so migrate() runs one group at a
// time. A module added to a database that already ran others' migrations simply has its group run
// then (kysely's allowUnorderedMigrations: a name sorting before executed ones is not "corrupt").
import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { DB } from './index.ts';
import { platformMigrations } from './migrations/index.ts';
import type { GapuraModule } from '../module.ts';

export interface MigrationSet {
  /** every migration by stored name */
  all: Record<string, Migration>;
  /** groups in the order they run: the platform first, then one per module with migrations */
  groups: { owner: string; names: string[] }[];
}

/** The migrations of the platform and of these modules (in load order), duplicates refused. */
export function collectMigrations(modules: GapuraModule[]): MigrationSet {
  const all: Record<string, Migration> = { ...platformMigrations };
  const groups = [{ owner: 'platform', names: Object.keys(platformMigrations).sort() }];
  for (const m of modules) {
    const keys = Object.keys(m.migrations ?? {}).sort();
    if (!keys.length) continue;
    const names: string[] = [];
    for (const key of keys) {
      const name = `${m.id}/${key}`;
      if (name in all) throw new Error(`migration ${name} is declared twice (is module '${m.id}' listed twice?)`);
      all[name] = m.migrations![key]!;
      names.push(name);
    }
    groups.push({ owner: m.id, names });
  }
  return { all, groups };
}

function migrator(db: DB, migrations: Record<string, Migration>) {
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };
  return new Migrator({
    db,
    provider,
    migrationTableName: 'gapura_migrations',
    migrationLockTableName: 'gapura_migrations_lock',
    allowUnorderedMigrations: true,
  });
}

/** Apply pending migrations group by group; returns the names applied, in order. */
export async function migrate(db: DB, set: MigrationSet): Promise<string[]> {
  const executed = new Set(await renameLegacy(db, set, await executedNames(db)));
  const applied: string[] = [];
  const unknown = [...executed].filter((n) => !(n in set.all));
  if (unknown.length)
    throw new Error(`The database ran migrations no module of this build declares: ${unknown.join(', ')}. Was a module removed from src/modules/index.ts?`);
  const earlier: Record<string, Migration> = {};
  // every executed migration stays visible to each run (kysely refuses "missing" executed ones)
  for (const name of executed) earlier[name] = set.all[name]!;
  for (const g of set.groups) {
    for (const name of g.names) earlier[name] = set.all[name]!;
    if (g.names.every((n) => executed.has(n))) continue;
    const { error, results } = await migrator(db, { ...earlier }).migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error');
      throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? error}`);
    }
    applied.push(...(results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName));
  }
  return applied;
}

async function executedNames(db: DB): Promise<string[]> {
  const { rows } = await sql<{ t: string | null }>`select to_regclass('gapura_migrations')::text as t`.execute(db);
  if (!rows[0]?.t) return [];
  return (await sql<{ name: string }>`select name from gapura_migrations`.execute(db)).rows.map((r) => r.name);
}

/**
 * Before module migrations were namespaced they were stored under their key as written, either
 * '<order>_<module id>_<nnn>_<what>' (e.g. '100_accounts_001_verified_contacts') or a bare
 * '<nnn>_<what>' (e.g. '001_emergency_contacts'). A database that ran one under such a name has it
 * renamed to '<module id>/<nnn>_<what>' when this build declares it, instead of running it again.
 */
async function renameLegacy(db: DB, set: MigrationSet, executed: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const name of executed) {
    const m = /^\d{3}_([a-z][a-z0-9_]*)$/.exec(name);
    const candidates = m ? set.groups.flatMap((g) => g.names).filter((n) => {
      const [id, key] = n.split('/');
      return key !== undefined && (m[1] === `${id}_${key}` || name === key);
    }) : [];
    // a bare key two modules share cannot be told apart: leave it (the start then names it)
    const current = candidates.length === 1 ? candidates[0] : undefined;
    if (current && !executed.includes(current) && !(name in set.all)) {
      await sql`update gapura_migrations set name = ${current} where name = ${name}`.execute(db);
      out.push(current);
    } else out.push(name);
  }
  return out;
}
