// Complaints in a real browser on a 360 px phone with JavaScript off: an anonymous reporter files a
// report with a GPS-tagged photo in two pages and gets the tracking id and follow link; the public
// page shows it without identity and the photo without EXIF; a rahasia report is absent from the
// list, the Atom feed and Open311 GET. Axe checks every page visited. (The officer half of the flow,
// and "Sudah selesai?", are covered in the route tests.)
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { follow, visit } from './browser.ts';
import { useGapura } from './gapura.ts';

const g = useGapura();
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, javaScriptEnabled: false };

async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 120, g: 160, b: 90 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'GapuraCam', Model: 'Uji 1' },
      IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '2/1 59/1 2400/100', GPSLongitudeRef: 'E', GPSLongitude: '104/1 45/1 3600/100' },
    })
    .toBuffer();
}

/** Both pages of /pengaduan/baru; returns the tracking id shown on the result page. */
async function file(page: Page, text: string, privacy: 'anonim' | 'rahasia', photo?: Buffer): Promise<string> {
  await visit(page, '/pengaduan/baru');
  await page.locator('#f-kategori-jalan-rusak').check();
  const kec = await page.locator('#f-kecamatan option').nth(1).getAttribute('value');
  await page.locator('#f-kecamatan').selectOption(kec);
  // the first kelurahan listed under that kecamatan's group
  const kecName = (await page.locator('#f-kecamatan option').nth(1).textContent())!;
  const kel = await page.locator(`#f-kelurahan optgroup[label="${kecName}"] option`).first().getAttribute('value');
  await page.locator('#f-kelurahan').selectOption(kel);
  await page.locator('#f-uraian').fill(text);
  await follow(page, () => page.locator('main form[action="/pengaduan/baru"] button[type="submit"]').last().click(), { status: 200 });
  expect(await page.locator('h1').textContent()).toBe('Periksa dan kirim laporan');
  if (photo) await page.locator('#f-foto').setInputFiles({ name: 'lubang.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.locator('#f-alamat').fill('Jl. Merdeka depan SD');
  await page.locator(`#f-privasi-${privacy}`).check();
  await page.locator('#f-kontak').fill('0812 3456 7890');
  await follow(page, () => page.locator('main form[action="/pengaduan/baru/kirim"] button[type="submit"]').click(), { status: 200 });
  expect(new URL(page.url()).pathname).toMatch(/^\/pengaduan\/lacak\/PGD-/);
  expect(page.url()).not.toContain('3456');
  const id = (await page.locator('main .code').textContent())!.trim();
  expect(id).toMatch(/^PGD-/);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  expect(wide).toBe(false);
  return id;
}

describe('pengaduan (public side)', () => {
  it('an anonymous reporter files with a photo; the public shows it without identity or EXIF; rahasia stays out of list, feed and Open311', async (t) => {
    if (!(await g.has('/pengaduan/baru'))) return t.skip();
    const reporter = await g.page(PHONE);
    const id = await file(reporter, 'Jalan berlubang besar di depan sekolah, berbahaya untuk motor', 'anonim', await photoWithGps());

    const pub = await g.page(PHONE);
    await visit(pub, `/pengaduan/${id}`);
    const main = (await pub.locator('main').textContent())!;
    expect(main).toContain('Jalan berlubang besar');
    expect(main).not.toMatch(/3456|0812/);
    const src = await pub.locator('main img').first().getAttribute('src');
    const res = await fetch(`${g.url}${src!.replace('?ukuran=kecil', '')}`);
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    expect(bytes.includes('GapuraCam')).toBe(false);

    const secret = await file(reporter, 'Rahasia: ada pungutan liar di loket jembatan timbang', 'rahasia');
    await visit(pub, `/pengaduan/${secret}`, { status: 404 });
    await visit(pub, '/pengaduan');
    const list = (await pub.locator('main').textContent())!;
    expect(list).toContain(id);
    expect(list).not.toContain(secret);
    const feedHref = await pub.locator('main a[rel="alternate"]').getAttribute('href');
    const feed = await (await fetch(`${g.url}${feedHref}`)).text();
    expect(feed).toContain(id);
    expect(feed).not.toContain(secret);
    const open311 = await (await fetch(`${g.url}/open311/v2/requests.json`)).text();
    expect(open311).not.toContain(secret);
  });

  it('/pengaduan/baru is a small page: HTML and stylesheet under 30 KB compressed', async (t) => {
    if (!(await g.has('/pengaduan/baru'))) return t.skip();
    const html = await (await fetch(`${g.url}/pengaduan/baru`)).text();
    const css = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);
    expect(css.length).toBeGreaterThan(0);
    let bytes = 0;
    for (const path of ['/pengaduan/baru', ...css]) {
      const res = await fetch(`${g.url}${path}`, { headers: { 'accept-encoding': 'gzip' } });
      const body = new Uint8Array(await res.arrayBuffer());
      // content-length is the compressed size; fetch hands back the decompressed body
      bytes += Number(res.headers.get('content-length') ?? body.byteLength);
    }
    expect(bytes).toBeLessThan(30 * 1024);
  });
});
