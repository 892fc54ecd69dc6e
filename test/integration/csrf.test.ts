// CSRF: every state-changing request is checked, whatever its content type; the token is bound to the
// session and changes at sign-in (ADR 018).
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { createRoute, z } from '@hono/zod-openapi';
import { Client, createTestApp, type TestApp } from '../helpers.ts';
import { signInAs } from '../auth-helpers.ts';
import { modules } from '../../src/modules/index.ts';
import { defineModule } from '../../src/platform/module.ts';
// eslint-disable-next-line gapura/boundaries -- staff's test fixtures, not its runtime surface (module.ts)
import { makeStaff, testUnits } from '../../src/modules/staff/test-fixtures.ts';
import { MULTIPART_TOKEN_PREFIX_BYTES } from '../../src/platform/http/csrf.ts';

// An upload-like handler: reads the whole multipart body after the guard looked at its start.
const probe = defineModule({
  id: 'csrfprobe',
  permissions: {},
  routes(app) {
    app.post('/probe-upload', async (c) => {
      const body = await c.req.parseBody();
      const file = body.file as File;
      return c.json({ checked: c.get('csrfChecked'), note: body.note, size: file.size, tail: (await file.text()).slice(-5) });
    });
  },
  api(api) {
    const route = createRoute({
      method: 'post',
      path: '/api/v1/csrfprobe',
      request: { body: { content: { 'application/json': { schema: z.object({ n: z.number() }) } }, required: true } },
      responses: { 200: { description: 'ok', content: { 'application/json': { schema: z.object({ n: z.number() }) } } } },
    });
    api.openapi(route, (c) => c.json({ n: c.req.valid('json').n }, 200));
  },
});

let t: TestApp;
let regionCode: string;
beforeAll(async () => {
  t = await createTestApp({ env: { GAPURA_TRUST_PROXY: 'true' }, modules: [...modules, probe] });
  regionCode = (await t.ctx.db.selectFrom('units').select('code').where('kind', '=', 'region').executeTakeFirstOrThrow()).code;
});
afterAll(() => t.close());

