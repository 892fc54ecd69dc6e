// What every path shares: one address per page, 405 with Allow, robots.txt, and a proper 404 for
// a missing asset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the edge of every path', () => {
  it('a missing asset under /static/ gets the platform 404 page (or JSON), not plain text', async () => {
    let res = await t.app.request('/static/tidak-ada.css');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await res.text()).toContain('Halaman tidak ditemukan');
    res = await t.app.request('/static/tidak-ada.css', { headers: { accept: 'application/json' } });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });

  it('a trailing slash redirects (308) to the path without it, keeping the query', async () => {
    let res = await t.app.request('/informasi/');
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toBe('/informasi');
    res = await t.app.request('/cari/?q=ktp');
    expect(res.headers.get('location')).toBe('/cari?q=ktp');
    res = await t.app.request('/instansi//');
    expect(res.headers.get('location')).toBe('/instansi');
    expect((await t.app.request('/')).status).toBe(200);
    // never towards another host
    res = await t.app.request('//evil.example/');
    expect(res.headers.get('location') ?? '').not.toMatch(/^\/\//);
    expect(res.status).toBe(404);
  });

  it('serves robots.txt: the portal open, personal and back-office areas closed, the API description public', async () => {
    const res = await t.app.request('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const txt = await res.text();
    for (const p of ['/petugas', '/akun', '/api/']) expect(txt).toContain(`Disallow: ${p}\n`);
    expect(txt).toContain('Allow: /openapi.json');
    expect(txt).not.toMatch(/^Disallow: \/$/m);
  });

  it('a method a path does not take answers 405 with Allow, not 404', async () => {
    let res = await t.app.request('/api/v1/units', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    const body = await res.json();
    expect(body.error.code).toBe('method_not_allowed');
    expect(body.error.message).toContain('POST');
    res = await t.app.request('/api/v1/units/16.71', { method: 'DELETE' });
    expect(res.status).toBe(405);
    res = await t.app.request('/instansi', { method: 'PUT' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(await res.text()).toContain('tidak menerima permintaan PUT');
    res = await t.app.request('/keluar');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    res = await t.app.request('/api/v1/units', { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    // an unknown path is still a 404
    res = await t.app.request('/api/v1/tidak-ada', { method: 'POST' });
    expect(res.status).toBe(404);
  });
});
