// The contacts module end to end on the real app: the national numbers seeded, the public page and
// its kecamatan form, freshness, demo data only in demo mode, the back office with its unit scope
// (kecamatan X never touches Y's entries), the audit trail, bad input, search, the API, stats and
// the open-data rows.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import { loadDemo } from '../../platform/boot.ts';
import { buildApp } from '../../platform/http/app.tsx';
import { contactsExport } from './exports.ts';
import { contactsStats } from './stats.ts';
import { NATIONAL } from './seed.ts';

let t: TestApp;
// two kecamatan of the Palembang pack, and a kelurahan inside X
const X = '16.71.01'; // Ilir Barat II
const Y = '16.71.07'; // Sukarami
const KEL_X = '16.71.01.1001';

const contacts = () => t.ctx.db.selectFrom('emergency_contacts').selectAll().orderBy('id').execute();
const contact = (name: string) => t.ctx.db.selectFrom('emergency_contacts').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
const auditCount = async () => Number((await t.ctx.db.selectFrom('audit_log').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const lastAudit = () => t.ctx.db.selectFrom('audit_log').selectAll().where('subject_type', '=', 'emergency_contact').orderBy('id', 'desc').executeTakeFirstOrThrow();
const unitId = async (code: string) => Number((await t.ctx.db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id);
/** A public page as a signed-in citizen sees it: the same page, but never from the anonymous page cache. */
let reader: Client;
const page = async (path: string) => {
  const res = await reader.get(path);
  return { status: res.status, html: await res.text() };
};
const backdate = (id: number, days: number) =>
  t.ctx.db.updateTable('emergency_contacts').set({ reviewed_at: sql`now() - make_interval(days => ${days})` }).where('id', '=', id).execute();

async function staff(role: 'unit_admin' | 'officer' | 'platform_admin', unitCode: string) {
  const c = new Client(t.app);
  await signInAs(t, c, { kind: 'staff', grants: [{ role, unitCode }] });
  return c;
}

const form = (over: Record<string, string> = {}) => ({
  category: 'ambulance', name: 'Ambulans Puskesmas Uji', phone: '0711-123456', whatsapp: '0812 3456 7890', owner: X, kecamatan: X, note: '24 jam', source: '', ...over,
});

/** Create through the back office as `c`; returns the new row. */
async function create(c: Client, over: Record<string, string> = {}) {
  await c.get('/petugas/kontak-darurat/baru');
  const res = await c.post('/petugas/kontak-darurat/baru', form(over));
  expect(res.status, c.lastHtml.match(/<p class="err"[^>]*>[^<]*/g)?.join(' ')).toBe(303);
  return contact(form(over).name);
}

beforeAll(async () => {
  t = await createTestApp();
  reader = new Client(t.app);
  await signInAs(t, reader, { kind: 'citizen' });
});
afterAll(() => t.close());

describe('national numbers', () => {
  it('are seeded once as city-wide entries owned by the city, with their source named', async () => {
    const rows = await contacts();
    expect(rows.map((r) => r.phone)).toEqual(NATIONAL.map((n) => n.phone));
    const region = await unitId('16.71');
    for (const r of rows) {
      expect(r).toMatchObject({ kecamatan_id: null, owner_unit_id: region, example: false, active: true });
      expect(r.source).not.toBe('');
    }
    const before = await auditCount();
    await t.ctx.modules.find((m) => m.id === 'contacts')!.seed!(t.ctx);
    expect(await contacts()).toHaveLength(NATIONAL.length);
    expect(await auditCount()).toBe(before);
  });

  it('cannot be edited or deactivated by hand, only confirmed (409)', async () => {
    const admin = await staff('platform_admin', '16.71');
    const n112 = (await contacts()).find((r) => r.phone === '112')!;
    const edit = await admin.get(`/petugas/kontak-darurat/${n112.id}`);
    expect(edit.status).toBe(200);
    expect(admin.lastHtml).toContain('Nomor darurat nasional diatur oleh sistem');
    expect(admin.lastHtml).not.toContain(`action="/petugas/kontak-darurat/${n112.id}/status"`);
    const before = await auditCount();
    expect((await admin.post(`/petugas/kontak-darurat/${n112.id}`, form({ phone: '0811111111', owner: '16.71', kecamatan: '' }))).status).toBe(409);
    expect((await admin.post(`/petugas/kontak-darurat/${n112.id}/status`, { active: '0' })).status).toBe(409);
    expect(await auditCount()).toBe(before);
    expect((await admin.post(`/petugas/kontak-darurat/${n112.id}/periksa`, {})).status).toBe(303);
    expect(await lastAudit()).toMatchObject({ action: 'contacts.reviewed', subject_id: String(n112.id) });
  });
});

describe('public page', () => {
  it('shows the city-wide numbers, 112 first, as big tel: links, with a GET form to pick a kecamatan', async () => {
    const { status, html } = await page('/kontak-darurat');
    expect(status).toBe(200);
    expect(html).toContain('<h1>Kontak darurat</h1>');
    const calls = [...html.matchAll(/<a class="button call" href="(tel:[^"]+)"/g)].map((m) => m[1]);
    expect(calls[0]).toBe('tel:112');
    expect(calls).toEqual(expect.arrayContaining(['tel:110', 'tel:113', 'tel:118', 'tel:119']));
    expect(html).toMatch(/<form method="get" action="\/kontak-darurat"/);
    expect(html).toContain(`<option value="${X}">Ilir Barat II</option>`);
    expect(html).toContain('Diperbarui ');
    expect(html).toContain('Sumber: Kementerian Komunikasi dan Digital');
    // nothing marked as an example outside demo mode
    expect(html).not.toContain('Contoh');
    // and anonymous visitors get the same page
    expect(await (await new Client(t.app).get('/kontak-darurat')).text()).toContain('tel:112');
    // the menu, the home page and /informasi lead here
    expect(html).toMatch(/<a href="\/kontak-darurat" aria-current="page">Kontak darurat<\/a>/);
    expect((await page('/')).html).toContain('<a href="/kontak-darurat">Kontak darurat</a>');
    expect((await page('/informasi')).html).toContain('<a href="/kontak-darurat">Kontak darurat</a>');
  });

  it('an unknown kecamatan is a 404 that keeps the form and says what to do', async () => {
    const { status, html } = await page('/kontak-darurat?kecamatan=99.99');
    expect(status).toBe(404);
    expect(html).toContain('Tidak ada kecamatan dengan kode 99.99. Pilih kecamatan dari daftar.');
    expect(html).toContain('tel:112');
  });

  it('answers bad query input with 4xx, never 500', async () => {
    expect((await page(`/kontak-darurat?kecamatan=${'1'.repeat(81)}`)).status).toBe(422);
    // control characters never get past the platform's edge; anything else that is no unit code stops here
    expect((await page('/kontak-darurat?kecamatan=%00')).status).toBe(400);
    expect((await page('/kontak-darurat?kecamatan=%3Cscript%3E')).status).toBe(422);
    // pages ignore undeclared keys (utm_source from a shared link); the JSON API refuses them (below)
    expect((await page('/kontak-darurat?utm_source=wa')).status).toBe(200);
    expect((await page('/kontak-darurat?kecamatan=%E0%A4%A')).status).toBe(400);
  });
});

describe('back office: unit scope', () => {
  it('kecamatan X adds its own number (phone normalised, audited) and it shows for X, not for Y', async () => {
    const adminX = await staff('unit_admin', X);
    const before = await auditCount();
    const row = await create(adminX, { name: 'Ambulans Kecamatan Iks' });
    expect(row).toMatchObject({ phone: '+62711123456', whatsapp: '+6281234567890', kecamatan_id: await unitId(X), owner_unit_id: await unitId(X) });
    expect(await auditCount()).toBe(before + 1);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: 'contacts.created', subject_id: String(row.id), unit_id: await unitId(X) });
    expect(audit.after).toMatchObject({ name: 'Ambulans Kecamatan Iks', owner: X, kecamatan: X, phone: '+62711123456' });

    const inX = (await page(`/kontak-darurat?kecamatan=${X}`)).html;
    expect(inX).toContain('<h2>Kecamatan Ilir Barat II</h2>');
    expect(inX).toContain('Ambulans Kecamatan Iks');
    expect(inX).toContain('href="tel:+62711123456">Telepon 0711 123456</a>');
    expect(inX).toContain('href="https://wa.me/6281234567890"');
    expect(inX).toContain('Dikelola oleh Kecamatan Ilir Barat II');
    expect(inX.indexOf('tel:112')).toBeLessThan(inX.indexOf('Ambulans Kecamatan Iks'));
    expect((await page(`/kontak-darurat?kecamatan=${Y}`)).html).not.toContain('Ambulans Kecamatan Iks');
    expect((await page('/kontak-darurat')).html).not.toContain('Ambulans Kecamatan Iks');
  });

  it('kecamatan Y can neither see, open, change, deactivate nor confirm X’s entry', async () => {
    const row = await contact('Ambulans Kecamatan Iks');
    const adminY = await staff('unit_admin', Y);
    await adminY.get('/petugas/kontak-darurat');
    expect(adminY.lastHtml).not.toContain('Ambulans Kecamatan Iks');
    const before = await auditCount();
    expect((await adminY.get(`/petugas/kontak-darurat/${row.id}`)).status).toBe(404);
    await adminY.get('/petugas/kontak-darurat/baru');
    expect((await adminY.post(`/petugas/kontak-darurat/${row.id}`, form({ name: 'Diambil alih', owner: Y, kecamatan: Y }))).status).toBe(404);
    expect((await adminY.post(`/petugas/kontak-darurat/${row.id}/status`, { active: '0' })).status).toBe(404);
    expect((await adminY.post(`/petugas/kontak-darurat/${row.id}/periksa`, {})).status).toBe(404);
    expect(await auditCount()).toBe(before);
    expect(await contact('Ambulans Kecamatan Iks')).toMatchObject({ active: true, owner_unit_id: await unitId(X) });
  });

  it('kecamatan X cannot make Y the owner, nor put its own number on Y’s page', async () => {
    const adminX = await staff('unit_admin', X);
    await adminX.get('/petugas/kontak-darurat/baru');
    // the form offers only X's units as owner
    expect(adminX.lastHtml).toContain(`<option value="${X}">Kecamatan Ilir Barat II</option>`);
    expect(adminX.lastHtml).not.toContain(`<option value="${Y}">Kecamatan Sukarami</option>`);
    // …and only its own kecamatan as the place, not the whole city
    expect(adminX.lastHtml).not.toContain('>Seluruh kota</option>');
    const before = await auditCount();
    let res = await adminX.post('/petugas/kontak-darurat/baru', form({ name: 'Salah pemilik', owner: Y, kecamatan: Y }));
    expect(res.status).toBe(422);
    expect(adminX.lastHtml).toContain('Anda hanya bisa memilih unit Anda sendiri atau unit di bawahnya');
    res = await adminX.post('/petugas/kontak-darurat/baru', form({ name: 'Salah tempat', owner: X, kecamatan: Y }));
    expect(res.status).toBe(422);
    expect(adminX.lastHtml).toContain('hanya tampil di kecamatannya sendiri');
    // a kecamatan's number is not city-wide either
    res = await adminX.post('/petugas/kontak-darurat/baru', form({ name: 'Salah tempat', owner: X, kecamatan: '' }));
    expect(res.status).toBe(422);
    expect(await auditCount()).toBe(before);
    // what was typed is kept
    expect(adminX.lastHtml).toContain('value="Salah tempat"');
  });

  it('an officer of a kelurahan in X owns entries listed in X; the platform admin edits anything', async () => {
    const officer = await staff('officer', KEL_X);
    const row = await create(officer, { name: 'Mobil Jenazah Kelurahan', category: 'hearse', owner: KEL_X, kecamatan: X, whatsapp: '' });
    expect(row.whatsapp).toBeNull();
    // …but not the kecamatan's own entry above it
    const kecEntry = await contact('Ambulans Kecamatan Iks');
    expect((await officer.get(`/petugas/kontak-darurat/${kecEntry.id}`)).status).toBe(404);

    const admin = await staff('platform_admin', '16.71');
    await admin.get(`/petugas/kontak-darurat/${row.id}`);
    expect(admin.lastHtml).toContain('value="Mobil Jenazah Kelurahan"');
    const res = await admin.post(`/petugas/kontak-darurat/${row.id}`, form({ name: 'Mobil Jenazah Kelurahan', category: 'hearse', phone: '+62 812 1111 2222', whatsapp: '', owner: KEL_X, kecamatan: X }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/petugas/kontak-darurat?pesan=disimpan');
    expect((await contact('Mobil Jenazah Kelurahan')).phone).toBe('+6281211112222');
    const audit = await lastAudit();
    expect(audit.action).toBe('contacts.updated');
    expect(audit.before).toMatchObject({ phone: '+62711123456' });
    expect(audit.after).toMatchObject({ phone: '+6281211112222' });
  });

  it('deactivating takes a number off the public page; reactivating brings it back; both audited', async () => {
    const adminX = await staff('unit_admin', X);
    const row = await contact('Ambulans Kecamatan Iks');
    await adminX.get(`/petugas/kontak-darurat/${row.id}`);
    expect((await adminX.post(`/petugas/kontak-darurat/${row.id}/status`, { active: '0' })).status).toBe(303);
    expect(await lastAudit()).toMatchObject({ action: 'contacts.deactivated' });
    expect((await page(`/kontak-darurat?kecamatan=${X}`)).html).not.toContain('Ambulans Kecamatan Iks');
    // still listed for its owner, marked inactive
    await adminX.get('/petugas/kontak-darurat');
    expect(adminX.lastHtml).toMatch(/Ambulans Kecamatan Iks<\/a>[\s\S]*?Nonaktif/);
    expect((await adminX.post(`/petugas/kontak-darurat/${row.id}/status`, { active: '1' })).status).toBe(303);
    expect(await lastAudit()).toMatchObject({ action: 'contacts.reactivated' });
    expect((await page(`/kontak-darurat?kecamatan=${X}`)).html).toContain('Ambulans Kecamatan Iks');
  });

  it('keeps citizens and anonymous visitors out of the back office', async () => {
    const citizen = new Client(t.app);
    await signInAs(t, citizen, { kind: 'citizen' });
    expect((await citizen.get('/petugas/kontak-darurat')).status).toBe(403);
    const res = await new Client(t.app).get('/petugas/kontak-darurat');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/petugas\/masuk\?kembali=/);
  });
});

describe('bad input in the form', () => {
  it('refuses numbers that cannot be dialled, NUL bytes and over-long fields with 4xx, keeping what was typed', async () => {
    const adminX = await staff('unit_admin', X);
    await adminX.get('/petugas/kontak-darurat/baru');
    const before = await auditCount();
    const cases: [Record<string, string>, string][] = [
      [{ phone: '12345abc' }, 'Masukkan nomor Indonesia dengan angka saja'],
      [{ phone: '+1 202 555 0100' }, 'Masukkan nomor Indonesia dengan angka saja'],
      [{ whatsapp: '0711 123456' }, 'Masukkan nomor HP yang diawali 08'],
      [{ phone: '' }, 'Masukkan nomor telepon.'],
      // the edge lets tab and newlines through (textareas); a one-line field does not
      [{ note: 'baris\nkedua' }, 'Isian ini belum benar'],
      [{ name: 'Ambulans\tUji' }, 'Isian ini belum benar'],
      [{ name: 'A'.repeat(121) }, 'Isian ini terlalu panjang'],
      [{ category: 'helikopter' }, 'Pilih jenis layanan.'],
      [{ owner: 'tidak.ada' }, 'Unit pengelola yang dipilih tidak ada'],
    ];
    for (const [over, message] of cases) {
      const res = await adminX.post('/petugas/kontak-darurat/baru', form({ name: 'Nomor Salah', ...over }));
      expect(res.status, JSON.stringify(over)).toBe(422);
      expect(adminX.lastHtml, JSON.stringify(over)).toContain(message);
      expect(adminX.lastHtml).toContain('class="error-summary"');
    }
    // NUL and other control characters are refused by the platform before the schema sees them
    expect((await adminX.post('/petugas/kontak-darurat/baru', form({ name: 'Ambulans\u0000' }))).status).toBe(400);
    // so is a field beyond the platform's limit
    const huge = await adminX.post('/petugas/kontak-darurat/baru', form({ name: 'x'.repeat(20_001) }));
    expect(huge.status).toBe(422);
    const id = (await contact('Ambulans Kecamatan Iks')).id;
    for (const bad of ['0', '-1', 'abc', '99999999999', '1.5']) expect((await adminX.get(`/petugas/kontak-darurat/${bad}`)).status, bad).toBe(404);
    expect((await adminX.post(`/petugas/kontak-darurat/${id}/status`, { active: 'ya' })).status).toBe(422);
    expect(await auditCount()).toBe(before);
  });
});

describe('freshness', () => {
  it('shows "belum diperbarui sejak …" once an entry is past the 90-day review period, and "still correct" makes it fresh', async () => {
    const row = await contact('Ambulans Kecamatan Iks');
    await backdate(row.id, 80);
    let html = (await page(`/kontak-darurat?kecamatan=${X}`)).html;
    expect(html).not.toContain('Belum diperbarui sejak');
    await backdate(row.id, 100);
    html = (await page(`/kontak-darurat?kecamatan=${X}`)).html;
    const card = html.slice(html.indexOf(`id="kontak-${row.id}"`));
    expect(card.slice(0, card.indexOf('</li>'))).toMatch(/<p class="stale">Belum diperbarui sejak \d+ \w+ \d{4}\. Nomor ini mungkin sudah berubah/);

    const adminX = await staff('unit_admin', X);
    await adminX.get('/petugas/kontak-darurat');
    expect(adminX.lastHtml).toContain('1 nomor belum diperiksa dalam batas waktunya');
    expect(adminX.lastHtml).toContain('Perlu diperiksa');
    const api = await (await new Client(t.app).get(`/api/v1/emergency-contacts?kecamatan=${X}`)).json() as { contacts: { id: number; stale: boolean }[] };
    expect(api.contacts.find((e) => e.id === row.id)!.stale).toBe(true);

    await adminX.get(`/petugas/kontak-darurat/${row.id}`);
    expect((await adminX.post(`/petugas/kontak-darurat/${row.id}/periksa`, {})).status).toBe(303);
    expect(await lastAudit()).toMatchObject({ action: 'contacts.reviewed', subject_id: String(row.id) });
    html = (await page(`/kontak-darurat?kecamatan=${X}`)).html;
    expect(html).not.toContain('Belum diperbarui sejak');
  });

  it('takes the review period from CONTACTS_REVIEW_DAYS', async () => {
    const row = await contact('Ambulans Kecamatan Iks');
    await backdate(row.id, 20);
    const stale = async (app: typeof t.app) => {
      const body = await (await new Client(app).get(`/api/v1/emergency-contacts?kecamatan=${X}`)).json() as { reviewDays: number; contacts: { id: number; stale: boolean }[] };
      return [body.reviewDays, body.contacts.find((e) => e.id === row.id)!.stale];
    };
    expect(await stale(t.app)).toEqual([90, false]);
    // the value boot parsed from CONTACTS_REVIEW_DAYS=14 (manifest settings, validated with the config)
    const config = { ...t.ctx.config, settings: { ...t.ctx.config.settings, CONTACTS_REVIEW_DAYS: 14 } };
    expect(await stale(buildApp({ ...t.ctx, config }))).toEqual([14, true]);
  });
});

describe('search, API, stats and export', () => {
  it('site search finds entries by name and by category words', async () => {
    const hit = (await page('/cari?q=damkar')).html;
    expect(hit).toMatch(/<a href="\/kontak-darurat#kontak-\d+">Pemadam kebakaran 113<\/a>/);
    // neither word is in the names: the category's words find them
    expect((await page('/cari?q=polsek')).html).toContain('>Polisi (Call Center Polri 110)</a>');
    // the page itself, by the words people use for it
    expect((await page('/cari?q=nomor%20darurat')).html).toContain('href="/kontak-darurat">Kontak darurat</a>');
    expect((await page('/cari?q=mobil%20ambulans')).html).toContain('>Ambulans gawat darurat 118</a>');
    const local = (await page('/cari?q=Kecamatan%20Iks')).html;
    expect(local).toMatch(new RegExp(`href="/kontak-darurat\\?kecamatan=${X.replaceAll('.', '\\.')}#kontak-\\d+">Ambulans Kecamatan Iks`));
    expect(local).toContain('0711 123456 · Kecamatan Ilir Barat II');
  });

  it('GET /api/v1/emergency-contacts: city-wide first, then the kecamatan; documented in /openapi.json', async () => {
    const res = await new Client(t.app).get(`/api/v1/emergency-contacts?kecamatan=${X}`);
    expect(res.status).toBe(200);
    const body = await res.json() as { reviewDays: number; contacts: { phone: string; tel: string; whatsappUrl: string | null; kecamatan: { code: string } | null; owner: { code: string } }[] };
    expect(body.reviewDays).toBe(90);
    expect(body.contacts[0]).toMatchObject({ phone: '112', tel: 'tel:112', kecamatan: null, owner: { code: '16.71' } });
    const local = body.contacts.filter((e) => e.kecamatan);
    expect(local.length).toBeGreaterThan(0);
    expect(local.every((e) => e.kecamatan!.code === X)).toBe(true);
    expect(body.contacts.findIndex((e) => e.kecamatan)).toBe(body.contacts.length - local.length);
    expect(local.find((e) => e.whatsappUrl)?.whatsappUrl).toBe('https://wa.me/6281234567890');

    const unknown = await new Client(t.app).get('/api/v1/emergency-contacts?kecamatan=99.99');
    expect(unknown.status).toBe(404);
    const err = await unknown.json() as { error: { code: string; message: string } };
    expect(err.error.code).toBe('contacts.unknown_kecamatan');
    expect(err.error.message).toContain('99.99');
    expect((await new Client(t.app).get(`/api/v1/emergency-contacts?kecamatan=${'9'.repeat(81)}`)).status).toBe(422);
    expect((await new Client(t.app).get('/api/v1/emergency-contacts?x=1')).status).toBe(400);
    expect((await new Client(t.app).get('/api/v1/emergency-contacts?kecamatan=%00')).status).toBe(400);
    expect((await new Client(t.app).get('/api/v1/emergency-contacts?kecamatan=a%2Fb')).status).toBe(422);
    const doc = await (await new Client(t.app).get('/openapi.json')).json() as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(doc.paths).toHaveProperty('/api/v1/emergency-contacts');
    expect(doc.components.schemas).toHaveProperty('EmergencyContact');
  });

  it('stats count entries and stale entries per owner unit; the export lists active real entries', async () => {
    const row = await contact('Ambulans Kecamatan Iks');
    await backdate(row.id, 120);
    const now = new Date();
    const all = await contactsStats(t.ctx, { from: new Date(now.getTime() - 86_400_000), to: new Date(now.getTime() + 60_000), reviewDays: 90 });
    expect(all.entries).toBe((await contacts()).filter((r) => r.active && !r.example).length);
    expect(all.stale).toBe(1);
    const ofX = await contactsStats(t.ctx, { unitId: await unitId(X), from: new Date(0), to: now, reviewDays: 90 });
    expect(ofX.perUnit.map((u) => u.unitCode).sort()).toEqual([X, KEL_X]);
    expect(ofX).toMatchObject({ entries: 2, stale: 1 });
    const ofY = await contactsStats(t.ctx, { unitId: await unitId(Y), from: new Date(0), to: now, reviewDays: 90 });
    expect(ofY).toMatchObject({ entries: 0, stale: 0, perUnit: [] });

    const rows = await contactsExport.rows(t.ctx, { reviewDays: 90 });
    expect(rows.map((r) => Object.keys(r))).toEqual(rows.map(() => contactsExport.fields.map((f) => f.name)));
    expect(rows.find((r) => r.name === 'Ambulans Kecamatan Iks')).toMatchObject({ kecamatan_code: X, owner_code: X, phone: '+62711123456', stale: true });
  });
});

describe('demo data', () => {
  it('is loaded only in demo mode, never in production, marked "Contoh", and kept out of the export', async () => {
    const mod = t.ctx.modules.find((m) => m.id === 'contacts')!;
    expect((await contacts()).some((r) => r.example)).toBe(false);
    // a production configuration loads nothing, even when asked
    expect(await mod.demo!({ ...t.ctx, config: { ...t.ctx.config, production: true, demo: false } })).toEqual([]);
    expect((await contacts()).some((r) => r.example)).toBe(false);

    const lines = await loadDemo(t.ctx);
    expect(lines.join('\n')).toMatch(/Demo emergency contacts: \d+ example entries/);
    const examples = (await contacts()).filter((r) => r.example);
    expect(examples.length).toBeGreaterThan(5);
    for (const e of examples) expect(e.name).toMatch(/^Contoh: /);
    const html = (await page(`/kontak-darurat?kecamatan=${X}`)).html;
    expect(html).toContain('<span class="tag example">Contoh</span>');
    // one example shows what a stale entry looks like
    expect(html).toContain('Belum diperbarui sejak');
    // a second demo run adds nothing
    expect(await mod.demo!(t.ctx)).toEqual([]);
    expect((await contactsExport.rows(t.ctx, { reviewDays: 90 })).some((r) => String(r.name).startsWith('Contoh'))).toBe(false);
  });
});
