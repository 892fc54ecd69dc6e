// The PPID home in a real browser, on a clock the test controls (GAPURA_CLOCK_FILE): a request
// received on Monday 14 December 2026 is due 30 December, and the page says why (24–25 December:
// cuti bersama and Natal). As on a cheap phone (360 px, nothing wider than the screen), also without
// JavaScript, a small page; axe checks every page visited.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeClockFile } from '../../src/platform/clock.ts';
import { follow, launch, newContext, visit } from './browser.ts';
import { createThrowawayDatabase, parseDemoStaff, startServer, type DemoStaff, type RunningServer } from './server.ts';

const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const clockFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-ppid-clock-')), 'clock');
let server: RunningServer;
let browser: Browser;
let dropDb: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const env: Record<string, string> = { GAPURA_CLOCK_FILE: clockFile };
  if (process.env.DATABASE_URL) {
    const db = await createThrowawayDatabase(process.env.DATABASE_URL);
    env.DATABASE_URL = db.url;
    dropDb = () => db.drop();
  }
  // Monday 14 December 2026, 10.00 WIB
  writeClockFile(clockFile, new Date('2026-12-14T03:00:00Z'));
  [server, browser] = await Promise.all([startServer({ env }), launch()]);
}, 180_000);

afterAll(async () => {
  await browser.close();
  await server.stop();
  await dropDb?.();
  fs.rmSync(path.dirname(clockFile), { recursive: true, force: true });
}, 60_000);

