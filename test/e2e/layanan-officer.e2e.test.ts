// The counter in a real browser on a 360 px phone: the demo officer ('petugas') files an application
// for a walk-in citizen and prints the receipt (tracking number + PIN); the citizen later makes an
// account with their NIK and claims it into /akun/permohonan with the number and PIN. (Verifying,
// signing, the letter and /cek are the flow of layanan-apply.e2e.test.ts.) Axe checks every page
// visited (browser.ts); no page is wider than the screen.
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

describe('the counter (/petugas/permohonan/baru) and the claim (/akun/permohonan/klaim)', () => {
  it('the officer files for a walk-in citizen and prints the receipt; the citizen claims it into their account', async (t) => {
    const officer = g.staff.find((s) => s.email.startsWith('petugas@'));
    if (!officer || !(await g.has('/layanan'))) return t.skip();
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
    const pin = /PIN\s*(\d{3}) (\d{3})/.exec(receipt ?? '')?.slice(1).join('');
    expect(tracking).toBeTruthy();
    expect(pin).toMatch(/^\d{6}$/);
    await fits(page);

    // the walk-in makes an account with the NIK given at the counter and claims the application
    const citizen = await g.page(PHONE);
    await visit(citizen, '/daftar');
    await citizen.locator('input[name="name"]').fill('Siti Aminah');
    await citizen.locator('input[name="email"]').fill('siti.loket.e2e@contoh.id');
    await citizen.locator('input[name="nik"]').fill('1671014501900001');
    await citizen.locator('input[name="password"]').fill('pasar enam belas ilir');
    await follow(citizen, () => citizen.locator('main form[action="/daftar"] button[type="submit"]').click());
    await visit(citizen, '/akun/permohonan/klaim');
    await citizen.locator('#f-nomor').fill(tracking!);
    await citizen.locator('#f-pin').fill(pin!);
    await follow(citizen, () => citizen.locator('main form[action="/akun/permohonan/klaim"] button[type="submit"]').click());
    await fits(citizen);
    await visit(citizen, '/akun/permohonan');
    await follow(citizen, () => citizen.locator(`main a[href="/akun/permohonan/${tracking}"]`).click());
    expect(await citizen.locator('main').textContent()).toContain('Membuka rekening bank');
  });
});
