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
}

export interface OpenOptions {
  databaseUrl?: string;
  /** Folder for PGlite; 'memory://' for a throwaway in-memory database (tests). */
  pgliteDir?: string;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const pg = (await import('pg')).default;
    // Keep DATE columns as 'YYYY-MM-DD' strings: a calendar day has no time zone.
    pg.types.setTypeParser(1082, (v: string) => v);
    pg.types.setTypeParser(20, (v: string) => Number(v)); // bigint ids fit in a JS number
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
  const dir = opts.pgliteDir ?? 'memory://';
  if (!dir.startsWith('memory://')) fs.mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  const pglite = new PGlite(dir, {
    parsers: { [types.DATE]: (v: string) => v, [types.INT8]: (v: string) => Number(v) },
  });
  await pglite.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    ping: () => ping(db),
    close: () => db.destroy(),
  };
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
