// The dokumen module and the site search on the real app: a PDF regulation uploaded by an officer
// of its unit (type checked, text extracted, audited), found by /cari by a word only inside the PDF,
// with Indonesian stemming and typo tolerance; pagination with the true count; drafts and
// withdrawn documents never found; other units' officers never see it; bad input refused.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import { indexItem, searchIndex } from '../../platform/search/index.ts';
import { reindexSearch } from '../../platform/search/reindex.ts';
import { dokumenExport } from './exports.ts';
import { pdfWithText } from './test-pdf.ts';

let t: TestApp;
let officer: Client;
const OPD = '16.71.opd.disdukcapil';

async function staff(role: 'officer' | 'unit_admin' | 'platform_admin', unitCode: string) {
  const c = new Client(t.app);
  await signInAs(t, c, { kind: 'staff', grants: [{ role, unitCode }] });
  return c;
}

/** Uploads through the back-office form as a browser would: the CSRF token first, then the fields and the PDF. */
async function upload(c: Client, fields: Record<string, string>, pdf: Uint8Array, name = 'perda.pdf') {
  await c.get('/petugas/dokumen/baru');
  const kunci = /name="kunci" value="([^"]+)"/.exec(c.lastHtml)![1];
  const form = new FormData();
  form.append('_csrf', c.csrf());
  form.append('kunci', kunci);
  for (const [k, v] of Object.entries({ owner: OPD, publish: '1', ...fields })) form.append(k, v);
  form.append('berkas', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), name);
  const res = await c.request('/petugas/dokumen/baru', { method: 'POST', body: form });
  return { res, html: res.status === 303 ? '' : await res.text(), form };
}
const docByTitle = (title: string) => t.ctx.db.selectFrom('dokumen_items').selectAll().where('title', '=', title).executeTakeFirstOrThrow();
/** pages as a signed-in citizen sees them: never from the anonymous page cache (5 s) */
let reader: Client;
const search = async (q: string, extra = '') => {
  const res = await reader.get(`/cari?q=${encodeURIComponent(q)}${extra}`);
  return { status: res.status, html: await res.text() };
};

beforeAll(async () => {
  t = await createTestApp();
  officer = await staff('officer', OPD);
  reader = new Client(t.app);
  await signInAs(t, reader, { kind: 'citizen' });
});
afterAll(() => t.close());

