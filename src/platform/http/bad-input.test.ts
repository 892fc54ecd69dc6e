// Bad input of every kind gets a 4xx with a stable code and a clear message — never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoute, z } from '@hono/zod-openapi';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';
import { modules } from '../../modules/index.ts';
import { defineModule } from '../module.ts';
import { parseForm, query } from './input.ts';

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
beforeAll(async () => {
  t = await createTestApp({ modules: [...modules, probe] });
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

  it('wrong content type on a form route → 415', async () => {
    const res = await t.app.request('/probe-form', { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
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