describe('PPID (/ppid)', () => {
  it('without JavaScript on a 360 px phone: the maklumat, the date computed on the test clock and why', async () => {
    const context = await newContext(browser, server.url, { ...PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await visit(page, '/ppid');
    expect(await page.locator('main h1').textContent()).toBe('Layanan Informasi Publik (PPID)');
    const due = await page.locator('main .due').first().textContent();
    expect(due).toContain('30 Desember 2026');
    expect(due).toContain('10 hari kerja sejak permohonan diterima 14 Desember 2026, tidak termasuk 24–25 Desember');
    expect(await page.locator('main h3').allTextContents()).toEqual(['Informasi berkala', 'Informasi serta-merta', 'Informasi tersedia setiap saat']);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    expect(wide).toBe(false);
    await context.close();
  });

  it('time moves on: on 24 December the same page counts from that day, over the new year', async () => {
    writeClockFile(clockFile, new Date('2026-12-24T03:00:00Z'));
    // the clock file is read at most every 100 ms and public pages are cached 5 s
    await new Promise((r) => setTimeout(r, 5200));
    const context = await newContext(browser, server.url, PHONE);
    const page = await context.newPage();
    await visit(page, '/ppid');
    const due = await page.locator('main .due').first().textContent();
    // received on a cuti bersama: counted from Monday 28 December; 1 and 5 January skipped
    expect(due).toContain('13 Januari 2027');
    expect(due).toContain('sejak permohonan diterima 24 Desember 2026, tidak termasuk 24–25 Desember, 1 Januari 2027, dan 5 Januari 2027');
    await context.close();
  });

  it('is a small page: HTML and stylesheet under 30 KB compressed', async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    await visit(page, '/ppid');
    const css = await page.locator('link[rel="stylesheet"]').evaluateAll((ls) => ls.map((l) => (l as HTMLLinkElement).getAttribute('href') ?? ''));
    let bytes = 0;
    for (const p of ['/ppid', ...css]) {
      const res = await fetch(`${server.url}${p}`, { headers: { 'accept-encoding': 'gzip' } });
      const body = new Uint8Array(await res.arrayBuffer());
      bytes += Number(res.headers.get('content-length') ?? body.byteLength);
    }
    expect(bytes).toBeLessThan(30 * 1024);
    await context.close();
  });

  it('a request on the legal clock: disposition, extension, overdue over cuti bersama, partial refusal with exemption, objection, atasan, register without NIK', async () => {
    const setClock = async (iso: string) => {
      writeClockFile(clockFile, new Date(iso));
      await new Promise((r) => setTimeout(r, 250));
    };
    const staff = parseDemoStaff(server.stdout());
    const who = (email: string) => staff.find((s) => s.email.startsWith(email))!;
    const signIn = async (page: Page, p: DemoStaff) => {
      await visit(page, '/petugas/masuk');
      await page.locator('input[name="email"]').fill(p.email);
      await page.locator('input[name="password"]').fill(p.password);
      await follow(page, () => page.locator('main form[action="/petugas/masuk"] button[type="submit"]').click());
    };
    await setClock('2026-12-14T03:00:00Z');

    // the requester, without an account and without JavaScript, on a phone
    const citizen = await (await newContext(browser, server.url, { ...PHONE, javaScriptEnabled: false })).newPage();
    await visit(citizen, '/ppid/permohonan/baru');
    await citizen.locator('input[name="requester_kind"][value="individual"]').check();
    await citizen.locator('#f-name').fill('Rina Wulandari');
    await citizen.locator('#f-nik').fill('1671015205900001');
    await citizen.locator('#f-address').fill('Jl. Merdeka 1, Palembang');
    await citizen.locator('#f-email').fill('rina@contoh.id');
    await citizen.locator('#f-details').fill('Laporan realisasi APBD 2025 per OPD');
    await citizen.locator('#f-purpose').fill('Penelitian');
    await citizen.locator('input[name="obtain"][value="softcopy"]').check();
    await citizen.locator('input[name="receive"][value="email"]').check();
    await follow(citizen, () => citizen.locator('main form[action="/ppid/permohonan/baru"] button[type="submit"]').click(), { status: 200 });
    expect(await citizen.locator('.ahead-none').count()).toBe(1);
    await follow(citizen, () => citizen.locator('main form[action="/ppid/permohonan/kirim"] button[type="submit"]').click(), { status: 200 });
    const number = (await citizen.locator('main .big strong').textContent())!;
    expect(number).toMatch(/^\d{3}\/PPID\/XII\/2026$/);
    const followUrl = new URL(citizen.url()).pathname;

    // the PPID passes it to the unit that holds the information
    const ppid = await (await newContext(browser, server.url)).newPage();
    await signIn(ppid, who('ppid@'));
    await visit(ppid, '/petugas/ppid/permohonan');
    await follow(ppid, () => ppid.locator('main a', { hasText: number }).click());
    const detail = new URL(ppid.url()).pathname;
    const opd = (await ppid.locator('#f-unit option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter((v) => v.includes('.opd.')).sort()[0];
    await ppid.locator('#f-unit').selectOption(opd);
    await follow(ppid, () => ppid.locator('main form[action$="/disposisi"] button').click());

    // day 9 (29 December): the unit extends with a written reason
    await setClock('2026-12-29T03:00:00Z');
    const unit = await (await newContext(browser, server.url, PHONE)).newPage();
    await signIn(unit, who('ppid.pelaksana@'));
    await visit(unit, detail);
    expect(await unit.locator('main .next').first().textContent()).toContain('30 Desember 2026');
    await unit.locator('#f-reason').fill('Data realisasi masih direkonsiliasi dengan tiga OPD.');
    await follow(unit, () => unit.locator('main form[action$="/perpanjangan"] button').click());

    // 13 January: the extended 17 working days ran out over cuti bersama and the new year
    await setClock('2027-01-13T03:00:00Z');
    await visit(unit, '/petugas/ppid/permohonan');
    const row = (await unit.locator('tr', { hasText: number }).textContent())!;
    expect(row).toContain('Terlambat.');
    expect(row).toContain('12 Januari 2027');
    expect(row).toContain('17 hari kerja (10 ditambah perpanjangan 7) sejak 14 Desember 2026');
    expect(row).toContain('tidak termasuk 24–25 Desember');

    // a partial refusal: without the exemption record it is refused, with it the notice is issued
    await visit(unit, detail);
    await unit.locator('input[name="outcome"][value="partial"]').check();
    await unit.locator('#f-answer_text').fill('Laporan diberikan; rincian rekening bank dihitamkan.');
    await unit.locator('#f-blacked_out').fill('Nomor rekening bank: rahasia pribadi dan keamanan transaksi');
    await unit.locator('#f-format').fill('PDF');
    await unit.locator('#f-delivery').fill('Surel');
    await unit.locator('#f-cost').fill('Tanpa biaya');
    await follow(unit, () => unit.locator('main form[action$="/jawaban"] button').click(), { status: 422 });
    await unit.locator('#f-ground').selectOption('h');
    await unit.locator('#f-ex_information').fill('Nomor rekening bank pihak ketiga');
    await unit.locator('#f-consequence').fill('Membuka nomor rekening membuka peluang penipuan; isi laporan tetap terbuka.');
    await unit.locator('#f-period').fill('5 tahun');
    await unit.locator('#f-official').fill('Kepala Bappeda');
    await follow(unit, () => unit.locator('main form[action$="/jawaban"] button').click(), { status: 200 });
    expect(await unit.locator('main').textContent()).toContain('Pemberitahuan tertulis diterbitkan');

    // the requester objects; the atasan PPID rejects; the requester sees the Komisi Informasi date
    await visit(citizen, followUrl);
    await citizen.locator('input[name="ground"][value="a"]').check();
    await citizen.locator('#f-reason').fill('Rekening instansi bukan rahasia pribadi.');
    await follow(citizen, () => citizen.locator('main form[action$="/keberatan"] button').click(), { status: 200 });
    const atasan = await (await newContext(browser, server.url)).newPage();
    await signIn(atasan, who('atasan.ppid@'));
    await visit(atasan, detail);
    await atasan.locator('input[name="decision"][value="rejected"]').check();
    await atasan.locator('#f-answer').fill('Rekening yang dihitamkan milik pihak ketiga, bukan instansi.');
    await follow(atasan, () => atasan.locator('main form[action$="/keberatan"] button').click(), { status: 200 });
    await visit(citizen, followUrl);
    expect(await citizen.locator('main .dispute').textContent()).toContain('14 hari kerja sejak tanggapan atasan PPID 13 Januari 2027');

    // the public register: the request and its exemption, never the NIK or the name
    await visit(citizen, '/ppid/register');
    const reg = (await citizen.locator('main').textContent())!;
    expect(reg).toContain(number);
    expect(reg).toContain('Nomor rekening bank pihak ketiga');
    expect(reg).not.toContain('1671015205900001');
    expect(reg).not.toContain('Rina Wulandari');

    // the annual report for 2026 counts it: one request, partly given after the time limit, refused in part on Pasal 17(h), the objection rejected
    await visit(citizen, '/ppid/laporan/2026');
    const cell = async (label: string) => (await citizen.locator('main tr', { hasText: label }).first().locator('td.num').textContent())?.trim();
    expect(await cell('Jumlah')).toBe('1');
    expect(await cell('Diberikan sebagian')).toBe('1');
    expect(await cell('Dijawab melewati batas waktu')).toBe('1');
    expect(await cell('Pasal 17 huruf h')).toBe('1');
    expect(await cell('Keberatan ditolak')).toBe('1');
    expect(await citizen.locator('main a', { hasText: 'Unduh PDF' }).getAttribute('href')).toBe('/ppid/laporan/2026.pdf');
  });
});
