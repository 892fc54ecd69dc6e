// The prices module and the freshness seam on the real app: working-day freshness across a weekend
// and a holiday, reminders once per state, the entry form's scope and per-cell errors, the CSV
// import (one bad row: nothing imported, the row reported), the public table, the chart's points.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import { freshnessOf } from '../../platform/freshness/index.ts';
import { runDueJobs } from '../../platform/jobs/worker.ts';
import { checkFreshness } from './freshness.ts';
import { chartPoints, CHART } from './views/chart.tsx';
import { datasetRows } from '../../platform/figures.ts';

let t: TestApp;
const DISPERINDAG = '16.71.opd.disperindag';
const DINKES = '16.71.opd.dinkes';

async function staff(role: 'officer' | 'platform_admin', unitCode: string) {
  const c = new Client(t.app);
  await signInAs(t, c, { kind: 'staff', grants: [{ role, unitCode }] });
  return c;
}
const wib = (s: string) => new Date(`${s}+07:00`);
const entries = () => t.ctx.db.selectFrom('prices_entries').selectAll().execute();
const outbox = () => t.ctx.db.selectFrom('messages').selectAll().where('template', 'like', 'prices.freshness%').where('subject', 'like', '%Harga bahan pokok%').orderBy('id').execute();

beforeAll(async () => {
  t = await createTestApp();
  // Monday 16 November 2026 is a (test) holiday
  await t.ctx.db.insertInto('holidays').values({ date: '2026-11-16', name: 'Libur uji', kind: 'regional' }).execute();
  t.ctx.calendar.invalidate();
});
afterAll(() => t.close());

describe('freshness (every working day)', () => {
  it('a Friday update stays current over the weekend and the holiday, is due on Tuesday and stale on Wednesday', async () => {
    const item = { updatedAt: wib('2026-11-13T10:00:00'), cadence: { workingDays: 1 } };
    const at = async (s: string) => (await freshnessOf(t.ctx, item, wib(s))).state;
    expect(await at('2026-11-14T12:00:00')).toBe('fresh');
    expect(await at('2026-11-16T20:00:00')).toBe('fresh');
    expect(await at('2026-11-17T09:00:00')).toBe('due_soon');
    expect(await at('2026-11-17T23:59:00')).toBe('due_soon');
    const stale = await freshnessOf(t.ctx, item, wib('2026-11-18T00:30:00'));
    expect(stale.state).toBe('stale');
    expect(stale.text).toBe('Perhatian: informasi ini belum diperbarui sejak 13 November 2026.');
    expect((await freshnessOf(t.ctx, item, wib('2026-11-14T12:00:00'))).text).toBe('Diperbarui 13 November 2026');
  });
  it('calendar-day cadences: due soon in the last seventh of the period', async () => {
    const item = { updatedAt: wib('2026-11-01T10:00:00'), cadence: { days: 7 } };
    expect((await freshnessOf(t.ctx, item, wib('2026-11-06T10:00:00'))).state).toBe('fresh');
    expect((await freshnessOf(t.ctx, item, wib('2026-11-07T11:00:00'))).state).toBe('due_soon');
    expect((await freshnessOf(t.ctx, item, wib('2026-11-08T11:00:00'))).state).toBe('stale');
  });
});

