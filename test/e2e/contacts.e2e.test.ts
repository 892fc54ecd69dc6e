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
    const code = (await page.locator('#f-kecamatan option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean).sort()))[0];
    if (!code) throw new Error('no kecamatan in the form');
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

  it('an officer of a kelurahan adds a number (the widest values the form takes); it shows for its kecamatan and fits 360 px', async (t) => {
    const officer = g.staff.find((s) => s.role === 'officer');
    if (!officer || !(await g.has('/kontak-darurat'))) return t.skip();
    const page = await g.page(PHONE);
    // the officer has no second factor: password only
    await visit(page, `/petugas/masuk?kembali=${encodeURIComponent('/petugas/kontak-darurat')}`);
    await page.locator('input[name="email"]').fill(officer.email);
    await page.locator('input[name="password"]').fill(officer.password);
    await follow(page, () => page.locator('main form[action="/petugas/masuk"] button[type="submit"]').click());
    expect(new URL(page.url()).pathname).toBe('/petugas/kontak-darurat');
    await follow(page, () => page.locator('main a[href="/petugas/kontak-darurat/baru"]').click());
    // an empty form: the error summary and the messages beside the fields
    await follow(page, () => page.locator('main form button[type="submit"]').click(), { status: 422 });
    expect(await page.locator('.error-summary li').count()).toBeGreaterThan(2);
    await page.locator('#f-category').selectOption('hearse');
    // one unbroken word as long as each field allows: the worst case for a narrow screen
    const name = 'MobilJenazahUjiE2E'.repeat(7).slice(0, 120);
    await page.locator('#f-name').fill(name);
    await page.locator('#f-note').fill('Keterangan'.repeat(20));
    await page.locator('#f-source').fill('SumberResmi'.repeat(19).slice(0, 200));
    await page.locator('#f-phone').fill('0812-3456-7890');
    await page.locator('#f-whatsapp').fill('0812 3456 7890');
    // the officer's own kelurahan is the only owner offered, its kecamatan the only place
    await page.locator('#f-owner').selectOption({ index: 1 });
    await page.locator('#f-kecamatan').selectOption({ index: 1 });
    const kecamatan = await page.locator('#f-kecamatan').inputValue();
    await follow(page, () => page.locator('main form button[type="submit"]').click());
    expect(new URL(page.url()).searchParams.get('pesan')).toBe('dibuat');
    await expect(page.locator('main table').textContent()).resolves.toContain(name);
    const fits = async (p: typeof page) => expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await fits(page);

    const pub = await g.page(PHONE);
    await visit(pub, `/kontak-darurat?kecamatan=${encodeURIComponent(kecamatan)}`);
    await fits(pub);
    const card = pub.locator('main li.contact', { hasText: name });
    expect(await card.locator('a.button.call').getAttribute('href')).toBe('tel:+6281234567890');
    expect(await card.locator('a[href^="https://wa.me/"]').getAttribute('href')).toBe('https://wa.me/6281234567890');
  });
});
