// Pages with personal or staff content are never stored by a cache: walk every page a signed-in
// citizen and a platform admin can reach by links, and the anonymous pages with forms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';

let t: TestApp;
let regionCode: string;
beforeAll(async () => {
  t = await createTestApp();
  regionCode = (await t.ctx.db.selectFrom('units').select('code').where('kind', '=', 'region').executeTakeFirstOrThrow()).code;
});
afterAll(() => t.close());

/** Every same-site page reachable by links from `start` (breadth first, at most `max`), with its Cache-Control. */
async function walk(c: Client, start: string, max = 80): Promise<Map<string, { status: number; cache: string }>> {
  const seen = new Map<string, { status: number; cache: string }>();
  const queue = [start];
  while (queue.length && seen.size < max) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    const res = await c.get(url);
    seen.set(url, { status: res.status, cache: res.headers.get('cache-control') ?? '' });
    if (!(res.headers.get('content-type') ?? '').includes('text/html')) continue;
    for (const [, href] of c.lastHtml.matchAll(/href="(\/[^"#]*)"/g)) {
      const h = href.replace(/&amp;/g, '&');
      if (/^\/(static|bahasa|favicon|logo|tema)/.test(h) || h.startsWith('//')) continue;
      if (!seen.has(h) && !queue.includes(h)) queue.push(h);
    }
  }
  return seen;
}

describe('Cache-Control: no-store', () => {
  it('on every page a signed-in citizen reaches', async () => {
    const c = new Client(t.app);
    await signInAs(t, c, { kind: 'citizen' });
    const pages = await walk(c, '/akun');
    expect([...pages.keys()]).toEqual(expect.arrayContaining(['/akun', '/akun/ubah', '/']));
    for (const [url, { cache }] of pages) expect(cache, url).toBe('no-store');
  });

  it('on every back-office page a platform admin reaches, error pages included', async () => {
    const c = new Client(t.app);
    await signInAs(t, c, { kind: 'staff', grants: [{ role: 'platform_admin', unitCode: regionCode }] });
    const pages = await walk(c, '/petugas');
    expect([...pages.keys()].filter((p) => p.startsWith('/petugas/')).length).toBeGreaterThan(5);
    for (const [url, { cache }] of pages) expect(cache, url).toBe('no-store');
    expect((await c.get('/petugas/tidak-ada')).headers.get('cache-control')).toBe('no-store');
    expect((await c.get('/tidak-ada')).headers.get('cache-control')).toBe('no-store');
  });

  it('on anonymous pages holding a CSRF token, not on the public pages without one', async () => {
    for (const url of ['/masuk', '/daftar', '/lupa-sandi', '/petugas/masuk']) {
      const res = await t.app.request(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('cache-control'), url).toBe('no-store');
    }
    const home = await t.app.request('/');
    expect(home.headers.get('cache-control') ?? '').not.toContain('no-store');
    // the theme stylesheet is the same for everyone, signed in or not
    const css = await new Client(t.app).get('/tema.css');
    expect(css.headers.get('cache-control')).toContain('public');
  });
});
