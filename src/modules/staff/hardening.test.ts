// What a security review and a newcomer's walk found in the back office (issue 6): no lockout of
// an officer by someone else's guesses, no spraying behind a good sign-in, nobody changes their own
// roles, staff changes visible to the unit's auditor, codes typed with spaces, a way back from the
// code step, the authenticator's own name for the region, no raw {placeholder} on any page.
import { lastCodeSent } from '../../../test/auth-helpers.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { currentCode } from '../../platform/auth/totp.ts';
import type { Role } from '../../platform/access/can.ts';
import { allModulesWithStaff, makeStaff, testUnits, type TestUnits } from './test-fixtures.ts';
import { runUserAdd, type CliIo } from './cli.ts';
import { UsageError } from '../../platform/cli-args.ts';

let t: TestApp;
let u: TestUnits;
beforeAll(async () => {
  t = await createTestApp({ env: { GAPURA_TRUST_PROXY: 'true' }, modules: await allModulesWithStaff() });
  u = await testUnits(t.ctx.db);
});
afterAll(() => t.close());

/** A client with its own address; every HTML page it receives is kept for the placeholder check. */
class WalkingClient extends Client {
  pages: { path: string; html: string }[] = [];
  override async request(p: string, init: RequestInit = {}): Promise<Response> {
    const res = await super.request(p, init);
    if ((res.headers.get('content-type') ?? '').includes('text/html')) this.pages.push({ path: p, html: await res.clone().text() });
    return res;
  }
}
const walkers: WalkingClient[] = [];
let ip = 0;
const newClient = () => {
  const c = new WalkingClient(t.app, `10.30.${Math.floor(++ip / 250)}.${ip % 250}`);
  walkers.push(c);
  return c;
};

async function signIn(c: Client, email: string, password: string, more: Record<string, string> = {}) {
  await c.get('/petugas/masuk');
  return c.post('/petugas/masuk', { email, password, ...more });
}

/** Fully signed in (admins through their authenticator code). */
async function staffClient(grants: { role: Role; unitId: number }[]) {
  const admin = grants.some((g) => g.role === 'unit_admin' || g.role === 'platform_admin');
  const s = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants, totp: admin });
  const c = newClient();
  let res = await signIn(c, s.email, s.password);
  if (admin) {
    await c.get('/petugas/masuk/kode');
    res = await c.post('/petugas/masuk/kode', { code: await currentCode(s.totpSecret!) });
  }
  expect(res.headers.get('location')).toBe('/petugas');
  return { c, ...s };
}

// codes are masked in stored messages (ADR 015): read them as the recipient would, from the demo outbox
const lastCode = (to: string) => lastCodeSent(t, to);

/** Failed guesses from many addresses: over the per-account ceiling, no address limited. */
async function spreadGuesses(email: string) {
  for (let a = 0; a < 6; a++) {
    const bot = newClient();
    for (let i = 0; i < 3; i++) await signIn(bot, email, `tebakan-salah-${a}-${i}`);
  }
}

describe('staff sign-in limits (issue 6, items 1 and 2)', () => {
  it("limits the attacker's address, not the officer's", async () => {
    const s = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'officer', unitId: u.kelX.id }] });
    const attacker = newClient();
    let last = 0;
    for (let i = 0; i < 8; i++) last = (await signIn(attacker, s.email, `salah-${i}-sekali`)).status;
    expect(last).toBe(429);
    expect((await signIn(attacker, s.email, s.password)).status).toBe(429);
    const res = await signIn(newClient(), s.email, s.password);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/petugas');
  });

  it('beyond the ceiling, an officer with an authenticator signs in with password and code together', async () => {
    const s = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'officer', unitId: u.kelX.id }], totp: true });
    await spreadGuesses(s.email);
    const c = newClient();
    let res = await signIn(c, s.email, s.password);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('name="code"');
    expect(await t.ctx.db.selectFrom('sessions').select('state').where('user_id', '=', s.id).execute()).toEqual([]);
    const code = await currentCode(s.totpSecret!);
    res = await c.post('/petugas/masuk', { email: s.email, password: 'bukan-sandinya-ini', code });
    expect(res.status).toBe(401);
    res = await c.post('/petugas/masuk', { email: s.email, password: s.password, code: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/petugas'); // the code was the second factor: no code step again
    expect((await c.get('/petugas')).status).toBe(200);
  });

  it('beyond the ceiling, an officer without an authenticator gets a code by email', async () => {
    const s = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'officer', unitId: u.kelX.id }] });
    await spreadGuesses(s.email);
    const c = newClient();
    const res = await signIn(c, s.email, s.password);
    expect(res.status).toBe(401);
    const code = await lastCode(s.email);
    const ok = await c.post('/petugas/masuk', { email: s.email, password: s.password, code });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/petugas');
  });

  it('a successful sign-in does not reset the limit on the address', async () => {
    const own = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'officer', unitId: u.kelX.id }] });
    const sprayer = newClient();
    let limited = false;
    for (let round = 0; round < 8 && !limited; round++) {
      for (let i = 0; i < 5 && !limited; i++) {
        if ((await signIn(sprayer, `orang${round}x${i}@uji.go.id`, 'Password123!')).status === 429) limited = true;
      }
      if (!limited) expect((await signIn(sprayer, own.email, own.password)).status).toBe(303);
      await sprayer.post('/keluar', {});
    }
    expect(limited).toBe(true);
  });
});

