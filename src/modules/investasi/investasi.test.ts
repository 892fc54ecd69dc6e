// investasi end to end on the real app: the pack's opportunities published, filters, the inquiry
// (bad input keeps values, a double submit makes one, the office's officers are emailed without the
// investor's details, the per-address limit), the queue and its scope, drafts and publishing with
// the audit trail, freshness by ctx.clock, the open-data rows and personal data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import { datasetRows } from '../../platform/figures.ts';
import { collectFreshness } from '../../platform/freshness/index.ts';
import { exportPersonalData } from './service.ts';

let t: TestApp;
const OFFICE = '16.71.opd.dpmptsp';
const OTHER = '16.71.opd.disnaker';
const inquiries = () => t.ctx.db.selectFrom('investasi_inquiries').selectAll().orderBy('id').execute();

async function staff(unitCode: string) {
  const c = new Client(t.app);
  await signInAs(t, c, { kind: 'staff', grants: [{ role: 'officer', unitCode }] });
  return c;
}
const inquiry = (over: Record<string, string> = {}) => ({ name: 'Budi Santoso', organisation: 'PT Musi Jaya', email: 'budi@musijaya.test', phone: '', message: 'Kami tertarik membangun area kuliner di sini.', ...over });
async function send(c: Client, slug: string, over: Record<string, string> = {}) {
  await c.get(`/investasi/minat/${slug}`);
  const idem = /name="idem" value="([^"]+)"/.exec(c.lastHtml)![1];
  return c.post(`/investasi/minat/${slug}`, { idem, ...inquiry(over) });
}

let officer: Client;
beforeAll(async () => {
  // the client addresses of these tests come from X-Forwarded-For
  t = await createTestApp({ env: { GAPURA_TRUST_PROXY: 'true' } });
  officer = await staff(OFFICE);
});
afterAll(async () => { t.ctx.clock.set(undefined); await t.close(); });

describe('public pages', () => {
  it('lists the pack opportunities, filters by sector and kecamatan, and shows one with its value', async () => {
    const c = new Client(t.app);
    const all = await (await c.get('/investasi')).text();
    expect(all).toContain('Kawasan wisata kuliner tepian Sungai Musi');
    expect(all).toContain('5 peluang');
    expect(all).toMatch(/Diperbarui \d+ \w+ \d{4}/);
    const energi = await (await c.get('/investasi?sektor=energi')).text();
    expect(energi).toContain('Sukawinatan');
    expect(energi).not.toContain('Sungai Musi');
    const kec = await (await c.get('/investasi?kecamatan=16.71.17')).text();
    expect(kec).toContain('Jakabaring');
    expect(kec).toContain('1 peluang');
    const none = await (await c.get('/investasi?sektor=pertanian')).text();
    expect(none).toContain('Tidak ada peluang yang cocok');
    const one = await c.get('/investasi/tepian-musi');
    const html = await one.text();
    expect(one.status).toBe(200);
    expect(html).toContain('Rp 150.000.000.000');
    expect(html).toContain('/investasi/minat/tepian-musi');
    expect(Buffer.byteLength(all)).toBeLessThan(30_000);
    expect((await c.get('/investasi/tidak-ada')).status).toBe(404);
  });
});

