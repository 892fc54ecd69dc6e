// Debian's Chromium driven by playwright-core (never a downloaded browser), and the rule that every
// page a test sees is checked with axe: `visit` for navigations by address, `follow` for clicks and
// form submissions that load a new page.
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Response } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';

export const CHROMIUM = '/usr/bin/chromium';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Contexts made with javaScriptEnabled: false (axe cannot run inside them). */
const scriptless = new WeakSet<BrowserContext>();

export async function newContext(browser: Browser, baseURL: string, opts: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, locale: 'id-ID', ...opts });
  if (opts.javaScriptEnabled === false) scriptless.add(context);
  return context;
}

function describe(v: Result): string {
  const nodes = v.nodes
    .slice(0, 5)
    .map((n) => `      at ${n.target.join(' ')}\n        ${n.failureSummary?.split('\n').join('\n        ') ?? ''}`)
    .join('\n');
  const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : '';
  return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
}

/** Pages already checked in this file (same address and same HTML are not checked twice). */
const checked = new Set<string>();

/**
 * Run axe on the page as it is now; throw on any serious or critical violation, listed readably.
 * Pages without JavaScript cannot run axe in place, so their HTML is loaded into a scripted page of
 * the same browser and checked there (the markup is identical; only the engine differs).
 */
export async function checkA11y(page: Page): Promise<void> {
  const url = page.url();
  const html = await page.content();
  const key = `${url}\n${html}`;
  if (checked.has(key)) return;
  let target = page;
  let scratch: BrowserContext | undefined;
  if (scriptless.has(page.context())) {
    const browser = page.context().browser()!;
    scratch = await browser.newContext();
    target = await scratch.newPage();
    // same origin, so the stylesheet loads and colour contrast is judged as the person sees it
    await target.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await target.goto(url);
  }
  try {
    const results = await new AxeBuilder({ page: target }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    if (bad.length) {
      throw new Error(`Accessibility: ${bad.length} serious/critical axe violation(s) on ${url}\n${bad.map(describe).join('\n')}`);
    }
    checked.add(key);
  } finally {
    await scratch?.close();
  }
}

/** Go to `path`, expect `status` (200 unless told), and check accessibility. */
export async function visit(page: Page, path: string, opts: { status?: number } = {}): Promise<Response> {
  const res = await page.goto(path);
  if (!res) throw new Error(`no response for ${path}`);
  const want = opts.status ?? 200;
  if (res.status() !== want) {
    const body = (await res.text().catch(() => '')).slice(0, 500);
    throw new Error(`GET ${path}: expected status ${want}, got ${res.status()} (${page.url()})\n${body}`);
  }
  await checkA11y(page);
  return res;
}

/** Do something that loads a new page (click a link, submit a form), wait for it, check it. */
export async function follow(page: Page, action: () => Promise<unknown>, opts: { status?: number } = {}): Promise<Response | null> {
  // waitForURL would not give the navigation's response, whose status is checked below
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- needs the Response; no replacement gives it
  const [res] = await Promise.all([page.waitForNavigation(), action()]);
  if (opts.status !== undefined && res?.status() !== opts.status) {
    throw new Error(`expected status ${opts.status}, got ${res?.status()} at ${page.url()}`);
  }
  await checkA11y(page);
  return res;
}

export interface CrawlOptions {
  /** only paths starting with one of these are followed */
  within: string[];
  /** paths never followed (sign-out, language switch, identity-provider redirects, …) */
  skip?: RegExp;
  /** at most this many pages */
  limit?: number;
}

/**
 * Follow every same-site link from `start`, breadth first, visiting (and so axe-checking) one page
 * per route shape: digits are folded, so /petugas/staf/3 and /petugas/staf/4 count once, and the
 * query string is ignored. New pages are covered as soon as a link leads to them. Returns the paths
 * visited; throws on any page that does not answer 200 or fails the accessibility check.
 */
export async function crawl(page: Page, start: string, opts: CrawlOptions): Promise<string[]> {
  const limit = opts.limit ?? 40;
  const shape = (u: URL) => u.pathname.replace(/\d+/g, 'N');
  const seen = new Set<string>();
  const queue = [start];
  const visited: string[] = [];
  while (queue.length && visited.length < limit) {
    const path = queue.shift()!;
    let res: Response | null;
    try {
      res = await page.goto(path);
    } catch (e) {
      // an attachment (Content-Disposition: attachment, e.g. a CSV template) is a download, not a page
      if ((e as Error).message.includes('Download is starting')) continue;
      throw e;
    }
    const type = res?.headers()['content-type'] ?? '';
    if (!type.includes('text/html')) continue; // downloads (CSV, PDF, JSON) are not pages
    if (res?.status() !== 200) throw new Error(`crawl: GET ${path} answered ${res?.status()} (linked from a page of ${start})`);
    await checkA11y(page);
    visited.push(path);
    const origin = new URL(page.url()).origin;
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const u = new URL(href);
      if (u.origin !== origin || u.hash && u.pathname === new URL(page.url()).pathname) continue;
      if (!opts.within.some((p) => u.pathname.startsWith(p)) || opts.skip?.test(u.pathname)) continue;
      const key = shape(u);
      if (seen.has(key)) continue;
      seen.add(key);
      queue.push(u.pathname + u.search);
    }
  }
  return visited;
}