describe('roles (item 7) and the audit trail (item 9)', () => {
  it('nobody grants or revokes their own roles; a second admin does', async () => {
    const ua = await staffClient([{ role: 'unit_admin', unitId: u.kec.id }]);
    await ua.c.get(`/petugas/staf/${ua.id}`);
    expect((await ua.c.post(`/petugas/staf/${ua.id}/peran`, { role: 'auditor', unit: String(u.kec.id) })).status).toBe(403);
    const own = (await t.ctx.db.selectFrom('role_grants').select('id').where('user_id', '=', ua.id).executeTakeFirstOrThrow()).id;
    expect((await ua.c.post(`/petugas/staf/${ua.id}/peran/${own}/cabut`, {})).status).toBe(403);
    expect(await t.ctx.db.selectFrom('role_grants').select('role').where('user_id', '=', ua.id).execute()).toEqual([{ role: 'unit_admin' }]);
    // the page offers no such form either
    const page = await (await ua.c.get(`/petugas/staf/${ua.id}`)).text();
    expect(page).not.toContain(`action="/petugas/staf/${ua.id}/peran"`);
    // a platform admin is no exception
    const pa = await staffClient([{ role: 'platform_admin', unitId: u.region.id }]);
    await pa.c.get(`/petugas/staf/${pa.id}`);
    expect((await pa.c.post(`/petugas/staf/${pa.id}/peran`, { role: 'auditor', unit: String(u.region.id) })).status).toBe(403);
    // another admin may
    await pa.c.get(`/petugas/staf/${ua.id}`);
    expect((await pa.c.post(`/petugas/staf/${ua.id}/peran`, { role: 'auditor', unit: String(u.kec.id) })).status).toBe(303);
  });

  it("records staff changes under the person's unit, so the kecamatan's auditor sees them", async () => {
    const ua = await staffClient([{ role: 'unit_admin', unitId: u.kec.id }]);
    const officer = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'officer', unitId: u.kelY.id }] });
    await ua.c.get(`/petugas/staf/${officer.id}`);
    expect((await ua.c.post(`/petugas/staf/${officer.id}/nonaktifkan`, {})).status).toBe(303);
    const entry = await t.ctx.db.selectFrom('audit_log').select(['id', 'unit_id']).where('action', '=', 'staff.disabled').where('subject_id', '=', String(officer.id)).executeTakeFirstOrThrow();
    expect(Number(entry.unit_id)).toBe(u.kelY.id);
    const created = await t.ctx.db.selectFrom('audit_log').select(['unit_id']).where('action', '=', 'staff.created').where('subject_id', '=', String(officer.id)).executeTakeFirstOrThrow();
    expect(Number(created.unit_id)).toBe(u.kelY.id);
    // someone with roles in two kecamatan: the unit both lie under
    const both = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'officer', unitId: u.kelX.id }, { role: 'officer', unitId: u.kelZ.id }] });
    const pa = await staffClient([{ role: 'platform_admin', unitId: u.region.id }]);
    await pa.c.get(`/petugas/staf/${both.id}`);
    await pa.c.post(`/petugas/staf/${both.id}/reset-2fa`, {});
    const reset = await t.ctx.db.selectFrom('audit_log').select(['unit_id']).where('action', '=', 'staff.two_factor_reset').where('subject_id', '=', String(both.id)).executeTakeFirstOrThrow();
    expect(Number(reset.unit_id)).toBe(u.region.id);

    const auditor = await staffClient([{ role: 'auditor', unitId: u.kec.id }]);
    const html = await (await auditor.c.get('/petugas/audit?aksi=staff.')).text();
    expect(html).toContain(`href="/petugas/audit/${entry.id}"`);
    expect((await auditor.c.get(`/petugas/audit/${entry.id}`)).status).toBe(200);
  });

  it("refuses email addresses with ' \" < > for new staff, on the form and in the CLI", async () => {
    const pa = await staffClient([{ role: 'platform_admin', unitId: u.region.id }]);
    await pa.c.get('/petugas/staf/baru');
    for (const bad of ["o'neil@uji.go.id", '"a"@uji.go.id', '<a>@uji.go.id']) {
      const res = await pa.c.post('/petugas/staf/baru', { name: 'Uji', email: bad, roles: 'officer', unit: String(u.kelX.id) });
      expect(res.status, bad).toBe(422);
    }
    const io: CliIo = { stdinIsTTY: true, readStdin: () => Promise.resolve(''), out: () => {}, err: () => {} };
    await expect(runUserAdd(['--email', "o'neil@uji.go.id", '--role', 'officer', '--unit', u.kelX.code], t.ctx, io)).rejects.toBeInstanceOf(UsageError);
  });
});

