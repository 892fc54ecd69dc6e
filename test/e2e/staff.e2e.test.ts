// The staff back office in a real browser: the demo platform admin signs in with password and a
// code from the authenticator (computed here with otplib from the secret the server printed at
// first start), walks every back-office page that exists, makes one audited change, and signs out.
// An officer without admin rights is refused the admin pages. Every page is checked with axe.
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { crawl, follow, visit } from './browser.ts';
import { useGapura } from './gapura.ts';
import type { DemoStaff } from './server.ts';

const g = useGapura();

/** Back-office pages and what their heading is about; features not built yet answer 404 and are skipped. */
const BACK_OFFICE = ['/petugas', '/petugas/akun', '/petugas/staf', '/petugas/unit', '/petugas/branding', '/petugas/kalender', '/petugas/outbox', '/petugas/audit', '/petugas/audit/periksa'];

function account(role: string): DemoStaff | undefined {
  return g.staff.find((s) => s.role === role);
}

/** Sign in through the forms, as a person would; returns on the page after the last step. */
export async function staffSignIn(page: Page, who: DemoStaff, next = '/petugas') {
  await visit(page, `/petugas/masuk?kembali=${encodeURIComponent(next)}`);
  await page.locator('input[name="email"]').fill(who.email);
  await page.locator('input[name="password"]').fill(who.password);
  await follow(page, () => page.locator('main form[action="/petugas/masuk"] button[type="submit"]').click());
  if (who.totpSecret) {
    expect(new URL(page.url()).pathname).toBe('/petugas/masuk/kode');
    await page.locator('input[name="code"]').fill(await generate({ secret: who.totpSecret }));
    await follow(page, () => page.locator('main form[action="/petugas/masuk/kode"] button[type="submit"]').click());
  }
  expect(new URL(page.url()).pathname).toBe(next);
}

describe('staff back office', () => {
  // one signed-in admin for the tests below: a code may be used only once (replay protection)
  let adminPage: Page | undefined;

  it('the platform admin signs in with password and authenticator code, and sees every back-office page', async (t) => {
    const admin = account('platform_admin');
    if (!admin) return t.skip(); // the staff module is not installed in this build
    expect(admin.totpSecret).toBeTruthy();
    const page = await g.page();

    // the back office sends an anonymous visitor to the sign-in page and back afterwards
    await visit(page, '/petugas/kalender');
    expect(new URL(page.url()).pathname).toBe('/petugas/masuk');

    // a wrong code is refused with a message on the same form
    await page.locator('input[name="email"]').fill(admin.email);
    await page.locator('input[name="password"]').fill(admin.password);
    await follow(page, () => page.locator('main form[action="/petugas/masuk"] button[type="submit"]').click());
    expect(new URL(page.url()).pathname).toBe('/petugas/masuk/kode');
    const correct = await generate({ secret: admin.totpSecret! });
    await page.locator('input[name="code"]').fill(correct === '000000' ? '111111' : '000000');
    await follow(page, () => page.locator('main form[action="/petugas/masuk/kode"] button[type="submit"]').click(), { status: 401 });
    expect(await page.locator('input[name="code"]').getAttribute('aria-invalid')).toBe('true');

    await page.locator('input[name="code"]').fill(correct);
    await follow(page, () => page.locator('main form[action="/petugas/masuk/kode"] button[type="submit"]').click());
    expect(new URL(page.url()).pathname).toBe('/petugas/kalender');
    adminPage = page;

    for (const path of BACK_OFFICE) {
      const res = await page.goto(path);
      if (res?.status() === 404) continue; // not built yet
      expect(res?.status(), path).toBe(200);
      await visit(page, path);
      expect(await page.locator('h1').count(), path).toBe(1);
    }
  });

  it('an admin change (a regional holiday) shows in the calendar and in the audit trail', async (t) => {
    const admin = account('platform_admin');
    const page = adminPage;
    if (!page || !admin) return t.skip(); // no admin signed in above
    if ((await page.goto('/petugas/kalender/tambah'))?.status() === 404) return t.skip();
    await visit(page, '/petugas/kalender/tambah');

    // an empty form comes back with an error summary
    await follow(page, () => page.locator('main form button[type="submit"]').click(), { status: 422 });
    expect(await page.locator('.error-summary, [role="alert"]').count()).toBeGreaterThan(0);

    const year = new Date().getFullYear() + 1;
    await page.locator('input[name="date"]').fill(`17/06/${year}`);
    await page.locator('input[name="name"]').fill('Hari Jadi Uji E2E');
    await page.locator('input[name="kind"][value="regional"]').check();
    await follow(page, () => page.locator('main form button[type="submit"]').click());
    expect(new URL(page.url()).pathname).toBe('/petugas/kalender');
    await expect(page.locator('main').textContent()).resolves.toContain('Hari Jadi Uji E2E');

    if ((await page.goto('/petugas/audit'))?.status() === 404) return;
    await visit(page, '/petugas/audit');
    // the newest entry: who added which day
    const row = page.locator('main table tbody tr', { hasText: 'calendar.holiday.add' }).first();
    await expect(row.textContent()).resolves.toContain(`${year}-06-17`);
    await expect(row.textContent()).resolves.toMatch(/staff:\d+:/);
  });

  it('every back-office page a link leads to answers and passes the accessibility check', async (t) => {
    const page = adminPage;
    if (!page) return t.skip();
    const visited = await crawl(page, '/petugas', { within: ['/petugas'], skip: /^\/petugas\/(oidc|keluar)(\/|$)/, limit: 40 });
    expect(visited.length).toBeGreaterThan(3);
  });

  it('an officer signs in without a second factor and is refused the admin pages', async (t) => {
    const officer = account('officer');
    if (!officer) return t.skip();
    const page = await g.page();
    await staffSignIn(page, officer);
    await visit(page, '/petugas/staf', { status: 403 });
    await visit(page, '/petugas/outbox', { status: 403 });
    // signing out ends the session: the back office asks for a sign-in again
    const out = await follow(page, () => page.locator('header form[action="/keluar"] button').click());
    expect(out?.status()).toBeLessThan(400);
    await visit(page, '/petugas');
    expect(new URL(page.url()).pathname).toBe('/petugas/masuk');
  });
});
