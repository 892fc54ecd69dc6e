// The PPID home in a real browser, on a clock the test controls (GAPURA_CLOCK_FILE): a request
// received on Monday 14 December 2026 is due 30 December, and the page says why (24–25 December:
// cuti bersama and Natal). As on a cheap phone (360 px, nothing wider than the screen), also without
// JavaScript, a small page; axe checks every page visited.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeClockFile } from '../../src/platform/clock.ts';
import { launch, newContext, visit } from './browser.ts';
import { createThrowawayDatabase, startServer, type RunningServer } from './server.ts';

const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const clockFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-ppid-clock-')), 'clock');
let server: RunningServer;
let browser: Browser;
let dropDb: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const env: Record<string, string> = { GAPURA_CLOCK_FILE: clockFile };
  if (process.env.DATABASE_URL) {
    const db = await createThrowawayDatabase(process.env.DATABASE_URL);
    env.DATABASE_URL = db.url;
    dropDb = () => db.drop();
  }
  // Monday 14 December 2026, 10.00 WIB
  writeClockFile(clockFile, new Date('2026-12-14T03:00:00Z'));
  [server, browser] = await Promise.all([startServer({ env }), launch()]);
}, 180_000);

afterAll(async () => {
  await browser.close();
  await server.stop();
  await dropDb?.();
  fs.rmSync(path.dirname(clockFile), { recursive: true, force: true });
}, 60_000);

describe('PPID (/ppid)', () => {
  it('without JavaScript on a 360 px phone: the maklumat, the date computed on the test clock and why', async () => {
    const context = await newContext(browser, server.url, { ...PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await visit(page, '/ppid');
    expect(await page.locator('main h1').textContent()).toBe('Layanan Informasi Publik (PPID)');
    const due = await page.locator('main .due').first().textContent();
    expect(due).toContain('30 Desember 2026');
    expect(due).toContain('10 hari kerja sejak permohonan diterima 14 Desember 2026, tidak termasuk 24–25 Desember');
    expect(await page.locator('main h3').allTextContents()).toEqual(['Informasi berkala', 'Informasi serta-merta', 'Informasi tersedia setiap saat']);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    expect(wide).toBe(false);
    await context.close();
  });

  it('time moves on: on 24 December the same page counts from that day, over the new year', async () => {
    writeClockFile(clockFile, new Date('2026-12-24T03:00:00Z'));
    // the clock file is read at most every 100 ms and public pages are cached 5 s
    await new Promise((r) => setTimeout(r, 5200));
    const context = await newContext(browser, server.url, PHONE);
    const page = await context.newPage();
    await visit(page, '/ppid');
    const due = await page.locator('main .due').first().textContent();
    // received on a cuti bersama: counted from Monday 28 December; 1 and 5 January skipped
    expect(due).toContain('13 Januari 2027');
    expect(due).toContain('sejak permohonan diterima 24 Desember 2026, tidak termasuk 24–25 Desember, 1 Januari 2027, dan 5 Januari 2027');
    await context.close();
  });

  it('is a small page: HTML and stylesheet under 30 KB compressed', async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    await visit(page, '/ppid');
    const css = await page.locator('link[rel="stylesheet"]').evaluateAll((ls) => ls.map((l) => (l as HTMLLinkElement).getAttribute('href') ?? ''));
    let bytes = 0;
    for (const p of ['/ppid', ...css]) {
      const res = await fetch(`${server.url}${p}`, { headers: { 'accept-encoding': 'gzip' } });
      const body = new Uint8Array(await res.arrayBuffer());
      bytes += Number(res.headers.get('content-length') ?? body.byteLength);
    }
    expect(bytes).toBeLessThan(30 * 1024);
    await context.close();
  });
});