describe('the code step (items 12 and 20)', () => {
  it('accepts a code typed with a space, offers a way back, and names the region as the authenticator does', async () => {
    const s = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'officer', unitId: u.kelX.id }], totp: true });
    const region = (await t.ctx.region()).name;
    const c = newClient();
    let res = await signIn(c, s.email, s.password);
    expect(res.headers.get('location')).toBe('/petugas/masuk/kode');
    let html = await (await c.get('/petugas/masuk/kode')).text();
    expect(html).toContain(region);
    expect(html).not.toMatch(/untuk Gapura/);
    // the way back: cancelling ends the half-signed-in session
    expect(html).toContain('action="/petugas/masuk/batal"');
    res = await c.post('/petugas/masuk/batal', {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/petugas/masuk');
    expect(await t.ctx.db.selectFrom('sessions').select('state').where('user_id', '=', s.id).execute()).toEqual([]);
    expect((await c.get('/petugas/masuk/kode')).headers.get('location')).toBe('/petugas/masuk');

    res = await signIn(c, s.email, s.password);
    await c.get('/petugas/masuk/kode');
    const code = await currentCode(s.totpSecret!);
    res = await c.post('/petugas/masuk/kode', { code: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/petugas');

    // enrolment: the issuer in the link and the page text is the region's name
    const admin = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'unit_admin', unitId: u.kec.id }] });
    const e = newClient();
    await signIn(e, admin.email, admin.password);
    html = await (await e.get('/petugas/2fa/daftar')).text();
    expect(decodeURIComponent(html.match(/href="(otpauth:[^"]+)"/)![1].replace(/&amp;/g, '&'))).toContain(`issuer=${region}`);
    expect(html).toContain(region);
    expect(html).toContain('action="/petugas/masuk/batal"');
  });

  it('no page in the walks above shows a raw {placeholder}', async () => {
    const pa = await staffClient([{ role: 'platform_admin', unitId: u.region.id }]);
    for (const p of ['/petugas', '/petugas/akun', '/petugas/staf', '/petugas/staf/baru', `/petugas/staf/${pa.id}`]) await pa.c.get(p);
    await pa.c.post('/petugas/akun/sandi', { current: 'salah', password: 'x', confirm: 'y' });
    await pa.c.post('/petugas/staf/baru', { name: '', email: 'x', unit: '' });
    const pages = walkers.flatMap((w) => w.pages);
    expect(pages.length).toBeGreaterThan(100);
    for (const { path, html } of pages) {
      const text = html.replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/g, '');
      expect(text.match(/\{[a-zA-Z_]+\}/)?.[0], path).toBeUndefined();
    }
  });
});