describe('upload and the public pages', () => {
  it('stores a PDF regulation with its metadata and its text, audited, and publishes it', async () => {
    const pdf = await pdfWithText([['PERATURAN DAERAH KOTA PALEMBANG', 'Pasal 1: retribusi pemakaman jenazah di kawasan Kambang Iwak'], ['Pasal 2: tarif berlaku']]);
    const { res } = await upload(officer, { title: 'Retribusi Pelayanan Pemakaman', doc_type: 'perda', number: '7', year: '2024', status: 'berlaku', subject: 'Tarif retribusi makam' }, pdf);
    expect(res.status).toBe(303);
    const d = await docByTitle('Retribusi Pelayanan Pemakaman');
    expect(d).toMatchObject({ category: 'peraturan', state: 'published', text_status: 'ok', number: '7', year: 2024, status: 'berlaku' });
    expect(d.text_content).toContain('Kambang Iwak');
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'dokumen.created').where('subject_id', '=', String(d.id)).execute();
    expect(audit).toHaveLength(1);
    const page = await new Client(t.app).get(`/dokumen/${d.id}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Perda Nomor 7 Tahun 2024');
    expect(html).toContain('Berlaku');
    expect(Buffer.byteLength(html)).toBeLessThan(30_000);
    const file = await new Client(t.app).get(`/dokumen/${d.id}/unduh`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses a file that is not a PDF by its bytes, keeps the typed values, and a regulation without number (422)', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const bad = await upload(officer, { title: 'Bukan PDF', doc_type: 'perda', number: '1', year: '2024', status: 'berlaku' }, png, 'palsu.pdf');
    expect(bad.res.status).toBe(422);
    expect(bad.html).toContain('value="Bukan PDF"');
    const pdf = await pdfWithText([['isi']]);
    const noNumber = await upload(officer, { title: 'Tanpa Nomor', doc_type: 'perwali', year: '2024', status: 'berlaku' }, pdf);
    expect(noNumber.res.status).toBe(422);
    expect(noNumber.html).toContain('Isi nomor peraturan');
    expect(await t.ctx.db.selectFrom('dokumen_items').select('id').where('title', 'in', ['Bukan PDF', 'Tanpa Nomor']).execute()).toEqual([]);
  });

  it('a double submit of the same form stores one document', async () => {
    const pdf = await pdfWithText([['Rencana strategis dinas']]);
    const first = await upload(officer, { title: 'Renstra Disdukcapil 2025-2029', doc_type: 'renstra', year: '2025' }, pdf);
    expect(first.res.status).toBe(303);
    const again = await officer.request('/petugas/dokumen/baru', { method: 'POST', body: first.form });
    expect(again.status).toBe(303);
    expect(await t.ctx.db.selectFrom('dokumen_items').select('id').where('title', '=', 'Renstra Disdukcapil 2025-2029').execute()).toHaveLength(1);
  });

  it("another unit's officer neither lists nor edits it (404)", async () => {
    const other = await staff('officer', '16.71.opd.dinkes');
    const d = await docByTitle('Retribusi Pelayanan Pemakaman');
    await other.get('/petugas/dokumen');
    expect(other.lastHtml).not.toContain('Retribusi Pelayanan Pemakaman');
    expect((await other.get(`/petugas/dokumen/${d.id}`)).status).toBe(404);
  });
});

describe('/cari', () => {
  it('finds the regulation by a word only inside its PDF, with a highlighted, escaped snippet', async () => {
    const { html } = await search('kambang iwak');
    expect(html).toMatch(/href="\/dokumen\/\d+">Perda Nomor 7 Tahun 2024: Retribusi Pelayanan Pemakaman<\/a>/);
    expect(html).toContain('<mark>Kambang</mark>');
    expect(html).toContain('· Peraturan');
  });

  it('stems Indonesian words ("pemakaman" finds "makam") and corrects typos ("peratuan")', async () => {
    expect((await search('makam')).html).toContain('Retribusi Pelayanan Pemakaman');
    const typo = await search('peratuan daerah');
    expect(typo.html).toContain('Retribusi Pelayanan Pemakaman');
    expect(typo.html).toContain('menampilkan hasil untuk “peraturan daerah”');
  });

  it('pages with the true count, &halaman=2 and kinds', async () => {
    await t.ctx.db.transaction().execute(async (tx) => {
      for (let i = 1; i <= 25; i++) await indexItem(tx, 'dokumen', { ref: `uji.${i}`, kind: 'dokumen.search.kind.formulir', title: `Formulir zebracross ${i}`, url: `/uji/${i}` });
    });
    const first = await search('zebracross');
    expect(first.html).toContain('25 hasil untuk “zebracross”');
    expect(first.html).toContain('Halaman 1 dari 2');
    expect(first.html).toContain('href="/cari?q=zebracross&amp;halaman=2"');
    const second = await search('zebracross', '&halaman=2');
    expect(second.status).toBe(200);
    expect([...second.html.matchAll(/href="\/uji\/\d+"/g)]).toHaveLength(5);
    expect((await search('zebracross', '&jenis=dokumen.search.kind.peraturan')).html).toContain('Tidak ada hasil jenis ini');
    const r = await searchIndex(t.ctx.db, 'zebracross', { offset: 20, limit: 20 });
    expect(r.total).toBe(25);
    expect(r.hits).toHaveLength(5);
    await t.ctx.db.deleteFrom('search_items').where('ref', 'like', 'uji.%').execute();
  });

  it('past 1,000 matches says "more than", newest first, and still pages', async () => {
    await sql`insert into search_items (module, ref, kind, title, url, updated_at)
      select 'dokumen', 'banyak.' || g, 'dokumen.search.kind.formulir', 'Formulir gajahmada ' || g, '/banyak/' || g, now() - make_interval(mins => g)
      from generate_series(1, 1001) g`.execute(t.ctx.db);
    const r = await searchIndex(t.ctx.db, 'gajahmada', { offset: 0, limit: 20 });
    expect(r).toMatchObject({ total: 1000, capped: true });
    expect(r.hits[0].url).toBe('/banyak/1');
    const html = (await search('gajahmada', '&halaman=2')).html;
    expect(html).toContain('Lebih dari 1000 hasil untuk “gajahmada”');
    expect(html).toContain('href="/banyak/21"');
    await t.ctx.db.deleteFrom('search_items').where('ref', 'like', 'banyak.%').execute();
  });

  it('never finds drafts or withdrawn documents; reindex keeps only published ones', async () => {
    const pdf = await pdfWithText([['Laporan kinerja tentang kuda nil']]);
    await upload(officer, { title: 'LKjIP Draf', doc_type: 'lkjip', year: '2025', publish: '' }, pdf);
    expect((await search('kuda nil')).html).not.toContain('LKjIP Draf');
    const draft = await docByTitle('LKjIP Draf');
    expect((await new Client(t.app).get(`/dokumen/${draft.id}`)).status).toBe(404);

    const d = await docByTitle('Retribusi Pelayanan Pemakaman');
    await officer.get(`/petugas/dokumen/${d.id}`);
    expect((await officer.post(`/petugas/dokumen/${d.id}/status`, { state: 'withdrawn' })).status).toBe(303);
    expect((await search('kambang iwak')).html).not.toContain('Retribusi Pelayanan Pemakaman');
    expect((await new Client(t.app).get(`/dokumen/${d.id}/unduh`)).status).toBe(404);
    expect((await dokumenExport.rows(t.ctx)).map((r) => r.title)).not.toContain('Retribusi Pelayanan Pemakaman');
    await reindexSearch(t.ctx);
    expect((await search('kambang iwak')).html).not.toContain('Retribusi Pelayanan Pemakaman');
    expect((await search('renstra')).html).toContain('Renstra Disdukcapil 2025-2029');
  });

  it('a useful page when nothing matches, and 4xx for NUL or a bad page number', async () => {
    const none = await search('qwxzv');
    expect(none.status).toBe(200);
    expect(none.html).toContain('Tidak ada hasil untuk');
    expect(none.html).toContain('href="/instansi"');
    expect((await new Client(t.app).get('/cari?q=a%00b')).status).toBe(400);
    expect((await new Client(t.app).get('/dokumen?q=a%00b')).status).toBe(400);
    expect((await search('renstra', '&halaman=nol')).status).toBe(422);
    expect((await search('x'.repeat(201))).status).toBe(422);
  });
});
