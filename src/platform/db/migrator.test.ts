// Module migrations: namespaced per module, ordered by `requires`, duplicates refused, and a module
// added to a database that already ran others' migrations migrates cleanly. PGlite in memory, or a
// throwaway PostgreSQL database when DATABASE_URL is set.
import { sql, type Kysely, type Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './index.ts';
import { collectMigrations, migrate } from './migrator.ts';
import { platformMigrations } from './migrations/index.ts';
import { defineModule, type GapuraModule } from '../module.ts';
import { loadModules } from '../modules.ts';
import { throwawayDatabaseUrl } from '../../../test/helpers.ts';

const table = (name: string, ref?: string): Migration => ({
  async up(db: Kysely<unknown>) {
    await sql`create table ${sql.id(name)} (id int primary key${ref ? sql` references ${sql.id(ref)}(id)` : sql``})`.execute(db);
  },
});

let open: { h: DatabaseHandle; drop?: () => Promise<void> }[] = [];
async function database() {
  const pg = await throwawayDatabaseUrl();
  const h = await openDatabase({ databaseUrl: pg?.url, pgliteDir: 'memory://' });
  open.push({ h, drop: pg ? () => pg.drop() : undefined });
  return h.db;
}
afterEach(async () => {
  for (const o of open) {
    await o.h.close();
    await o.drop?.();
  }
  open = [];
});

const names = async (db: Awaited<ReturnType<typeof database>>) =>
  (await sql<{ name: string }>`select name from gapura_migrations order by timestamp, name`.execute(db)).rows.map((r) => r.name);

describe('collectMigrations', () => {
  it('stores a module migration under its module id, after the platform', () => {
    const m = defineModule({ id: 'parks', migrations: { '002_b': table('b'), '001_a': table('a') } });
    const set = collectMigrations([m]);
    expect(set.groups.map((g) => g.owner)).toEqual(['platform', 'parks']);
    expect(set.groups[1]?.names).toEqual(['parks/001_a', 'parks/002_b']);
    expect(Object.keys(set.all)).toEqual([...Object.keys(platformMigrations), 'parks/001_a', 'parks/002_b']);
  });

  it('refuses a migration name declared twice', () => {
    const m = defineModule({ id: 'parks', migrations: { '001_a': table('a') } });
    expect(() => collectMigrations([m, m])).toThrow(/migration parks\/001_a is declared twice/);
  });
});

describe('migrate', () => {
  it('runs a required module’s migrations first, whatever the list order and the names', async () => {
    const db = await database();
    // 'alpha' sorts first by name but references zeta's table: it must run after zeta
    const alpha = defineModule({ id: 'alpha', requires: ['zeta'], migrations: { '001_items': table('alpha_items', 'zeta_things') } });
    const zeta = defineModule({ id: 'zeta', migrations: { '001_things': table('zeta_things') } });
    const applied = await migrate(db, collectMigrations(loadModules([alpha, zeta])));
    expect(applied.slice(-2)).toEqual(['zeta/001_things', 'alpha/001_items']);
    expect(applied.slice(0, -2)).toEqual(Object.keys(platformMigrations));
    expect(await migrate(db, collectMigrations(loadModules([alpha, zeta])))).toEqual([]);
  });

  it('adds a new module, and a module’s new migration, to a database that already ran others', async () => {
    const db = await database();
    // what the previous build stored: the platform's migrations under their unchanged names
    await migrate(db, collectMigrations([]));
    const zeta = defineModule({ id: 'zeta', migrations: { '001_things': table('zeta_things') } });
    await migrate(db, collectMigrations([zeta]));
    // a module whose names sort before the executed ones, and a second migration for zeta
    const alpha = defineModule({ id: 'alpha', migrations: { '001_items': table('alpha_items') } });
    const zeta2 = defineModule({ ...zeta, migrations: { ...zeta.migrations, '002_more': table('zeta_more', 'zeta_things') } });
    expect(await migrate(db, collectMigrations([alpha, zeta2]))).toEqual(['alpha/001_items', 'zeta/002_more']);
    expect((await names(db)).slice(-3).sort()).toEqual(['alpha/001_items', 'zeta/001_things', 'zeta/002_more']);
    await sql`insert into zeta_things values (1); insert into zeta_more values (1); insert into alpha_items values (1)`.execute(db);
  });

  it('renames a migration a database ran under the earlier naming instead of running it again', async () => {
    const db = await database();
    const zeta = defineModule({ id: 'zeta', migrations: { '001_things': table('zeta_things') } });
    // what a build before local keys stored: '100_zeta_001_things'
    const old = collectMigrations([]);
    await migrate(db, { all: { ...old.all, '100_zeta_001_things': table('zeta_things') }, groups: [...old.groups, { owner: 'zeta', names: ['100_zeta_001_things'] }] });
    expect(await migrate(db, collectMigrations([zeta]))).toEqual([]);
    expect(await names(db)).toContain('zeta/001_things');
    expect(await names(db)).not.toContain('100_zeta_001_things');
    // and a bare local key, as stored before namespacing
    const yota = defineModule({ id: 'yota', migrations: { '001_items': table('yota_items') } });
    const now = collectMigrations([zeta]);
    await migrate(db, { all: { ...now.all, '001_items': table('yota_items') }, groups: [...now.groups, { owner: 'yota', names: ['001_items'] }] });
    expect(await migrate(db, collectMigrations([zeta, yota]))).toEqual([]);
    expect(await names(db)).toContain('yota/001_items');
  });

  it('refuses to start when the database ran a migration no module declares any more', async () => {
    const db = await database();
    const zeta = defineModule({ id: 'zeta', migrations: { '001_things': table('zeta_things') } });
    await migrate(db, collectMigrations([zeta]));
    await expect(migrate(db, collectMigrations([]))).rejects.toThrow(/zeta\/001_things.*module removed/);
  });

  it('reports the failing migration by name and applies nothing of its group', async () => {
    const db = await database();
    const bad: GapuraModule = defineModule({ id: 'bad', migrations: { '001_ok': table('bad_ok'), '002_broken': { up: async (d) => { await sql`create table bad_ok (x int)`.execute(d); } } } });
    await expect(migrate(db, collectMigrations([bad]))).rejects.toThrow(/Migration bad\/002_broken failed/);
    expect(await names(db)).not.toContain('bad/001_ok');
  });
});
