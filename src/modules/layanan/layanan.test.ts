// The service catalog end to end on the real app: the pack's 17 Si Demang letters seeded once
// (Medan gets the kelurahan letters from the same shared file), the catalog with search and filter,
// a service page with all 14 components under 30 KB, the blank form as a real PDF with Indonesian
// text, the API, and the back office: the city's unit admin edits (audited, kept over a re-seed),
// a kecamatan's admin cannot, bad input is 422.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import { PACKS_DIR } from '../../platform/region/pack-data.ts';
import { readPackServices, seedServices } from './service.ts';
import { catalogExport } from './exports.ts';

let t: TestApp;
const services = () => t.ctx.db.selectFrom('layanan_services').selectAll().orderBy('slug').execute();
const audits = (action: string) => t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t.close());

async function admin(unitCode: string) {
  const c = new Client(t.app);
  await signInAs(t, c, { kind: 'staff', grants: [{ role: 'unit_admin', unitCode }] });
  return c;
}

describe('pack data', () => {
  it('seeds every Si Demang letter once; a second seed changes nothing', async () => {
    const rows = await services();
    expect(rows).toHaveLength(17);
    expect(rows.filter((r) => r.unit_kind === 'kelurahan')).toHaveLength(14);
    expect(rows.filter((r) => r.unit_kind === 'kecamatan').map((r) => r.slug).sort()).toEqual(['dispensasi-nikah-kurang-10-hari', 'izin-reklame-insidentil', 'surat-keterangan-umum-kecamatan']);
    const before = (await audits('layanan.service.inserted')).length;
    expect(await seedServices(t.ctx)).toEqual({ inserted: 0, updated: 0 });
    expect(await services()).toHaveLength(17);
    expect((await audits('layanan.service.inserted')).length).toBe(before);
  });

  it('Medan takes only the kelurahan letters from the shared definitions', () => {
    const medan = readPackServices(path.join(PACKS_DIR, 'medan', 'layanan')).services;
    expect(medan).toHaveLength(14);
    expect(medan.every((s) => s.unitKind === 'kelurahan')).toBe(true);
    expect(medan.find((s) => s.slug === 'surat-keterangan-domisili')!.standard.facilities).toBeTruthy();
  });

  it('a Medan instance comes up with the kelurahan letters from its pack alone', async () => {
    const medan = await createTestApp({ env: { GAPURA_REGION: 'medan' } });
    try {
      const rows = await medan.ctx.db.selectFrom('layanan_services').select(['slug', 'unit_kind']).execute();
      expect(rows).toHaveLength(14);
      expect(rows.every((r) => r.unit_kind === 'kelurahan')).toBe(true);
      const page = await (await new Client(medan.app).get('/layanan/surat-keterangan-domisili')).text();
      expect(page).toContain('151 kelurahan');
    } finally {
      await medan.close();
    }
  });

  it('refuses a pack whose template names a field nobody asks for', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layanan-pack-'));
    const shared = JSON.parse(fs.readFileSync(path.join(PACKS_DIR, '_shared', 'layanan', 'services.json'), 'utf8')) as { services: { template: string }[] };
    shared.services[0].template += ' {tidak_ada}';
    fs.writeFileSync(path.join(dir, 'shared.json'), JSON.stringify(shared));
    fs.writeFileSync(path.join(dir, 'services.json'), JSON.stringify({ shared: [{ file: 'shared.json' }] }));
    expect(() => readPackServices(dir)).toThrow(/tidak_ada/);
    shared.services[0].template = shared.services[0].template.replace(' {tidak_ada}', '');
    fs.writeFileSync(path.join(dir, 'shared.json'), JSON.stringify(shared));
    fs.writeFileSync(path.join(dir, 'services.json'), JSON.stringify({ shared: [{ file: 'shared.json', slugs: ['tidak-ada'] }] }));
    expect(() => readPackServices(dir)).toThrow(/no service tidak-ada/);
  });
});

