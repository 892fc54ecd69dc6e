// Investasi and lowongan in a real browser on a 360 px phone without JavaScript, axe on every page:
// filter the opportunities, send an inquiry (an empty form first: the errors beside the fields),
// and the job board, whose demo vacancy closing in 5 days leaves the list once the test clock
// (GAPURA_CLOCK_FILE) passes its closing date.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeClockFile } from '../../src/platform/clock.ts';
import { follow, visit } from './browser.ts';
import { useGapura } from './gapura.ts';

const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, javaScriptEnabled: false };
const clockFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-ir-clock-')), 'clock');
writeClockFile(clockFile, 0);
const g = useGapura({ env: { GAPURA_CLOCK_FILE: clockFile } });
afterAll(() => fs.rmSync(path.dirname(clockFile), { recursive: true, force: true }));

const fitsWidth = (page: Awaited<ReturnType<typeof g.page>>) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe('investasi and lowongan', () => {
  it('an investor filters, opens an opportunity and sends an inquiry', async () => {
    const page = await g.page(PHONE);
    await visit(page, '/investasi');
    expect(await fitsWidth(page)).toBe(true);
    await page.locator('#f-sektor').selectOption('pariwisata');
    await follow(page, () => page.locator('main form.filters button[type="submit"]').click());
    expect(await page.locator('main ul.cards li').count()).toBe(1);
    await follow(page, () => page.locator('main ul.cards h2 a').first().click());
    expect(await page.locator('main dl').textContent()).toContain('Rp 150.000.000.000');
    await follow(page, () => page.locator('main a.button[href^="/investasi/minat/"]').click());
    await page.locator('#f-organisation').fill('PT Uji Investasi');
    await follow(page, () => page.locator('main form button[type="submit"]').click(), { status: 422 });
    expect(await page.locator('.error-summary li').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('#f-organisation').inputValue()).toBe('PT Uji Investasi');
    expect(await fitsWidth(page)).toBe(true);
    await page.locator('#f-name').fill('Budi Santoso');
    await page.locator('#f-email').fill('budi@uji.test');
    await page.locator('#f-message').fill('Kami ingin tahu skema kerja sama pemanfaatannya.');
    await follow(page, () => page.locator('main form button[type="submit"]').click(), { status: 200 });
    expect(new URL(page.url()).pathname).toBe('/investasi/minat/terkirim');
    expect(await page.locator('main h1').textContent()).toBe('Minat Anda terkirim');
  });

  it('the job board lists open vacancies and drops one after its closing date', async () => {
    const page = await g.page(PHONE);
    await visit(page, '/lowongan');
    expect(await page.locator('nav.main a[href="/lowongan"]').count()).toBe(1);
    const titles = await page.locator('main ul.cards h2').allTextContents();
    expect(titles).toContain('Contoh: Operator produksi');
    expect(await fitsWidth(page)).toBe(true);
    await follow(page, () => page.locator('main ul.cards h2 a').first().click());
    expect(await page.locator('main h1').textContent()).toBe('Contoh: Operator produksi');
    // six days on: the vacancy closing in five days is gone (the clock file is read every 100 ms,
    // anonymous pages are cached 5 s)
    writeClockFile(clockFile, 6 * 24 * 3600 * 1000);
    await new Promise((r) => setTimeout(r, 5200));
    await visit(page, '/lowongan');
    const later = await page.locator('main ul.cards h2').allTextContents();
    expect(later).not.toContain('Contoh: Operator produksi');
    expect(later.length).toBe(titles.length - 1);
  });
});
