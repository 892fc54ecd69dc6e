// One database handle for the whole process: embedded PGlite by default, PostgreSQL when
// DATABASE_URL is set. Both speak the same SQL, so every query and migration runs on either.
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import { PGliteDialect } from './pglite-dialect.ts';

export type DB = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the root handle or a transaction: service functions take this so callers choose. */
export type Executor = Kysely<Database>;
export type DatabaseKind = 'pglite' | 'postgresql';

export interface DatabaseHandle {
  db: DB;
  kind: DatabaseKind;
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** PGlite only: the whole database as a tarball, which `pgliteLoad` opens again (test templates) */
  dump?(): Promise<Blob>;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** Folder for PGlite; 'memory://' for a throwaway in-memory database (tests). */
  pgliteDir?: string;
  /** PGlite: start from this dump (DatabaseHandle.dump) instead of an empty cluster — the tests open
   *  one migrated and seeded template per run instead of migrating every test file's database */
  pgliteLoad?: Blob;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const pg = (await import('pg')).default;
    // Keep DATE columns as 'YYYY-MM-DD' strings: a calendar day has no time zone.
    pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);
    pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v)); // bigint ids fit in a JS number
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    pool.on('error', () => {}); // a dropped idle connection must not crash the process; ping reports it
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgresql',
      ping: () => ping(db),
      close: () => db.destroy(),
    };
  }
  const { PGlite, types } = await import('@electric-sql/pglite');
  // pg_trgm: typo-tolerant site search (platform/search); PostgreSQL ships it in contrib
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const dir = opts.pgliteDir ?? 'memory://';
  let unlock = () => {};
  if (!dir.startsWith('memory://')) {
    fs.mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
    unlock = lockDataDir(dir);
  }
  const pglite = new PGlite(dir, {
    ...(opts.pgliteLoad ? { loadDataDir: opts.pgliteLoad } : {}),
    parsers: { [types.DATE]: (v: string) => v, [types.INT8]: (v: string) => Number(v) },
    extensions: { pg_trgm },
  });
  try {
    await pglite.waitReady;
  } catch (e) {
    unlock();
    throw e;
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    ping: () => ping(db),
    dump: () => pglite.dumpDataDir('none'),
    close: async () => {
      await db.destroy();
      unlock();
    },
  };
}

export class DatabaseBusyError extends Error {}

/**
 * PGlite is one process's private database: a second process opening the same folder would corrupt
 * it. A lock file with the owner's pid keeps `gapura user add` from running beside a live server;
 * a lock left by a crashed process (pid gone) is taken over.
 */
function lockDataDir(dir: string): () => void {
  const lockFile = `${path.resolve(dir)}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(lockFile, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid))
        throw new DatabaseBusyError(
          `The embedded database in ${path.dirname(path.resolve(dir))} is in use by another Gapura process (pid ${pid}). ` +
            'Stop it first, or run Gapura on PostgreSQL (DATABASE_URL) to use several processes.',
        );
      fs.rmSync(lockFile, { force: true }); // stale: its owner is gone
    }
  }
  throw new DatabaseBusyError(`Could not lock ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function ping(db: DB): Promise<boolean> {
  try {
    await Promise.race([
      sql`select 1`.execute(db),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000)),
    ]);
    return true;
  } catch {
    return false;
  }
}
