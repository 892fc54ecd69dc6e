// Staff SSO against a real OpenID provider (oidc-provider on 127.0.0.1, a random port), driven over
// HTTP the way a browser would: redirects followed by hand, the IdP's cookies kept in a jar.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Provider from 'oidc-provider';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { allModulesWithStaff, makeStaff, testUnits, type TestUnits } from './test-fixtures.ts';

const CLIENT_ID = 'gapura-test';
const CLIENT_SECRET = 'a-client-secret-for-tests-only-0123456789';
const CALLBACK = 'http://localhost:3000/petugas/oidc/callback';

/** People the identity provider knows: subject → claims. */
const people: Record<string, { email: string; email_verified: boolean; name: string }> = {};

let idp: http.Server;
let issuer: string;
let t: TestApp;
let u: TestUnits;

beforeAll(async () => {
  idp = http.createServer();
  await new Promise<void>((r) => idp.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [CALLBACK], grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    features: { devInteractions: { enabled: true } },
    findAccount(_ctx, sub) {
      const p = people[sub];
      return Promise.resolve(p ? { accountId: sub, claims: () => Promise.resolve({ sub, ...p }) } : undefined);
    },
  });
  idp.on('request', provider.callback());
  t = await createTestApp({
    env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET },
    modules: await allModulesWithStaff(),
  });
  u = await testUnits(t.ctx.db);
});
afterAll(async () => {
  await t.close();
  await new Promise((r) => idp.close(r));
});

/**
 * Sign in at the IdP as `login` starting from the authorization URL Gapura redirected to; returns
 * the callback URL the IdP sends the browser back to.
 */
async function atIdp(authorizeUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizeUrl;
  let method = 'GET';
  let body: string | undefined;
  for (let i = 0; i < 20; i++) {
    const res = await fetch(url, {
      method, body, redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    });
    for (const sc of res.headers.getSetCookie()) {
      const [pair] = sc.split(';');
      const i2 = pair.indexOf('=');
      jar.set(pair.slice(0, i2), pair.slice(i2 + 1));
    }
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(CALLBACK)) return next;
      url = next.href;
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await res.text();
    const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1];
    const prompt = html.match(/name="prompt" value="([a-z]+)"/)?.[1];
    if (!action || !prompt) throw new Error(`unexpected IdP page (${res.status}): ${html.slice(0, 300)}`);
    url = new URL(action, url).href;
    method = 'POST';
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'x' } : { prompt }).toString();
  }
  throw new Error('too many redirects at the IdP');
}

/** Start at Gapura's SSO button; returns the Gapura client and the IdP's authorization URL. */
async function start(ip: string) {
  const c = new Client(t.app, ip);
  const page = await c.get('/petugas/masuk');
  expect(await page.text()).toContain('Masuk dengan SSO Pemkot');
  const res = await c.get('/petugas/oidc/masuk?kembali=%2Fpetugas%2Fakun');
  expect(res.status).toBe(303);
  const authorize = new URL(res.headers.get('location')!);
  expect(authorize.origin).toBe(issuer);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('state')).toBeTruthy();
  expect(authorize.searchParams.get('nonce')).toBeTruthy();
  return { c, authorize: authorize.href };
}

const back = (u: URL) => `${u.pathname}${u.search}`;

describe('staff sign-in with the city SSO', () => {
  it('signs in an existing staff member by verified email on first use, then by subject', async () => {
    const s = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'platform_admin', unitId: u.region.id }], email: 'rina@pemkot.go.id', name: 'Rina' });
    people['idp-rina'] = { email: 'Rina@pemkot.go.id', email_verified: true, name: 'Rina (IdP)' };
    const { c, authorize } = await start('10.2.0.1');
    const cb = await atIdp(authorize, 'idp-rina');
    const res = await c.get(back(cb));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/petugas/akun');
    // the IdP is trusted for the second factor: an admin without TOTP gets an active session
    const sessions = await t.ctx.db.selectFrom('sessions').select('state').where('user_id', '=', s.id).execute();
    expect(sessions).toEqual([{ state: 'active' }]);
    expect((await c.get('/petugas/akun')).status).toBe(200);
    const row = await t.ctx.db.selectFrom('users').select('oidc_subject').where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row.oidc_subject).toBe('idp-rina');
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_id', '=', String(s.id)).where('action', '=', 'staff.sso_linked').execute();
    expect(audit).toHaveLength(1);

    // later the address at the IdP changes; the subject still identifies her
    people['idp-rina'] = { email: 'rina.baru@pemkot.go.id', email_verified: true, name: 'Rina' };
    const second = await start('10.2.0.2');
    const res2 = await second.c.get(back(await atIdp(second.authorize, 'idp-rina')));
    expect(res2.headers.get('location')).toBe('/petugas/akun');
  });

  it('refuses people who are not registered staff, and unverified addresses', async () => {
    people['idp-stranger'] = { email: 'orang.asing@pemkot.go.id', email_verified: true, name: 'Asing' };
    let { c, authorize } = await start('10.2.1.1');
    let res = await c.get(back(await atIdp(authorize, 'idp-stranger')));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Akun Anda belum terdaftar sebagai petugas. Hubungi admin Diskominfo.');
    expect(await t.ctx.db.selectFrom('users').select('id').where('email', '=', 'orang.asing@pemkot.go.id').execute()).toEqual([]);

    const s = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'officer', unitId: u.kelX.id }], email: 'dodi@pemkot.go.id' });
    people['idp-dodi'] = { email: 'dodi@pemkot.go.id', email_verified: false, name: 'Dodi' };
    ({ c, authorize } = await start('10.2.1.2'));
    res = await c.get(back(await atIdp(authorize, 'idp-dodi')));
    expect(res.status).toBe(403);
    expect(await t.ctx.db.selectFrom('sessions').select('state').where('user_id', '=', s.id).execute()).toEqual([]);
  });

  it('rejects a callback with the wrong state or without the pre-auth cookie', async () => {
    await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'officer', unitId: u.kelX.id }], email: 'eka@pemkot.go.id' });
    people['idp-eka'] = { email: 'eka@pemkot.go.id', email_verified: true, name: 'Eka' };
    const { c, authorize } = await start('10.2.2.1');
    const cb = await atIdp(authorize, 'idp-eka');
    const forged = new URL(cb);
    forged.searchParams.set('state', 'not-the-state-we-sent');
    let res = await c.get(back(forged));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Masuk dengan SSO tidak berhasil');
    // the attempt is spent: even the genuine callback no longer works (cookie gone)
    res = await c.get(back(cb));
    expect(res.status).toBe(400);
    // a callback arriving at a browser that never started the sign-in
    const other = await start('10.2.2.2');
    const cb2 = await atIdp(other.authorize, 'idp-eka');
    res = await new Client(t.app, '10.2.2.3').get(back(cb2));
    expect(res.status).toBe(400);
    expect(await t.ctx.db.selectFrom('users as u').innerJoin('sessions as s', 's.user_id', 'u.id').select('s.state').where('u.email', '=', 'eka@pemkot.go.id').execute()).toEqual([]);
  });
});
