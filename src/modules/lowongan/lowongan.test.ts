// lowongan end to end: no vacancy → no menu entry; Disnaker's draft stays private until published;
// the vacancy shows until its closing date and leaves the list, the page, the search and the open
// data by itself when ctx.clock passes it (no job); another unit cannot edit it; audit and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import { datasetRows } from '../../platform/figures.ts';
import { lowonganContent } from './content.ts';

let t: TestApp;
const DISNAKER = '16.71.opd.disnaker';
const OTHER = '16.71.opd.dpmptsp';
const DAY = 24 * 3600 * 1000;
// Wednesday 2 December 2026, 10:00 in Palembang (UTC+7)
const NOW = new Date('2026-12-02T03:00:00Z');
let reader: Client;

async function staff(unitCode: string) {
  const c = new Client(t.app);
  await signInAs(t, c, { kind: 'staff', grants: [{ role: 'officer', unitCode }] });
  return c;
}
const menuHasLowongan = async () => /<nav class="main"[^]*?href="\/lowongan"/.test(await (await reader.get('/')).text());

beforeAll(async () => {
  t = await createTestApp();
  t.ctx.clock.set(NOW);
  reader = new Client(t.app);
  await signInAs(t, reader, { kind: 'citizen' });
});
afterAll(async () => { t.ctx.clock.set(undefined); await t.close(); });

describe('lowongan', () => {
  it('from draft to published to closed by the clock alone', async () => {
    await lowonganContent.refresh(t.ctx);
    expect(await menuHasLowongan()).toBe(false);
    expect(await (await reader.get('/lowongan')).text()).toContain('Saat ini tidak ada lowongan yang dibuka.');

    const officer = await staff(DISNAKER);
    await officer.get('/petugas/lowongan/baru');
    const idem = /name="idem" value="([^"]+)"/.exec(officer.lastHtml)![1];
    const form = { idem, position: 'Juru masak', employer: 'Rumah Makan Pindang Musi', location: 'Seberang Ulu I', closingDate: '2026-12-04', openings: '2', summary: 'Memasak pindang dan menu harian.', requirements: '', howToApply: 'Datang langsung ke rumah makan dengan membawa lamaran.', slug: '', owner: DISNAKER };
    const bad = await officer.post('/petugas/lowongan/baru', { ...form, closingDate: '2026-11-30', position: '' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Tulis nama jabatannya.');
    expect(badHtml).toContain('value="Rumah Makan Pindang Musi"');
    await officer.get('/petugas/lowongan/baru');
    const past = await officer.post('/petugas/lowongan/baru', { ...form, closingDate: '2026-12-01' });
    expect(past.status).toBe(422);
    expect(await past.text()).toContain('Tanggal penutupan sudah lewat');
    await officer.get('/petugas/lowongan/baru');
    expect((await officer.post('/petugas/lowongan/baru', form)).status).toBe(303);
    await officer.get('/petugas/lowongan/baru');
    expect((await officer.post('/petugas/lowongan/baru', form)).status).toBe(303);
    const rows = await t.ctx.db.selectFrom('lowongan_vacancies').selectAll().execute();
    expect(rows).toHaveLength(1);
    const id = rows[0].id;
    expect((await reader.get('/lowongan/juru-masak-rumah-makan-pindang-musi')).status).toBe(404);

    const other = await staff(OTHER);
    expect((await other.get(`/petugas/lowongan/${id}`)).status).toBe(404);
    await officer.get(`/petugas/lowongan/${id}`);
    expect((await officer.post(`/petugas/lowongan/${id}/terbitkan`, {})).status).toBe(303);
    expect(await menuHasLowongan()).toBe(true);
    const list = await (await reader.get('/lowongan')).text();
    expect(list).toContain('Juru masak');
    expect(list).toContain('Dibuka sampai 4 Desember 2026');
    expect(Buffer.byteLength(list)).toBeLessThan(30_000);
    expect((await reader.get('/lowongan/juru-masak-rumah-makan-pindang-musi')).status).toBe(200);
    expect((await datasetRows(t.ctx, 'lowongan.vacancies')).map((r) => r.closing_date)).toEqual(['2026-12-04']);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'lowongan_vacancy').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['lowongan.vacancy.created', 'lowongan.vacancy.published']);

    // the closing day itself still counts; the next day (local time) it is gone
    t.ctx.clock.set(new Date(NOW.getTime() + 2 * DAY + 12 * 3600 * 1000)); // 4 Dec 22:00 WIB
    expect(await (await reader.get('/lowongan')).text()).toContain('Juru masak');
    t.ctx.clock.set(new Date(NOW.getTime() + 2 * DAY + 14 * 3600 * 1000)); // 5 Dec 00:00 WIB
    const after = await (await reader.get('/lowongan')).text();
    expect(after).not.toContain('Juru masak');
    expect(after).toContain('Saat ini tidak ada lowongan yang dibuka.');
    expect((await reader.get('/lowongan/juru-masak-rumah-makan-pindang-musi')).status).toBe(404);
    expect(await datasetRows(t.ctx, 'lowongan.vacancies')).toEqual([]);
    expect(await menuHasLowongan()).toBe(false);
    // the back office still has it, as closed
    expect(await (await officer.get('/petugas/lowongan')).text()).toContain('Sudah tutup');
  });
});
