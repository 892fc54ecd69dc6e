// The audit trail's pages (scope by unit, filters, pages, readable changes, the integrity check)
// and `gapura audit verify` with its exit codes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, Client, throwawayDatabaseUrl, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import { recordAudit, systemActor } from '../../platform/audit/audit.ts';
import { localDate, addDays } from '../../platform/calendar/working-days.ts';
import { loadConfig } from '../../platform/config.ts';
import { createContext } from '../../platform/boot.ts';
import { createLogger } from '../../platform/log.ts';
import { runCli } from '../../cli.ts';
import { modules } from '../index.ts';

let t: TestApp;
const unit: Record<string, number> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const code of ['16.71', '16.71.01', '16.71.01.1001', '16.71.02'])
    unit[code] = (await t.ctx.db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  await t.ctx.db.transaction().execute(async (tx) => {
    const a = systemActor('test');
    await recordAudit(tx, a, { action: 'scope.kelurahan', subjectType: 'unit', subjectId: '16.71.01.1001', unitId: unit['16.71.01.1001'], before: { name: 'Lama', phone: null }, after: { name: 'Baru', phone: null } });
    await recordAudit(tx, a, { action: 'scope.kecamatan', subjectType: 'unit', subjectId: '16.71.01', unitId: unit['16.71.01'] });
    await recordAudit(tx, a, { action: 'scope.other', subjectType: 'unit', subjectId: '16.71.02', unitId: unit['16.71.02'] });
    await recordAudit(tx, a, { action: 'scope.city', subjectType: 'region', subjectId: null });
    for (let i = 0; i < 55; i++) await recordAudit(tx, a, { action: 'page.entry', subjectType: 'thing', subjectId: String(i), unitId: unit['16.71.01.1001'] });
  });
});
afterAll(() => t.close());

const entryIds = (html: string) => [...html.matchAll(/href="\/petugas\/audit\/(\d+)"/g)].map((m) => Number(m[1]));
const idOf = async (action: string) => (await t.ctx.db.selectFrom('audit_log').select('id').where('action', '=', action).executeTakeFirstOrThrow()).id;

async function staff(role: 'auditor' | 'platform_admin' | 'officer', unitCode: string) {
  const c = new Client(t.app);
  await signInAs(t, c, { kind: 'staff', grants: [{ role, unitCode }] });
  return c;
}

describe('/petugas/audit', () => {
  it('shows a kecamatan auditor the entries of their kecamatan and below only', async () => {
    const c = await staff('auditor', '16.71.01');
    const res = await c.get('/petugas/audit?aksi=scope.');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('scope.kelurahan');
    expect(html).toContain('scope.kecamatan');
    expect(html).not.toContain('scope.other');
    expect(html).not.toContain('scope.city');
    // newest first
    expect(entryIds(html)).toEqual([await idOf('scope.kecamatan'), await idOf('scope.kelurahan')]);
    // an entry outside their units is "not found", not "forbidden"
    expect((await c.get(`/petugas/audit/${await idOf('scope.other')}`)).status).toBe(404);
    expect((await c.get(`/petugas/audit/${await idOf('scope.city')}`)).status).toBe(404);
    expect((await c.get(`/petugas/audit/${await idOf('scope.kelurahan')}`)).status).toBe(200);
    expect((await c.get('/petugas/audit/x1')).status).toBe(404);
  });

  it('shows a city-level auditor and a platform admin everything', async () => {
    for (const c of [await staff('auditor', '16.71'), await staff('platform_admin', '16.71.02')]) {
      const html = await (await c.get('/petugas/audit?aksi=scope.')).text();
      expect(entryIds(html)).toHaveLength(4);
      expect(html).toContain('scope.city');
      expect((await c.get(`/petugas/audit/${await idOf('scope.city')}`)).status).toBe(200);
    }
  });

  it('is closed to other roles', async () => {
    const officer = await staff('officer', '16.71');
    expect((await officer.get('/petugas/audit')).status).toBe(403);
    expect((await officer.get('/petugas/audit/periksa')).status).toBe(403);
  });

  it('filters by action, subject and date, in the region’s calendar', async () => {
    const c = await staff('auditor', '16.71');
    let html = await (await c.get('/petugas/audit?aksi=scope.kecamatan')).text();
    expect(entryIds(html)).toEqual([await idOf('scope.kecamatan')]);
    html = await (await c.get('/petugas/audit?jenis=unit&subjek=16.71.02')).text();
    expect(entryIds(html)).toEqual([await idOf('scope.other')]);
    html = await (await c.get('/petugas/audit?jenis=region')).text();
    expect(entryIds(html)).toContain(await idOf('scope.city'));
    const today = localDate(new Date(), (await t.ctx.region()).timeZone);
    html = await (await c.get(`/petugas/audit?aksi=scope.&dari=${today}&sampai=${today}`)).text();
    expect(entryIds(html)).toHaveLength(4);
    const [y, m, d] = addDays(today, 1).split('-');
    html = await (await c.get(`/petugas/audit?aksi=scope.&dari=${d}/${m}/${y}`)).text();
    expect(entryIds(html)).toHaveLength(0);
    expect(html).toContain('Tidak ada catatan yang cocok');
    html = await (await c.get(`/petugas/audit?aksi=scope.&sampai=${addDays(today, -1)}`)).text();
    expect(entryIds(html)).toHaveLength(0);
  });

  it('explains a wrong date and keeps what was typed', async () => {
    const c = await staff('auditor', '16.71');
    let res = await c.get('/petugas/audit?aksi=scope.&dari=31/02/2026');
    expect(res.status).toBe(422);
    let html = await res.text();
    expect(html).toContain('Masukkan tanggal yang ada');
    expect(html).toContain('value="31/02/2026"');
    expect(html).toContain('value="scope."');
    expect(html).toContain('href="#f-dari"');
    res = await c.get('/petugas/audit?dari=2026-03-20&sampai=2026-03-01');
    expect(res.status).toBe(422);
    html = await res.text();
    expect(html).toContain('Tanggal akhir tidak boleh sebelum tanggal awal');
    expect((await c.get('/petugas/audit?urut=lama')).status).toBe(200); // undeclared parameter: ignored by pages
  });

  it('pages through entries, keeping the filter', async () => {
    const c = await staff('auditor', '16.71.01');
    let html = await (await c.get('/petugas/audit?aksi=page.entry')).text();
    const first = entryIds(html);
    expect(first).toHaveLength(50);
    expect(html).toContain('href="/petugas/audit?aksi=page.entry&amp;halaman=2"');
    html = await (await c.get('/petugas/audit?aksi=page.entry&halaman=2')).text();
    const second = entryIds(html);
    expect(second).toHaveLength(5);
    expect(Math.max(...second)).toBeLessThan(Math.min(...first));
    expect(html).toContain('href="/petugas/audit?aksi=page.entry"');
  });

  it('shows before and after as readable JSON, and what changed', async () => {
    const c = await staff('auditor', '16.71.01');
    const html = await (await c.get(`/petugas/audit/${await idOf('scope.kelurahan')}`)).text();
    expect(html).toContain('Berubah: name');
    expect(html).toMatch(/&quot;name&quot;: &quot;Lama&quot;/);
    expect(html).toMatch(/&quot;name&quot;: &quot;Baru&quot;/);
    expect(html).toContain('Semua catatan untuk subjek ini');
  });

  it('checks the chain on request', async () => {
    const c = await staff('auditor', '16.71.01');
    const html = await (await c.get('/petugas/audit/periksa')).text();
    expect(html).toContain('Jejak audit utuh');
    const { n } = await t.ctx.db.selectFrom('audit_log').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(html).toContain(`${Number(n)} catatan diperiksa`);
  });
});

