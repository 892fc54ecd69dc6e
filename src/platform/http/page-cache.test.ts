import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('anonymous page cache', () => {
  it('serves the home page compressed, identical to a fresh render', async () => {
    const fresh = await (await t.app.request('/')).text();
    const res = await t.app.request('/', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toContain('cookie');
    const { gunzipSync } = await import('node:zlib');
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(fresh);
  });

  it('keeps languages apart', async () => {
    const id = await (await t.app.request('/')).text();
    const en = await (await t.app.request('/', { headers: { cookie: 'lang=en' } })).text();
    expect(id).toContain('lang="id"');
    expect(en).toContain('lang="en"');
  });

  it('reflects a branding change within the cache lifetime', async () => {
    await t.ctx.db
      .insertInto('region')
      .values({ code: '99.99', slug: 'uji', name: 'Kota Uji Cache', time_zone: 'Asia/Jakarta', branding: JSON.stringify({}) })
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: 'Kota Uji Cache', branding: JSON.stringify({ name: 'Kota Uji Cache' }) }))
      .execute();
    t.ctx.region.invalidate?.();
    // wait out both caches (region 5 s, page 5 s) would make the test slow; a new URL variant is a new entry
    const html = await (await t.app.request('/cari?q=kota')).text();
    expect(html).toContain('Kota Uji Cache');
  });

  it('never caches pages for signed-in sessions', async () => {
    const res = await t.app.request('/', { headers: { cookie: 'gapura_sid=abc' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('vary') ?? '').not.toContain('cookie');
  });

  it('keys on the parameters a page uses: ?fbclid= and utm_* variants share one entry', async () => {
    const first = await (await t.app.request('/instansi?fbclid=IwAR1')).text();
    await t.ctx.db.updateTable('region').set({ name: 'Kota Uji Kunci', branding: JSON.stringify({ name: 'Kota Uji Kunci' }) }).execute();
    t.ctx.region.invalidate?.();
    for (const url of ['/instansi?fbclid=IwAR2', '/instansi?utm_source=wa&utm_medium=x', '/instansi']) {
      const res = await t.app.request(url);
      expect(res.status).toBe(200);
      expect(await res.text(), url).toBe(first); // the same cache entry, not a fresh render
    }
    // a parameter the page reads is part of the key
    expect(await (await t.app.request('/cari?q=unit&fbclid=1')).text()).toContain('Kota Uji Kunci');
  });
});
