// The ppid module on the real app: the maklumat with today's computed deadline and its explanation,
// the DIP kept by PPID pelaksana within their unit (X never lists for Y), audit, bad input, search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import { dipExport } from './exports.ts';

let t: TestApp;
const X = '16.71.01';
const Y = '16.71.07';

async function officer(unitCode: string) {
  const c = new Client(t.app);
  await signInAs(t, c, { kind: 'staff', grants: [{ role: 'ppid_officer', unitCode }] });
  return c;
}
const form = (over: Record<string, string> = {}) => ({
  category: 'berkala', title: 'Laporan realisasi APBD 2025', summary: 'Realisasi pendapatan dan belanja per OPD.', unit: X,
  official: 'Kepala Bidang Anggaran', made_when: 'Januari 2026', made_where: 'Kantor Camat', form: 'both', retention: '10 tahun', ...over,
});

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('/ppid', () => {
  it('shows the maklumat with a deadline computed today and how, skipping cuti bersama', async () => {
    t.ctx.clock.set(new Date('2026-12-14T03:00:00Z')); // Monday 14 December 2026, 10.00 WIB
    const res = await new Client(t.app).get('/ppid');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Undang-Undang Nomor 14 Tahun 2008');
    expect(html).toContain('<strong>30 Desember 2026</strong>');
    expect(html).toContain('10 hari kerja sejak permohonan diterima 14 Desember 2026, tidak termasuk 24–25 Desember');
    expect(Buffer.byteLength(html)).toBeLessThan(30_000);
    t.ctx.clock.set(undefined);
  });
});

describe('DIP', () => {
  it('an officer of X lists an entry held by X; it shows on /ppid under its category, audited', async () => {
    const c = await officer(X);
    await c.get('/petugas/ppid/dip/baru');
    const res = await c.post('/petugas/ppid/dip/baru', form());
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/petugas/ppid/dip?pesan=dibuat');
    const row = await t.ctx.db.selectFrom('ppid_dip').selectAll().where('title', '=', 'Laporan realisasi APBD 2025').executeTakeFirstOrThrow();
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('subject_type', '=', 'ppid_dip').where('subject_id', '=', String(row.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['ppid.dip.created']);
    // signed in: the same page, never from the anonymous page cache (5 s)
    const reader = new Client(t.app);
    await signInAs(t, reader, { kind: 'citizen' });
    const html = await (await reader.get('/ppid')).text();
    const berkala = html.slice(html.indexOf('id="dip-berkala"'), html.indexOf('id="dip-serta_merta"'));
    expect(berkala).toContain('Laporan realisasi APBD 2025');
    expect(berkala).toContain('Kepala Bidang Anggaran');
    expect(berkala).toContain('10 tahun');
  });

  it('an officer of Y cannot list for X, and sees only Y on the staff list', async () => {
    const c = await officer(Y);
    await c.get('/petugas/ppid/dip/baru');
    expect(c.lastHtml).not.toContain(`value="${X}"`);
    const res = await c.post('/petugas/ppid/dip/baru', form({ title: 'Milik X' }));
    expect(res.status).toBe(422);
    expect(c.lastHtml).toContain('Anda hanya dapat mencatat informasi yang dikuasai unit Anda.');
    expect(await t.ctx.db.selectFrom('ppid_dip').select('id').where('title', '=', 'Milik X').executeTakeFirst()).toBeUndefined();
    await c.get('/petugas/ppid/dip');
    expect(c.lastHtml).not.toContain('Laporan realisasi APBD 2025');
  });

  it('bad input: 422 with per-field errors and the values kept', async () => {
    const c = await officer(X);
    await c.get('/petugas/ppid/dip/baru');
    const res = await c.post('/petugas/ppid/dip/baru', form({ category: 'rahasia', official: '', title: 'Tetap di sini' }));
    expect(res.status).toBe(422);
    expect(c.lastHtml).toContain('Pilih kategori.');
    expect(c.lastHtml).toContain('Tulis pejabat yang bertanggung jawab.');
    expect(c.lastHtml).toContain('value="Tetap di sini"');
  });

  it('anonymous visitors and citizens cannot reach the back office', async () => {
    const anon = new Client(t.app);
    expect((await anon.get('/petugas/ppid/dip')).status).not.toBe(200);
    const citizen = new Client(t.app);
    await signInAs(t, citizen, { kind: 'citizen' });
    expect((await citizen.get('/petugas/ppid/dip/baru')).status).toBe(403);
  });

  it('the DIP as JSON (in /openapi.json) and as an open-data dataset', async () => {
    const res = await new Client(t.app).get('/api/v1/ppid/dip');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { entries: { title: string; unit: { code: string } }[] };
    expect(body.entries.find((e) => e.title === 'Laporan realisasi APBD 2025')?.unit.code).toBe(X);
    expect((await new Client(t.app).get('/api/v1/ppid/dip?x=1')).status).toBe(400);
    const spec = (await (await new Client(t.app).get('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toContain('/api/v1/ppid/dip');
    const rows = await dipExport.rows(t.ctx);
    expect(rows.find((r) => r.title === 'Laporan realisasi APBD 2025')).toMatchObject({ category: 'berkala', unit_code: X, retention: '10 tahun' });
  });

  it('counts DIP entries per unit subtree (stats)', async () => {
    const m = t.ctx.modules.find((x) => x.id === 'ppid');
    const stat = m?.stats?.['ppid.dip_entries'];
    const unitId = async (code: string) => (await t.ctx.db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const q = { from: new Date('2020-01-01'), to: new Date(Date.now() + 60_000) };
    expect(await stat?.compute(t.ctx, { ...q, unitId: await unitId(X) })).toBe(1);
    expect(await stat?.compute(t.ctx, { ...q, unitId: await unitId(Y) })).toBe(0);
    expect(await stat?.compute(t.ctx, { ...q, to: new Date('2020-01-02') })).toBe(0);
  });

  it('site search finds the page and the entry', async () => {
    const m = t.ctx.modules.find((x) => x.id === 'ppid');
    const hits = await m?.search?.('realisasi apbd', t.ctx, 'id');
    expect(hits?.map((h) => h.title)).toContain('Laporan realisasi APBD 2025');
    const page = await m?.search?.('keterbukaan informasi', t.ctx, 'id');
    expect(page?.map((h) => h.href)).toContain('/ppid');
  });
});
