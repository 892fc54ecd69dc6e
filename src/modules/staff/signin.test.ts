import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { currentCode } from '../../platform/auth/totp.ts';
import { allModulesWithStaff, makeStaff, testUnits, type TestUnits } from './test-fixtures.ts';

let t: TestApp;
let u: TestUnits;
beforeAll(async () => {
  // each test client has its own address (x-forwarded-for), so per-IP limits do not leak between tests
  t = await createTestApp({ env: { GAPURA_TRUST_PROXY: 'true' }, modules: await allModulesWithStaff() });
  u = await testUnits(t.ctx.db);
});
afterAll(() => t.close());

const sessionsOf = (id: number) => t.ctx.db.selectFrom('sessions').select(['state']).where('user_id', '=', id).execute();

async function signIn(c: Client, email: string, password: string, kembali?: string) {
  await c.get(kembali ? `/petugas/masuk?kembali=${encodeURIComponent(kembali)}` : '/petugas/masuk');
  return c.post('/petugas/masuk', { email, password, ...(kembali ? { kembali } : {}) });
}

/** The enrolment page shows the secret in groups of four. */
function secretFrom(html: string): string {
  const m = html.match(/<p class="code">([A-Z2-7 ]+)<\/p>/);
  if (!m) throw new Error('no secret on the page');
  return m[1].replace(/ /g, '');
}

