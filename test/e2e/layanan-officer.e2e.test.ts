// Processing in a real browser on a 360 px phone: the demo officer ('petugas') files an application
// at the counter for a walk-in citizen and prints the receipt (tracking number + PIN), verifies it;
// the demo lurah approves and signs; the letter is issued and /cek confirms it. Axe checks every
// page visited (browser.ts); no page is wider than the screen.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { follow, visit } from './browser.ts';
import { useGapura } from './gapura.ts';

const g = useGapura();
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

async function signIn(page: Page, who: { email: string; password: string }, back: string) {
  await visit(page, `/petugas/masuk?kembali=${encodeURIComponent(back)}`);
  await page.locator('input[name="email"]').fill(who.email);
  await page.locator('input[name="password"]').fill(who.password);
  await follow(page, () => page.locator('main form[action="/petugas/masuk"] button[type="submit"]').click());
  expect(new URL(page.url()).pathname).toBe(back);
}
const fits = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

describe('processing applications (/petugas/permohonan)', () => {
  it('counter application by the officer, verified, signed by the lurah, issued and confirmed on /cek', async (t) => {
    const officer = g.staff.find((s) => s.role === 'officer');
    const lurah = g.staff.find((s) => s.role === 'approver');
    if (!officer || !lurah || !(await g.has('/layanan'))) return t.skip();
    const page = await g.page(PHONE);
    await signIn(page, officer, '/petugas/permohonan');
    await fits(page);
    await follow(page, () => page.locator('main a[href="/petugas/permohonan/baru"]').click());
    await follow(page, () => page.locator('main a[href="/petugas/permohonan/baru/surat-keterangan-domisili"]').click());
    await page.locator('#f-pemohon_nama').fill('Siti Aminah');
    await page.locator('#f-pemohon_nik').fill('1671 0145 0190 0001');
    await page.locator('#f-f_tempat_lahir').fill('Palembang');
    await page.locator('#f-f_tanggal_lahir').fill('1990-01-05');
    await page.locator('#f-f_jenis_kelamin').selectOption('Perempuan');
    await page.locator('#f-f_pekerjaan').fill('Pedagang');
    await page.locator('#f-f_alamat').fill('Jl. Merdeka No. 1, RT 01/RW 02');
    await page.locator('#f-f_lama_tinggal').fill('5 tahun');
    await page.locator('#f-f_keperluan').fill('Membuka rekening bank');
    await follow(page, () => page.locator('main form button[type="submit"]').click());
    expect(new URL(page.url()).pathname).toMatch(/^\/petugas\/permohonan\/\d+\/tanda-terima$/);
    const receipt = await page.locator('main .receipt').textContent();
    const tracking = /LYN-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/.exec(receipt ?? '')?.[0];
    expect(tracking).toBeTruthy();
    expect(receipt).toMatch(/PIN\s*\d{3} \d{3}/);
    await fits(page);

    await follow(page, () => page.locator('main a', { hasText: 'Buka permohonan' }).click());
    const detail = new URL(page.url()).pathname;
    await follow(page, () => page.locator('main form:has(input[name="aksi"][value="verify"]) button').click());
    await expect(page.locator('main .notice').textContent()).resolves.toContain('sudah diverifikasi');
    await fits(page);

    const signer = await g.page(PHONE);
    await signIn(signer, lurah, '/petugas/permohonan');
    await expect(signer.locator('main table').textContent()).resolves.toContain(tracking);
    await follow(signer, () => signer.locator('main a', { hasText: tracking! }).click());
    expect(new URL(signer.url()).pathname).toBe(detail);
    await follow(signer, () => signer.locator('main form:has(input[name="aksi"][value="approve"]) button').click());
    await follow(signer, () => signer.locator('main form:has(input[name="aksi"][value="sign"]) button').click());
    await expect(signer.locator('main .notice').textContent()).resolves.toContain('ditandatangani');
    await expect(signer.locator('main dl.summary').first().textContent()).resolves.toContain('Selesai, surat terbit');
    await fits(signer);

    await follow(signer, () => signer.locator('main a[href^="/cek/"]').click());
    await expect(signer.locator('main').textContent()).resolves.toContain('Dokumen ini asli');
  });
});
