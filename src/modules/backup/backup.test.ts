// Backup and restore, end to end: a database with rows in many tables (and a module-style table with
// the awkward types), attachments including binary ones, backed up and restored onto a fresh PGlite
// database — and onto PostgreSQL when DATABASE_URL is set — then compared row by row with a dump
// written independently of the code under test.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, throwawayDatabaseUrl, type TestApp } from '../../../test/helpers.ts';
import { loadConfig } from '../../platform/config.ts';
import { createContext } from '../../platform/boot.ts';
import { createLogger } from '../../platform/log.ts';
import { modules } from '../index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { DB } from '../../platform/db/index.ts';
import { genesisOf, recordAudit, systemActor } from '../../platform/audit/audit.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import { runCli } from '../../cli.ts';
import { BackupError, checkCompatible, createBackup, inspectTarget, restoreBackup, verifyBackup, type BackupHeader } from './service.ts';
import { backupModule } from './module.ts';
import { Client } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import { startS3 } from '../../../test/s3.ts';
import { fileStore } from '../../platform/files/index.ts';
import { fileTestModule, jpegWithGps, minimalPdf, uploadAs } from '../../platform/files/test-fixtures.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-backup-test-'));
const cleanups: (() => Promise<void>)[] = [];

// A table a module might add: identity ids, a generated column, a self-reference pointing forward,
// bytea/numeric/array/interval/float values and a trigger that must not fire again on restore.
const PROBE_TABLE = sql`
  create table backup_probe (
    id int generated always as identity primary key,
    parent_id int references backup_probe(id),
    raw bytea, amount numeric(20,6), tags text[], span interval, ratio float8, during tstzrange,
    doubled int generated always as (id * 2) stored,
    note text
  );
  create function backup_probe_mark() returns trigger language plpgsql as $$
    begin new.note := coalesce(new.note, '') || '+'; return new; end $$;
  create trigger backup_probe_mark before insert on backup_probe for each row execute function backup_probe_mark();`;

async function fill(ctx: AppContext) {
  const db = ctx.db;
  await PROBE_TABLE.execute(db);
  // a kelurahan created before its kecamatan: its parent has the higher id
  const kel = await db.insertInto('units').values({ code: 'T-KEL', kind: 'kelurahan', name: 'Kelurahan Uji', path: '/' }).returning('id').executeTakeFirstOrThrow();
  const kec = await db.insertInto('units').values({ code: 'T-KEC', kind: 'kecamatan', name: 'Kecamatan Uji', path: '/', contact: JSON.stringify({ phone: '0711-123', note: 'Jalan "Merdeka" №1 😀' }) }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('units').set({ parent_id: kec.id, path: `/${kec.id}/${kel.id}/` }).where('id', '=', kel.id).execute();
  await sql`insert into users (kind, name, email, phone, created_at, updated_at, email_verified_at)
    values ('staff', 'Siti Ä. Rahmawati', 'siti@example.go.id', null, '2024-05-06 07:08:09.123456+07', '2024-12-31 23:59:59.999999+00', null),
           ('citizen', 'Budi', null, '+628123', '1999-01-01 00:00:00.000001+00', now(), now())`.execute(db);
  const staff = await db.selectFrom('users').select('id').where('kind', '=', 'staff').executeTakeFirstOrThrow();
  await db.insertInto('role_grants').values({ user_id: staff.id, role: 'officer', unit_id: kel.id }).execute();
  await db.insertInto('sessions').values({ id_hash: 'h1', user_id: staff.id, data: JSON.stringify({ flash: ['a', 1, null, { x: true }] }), expires_at: '2030-01-01T00:00:00Z' }).execute();
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < 3; i++)
      await recordAudit(tx, systemActor('test'), { action: `unit.update.${i}`, subjectType: 'unit', subjectId: kel.id, unitId: kel.id, before: { name: 'Lama', n: i }, after: { name: 'Baru', list: [1, 2.5, 'ü'] } });
    await enqueue(tx, 'test.job', { nested: { a: [1, 2.5, 'ü'] }, big: 12345678901234 });
  });
  await db.insertInto('messages').values({ channel: 'email', recipient: 'siti@example.go.id', template: 't', locale: 'id', subject: 'Halo', body: 'Baris 1\nBaris 2\t\\' }).execute();
  await db.insertInto('holidays').values([
    { date: '2026-08-17', name: 'Hari Kemerdekaan', kind: 'national_holiday' },
    { date: '2026-12-24', name: 'Cuti bersama', kind: 'collective_leave', provisional: true },
  ]).execute();
  await sql`insert into backup_probe (raw, amount, tags, span, ratio, during, note) values
    (null, null, null, null, null, null, null),
    ('\\x00ff7f80'::bytea, 12345678901234.123456, array['a', 'b c', null, '{x}'], '1 year 2 mons 3 days 04:05:06.789', 0.1, '[2024-01-01 00:00:00.5+00,2024-02-01 00:00:00+00)', 'satu')`.execute(db);
  await sql`update backup_probe set parent_id = 2 where id = 1`.execute(db);

  const files = ctx.config.filesDir;
  fs.mkdirSync(path.join(files, 'lampiran', '2026'), { recursive: true });
  fs.writeFileSync(path.join(files, 'lampiran', '2026', 'scan.pdf'), crypto.randomBytes(200_000)); // several chunks
  fs.writeFileSync(path.join(files, 'catatan.txt'), 'Surat keterangan — ü\n');
  fs.writeFileSync(path.join(files, 'kosong.bin'), Buffer.alloc(0));
}

