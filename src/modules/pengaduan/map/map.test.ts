// The map: a pin is stored only inside the region's box (from the form and from every other door);
// /pengaduan/baru carries only the loader, not the map; the tile path passes tiles through and
// answers 404 at once while the provider is unreachable; the public list maps public reports only.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../../test/helpers.ts';
import { createComplaint } from '../service.ts';
import * as repo from '../repo.ts';
import { INDONESIA, LOADER_HREF, MAP_HREF, checkPoint, regionMap, tileCache } from './index.ts';

let t: TestApp;
let tiles: http.Server;
let tileHits = 0;
let kec: { id: number }, kel: { id: number };
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201d0b1e3e20000000049454e44ae426082', 'hex');

beforeAll(async () => {
  tiles = http.createServer((req, res) => {
    tileHits++;
    if (req.url === '/9/9/9.png') return res.writeHead(200, { 'content-type': 'text/html' }).end('<p>not a tile</p>');
    res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
  });
  await new Promise<void>((r) => tiles.listen(0, '127.0.0.1', r));
  const port = (tiles.address() as AddressInfo).port;
  t = await createTestApp({ env: { PENGADUAN_MAP_TILES_URL: `http://127.0.0.1:${port}/{z}/{x}/{y}.png` } });
  const areas = await repo.areas(t.ctx.db);
  kec = areas.find((a) => a.kind === 'kecamatan')!;
  kel = areas.find((a) => a.parentId === kec.id)!;
});
afterAll(async () => {
  await t.close();
  await new Promise((r) => tiles.close(r));
});

describe('pengaduan map', () => {
  it('checks points against the pack box (Palembang), else Indonesia', async () => {
    const { bounds, fromPack } = await regionMap(t.ctx);
    expect(fromPack).toBe(true);
    expect(checkPoint(bounds, '-2.9761', '104.7754')).toEqual({ ok: true, point: { lat: -2.9761, lng: 104.7754 } });
    expect(checkPoint(bounds, '', '')).toEqual({ ok: true, point: null });
    // Medan is in Indonesia but not in Palembang
    expect(checkPoint(bounds, '3.5952', '98.6722')).toMatchObject({ ok: false, error: 'pengaduan.map.error.outside' });
    expect(checkPoint(INDONESIA, '3.5952', '98.6722')).toMatchObject({ ok: true });
    expect(checkPoint(INDONESIA, '51.5', '-0.12')).toMatchObject({ ok: false, error: 'pengaduan.map.error.outside' });
    expect(checkPoint(bounds, '-2.97', '')).toMatchObject({ ok: false, error: 'pengaduan.map.error.invalid' });
    expect(checkPoint(bounds, '1e2', '104.7')).toMatchObject({ ok: false, error: 'pengaduan.map.error.invalid' });
    // any door: Open311 and operators go through createComplaint
    await expect(createComplaint(t.ctx, { categoryCode: 'jalan-rusak', description: 'Lubang di luar kota', lat: 3.59, lng: 98.67, channel: 'open311' }))
      .rejects.toMatchObject({ code: 'pengaduan.bad_point' });
  });

  it('stores a pin from the form inside the city, refuses one outside with the field error and keeps the answers', async () => {
    const c = new Client(t.app);
    const page = await c.get('/pengaduan/baru');
    const html = await page.text();
    // page 1 carries neither the map nor its loader; page 2 the loader only
    expect(html).not.toContain('/pengaduan/peta/');
    const step1 = { kategori: 'jalan-rusak', kecamatan: String(kec.id), kelurahan: String(kel.id), uraian: 'Jalan amblas di dekat pasar, berbahaya untuk motor' };
    await c.post('/pengaduan/baru', step1);
    expect(c.lastHtml).toContain(LOADER_HREF);
    expect(c.lastHtml).not.toContain(`<script src="${MAP_HREF}"`);
    expect(c.lastHtml).toContain('data-peta="pilih"');
    const key = /name="kunci" value="([^"]+)"/.exec(c.lastHtml)![1];
    const send = (point: Record<string, string>) => {
      const form = new FormData();
      form.append('_csrf', c.csrf());
      for (const [k, v] of Object.entries({ ...step1, kunci: key, alamat: 'Pasar 16', privasi: 'biasa', kontak: 'warga@example.id', ...point })) form.append(k, v);
      return c.request('/pengaduan/baru/kirim', { method: 'POST', body: form });
    };
    const outside = await send({ lintang: '3.5952', bujur: '98.6722' });
    expect(outside.status).toBe(422);
    const body = await outside.text();
    expect(body).toContain('f-lintang-err');
    expect(body).toContain('value="Pasar 16"');
    expect(await t.ctx.db.selectFrom('pengaduan_complaints').select('id').where('description', '=', step1.uraian).execute()).toHaveLength(0);
    expect((await send({ lintang: '-2.990100', bujur: '104.756200' })).status).toBe(303);
    const row = await t.ctx.db.selectFrom('pengaduan_complaints').select(['lat', 'lng']).where('description', '=', step1.uraian).executeTakeFirstOrThrow();
    expect(row).toEqual({ lat: -2.9901, lng: 104.7562 });
  });

  it('maps public reports on /pengaduan, never a rahasia one', async () => {
    await createComplaint(t.ctx, { categoryCode: 'sampah', description: 'Sampah menumpuk di tepi sungai', kecamatanId: kec.id, lat: -2.95, lng: 104.7, channel: 'web', contactEmail: 'a@example.id' });
    await createComplaint(t.ctx, { categoryCode: 'sampah', description: 'Laporan rahasia', kecamatanId: kec.id, lat: -2.96, lng: 104.71, rahasia: true, channel: 'web', contactEmail: 'b@example.id' });
    const html = await (await new Client(t.app).get('/pengaduan')).text();
    expect(html).toContain('data-peta="lihat"');
    expect(html).toContain('data-lat="-2.95"');
    expect(html).not.toContain('data-lat="-2.96"');
  });

  it('serves the scripts and passes tiles through, 404 at once while the provider is down', async () => {
    const c = new Client(t.app);
    const js = await c.get(MAP_HREF);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await c.get(LOADER_HREF)).status).toBe(200);
    const before = tileHits;
    const tile = await c.get('/pengaduan/peta/ubin/13/6480/4164');
    expect(tile.status).toBe(200);
    expect(tile.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await tile.arrayBuffer())).toEqual(PNG);
    expect((await c.get('/pengaduan/peta/ubin/13/6480/4164')).status).toBe(200);
    expect(tileHits).toBe(before + 1);
    // not an image from upstream: refused; beyond the tile grid: 404
    expect((await c.get('/pengaduan/peta/ubin/9/9/9')).status).toBe(404);
    expect((await c.get('/pengaduan/peta/ubin/2/4/0')).status).toBe(404);
    // the provider goes away: one failed attempt, then 404 without asking again
    await new Promise((r) => { tiles.close(r); tiles.closeAllConnections(); });
    expect((await c.get('/pengaduan/peta/ubin/13/6481/4164')).status).toBe(404);
    const down = tileCache(t.ctx).downUntil;
    expect(down).toBeGreaterThan(Date.now());
    expect((await c.get('/pengaduan/peta/ubin/13/6482/4164')).status).toBe(404);
    expect(tileCache(t.ctx).downUntil).toBe(down);
    tiles.listen(0, '127.0.0.1');
  });
});
