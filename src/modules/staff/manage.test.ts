import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { currentCode } from '../../platform/auth/totp.ts';
import type { Role } from '../../platform/access/can.ts';
import { allModulesWithStaff, makeStaff, testUnits, type TestUnits } from './test-fixtures.ts';
import { runUserAdd, type CliIo } from './cli.ts';
import { staffDemo } from './demo.ts';
import { UsageError } from '../../platform/cli-args.ts';

let t: TestApp;
let u: TestUnits;
beforeAll(async () => {
  t = await createTestApp({ env: { GAPURA_TRUST_PROXY: 'true' }, modules: await allModulesWithStaff() });
  u = await testUnits(t.ctx.db);
});
afterAll(() => t.close());

let ip = 0;
/** A signed-in client for a new staff member holding these roles (admins go through their code). */
async function staffClient(grants: { role: Role; unitId: number }[]) {
  const admin = grants.some((g) => g.role === 'unit_admin' || g.role === 'platform_admin');
  const s = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants, totp: admin });
  const c = new Client(t.app, `10.1.0.${++ip}`);
  await c.get('/petugas/masuk');
  let res = await c.post('/petugas/masuk', { email: s.email, password: s.password });
  if (admin) {
    await c.get('/petugas/masuk/kode');
    res = await c.post('/petugas/masuk/kode', { code: await currentCode(s.totpSecret!) });
  }
  expect(res.headers.get('location')).toBe('/petugas');
  return { c, ...s };
}

