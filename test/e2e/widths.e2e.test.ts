// A 360 px phone and the widest values the forms accept (the zod schemas' maximum lengths, as one
// unbroken word where that is the worst case): no page gets wider than the screen — long words
// wrap, tables scroll inside their own box — and every page still passes the axe check.
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { follow, visit } from './browser.ts';
import { useGapura } from './gapura.ts';

const g = useGapura();
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const PASSWORD = 'jembatan ampera malam hari';

/** `n` characters of one word, no space to break at */
const word = (seed: string, n: number) => seed.repeat(Math.ceil(n / seed.length)).slice(0, n);
/** an address of exactly `n` characters that the form's rule accepts */
const email = (seed: string, domain: string, n: number) => `${word(seed, n - domain.length - 1)}@${domain}`;

async function fits(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${new URL(page.url()).pathname} is ${width} px wide`).toBeLessThanOrEqual(360);
}
async function visitFits(page: Page, path: string, opts: { status?: number } = {}) {
  await visit(page, path, opts);
  await fits(page);
}
async function submitFits(page: Page, form: string, opts: { status?: number } = {}) {
  await follow(page, () => page.locator(`main form[action="${form}"] button[type="submit"]`).first().click(), opts);
  await fits(page);
}

describe('a 360 px phone with the widest values the forms accept', () => {
  it('public pages', async () => {
    const page = await g.page(PHONE);
    for (const path of ['/', '/instansi', '/instansi/16.71', '/instansi/16.71.opd.dpmptsp', '/hari-libur', '/cari?q=ilir', '/cari?q=ilir&halaman=2', '/daftar', '/masuk', '/lupa-sandi', '/petugas/masuk']) {
      await visitFits(page, path);
    }
    await visitFits(page, `/cari?q=${word('panjang', 200)}`);
    // the header is two rows, not four: at most 120 of the 740 px
    await visit(page, '/');
    expect(await page.locator('header.site').evaluate((h) => h.getBoundingClientRect().height)).toBeLessThanOrEqual(120);
  });

  it('a citizen with a 200-character name and a 200-character email: registration, verification, account pages', async () => {
    const page = await g.page(PHONE);
    const name = word('Sriwijaya', 200);
    const mail = email('rinamarlina', 'contoh.go.id', 200);
    await visitFits(page, '/daftar');
    await page.locator('input[name="name"]').fill(name);
    await page.locator('input[name="email"]').fill(mail);
    await page.locator('input[name="phone"]').fill('0812-3456-7890-1');
    await page.locator('input[name="password"]').fill('pendek');
    await submitFits(page, '/daftar', { status: 422 }); // the error page keeps the long values
    await page.locator('input[name="password"]').fill(PASSWORD);
    await submitFits(page, '/daftar');
    expect(new URL(page.url()).pathname).toBe('/verifikasi');
    for (const path of ['/akun', '/akun/ubah', '/akun/sandi', '/akun/hapus']) await visitFits(page, path);
    expect(await page.goto('/akun').then(() => page.locator('main').textContent())).toContain(name);
  });

  it('the back office: own account, a staff member and a unit with the widest values, their lists, outbox and audit', async (t) => {
    const admin = g.staff.find((s) => s.role === 'platform_admin');
    if (!admin) return t.skip();
    const page = await g.page(PHONE);
    await visitFits(page, '/petugas/masuk');
    await page.locator('input[name="email"]').fill(admin.email);
    await page.locator('input[name="password"]').fill(admin.password);
    await submitFits(page, '/petugas/masuk');
    await page.locator('input[name="code"]').fill(await generate({ secret: admin.totpSecret! }));
    await submitFits(page, '/petugas/masuk/kode');
    await visitFits(page, '/petugas');
    await visitFits(page, '/petugas/akun');

    // a staff member: name and email at their 200-character limits
    const staffName = word('Palembangdarussalam', 200);
    await visitFits(page, '/petugas/staf/baru');
    await page.locator('input[name="name"]').fill(staffName);
    await page.locator('input[name="email"]').fill(email('petugaskelurahan', 'diskominfo.palembang.go.id', 200));
    await page.locator('input[name="roles"][value="officer"]').check();
    await page.locator('select[name="unit"]').selectOption({ index: 1 });
    await submitFits(page, '/petugas/staf/baru');
    await visitFits(page, '/petugas/staf');
    await follow(page, () => page.locator('main a', { hasText: staffName.slice(0, 40) }).first().click());
    await fits(page);

    // a unit: every field at its limit
    const unitName = word('Kelurahanpalingpanjang', 200);
    const code = `16.71.opd.${word('unit', 70)}`;
    await visitFits(page, '/petugas/unit/baru');
    await page.locator('input[name="code"]').fill(code);
    await page.locator('input[name="name"]').fill(unitName);
    await page.locator('select[name="kind"]').selectOption('opd');
    await page.locator('select[name="parent"]').selectOption('16.71');
    await page.locator('textarea[name="address"]').fill(word('Jalanmerdeka', 500));
    await page.locator('input[name="phone"]').fill(`+6${'2'.repeat(19)}`);
    await page.locator('input[name="whatsapp"]').fill(`+6${'8'.repeat(19)}`);
    await page.locator('input[name="email"]').fill(email('kantorunit', 'palembang.go.id', 200));
    await page.locator('input[name="website"]').fill(`https://palembang.go.id/${word('halaman', 276)}`);
    await page.locator('input[name="source"]').fill(word('Sumberdata', 300));
    await submitFits(page, '/petugas/unit/baru');
    expect(new URL(page.url()).search).toBe('?pesan=dibuat');
    await visitFits(page, `/petugas/unit/${code}`);
    await visitFits(page, '/petugas/unit/impor');
    for (const path of [`/instansi/${code}`, '/instansi', `/cari?q=${unitName.slice(0, 30)}`]) await visitFits(page, path);

    for (const path of ['/petugas/branding', '/petugas/kalender', '/petugas/outbox', '/petugas/audit']) {
      if (!(await g.has(path))) continue;
      await visitFits(page, path);
    }
  });
});
