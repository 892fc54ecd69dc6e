// Direktori OPD on /instansi: a unit's profile (tasks, head, opening hours) edited by its own admin
// only and audited, the services it provides linked to /layanan, GovernmentOrganization JSON-LD,
// the /opd redirects; and /sitemap.xml with robots.txt pointing at it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';

let t: TestApp;
const OPD = '16.71.opd.dpmptsp';
const KEL = '16.71.01.1001';

beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t.close());

async function admin(unitCode: string) {
  const c = new Client(t.app);
  await signInAs(t, c, { kind: 'staff', grants: [{ role: 'unit_admin', unitCode }] });
  return c;
}

describe('unit profile', () => {
  it('the unit admin fills it in; it shows with JSON-LD; another unit’s admin cannot', async () => {
    const other = await admin('16.71.opd.disnaker');
    expect((await other.get(`/petugas/unit/${OPD}/profil`)).status).toBe(404);
    const own = await admin(OPD);
    await own.get(`/petugas/unit/${OPD}/profil`);
    const bad = await own.post(`/petugas/unit/${OPD}/profil`, { headName: 'x'.repeat(121), headTitle: '', openingHours: '', tasks: 'Tugas' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Isian ini terlalu panjang');
    expect(badHtml).toContain('>Tugas</textarea>');
    await own.get(`/petugas/unit/${OPD}/profil`);
    const ok = await own.post(`/petugas/unit/${OPD}/profil`, {
      headName: 'Nama Kepala Uji', headTitle: 'Kepala Dinas', openingHours: 'Senin–Jumat 08.00–16.00', tasks: 'Melaksanakan urusan penanaman modal.\n\nMenyelenggarakan pelayanan perizinan terpadu satu pintu.',
    });
    expect(ok.status).toBe(303);
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'units.profile_updated').execute();
    expect(audit).toHaveLength(1);

    const html = await (await new Client(t.app).get(`/instansi/${OPD}`)).text();
    expect(html).toContain('Nama Kepala Uji (Kepala Dinas)');
    expect(html).toContain('Senin–Jumat 08.00–16.00');
    expect(html).toContain('<h2>Tugas dan fungsi</h2>');
    const ld = JSON.parse(/<script type="application\/ld\+json">([^<]+)<\/script>/.exec(html)![1]) as Record<string, unknown>;
    expect(ld).toMatchObject({ '@type': 'GovernmentOrganization', identifier: OPD, description: expect.stringContaining('penanaman modal') });
    expect(ld.parentOrganization).toMatchObject({ '@type': 'GovernmentOrganization' });
  });

  it('a kelurahan page lists the services it provides, linked to /layanan', async () => {
    const html = await (await new Client(t.app).get(`/instansi/${KEL}`)).text();
    expect(html).toContain('<h2>Layanan di sini</h2>');
    const links = [...html.matchAll(/href="(\/layanan\/[a-z0-9-]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(3);
    expect((await new Client(t.app).get(links[0])).status).toBe(200);
  });

  it('/opd and /opd/{x} redirect permanently to /instansi', async () => {
    const c = new Client(t.app);
    const a = await c.get('/opd');
    expect(a.status).toBe(301);
    expect(a.headers.get('location')).toBe('/instansi');
    const b = await c.get(`/opd/${OPD}`);
    expect(b.status).toBe(301);
    expect(b.headers.get('location')).toBe(`/instansi/${OPD}`);
  });
});

describe('sitemap', () => {
  it('lists the public pages of every module once, with lastmod; robots.txt points at it', async () => {
    const c = new Client(t.app);
    const res = await c.get('/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/xml');
    const xml = await res.text();
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(new Set(locs).size).toBe(locs.length);
    for (const p of ['/', '/instansi', `/instansi/${OPD}`, '/investasi', '/investasi/tepian-musi', '/layanan', '/kontak-darurat'])
      expect(locs, p).toContain(`http://localhost:3000${p}`);
    expect(locs.some((l) => l.includes('/petugas') || l.includes('/investasi/minat') || l.includes('/akun'))).toBe(false);
    expect(xml).toMatch(/<loc>http:\/\/localhost:3000\/investasi\/tepian-musi<\/loc><lastmod>\d{4}-\d{2}-\d{2}<\/lastmod>/);
    const robots = await (await c.get('/robots.txt')).text();
    expect(robots).toContain('Sitemap: http://localhost:3000/sitemap.xml');
  });
});
