// Dokumen in a real browser at 360 px: the demo kelurahan officer uploads a PDF regulation with its
// metadata (JavaScript off: a plain multipart form), and the site search finds it by a word that is
// only inside the PDF, the word highlighted. Axe on every page; nothing wider than the screen.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { follow, visit } from './browser.ts';
import { useGapura } from './gapura.ts';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** a one-page PDF with real text (Helvetica), as an office's word processor would export it */
async function pdfWithText(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([420, 595]);
  lines.forEach((line, i) => page.drawText(line, { x: 40, y: 540 - i * 18, size: 11, font }));
  return doc.save();
}

const g = useGapura();
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, javaScriptEnabled: false };

describe('dokumen (/petugas/dokumen, /cari)', () => {
  it('an officer uploads a PDF regulation; /cari finds it by a word inside the PDF', async () => {
    const officer = g.staff.find((s) => s.role === 'officer');
    if (!officer) throw new Error('no demo officer printed');
    const page = await g.page(PHONE);
    await visit(page, `/petugas/masuk?kembali=${encodeURIComponent('/petugas/dokumen/baru')}`);
    await page.locator('input[name="email"]').fill(officer.email);
    await page.locator('input[name="password"]').fill(officer.password);
    await follow(page, () => page.locator('main form[action="/petugas/masuk"] button[type="submit"]').click());
    expect(new URL(page.url()).pathname).toBe('/petugas/dokumen/baru');

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-dok-')), 'perwali-12-2026.pdf');
    fs.writeFileSync(file, await pdfWithText(['PERATURAN WALI KOTA', 'Pasal 3: penataan pedagang kaki lima di kawasan Benteng Kuto Besak']));
    await page.locator('#f-berkas').setInputFiles(file);
    await page.locator('#f-title').fill('Penataan Pedagang Kaki Lima');
    await page.locator('#f-doc_type').selectOption('perwali');
    await page.locator('#f-number').fill('12');
    await page.locator('#f-year').fill('2026');
    await page.locator('#f-status').selectOption('berlaku');
    await page.locator('#f-publish').check();
    await follow(page, () => page.locator('main form[method="post"] button[type="submit"]').click(), { status: 200 });
    expect(new URL(page.url()).pathname).toBe('/petugas/dokumen');
    await expect(page.locator('main table').textContent()).resolves.toContain('Penataan Pedagang Kaki Lima');

    await visit(page, '/cari?q=benteng+kuto+besak');
    const hit = page.locator('main ul.search-results li').first();
    await expect(hit.locator('a').textContent()).resolves.toBe('Perwali Nomor 12 Tahun 2026: Penataan Pedagang Kaki Lima');
    await expect(hit.locator('mark').first().textContent()).resolves.toBe('Benteng');
    await follow(page, () => hit.locator('a').click(), { status: 200 });
    await expect(page.locator('main h1').textContent()).resolves.toBe('Penataan Pedagang Kaki Lima');
    expect(await page.locator('main a[href$="/unduh"]').count()).toBe(1);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    expect(wide).toBe(false);
  });
});
