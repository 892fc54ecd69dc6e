// The emergency-contacts page in a real browser, as on a cheap phone: 360 px wide, no horizontal
// scrolling, 112 first as a big tap target, the kecamatan picked with a plain form (JavaScript
// off), demo entries labelled "Contoh", a stale entry said in words, a small page. Axe checks every
// page visited.
import { describe, expect, it } from 'vitest';
import { follow, visit } from './browser.ts';
import { useGapura } from './gapura.ts';

const g = useGapura();
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

describe('emergency contacts (/kontak-darurat)', () => {
  it('on a 360 px phone: 112 first, tap targets at least 44 px, nothing wider than the screen', async (t) => {
    if (!(await g.has('/kontak-darurat'))) return t.skip();
    const page = await g.page(PHONE);
    await visit(page, '/kontak-darurat');
    const calls = page.locator('main a.button.call');
    expect(await calls.first().getAttribute('href')).toBe('tel:112');
    const heights = await calls.evaluateAll((as) => as.map((a) => a.getBoundingClientRect().height));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
    const select = await page.locator('#f-kecamatan').boundingBox();
    expect(select!.height).toBeGreaterThanOrEqual(44);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    expect(wide).toBe(false);
  });

  it('without JavaScript: pick a kecamatan, see its numbers after the city-wide ones, examples marked', async (t) => {
    if (!(await g.has('/kontak-darurat'))) return t.skip();
    const page = await g.page({ ...PHONE, javaScriptEnabled: false });
    await visit(page, '/kontak-darurat');
    // the demo loads examples into the first kecamatan by code
    const code = (await page.locator('#f-kecamatan option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean).sort()))[0]!;
    await page.locator('#f-kecamatan').selectOption(code);
    await follow(page, () => page.locator('form.contacts-pick button[type="submit"]').click());
    expect(new URL(page.url()).searchParams.get('kecamatan')).toBe(code);
    expect(await page.locator('#f-kecamatan').inputValue()).toBe(code);
    const headings = await page.locator('main h2').allTextContents();
    expect(headings[0]).toBe('Nomor untuk seluruh kota');
    expect(headings[1]).toMatch(/^Kecamatan /);
    expect(await page.locator('main .tag.example').count()).toBeGreaterThan(0);
    await expect(page.locator('main .stale').first().textContent()).resolves.toMatch(/^Belum diperbarui sejak /);
    expect(await page.locator('main a[href^="https://wa.me/62"]').count()).toBeGreaterThan(0);
    // nothing remembered: the next visit starts without a kecamatan
    await visit(page, '/kontak-darurat');
    expect(await page.locator('#f-kecamatan').inputValue()).toBe('');
  });

  it('is a small page: HTML and stylesheet well under 30 KB compressed', async (t) => {
    if (!(await g.has('/kontak-darurat'))) return t.skip();
    const page = await g.page();
    await visit(page, '/kontak-darurat?kecamatan=16.71.01');
    const css = await page.locator('link[rel="stylesheet"]').evaluateAll((ls) => ls.map((l) => (l as HTMLLinkElement).getAttribute('href')!));
    let bytes = 0;
    for (const path of ['/kontak-darurat?kecamatan=16.71.01', ...css]) {
      const res = await fetch(`${g.url}${path}`, { headers: { 'accept-encoding': 'gzip' } });
      const body = new Uint8Array(await res.arrayBuffer());
      // content-length is the compressed size; fetch hands back the decompressed body
      bytes += Number(res.headers.get('content-length') ?? body.byteLength);
    }
    expect(bytes).toBeLessThan(30 * 1024);
  });
});