let ip = 0;
const client = () => new Client(t.app, `10.77.0.${++ip}`);
const multipart = (c: Client, path: string, fields: [string, string | Blob][]) => {
  const fd = new FormData();
  for (const [k, v] of fields) fd.append(k, v);
  return c.request(path, { method: 'POST', body: fd });
};
const sessionCount = async (userId: number) =>
  Number((await t.ctx.db.selectFrom('sessions').select((e) => e.fn.countAll().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow()).n);

describe('CSRF for every content type', () => {
  it('a multipart POST without a token does not sign anyone out', async () => {
    const c = client();
    const id = await signInAs(t, c, { kind: 'citizen' });
    const res = await multipart(c, '/keluar', [['x', '1']]);
    expect(res.status).toBe(403);
    expect(await sessionCount(id)).toBe(1);
    expect((await c.get('/akun')).status).toBe(200);
  });

  it('a multipart POST without a token does not disable an officer', async () => {
    const u = await testUnits(t.ctx.db);
    const victim = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'officer', unitId: u.kelX.id }] });
    const admin = client();
    await signInAs(t, admin, { kind: 'staff', grants: [{ role: 'platform_admin', unitCode: regionCode }] });
    for (const [what, body] of [['multipart', new FormData()], ['text/plain', '_csrf=x'], ['no body', undefined]] as const) {
      const headers: Record<string, string> = what === 'text/plain' ? { 'content-type': 'text/plain' } : {};
      const res = await admin.request(`/petugas/staf/${victim.id}/nonaktifkan`, { method: 'POST', body, headers });
      expect(res.status, what).toBe(403);
    }
    const row = await t.ctx.db.selectFrom('users').select('disabled_at').where('id', '=', victim.id).executeTakeFirstOrThrow();
    expect(row.disabled_at).toBeNull();
    // the real form still works
    await admin.get(`/petugas/staf/${victim.id}`);
    expect((await admin.post(`/petugas/staf/${victim.id}/nonaktifkan`, {})).status).toBe(303);
  });

  it('a multipart form with the token first passes, and the handler reads the whole body', async () => {
    const c = client();
    await c.get('/masuk');
    const big = 'a'.repeat(3 * MULTIPART_TOKEN_PREFIX_BYTES) + 'akhir';
    const res = await multipart(c, '/probe-upload', [['_csrf', c.csrf()], ['note', 'catatan'], ['file', new Blob([big], { type: 'text/plain' })]]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ checked: true, note: 'catatan', size: big.length, tail: 'akhir' });
    // the token anywhere but first is not looked for
    const late = await multipart(c, '/probe-upload', [['note', 'catatan'], ['_csrf', c.csrf()], ['file', new Blob(['x'])]]);
    expect(late.status).toBe(403);
    // a script may send it as a header instead
    const fd = new FormData();
    fd.append('file', new Blob(['x']));
    const hdr = await c.request('/probe-upload', { method: 'POST', body: fd, headers: { 'x-csrf-token': c.csrf() } });
    expect(hdr.status).toBe(200);
  });

  it('the same through a real socket (@hono/node-server), with a body bigger than the prefix', async () => {
    const server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const page = await fetch(`${base}/masuk`);
      const cookie = page.headers.getSetCookie().map((h) => h.split(';')[0]).join('; ');
      const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
      const big = 'b'.repeat(200_000) + 'akhir';
      const fd = new FormData();
      fd.append('_csrf', token);
      fd.append('note', 'lewat soket');
      fd.append('file', new Blob([big]));
      let res = await fetch(`${base}/probe-upload`, { method: 'POST', body: fd, headers: { cookie } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ checked: true, note: 'lewat soket', size: big.length, tail: 'akhir' });
      const bad = new FormData();
      bad.append('file', new Blob([big]));
      res = await fetch(`${base}/probe-upload`, { method: 'POST', body: bad, headers: { cookie } });
      expect(res.status).toBe(403);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('JSON to a page needs the token too (as a header)', async () => {
    const c = client();
    const id = await signInAs(t, c, { kind: 'citizen' });
    await c.get('/akun');
    const token = c.csrf();
    let res = await c.request('/keluar', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(403);
    expect(await sessionCount(id)).toBe(1);
    res = await c.request('/keluar', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', 'x-csrf-token': token } });
    expect(res.status).toBe(303);
    expect(await sessionCount(id)).toBe(0);
  });

  it('JSON APIs: none needed without a session, the token header with one', async () => {
    const anon = await t.app.request('/api/v1/csrfprobe', { method: 'POST', body: '{"n":1}', headers: { 'content-type': 'application/json' } });
    expect(anon.status).toBe(200);
    const cross = await t.app.request('/api/v1/csrfprobe', { method: 'POST', body: '{"n":1}', headers: { 'content-type': 'application/json', origin: 'https://evil.example' } });
    expect(cross.status).toBe(403);
    const c = client();
    await signInAs(t, c, { kind: 'citizen' });
    await c.get('/akun');
    let res = await c.request('/api/v1/csrfprobe', { method: 'POST', body: '{"n":1}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('csrf_failed');
    res = await c.request('/api/v1/csrfprobe', { method: 'POST', body: '{"n":1}', headers: { 'content-type': 'application/json', 'x-csrf-token': c.csrf() } });
    expect(res.status).toBe(200);
  });
});

describe('the token is bound to the session', () => {
  it('the token from before sign-in stops working at sign-in (citizen registration)', async () => {
    const c = client();
    await c.get('/daftar');
    const before = c.csrf();
    const res = await c.post('/daftar', { name: 'Rina Uji', email: `rina${Date.now()}@example.test`, phone: '', nik: '', password: 'kopi-tubruk-panas-sekali' });
    expect(res.status).toBe(303);
    expect(c.cookies.has('gapura_csrf')).toBe(false); // the pre-session seed is gone
    let out = await c.request('/keluar', { method: 'POST', body: `_csrf=${before}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(out.status).toBe(403);
    await c.get('/verifikasi');
    expect(c.csrf()).not.toBe(before);
    out = await c.post('/keluar', {});
    expect(out.status).toBe(303);
  });

  it('the token from before sign-in stops working at sign-in (staff)', async () => {
    const u = await testUnits(t.ctx.db);
    const s = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'officer', unitId: u.kelX.id }] });
    const c = client();
    await c.get('/petugas/masuk');
    const before = c.csrf();
    expect((await c.post('/petugas/masuk', { email: s.email, password: s.password })).headers.get('location')).toBe('/petugas');
    const res = await c.request('/keluar', { method: 'POST', body: `_csrf=${before}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(403);
    await c.get('/petugas/akun');
    expect((await c.post('/keluar', {})).status).toBe(303);
  });

  it("one session's token does not work for another session", async () => {
    const a = client();
    const b = client();
    await signInAs(t, a, { kind: 'citizen' });
    const bid = await signInAs(t, b, { kind: 'citizen' });
    await a.get('/akun');
    const res = await b.request('/keluar', { method: 'POST', body: `_csrf=${a.csrf()}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(403);
    expect(await sessionCount(bid)).toBe(1);
  });
});

describe('in production', () => {
  it('the pre-session cookie is __Host- prefixed, Secure, path=/', async () => {
    const p = await createTestApp({ env: { GAPURA_ENV: 'production', GAPURA_SECRET: 'p'.repeat(40), GAPURA_BASE_URL: 'https://gapura.example.go.id', GAPURA_DEMO: 'false' }, seed: false });
    try {
      const res = await p.app.request('/masuk');
      const cookie = res.headers.getSetCookie().find((h) => h.includes('csrf'))!;
      expect(cookie).toMatch(/^__Host-gapura_csrf=/);
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/;\s*Path=\//i);
      expect(cookie).not.toMatch(/Domain=/i);
    } finally {
      await p.close();
    }
  });
});
