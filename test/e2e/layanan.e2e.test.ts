// The service catalog in a real browser on a 360 px phone with JavaScript off: search the catalog
// with the plain form, open a service, see its 14 components and the link to the blank form, nothing
// wider than the screen, a small page. Axe checks every page visited (browser.ts).
import { describe, expect, it } from 'vitest';
import { follow, visit } from './browser.ts';
import { useGapura } from './gapura.ts';

const g = useGapura();
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, javaScriptEnabled: false };

describe('service catalog (/layanan)', () => {
  it('without JavaScript on a 360 px phone: search, filter, open domisili, all 14 components, the form PDF', async (t) => {
    if (!(await g.has('/layanan'))) return t.skip();
    const page = await g.page(PHONE);
    await visit(page, '/layanan');
    await page.locator('#f-q').fill('domisili');
    await page.locator('#f-unit').selectOption('kelurahan');
    await follow(page, () => page.locator('main form[role="search"] button[type="submit"]').click());
    expect(new URL(page.url()).searchParams.get('q')).toBe('domisili');
    expect(await page.locator('main ul.services li').count()).toBe(3);
    await follow(page, () => page.locator('main a[href="/layanan/surat-keterangan-domisili"]').click());
    expect(await page.locator('main h1').textContent()).toBe('Surat keterangan domisili');
    expect(await page.locator('main dl.standard dt').count()).toBe(14);
    const pdf = await page.locator('main a[href$="/formulir.pdf"]').getAttribute('href');
    const res = await fetch(`${g.url}${pdf}`);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    expect(wide).toBe(false);
  });

  it('passes axe on the catalog, a filtered catalog and a service page (JavaScript on, 360 px)', async (t) => {
    if (!(await g.has('/layanan'))) return t.skip();
    const page = await g.page({ ...PHONE, javaScriptEnabled: true });
    await visit(page, '/layanan');
    await visit(page, '/layanan?unit=kecamatan');
    expect(await page.locator('main ul.services li').count()).toBe(3);
    await visit(page, '/layanan/surat-keterangan-kematian-suami-istri-n6');
    expect(await page.locator('main dl.standard dt').count()).toBe(14);
  });

  it('a service page is small: HTML well under 30 KB compressed', async (t) => {
    if (!(await g.has('/layanan'))) return t.skip();
    const res = await fetch(`${g.url}/layanan/surat-pengantar-nikah-n1`, { headers: { 'accept-encoding': 'gzip' } });
    const body = new Uint8Array(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length') ?? body.byteLength)).toBeLessThan(30 * 1024);
  });
});
