// Paths come from the manifests: a module's private pages are never page-cached and are sent with
// no-store; its public pages are; a 401 goes to the sign-in page a module declares.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers.ts';
import { modules } from '../../src/modules/index.ts';
import { defineModule } from '../../src/platform/module.ts';
import { AppError } from '../../src/platform/http/errors.ts';
import { pathTable, under } from '../../src/platform/http/paths.ts';

let renders = 0;
const parks = defineModule({
  id: 'parks',
  paths: { public: ['/taman'], private: ['/taman-saya'] },
  routes(app) {
    app.get('/taman', (c) => c.html(`<p>${++renders}</p>`));
    app.get('/taman-saya', (c) => c.html(`<p>${++renders}</p>`));
    app.get('/taman-saya/masuk-dulu', () => {
      throw new AppError('unauthenticated', 'error.unauthenticated');
    });
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ modules: [...modules, parks] });
});
afterAll(() => t.close());

describe('paths from manifests', () => {
  it('matches a prefix and what is below it, and "/" only itself', () => {
    expect(under('/akun', '/akun')).toBe(true);
    expect(under('/akun/sandi', '/akun')).toBe(true);
    expect(under('/akunku', '/akun')).toBe(false);
    expect(under('/', '/')).toBe(true);
    expect(under('/cari', '/')).toBe(false);
  });

  it("page-caches a module's public page, never its private one, which gets no-store", async () => {
    const a = await (await t.app.request('/taman')).text();
    expect(await (await t.app.request('/taman')).text()).toBe(a);
    const first = await t.app.request('/taman-saya');
    expect(first.headers.get('cache-control')).toBe('no-store');
    const one = await first.text();
    expect(await (await t.app.request('/taman-saya')).text()).not.toBe(one);
    // the staff area is private for every module
    expect((await t.app.request('/petugas/masuk')).headers.get('cache-control')).toBe('no-store');
  });

  it('sends a 401 to the sign-in page the accounts and staff manifests declare', async () => {
    const table = pathTable(t.ctx.modules);
    expect(table.signIn).toEqual({ citizen: '/masuk', staff: '/petugas/masuk' });
    const res = await t.app.request('/taman-saya/masuk-dulu');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/masuk?kembali=%2Ftaman-saya%2Fmasuk-dulu');
    expect((await t.app.request('/petugas/staf')).headers.get('location')).toBe('/petugas/masuk?kembali=%2Fpetugas%2Fstaf');
  });
});
