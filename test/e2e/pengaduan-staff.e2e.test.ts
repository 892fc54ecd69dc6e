// The complaint back office in a real browser on a 360 px phone: the kecamatan admin files a
// complaint for a caller (operator page), the kelurahan officer verifies it with a response
// template, starts and reports the follow-up with a photo, and the kecamatan — the supervising unit
// — accepts it. Axe checks every page visited; nothing is wider than the screen.
import { generate } from 'otplib';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { follow, visit } from './browser.ts';
import { useGapura } from './gapura.ts';
import type { DemoStaff } from './server.ts';

const g = useGapura();
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const fits = async (p: Page) => expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

/** Sign in through the forms (password, then the authenticator code for accounts that have one). */
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

async function step(page: Page, path: string, fill?: () => Promise<void>) {
  const form = page.locator(`main form[action$="/${path}"]`);
  await page.locator('main details', { has: page.locator(`form[action$="/${path}"]`) }).locator('summary').click();
  await fill?.();
  await follow(page, () => form.locator('button[type="submit"]').click());
}

describe('pengaduan back office (/petugas/pengaduan)', () => {
  it('operator files, the kelurahan officer handles it, the kecamatan validates', async (t) => {
    const kecamatan = g.staff.find((s) => s.role === 'unit_admin');
    const officer = g.staff.find((s) => s.role === 'officer');
    if (!kecamatan || !officer || !(await g.has('/petugas/pengaduan'))) return t.skip();

    // 1. the kecamatan's counter files a caller's complaint
    const admin = await g.page(PHONE);
    await staffSignIn(admin, kecamatan, '/petugas/pengaduan/baru');
    await fits(admin);
    await admin.locator('#f-channel').selectOption('call_center');
    await admin.locator('#f-category').selectOption('pelayanan-publik');
    // the first kelurahan by code: the demo officer's
    await admin.locator('#f-kelurahan').selectOption({ index: 1 });
    await admin.locator('#f-description').fill('Penelepon: antrean KTP-el di kantor kelurahan tidak dilayani sejak pagi.');
    await admin.locator('#f-phone').fill('0812 3456 7890');
    await follow(admin, () => admin.locator('main form[action="/petugas/pengaduan/baru"] button[type="submit"]').click());
    const publicId = (await admin.locator('main .tracking-id').textContent())!.trim();
    expect(publicId).toMatch(/^PGD-/);

    // 2. the kelurahan officer: queue → complaint → verify with a template, start, follow-up with a photo
    const page = await g.page(PHONE);
    await staffSignIn(page, officer, '/petugas/pengaduan');
    await fits(page);
    await follow(page, () => page.locator('main a', { hasText: publicId }).click());
    const detail = new URL(page.url()).pathname;
    if ((await page.locator('#f-templat option').count()) > 1) {
      await page.locator('#f-templat').selectOption({ index: 1 });
      await follow(page, () => page.locator('main form.template-pick button[type="submit"]').click());
    }
    await step(page, 'verifikasi', async () => {
      if (!(await page.locator('#f-verify_note').inputValue())) await page.locator('#f-verify_note').fill('Pengaduan benar, kami tangani.');
    });
    expect(new URL(page.url()).pathname).toBe(detail);
    await step(page, 'proses');
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 20, g: 120, b: 40 } } }).jpeg().toBuffer();
    await step(page, 'tindak-lanjut', async () => {
      await page.locator('#f-follow_up_note').fill('Loket dibuka kembali, petugas tambahan ditempatkan.');
      await page.locator('#f-photos').setInputFiles({ name: 'loket.jpg', mimeType: 'image/jpeg', buffer: photo });
    });
    await expect(page.locator('main').textContent()).resolves.toContain('Tindak lanjut dilaporkan');
    expect(await page.locator('main .timeline img').count()).toBe(1);
    await fits(page);

    // 3. the supervising unit accepts the follow-up
    await visit(admin, '/petugas/pengaduan');
    await follow(admin, () => admin.locator('main a', { hasText: publicId }).click());
    await step(admin, 'terima');
    await expect(admin.locator('main p strong').first().textContent()).resolves.toBe('Selesai');
    await fits(admin);
  });
});
