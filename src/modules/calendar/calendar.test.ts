import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import type { Role } from '../../platform/access/can.ts';
import { importHolidays, readHolidayFile } from '../../platform/calendar/holidays.ts';
import { parseDateInput } from './schema.ts';

let t: TestApp;
let unitId: number;

beforeAll(async () => {
  t = await createTestApp();
  const pack = readHolidayFile(path.resolve(import.meta.dirname, '../../../region-packs/_indonesia/holidays.json'));
  await importHolidays(t.ctx.db, pack, 'region-pack:_indonesia');
  const unit = await t.ctx.db
    .insertInto('units')
    .values({ code: 'test-region', kind: 'region', name: 'Kota Uji', path: '/pending/' })
    .returning('id')
    .executeTakeFirstOrThrow();
  unitId = unit.id;
  await t.ctx.db.updateTable('units').set({ path: `/${unitId}/` }).where('id', '=', unitId).execute();
});
afterAll(() => t.close());

/** A signed-in staff client (rows written directly; see session.ts for the cookie scheme). */
async function staff(role: Role): Promise<Client> {
  const user = await t.ctx.db
    .insertInto('users')
    .values({ kind: 'staff', name: `Petugas ${role}`, email: `${role}-${randomToken(4)}@kota.test` })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.ctx.db.insertInto('role_grants').values({ user_id: user.id, role, unit_id: unitId }).execute();
  const token = randomToken(32);
  await t.ctx.db
    .insertInto('sessions')
    .values({ id_hash: sha256(token), user_id: user.id, state: 'active', data: JSON.stringify({ staff: true }), expires_at: new Date(Date.now() + 3600_000) })
    .execute();
  const client = new Client(t.app);
  client.cookies.set('gapura_sid', token);
  return client;
}

const auditRows = (date: string) =>
  t.ctx.db.selectFrom('audit_log').selectAll().where('subject_type', '=', 'holiday').where('subject_id', '=', date).orderBy('id').execute();