const auditCount = async () => Number((await t.ctx.db.selectFrom('audit_log').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('staff management', () => {
  it('lets a platform admin add a staff member, showing the one-time password once', async () => {
    const admin = await staffClient([{ role: 'platform_admin', unitId: u.region.id }]);
    let res = await admin.c.get('/petugas');
    expect(await res.text()).toContain('href="/petugas/staf"');
    res = await admin.c.get('/petugas/staf/baru');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('value="platform_admin"');
    res = await admin.c.post('/petugas/staf/baru', { name: '', email: 'x', unit: '' });
    expect(res.status).toBe(422);
    const before = await auditCount();
    res = await admin.c.post('/petugas/staf/baru', { name: 'Budi Santoso', email: 'Budi@Uji.go.id', roles: 'officer', unit: String(u.kelX.id) });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const html = await res.text();
    const pw = html.match(/<span class="code">([a-z0-9-]+)<\/span>/)![1];
    const row = await t.ctx.db.selectFrom('users').selectAll().where('email', '=', 'budi@uji.go.id').executeTakeFirstOrThrow();
    expect(row.password_change_required).toBe(true);
    expect(row.password_hash).not.toContain(pw);
    expect(await auditCount()).toBe(before + 2); // created + role granted
    const audits = await t.ctx.db.selectFrom('audit_log').select(['before', 'after']).where('subject_id', '=', String(row.id)).execute();
    expect(JSON.stringify(audits)).not.toContain(pw);
    // the same email again is refused with a message on the form
    res = await admin.c.get('/petugas/staf/baru');
    res = await admin.c.post('/petugas/staf/baru', { name: 'Budi Lagi', email: 'budi@uji.go.id', roles: 'officer', unit: String(u.kelX.id) });
    expect(res.status).toBe(422);
    // the new person signs in with the one-time password and must change it
    const newbie = new Client(t.app, '10.1.9.1');
    await newbie.get('/petugas/masuk');
    res = await newbie.post('/petugas/masuk', { email: 'budi@uji.go.id', password: pw });
    expect(res.headers.get('location')).toBe('/petugas/masuk/sandi-baru');
  });

  it('keeps a unit admin inside their kecamatan', async () => {
    const ua = await staffClient([{ role: 'unit_admin', unitId: u.kec.id }]);
    const inside = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'officer', unitId: u.kelY.id }], name: 'Orang Dalam' });
    const outside = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'officer', unitId: u.kelZ.id }], name: 'Orang Luar' });
    let res = await ua.c.get('/petugas/staf');
    const list = await res.text();
    expect(list).toContain('Orang Dalam');
    expect(list).not.toContain('Orang Luar');
    expect((await ua.c.get(`/petugas/staf/${outside.id}`)).status).toBe(404);
    res = await ua.c.get('/petugas/staf/baru');
    const form = await res.text();
    expect(form).not.toContain('value="platform_admin"');
    expect(form).not.toContain(`value="${u.kelZ.id}"`);

    const before = await auditCount();
    // no platform_admin, no units outside the subtree, no changes to people outside it
    expect((await ua.c.post('/petugas/staf/baru', { name: 'A', email: 'a1@uji.go.id', roles: 'platform_admin', unit: String(u.kelX.id) })).status).toBe(403);
    expect((await ua.c.post('/petugas/staf/baru', { name: 'A', email: 'a2@uji.go.id', roles: 'officer', unit: String(u.kelZ.id) })).status).toBe(403);
    await ua.c.get(`/petugas/staf/${inside.id}`);
    expect((await ua.c.post(`/petugas/staf/${inside.id}/peran`, { role: 'approver', unit: String(u.kelZ.id) })).status).toBe(403);
    expect((await ua.c.post(`/petugas/staf/${inside.id}/peran`, { role: 'platform_admin', unit: String(u.kelY.id) })).status).toBe(403);
    expect((await ua.c.post(`/petugas/staf/${outside.id}/nonaktifkan`, {})).status).toBe(404);
    expect((await ua.c.post(`/petugas/staf/${outside.id}/peran`, { role: 'approver', unit: String(u.kelY.id) })).status).toBe(404);
    expect(await auditCount()).toBe(before);

    // inside the subtree everything works, each change audited
    let res2 = await ua.c.post(`/petugas/staf/${inside.id}/peran`, { role: 'approver', unit: String(u.kelY.id) });
    expect(res2.status).toBe(303);
    expect(await auditCount()).toBe(before + 1);
    const grants = await t.ctx.db.selectFrom('role_grants').select(['id', 'role']).where('user_id', '=', inside.id).execute();
    expect(grants.map((g) => g.role).sort()).toEqual(['approver', 'officer']);
    await ua.c.get(`/petugas/staf/${inside.id}`);
    const approver = grants.find((g) => g.role === 'approver')!;
    res2 = await ua.c.post(`/petugas/staf/${inside.id}/peran/${approver.id}/cabut`, {});
    expect(res2.status).toBe(303);
    expect(await auditCount()).toBe(before + 2);
  });

  it('disabling signs the person out everywhere; enabling and resetting 2FA are audited', async () => {
    const admin = await staffClient([{ role: 'platform_admin', unitId: u.region.id }]);
    const victim = await staffClient([{ role: 'unit_admin', unitId: u.kec2.id }]);
    expect((await victim.c.get('/petugas')).status).toBe(200);
    const before = await auditCount();
    await admin.c.get(`/petugas/staf/${victim.id}`);
    let res = await admin.c.post(`/petugas/staf/${victim.id}/nonaktifkan`, {});
    expect(res.status).toBe(303);
    expect((await victim.c.get('/petugas')).status).toBe(303);
    const again = new Client(t.app, '10.1.8.1');
    await again.get('/petugas/masuk');
    expect((await again.post('/petugas/masuk', { email: victim.email, password: victim.password })).status).toBe(401);
    res = await admin.c.post(`/petugas/staf/${victim.id}/aktifkan`, {});
    res = await admin.c.post(`/petugas/staf/${victim.id}/reset-2fa`, {});
    expect(res.status).toBe(303);
    const row = await t.ctx.db.selectFrom('users').select(['totp_secret_encrypted', 'totp_enabled_at', 'disabled_at']).where('id', '=', victim.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ totp_secret_encrypted: null, totp_enabled_at: null, disabled_at: null });
    const actions = await t.ctx.db.selectFrom('audit_log').select('action').where('id', '>', 0).orderBy('id', 'desc').limit(3).execute();
    expect(actions.map((a) => a.action).reverse()).toEqual(['staff.disabled', 'staff.enabled', 'staff.two_factor_reset']);
    expect(await auditCount()).toBe(before + 3);
    // an admin cannot disable themselves
    expect((await admin.c.post(`/petugas/staf/${admin.id}/nonaktifkan`, {})).status).toBe(403);
  });

  it('does not let officers or citizens manage staff', async () => {
    const officer = await staffClient([{ role: 'officer', unitId: u.kelX.id }]);
    expect((await officer.c.get('/petugas/staf')).status).toBe(403);
    expect((await officer.c.post('/petugas/staf/baru', { name: 'X', email: 'x@uji.go.id', roles: 'officer', unit: String(u.kelX.id) })).status).toBe(403);
  });
});

