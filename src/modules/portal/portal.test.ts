// The portal shell: the home page's promise comes from the installed modules, and the site search
// finds modules' pages by title and synonyms, counts every match and pages through them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { defineModule } from '../../platform/module.ts';
import { modules } from '../index.ts';
import { portalModule } from './module.ts';

// The foundation's modules: the copy and counts below are theirs. Feature modules (layanan, …) add
// their own offers and pages, checked in the last test of the first block.
const FOUNDATION = ['portal', 'units', 'accounts', 'staff', 'backup', 'calendar', 'audit', 'messages', 'contacts'];
const foundation = modules.filter((m) => FOUNDATION.includes(m.id));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ modules: foundation });
});
afterAll(() => t.close());

const page = async (path: string, app = t) => {
  const res = await new Client(app.app).get(path);
  return { status: res.status, html: await res.text() };
};
const lead = (html: string) => /<p class="lead">([^<]*)<\/p>/.exec(html)?.[1] ?? '';
const results = (html: string) => {
  const at = html.indexOf('<ul class="search-results">');
  return at < 0 ? '' : html.slice(at, html.indexOf('</ul>', at));
};
const hrefs = (html: string) => [...results(html).matchAll(/<li><a href="([^"]+)"/g)].map((m) => m[1]);

describe('copy promises only what installed modules offer', () => {
  it('home page and /daftar: no letters or complaints while no module offers them', async () => {
    const home = lead((await page('/')).html);
    expect(home).toBe('Layanan publik Kota Palembang dalam satu tempat: cari alamat dan kontak kantor pemerintah dan baca informasi resmi.');
    const register = lead((await page('/daftar')).html);
    expect(register).not.toMatch(/surat|pengaduan/i);
    expect(register).toContain('mengubah, mengunduh, atau menghapus');
    const en = await new Client(t.app).get('/', { cookie: 'lang=en' }).then((r) => r.text());
    expect(lead(en)).toBe('Public services of Kota Palembang in one place: find the addresses and contacts of government offices and read official information.');
  });

  it('a module with a home-card offer joins the promise; one needing an account joins /daftar too', async () => {
    const letters = defineModule({
      id: 'letters_fixture',
      locales: { id: { 'letters_fixture.offer': 'ajukan surat keterangan' }, en: { 'letters_fixture.offer': 'apply for certificate letters' } },
      home: [{ order: 10, title: 'letters_fixture.offer', body: 'letters_fixture.offer', href: '/surat', offer: 'letters_fixture.offer', account: true }],
    });
    const other = await createTestApp({ modules: [...foundation, letters] });
    try {
      expect(lead((await page('/', other)).html)).toBe(
        'Layanan publik Kota Palembang dalam satu tempat: ajukan surat keterangan, cari alamat dan kontak kantor pemerintah, dan baca informasi resmi.',
      );
      expect(lead((await page('/daftar', other)).html)).toMatch(/^Dengan akun, Anda dapat memakai layanan berikut: ajukan surat keterangan\./);
    } finally {
      await other.close();
    }
  });

  it('the whole build promises what layanan offers', async () => {
    const all = await createTestApp();
    try {
      expect(lead((await page('/', all)).html)).toContain('lihat syarat surat kelurahan');
    } finally {
      await all.close();
    }
  });

  it('without any module offering something, the promise is only the place', async () => {
    const bare = await createTestApp({ modules: [portalModule] });
    try {
      // no region loaded either: the platform's fallback name
      expect(lead((await page('/', bare)).html)).toBe('Layanan publik Gapura dalam satu tempat.');
    } finally {
      await bare.close();
    }
  });
});

describe('site search', () => {
  it('finds the holiday list by its name and synonyms', async () => {
    for (const q of ['hari libur', 'tanggal merah', 'cuti bersama']) {
      const { html } = await page(`/cari?q=${encodeURIComponent(q)}`);
      expect(hrefs(html)[0], q).toBe('/hari-libur');
    }
  });

  it('finds the Informasi hub', async () => {
    expect(hrefs((await page('/cari?q=informasi')).html)[0]).toBe('/informasi');
  });

  it('finds Disdukcapil for "ktp" and "akta", the directory for "kelurahan"', async () => {
    for (const q of ['ktp', 'KTP', 'akta', 'akta kelahiran', 'kartu keluarga']) {
      expect(hrefs((await page(`/cari?q=${encodeURIComponent(q)}`)).html), q).toContain('/instansi/16.71.opd.disdukcapil');
    }
    const { html } = await page('/cari?q=kelurahan');
    expect(hrefs(html)[0]).toBe('/instansi');
    // the directory page and all 107 kelurahan
    expect(html).toContain('108 hasil untuk “kelurahan”');
    expect(hrefs((await page('/cari?q=kelurahan%20talang')).html)).toContain('/instansi/16.71.07.1002');
  });

  it('says the true count and pages through the results', async () => {
    const { n } = await t.ctx.db
      .selectFrom('units')
      .select((e) => e.fn.countAll<string>().as('n'))
      .where('active', '=', true)
      .where('name', 'ilike', '%ilir%')
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(37);
    const first = await page('/cari?q=ilir');
    expect(first.html).toContain('37 hasil untuk “ilir”');
    expect(first.html).toContain('Halaman 1 dari 2');
    expect(hrefs(first.html)).toHaveLength(20);
    expect(first.html).toContain('href="/cari?q=ilir&amp;halaman=2"');
    const second = await page('/cari?q=ilir&halaman=2');
    expect(second.status).toBe(200);
    expect(second.html).toContain('37 hasil untuk “ilir”');
    expect(second.html).toContain('Halaman 2 dari 2');
    expect(hrefs(second.html)).toHaveLength(17);
    expect(hrefs(second.html).filter((h) => hrefs(first.html).includes(h))).toEqual([]);
    expect(second.html).toContain('href="/cari?q=ilir"');
    // past the end: the last page; not a number: a clear 400
    expect(hrefs((await page('/cari?q=ilir&halaman=9')).html)).toEqual(hrefs(second.html));
    const bad = await page('/cari?q=ilir&halaman=dua');
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('Nomor halaman harus angka');
  });

  it('/cari has one search box, not the header one as well', async () => {
    const { html } = await page('/cari?q=ilir');
    expect(html.match(/type="search"/g)).toHaveLength(1);
    expect((await page('/instansi')).html.match(/type="search"/g)).toHaveLength(1);
  });
});
