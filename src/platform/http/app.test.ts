import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, Client, type TestApp } from '../../../test/helpers.ts';
import { logPath } from './app.tsx';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('HTTP surface', () => {
  it('serves the home page in Indonesian with security headers and no inline script', async () => {
    const res = await t.app.request('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="id">');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // the footer carries the city's contacts from the region pack, the emergency number and the directory
    const footer = html.slice(html.indexOf('<footer'));
    expect(footer).toContain('Jl. Merdeka No. 1');
    expect(footer).toContain('href="https://palembang.go.id"');
    expect(footer).toContain('href="tel:112"');
    expect(footer).toContain('href="/instansi"');
  });

  it('reports health with the database kind', async () => {
    const res = await t.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: t.ctx.dbKind });
  });

  it('shows a friendly 404 in the chosen language, JSON for API clients', async () => {
    const c = new Client(t.app);
    let res = await c.get('/tidak-ada');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Halaman tidak ditemukan');
    res = await c.get('/bahasa/en?kembali=/tidak-ada');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/tidak-ada');
    res = await c.get('/tidak-ada');
    expect(await res.text()).toContain('Page not found');
    res = await c.get('/api/nothing');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('rejects unknown query parameters (APIs only) and bad encoding with 400, not 500', async () => {
    let res = await t.app.request('/?utm_source=x');
    expect(res.status).toBe(200);
    res = await t.app.request('/healthz?x=1');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'unknown_query_parameter' } });
    res = await t.app.request('/cari?q=%FF');
    expect(res.status).toBe(400);
    res = await t.app.request('/cari?q=' + 'a'.repeat(300));
    expect(res.status).toBe(422);
  });

  it('refuses open redirects from the language switch', async () => {
    const res = await t.app.request('/bahasa/en?kembali=//evil.example');
    expect(res.headers.get('location')).toBe('/');
  });

  it('rejects a form post without a CSRF token', async () => {
    const res = await t.app.request('/keluar', { method: 'POST', body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(403);
  });

  it('serves the stylesheet compressed with a long cache', async () => {
    const html = await (await t.app.request('/')).text();
    const href = html.match(/href="(\/static\/app\.[0-9a-f]+\.css)"/)![1];
    const res = await t.app.request(href, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('cache-control')).toContain('immutable');
  });
});

describe('logPath', () => {
  it('masks follow-link tokens in logged paths and keeps the rest readable', () => {
    expect(logPath('/pengaduan/lacak/PGD-7K3M-Q9XH/Zx3vL0q9_ab-CDEfghIJKlmn')).toBe('/pengaduan/lacak/PGD-7K3M-Q9XH/[token]');
    expect(logPath('/ppid/permohonan/lacak/q3XbT9_rLm2Vn8pQw4Ys1Zk7Hd0Fj6Ca')).toBe('/ppid/permohonan/lacak/[token]');
    expect(logPath('/layanan/surat-keterangan-domisili/ajukan')).toBe('/layanan/surat-keterangan-domisili/ajukan');
    expect(logPath('/cek/K7M2Q9XH4T')).toBe('/cek/K7M2Q9XH4T');
    expect(logPath('/layanan/dispensasi-nikah-kurang-10-hari')).toBe('/layanan/dispensasi-nikah-kurang-10-hari');
  });
});