describe('staff sign-in', () => {
  it('keeps anonymous visitors out of /petugas with a return path, and citizens get 403', async () => {
    const anon = new Client(t.app, '10.0.0.1');
    const res = await anon.get('/petugas/akun');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/petugas/masuk?kembali=%2Fpetugas%2Fakun');
    const page = await anon.get('/petugas/masuk');
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('SSO'); // no OIDC configured here
    expect((await anon.get('/petugas/oidc/masuk')).status).toBe(404);

    const citizen = await t.ctx.db.insertInto('users').values({ kind: 'citizen', name: 'Warga', email: 'warga@uji.test' }).returning('id').executeTakeFirstOrThrow();
    const c = new Client(t.app, '10.0.0.2');
    await c.get('/petugas/masuk');
    // a citizen session, written the way createSession does (the citizen sign-in is another module's)
    const { sha256 } = await import('../../platform/crypto.ts');
    await t.ctx.db.insertInto('sessions').values({ id_hash: sha256('citizen-sid-xyz'), user_id: citizen.id, state: 'active', data: '{}', expires_at: new Date(Date.now() + 3600_000) }).execute();
    c.cookies.set('gapura_sid', 'citizen-sid-xyz');
    expect((await c.get('/petugas')).status).toBe(403);
    expect((await c.get('/petugas/staf')).status).toBe(403);
  });

  it('signs an officer in with email and password and shows their roles on the home page', async () => {
    const s = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'officer', unitId: u.kelX.id }], name: 'Siti Petugas' });
    const c = new Client(t.app, '10.0.1.1');
    const res = await signIn(c, s.email.toUpperCase(), s.password);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/petugas');
    expect(await sessionsOf(s.id)).toEqual([{ state: 'active' }]);
    const home = await c.get('/petugas');
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('Selamat datang, Siti Petugas');
    expect(html).toContain(`Petugas di ${u.kelX.name}`);
    expect(html).not.toContain('href="/petugas/staf"'); // not an admin
  });

  it('gives the same answer for a wrong password and an unknown email, then slows down', async () => {
    const s = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'officer', unitId: u.kelX.id }] });
    const c = new Client(t.app, '10.0.2.1');
    const wrong = await signIn(c, s.email, 'salah-sekali-bukan-ini');
    const unknown = await signIn(c, 'tidak-ada@uji.test', 'salah-sekali-bukan-ini');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = (await wrong.text()).replace(/name="_csrf" value="[^"]+"/, '').replace(/value="[^"]*@[^"]*"/, '');
    const b = (await unknown.text()).replace(/name="_csrf" value="[^"]+"/, '').replace(/value="[^"]*@[^"]*"/, '');
    expect(a).toBe(b);
    expect(a).toContain('Email atau kata sandi salah');
    // from one address the guesses meet a limit; the owner elsewhere is not locked out by them
    // (hardening.test.ts: the per-account ceiling asks for a code instead)
    let blocked: Response | undefined;
    for (let i = 0; i < 6; i++) blocked = await signIn(c, s.email, 'salah-lagi-dan-lagi');
    expect(blocked!.status).toBe(429);
    expect(await blocked!.text()).toContain('Terlalu banyak percobaan');
    expect(await sessionsOf(s.id)).toEqual([]);
  });

  it('refuses disabled staff', async () => {
    const s = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'officer', unitId: u.kelX.id }] });
    await t.ctx.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', s.id).execute();
    const res = await signIn(new Client(t.app, '10.0.5.1'), s.email, s.password);
    expect(res.status).toBe(401);
  });

  it('makes an admin without an authenticator enrol before anything else, then asks for a code every time, never the same code twice', async () => {
    const s = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'unit_admin', unitId: u.kec.id }] });
    const c = new Client(t.app, '10.0.6.1');
    let res = await signIn(c, s.email, s.password, '/petugas/staf');
    expect(res.headers.get('location')).toBe('/petugas/2fa/daftar');
    expect(await sessionsOf(s.id)).toEqual([{ state: 'pending_totp' }]);
    // the half-signed-in session opens nothing
    expect((await c.get('/petugas/staf')).status).toBe(303);
    expect((await c.get('/petugas/masuk/kode')).headers.get('location')).toBe('/petugas/masuk');

    res = await c.get('/petugas/2fa/daftar');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('otpauth://totp/');
    const secret = secretFrom(html);
    const stored = await t.ctx.db.selectFrom('users').select(['totp_secret_encrypted', 'totp_enabled_at']).where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(stored.totp_secret_encrypted).not.toContain(secret);
    expect(stored.totp_enabled_at).toBeNull();

    res = await c.post('/petugas/2fa/daftar', { code: '000000' === (await currentCode(secret)) ? '111111' : '000000' });
    expect(res.status).toBe(401);
    const code = await currentCode(secret);
    res = await c.post('/petugas/2fa/daftar', { code });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/petugas/staf');
    expect(await sessionsOf(s.id)).toEqual([{ state: 'active' }]);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('subject_id', '=', String(s.id)).where('action', '=', 'staff.two_factor_enabled').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].after)).not.toContain(secret);

    // next sign-in: password, then the code; the code just used is refused (replay)
    const c2 = new Client(t.app, '10.0.6.2');
    res = await signIn(c2, s.email, s.password);
    expect(res.headers.get('location')).toBe('/petugas/masuk/kode');
    expect((await c2.get('/petugas')).status).toBe(303);
    await c2.get('/petugas/masuk/kode');
    res = await c2.post('/petugas/masuk/kode', { code });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('sudah dipakai');
    res = await c2.post('/petugas/masuk/kode', { code: 'abc' });
    expect(res.status).toBe(422);
    // the next step's code (within the ±1 step window) is accepted once
    const next = await currentCode(secret, Math.floor(Date.now() / 1000) + 30);
    res = await c2.post('/petugas/masuk/kode', { code: next });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/petugas');
    expect((await c2.get('/petugas')).status).toBe(200);
  });

  it('asks a person with a one-time password for a new one before the session becomes active', async () => {
    const s = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'approver', unitId: u.kelX.id }], mustChange: true });
    const c = new Client(t.app, '10.0.7.1');
    let res = await signIn(c, s.email, s.password, '/petugas/akun');
    expect(res.headers.get('location')).toBe('/petugas/masuk/sandi-baru');
    await c.get('/petugas/masuk/sandi-baru');
    res = await c.post('/petugas/masuk/sandi-baru', { password: 'pendek', confirm: 'pendek' });
    expect(res.status).toBe(422);
    res = await c.post('/petugas/masuk/sandi-baru', { password: 'gajah-putih-di-sungai-musi', confirm: 'gajah-putih-di-sungai-musa' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('tidak sama');
    res = await c.post('/petugas/masuk/sandi-baru', { password: 'gajah-putih-di-sungai-musi', confirm: 'gajah-putih-di-sungai-musi' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/petugas/akun');
    expect((await c.get('/petugas/akun')).status).toBe(200);
    const row = await t.ctx.db.selectFrom('users').select('password_change_required').where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row.password_change_required).toBe(false);
    // the old one-time password no longer works
    expect((await signIn(new Client(t.app, '10.0.7.2'), s.email, s.password)).status).toBe(401);
  });

  it('never returns to another site after signing in', async () => {
    const s = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'officer', unitId: u.kelX.id }] });
    const c = new Client(t.app, '10.0.8.1');
    await c.get('/petugas/masuk');
    const res = await c.post('/petugas/masuk', { email: s.email, password: s.password, kembali: '//evil.example/x' });
    expect(res.headers.get('location')).toBe('/petugas');
  });

  it('lets staff change their password and turn on two-step verification from their account', async () => {
    const s = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'leader', unitId: u.region.id }] });
    const c = new Client(t.app, '10.0.9.1');
    await signIn(c, s.email, s.password);
    const other = new Client(t.app, '10.0.9.2');
    await signIn(other, s.email, s.password);
    expect(await sessionsOf(s.id)).toHaveLength(2);

    await c.get('/petugas/akun');
    let res = await c.post('/petugas/akun/sandi', { current: 'bukan-sandi-saya', password: 'burung-elang-terbang-tinggi', confirm: 'burung-elang-terbang-tinggi' });
    expect(res.status).toBe(422);
    res = await c.post('/petugas/akun/sandi', { current: s.password, password: 'burung-elang-terbang-tinggi', confirm: 'burung-elang-terbang-tinggi' });
    expect(res.status).toBe(303);
    expect(await sessionsOf(s.id)).toHaveLength(1); // the other device was signed out
    expect((await other.get('/petugas')).status).toBe(303);

    res = await c.get('/petugas/2fa/daftar');
    const secret = secretFrom(await res.text());
    res = await c.post('/petugas/2fa/daftar', { code: await currentCode(secret) });
    expect(res.headers.get('location')).toBe('/petugas/akun?selesai=2fa');
    const c3 = new Client(t.app, '10.0.9.3');
    res = await signIn(c3, s.email, 'burung-elang-terbang-tinggi');
    expect(res.headers.get('location')).toBe('/petugas/masuk/kode');
  });
});
