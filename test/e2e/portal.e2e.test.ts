// The public portal in a real browser: home, search, language switch, the 404 page, a small phone
// screen, and the same journey with JavaScript turned off. Every page is checked with axe.
import { describe, expect, it } from 'vitest';
import { crawl, follow, visit } from './browser.ts';
import { useGapura } from './gapura.ts';

const g = useGapura();

describe('public portal', () => {
  it('home page: the city name as heading, the language set, skip link to the content', async () => {
    const page = await g.page();
    const res = await visit(page, '/');
    expect(res.headers()['content-type']).toContain('text/html');
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(/Palembang/);
    expect(await page.locator('a.skip').getAttribute('href')).toBe('#isi');
    expect(await page.title()).toContain('Beranda');
  });

  it('search from the header form finds a kelurahan of the region pack', async () => {
    const page = await g.page();
    await visit(page, '/');
    await page.locator('header input[name="q"]').fill('Ilir');
    await follow(page, () => page.locator('header form[role="search"] button[type="submit"]').click());
    expect(new URL(page.url()).pathname).toBe('/cari');
    expect(new URL(page.url()).searchParams.get('q')).toBe('Ilir');
    await expect(page.locator('main h2').first().textContent()).resolves.toMatch(/hasil untuk “Ilir”/);
    expect(await page.locator('main ul li a').count()).toBeGreaterThan(0);
    // the page's own search field keeps what was typed
    expect(await page.locator('#q-page').inputValue()).toBe('Ilir');
  });

  it('search by address: empty query, no results, and results', async () => {
    const page = await g.page();
    await visit(page, '/cari');
    await expect(page.locator('main').textContent()).resolves.toContain('Tulis kata yang ingin Anda cari');
    await visit(page, '/cari?q=zzzqqqxxx');
    await expect(page.locator('main').textContent()).resolves.toContain('Tidak ada hasil untuk “zzzqqqxxx”');
    await visit(page, `/cari?q=${encodeURIComponent('Ilir Barat')}`);
    expect(await page.locator('main ul li a').count()).toBeGreaterThan(0);
  });

  it('switches to English and back, staying on the same page', async () => {
    const page = await g.page();
    await visit(page, '/cari?q=Ilir');
    await follow(page, () => page.locator('header a[hreflang="en"]').click());
    expect(new URL(page.url()).pathname).toBe('/cari');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect(page.locator('h1').textContent()).resolves.toBe('Search');
    // the choice sticks for the next page
    await visit(page, '/');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.title()).toContain('Home');
    await follow(page, () => page.locator('header a[hreflang="id"]').click());
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    expect(await page.title()).toContain('Beranda');
  });

  it('directory of government units: from the list to a kecamatan, one of its kelurahan, and back to the list', async (t) => {
    if (!(await g.has('/instansi'))) return t.skip(); // the units module is not installed
    const page = await g.page();
    await visit(page, '/instansi');
    const kecamatan = page.locator('main a[href^="/instansi/16.71."]').first();
    const name = (await kecamatan.textContent())!.trim();
    await follow(page, () => kecamatan.click());
    expect(await page.locator('h1').textContent()).toContain(name.replace(/^Kecamatan\s+/i, ''));
    const kelurahan = page.locator('main ul a[href^="/instansi/"]').last();
    await follow(page, () => kelurahan.click());
    expect(new URL(page.url()).pathname).toMatch(/^\/instansi\/16\.71\.\d+\.\d+$/);
    await follow(page, () => page.locator('main a[href="/instansi"]').click());
    expect(new URL(page.url()).pathname).toBe('/instansi');
  });

  it('public holiday list', async (t) => {
    if (!(await g.has('/hari-libur'))) return t.skip();
    const page = await g.page();
    await visit(page, '/hari-libur');
    expect(await page.locator('main table tbody tr').count()).toBeGreaterThan(5);
  });

  it('every public page a link leads to answers and passes the accessibility check', async () => {
    const page = await g.page();
    const visited = await crawl(page, '/', {
      within: ['/'],
      // the back office has its own test; sign-out and language switch change state
      skip: /^\/(petugas|keluar|bahasa|static|api)(\/|$)/,
      limit: 30,
    });
    expect(visited.length).toBeGreaterThan(1);
  });

  it('an unknown address shows a helpful 404 page in the person’s language', async () => {
    const page = await g.page();
    await visit(page, '/tidak-ada-halaman-ini', { status: 404 });
    await expect(page.locator('h1').textContent()).resolves.toBe('Halaman tidak ditemukan');
    expect(await page.locator('main a[href="/"]').count()).toBe(1);
  });

  it('fits a 360×640 phone screen without horizontal scrolling', async () => {
    const page = await g.page({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await visit(page, '/');
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    for (const path of ['/cari?q=Ilir', '/instansi', '/hari-libur']) {
      if (!(await g.has(path))) continue;
      await visit(page, path);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      expect(wide, path).toBe(false);
    }
  });

  it('works with JavaScript disabled: the page renders and the search form submits', async () => {
    const page = await g.page({ javaScriptEnabled: false });
    await visit(page, '/');
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(/Palembang/);
    await page.locator('header input[name="q"]').fill('Ilir');
    await follow(page, () => page.locator('header input[name="q"]').press('Enter'));
    expect(new URL(page.url()).pathname).toBe('/cari');
    expect(await page.locator('main ul li a').count()).toBeGreaterThan(0);
    // and the language switch is a plain link
    await follow(page, () => page.locator('header a[hreflang="en"]').click());
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });
});
