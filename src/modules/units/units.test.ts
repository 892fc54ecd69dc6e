// The units module end to end: the seeded Palembang pack, the public directory, search, logo, the
// JSON API, and the back office with its permissions, validation and audit trail.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../cli.ts';
import { UsageError } from '../../platform/cli-args.ts';
import { loadConfig } from '../../platform/config.ts';
import { createContext } from '../../platform/boot.ts';
import { createLogger } from '../../platform/log.ts';
import { modules } from '../index.ts';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import { LOGO_CSP } from '../../platform/region/logo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const unit = (code: string) => t.ctx.db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
const auditFor = (code: string, action: string) =>
  t.ctx.db.selectFrom('audit_log').selectAll().where('subject_id', '=', code).where('action', '=', action).orderBy('id', 'desc').executeTakeFirst();

describe('first start', () => {
  it('seeds the configured region pack once', async () => {
    const region = await t.ctx.db.selectFrom('region').selectAll().executeTakeFirstOrThrow();
    expect(region.code).toBe('16.71');
    const kinds = await t.ctx.db.selectFrom('units').select(['kind', (e) => e.fn.countAll().as('n')]).groupBy('kind').execute();
    expect(Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)]))).toMatchObject({ region: 1, kecamatan: 18, kelurahan: 107 });
    // a second seed (next start) finds the region and does nothing
    const before = await t.ctx.db.selectFrom('audit_log').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const mod = t.ctx.modules.find((m) => m.id === 'units')!;
    await mod.seed!(t.ctx);
    expect(await t.ctx.db.selectFrom('audit_log').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).toEqual(before);
  });
});

describe('gapura region load', () => {
  const cmd = () => t.ctx.modules.find((m) => m.id === 'units')!.cli!['region load'];

  it('prints the summary: nothing to change for the pack already loaded', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    try {
      expect(await cmd().run([path.resolve(import.meta.dirname, '../../../region-packs/palembang')], t.ctx)).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(out.join('')).toContain('Units: 0 added, 0 updated (0 moved), 143 unchanged');
    expect(out.join('')).toContain('Nothing to change');
  });

  it('is a usage error without exactly one folder', async () => {
    await expect(cmd().run([], t.ctx)).rejects.toBeInstanceOf(UsageError);
    await expect(cmd().run(['a', 'b'], t.ctx)).rejects.toBeInstanceOf(UsageError);
  });
});

