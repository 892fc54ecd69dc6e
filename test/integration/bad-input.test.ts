// Bad input of every kind gets a 4xx with a stable code and a clear message — never a 500.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRoute, z } from '@hono/zod-openapi';
import { serve, type ServerType } from '@hono/node-server';
import { Client, createTestApp, type TestApp } from '../helpers.ts';
import { signInAs } from '../auth-helpers.ts';
import { modules } from '../../src/modules/index.ts';
import { defineModule } from '../../src/platform/module.ts';
import { parseForm, query } from '../../src/platform/http/input.ts';

// A probe module exercising the platform's input handling exactly as real modules use it.
const probe = defineModule({
  id: 'probe',
  permissions: { 'probe.use': { public: true } },
  api(api) {
    const route = createRoute({
      method: 'post',
      path: '/api/v1/probe',
      request: { body: { content: { 'application/json': { schema: z.object({ name: z.string().min(1).max(50) }).strict() } }, required: true } },
      responses: { 200: { description: 'echo', content: { 'application/json': { schema: z.object({ name: z.string() }) } } } },
    });
    api.openapi(route, (c) => c.json({ name: c.req.valid('json').name }, 200));
  },
  routes(app) {
    app.post('/probe-form', query(), async (c) => {
      const r = await parseForm(c, z.object({ name: z.string().min(1).max(50), _csrf: z.string() }));
      return r.ok ? c.text(`ok ${r.data.name}`) : c.json({ errors: r.errors, values: r.values }, 422);
    });
  },
});

let t: TestApp;
let regionCode: string;
beforeAll(async () => {
  t = await createTestApp({ env: { GAPURA_TRUST_PROXY: 'true' }, modules: [...modules, probe] });
  regionCode = (await t.ctx.db.selectFrom('units').select('code').where('kind', '=', 'region').executeTakeFirstOrThrow()).code;
});
afterAll(() => t.close());

const json = (body: string, type = 'application/json') =>
  t.app.request('/api/v1/probe', { method: 'POST', body, headers: { 'content-type': type } });

