// A citizen in a real browser: registers (after one mistake, which keeps what they typed), reads the
// verification code — in the demo the platform admin finds it in /petugas/outbox, as the README says —
// verifies, sees their account, signs out and in again (with the verified email), downloads their data and deletes the account.
// Every page is checked with axe.
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { follow, visit } from './browser.ts';
import { useGapura } from './gapura.ts';

const g = useGapura();
const EMAIL = 'rina.e2e@contoh.id';
const PASSWORD = 'jembatan ampera malam hari';

describe('citizen account', () => {
  it('registers, verifies with the code from the outbox, signs out and in, and erases the account', async () => {
    const page = await g.page();
    await visit(page, '/');
    await follow(page, () => page.locator('header a[href="/masuk"]').click());
    await follow(page, () => page.locator('main a[href="/daftar"]').click());

    // one mistake: a short password; everything else stays as typed
    await page.locator('input[name="name"]').fill('Rina Marlina');
    await page.locator('input[name="email"]').fill(EMAIL);
    await page.locator('input[name="phone"]').fill('0812 7777 8888');
    await page.locator('input[name="password"]').fill('pendek');
    await follow(page, () => page.locator('main form[action="/daftar"] button[type="submit"]').click(), { status: 422 });
    expect(await page.locator('.error-summary').textContent()).toContain('minimal 10 karakter');
    expect(await page.locator('input[name="email"]').inputValue()).toBe(EMAIL);
    expect(await page.locator('input[name="password"]').getAttribute('aria-invalid')).toBe('true');
    await page.locator('input[name="password"]').fill(PASSWORD);
    await follow(page, () => page.locator('main form[action="/daftar"] button[type="submit"]').click());
    expect(new URL(page.url()).pathname).toBe('/verifikasi');

    // the admin reads the code in the outbox (no SMTP server in the demo)
    const admin = g.staff.find((s) => s.role === 'platform_admin');
    expect(admin?.totpSecret).toBeTruthy();
    const office = await g.page();
    await visit(office, '/petugas/masuk?kembali=%2Fpetugas%2Foutbox');
    await office.locator('input[name="email"]').fill(admin!.email);
    await office.locator('input[name="password"]').fill(admin!.password);
    await follow(office, () => office.locator('main form[action="/petugas/masuk"] button[type="submit"]').click());
    await office.locator('input[name="code"]').fill(await generate({ secret: admin!.totpSecret! }));
    await follow(office, () => office.locator('main form[action="/petugas/masuk/kode"] button[type="submit"]').click());
    expect(new URL(office.url()).pathname).toBe('/petugas/outbox');
    // the list shows the code masked; the message itself shows it, since the outbox is the demo's
    // delivery channel (never in production: docs/decisions/015)
    await follow(office, () => office.locator('main table tr', { hasText: EMAIL }).first().locator('a').click());
    expect(await office.locator('main').textContent()).toContain('Saluran pengembangan');
    const body = await office.locator('main pre.message-body').textContent();
    const code = /(\d{6})/.exec(body ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);

    await page.locator('input[name="code"]').fill(code!);
    await follow(page, () => page.locator('main form[action="/verifikasi"] button[type="submit"]').click());
    // the phone number is next; it can wait
    expect(new URL(page.url()).pathname).toBe('/verifikasi');
    await follow(page, () => page.locator('main a[href="/akun"]').click());
    expect(await page.locator('main').textContent()).toContain('Rina Marlina');

    // sign out; the unverified phone number signs nobody in, the verified email does
    await follow(page, () => page.locator('header form[action="/keluar"] button').click());
    expect(new URL(page.url()).pathname).toBe('/');
    await visit(page, '/masuk');
    await page.locator('input[name="identifier"]').fill('+62 812-7777-8888');
    await page.locator('input[name="password"]').fill(PASSWORD);
    await follow(page, () => page.locator('main form[action="/masuk"] button[type="submit"]').click(), { status: 401 });
    await page.locator('input[name="identifier"]').fill(EMAIL);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await follow(page, () => page.locator('main form[action="/masuk"] button[type="submit"]').click());
    expect(new URL(page.url()).pathname).toBe('/akun'); // the email is verified: the number can wait
    expect(await page.locator('main').textContent()).toContain('belum terverifikasi');

    await visit(page, '/akun/ubah');
    await visit(page, '/akun/sandi');
    const download = await page.request.get(`${g.url}/akun/data`);
    expect(download.status()).toBe(200);
    expect((await download.json()).account.profile.email).toBe(EMAIL);

    await visit(page, '/akun/hapus');
    await page.locator('input[name="password"]').fill(PASSWORD);
    await follow(page, () => page.locator('main form[action="/akun/hapus"] button[type="submit"]').click());
    expect(await page.locator('h1').textContent()).toBe('Akun Anda sudah dihapus');
    await visit(page, '/akun');
    expect(new URL(page.url()).pathname).toBe('/masuk');
  });

  it('the demo citizen printed at first start can sign in', async () => {
    const m = g.server.stdout().match(/^Citizen: (\S+@\S+)\s+password: (\S+)/m);
    expect(m).toBeTruthy();
    const page = await g.page();
    await visit(page, '/masuk');
    await page.locator('input[name="identifier"]').fill(m![1]);
    await page.locator('input[name="password"]').fill(m![2]);
    await follow(page, () => page.locator('main form[action="/masuk"] button[type="submit"]').click());
    expect(new URL(page.url()).pathname).toBe('/akun');
    await visit(page, '/lupa-sandi');
  });
});