describe('entering prices', () => {
  it('an editor of another unit cannot enter prices for a Disperindag market', async () => {
    const other = await staff('officer', DINKES);
    await other.get('/petugas/harga-pangan');
    expect(other.lastHtml).toContain('Unit Anda tidak mencatat harga pasar mana pun.');
    const res = await other.post('/petugas/harga-pangan', { market: 'pasar-16-ilir', 'p_beras-medium': '13500' });
    expect(res.status).toBe(404);
    expect(await entries()).toHaveLength(0);
  });

  it('per-cell errors keep the values; a good form saves today, audits, and the public page shows it', async () => {
    t.ctx.clock.set(wib('2026-11-13T10:00:00'));
    const ed = await staff('officer', DISPERINDAG);
    await ed.get('/petugas/harga-pangan?pasar=pasar-16-ilir');
    const bad = await ed.post('/petugas/harga-pangan', { market: 'pasar-16-ilir', 'p_beras-medium': '13.500', 'p_gula-pasir': 'mahal' });
    expect(bad.status).toBe(422);
    expect(ed.lastHtml).toContain('Tulis harga dalam rupiah, misalnya 13500.');
    expect(ed.lastHtml).toContain('value="mahal"');
    expect(ed.lastHtml).toContain('value="13.500"');
    expect(await entries()).toHaveLength(0);
    // a week earlier, for the change column
    t.ctx.clock.set(wib('2026-11-06T10:00:00'));
    await ed.get('/petugas/harga-pangan?pasar=pasar-16-ilir');
    expect((await ed.post('/petugas/harga-pangan', { market: 'pasar-16-ilir', 'p_beras-medium': '13000', 'p_cabai-merah': '60000' })).status).toBe(303);
    t.ctx.clock.set(wib('2026-11-13T10:00:00'));
    await ed.get('/petugas/harga-pangan?pasar=pasar-16-ilir');
    expect((await ed.post('/petugas/harga-pangan', { market: 'pasar-16-ilir', 'p_beras-medium': '13.500', 'p_cabai-merah': '55000' })).status).toBe(303);
    const rows = await entries();
    expect(rows.filter((r) => r.day === '2026-11-13').map((r) => r.price).sort()).toEqual([13500, 55000]);
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'prices.entered').execute();
    expect(audit).toHaveLength(2);

    const pub = await new Client(t.app).get('/harga-pangan?pasar=pasar-16-ilir');
    const html = await pub.text();
    expect(html).toContain('Harga tanggal 13 November 2026.');
    expect(html).toContain('Diperbarui 13 November 2026');
    expect(html).toContain('▲ naik Rp500');
    expect(html).toContain('▼ turun Rp5.000');
    expect(Buffer.byteLength(html)).toBeLessThan(30_000);

    t.ctx.clock.set(wib('2026-11-18T08:00:00'));
    // a signed-in reader: never served from the anonymous page cache
    const reader = new Client(t.app);
    await signInAs(t, reader, { kind: 'citizen' });
    const late = await (await reader.get('/harga-pangan?pasar=pasar-16-ilir')).text();
    expect(late).toContain('belum diperbarui sejak 13 November 2026');
  });

  it('the chart places each price at its day and height, and lists the numbers as a table', async () => {
    t.ctx.clock.set(wib('2026-11-13T10:00:00'));
    const { points } = chartPoints([{ day: '2026-11-01', price: 100 }, { day: '2026-11-11', price: 200 }, { day: '2026-11-21', price: 150 }], '2026-11-01', '2026-11-21');
    const w = CHART.width - CHART.left - CHART.right;
    const h = CHART.height - CHART.top - CHART.bottom;
    expect(points.map((p) => [p.x, p.y])).toEqual([[CHART.left, CHART.top + h], [CHART.left + w / 2, CHART.top], [CHART.left + w, CHART.top + h / 2]]);
    const html = await (await new Client(t.app).get('/harga-pangan/beras-medium?pasar=pasar-16-ilir')).text();
    expect(html).toContain('<title id="grafik-t">Harga Beras medium di Pasar 16 Ilir</title>');
    expect(html).toMatch(/<polyline[^>]*points="[\d.]+,[\d.]+ [\d.]+,[\d.]+"/);
    expect(html).toContain('Rp13.500 per kg');
  });
});