describe('bad input', () => {
  it('accepts a well-formed JSON request', async () => {
    const res = await json('{"name":"Siti"}');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ name: 'Siti' });
  });

  it('malformed JSON → 400 invalid_json', async () => {
    const res = await json('{"name":');
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_json');
  });

  it('schema violations → 422 validation_failed with fields', async () => {
    const res = await json(JSON.stringify({ name: 'x'.repeat(51) }));
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(Object.keys(body.error.fields)).toContain('name');
  });

  it('oversized bodies → 413 body_too_large', async () => {
    const res = await json(JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('body_too_large');
  });

  it('wrong content type on a form route → 415 (with a valid token; without one, 403 first)', async () => {
    const c = new Client(t.app);
    await c.get('/masuk');
    let res = await c.request('/probe-form', { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain', 'x-csrf-token': c.csrf() } });
    expect(res.status).toBe(415);
    res = await c.request('/probe-form', { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(403);
  });

  it('invalid UTF-8 in a form body → 400 invalid_encoding', async () => {
    const body = Buffer.concat([Buffer.from('name='), Buffer.from([0xc3, 0x28])]);
    const res = await t.app.request('/probe-form', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_encoding');
  });

  it('the OpenAPI document describes the JSON endpoints from the same schemas', async () => {
    const res = await t.app.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/healthz'].get.responses['503']).toBeDefined();
    const schema = doc.paths['/api/v1/probe'].post.requestBody.content['application/json'].schema;
    expect(schema.properties.name.maxLength).toBe(50);
  });

  it('reports 503 when the database is unreachable', async () => {
    const t2 = await createTestApp();
    await t2.ctx.database.close();
    const res = await t2.app.request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', database: t2.ctx.dbKind });
    await t2.close().catch(() => {});
  });
});

// NUL and other control characters: PostgreSQL cannot store 0x00 and a Location header cannot carry
// DEL, so they must be refused at the edge (the same answer as invalid UTF-8), never reach a query.
describe('control characters', () => {
  const refused = async (res: Response) => {
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain('karakter yang tidak valid');
    return body;
  };

  it.each([
    '/cari?q=a%00b',
    '/cari?q=a%01b',
    '/instansi/%00',
    '/instansi/a%7Fb',
    '/petugas/audit?aksi=%00',
    '/?fbclid=%00',
    '/bahasa/en?kembali=/%7F',
    '/bahasa/en?kembali=/%00',
  ])('GET %s → 400 invalid_encoding', async (url) => {
    const c = new Client(t.app);
    await signInAs(t, c, { kind: 'staff', grants: [{ role: 'platform_admin', unitCode: regionCode }] });
    await refused(await c.get(url));
  });

  it('API: GET /api/v1/units?parent=%00 → 400 invalid_encoding as JSON', async () => {
    const res = await t.app.request('/api/v1/units?parent=%00');
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_encoding');
  });

  it('API: a JSON body holding \\u0000 → 400 invalid_encoding', async () => {
    const res = await json('{"name":"a\\u0000b"}');
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_encoding');
  });

  const forms: [page: string, fields: Record<string, string>, staff: boolean][] = [
    ['/daftar', { name: 'Siti\u0000', email: 'siti@example.test', phone: '', nik: '', password: 'kuda-laut-berenang-pagi' }, false],
    ['/masuk', { identifier: 'siti\u0000@example.test', password: 'x' }, false],
    ['/lupa-sandi', { identifier: 'siti@example.test\u0000' }, false],
    ['/petugas/masuk', { email: 'a@example.test', password: 'x\u0000' }, false],
    ['/petugas/staf/baru', { name: 'Budi\u0000', email: 'budi@example.test', roles: 'officer' }, true],
    ['/petugas/kalender/tambah', { date: '2027-01-02', name: 'Libur\u0000', kind: 'national_holiday' }, true],
  ];
  it.each(forms)('POST %s with a NUL in a field → 400 invalid_encoding', async (page, fields, staff) => {
    const c = new Client(t.app, `10.9.0.${Math.floor(Math.random() * 250)}`);
    if (staff) await signInAs(t, c, { kind: 'staff', grants: [{ role: 'platform_admin', unitCode: regionCode }] });
    expect((await c.get(page)).status).toBe(200);
    await refused(await c.post(page, fields));
  });

  it('form values may hold tab, newline and carriage return; other control characters are refused', async () => {
    const post = (v: string) => t.app.request('/probe-form', { method: 'POST', body: new URLSearchParams({ name: v }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' } });
    // past the input check, the probe route then refuses the request for its missing CSRF token
    expect((await post('a\tb\r\nc')).status).toBe(403);
    for (const bad of ['a\u0000b', 'a\u0007b', 'a\u001bb', 'a\u007fb', 'a\u0085b']) {
      const res = await post(bad);
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('invalid_encoding');
    }
  });

  it('the language switch never fails on what ?kembali= holds, and prints no stack trace', async () => {
    const server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const written: string[] = [];
    const spies = [
      vi.spyOn(process.stdout, 'write').mockImplementation((s) => (written.push(String(s)), true)),
      vi.spyOn(process.stderr, 'write').mockImplementation((s) => (written.push(String(s)), true)),
      vi.spyOn(console, 'error').mockImplementation((...a) => void written.push(a.join(' '))),
    ];
    try {
      const { port } = server.address() as AddressInfo;
      for (const k of ['/%7F', '/%00', '/cari%3Fq%3D%E2%82%AC', '/a%C2%85b']) {
        const res = await fetch(`http://127.0.0.1:${port}/bahasa/en?kembali=${k}`, { redirect: 'manual' });
        expect(res.status, k).toBeLessThan(500);
      }
      const res = await fetch(`http://127.0.0.1:${port}/bahasa/en?kembali=${encodeURIComponent('/cari?q=€')}`, { redirect: 'manual' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/cari?q=%E2%82%AC');
    } finally {
      spies.forEach((s) => s.mockRestore());
      await new Promise((r) => server.close(r));
    }
    expect(written.join('')).not.toMatch(/\bat .+:\d+:\d+/);
  });
});

// Facebook adds fbclid to every shared link, WhatsApp shares carry utm_*: pages ignore parameters
// they do not use; JSON APIs keep refusing unknown ones.
describe('unknown query parameters', () => {
  it.each(['/?fbclid=IwAR123', '/?utm_source=wa', '/instansi?utm_medium=x', '/cari?q=kantor&utm_campaign=x', '/hari-libur?fbclid=1'])('%s → 200', async (url) => {
    expect((await t.app.request(url)).status).toBe(200);
  });

  it('a page reading its query with a schema still sees only what it declared', async () => {
    const c = new Client(t.app);
    await signInAs(t, c, { kind: 'staff', grants: [{ role: 'platform_admin', unitCode: regionCode }] });
    expect((await c.get('/petugas/staf?utm_source=wa')).status).toBe(200);
    expect((await c.get('/petugas/unit?fbclid=x')).status).toBe(200);
  });

  it('JSON APIs still refuse them', async () => {
    const res = await t.app.request('/api/v1/units?fbclid=1');
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('unknown_query_parameter');
  });
});

describe('API validation messages', () => {
  it('speak the request language with our field keys, never zod English', async () => {
    let res = await t.app.request('/api/v1/probe', { method: 'POST', body: JSON.stringify({ name: '' }), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(422);
    let body = await res.json();
    expect(body.error.fields.name).toBe('Isian ini wajib diisi');
    res = await t.app.request('/api/v1/probe', { method: 'POST', body: JSON.stringify({ name: 'x', extra: 1 }), headers: { 'content-type': 'application/json' } });
    body = await res.json();
    expect(JSON.stringify(body)).not.toMatch(/Invalid|expected|Unrecognized/);
    res = await t.app.request('/api/v1/units?kind=planet', { headers: { cookie: 'lang=en' } });
    expect(res.status).toBe(422);
    body = await res.json();
    expect(JSON.stringify(body)).not.toMatch(/Invalid option|expected one of/);
    expect(Object.values(body.error.fields)).toContain('This is not correct yet');
  });
});
