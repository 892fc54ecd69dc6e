// One Gapura server and one browser per test file: `const g = useGapura()` at the top of a file
// starts them before its tests and stops them after. With DATABASE_URL set, the server gets a
// throwaway database on that PostgreSQL server; otherwise its own embedded database.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launch, newContext } from './browser.ts';
import { createThrowawayDatabase, parseDemoStaff, startServer, type DemoStaff, type RunningServer } from './server.ts';

export interface Gapura {
  readonly url: string;
  readonly browser: Browser;
  readonly server: RunningServer;
  /** demo staff printed at first start; empty when the staff module is not installed */
  readonly staff: DemoStaff[];
  /** a fresh browser context (own cookies) and page on this server */
  page(opts?: BrowserContextOptions): Promise<Page>;
  /** does the server answer `path` with something other than 404? (features still being built) */
  has(path: string): Promise<boolean>;
}

export interface GapuraOptions {
  /** extra environment for the server, e.g. { GAPURA_CLOCK_FILE: file } for a clock the test moves */
  env?: Record<string, string>;
}

export function useGapura(opts: GapuraOptions = {}): Gapura {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let dropDb: (() => Promise<void>) | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const env: Record<string, string> = { ...opts.env };
    if (process.env.DATABASE_URL) {
      const db = await createThrowawayDatabase(process.env.DATABASE_URL);
      env.DATABASE_URL = db.url;
      dropDb = () => db.drop();
    }
    [server, browser] = await Promise.all([startServer({ env }), launch()]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => {})));
    await browser?.close();
    const errors = server?.stderr().trim();
    await server?.stop();
    await dropDb?.();
    // warnings and errors the server logged while the tests ran help explain a failure
    if (errors) process.stderr.write(`\n--- server log (warn/error) ---\n${errors}\n`);
  }, 60_000);

  const need = <T>(v: T | undefined, what: string): T => {
    if (!v) throw new Error(`${what} is not running (beforeAll failed?)`);
    return v;
  };

  return {
    get url() {
      return need(server, 'server').url;
    },
    get browser() {
      return need(browser, 'browser');
    },
    get server() {
      return need(server, 'server');
    },
    get staff() {
      return parseDemoStaff(need(server, 'server').stdout());
    },
    async page(opts = {}) {
      const context = await newContext(need(browser, 'browser'), need(server, 'server').url, opts);
      contexts.push(context);
      // fail fast with a clear message rather than at the test's own time limit
      context.setDefaultTimeout(10_000);
      return context.newPage();
    },
    async has(path: string) {
      const res = await fetch(need(server, 'server').url + path, { redirect: 'manual' });
      await res.arrayBuffer();
      return res.status !== 404;
    },
  };
}