describe('gapura audit verify', () => {
  const saved = { ...process.env };
  let dataDir = '';
  let dropPg: (() => Promise<void>) | undefined;
  afterAll(async () => {
    process.env = saved;
    await dropPg?.();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** runCli in this process, as `gapura …` would run; returns the exit code and what it printed. */
  async function cli(...argv: string[]) {
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    const spyErr = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((out += String(s)), true));
    try {
      return { code: await runCli(argv), out };
    } finally {
      spy.mockRestore();
      spyErr.mockRestore();
    }
  }

  /** Open the same database the CLI uses, do something, close it again (PGlite allows one process). */
  async function withDb(fn: (ctx: Awaited<ReturnType<typeof createContext>>) => Promise<void>) {
    const ctx = await createContext(loadConfig(), modules, { seed: false, log: createLogger('error', () => {}) });
    try {
      await fn(ctx);
    } finally {
      await ctx.database.close();
    }
  }

  it('exits 0 when the trail is intact and 1 naming the first broken entry', { timeout: 60_000 }, async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-audit-cli-'));
    const pg = await throwawayDatabaseUrl();
    dropPg = pg?.drop;
    process.env.GAPURA_ENV = 'test';
    process.env.GAPURA_DATA_DIR = dataDir;
    process.env.DATABASE_URL = pg?.url ?? '';
    let editedId = 0;
    await withDb(async (ctx) => {
      await ctx.db.transaction().execute(async (tx) => {
        for (const action of ['cli.one', 'cli.two', 'cli.three']) await recordAudit(tx, systemActor('test'), { action, subjectType: 'thing', after: { action } });
      });
      editedId = (await ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'cli.two').executeTakeFirstOrThrow()).id;
    });

    let r = await cli('audit', 'verify');
    expect(r.out).toMatch(/^Audit trail OK: 3 entries\nLatest hash: [0-9a-f]{64}\n/);
    expect(r.code).toBe(0);
    const hash = r.out.match(/Latest hash: ([0-9a-f]{64})/)![1];
    expect((await cli('audit', 'verify', '--contains', hash)).code).toBe(0);
    expect((await cli('audit', 'verify', '--contains', 'nope')).code).toBe(2);

    await withDb(async (ctx) => {
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(ctx.db);
      await sql`update audit_log set after = '{"action": "cli.rewritten"}' where id = ${editedId}`.execute(ctx.db);
    });
    r = await cli('audit', 'verify');
    expect(r.code).toBe(1);
    expect(r.out).toContain('Audit trail BROKEN after 1 intact entries.');
    expect(r.out).toContain(`entry:  ${editedId}`);
    expect(r.out).toContain('action: cli.two');
    expect(r.out).toMatch(/time: {3}\d{4}-\d{2}-\d{2}T/);
    expect(r.out).toContain('reason: the content of this entry was changed');
  });
});