describe('inquiry', () => {
  it('keeps values and names each field on bad input; one inquiry for a double submit; the office is emailed', async () => {
    const c = new Client(t.app, '10.0.0.1');
    const bad = await send(c, 'tepian-musi', { name: '', email: 'bukan-email', message: 'pendek' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('Tulis nama Anda.');
    expect(html).toContain('Tulis alamat email yang benar');
    expect(html).toContain('Tulis pesan minimal 10 huruf.');
    expect(html).toContain('value="PT Musi Jaya"');
    const noReach = await send(c, 'tepian-musi', { email: '', phone: '' });
    expect(noReach.status).toBe(422);
    expect(await noReach.text()).toContain('Isi email atau telepon');

    await c.get('/investasi/minat/tepian-musi');
    const idem = /name="idem" value="([^"]+)"/.exec(c.lastHtml)![1];
    const first = await c.post('/investasi/minat/tepian-musi', { idem, ...inquiry() });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/investasi/minat/terkirim');
    await c.get('/investasi/minat/tepian-musi');
    expect((await c.post('/investasi/minat/tepian-musi', { idem, ...inquiry() })).status).toBe(303);
    const rows = await inquiries();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'Budi Santoso', organisation: 'PT Musi Jaya', state: 'baru' });

    const officerEmail = (await t.ctx.db.selectFrom('users').select('email').where('kind', '=', 'staff').orderBy('id', 'desc').executeTakeFirstOrThrow()).email!;
    const mail = await t.ctx.db.selectFrom('messages').selectAll().where('template', '=', 'investasi.inquiry').execute();
    expect(mail.map((m) => m.recipient)).toEqual([officerEmail]);
    expect(mail[0].body).toContain('tepian Sungai Musi');
    expect(mail[0].body).not.toContain('Budi');
    expect(mail[0].body).not.toContain('budi@musijaya.test');
  });

  it('limits inquiries per address', async () => {
    const c = new Client(t.app, '10.0.0.2');
    for (let i = 0; i < 6; i++) expect((await send(c, 'olahan-patin')).status).toBe(303);
    expect((await send(c, 'olahan-patin')).status).toBe(429);
    expect((await send(new Client(t.app, '10.0.0.3'), 'olahan-patin')).status).toBe(303);
  });

  it('reaches the office queue; an officer of another unit sees none of it', async () => {
    const list = await (await officer.get('/petugas/investasi/minat')).text();
    expect(list).toContain('Budi Santoso');
    const id = (await inquiries())[0].id;
    const other = await staff(OTHER);
    expect(await (await other.get('/petugas/investasi/minat')).text()).not.toContain('Budi Santoso');
    expect((await other.get(`/petugas/investasi/minat/${id}`)).status).toBe(404);
    await officer.get(`/petugas/investasi/minat/${id}`);
    expect(officer.lastHtml).toContain('budi@musijaya.test');
    expect((await officer.post(`/petugas/investasi/minat/${id}/ditangani`, {})).status).toBe(303);
    expect((await inquiries())[0].state).toBe('ditangani');
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'investasi.inquiry.handled').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toContain('budi@');
  });

  it('exports and erases a signed-in sender’s inquiries', async () => {
    const c = new Client(t.app, '10.0.0.9');
    const uid = await signInAs(t, c, { kind: 'citizen' });
    expect((await send(c, 'hunian-jakabaring', { name: 'Sari' })).status).toBe(303);
    const data = await exportPersonalData(t.ctx.db, uid);
    expect(JSON.stringify(data)).toContain('Sari');
    await t.ctx.db.transaction().execute((tx) => t.ctx.modules.find((m) => m.id === 'investasi')!.personalData!.erase(tx, uid));
    expect((await inquiries()).some((r) => r.name === 'Sari')).toBe(false);
  });
});

describe('back office', () => {
  it('a draft stays private until published; another unit may not edit it', async () => {
    await officer.get('/petugas/investasi/baru');
    const idem = /name="idem" value="([^"]+)"/.exec(officer.lastHtml)![1];
    const form = { idem, title: 'Pasar modern Kertapati', slug: '', sector: 'perdagangan', kecamatan: '16.71.13', location: 'Dekat Stasiun Kertapati', value: 'Rp 40.000.000.000', stage: 'tersedia', summary: 'Pasar modern dengan pusat grosir.', body: '', contactName: 'Bidang Promosi', contactEmail: 'promosi@dpmptsp.test', contactPhone: '', owner: OFFICE };
    const bad = await officer.post('/petugas/investasi/baru', { ...form, value: '40 miliar', sector: '' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Tulis nilai dalam angka rupiah');
    await officer.get('/petugas/investasi/baru');
    const res = await officer.post('/petugas/investasi/baru', form);
    expect(res.status).toBe(303);
    await officer.get('/petugas/investasi/baru');
    expect((await officer.post('/petugas/investasi/baru', form)).status).toBe(303);
    const rows = await t.ctx.db.selectFrom('investasi_opportunities').selectAll().where('title', '=', 'Pasar modern Kertapati').execute();
    expect(rows).toHaveLength(1);
    expect(Number(rows[0].value_rp)).toBe(40_000_000_000);
    const anon = new Client(t.app);
    expect((await anon.get('/investasi/pasar-modern-kertapati')).status).toBe(404);
    const other = await staff(OTHER);
    expect((await other.get(`/petugas/investasi/${rows[0].id}`)).status).toBe(404);
    await officer.get(`/petugas/investasi/${rows[0].id}`);
    expect((await officer.post(`/petugas/investasi/${rows[0].id}/terbitkan`, {})).status).toBe(303);
    expect((await anon.get('/investasi/pasar-modern-kertapati')).status).toBe(200);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'investasi_opportunity').where('subject_id', '=', String(rows[0].id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['investasi.opportunity.created', 'investasi.opportunity.published']);
    const data = await datasetRows(t.ctx, 'investasi.opportunities');
    expect(data.find((r) => r.title === 'Pasar modern Kertapati')).toMatchObject({ value_rp: 40_000_000_000, sector: 'perdagangan', kecamatan: 'Kertapati' });
  });
});

describe('freshness', () => {
  it('is quarterly per owner: stale after the quarter, on the page too', async () => {
    const item = (await collectFreshness(t.ctx)).find((f) => f.key.startsWith('investasi.'))!;
    expect(item).toMatchObject({ cadence: { days: 91 }, href: '/investasi' });
    t.ctx.clock.set(new Date(Date.now() + 92 * 24 * 3600 * 1000));
    // a signed-in reader: never the anonymous page cache
    const reader = new Client(t.app);
    await signInAs(t, reader, { kind: 'citizen' });
    const html = await (await reader.get('/investasi')).text();
    expect(html).toContain('belum diperbarui sejak');
    t.ctx.clock.set(undefined);
  });
});
