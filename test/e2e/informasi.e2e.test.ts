// Berita and agenda in a real browser on a 360 px phone: the kecamatan admin writes a news item
// with a picture, previews and publishes it, adds an agenda event; the public pages show both,
// nothing wider than the screen, small pages. Axe checks every page visited.
import sharp from 'sharp';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { follow, visit } from './browser.ts';
import { useGapura } from './gapura.ts';
import type { DemoStaff } from './server.ts';

const g = useGapura();
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

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
const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

/** HTML plus stylesheets, compressed, as a phone downloads them (content images excluded). */
async function transferBytes(path: string, css: string[]): Promise<number> {
  let bytes = 0;
  for (const p of [path, ...css]) {
    const res = await fetch(`${g.url}${p}`, { headers: { 'accept-encoding': 'gzip' } });
    const body = new Uint8Array(await res.arrayBuffer());
    bytes += Number(res.headers.get('content-length') ?? body.byteLength);
  }
  return bytes;
}

describe('Informasi: berita and agenda', () => {
  it('an editor publishes news with a picture and an agenda event; the public pages show them at 360 px', async () => {
    const editor = g.staff.find((s) => s.role === 'unit_admin') ?? g.staff.find((s) => s.role === 'platform_admin');
    if (!editor) throw new Error('no demo editor');
    const page = await g.page(PHONE);
    await staffSignIn(page, editor, '/petugas/berita');
    await follow(page, () => page.locator('main a[href="/petugas/berita/baru"]').click());
    await page.locator('#f-kind').selectOption('berita');
    await page.locator('#f-title').fill('Perbaikan lampu jalan di kecamatan selesai');
    await page.locator('#f-summary').fill('Seratus dua puluh lampu jalan yang padam sudah menyala lagi.');
    await page.locator('#f-body').fill('Petugas memperbaiki lampu jalan selama dua minggu.\n\nLaporkan lampu yang masih padam:\n- lewat kantor kelurahan\n- lewat layanan pengaduan');
    const owner = await page.locator('#f-owner option').nth(1).getAttribute('value');
    await page.locator('#f-owner').selectOption(owner);
    const picture = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 30, g: 90, b: 160 } } }).jpeg().toBuffer();
    await page.locator('#f-gambar').setInputFiles({ name: 'lampu.jpg', mimeType: 'image/jpeg', buffer: picture });
    await page.locator('#f-alt').fill('Petugas memasang lampu jalan');
    await follow(page, () => page.locator('main form[enctype="multipart/form-data"] button[type="submit"]').click());
    expect(new URL(page.url()).pathname).toMatch(/^\/petugas\/berita\/\d+$/);
    // the draft is not public yet; its preview is
    await follow(page, () => page.locator('main a[href$="/pratinjau"]').click());
    expect(await page.locator('main h1').textContent()).toBe('Perbaikan lampu jalan di kecamatan selesai');
    await page.goBack();
    await follow(page, () => page.locator('main form[action$="/terbitkan"] button[type="submit"]').click());
    expect(await page.locator('main [role="status"]').first().textContent()).toContain('Sudah terbit');

    // an agenda event
    await visit(page, '/petugas/agenda/baru');
    await page.locator('#f-title').fill('Rapat koordinasi lampu jalan');
    await page.locator('#f-location').fill('Aula kantor kecamatan');
    await page.locator('#f-organiser').selectOption(owner);
    const soon = new Date(Date.now() + 3 * 24 * 3600_000).toISOString().slice(0, 10);
    await page.locator('#f-start_date').fill(soon);
    await page.locator('#f-start_time').fill('09:00');
    await page.locator('#f-end_time').fill('11:00');
    await follow(page, () => page.locator('main form[action="/petugas/agenda/baru"] button[type="submit"]').click());
    expect(new URL(page.url()).pathname).toBe('/petugas/agenda');

    // the public side, as an anonymous phone without JavaScript
    const pub = await g.page({ ...PHONE, javaScriptEnabled: false });
    await visit(pub, '/berita');
    expect(await noSideScroll(pub)).toBe(true);
    await follow(pub, () => pub.locator('main a', { hasText: 'Perbaikan lampu jalan di kecamatan selesai' }).click());
    const img = pub.locator('main article img').first();
    expect(await img.getAttribute('alt')).toBe('Petugas memasang lampu jalan');
    expect(Number(await img.getAttribute('width'))).toBe(1200);
    expect(Number(await img.getAttribute('height'))).toBe(800);
    expect((await img.boundingBox())!.width).toBeLessThanOrEqual(360);
    expect(await pub.locator('meta[property="og:title"]').getAttribute('content')).toBe('Perbaikan lampu jalan di kecamatan selesai');
    expect(await noSideScroll(pub)).toBe(true);
    const article = new URL(pub.url()).pathname;
    await visit(pub, '/agenda');
    expect(await pub.locator('main h3', { hasText: 'Rapat koordinasi lampu jalan' }).count()).toBe(1);
    expect(await pub.locator('main').textContent()).toContain('09.00–11.00 WIB');
    expect(await noSideScroll(pub)).toBe(true);
    const feed = await fetch(`${g.url}/agenda.ics`);
    expect(await feed.text()).toContain('SUMMARY:Rapat koordinasi lampu jalan');

    const css = await pub.locator('link[rel="stylesheet"]').evaluateAll((ls) => ls.map((l) => (l as HTMLLinkElement).getAttribute('href')!));
    for (const p of ['/berita', article, '/agenda']) expect(await transferBytes(p, css)).toBeLessThan(30 * 1024);
  });
});
