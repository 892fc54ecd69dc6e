// Applying for a letter in a real browser with JavaScript off, on a 360 px phone: a citizen registers
// (with their NIK, so it is never asked again), applies for a surat keterangan domisili with the
// required attachments, gets the tracking number and PIN, tracks it on /lacak without signing in and
// finds it in /akun/permohonan. Axe checks every page; each apply page stays small.
import { describe, expect, it } from 'vitest';
import { follow, visit } from './browser.ts';
import { useGapura } from './gapura.ts';
import { minimalPdf, png } from '../../src/platform/files/test-fixtures.ts';

const g = useGapura();
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, javaScriptEnabled: false };
const SERVICE = '/layanan/surat-keterangan-domisili';

describe('applying for a service (/layanan/{slug}/ajukan)', () => {
  it('registers, applies with attachments without JavaScript, tracks it on /lacak and sees it in /akun/permohonan', async (t) => {
    if (!(await g.has(SERVICE))) return t.skip();
    const page = await g.page(PHONE);
    await visit(page, '/daftar');
    await page.locator('input[name="name"]').fill('Dewi Lestari');
    await page.locator('input[name="email"]').fill('dewi.layanan.e2e@contoh.id');
    await page.locator('input[name="nik"]').fill('1671016208950003');
    await page.locator('input[name="password"]').fill('sungai musi pagi hari');
    await follow(page, () => page.locator('main form[action="/daftar"] button[type="submit"]').click());

    await visit(page, SERVICE);
    await follow(page, () => page.locator(`main a[href="${SERVICE}/ajukan"]`).click());
    const small = async () => {
      expect(Buffer.byteLength(await page.content())).toBeLessThan(30_000);
      expect(await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)).toBe(false);
    };
    const next = () => follow(page, () => page.locator('main button[value="lanjut"]').click());
    const pick = async () => {
      const v = await page.locator('#f-unit option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean)[0]);
      await page.locator('#f-unit').selectOption(v);
    };
    expect(new URL(page.url()).pathname).toBe(`${SERVICE}/ajukan/kecamatan`);
    await small();
    await pick();
    await next();
    await pick();
    await next();
    // page 1: the name and NIK come from the account
    expect(await page.locator('main').textContent()).toContain('Dewi Lestari');
    expect(await page.locator('input[name="nik"]').count()).toBe(0);
    await small();
    await page.locator('#f-tempat_lahir').fill('Palembang');
    await page.locator('#f-tanggal_lahir').fill('1995-08-22');
    await page.locator('#f-jenis_kelamin').selectOption('Perempuan');
    await page.locator('#f-pekerjaan').fill('Guru');
    await page.locator('#f-alamat').fill('Jl. Sudirman No. 5, RT 03/RW 01');
    await next();
    await page.locator('#f-lama_tinggal').fill('3 tahun');
    await page.locator('#f-keperluan').fill('Melamar pekerjaan');
    await next();
    const image = await png();
    await page.locator('#f-pengantar_rt').setInputFiles({ name: 'pengantar-rt.png', mimeType: 'image/png', buffer: image });
    await page.locator('#f-ktp').setInputFiles({ name: 'ktp.pdf', mimeType: 'application/pdf', buffer: minimalPdf() });
    await page.locator('#f-kk').setInputFiles({ name: 'kk.png', mimeType: 'image/png', buffer: image });
    await next();
    expect(new URL(page.url()).pathname).toBe(`${SERVICE}/ajukan/periksa`);
    await small();
    expect(await page.locator('main').textContent()).toContain('Melamar pekerjaan');
    await page.locator('#f-pernyataan').check();
    await follow(page, () => page.locator('main form button[type="submit"]').click());
    const done = (await page.locator('main').textContent()) ?? '';
    const tracking = /LYN-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(done)?.[0];
    const pin = /PIN\s*(\d{6})/.exec(done)?.[1];
    expect(tracking).toBeTruthy();
    expect(pin).toBeTruthy();

    // anyone with the number and PIN, no account
    const other = await g.page(PHONE);
    await visit(other, '/lacak');
    await other.locator('#f-nomor').fill(tracking!.toLowerCase());
    await other.locator('#f-pin').fill(pin!);
    await follow(other, () => other.locator('main form[action="/lacak"] button[type="submit"]').click(), { status: 200 });
    expect(await other.locator('main').textContent()).toContain('Diajukan');

    await visit(page, '/akun/permohonan');
    await follow(page, () => page.locator(`main a[href="/akun/permohonan/${tracking}"]`).click());
    const detail = (await page.locator('main').textContent()) ?? '';
    expect(detail).toContain('Melamar pekerjaan');
    expect(detail).toContain('pengantar-rt.png');
  });
});
