// Consultation (/tanya) in a real browser, as on a cheap phone (360 px): a citizen asks how to get an
// SKTM with JavaScript off (question → check step → where they live and how to reach them → follow
// page); the kelurahan's officer answers and publishes it as an FAQ entry; a second citizen, with
// JavaScript, sees it suggested while typing and adds themselves ("saya juga bertanya ini"). Axe
// checks every page visited; /tanya stays under 30 KB.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { follow, visit } from './browser.ts';
import { useGapura } from './gapura.ts';

const g = useGapura();
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const SKTM = 'layanan:surat-keterangan-tidak-mampu';
const noOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe('consultation (/tanya)', () => {
  it('a citizen asks about SKTM without JavaScript, the officer answers and publishes, a second citizen finds it while typing and adds themselves', async (t) => {
    const officer = g.staff.find((s) => s.role === 'officer');
    if (!officer || !(await g.has('/tanya'))) return t.skip();

    // 1. the first citizen, JavaScript off
    const a = await g.page({ ...PHONE, javaScriptEnabled: false });
    await visit(a, '/tanya');
    await follow(a, () => a.locator('main a[href="/tanya/baru"]').first().click());
    await a.locator('#f-question').fill('Bagaimana cara mendapatkan SKTM untuk berobat?');
    await a.locator('#f-topic').selectOption(SKTM);
    await follow(a, () => a.locator('main form.ask button[type="submit"]').click());
    expect(await a.locator('main h1').textContent()).toBe('Periksa dulu jawaban yang sudah ada');
    // the demo officer works in the first kelurahan by code
    const kel = (await a.locator('#f-kelurahan option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean).sort()))[0];
    await a.locator('#f-kelurahan').selectOption(kel);
    await a.locator('#f-contact').fill('warga.e2e@example.test');
    expect(await noOverflow(a)).toBe(true);
    await follow(a, () => a.locator('main form[action="/tanya/baru/kirim"] button[type="submit"]').click());
    const tracking = /TNY-[A-Z0-9]{8}/.exec(await a.locator('main h1').textContent() ?? '')?.[0];
    expect(tracking).toBeTruthy();
    expect(await a.locator('main').textContent()).toContain('Menunggu jawaban');
    const followUrl = a.url();

    // 2. the kelurahan's officer answers and publishes
    const o = await g.page(PHONE);
    await visit(o, `/petugas/masuk?kembali=${encodeURIComponent('/petugas/tanya')}`);
    await o.locator('input[name="email"]').fill(officer.email);
    await o.locator('input[name="password"]').fill(officer.password);
    await follow(o, () => o.locator('main form[action="/petugas/masuk"] button[type="submit"]').click());
    expect(new URL(o.url()).pathname).toBe('/petugas/tanya');
    await follow(o, () => o.locator(`main a:has-text("${tracking}")`).click());
    await o.locator('#f-answer').fill('Bawa KTP, KK dan surat pengantar RT/RW ke kantor kelurahan. SKTM gratis dan selesai dalam 1 hari kerja.');
    await follow(o, () => o.locator('main form[action$="/jawab"] button[type="submit"]').click());
    await o.locator('#f-question').fill('Bagaimana cara mendapatkan SKTM?');
    await o.locator('#f-legal_basis').fill('Permensos Nomor 146/HUK/2013');
    expect(await noOverflow(o)).toBe(true);
    await follow(o, () => o.locator('main form[action$="/terbitkan"] button[type="submit"]').click());
    expect(await o.locator('main .notice').textContent()).toContain('diterbitkan');

    // the first citizen's follow link now shows the answer
    await visit(a, followUrl);
    expect(await a.locator('main').textContent()).toContain('Bawa KTP, KK');

    // 3. a second citizen, with JavaScript: the answer is suggested while typing
    const b = await g.page(PHONE);
    await visit(b, '/tanya/baru');
    await b.locator('#f-question').pressSequentially('cara dapat sktm', { delay: 20 });
    const suggestion = b.locator('#saran a', { hasText: 'Bagaimana cara mendapatkan SKTM?' });
    await suggestion.waitFor({ timeout: 5000 });
    await follow(b, () => suggestion.click());
    expect(await b.locator('main h1').textContent()).toBe('Bagaimana cara mendapatkan SKTM?');
    expect(await b.locator('main').textContent()).toContain('Permensos Nomor 146/HUK/2013');
    await follow(b, () => b.locator('main button:has-text("Saya juga bertanya ini")').click());
    expect(await b.locator('#metoo-count').textContent()).toBe('1 orang juga bertanya ini');
    expect(await b.locator('main').textContent()).toContain('Anda sudah tercatat');
    expect(await noOverflow(b)).toBe(true);
  });

  it('/tanya is a small page: HTML and stylesheet under 30 KB compressed', async (t) => {
    if (!(await g.has('/tanya'))) return t.skip();
    const page = await g.page();
    await visit(page, '/tanya');
    const css = await page.locator('link[rel="stylesheet"]').evaluateAll((ls) => ls.map((l) => (l as HTMLLinkElement).getAttribute('href')!));
    let bytes = 0;
    for (const path of ['/tanya', '/tanya/baru', ...css]) {
      const res = await fetch(`${g.url}${path}`, { headers: { 'accept-encoding': 'gzip' } });
      const body = new Uint8Array(await res.arrayBuffer());
      bytes += Number(res.headers.get('content-length') ?? body.byteLength);
    }
    expect(bytes).toBeLessThan(30 * 1024);
  });
});
