// Test support: a fresh database per test file (in-memory PGlite, or a throwaway database on the
// PostgreSQL server named by DATABASE_URL), the real app, and a small browser-like client that keeps
// cookies and sends the CSRF token the way a form would.
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { Hono } from 'hono';
import { loadConfig } from '../src/platform/config.ts';
import { createContext } from '../src/platform/boot.ts';
import { buildApp } from '../src/platform/http/app.tsx';
import type { AppContext, Env } from '../src/platform/http/context.ts';
import { modules as allModules } from '../src/modules/index.ts';
import type { GapuraModule } from '../src/platform/module.ts';
import { createLogger, type Logger } from '../src/platform/log.ts';
import { TEMPLATE_DB_ENV, TEMPLATE_DUMP_ENV, templateEligible } from './template.ts';

export interface TestApp {
  ctx: AppContext;
  app: Hono<Env>;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * A throwaway PostgreSQL database when DATABASE_URL is set, else undefined (PGlite in memory);
 * `template`: a copy of the run's migrated and seeded template (test/global-setup.ts), when there is one.
 */
export async function throwawayDatabaseUrl(opts: { template?: boolean } = {}): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  const admin = process.env.DATABASE_URL;
  if (!admin) return undefined;
  const pg = (await import('pg')).default;
  const name = `gapura_t_${crypto.randomBytes(6).toString('hex')}`;
  const template = opts.template ? process.env[TEMPLATE_DB_ENV] : undefined;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    // two test files copying the template at the same moment: PostgreSQL refuses the second while the
    // first copy holds it ("source database is being accessed by other users"); wait and retry
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
        break;
      } catch (e) {
        if (!template || attempt >= 50 || !/being accessed by other users/.test(String(e))) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await client.end();
  }
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function createTestApp(opts: { env?: Record<string, string>; modules?: GapuraModule[]; seed?: boolean; log?: Logger } = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-test-'));
  const fromTemplate = templateEligible(opts);
  const pgdb = await throwawayDatabaseUrl({ template: fromTemplate });
  const dump = fromTemplate && !pgdb ? process.env[TEMPLATE_DUMP_ENV] : undefined;
  const config = loadConfig({
    GAPURA_ENV: 'test',
    GAPURA_DATA_DIR: dataDir,
    GAPURA_BASE_URL: 'http://localhost:3000',
    ...(pgdb ? { DATABASE_URL: pgdb.url } : {}),
    ...opts.env,
  });
  const ctx = await createContext(config, opts.modules ?? allModules, {
    pgliteDir: 'memory://',
    ...(dump && fs.existsSync(dump) ? { pgliteLoad: new Blob([fs.readFileSync(dump)]) } : {}),
    seed: opts.seed ?? true,
    log: opts.log ?? createLogger('error', () => {}),
  });
  const app = buildApp(ctx);
  return {
    ctx,
    app,
    dataDir,
    async close() {
      await ctx.database.close();
      await pgdb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A browser-like client: keeps cookies, follows nothing automatically, fills in _csrf for forms. */
export class Client {
  cookies = new Map<string, string>();
  lastHtml = '';
  constructor(private app: Hono<Env>, private ip = '127.0.0.1') {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private store(res: Response) {
    for (const sc of res.headers.getSetCookie()) {
      const [pair, ...attrs] = sc.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /max-age=0\b/i.test(a) || /expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(p: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', this.cookieHeader());
    headers.set('x-forwarded-for', this.ip);
    const res = await this.app.request(p, { ...init, headers });
    this.store(res);
    return res;
  }

  async get(p: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await this.request(p, { headers });
    if ((res.headers.get('content-type') ?? '').includes('text/html')) this.lastHtml = await res.clone().text();
    return res;
  }

  /** The CSRF token from the last page fetched (fetch a page with a form first). */
  csrf(): string {
    const m = this.lastHtml.match(/name="_csrf" value="([^"]+)"/);
    if (!m) throw new Error('no _csrf field on the last page');
    return m[1];
  }

  async post(p: string, form: Record<string, string>, opts: { csrf?: boolean } = {}): Promise<Response> {
    const body = new URLSearchParams({ ...(opts.csrf === false ? {} : { _csrf: this.csrf() }), ...form });
    const res = await this.request(p, {
      method: 'POST',
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    if ((res.headers.get('content-type') ?? '').includes('text/html')) this.lastHtml = await res.clone().text();
    return res;
  }
}

/** A kecamatan of the loaded region pack and two of its kelurahan/desa, X and Y. */
export async function unitsForTest(t: TestApp): Promise<Record<'kec' | 'kelX' | 'kelY', { id: number; code: string; path: string }>> {
  const kids = await t.ctx.db
    .selectFrom('units as k')
    .innerJoin('units as p', 'p.id', 'k.parent_id')
    .select(['k.id', 'k.code', 'k.path', 'p.id as pid', 'p.code as pcode', 'p.path as ppath'])
    .where('p.kind', '=', 'kecamatan')
    .orderBy('k.code')
    .limit(2)
    .execute();
  const [x, y] = kids;
  if (!x || !y || x.pid !== y.pid) throw new Error('unitsForTest: the region pack has no kecamatan with two units');
  return { kec: { id: x.pid, code: x.pcode, path: x.ppath }, kelX: { id: x.id, code: x.code, path: x.path }, kelY: { id: y.id, code: y.code, path: y.path } };
}