/** Every table's rows and every sequence, as text, written without the code under test. */
async function canonicalDump(db: DB): Promise<Record<string, string>> {
  return db.transaction().execute(async (tx) => {
    await sql`set local timezone = 'UTC'`.execute(tx);
    const out: Record<string, string> = {};
    const { rows: tables } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'gapura_migrations_lock' order by 1`.execute(tx);
    for (const { name } of tables) {
      const { rows } = await sql<{ d: string | null }>`select string_agg(t::text, E'\n' order by t::text) as d from ${sql.id(name)} t`.execute(tx);
      out[name] = rows[0].d ?? '';
    }
    const { rows: seqs } = await sql<{ name: string }>`
      select sequence_name as name from information_schema.sequences where sequence_schema = 'public' order by 1`.execute(tx);
    for (const { name } of seqs) {
      const { rows } = await sql<{ v: string }>`select last_value::text || ' ' || is_called::text as v from ${sql.id(name)}`.execute(tx);
      out[`sequence ${name}`] = rows[0].v;
    }
    return out;
  });
}

/** name → SHA-256 of every file under dir. */
function fileTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = path.posix.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else out[r] = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, r))).digest('hex');
    }
  };
  if (fs.existsSync(dir)) walk('');
  return out;
}

/** The audit chain recomputed row by row (verifyAuditChain from audit/verify.ts when it exists). */
async function auditChainOk(db: DB): Promise<boolean> {
  const verifyPath = '../../platform/audit/verify.ts';
  if (fs.existsSync(fileURLToPath(new URL(verifyPath, import.meta.url)))) {
    const m = (await import(/* @vite-ignore */ verifyPath)) as { verifyAuditChain(db: DB): Promise<{ ok: boolean }> };
    if (!(await m.verifyAuditChain(db)).ok) return false;
  }
  // every entry still links to the one before it in its chain (hashes checked by verifyAuditChain)
  const rows = await db.selectFrom('audit_log').select(['prev_hash', 'hash', 'chain']).orderBy('id').execute();
  const prev = new Map<number, string>();
  for (const r of rows) {
    if (r.prev_hash !== (prev.get(r.chain) ?? genesisOf(r.chain))) return false;
    prev.set(r.chain, r.hash);
  }
  return rows.length > 0;
}

interface Target {
  ctx: AppContext;
  filesDir: string;
}

/** A freshly migrated, unseeded database of the given kind, with the probe table a module would add. */
async function freshTarget(kind: 'pglite' | 'postgresql', probe = true): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(tmp, 'target-'));
  const pg = kind === 'postgresql' ? await throwawayDatabaseUrl() : undefined;
  const config = loadConfig({ GAPURA_ENV: 'test', GAPURA_DATA_DIR: dataDir, ...(pg ? { DATABASE_URL: pg.url } : {}) });
  const ctx = await createContext(config, modules, { pgliteDir: 'memory://', seed: false, log: createLogger('error', () => {}) });
  cleanups.push(async () => {
    await ctx.database.close();
    await pg?.drop();
  });
  if (probe) await PROBE_TABLE.execute(ctx.db);
  return { ctx, filesDir: config.filesDir };
}

const asTarget = (t: Target) => ({ db: t.ctx.db, dbKind: t.ctx.dbKind, filesDir: t.filesDir });

async function restoreInto(t: Target, file: string) {
  const header = await verifyBackup(file);
  await checkCompatible(asTarget(t), header);
  expect(await inspectTarget(asTarget(t))).toEqual({ tablesWithRows: [], fileCount: 0 });
  return restoreBackup(asTarget(t), file, header);
}

let source: TestApp;
let file: string;
let header: BackupHeader;
let sourceDump: Record<string, string>;
let sourceFiles: Record<string, string>;

beforeAll(async () => {
  source = await createTestApp({ seed: false });
  await fill(source.ctx);
  file = path.join(tmp, 'gapura.backup.gz');
  header = await createBackup({ db: source.ctx.db, dbKind: source.ctx.dbKind, filesDir: source.ctx.config.filesDir }, file);
  sourceDump = await canonicalDump(source.ctx.db);
  sourceFiles = fileTree(source.ctx.config.filesDir);
}, 60_000);

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await source?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('backup', () => {
  it('writes one gzip file whose header describes the database it came from', async () => {
    const firstLine = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n')[0];
    expect(JSON.parse(firstLine)).toEqual(header);
    expect(header).toMatchObject({ format: 'gapura-backup', formatVersion: 1, database: { kind: source.ctx.dbKind } });
    const rows = Object.fromEntries(header.tables.map((t) => [t.name, t.rows]));
    // tables come from the catalog, so a table added later (backup_probe) is included; the lock is not
    expect(rows).toMatchObject({ units: 2, users: 2, audit_log: 3, jobs: 1, messages: 1, holidays: 2, backup_probe: 2 });
    expect(rows).not.toHaveProperty('gapura_migrations_lock');
    const order = header.tables.map((t) => t.name);
    expect(order.indexOf('units')).toBeLessThan(order.indexOf('role_grants'));
    expect(order.indexOf('users')).toBeLessThan(order.indexOf('role_grants'));
    expect(header.tables.find((t) => t.name === 'backup_probe')!.columns.map((c) => c.name)).not.toContain('doubled');
    const { rows: migrations } = await sql<{ name: string }>`select name from gapura_migrations order by name`.execute(source.ctx.db);
    expect(header.migrations).toEqual(migrations.map((m) => m.name));
    expect(header.files).toEqual({ count: 3, bytes: 200_000 + Buffer.byteLength('Surat keterangan — ü\n') });
  });

  it('refuses to overwrite an existing file', async () => {
    await expect(createBackup({ db: source.ctx.db, dbKind: source.ctx.dbKind, filesDir: source.ctx.config.filesDir }, file)).rejects.toThrow(/already exists/);
  });
});

describe('restore', () => {
  it('restores into an empty PGlite database to an identical state', async () => {
    const t = await freshTarget('pglite');
    const r = await restoreInto(t, file);
    expect(r).toMatchObject({ tables: header.tables.length, files: 3 });
    expect(await canonicalDump(t.ctx.db)).toEqual(sourceDump);
    expect(fileTree(t.filesDir)).toEqual(sourceFiles);
    expect(await auditChainOk(t.ctx.db)).toBe(true);
    // the trigger did not fire again, the generated column was recomputed, the forward reference kept
    const probe = await sql<{ id: number; parent_id: number | null; doubled: number; note: string }>`
      select id, parent_id, doubled, note from backup_probe order by id`.execute(t.ctx.db);
    expect(probe.rows).toEqual([
      { id: 1, parent_id: 2, doubled: 2, note: '+' },
      { id: 2, parent_id: null, doubled: 4, note: 'satu+' },
    ]);
    // sequences continue where the source's are
    const { rows: [seq] } = await sql<{ v: string }>`select last_value::text as v from units_id_seq`.execute(source.ctx.db);
    const next = await t.ctx.db.insertInto('units').values({ code: 'T-NEW', kind: 'opd', name: 'Dinas Baru', path: '/' }).returning('id').executeTakeFirstOrThrow();
    expect(next.id).toBe(Number(seq.v) + 1);
  }, 60_000);

  it.runIf(!!process.env.DATABASE_URL)('restores across database kinds: to PostgreSQL, and a PGlite backup to PostgreSQL', async () => {
    const pg = await freshTarget('postgresql');
    await restoreInto(pg, file);
    expect(await canonicalDump(pg.ctx.db)).toEqual(sourceDump);
    expect(fileTree(pg.filesDir)).toEqual(sourceFiles);
    expect(await auditChainOk(pg.ctx.db)).toBe(true);

    // the other direction: a backup taken from PGlite restored onto PostgreSQL
    const lite = await freshTarget('pglite');
    await restoreInto(lite, file);
    const fromLite = path.join(tmp, 'from-pglite.gz');
    const h = await createBackup(asTarget(lite), fromLite);
    expect(h.database.kind).toBe('pglite');
    const pg2 = await freshTarget('postgresql');
    await restoreInto(pg2, fromLite);
    expect(await canonicalDump(pg2.ctx.db)).toEqual(sourceDump);
    expect(fileTree(pg2.filesDir)).toEqual(sourceFiles);
  }, 120_000);

  it('rolls everything back when the file turns out bad half way (unsafe path), leaving the target as it was', async () => {
    const t = await freshTarget('pglite');
    await restoreInto(t, file);
    const before = await canonicalDump(t.ctx.db);
    // a well-formed file with a valid checksum whose last entry tries to escape the files folder
    const text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
    const body = text.slice(text.indexOf('\n') + 1) + '{"file":"../escaped.txt"}\n"aGk="\n{"fileEnd":"../escaped.txt","size":2,"sha256":"x"}\n';
    const h = { ...header, content: { sha256: crypto.createHash('sha256').update(body).digest('hex'), bytes: Buffer.byteLength(body) } };
    const evil = path.join(tmp, 'evil.gz');
    fs.writeFileSync(evil, zlib.gzipSync(JSON.stringify(h) + '\n' + body));
    const verified = await verifyBackup(evil);
    await expect(restoreBackup(asTarget(t), evil, verified)).rejects.toThrow(/unsafe file path/);
    expect(fs.existsSync(path.join(path.dirname(t.filesDir), 'escaped.txt'))).toBe(false);
    expect(await canonicalDump(t.ctx.db)).toEqual(before);
    expect(fileTree(t.filesDir)).toEqual(sourceFiles);
  }, 60_000);

  it('refuses a backup whose migrations or tables differ from the target', async () => {
    const text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
    const nl = text.indexOf('\n');
    const other = path.join(tmp, 'other-version.gz');
    fs.writeFileSync(other, zlib.gzipSync(JSON.stringify({ ...header, migrations: [...header.migrations, '100_future_001_x'] }) + text.slice(nl)));
    const t = await freshTarget('pglite', false);
    const h = await verifyBackup(other); // the header is not covered by the checksum; the content is
    await expect(checkCompatible(asTarget(t), h)).rejects.toThrow(/different database migrations[\s\S]*100_future_001_x/);
    // same migrations, but the module table is missing here
    await expect(checkCompatible(asTarget(t), header)).rejects.toThrow(/backup_probe does not exist/);
  }, 60_000);

  it('refuses damaged, tampered and foreign files with a clear message', async () => {
    const raw = fs.readFileSync(file);
    const write = (name: string, data: Buffer | string) => {
      const p = path.join(tmp, name);
      fs.writeFileSync(p, data);
      return p;
    };
    const flipped = Buffer.from(raw);
    flipped[Math.floor(raw.length / 2)] ^= 0xff;
    await expect(verifyBackup(write('flipped.gz', flipped))).rejects.toThrow(BackupError);
    await expect(verifyBackup(write('truncated.gz', raw.subarray(0, raw.length - 100)))).rejects.toThrow(/truncated or damaged/);
    const text = zlib.gunzipSync(raw).toString('utf8');
    await expect(verifyBackup(write('tampered.gz', zlib.gzipSync(text.replace('Kelurahan Uji', 'Kelurahan Ubah'))))).rejects.toThrow(/does not match the checksum/);
    await expect(verifyBackup(write('plain.txt', 'hello\n'))).rejects.toThrow(/not a readable Gapura backup/);
    await expect(verifyBackup(write('other.gz', zlib.gzipSync('{"hello":1}\n')))).rejects.toThrow(/not a Gapura backup/);
    await expect(verifyBackup(path.join(tmp, 'missing.gz'))).rejects.toThrow(/no such file/);
  });
});

describe('gapura backup / restore commands', () => {
  /** runCli in this process against an embedded database in dataDir; returns exit code and stderr. */
  async function cli(dataDir: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const saved = { ...process.env };
    Object.assign(process.env, { GAPURA_ENV: 'test', GAPURA_DATA_DIR: dataDir, LOG_LEVEL: 'error' });
    delete process.env.DATABASE_URL;
    let stdout = '';
    let stderr = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
    try {
      return { code: await runCli(argv), stdout, stderr };
    } finally {
      o.mockRestore();
      e.mockRestore();
      process.env = saved;
    }
  }

  it('backs up an embedded database from a real `gapura backup` process and restores it with `gapura restore`', async () => {
    // the source: an embedded database on disk with a row and a file
    const srcDir = fs.mkdtempSync(path.join(tmp, 'cli-src-'));
    const config = loadConfig({ GAPURA_ENV: 'test', GAPURA_DATA_DIR: srcDir });
    const ctx = await createContext(config, modules, { seed: false, log: createLogger('error', () => {}) });
    await ctx.db.insertInto('holidays').values({ date: '2026-01-01', name: 'Tahun Baru', kind: 'national_holiday' }).execute();
    await ctx.database.close();
    fs.mkdirSync(config.filesDir, { recursive: true });
    fs.writeFileSync(path.join(config.filesDir, 'a.bin'), crypto.randomBytes(1000));

    const out = path.join(tmp, 'cli.backup.gz');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'backup', out], {
      cwd: repoRoot,
      env: { ...process.env, GAPURA_ENV: 'test', GAPURA_DATA_DIR: srcDir, DATABASE_URL: '', LOG_LEVEL: 'error' },
    });
    expect(stdout).toContain(`Wrote ${out}`);

    const dst = fs.mkdtempSync(path.join(tmp, 'cli-dst-'));
    let r = await cli(dst, 'restore', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Restored \d+ tables, \d+ rows, \d+ sequences, 1 files/);
    expect(fileTree(path.join(dst, 'files'))).toEqual(fileTree(config.filesDir));

    // a second restore finds data and changes nothing without --force
    fs.writeFileSync(path.join(dst, 'files', 'new-upload.txt'), 'x');
    r = await cli(dst, 'restore', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already holds data: holidays \(1 rows\), 2 files[\s\S]*Nothing was changed[\s\S]*--force/);
    expect(fs.existsSync(path.join(dst, 'files', 'new-upload.txt'))).toBe(true);
    r = await cli(dst, 'restore', out, '--force');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--force: deleting');
    expect(fileTree(path.join(dst, 'files'))).toEqual(fileTree(config.filesDir));

    const broken = path.join(tmp, 'cli-broken.gz');
    fs.writeFileSync(broken, fs.readFileSync(out).subarray(0, 200));
    r = await cli(dst, 'restore', broken, '--force');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a readable Gapura backup/);
  }, 60_000);

  it('exits 2 with the usage on a missing file or an unknown option', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'cli-usage-'));
    for (const argv of [['backup'], ['restore'], ['restore', 'x.gz', '--frobnicate'], ['backup', 'a.gz', 'b.gz']]) {
      const r = await cli(dir, ...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/gapura (backup|restore) <file>/);
    }
  }, 60_000);
});

describe('attachments in an S3 bucket (FILES_S3_URL)', () => {
  /** a CLI command of the backup module run in this process; returns exit code and output */
  async function run(command: 'backup' | 'restore', args: string[], ctx: AppContext) {
    let output = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((output += String(s)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((output += String(s)), true));
    try {
      return { code: await backupModule.cli![command].run(args, ctx), output };
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
  }

  it('backs up the objects through the files API and restores them into another bucket, replacing what was there', async () => {
    const s3 = await startS3(['asal', 'tujuan']);
    cleanups.push(() => s3.close());
    const mods = [...modules, fileTestModule];
    const a = await createTestApp({ modules: mods, env: { FILES_S3_URL: s3.url('asal') } });
    cleanups.push(() => a.close());
    const owner = new Client(a.app);
    await signInAs(a, owner, { kind: 'citizen' });
    const photo = await uploadAs(a, owner, 'photo', [{ name: 'foto.jpg', bytes: await jpegWithGps() }]);
    const pdf = minimalPdf();
    const letter = await uploadAs(a, owner, 'letter', [{ name: 'surat.pdf', bytes: pdf }]);
    expect([photo.res.status, letter.res.status]).toEqual([200, 200]);
    const source = fileStore(a.ctx.config);
    const keys = await source.list();
    expect(keys).toHaveLength(3); // display, thumbnail, PDF
    expect(fs.existsSync(a.ctx.config.filesDir)).toBe(false); // nothing local to fall back on

    const out = path.join(tmp, 's3.backup.gz');
    let r = await run('backup', [out], a.ctx);
    expect([r.code, r.output]).toEqual([0, expect.stringContaining('3 files')]);
    expect((await verifyBackup(out)).files.count).toBe(3);

    const b = await createTestApp({ modules: mods, env: { FILES_S3_URL: s3.url('tujuan') } });
    cleanups.push(() => b.close());
    const target = fileStore(b.ctx.config);
    await target.put('sisa/lama.bin', Buffer.from('stale'), 'application/octet-stream');
    r = await run('restore', [out, '--force'], b.ctx);
    expect(r.output).toContain('1 files in s3://');
    expect(r.code).toBe(0);
    expect(await target.list()).toEqual(keys);
    for (const k of keys) expect((await target.get(k))!.equals((await source.get(k))!)).toBe(true);

    // the restored rows and objects serve as before (the owner's session came along in the backup)
    const again = new Client(b.app);
    again.cookies = new Map(owner.cookies);
    const res = await again.request(`/uji-berkas/berkas/${letter.body.files[0].id}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);
  }, 60_000);
});