describe('/petugas/kalender', () => {
  it('sends anonymous visitors to the staff sign-in', async () => {
    const res = await new Client(t.app).get('/petugas/kalender?tahun=2026');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/petugas/masuk?kembali=%2Fpetugas%2Fkalender');
    const anon = new Client(t.app);
    const post = await anon.post('/petugas/kalender/tambah', { date: '2026-06-03', name: 'x', kind: 'regional' }, { csrf: false });
    expect(post.status).toBe(403); // no form token without a page; and no page without signing in
    expect(await t.ctx.db.selectFrom('holidays').select('date').where('date', '=', '2026-06-03').executeTakeFirst()).toBeUndefined();
    expect((await anon.get('/petugas/kalender/2026-03-20/hapus')).status).toBe(303);
  });

  it('lets an officer read the year, with Indonesian dates, kinds and the menu item, but not edit', async () => {
    const c = await staff('officer');
    const res = await c.get('/petugas/kalender?tahun=2026');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Jumat, 20 Maret 2026');
    expect(html).toContain('Cuti bersama Idul Fitri 1447 Hijriah');
    expect(html).toContain('Sabtu, 21 Maret 2026');
    expect(html).toContain('Cuti bersama');
    expect(html).toContain('Libur nasional');
    expect(html).toContain('href="/petugas/kalender"'); // staff menu
    expect(html).toContain('?tahun=2027');
    expect(html).not.toContain('Sementara');
    expect(html).not.toContain('/petugas/kalender/tambah');
    expect(html).not.toContain('/ubah');
    expect((await c.get('/petugas/kalender/tambah')).status).toBe(403);
    expect((await c.get('/petugas/kalender/2026-03-20/ubah')).status).toBe(403);
    expect((await c.get('/petugas/kalender/2026-03-20/hapus')).status).toBe(403);
    await c.get('/petugas/kalender?tahun=2026'); // a page with the CSRF token
    const res2 = await c.post('/petugas/kalender/2026-03-20/hapus', {});
    expect(res2.status).toBe(403);
    expect(await t.ctx.db.selectFrom('holidays').select('date').where('date', '=', '2026-03-20').executeTakeFirst()).toBeDefined();
  });

  it('marks a provisional year clearly, in both languages', async () => {
    const c = await staff('officer');
    let html = await (await c.get('/petugas/kalender?tahun=2027')).text();
    expect(html).toContain('Daftar tahun 2027 masih sementara');
    expect(html).toContain('class="tag provisional">Sementara</span>');
    await c.get('/bahasa/en?kembali=/');
    html = await (await c.get('/petugas/kalender?tahun=2027')).text();
    expect(html).toContain('The 2027 list is provisional');
    expect(html).toContain('Provisional</span>');
    expect(html).toContain('Wednesday, 10 March 2027');
  });

  it('says so when a year has no holidays, and rejects a nonsense year', async () => {
    const c = await staff('officer');
    const empty = await (await c.get('/petugas/kalender?tahun=2090')).text();
    expect(empty).toContain('Belum ada hari libur yang tercatat untuk tahun 2090');
    expect(empty).toContain('>Tahun ini</a>');
    expect(empty).toContain('href="/petugas/kalender?tahun=2089"');
    expect((await c.get('/petugas/kalender?tahun=abc')).status).toBe(422);
    expect((await c.get('/petugas/kalender?tahun=1800')).status).toBe(422);
    expect((await c.get('/petugas/kalender?lain=1')).status).toBe(200); // undeclared: ignored by pages
  });

  it('lets the platform admin add a day, audited, and the calendar sees it at once', async () => {
    const c = await staff('platform_admin');
    const list = await (await c.get('/petugas/kalender?tahun=2026')).text();
    expect(list).toContain('href="/petugas/kalender/tambah?tahun=2026"');
    await c.get('/petugas/kalender/tambah?tahun=2026');
    // 2 June 2026 is a Tuesday, a working day until now
    expect(await t.ctx.calendar.isWorkingDay('2026-06-02')).toBe(true);
    const res = await c.post('/petugas/kalender/tambah', { date: '02/06/2026', name: 'Hari Jadi Kota', kind: 'regional' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/petugas/kalender?tahun=2026&pesan=ditambah');
    const row = await t.ctx.db.selectFrom('holidays').selectAll().where('date', '=', '2026-06-02').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Hari Jadi Kota', kind: 'regional', provisional: false, source: 'admin' });
    const audit = await auditRows('2026-06-02');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'calendar.holiday.add', before: null, after: { date: '2026-06-02', name: 'Hari Jadi Kota', kind: 'regional', source: 'admin' } });
    expect(await t.ctx.calendar.isWorkingDay('2026-06-02')).toBe(false);
    const page = await (await c.get('/petugas/kalender?tahun=2026&pesan=ditambah')).text();
    expect(page).toContain('Hari libur ditambahkan.');
    expect(page).toContain('Selasa, 2 Juni 2026');
    expect(page).toContain('Diubah petugas');
  });

  it('re-renders the form with the typed values and clear messages when input is wrong', async () => {
    const c = await staff('platform_admin');
    await c.get('/petugas/kalender/tambah');
    let res = await c.post('/petugas/kalender/tambah', { date: '31/02/2026', name: 'Libur <uji>', kind: 'regional' });
    expect(res.status).toBe(422);
    let html = await res.text();
    expect(html).toContain('Tanggal ini tidak ada di kalender');
    expect(html).toContain('href="#f-date"');
    expect(html).toContain('value="31/02/2026"');
    expect(html).toContain('value="Libur &lt;uji&gt;"');
    expect(html).toMatch(/value="regional" checked/);
    expect(html).toContain('aria-describedby="f-date-hint f-date-err"');

    res = await c.post('/petugas/kalender/tambah', { date: '', name: 'x'.repeat(201) });
    html = await res.text();
    expect(res.status).toBe(422);
    expect(html).toContain('Masukkan tanggal hari libur');
    expect(html).toContain('Nama hari libur paling banyak 200 karakter');
    expect(html).toContain('Pilih jenis hari libur');

    res = await c.post('/petugas/kalender/tambah', { date: '2026-03-20', name: 'Dobel', kind: 'national_holiday', provisional: '1' });
    html = await res.text();
    expect(res.status).toBe(422);
    expect(html).toContain('Tanggal ini sudah ada di daftar');
    expect(html).toMatch(/name="provisional" value="1" checked/);
    const row = await t.ctx.db.selectFrom('holidays').selectAll().where('date', '=', '2026-03-20').executeTakeFirstOrThrow();
    expect(row.name).toBe('Cuti bersama Idul Fitri 1447 Hijriah');
    expect(await auditRows('2026-03-20')).toHaveLength(0);
  });

  it('edits a day: source becomes admin, before/after audited, a later pack reload keeps it', async () => {
    const c = await staff('platform_admin');
    const form = await (await c.get('/petugas/kalender/2027-01-05/ubah')).text();
    expect(form).toContain('value="2027-01-05"');
    expect(form).toMatch(/name="provisional" value="1" checked/);
    const res = await c.post('/petugas/kalender/2027-01-05/ubah', { date: '2027-01-05', name: 'Isra Mikraj Nabi Muhammad SAW', kind: 'national_holiday' });
    expect(res.status).toBe(303);
    const row = await t.ctx.db.selectFrom('holidays').selectAll().where('date', '=', '2027-01-05').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Isra Mikraj Nabi Muhammad SAW', provisional: false, source: 'admin' });
    const [audit] = await auditRows('2027-01-05');
    expect(audit).toMatchObject({
      action: 'calendar.holiday.update',
      before: { name: 'Isra Mikraj Nabi Muhammad S.A.W. (1448 Hijriah)', provisional: true, source: 'region-pack:_indonesia' },
      after: { name: 'Isra Mikraj Nabi Muhammad SAW', provisional: false, source: 'admin' },
    });
    const pack = readHolidayFile(path.resolve(import.meta.dirname, '../../../region-packs/_indonesia/holidays.json'));
    await importHolidays(t.ctx.db, pack, 'region-pack:_indonesia');
    expect((await t.ctx.db.selectFrom('holidays').select('name').where('date', '=', '2027-01-05').executeTakeFirstOrThrow()).name).toBe('Isra Mikraj Nabi Muhammad SAW');

    // moving a day to a date already taken is refused with the form kept
    await c.get('/petugas/kalender/2027-01-05/ubah');
    const clash = await c.post('/petugas/kalender/2027-01-05/ubah', { date: '2027-01-01', name: 'X', kind: 'national_holiday' });
    expect(clash.status).toBe(422);
    expect(await clash.text()).toContain('Tanggal ini sudah ada di daftar');
    expect((await c.get('/petugas/kalender/2027-02-30/ubah')).status).toBe(404);
    expect((await c.get('/petugas/kalender/2027-02-02/ubah')).status).toBe(404);
  });

  it('removes a day only after a confirmation page; audited; the pack does not bring it back', async () => {
    const c = await staff('platform_admin');
    const confirm = await c.get('/petugas/kalender/2026-12-24/hapus');
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toContain('Hapus hari libur ini?');
    expect(html).toContain('Kamis, 24 Desember 2026');
    expect(await t.ctx.db.selectFrom('holidays').select('date').where('date', '=', '2026-12-24').executeTakeFirst()).toBeDefined();
    const res = await c.post('/petugas/kalender/2026-12-24/hapus', {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/petugas/kalender?tahun=2026&pesan=dihapus');
    expect(await t.ctx.db.selectFrom('holidays').select('date').where('date', '=', '2026-12-24').executeTakeFirst()).toBeUndefined();
    const [audit] = await auditRows('2026-12-24');
    expect(audit).toMatchObject({ action: 'calendar.holiday.remove', before: { name: 'Cuti bersama Kelahiran Yesus Kristus' }, after: null });
    expect(await t.ctx.calendar.isWorkingDay('2026-12-24')).toBe(true);
    const pack = readHolidayFile(path.resolve(import.meta.dirname, '../../../region-packs/_indonesia/holidays.json'));
    await importHolidays(t.ctx.db, pack, 'region-pack:_indonesia');
    expect(await t.ctx.db.selectFrom('holidays').select('date').where('date', '=', '2026-12-24').executeTakeFirst()).toBeUndefined();
    // removing again: not found
    await c.get('/petugas/kalender?tahun=2026');
    expect((await c.post('/petugas/kalender/2026-12-24/hapus', {})).status).toBe(404);
    // adding it back by hand works
    await c.get('/petugas/kalender/tambah');
    expect((await c.post('/petugas/kalender/tambah', { date: '24-12-2026', name: 'Cuti bersama Natal', kind: 'collective_leave' })).status).toBe(303);
    expect(await t.ctx.calendar.isWorkingDay('2026-12-24')).toBe(false);
  });
});

describe('/hari-libur', () => {
  it('shows the year to the public without edit links', async () => {
    const res = await t.app.request('/hari-libur?tahun=2026');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Hari libur nasional dan cuti bersama 2026');
    expect(html).toContain('Jumat, 20 Maret 2026');
    expect(html).not.toContain('/petugas/kalender');
    expect(await (await t.app.request('/hari-libur?tahun=2027')).text()).toContain('masih sementara');
    expect(await (await t.app.request('/informasi')).text()).toContain('href="/hari-libur"');
  });
});

describe('parseDateInput', () => {
  it('accepts day-first and ISO dates and rejects days that do not exist', () => {
    expect(parseDateInput('20/03/2026')).toBe('2026-03-20');
    expect(parseDateInput(' 1-6-2026 ')).toBe('2026-06-01');
    expect(parseDateInput('20.03.2026')).toBe('2026-03-20');
    expect(parseDateInput('2026-03-20')).toBe('2026-03-20');
    expect(parseDateInput('29/02/2026')).toBeNull();
    expect(parseDateInput('29/02/2028')).toBe('2028-02-29');
    expect(parseDateInput('03/20/2026')).toBeNull();
    expect(parseDateInput('besok')).toBeNull();
  });
});
