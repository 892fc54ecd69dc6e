// The second baseline for bench/home.ts: the same HTTP stack (Hono on @hono/node-server) running one
// primary-key SELECT per request and answering with the row — on a pg pool when DATABASE_URL is set
// (the pool size Gapura uses by default), else on PGlite in GAPURA_DATA_DIR. Signed-in pages cannot be
// cached, so they are compared with this: the least any page that reads the database must do.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import path from 'node:path';

type Query = (id: number) => Promise<unknown>;

async function open(): Promise<{ query: Query; close(): Promise<void> }> {
  const setup = [
    'create table if not exists bench_items (id int primary key, name text not null)',
    `insert into bench_items select g, 'item ' || g from generate_series(1, 1000) g on conflict do nothing`,
  ];
  const sql = 'select id, name from bench_items where id = $1';
  if (process.env.DATABASE_URL) {
    const pg = (await import('pg')).default;
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
    for (const s of setup) await pool.query(s);
    return { query: async (id) => (await pool.query<{ id: number; name: string }>(sql, [id])).rows[0], close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(path.join(process.env.GAPURA_DATA_DIR ?? '.', 'pglite'));
  await db.waitReady;
  for (const s of setup) await db.query(s);
  return { query: async (id) => (await db.query(sql, [id])).rows[0], close: () => db.close() };
}

const db = await open();
const app = new Hono();
let n = 0;
app.get('/', async (c) => c.json(await db.query((n++ % 1000) + 1)));
app.get('/healthz', (c) => c.json({ status: 'ok' }));

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3001), hostname: process.env.HOST ?? '127.0.0.1' });
const stop = () => server.close(() => void db.close().finally(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
