// Once per `vitest run`: migrate and seed one template database, so that each test file's
// createTestApp() starts from a copy instead of running every migration again (about three seconds
// per file on PGlite: most of the suite's time). PGlite: a dump of the data directory, which each
// test file loads into its own in-memory database. PostgreSQL: a template database, which each test
// file's throwaway database is created from (CREATE DATABASE … TEMPLATE). Built fresh every run from
// the code under test, so it cannot go stale; createTestApp uses it only for the default modules and
// settings that do not change what the seeds write (see templateEligible in helpers.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/platform/config.ts';
import { createContext } from '../src/platform/boot.ts';
import { modules } from '../src/modules/index.ts';
import { createLogger } from '../src/platform/log.ts';
import type { AppContext } from '../src/platform/http/context.ts';
import { TEMPLATE_DB_ENV, TEMPLATE_DUMP_ENV, templateEnv } from './template.ts';

let cleanup: (() => Promise<void>) | undefined;

/**
 * Seeds schedule periodic jobs relative to now (e.g. a freshness check in a minute). A template made
 * minutes before a test file copies it would hand that file jobs already due; without them the seeds
 * a test's createTestApp runs schedule them afresh, exactly as on a first start.
 */
async function forgetJobs(ctx: AppContext): Promise<void> {
  await ctx.db.deleteFrom('jobs').execute();
}

export async function setup(): Promise<void> {
  if (process.env.GAPURA_TEST_NO_TEMPLATE === '1') return;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-template-'));
  const admin = process.env.DATABASE_URL;
  if (admin) {
    const pg = (await import('pg')).default;
    const name = `gapura_tpl_${crypto.randomBytes(6).toString('hex')}`;
    const run = async (q: string) => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try { await c.query(q); } finally { await c.end(); }
    };
    await run(`create database ${name}`);
    const u = new URL(admin);
    u.pathname = `/${name}`;
    const ctx = await createContext(loadConfig({ ...templateEnv(dataDir), DATABASE_URL: u.toString() }), modules, { seed: true, log: createLogger('error', () => {}) });
    await forgetJobs(ctx);
    await ctx.database.close();
    process.env[TEMPLATE_DB_ENV] = name;
    cleanup = () => run(`drop database if exists ${name} with (force)`);
  } else {
    const ctx = await createContext(loadConfig(templateEnv(dataDir)), modules, { pgliteDir: 'memory://', seed: true, log: createLogger('error', () => {}) });
    await forgetJobs(ctx);
    const dump = await ctx.database.dump!();
    await ctx.database.close();
    const file = path.join(dataDir, 'template.tar');
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    process.env[TEMPLATE_DUMP_ENV] = file;
    cleanup = () => Promise.resolve();
  }
  const done = cleanup;
  cleanup = async () => {
    await done();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

export async function teardown(): Promise<void> {
  await cleanup?.();
}