describe('gapura user add', () => {
  const io = (stdin?: string) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { stdinIsTTY: stdin === undefined, readStdin: () => Promise.resolve(stdin ?? ''), out: (s) => out.push(s), err: (s) => err.push(s) };
    return { io, out, err };
  };

  it('creates a staff member with a one-time password, or adds a role to an existing one', async () => {
    const a = io();
    expect(await runUserAdd(['--email', 'Cli.Admin@uji.go.id', '--role', 'platform_admin', '--unit', u.region.code, '--name', 'Admin CLI'], t.ctx, a.io)).toBe(0);
    const pw = a.out.join('').match(/One-time password[^:]*: (\S+)/)![1];
    const user = await t.ctx.db.selectFrom('users').select(['id', 'password_change_required']).where('email', '=', 'cli.admin@uji.go.id').executeTakeFirstOrThrow();
    expect(user.password_change_required).toBe(true);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['actor_label', 'action']).where('subject_id', '=', String(user.id)).execute();
    expect(audit).toEqual([{ actor_label: 'cli', action: 'staff.created' }, { actor_label: 'cli', action: 'staff.role_granted' }]);
    expect(JSON.stringify(audit)).not.toContain(pw);

    const b = io();
    expect(await runUserAdd(['--email', 'cli.admin@uji.go.id', '--role', 'auditor', '--unit', u.region.code], t.ctx, b.io)).toBe(0);
    expect(b.out.join('')).toContain('Added role auditor');
    const roles = await t.ctx.db.selectFrom('role_grants').select('role').where('user_id', '=', user.id).execute();
    expect(roles.map((r) => r.role).sort()).toEqual(['auditor', 'platform_admin']);
  });

  it('takes the password from stdin when it is not a terminal', async () => {
    const a = io('sungai-musi-mengalir-jauh\n');
    expect(await runUserAdd(['--email', 'stdin@uji.go.id', '--role', 'officer', '--unit', u.kelX.code], t.ctx, a.io)).toBe(0);
    expect(a.out.join('')).not.toContain('One-time password');
    const c = new Client(t.app, '10.1.7.1');
    await c.get('/petugas/masuk');
    const res = await c.post('/petugas/masuk', { email: 'stdin@uji.go.id', password: 'sungai-musi-mengalir-jauh' });
    expect(res.headers.get('location')).toBe('/petugas');
    expect(await runUserAdd(['--email', 'weak@uji.go.id', '--role', 'officer', '--unit', u.kelX.code], t.ctx, io('123\n').io)).toBe(1);
  });

  it('refuses bad arguments as usage errors and unknown units with a clear message', async () => {
    await expect(runUserAdd(['--email', 'x@uji.go.id', '--role', 'officer'], t.ctx, io().io)).rejects.toBeInstanceOf(UsageError);
    await expect(runUserAdd(['--email', 'x@uji.go.id', '--role', 'boss', '--unit', u.kelX.code], t.ctx, io().io)).rejects.toBeInstanceOf(UsageError);
    await expect(runUserAdd(['--email', 'nope', '--role', 'officer', '--unit', u.kelX.code], t.ctx, io().io)).rejects.toBeInstanceOf(UsageError);
    await expect(runUserAdd(['--bogus', '1'], t.ctx, io().io)).rejects.toBeInstanceOf(UsageError);
    const e = io();
    expect(await runUserAdd(['--email', 'x@uji.go.id', '--role', 'officer', '--unit', '00.00.00'], t.ctx, e.io)).toBe(1);
    expect(e.err.join('')).toContain('No active unit with code 00.00.00');
  });
});

describe('demo staff', () => {
  it('creates one person per role once, with the admins’ authenticator secrets printed', async () => {
    const lines = await staffDemo(t.ctx);
    const text = lines.join('\n');
    for (const role of ['platform_admin', 'unit_admin', 'officer', 'approver', 'leader', 'auditor']) expect(text).toContain(`(${role},`);
    expect(text.match(/otpauth:\/\/totp\//g)).toHaveLength(2);
    expect(await staffDemo(t.ctx)).toEqual([]);
    // the printed credentials work: the platform admin signs in with password and a code
    const m = text.match(/\(platform_admin, [^)]*\): (\S+)\s+password: (\S+)\n\s+authenticator secret: ([A-Z2-7 ]+)/)!;
    const c = new Client(t.app, '10.1.6.1');
    await c.get('/petugas/masuk');
    let res = await c.post('/petugas/masuk', { email: m[1], password: m[2] });
    expect(res.headers.get('location')).toBe('/petugas/masuk/kode');
    await c.get('/petugas/masuk/kode');
    res = await c.post('/petugas/masuk/kode', { code: await currentCode(m[3].replace(/ /g, '')) });
    expect(res.headers.get('location')).toBe('/petugas');
  });
});
