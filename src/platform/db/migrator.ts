// One migrator for platform and modules. Each migration is named '<order>_<owner>_<nnn>_<what>' so that
// platform tables come first and every module's migrations run in their own order.
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { DB } from './index.ts';
import { platformMigrations } from './migrations/index.ts';

export async function migrate(db: DB, moduleMigrations: Record<string, Migration>) {
  const all = { ...platformMigrations, ...moduleMigrations };
  const provider: MigrationProvider = { getMigrations: async () => all };
  const migrator = new Migrator({ db, provider, migrationTableName: 'gapura_migrations', migrationLockTableName: 'gapura_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? error}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