describe('reminders', () => {
  it('the owning unit is notified once when due soon and once when stale', async () => {
    await signInAs(t, new Client(t.app), { kind: 'staff', grants: [{ role: 'officer', unitCode: DISPERINDAG }] });
    const before = (await outbox()).length;
    t.ctx.clock.set(wib('2026-11-17T10:00:00'));
    expect(await checkFreshness(t.ctx)).toBeGreaterThan(0);
    const soon = (await outbox()).slice(before);
    expect(soon.every((m) => m.template === 'prices.freshness_due_soon')).toBe(true);
    expect(await checkFreshness(t.ctx)).toBe(0);
    t.ctx.clock.set(wib('2026-11-18T10:00:00'));
    const n = await checkFreshness(t.ctx);
    expect(n).toBe(soon.length);
    expect(await checkFreshness(t.ctx)).toBe(0);
    const stale = (await outbox()).filter((m) => m.template === 'prices.freshness_stale');
    expect(stale[0].body).toContain('belum diperbarui sejak 13 November 2026');
  });

  it('the board shows Disperindag with its stale item', async () => {
    const admin = await staff('platform_admin', '16.71');
    const res = await admin.get('/petugas/kesegaran');
    expect(res.status).toBe(200);
    expect(admin.lastHtml).toContain('Dinas Perindustrian dan Perdagangan (Disperindag)');
    expect(admin.lastHtml).toContain('0%');
    expect((await (await staff('officer', DISPERINDAG)).get('/petugas/kesegaran')).status).toBe(403);
  });
});

describe('CSV import', () => {
  it('one bad row: nothing is imported and the row is reported with its line and reason', async () => {
    t.ctx.clock.set(wib('2026-11-20T10:00:00'));
    const ed = await staff('officer', DISPERINDAG);
    const count = (await entries()).length;
    await ed.get('/petugas/harga-pangan/impor');
    const csv = 'tanggal,pasar,komoditas,harga\n2026-11-19,pasar-km-5,beras-medium,13000\n2026-11-19,Pasar KM 5,Gula pasir,abc\n2026-11-19,pasar-km-5,telur-ayam,28000\n';
    const res = await ed.post('/petugas/harga-pangan/impor', { csv, idem: 'import-uji-0001' });
    expect(res.status).toBe(422);
    expect(ed.lastHtml).toContain('Baris 3: harga &quot;abc&quot; bukan angka rupiah');
    expect(ed.lastHtml).toContain('Tidak ada yang diimpor: 1 baris perlu diperbaiki');
    expect((await entries()).length).toBe(count);

    await ed.get('/petugas/harga-pangan/impor');
    const ok = await ed.post('/petugas/harga-pangan/impor', { csv: csv.replace('abc', '17.000'), idem: 'import-uji-0002' });
    expect(ok.status).toBe(303);
    const where = ok.headers.get('location')!;
    await ed.get(where);
    expect(ed.lastHtml).toContain('Kemajuan impor');
    await runDueJobs(t.ctx, 50);
    const done = await ed.get(where);
    expect(done.headers.get('refresh')).toBeNull();
    expect(ed.lastHtml).toContain('Selesai: 3 baris diimpor.');
    expect((await entries()).length).toBe(count + 3);
  });
});

describe('open data and search', () => {
  it('the API, the dataset and the search list the prices', async () => {
    const res = await new Client(t.app).get('/api/v1/staple-prices?market=pasar-16-ilir');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { prices: { commodity: string; price: number; weekAgo: number | null }[] };
    expect(body.prices.find((p) => p.commodity === 'beras-medium')).toMatchObject({ price: 13500, weekAgo: 13000 });
    expect((await new Client(t.app).get('/api/v1/staple-prices?market=pasar-tidak-ada')).status).toBe(404);
    const rows = await datasetRows(t.ctx, 'prices.staple_prices');
    expect(rows.some((r) => r.market === 'pasar-16-ilir' && r.commodity === 'beras-medium' && r.price === 13500 && r.day === '2026-11-13')).toBe(true);
    const hits = await t.ctx.modules.find((m) => m.id === 'prices')!.search!('cabai', t.ctx, 'id');
    expect(hits.map((h) => h.href)).toContain('/harga-pangan/cabai-merah');
    const openapi = await (await new Client(t.app).get('/openapi.json')).text();
    expect(openapi).toContain('/api/v1/staple-prices');
  });
});
