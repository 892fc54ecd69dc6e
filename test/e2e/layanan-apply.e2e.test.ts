// The whole flow of issue 8 in a real browser on a 360 px phone. A citizen registers (with their NIK, so
// it is never asked again) and, with JavaScript off, applies for a surat keterangan domisili at the demo
// officer's kelurahan with the required attachments, gets the tracking number and PIN, tracks it on
// /lacak without signing in and finds it in /akun/permohonan. The officer of that kelurahan ('petugas')
// verifies it, the lurah approves and signs; the officer of another kelurahan ('petugas.lain', layanan's
// demo hook) sees it neither in the queue nor by its address. The citizen downloads the letter, /cek
// confirms it and says the downloaded file is byte for byte the issued one; the citizen rates the
// service (IKM) and the service page then shows the IKM of 1 respondent. Axe checks every page.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { follow, visit } from './browser.ts';
import { useGapura } from './gapura.ts';
import { minimalPdf, png } from '../../src/platform/files/test-fixtures.ts';

const g = useGapura();
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, javaScriptEnabled: false };
const SERVICE = '/layanan/surat-keterangan-domisili';

async function signIn(page: Page, who: { email: string; password: string }, back: string) {
  await visit(page, `/petugas/masuk?kembali=${encodeURIComponent(back)}`);
  await page.locator('input[name="email"]').fill(who.email);
  await page.locator('input[name="password"]').fill(who.password);
  await follow(page, () => page.locator('main form[action="/petugas/masuk"] button[type="submit"]').click());
  expect(new URL(page.url()).pathname).toBe(back);
}

describe('applying for a service (/layanan/{slug}/ajukan)', () => {
  it('citizen applies without JavaScript, the kelurahan verifies and signs, the citizen downloads, verifies and rates it', async (t) => {
    const officer = g.staff.find((s) => s.email.startsWith('petugas@'));
    const lurah = g.staff.find((s) => s.email.startsWith('lurah@'));
    const stranger = g.staff.find((s) => s.email.startsWith('petugas.lain@'));
    if (!officer || !lurah || !stranger || !(await g.has(SERVICE))) return t.skip();
    // the units of the demo officer, as the staff module printed them: "Staff (role, unit): …"
    const unitOf = (role: string) => new RegExp(`^Staff \\(${role}, (.+)\\): `, 'm').exec(g.server.stdout())?.[1];
    const kecamatan = unitOf('unit_admin');
    const kelurahan = unitOf('officer');
    expect(kecamatan && kelurahan).toBeTruthy();
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
    expect(new URL(page.url()).pathname).toBe(`${SERVICE}/ajukan/kecamatan`);
    await small();
    await page.locator('#f-unit').selectOption({ label: kecamatan! });
    await next();
    await page.locator('#f-unit').selectOption({ label: kelurahan! });
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

    // the officer of that kelurahan verifies it (JavaScript on), the lurah approves and signs
    const JS = { ...PHONE, javaScriptEnabled: true };
    const desk = await g.page(JS);
    await signIn(desk, officer, '/petugas/permohonan');
    await follow(desk, () => desk.locator('main a', { hasText: tracking! }).click());
    const staffPath = new URL(desk.url()).pathname;
    await follow(desk, () => desk.locator('main form:has(input[name="aksi"][value="verify"]) button').click());
    await expect(desk.locator('main .notice').textContent()).resolves.toContain('sudah diverifikasi');
    const signer = await g.page(JS);
    await signIn(signer, lurah, staffPath);
    await follow(signer, () => signer.locator('main form:has(input[name="aksi"][value="approve"]) button').click());
    await follow(signer, () => signer.locator('main form:has(input[name="aksi"][value="sign"]) button').click());
    await expect(signer.locator('main .notice').textContent()).resolves.toContain('ditandatangani');

    // an officer of another kelurahan: not in the queue, and its address is 404 as if it did not exist
    const outsider = await g.page(JS);
    await signIn(outsider, stranger, '/petugas/permohonan');
    expect(await outsider.locator('main').textContent()).not.toContain(tracking);
    await visit(outsider, staffPath, { status: 404 });

    // the citizen downloads the letter; /cek confirms it and that the file is the issued one, byte for byte
    await visit(page, `/akun/permohonan/${tracking}`);
    expect(await page.locator('main').textContent()).toContain('Selesai, surat sudah terbit');
    const pdf = await page.request.get(`/akun/permohonan/${tracking}/surat.pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const letter = await pdf.body();
    expect(letter.subarray(0, 5).toString()).toBe('%PDF-');
    await follow(page, () => page.locator('main a[href^="/cek/"]').click());
    expect(await page.locator('main').textContent()).toContain('Dokumen ini asli');
    await page.locator('input[name="berkas"]').setInputFiles({ name: 'surat.pdf', mimeType: 'application/pdf', buffer: letter });
    await follow(page, () => page.locator('main form[enctype="multipart/form-data"] button[type="submit"]').click(), { status: 200 });
    expect(await page.locator('main').textContent()).toContain('SAMA PERSIS');

    // invited to rate once the decision's event is handled (the job worker, about a second)
    // (polled without the browser's page and its axe check; then shown once)
    await expect.poll(async () => (await (await page.request.get(`/akun/permohonan/${tracking}`)).text()).includes('href="/penilaian/'), { timeout: 15_000, interval: 300 }).toBe(true);
    await visit(page, `/akun/permohonan/${tracking}`);
    await follow(page, () => page.locator('main a[href^="/penilaian/"]').click());
    await small();
    for (const [n, v] of ['4', '4', '3', '4', '4', '4', '4', '3', '4'].entries()) await page.locator(`#f-u${n + 1}-${v}`).check();
    await page.locator('#f-comment').fill('Cepat dan ramah.');
    await follow(page, () => page.locator('main form button[type="submit"]').click(), { status: 200 });
    expect(await page.locator('main .notice').textContent()).toContain('Terima kasih');
    await visit(page, `/akun/permohonan/${tracking}`);
    expect(await page.locator('main a[href^="/penilaian/"]').count()).toBe(0);
    // (4×7 + 3×2)/9 × 25 = 94,44; read signed in (anonymous pages may be up to 5 s old, ADR 013)
    await visit(page, SERVICE);
    expect(await page.locator('main').textContent()).toMatch(/IKM 94,44 \(mutu A\) dari 1 responden/);
  });
});