describe('public pages', () => {
  it('lists the services grouped, searchable and filtered by unit kind', async () => {
    const c = new Client(t.app);
    const all = await c.get('/layanan');
    expect(all.status).toBe(200);
    const html = await all.text();
    expect(html).toContain('17 layanan');
    expect(html).toContain('<h2>Perkawinan</h2>');
    const kec = await (await c.get('/layanan?unit=kecamatan')).text();
    expect(kec).toContain('3 layanan');
    expect(kec).toContain('Izin reklame insidentil');
    expect(kec).not.toContain('Surat keterangan domisili sementara');
    const q = await (await c.get('/layanan?q=nikah')).text();
    expect(q).toContain('Surat pengantar nikah (model N1)');
    expect(q).not.toContain('Surat keterangan berobat');
    expect(await (await c.get('/layanan?q=%25%25')).text()).toContain('0 layanan');
  });

  it('shows a service in plain language with all 14 components, under 30 KB', async () => {
    const res = await new Client(t.app).get('/layanan/surat-keterangan-domisili');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(Buffer.byteLength(html)).toBeLessThan(30 * 1024);
    expect(html).toContain('Surat pengantar dari Ketua RT dan RW');
    expect(html).toContain('3 hari kerja');
    expect(html).toContain('Gratis (Rp 0)');
    for (let i = 1; i <= 14; i++) expect(html).toContain(`<dt>${i}. `);
    expect(html).toContain('Pengawasan internal');
    expect(html).toContain('UU 23/2006');
    expect((await new Client(t.app).get('/layanan/tidak-ada')).status).toBe(404);
    expect((await new Client(t.app).get('/layanan/BAD%20slug')).status).toBe(404);
  });

  it('serves a blank printable form as a PDF with the questions in Indonesian', async () => {
    const res = await new Client(t.app).get('/layanan/surat-keterangan-kematian/formulir.pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'layanan-pdf-')), 'f.pdf');
    fs.writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', [file, '-']).toString();
    expect(text).toContain('Formulir permohonan: Surat keterangan kematian');
    expect(text).toContain('Nama almarhum/almarhumah');
    expect(text).toContain('Surat pengantar dari Ketua RT dan RW');
  });

  it('site search finds the catalog page and the services', async () => {
    const search = t.ctx.modules.find((m) => m.id === 'layanan')!.search!;
    const hits = await search('domisili', t.ctx, 'id');
    expect(hits.map((h) => h.href)).toEqual(expect.arrayContaining(['/layanan/surat-keterangan-domisili', '/layanan/surat-keterangan-domisili-sementara-wna']));
    expect((await search('si demang', t.ctx, 'id')).map((h) => h.href)).toContain('/layanan');
    expect(await search('x', t.ctx, 'id')).toEqual([]);
  });

  it('offers the catalog as JSON and as an open dataset without personal data', async () => {
    const list = await new Client(t.app).get('/api/v1/services');
    expect(list.status).toBe(200);
    const body = await list.json() as { services: { slug: string; standard: Record<string, string> }[] };
    expect(body.services).toHaveLength(17);
    expect(Object.keys(body.services[0].standard)).toHaveLength(14);
    expect((await new Client(t.app).get('/api/v1/services/tidak-ada')).status).toBe(404);
    const rows = await catalogExport.rows(t.ctx);
    expect(rows).toHaveLength(17);
    expect(Object.keys(rows[0]).sort()).toEqual(catalogExport.fields.map((f) => f.name).sort());
  });
});

describe('back office', () => {
  const slug = 'surat-keterangan-belum-menikah';
  const form = (over: Record<string, string> = {}) => ({ deadlineDays: '2', costRupiah: '0', costNote: '', requirements: 'Surat pengantar RT/RW\nKTP\nKK\nPas foto', active: '1', ...over });

  it('the city admin edits deadline, requirements and whether it is offered, audited; a re-seed keeps it', async () => {
    const c = await admin('16.71');
    expect((await c.get('/petugas/layanan')).status).toBe(200);
    expect(c.lastHtml).toContain('Surat keterangan belum menikah');
    await c.get(`/petugas/layanan/${slug}`);
    const res = await c.post(`/petugas/layanan/${slug}`, form());
    expect(res.status).toBe(303);
    const row = (await services()).find((r) => r.slug === slug)!;
    expect(row.deadline_days).toBe(2);
    expect(row.requirements).toContain('Pas foto');
    const audit = (await audits('layanan.service.edited')).at(-1)!;
    expect(audit.subject_id).toBe(slug);
    expect(audit.after).toMatchObject({ deadlineDays: 2 });
    await seedServices(t.ctx);
    expect((await services()).find((r) => r.slug === slug)!.deadline_days).toBe(2);
    const fresh = new Client(t.app);
    await signInAs(t, fresh, { kind: 'citizen' });
    expect(await (await fresh.get(`/layanan/${slug}`)).text()).toContain('2 hari kerja');

    // not offered: gone from the catalog and its page
    await c.get(`/petugas/layanan/${slug}`);
    expect((await c.post(`/petugas/layanan/${slug}`, form({ active: '' }))).status).toBe(303);
    // a signed-in reader: the anonymous page cache may still hold the page for a moment
    const reader = new Client(t.app);
    await signInAs(t, reader, { kind: 'citizen' });
    expect((await reader.get(`/layanan/${slug}`)).status).toBe(404);
    await c.get(`/petugas/layanan/${slug}`);
    await c.post(`/petugas/layanan/${slug}`, form());
  });

  it('refuses bad input with the field errors kept (422)', async () => {
    const c = await admin('16.71');
    await c.get(`/petugas/layanan/${slug}`);
    const res = await c.post(`/petugas/layanan/${slug}`, form({ deadlineDays: 'lama', costRupiah: '-5', requirements: '  ' }));
    expect(res.status).toBe(422);
    const html = c.lastHtml;
    expect(html).toContain('Isi dengan angka 0 sampai 365.');
    expect(html).toContain('Isi dengan angka rupiah');
    expect(html).toContain('Tulis paling sedikit satu persyaratan.');
    expect(html).toContain('value="lama"');
  });

  it("a kecamatan's admin does not see or edit the city's definitions", async () => {
    const c = await admin('16.71.01');
    await c.get('/petugas/layanan');
    expect(c.lastHtml).not.toContain('Surat keterangan belum menikah');
    expect((await c.get(`/petugas/layanan/${slug}`)).status).toBe(404);
    const res = await c.post(`/petugas/layanan/${slug}`, form({ deadlineDays: '9' }));
    expect(res.status).toBe(404);
    expect((await services()).find((r) => r.slug === slug)!.deadline_days).toBe(2);
  });
});
