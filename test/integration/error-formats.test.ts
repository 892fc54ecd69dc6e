// Errors a module owns: registered codes with their status and message, a module's own error
// format for its prefix only (Open311 GeoReport v2 in JSON or XML, CKAN's action API), unregistered
// codes as a logged 500, and unique violations as 409 conflict (PGlite, and PostgreSQL with
// DATABASE_URL). The Open311 module here is a test-only stand-in; CKAN's is the opendata module's.
import { sql, type Kysely } from 'kysely';
import type { Context } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers.ts';
import { modules } from '../../src/modules/index.ts';
import { defineModule } from '../../src/platform/module.ts';
import { createLogger } from '../../src/platform/log.ts';
import { AppError } from '../../src/platform/http/errors.ts';
import type { Env } from '../../src/platform/http/context.ts';

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** GeoReport v2: a list of {code, description}, JSON or XML by the path's extension or Accept. */
function open311Error(c: Context<Env>, err: AppError): Response {
  const description = c.get('t')(err.messageKey, err.params);
  const accept = c.req.header('accept') ?? '';
  const xml = c.req.path.endsWith('.xml') || (!c.req.path.endsWith('.json') && /\b(application|text)\/xml\b/.test(accept));
  if (xml)
    return c.body(`<?xml version="1.0" encoding="utf-8"?><errors><error><code>${err.status}</code><description>${xmlEscape(description)}</description></error></errors>`, err.status as 400, {
      'content-type': 'text/xml; charset=utf-8',
    });
  return c.json([{ code: err.status, description }], err.status as 400);
}

const open311 = defineModule({
  id: 'open311',
  locales: {
    id: { 'open311.error.service': 'Layanan {code} tidak ada.' },
    en: { 'open311.error.service': 'There is no service {code}.' },
  },
  errors: { 'open311.service_not_found': { status: 404, message: 'open311.error.service' } },
  errorFormats: [{ prefix: '/open311/v2', format: open311Error }],
  routes(app) {
    app.get('/open311/v2/services/:file', (c) => {
      throw new AppError('open311.service_not_found', '', {}, { code: c.req.param('file').replace(/\.(json|xml)$/, '') });
    });
    app.get('/open311/v2/boom.json', () => {
      throw new Error('database on fire');
    });
    app.get('/open311/other', () => {
      throw new AppError('open311.service_not_found', '', {}, { code: 'x' });
    });
  },
});

// a table with a unique column, created by the module's own migration
const uniq = defineModule({
  id: 'uniq',
  migrations: {
    '001_things': {
      async up(db: Kysely<unknown>) {
        await sql`create table uniq_things (name text not null unique)`.execute(db);
      },
    },
  },
  routes(app, ctx) {
    app.get('/uniq/:name', async (c) => {
      await sql`insert into uniq_things (name) values (${c.req.param('name')})`.execute(ctx.db);
      return c.text('added');
    });
    app.get('/uniq-typo', () => {
      throw new AppError('uniq.not_declared', 'error.validation');
    });
  },
});

let t: TestApp;
const logged: string[] = [];
beforeAll(async () => {
  // the real Open311 API (pengaduan) owns /open311/v2: the stand-in takes its place here
  t = await createTestApp({ modules: [...modules.filter((m) => m.id !== 'pengaduan'), open311, uniq], log: createLogger('error', (l) => logged.push(l)) });
});
afterAll(() => t.close());

describe('module error formats', () => {
  it('answers Open311 errors as [{code, description}] in JSON, or XML by extension or Accept', async () => {
    let res = await t.app.request('/open311/v2/services/ktp.json');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual([{ code: 404, description: 'Layanan ktp tidak ada.' }]);

    res = await t.app.request('/open311/v2/services/ktp.xml', { headers: { cookie: 'lang=en' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await res.text()).toBe('<?xml version="1.0" encoding="utf-8"?><errors><error><code>404</code><description>There is no service ktp.</description></error></errors>');

    res = await t.app.request('/open311/v2/services/ktp', { headers: { accept: 'application/xml' } });
    expect(await res.text()).toContain('<errors><error><code>404</code>');
    // routes the module does not have, and a crash, are answered in its format too
    res = await t.app.request('/open311/v2/requests.json');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual([{ code: 404, description: 'Data tidak ditemukan.' }]);
    res = await t.app.request('/open311/v2/boom.json');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual([{ code: 500, description: 'Terjadi kesalahan di server.' }]);
  });

  it("answers CKAN's action API errors in CKAN's shape (the opendata module's format)", async () => {
    const res = await t.app.request('/api/3/action/package_show?id=tidak-ada');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      help: `${t.ctx.config.baseUrl}/api/3/action/help_show?name=package_show`,
      success: false,
      error: { __type: 'Not Found Error', message: 'Dataset not found' },
    });
  });

  it('keeps the platform formats outside those prefixes', async () => {
    let res = await t.app.request('/api/v1/units/tidak-ada');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    res = await t.app.request('/api/2/other');
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    // below /api/3 even the platform's own 404 is in CKAN's shape
    res = await t.app.request('/api/3/other');
    expect(await res.json()).toMatchObject({ success: false, error: { __type: 'Not Found Error', message: 'Data tidak ditemukan.' } });
    // beside the prefix, a module's registered code gets its status and message on a page
    res = await t.app.request('/open311/other');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('Layanan x tidak ada.');
  });
});

describe('error codes', () => {
  it('answers an AppError with an unregistered code as a logged 500, never a quiet 400', async () => {
    const res = await t.app.request('/uniq-typo');
    expect(res.status).toBe(500);
    expect(logged.some((l) => l.includes('unregistered error code uniq.not_declared'))).toBe(true);
  });

  it('turns a unique violation into a 409 conflict', async () => {
    expect((await t.app.request('/uniq/satu')).status).toBe(200);
    let res = await t.app.request('/uniq/satu');
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('Data yang sama sudah ada.');
    res = await t.app.request('/uniq/satu', { headers: { accept: 'application/json' } });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'conflict' } });
  });
});