describe('gapura region load on an empty data folder', () => {
  it('loads the pack it is given, not the default GAPURA_REGION first', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-region-'));
    const saved = { ...process.env };
    Object.assign(process.env, { GAPURA_ENV: 'test', GAPURA_DATA_DIR: dataDir, LOG_LEVEL: 'error' });
    delete process.env.DATABASE_URL;
    delete process.env.GAPURA_REGION; // the default: palembang
    let out = '';
    let err = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    let code: number;
    try {
      code = await runCli(['region', 'load', path.resolve(import.meta.dirname, '../../../region-packs/medan')]);
    } finally {
      o.mockRestore();
      e.mockRestore();
      process.env = saved;
    }
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('Region 12.71 Kota Medan: created');
    const ctx = await createContext(loadConfig({ GAPURA_ENV: 'test', GAPURA_DATA_DIR: dataDir }), modules, { migrate: false, seed: false, log: createLogger('error', () => {}) });
    try {
      expect((await ctx.db.selectFrom('region').select('code').execute()).map((r) => r.code)).toEqual(['12.71']);
      expect(await ctx.db.selectFrom('units').select('code').where('code', 'like', '16.71%').execute()).toEqual([]);
    } finally {
      await ctx.database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('public directory', () => {
  it('lists kecamatan with their kelurahan, and the OPD, under "Instansi" in the menu', async () => {
    const res = await new Client(t.app).get('/instansi');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Kecamatan Ilir Barat I<');
    expect(html).toContain('href="/instansi/16.71.01.1001">35 Ilir<');
    expect(html).toContain('Dinas Komunikasi dan Informatika (Diskominfo)');
    expect(html).toMatch(/<a href="\/instansi" aria-current="page">Instansi<\/a>/);
    const home = await (await new Client(t.app).get('/')).text();
    expect(home).toContain('href="/instansi"');
    expect(home).toContain('Instansi dan kantor kelurahan');
  });

  it('shows one unit with its parent, children and contact links', async () => {
    await t.ctx.db
      .updateTable('units')
      .set({ contact: JSON.stringify({ address: 'Jl. Uji No. 1', phone: '0711 123456', whatsapp: '0812-3456-7890', email: 'kec@example.go.id', website: 'https://example.go.id' }) })
      .where('code', '=', '16.71.07')
      .execute();
    const html = await (await new Client(t.app).get('/instansi/16.71.07')).text();
    expect(html).toContain('<h1>Kecamatan Sukarami</h1>');
    expect(html).toContain('href="/instansi/16.71">Kota Palembang</a>');
    expect(html).toContain('href="tel:0711123456"');
    expect(html).toContain('href="https://wa.me/6281234567890"');
    expect(html).toContain('href="mailto:kec@example.go.id"');
    expect(html).toContain('Kelurahan di kecamatan ini');
    expect(html).toContain('>Talang Betutu</a>');

    const empty = await (await new Client(t.app).get('/instansi/16.71.opd.disnaker')).text();
    // no contact: no block at all, not an apology on every such page
    expect(empty).not.toContain('<h2>Kontak</h2>');
    expect(empty).not.toContain('belum diisi');
    expect(html).toContain('<h2>Kontak</h2>');
    expect(empty.slice(0, empty.indexOf('<footer'))).not.toContain('tel:');
  });

  it('shows the contact the region pack ships, with its source', async () => {
    const html = await (await new Client(t.app).get('/instansi/16.71.opd.disdukcapil')).text();
    expect(html).toContain('<h2>Kontak</h2>');
    expect(html).toContain('Jalan Demang Lebar Daun No. 4255');
    expect(html).toContain('href="tel:0711350878"');
    expect(html).toContain('href="https://www.disdukcapil.palembang.go.id"');
    expect(html).toContain('Sumber: Kop Keputusan Kepala Disdukcapil Kota Palembang No. 470/76/SK/DKPS/2022');
  });

  it('answers 404 for unknown codes', async () => {
    expect((await new Client(t.app).get('/instansi/99.99')).status).toBe(404);
  });

  it('finds units by name in the site search, case-insensitively', async () => {
    const html = await (await new Client(t.app).get('/cari?q=talang%20BETUTU')).text();
    expect(html).toContain('href="/instansi/16.71.07.1002"');
    expect(html).toContain('Kelurahan Talang Betutu');
    // LIKE wildcards are taken literally
    expect(await (await new Client(t.app).get('/cari?q=%25%25')).text()).not.toContain('/instansi/16.71');
  });

  it('serves the logo from the branding with its own CSP and a one-hour cache', async () => {
    const res = await new Client(t.app).get('/logo.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(res.headers.get('content-security-policy')).toBe(LOGO_CSP);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(await res.text()).toMatch(/^<svg/);
    expect(await (await new Client(t.app).get('/')).text()).toContain('src="/logo.svg"');
  });
});

describe('JSON API', () => {
  const api = (p: string) => new Client(t.app).get(p, { accept: 'application/json' });

  it('lists units, filtered by kind and parent', async () => {
    const all = (await (await api('/api/v1/units')).json()) as { units: { code: string; parent: string | null }[] };
    expect(all.units.length).toBeGreaterThanOrEqual(1 + 18 + 107);
    expect(all.units[0]).toMatchObject({ code: '16.71', kind: 'region', parent: null });
    const kec = (await (await api('/api/v1/units?kind=kecamatan')).json()) as { units: unknown[] };
    expect(kec.units).toHaveLength(18);
    const kel = (await (await api('/api/v1/units?parent=16.71.07')).json()) as { units: { parent: string }[] };
    expect(kel.units.length).toBeGreaterThan(3);
    expect(kel.units.every((u) => u.parent === '16.71.07')).toBe(true);
  });

  it('returns one unit with its children', async () => {
    const res = await api('/api/v1/units/16.71.07');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { name: string; children: { code: string }[]; contact: Record<string, string> };
    expect(body.name).toBe('Sukarami');
    expect(body.children.map((c) => c.code)).toContain('16.71.07.1002');
  });

  it('answers 404, 400 and 422 in the standard error shape', async () => {
    const missing = await api('/api/v1/units/99.99');
    expect(missing.status).toBe(404);
    const body = (await missing.json()) as { error: { code: string; message: string; fields: object } };
    expect(body).toEqual({ error: { code: 'not_found', message: expect.stringContaining('99.99'), fields: {} } });

    const unknown = await api('/api/v1/units?sort=name');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('unknown_query_parameter');

    const bad = await api('/api/v1/units?kind=kota');
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('kind');
  });

  it('is documented in /openapi.json', async () => {
    const doc = (await (await api('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(doc.paths).toHaveProperty('/api/v1/units');
    expect(doc.paths).toHaveProperty('/api/v1/units/{code}');
  });
});

describe('back office permissions', () => {
  it('sends anonymous visitors to the staff sign-in and refuses citizens', async () => {
    const res = await new Client(t.app).get('/petugas/unit');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/petugas\/masuk\?kembali=%2Fpetugas%2Funit/);
    const citizen = new Client(t.app);
    await signInAs(t, citizen, { kind: 'citizen' });
    expect((await citizen.get('/petugas/unit')).status).toBe(403);
    expect((await citizen.get('/petugas/branding')).status).toBe(403);
  });

  it('lets a kelurahan admin edit only their own unit\'s contact details', async () => {
    const admin = new Client(t.app);
    await signInAs(t, admin, { kind: 'staff', grants: [{ role: 'unit_admin', unitCode: '16.71.07.1002' }] });
    const tree = await admin.get('/petugas/unit');
    expect(tree.status).toBe(200);
    const html = await tree.text();
    expect(html).toContain('href="/petugas/unit/16.71.07.1002"');
    expect(html).not.toContain('href="/petugas/unit/16.71.07.1001"');
    expect(html).not.toContain('href="/petugas/unit/baru"');

    expect((await admin.get('/petugas/unit/16.71.07.1001')).status).toBe(404); // someone else's kelurahan
    expect((await admin.get('/petugas/unit/16.71.07')).status).toBe(404); // the kecamatan above
    expect((await admin.get('/petugas/unit/baru')).status).toBe(403);
    expect((await admin.get('/petugas/branding')).status).toBe(403);

    const form = await admin.get('/petugas/unit/16.71.07.1002');
    expect(form.status).toBe(200);
    const page = await form.text();
    expect(page).toContain('name="phone"');
    expect(page).not.toContain('name="name"'); // contact only
    const ok = await admin.post('/petugas/unit/16.71.07.1002', { phone: '0711 555 123', email: 'talangbetutu@example.go.id', name: 'Renamed' });
    expect(ok.status).toBe(303);
    const u = await unit('16.71.07.1002');
    expect(u.contact).toEqual({ phone: '0711 555 123', email: 'talangbetutu@example.go.id' });
    expect(u.name).toBe('Talang Betutu');
    const audit = await auditFor('16.71.07.1002', 'units.contact_updated');
    expect(audit?.before).toMatchObject({ contact: {} });
    expect(audit?.after).toMatchObject({ contact: { phone: '0711 555 123' } });
    expect(audit?.actor_label).toMatch(/^staff:/);

    // posting to someone else's unit is refused the same way
    await admin.get('/petugas/unit/16.71.07.1002');
    expect((await admin.post('/petugas/unit/16.71.07.1001', { phone: '0711 1' })).status).toBe(404);
  });

  it('keeps what was typed when a contact form is invalid', async () => {
    const admin = new Client(t.app);
    await signInAs(t, admin, { kind: 'staff', grants: [{ role: 'unit_admin', unitCode: '16.71.07' }] });
    await admin.get('/petugas/unit/16.71.07.1004'); // below their kecamatan: allowed
    const res = await admin.post('/petugas/unit/16.71.07.1004', { phone: 'telepon kantor', email: 'bukan-email', address: 'Jl. Tetap Ada' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('href="#f-email"');
    expect(html).toContain('value="bukan-email"');
    expect(html).toContain('value="telepon kantor"');
    expect(html).toContain('Jl. Tetap Ada</textarea>');
    expect(html).toMatch(/aria-describedby="f-email-err"/);
  });

  it('lets an officer see the tree but not change anything', async () => {
    const officer = new Client(t.app);
    await signInAs(t, officer, { kind: 'staff', grants: [{ role: 'officer', unitCode: '16.71.01' }] });
    expect((await officer.get('/petugas/unit')).status).toBe(200);
    expect((await officer.get('/petugas/unit/16.71.01')).status).toBe(404);
    expect((await officer.get('/petugas/branding')).status).toBe(403);
  });
});

describe('platform admin', () => {
  let admin: Client;
  beforeAll(async () => {
    admin = new Client(t.app);
    // Diskominfo runs the platform: its grant sits on the OPD, yet covers every unit
    await signInAs(t, admin, { kind: 'staff', grants: [{ role: 'platform_admin', unitCode: '16.71.opd.diskominfo' }] });
  });

  it('creates a unit; errors keep the typed values', async () => {
    await admin.get('/petugas/unit/baru');
    const bad = await admin.post('/petugas/unit/baru', { code: '16.71.opd.dispar', name: '', kind: 'opd', parent: '16.71' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('value="16.71.opd.dispar"');
    expect(html).toContain('Masukkan nama unit.');

    const wrongParent = await admin.post('/petugas/unit/baru', { code: '16.71.01.1999', name: 'Baru', kind: 'kelurahan', parent: '16.71' });
    expect(wrongParent.status).toBe(422);
    expect(await wrongParent.text()).toContain('Kelurahan harus berada di bawah kecamatan.');

    const taken = await admin.post('/petugas/unit/baru', { code: '16.71.01', name: 'Dua kali', kind: 'opd', parent: '16.71' });
    expect(await taken.text()).toContain('Kode ini sudah dipakai');

    const ok = await admin.post('/petugas/unit/baru', { code: '16.71.opd.dispar', name: 'Dinas Pariwisata', kind: 'opd', parent: '16.71', phone: '0711 000 111' });
    expect(ok.status).toBe(303);
    const region = await unit('16.71');
    const made = await unit('16.71.opd.dispar');
    expect(made).toMatchObject({ kind: 'opd', parent_id: region.id, path: `/${region.id}/${made.id}/`, contact: { phone: '0711 000 111' } });
    expect((await auditFor('16.71.opd.dispar', 'units.created'))?.after).toMatchObject({ name: 'Dinas Pariwisata', parent: '16.71' });
    // (its own page: /instansi itself may be served from the 5-second anonymous page cache)
    expect(await (await new Client(t.app).get('/instansi/16.71.opd.dispar')).text()).toContain('<h1>Dinas Pariwisata</h1>');
  });

  it('moves a kelurahan to another kecamatan and rewrites paths', async () => {
    const target = await unit('16.71.02');
    const kel = await unit('16.71.01.1002');
    await admin.get(`/petugas/unit/16.71.01.1002`);
    const res = await admin.post('/petugas/unit/16.71.01.1002', { name: kel.name, kind: 'kelurahan', parent: '16.71.02' });
    expect(res.status).toBe(303);
    const moved = await unit('16.71.01.1002');
    expect(moved.path).toBe(`${target.path}${kel.id}/`);
    const audit = await auditFor('16.71.01.1002', 'units.updated');
    expect(audit?.before).toMatchObject({ parent: '16.71.01' });
    expect(audit?.after).toMatchObject({ parent: '16.71.02' });

    // a kecamatan cannot go under its own kelurahan (nor under any kelurahan)
    await admin.get('/petugas/unit/16.71.02');
    const cycle = await admin.post('/petugas/unit/16.71.02', { name: 'X', kind: 'kecamatan', parent: '16.71.01.1002' });
    expect(cycle.status).toBe(422);
  });

  it('deactivates a kelurahan (hidden publicly) but not a kecamatan with active kelurahan', async () => {
    await admin.get('/petugas/unit/16.71.13');
    const refused = await admin.post('/petugas/unit/16.71.13/status', { active: '0' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('masih punya unit aktif');

    const kel = (await t.ctx.db.selectFrom('units').select('code').where('code', 'like', '16.71.13.%').orderBy('code').executeTakeFirstOrThrow()).code;
    await admin.get(`/petugas/unit/${kel}`);
    expect((await admin.post(`/petugas/unit/${kel}/status`, { active: '0' })).status).toBe(303);
    expect((await unit(kel)).active).toBe(false);
    expect((await new Client(t.app).get(`/instansi/${kel}`)).status).toBe(404);
    expect((await auditFor(kel, 'units.deactivated'))?.after).toMatchObject({ active: false });
    await admin.get(`/petugas/unit/${kel}`);
    expect((await admin.post(`/petugas/unit/${kel}/status`, { active: '1' })).status).toBe(303);
    expect((await unit(kel)).active).toBe(true);
  });

  it('edits branding, rejecting unreadable colour pairs with a clear message', async () => {
    const form = await admin.get('/petugas/branding');
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('value="#8a1c1c"');

    const grey = await admin.post('/petugas/branding', { name: 'Pemkot Uji', primary: '#777777', primaryText: '#999999', accent: '#8a5a00' });
    expect(grey.status).toBe(422);
    const html = await grey.text();
    expect(html).toMatch(/Teks di atas warna utama sulit dibaca: kontrasnya 1\.\d\d:1, minimal 4,5:1/);
    expect(html).toContain('value="#999999"');
    expect(html).toContain('value="Pemkot Uji"');

    const notHex = await admin.post('/petugas/branding', { name: 'Pemkot Uji', primary: 'red', primaryText: '#ffffff', accent: '#8a5a00' });
    expect(notHex.status).toBe(422);
    expect(await notHex.text()).toContain('href="#f-primary"');

    const ok = await admin.post('/petugas/branding', { name: 'Pemkot Uji', primary: '#1b5e20', primaryText: '#ffffff', accent: '#8a5a00', phone: '0711 999' });
    expect(ok.status).toBe(303);
    const region = await t.ctx.db.selectFrom('region').selectAll().executeTakeFirstOrThrow();
    expect(region.branding).toMatchObject({ name: 'Pemkot Uji', colors: { primary: '#1b5e20' }, contact: { phone: '0711 999' }, logo: '/logo.svg' });
    expect(region.branding.logoSvg).toMatch(/^<svg/); // the logo survives a branding edit
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'units.branding_updated').executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ name: 'Pemerintah Kota Palembang' });
    expect(audit.after).toMatchObject({ name: 'Pemkot Uji' });
    expect(JSON.stringify(audit.before)).not.toContain('<svg');
    // the region cache was dropped: the next page (not one in the anonymous page cache) shows the new name
    expect(await (await new Client(t.app).get('/instansi/16.71.05')).text()).toContain('<span class="name-long">Pemkot Uji</span>');
  });
});

describe('GAPURA_REGION', () => {
  it('loads the Medan pack on the first start of a Medan instance', async () => {
    const medan = await createTestApp({ env: { GAPURA_REGION: 'medan' } });
    try {
      const region = await medan.ctx.db.selectFrom('region').selectAll().executeTakeFirstOrThrow();
      expect(region).toMatchObject({ code: '12.71', name: 'Kota Medan' });
      const kinds = await medan.ctx.db.selectFrom('units').select(['kind', (e) => e.fn.countAll().as('n')]).groupBy('kind').execute();
      expect(Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)]))).toMatchObject({ region: 1, kecamatan: 21, kelurahan: 151 });
      const api = (await (await new Client(medan.app).get('/api/v1/units/12.71.01', { accept: 'application/json' })).json()) as { name: string };
      expect(api.name).toBe('Medan Kota');
    } finally {
      await medan.close();
    }
  });

  it('stops the start with a clear message when the pack does not exist', async () => {
    const empty = await createTestApp({ seed: false, env: { GAPURA_REGION: 'atlantis' } });
    try {
      const seed = empty.ctx.modules.find((m) => m.id === 'units')!.seed!;
      await expect(seed(empty.ctx)).rejects.toThrow(/GAPURA_REGION=atlantis: no region pack in .*Available: (medan, palembang|palembang, medan)\./);
    } finally {
      await empty.close();
    }
  });
});
