import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DatabaseBusyError, openDatabase } from './index.ts';

describe('embedded database', () => {
  it('keeps data across restarts and refuses a second process on the same folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-db-'));
    const pgdir = path.join(dir, 'pglite');
    const a = await openDatabase({ pgliteDir: pgdir });
    await sql`create table t (x int)`.execute(a.db);
    await sql`insert into t values (42)`.execute(a.db);
    // a lock held by another live process (our parent) blocks opening
    const lock = fs.readFileSync(`${pgdir}.lock`, 'utf8');
    expect(Number(lock)).toBe(process.pid);
    await a.close();
    fs.writeFileSync(`${pgdir}.lock`, String(process.ppid));
    await expect(openDatabase({ pgliteDir: pgdir })).rejects.toBeInstanceOf(DatabaseBusyError);
    // a stale lock (dead pid) is taken over
    fs.writeFileSync(`${pgdir}.lock`, '999999');
    const b = await openDatabase({ pgliteDir: pgdir });
    const r = await sql<{ x: number }>`select x from t`.execute(b.db);
    expect(r.rows).toEqual([{ x: 42 }]);
    await b.close();
    expect(fs.existsSync(`${pgdir}.lock`)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs transactions one at a time on PGlite without losing writes', async () => {
    const h = await openDatabase({ pgliteDir: 'memory://' });
    await sql`create table c (n int)`.execute(h.db);
    await sql`insert into c values (0)`.execute(h.db);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        h.db.transaction().execute(async (tx) => {
          const { rows } = await sql<{ n: number }>`select n from c`.execute(tx);
          await sql`update c set n = ${rows[0].n + 1}`.execute(tx);
        }),
      ),
    );
    const { rows } = await sql<{ n: number }>`select n from c`.execute(h.db);
    expect(rows[0].n).toBe(20);
    await h.close();
  });
});
