// Complaints in a real browser on a 360 px phone with JavaScript off: an anonymous reporter files a
// report with a GPS-tagged photo in two pages and gets the tracking id and follow link; it reaches
// PUPR; an officer verifies it with a response, reports and validates the follow-up; the public page
// shows the responses without identity and the photo without EXIF; the reporter, by the follow link,
// says "belum selesai" and it reopens; a rahasia report is absent from the list, the Atom feed and
// Open311 GET. With JavaScript on and the tile server unreachable, the map still pins the report.
// Axe checks every page visited (and the opened maps).
import { generate } from 'otplib';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkA11y, follow, visit } from './browser.ts';
import { useGapura } from './gapura.ts';
import type { DemoStaff } from './server.ts';

// CI has no internet: point the tiles at a closed port, the pages must work without them
const g = useGapura({ env: { PENGADUAN_MAP_TILES_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png' } });
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, javaScriptEnabled: false };
const PHONE_JS = { ...PHONE, javaScriptEnabled: true };

// The officer's pages are axe-checked in pengaduan-staff.e2e.test.ts: here they are only driven.
async function go(page: Page, action: () => Promise<unknown>) {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the navigation's response is wanted
  const [res] = await Promise.all([page.waitForNavigation(), action()]);
  expect(res?.status()).toBe(200);
}

async function staffSignIn(page: Page, who: DemoStaff, next: string) {
  await page.goto(`/petugas/masuk?kembali=${encodeURIComponent(next)}`);
  await page.locator('input[name="email"]').fill(who.email);
  await page.locator('input[name="password"]').fill(who.password);
  await go(page, () => page.locator('main form[action="/petugas/masuk"] button[type="submit"]').click());
  if (who.totpSecret) {
    await page.locator('input[name="code"]').fill(await generate({ secret: who.totpSecret }));
    await go(page, () => page.locator('main form[action="/petugas/masuk/kode"] button[type="submit"]').click());
  }
  expect(new URL(page.url()).pathname).toBe(next);
}

/** One officer step on the complaint page: open its <details>, fill, submit. */
async function step(page: Page, path: string, fill?: () => Promise<void>) {
  const form = page.locator(`main form[action$="/${path}"]`);
  await page.locator('main details', { has: page.locator(`form[action$="/${path}"]`) }).locator('summary').click();
  await fill?.();
  await go(page, () => form.locator('button[type="submit"]').click());
}

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
async function file(page: Page, text: string, privacy: 'anonim' | 'rahasia', photo?: Buffer, onPageTwo?: () => Promise<void>): Promise<string> {
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
  await onPageTwo?.();
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
    const followLink = new URL(reporter.url()).pathname;
    // routed by the pack's rule: jalan rusak → PUPR
    expect(await reporter.locator('main').textContent()).toContain('(PUPR)');

    // an officer (the platform admin here: PUPR has no demo account) answers, reports the follow-up, validates it
    const admin = g.staff.find((s) => s.role === 'platform_admin');
    if (admin) {
      const officer = await g.page({ ...PHONE_JS });
      await staffSignIn(officer, admin, '/petugas/pengaduan');
      await go(officer, () => officer.locator('main a', { hasText: id }).click());
      await step(officer, 'verifikasi', () => officer.locator('#f-verify_note').fill('Tim PUPR meninjau lokasi minggu ini.'));
      await step(officer, 'proses');
      await step(officer, 'tindak-lanjut', () => officer.locator('#f-follow_up_note').fill('Lubang sudah ditambal dengan aspal.'));
      await step(officer, 'terima');
      expect(await officer.locator('main').textContent()).toContain('Selesai');
    }

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
    if (admin) {
      // the responses are public, the officer is not named
      expect(main).toContain('Tim PUPR meninjau lokasi minggu ini.');
      expect(main).toContain('Lubang sudah ditambal dengan aspal.');
      expect(main).not.toContain('Admin Diskominfo');
      // the reporter says it is not fixed: reopened, with the reason in public
      await visit(reporter, followLink);
      await reporter.locator('#f-selesai-belum').check();
      await reporter.locator('#f-alasan').fill('Lubang di sisi kiri jalan masih ada.');
      await follow(reporter, () => reporter.locator('main form button[type="submit"]').last().click(), { status: 200 });
      await visit(pub, `/pengaduan/${id}`);
      const after = (await pub.locator('main').textContent())!;
      expect(after).toContain('Dibuka kembali');
      expect(after).toContain('Lubang di sisi kiri jalan masih ada.');
    }

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

  it('with JavaScript on and no tiles, the map pins the report into the form and shows it on /pengaduan', async (t) => {
    if (!(await g.has('/pengaduan/baru'))) return t.skip();
    const page = await g.page(PHONE_JS);
    const id = await file(page, 'Drainase tersumbat, air menggenang setiap hujan', 'anonim', undefined, async () => {
      // the map script is not part of the page until asked for
      expect(await page.evaluate(() => 'GapuraPeta' in window)).toBe(false);
      await page.getByRole('button', { name: 'Tandai di peta' }).click();
      const map = page.getByRole('group', { name: 'Peta untuk menandai lokasi' });
      await map.waitFor();
      await page.getByText('Gambar peta tidak dapat dimuat', { exact: false }).waitFor();
      await map.tap({ position: { x: 120, y: 90 } });
      await expect(page.locator('[data-peta-pesan]').textContent()).resolves.toMatch(/^Titik dipilih: -?\d/);
      await checkA11y(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    });
    const [req] = (await (await fetch(`${g.url}/open311/v2/requests/${id}.json`)).json()) as { lat: number; long: number }[];
    expect(req.lat).toBeGreaterThan(-3.12);
    expect(req.lat).toBeLessThan(-2.83);
    expect(req.long).toBeGreaterThan(104.58);
    await visit(page, '/pengaduan');
    await page.getByRole('button', { name: 'Tampilkan peta' }).click();
    await page.getByRole('group', { name: 'Peta laporan' }).waitFor();
    expect(await page.locator(`#peta-laporan a[aria-label^="${id}"]`).count()).toBe(1);
    await checkA11y(page);
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
