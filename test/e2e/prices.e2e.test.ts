// Staple-food prices in a real browser at 360 px, with a clock the test controls (GAPURA_CLOCK_FILE):
// the demo platform admin (who acts for every unit, Disperindag included) enters today's prices,
// the public page and the chart show them with today's date; time moves past the cadence and the
// page says it is stale; a CSV with one bad row reports that row and imports nothing. Axe on every page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { follow, launch, newContext, visit } from './browser.ts';
import { createThrowawayDatabase, parseDemoStaff, startServer, type DemoStaff, type RunningServer } from './server.ts';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { writeClockFile } from '../../src/platform/clock.ts';

const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const clockFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-clock-')), 'clock');
let server: RunningServer;
let browser: Browser;
let drop: (() => Promise<void>) | undefined;

async function staffSignIn(page: Page, who: DemoStaff, next: string) {
  await visit(page, `/petugas/masuk?kembali=${encodeURIComponent(next)}`);
  await page.locator('input[name="email"]').fill(who.email);
  await page.locator('input[name="password"]').fill(who.password);
  await follow(page, () => page.locator('main form[action="/petugas/masuk"] button[type="submit"]').click());
  if (who.totpSecret) {
    await page.locator('input[name="code"]').fill(await generate({ secret: who.totpSecret }));
    await follow(page, () => page.locator('main form[action="/petugas/masuk/kode"] button[type="submit"]').click());
  }
  expect(new URL(page.url()).pathname).toBe(next);
}

beforeAll(async () => {
  writeClockFile(clockFile, 0);
  const env: Record<string, string> = { GAPURA_CLOCK_FILE: clockFile };
  if (process.env.DATABASE_URL) {
    const db = await createThrowawayDatabase(process.env.DATABASE_URL);
    env.DATABASE_URL = db.url;
    drop = () => db.drop();
  }
  [server, browser] = await Promise.all([startServer({ env }), launch()]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await drop?.();
  fs.rmSync(path.dirname(clockFile), { recursive: true, force: true });
}, 60_000);

describe('staple-food prices (/harga-pangan)', () => {
  it('entered today, shown with today\'s date; stale once the cadence passed; a bad CSV imports nothing', async () => {
    const admin = parseDemoStaff(server.stdout()).find((s) => s.role === 'platform_admin');
    if (!admin) throw new Error('no demo platform admin printed');
    const context = await newContext(browser, server.url, PHONE);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await staffSignIn(page, admin, '/petugas/harga-pangan');
    await page.locator('#f-p_beras-medium').fill('13.500');
    await page.locator('#f-p_cabai-merah').fill('mahal');
    await follow(page, () => page.locator('main form[method="post"] button[type="submit"]').click(), { status: 422 });
    expect(await page.locator('#f-p_cabai-merah').inputValue()).toBe('mahal');
    await page.locator('#f-p_cabai-merah').fill('55000');
    await follow(page, () => page.locator('main form[method="post"] button[type="submit"]').click());
    expect(new URL(page.url()).searchParams.get('pesan')).toBe('disimpan');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    const today = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date());
    const pub = await (await newContext(browser, server.url, { ...PHONE, javaScriptEnabled: false })).newPage();
    await visit(pub, '/harga-pangan?pasar=pasar-16-ilir');
    await expect(pub.locator('main').textContent()).resolves.toContain(`Diperbarui ${today}`);
    await expect(pub.locator('main table').textContent()).resolves.toContain('Rp13.500 per kg');
    expect(await pub.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await follow(pub, () => pub.locator('main a[href^="/harga-pangan/beras-medium"]').click());
    expect(await pub.locator('svg.chart circle').count()).toBe(1);
    await expect(pub.locator('main table').textContent()).resolves.toContain(today);

    // six days on: always at least two working days past the update
    writeClockFile(clockFile, 6 * 24 * 3600 * 1000);
    await new Promise((r) => setTimeout(r, 300));
    // signed in: never the anonymous page cache
    await visit(page, '/harga-pangan?pasar=pasar-16-ilir');
    await expect(page.locator('main .stale').textContent()).resolves.toContain(`belum diperbarui sejak ${today}`);
    await visit(page, '/petugas/kesegaran');
    await expect(page.locator('main table').textContent()).resolves.toContain('Disperindag');

    await visit(page, '/petugas/harga-pangan/impor');
    await page.locator('#f-csv').fill('tanggal,pasar,komoditas,harga\n2026-01-05,pasar-km-5,beras-medium,13000\n2026-01-05,pasar-km-5,gula-pasir,abc\n');
    await follow(page, () => page.locator('main form button[type="submit"]').click(), { status: 422 });
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('Baris 3: harga "abc" bukan angka rupiah');
    await visit(page, '/harga-pangan?pasar=pasar-km-5');
    await expect(page.locator('main').textContent()).resolves.toContain('Belum ada harga untuk pasar ini.');
  });
});
