// Region packs: the shipped data (counts, names, codes) and the loader (validation, one transaction,
// idempotence, paths, what it leaves alone).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';
import { loadRegionPack, readRegionPack, RegionPackError } from './pack.ts';
import { contrastRatio } from './branding.ts';
import { moveUnit } from './units.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const packs = path.join(root, 'region-packs');
const palembang = path.join(packs, 'palembang');
const medan = path.join(packs, 'medan');

const tmpDirs: string[] = [];
/** A copy of a shipped pack to change in a test; holidays still point at the real _indonesia file. */
function copyPack(from: string, edit: (pack: any, units: any) => void): string {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-pack-'));
  tmpDirs.push(base);
  const dir = path.join(base, path.basename(from));
  fs.mkdirSync(dir);
  const pack = JSON.parse(fs.readFileSync(path.join(from, 'pack.json'), 'utf8'));
  const units = JSON.parse(fs.readFileSync(path.join(from, 'units.json'), 'utf8'));
  pack.holidays = [path.join(packs, '_indonesia/holidays.json')];
  edit(pack, units);
  fs.writeFileSync(path.join(dir, 'pack.json'), JSON.stringify(pack));
  fs.writeFileSync(path.join(dir, 'units.json'), JSON.stringify(units));
  fs.copyFileSync(path.join(from, 'logo.svg'), path.join(dir, 'logo.svg'));
  return dir;
}
afterAll(() => tmpDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('shipped region packs', () => {
  const count = (dir: string, kind: string) => readRegionPack(dir).units.filter((u) => u.kind === kind).length;

  it('Palembang has all 18 kecamatan and 107 kelurahan', () => {
    expect(count(palembang, 'kecamatan')).toBe(18);
    expect(count(palembang, 'kelurahan')).toBe(107);
    expect(count(palembang, 'desa')).toBe(0);
  });

  it('Medan has all 21 kecamatan and 151 kelurahan', () => {
    expect(count(medan, 'kecamatan')).toBe(21);
    expect(count(medan, 'kelurahan')).toBe(151);
  });

  it('writes names and codes as Indonesians and Kemendagri do', () => {
    const p = readRegionPack(palembang);
    const byCode = new Map(p.units.map((u) => [u.code, u]));
    expect(p.pack.code).toBe('16.71');
    expect(byCode.get('16.71.04')?.name).toBe('Ilir Barat I'); // "Ilir Barat Satu" in the source
    expect(byCode.get('16.71.07')?.name).toBe('Sukarami');
    expect(byCode.get('16.71.11')?.name).toBe('Bukit Kecil'); // "Bukitkecil"
    const names = p.units.map((u) => u.name);
    expect(names).toEqual(expect.arrayContaining(['35 Ilir', '3-4 Ulu', '20 Ilir D. IV', 'Demang Lebar Daun', 'Alang-Alang Lebar']));
    for (const u of p.units) {
      if (u.kind === 'kecamatan') expect(u.code).toMatch(/^16\.71\.\d{2}$/);
      if (u.kind === 'kelurahan') expect(u.code).toMatch(/^16\.71\.\d{2}\.1\d{3}$/);
      if (u.kind === 'kelurahan') expect(u.parent).toBe(u.code.slice(0, 8));
    }
    const m = readRegionPack(medan).units.map((u) => u.name);
    expect(m).toEqual(expect.arrayContaining(['Medan Kota', 'Sudirejo I', 'Aur', 'Jati', 'Padang Bulan Selayang II']));
  });

  it('ships the starter OPD list, every contact filled in with its source named, and AA colours', () => {
    for (const dir of [palembang, medan]) {
      const p = readRegionPack(dir);
      const opd = p.units.filter((u) => u.kind === 'opd');
      expect(opd.map((o) => o.code)).toEqual(expect.arrayContaining([`${p.pack.code}.opd.diskominfo`, `${p.pack.code}.opd.disdukcapil`, `${p.pack.code}.opd.bpbd`]));
      const filled = [p.pack.branding.contact ?? {}, ...p.units.map((u) => u.contact ?? {})].filter((ct) => Object.entries(ct).some(([k, v]) => k !== 'source' && v !== ''));
      expect(filled.length).toBeGreaterThan(0);
      for (const ct of filled) expect(ct.source, JSON.stringify(ct)).toMatch(/\S{5}/);
      const c = p.pack.branding.colors!;
      expect(contrastRatio(c.primary!, c.primaryText!)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(c.accent!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
      expect(p.logoSvg).toMatch(/^<svg/);
    }
  });
});

describe('pack validation names the file and the field', () => {
  it('rejects a bad region code in pack.json', () => {
    const dir = copyPack(palembang, (pack) => (pack.code = '1671'));
    expect(() => readRegionPack(dir)).toThrowError(/pack\.json is invalid:\n\s+code: expected a Kemendagri/);
  });

  it('rejects an unknown kind in units.json', () => {
    const dir = copyPack(palembang, (_p, units) => (units.units[0].kind = 'kota'));
    expect(() => readRegionPack(dir)).toThrowError(/units\.json is invalid:\n\s+units\[0\]\.kind/);
  });

  it('rejects a kind that does not fit the code, and a duplicate code', () => {
    const wrong = copyPack(palembang, (_p, units) => (units.units[1].kind = 'kecamatan'));
    expect(() => readRegionPack(wrong)).toThrowError(/units\[1\]\.kind: "16\.71\.01\.1001" is a kelurahan code/);
    const dup = copyPack(palembang, (_p, units) => units.units.push({ ...units.units[0] }));
    expect(() => readRegionPack(dup)).toThrowError(/appears twice/);
  });

  it('rejects colours below 4.5:1 and unknown fields', () => {
    const grey = copyPack(palembang, (pack) => (pack.branding.colors.primary = '#999999'));
    expect(() => readRegionPack(grey)).toThrowError(/branding\.colors\.primaryText: contrast .* below 4\.5:1/);
    const typo = copyPack(palembang, (pack) => (pack.timezone = 'Asia/Jakarta'));
    expect(() => readRegionPack(typo)).toThrowError(RegionPackError);
  });
});

describe('loading a pack', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seed: false });
  });
  afterAll(() => t.close());

  const counts = async () => ({
    units: Number((await t.ctx.db.selectFrom('units').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    holidays: Number((await t.ctx.db.selectFrom('holidays').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    audit: Number((await t.ctx.db.selectFrom('audit_log').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });
  const stamps = async () => ({
    units: (await t.ctx.db.selectFrom('units').select(['code', 'updated_at', 'path']).orderBy('code').execute()).map((r) => `${r.code}|${new Date(r.updated_at).toISOString()}|${r.path}`),
    region: (await t.ctx.db.selectFrom('region').select('updated_at').executeTakeFirstOrThrow()).updated_at,
    holidays: (await t.ctx.db.selectFrom('holidays').select(['date', 'updated_at']).orderBy('date').execute()).map((r) => `${r.date}|${new Date(r.updated_at).toISOString()}`),
  });
  const unit = (code: string) => t.ctx.db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirstOrThrow();

  it('creates the region, its units with materialised paths, branding and holidays, and audits it', async () => {
    const s = await loadRegionPack(t.ctx.db, palembang);
    expect(s).toMatchObject({ region: '16.71', regionRow: 'created', units: { added: 1 + 18 + 107 + 17, updated: 0 }, changed: true });
    expect(s.holidays.added).toBeGreaterThan(20);

    const region = await unit('16.71');
    const kec = await unit('16.71.01');
    const kel = await unit('16.71.01.1001');
    expect(region).toMatchObject({ kind: 'region', name: 'Kota Palembang', parent_id: null, path: `/${region.id}/` });
    expect(kec).toMatchObject({ kind: 'kecamatan', name: 'Ilir Barat II', parent_id: region.id, path: `/${region.id}/${kec.id}/` });
    expect(kel).toMatchObject({ kind: 'kelurahan', name: '35 Ilir', parent_id: kec.id, path: `/${region.id}/${kec.id}/${kel.id}/` });
    expect((await unit('16.71.opd.disnaker')).contact).toEqual({}); // empty placeholders are not stored
    // a sourced contact is stored with its source; its empty fields are dropped
    expect((await unit('16.71.opd.disdukcapil')).contact).toEqual({
      address: 'Jalan Demang Lebar Daun No. 4255 Palembang, Provinsi Sumatera Selatan 30137',
      phone: '0711 350878',
      website: 'https://www.disdukcapil.palembang.go.id',
      source: expect.stringContaining('470/76/SK/DKPS/2022'),
    });

    const r = await t.ctx.db.selectFrom('region').selectAll().executeTakeFirstOrThrow();
    expect(r).toMatchObject({ code: '16.71', slug: 'palembang', name: 'Kota Palembang', time_zone: 'Asia/Jakarta' });
    expect(r.branding).toMatchObject({ name: 'Pemerintah Kota Palembang', logo: '/logo.svg', colors: { primary: '#8a1c1c' } });
    expect(r.branding.logoSvg).toMatch(/^<svg/);
    expect(r.branding.contact).toEqual({ address: 'Kantor Wali Kota Palembang, Jl. Merdeka No. 1, Palembang 30131', website: 'https://palembang.go.id', source: expect.stringContaining('Bappeda') }); // empty fields dropped
    // the region's own unit (the city hall in the directory) carries the same contact
    expect((await unit('16.71')).contact).toEqual(r.branding.contact);

    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'region.pack_loaded').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_label).toBe('region-pack');
    expect(JSON.stringify(audit[0].after)).not.toContain('<svg'); // the audit says what changed, not the logo
  });

  it('changes nothing when the same pack is loaded again', async () => {
    const [c0, s0] = [await counts(), await stamps()];
    const s = await loadRegionPack(t.ctx.db, palembang);
    expect(s).toMatchObject({ regionRow: 'unchanged', units: { added: 0, updated: 0, moved: 0, unchanged: 1 + 18 + 107 + 17 }, holidays: { added: 0, updated: 0 }, changed: false });
    expect(await counts()).toEqual(c0); // no new rows, not even an audit entry
    expect(await stamps()).toEqual(s0); // no row touched
  });

  it('keeps units and contact details the pack does not mention', async () => {
    const kec = await unit('16.71.07');
    await t.ctx.db.insertInto('units').values({ code: '16.71.opd.dispar', kind: 'opd', name: 'Dinas Pariwisata', parent_id: (await unit('16.71')).id, path: '/x/' }).execute();
    await t.ctx.db.updateTable('units').set({ contact: JSON.stringify({ phone: '0711 123456' }) }).where('id', '=', kec.id).execute();
    const s = await loadRegionPack(t.ctx.db, palembang);
    expect(s.changed).toBe(false);
    expect((await unit('16.71.opd.dispar')).name).toBe('Dinas Pariwisata');
    expect((await unit('16.71.07')).contact).toEqual({ phone: '0711 123456' });
  });

  it('moves a unit when its parent changes, rewriting the paths below it', async () => {
    const region = await unit('16.71');
    const target = await unit('16.71.02');
    // an admin-made sub-unit below the kelurahan that is about to move
    const kel = await unit('16.71.01.1001');
    await t.ctx.db.insertInto('units').values({ code: '16.71.01.1001.rw-01', kind: 'opd', name: 'RW 01', parent_id: kel.id, path: `${kel.path}999999/` }).execute();
    const rw = await unit('16.71.01.1001.rw-01');
    await t.ctx.db.updateTable('units').set({ path: `${kel.path}${rw.id}/` }).where('id', '=', rw.id).execute();

    const dir = copyPack(palembang, (_p, units) => {
      const u = units.units.find((x: any) => x.code === '16.71.01.1001');
      u.parent = '16.71.02';
      // a parent must come first in the file
      units.units = [...units.units.filter((x: any) => x !== u), u];
    });
    const s = await loadRegionPack(t.ctx.db, dir);
    expect(s.units).toMatchObject({ added: 0, moved: 1, updated: 1 });
    const moved = await unit('16.71.01.1001');
    expect(moved.parent_id).toBe(target.id);
    expect(moved.path).toBe(`/${region.id}/${target.id}/${kel.id}/`);
    expect((await unit('16.71.01.1001.rw-01')).path).toBe(`/${region.id}/${target.id}/${kel.id}/${rw.id}/`);

    // and back with the shipped pack
    const back = await loadRegionPack(t.ctx.db, palembang);
    expect(back.units.moved).toBe(1);
    expect((await unit('16.71.01.1001.rw-01')).path).toBe(`/${region.id}/${(await unit('16.71.01')).id}/${kel.id}/${rw.id}/`);
  });

  it('moveUnit refuses to put a unit under its own descendant', async () => {
    const kec = await unit('16.71.01');
    const kel = await unit('16.71.01.1002');
    await expect(t.ctx.db.transaction().execute((tx) => moveUnit(tx, kec.id, kel.id))).rejects.toThrow(/under itself/);
  });

  it('refuses another region\'s pack on a database that serves one already, and changes nothing', async () => {
    const c0 = await counts();
    await expect(loadRegionPack(t.ctx.db, medan)).rejects.toThrow(/serves 16\.71 Kota Palembang.*12\.71 Kota Medan/);
    expect(await counts()).toEqual(c0);
  });
});
