// Backup and restore of one Gapura instance: every table in the public schema plus the attachment
// folder, in one file that restores onto PGlite or PostgreSQL alike. The file format is documented in
// docs/operations.md ("Backup and restore"); the decisions (why text values, why FK order rather than
// session_replication_role) are in the comments below.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { z } from 'zod';
import type { DatabaseKind, DB, Executor } from '../../platform/db/index.ts';
import type { FileStore } from '../../platform/files/store.ts';
import {
  MIGRATIONS_TABLE,
  dependencyOrder,
  quoteIdent,
  readCatalog,
  setExactTextFormats,
  type Catalog,
  type TableInfo,
} from './catalog.ts';
import { LineWriter, assemble, digestContent, readLines } from './stream.ts';

export const FORMAT = 'gapura-backup';
export const FORMAT_VERSION = 1;
/** rows per FETCH from a table's cursor: memory stays flat whatever the table size */
const FETCH_ROWS = 1000;
/** bytes of a file per content line (base64 makes it 64 KiB of text) */
const FILE_CHUNK = 48 * 1024;

/** A problem with the backup file or the target that the operator must fix; exit code 1. */
export class BackupError extends Error {}

const headerSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  gapuraVersion: z.string(),
  createdAt: z.string(),
  database: z.object({ kind: z.enum(['pglite', 'postgresql']), serverVersion: z.string() }),
  migrations: z.array(z.string()),
  tables: z.array(
    z.object({
      name: z.string(),
      rows: z.number().int().min(0),
      primaryKey: z.array(z.string()),
      columns: z.array(z.object({ name: z.string(), type: z.string() })),
    }),
  ),
  sequences: z.number().int().min(0),
  files: z.object({ count: z.number().int().min(0), bytes: z.number().int().min(0) }),
  content: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().min(0) }),
});
export type BackupHeader = z.infer<typeof headerSchema>;

/** Content lines. A row is a bare JSON array; everything else is an object with one of these keys. */
type TableLine = { table: string; columns: string[] };
type SequenceLine = { sequence: string; value: string; called: boolean };
type FileLine = { file: string };
type FileEndLine = { fileEnd: string; size: number; sha256: string };

export interface BackupSource {
  db: DB;
  dbKind: DatabaseKind;
  filesDir: string;
  /** when attachments live in an S3-compatible bucket (FILES_S3_URL): read and written through it
   *  instead of filesDir, under the same relative keys, so a backup restores onto either kind */
  store?: FileStore;
}

function gapuraVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------
// Backup

/**
 * Writes a backup of the database and the attachments to `file` (which must not exist yet).
 *
 * Consistency: all tables are read in ONE repeatable-read, read-only transaction, so the file holds
 * the database exactly as it was at one instant even while the app keeps writing. Attachments are
 * write-once and written before the row that refers to them commits, so listing the folder after
 * that snapshot began finds every file the snapshot refers to (files added later are harmless extras).
 * Sequences are not transactional: their values may be ahead of the snapshot, which only leaves gaps.
 */
export async function createBackup(src: BackupSource, file: string): Promise<BackupHeader> {
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists; choose another name or remove it first.`);
  const contentFile = `${file}.${process.pid}.content.tmp`;
  const writer = new LineWriter(contentFile);
  try {
    const meta = await src.db.transaction().execute(async (tx) => {
      // must be the first statement of the transaction (PGlite starts it with a plain BEGIN)
      await sql`set transaction isolation level repeatable read, read only`.execute(tx);
      await setExactTextFormats(tx);
      const { rows: [info] } = await sql<{ now: string; version: string }>`
        select now()::text as now, current_setting('server_version') as version`.execute(tx);
      const catalog = await readCatalog(tx);
      const migrations = catalog.tables.has(MIGRATIONS_TABLE)
        ? (await sql<{ name: string }>`select name from ${sql.id(MIGRATIONS_TABLE)} order by name`.execute(tx)).rows.map((r) => r.name)
        : [];
      const order = dependencyOrder([...catalog.tables.keys()], catalog.foreignKeys);
      const tables: BackupHeader['tables'] = [];
      for (const name of order) {
        const t = catalog.tables.get(name)!;
        const rows = await dumpTable(tx, t, writer);
        tables.push({ name, rows, primaryKey: t.primaryKey, columns: t.columns.map((c) => ({ name: c.name, type: c.type })) });
      }
      for (const seq of catalog.sequences) {
        const { rows: [s] } = await sql<{ value: string; called: boolean }>`
          select last_value::text as value, is_called as called from ${sql.raw(quoteIdent(seq))}`.execute(tx);
        await writer.write({ sequence: seq, value: s.value, called: s.called } satisfies SequenceLine);
      }
      const files = src.store ? await dumpStoreFiles(src.store, writer) : await dumpFiles(src.filesDir, writer);
      return { createdAt: new Date(info.now.replace(' ', 'T').replace(/\+00$/, 'Z')).toISOString(), version: info.version, migrations, tables, sequences: catalog.sequences.length, files };
    });
    const content = await writer.finish();
    const header: BackupHeader = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      gapuraVersion: gapuraVersion(),
      createdAt: meta.createdAt,
      database: { kind: src.dbKind, serverVersion: meta.version },
      migrations: meta.migrations,
      tables: meta.tables,
      sequences: meta.sequences,
      files: meta.files,
      content,
    };
    await assemble(file, JSON.stringify(header), contentFile);
    return header;
  } finally {
    writer.destroy();
    fs.rmSync(contentFile, { force: true });
  }
}

/** One table through a cursor, ordered by primary key; every value in its exact text form. */
async function dumpTable(tx: Executor, t: TableInfo, writer: LineWriter): Promise<number> {
  await writer.write({ table: t.name, columns: t.columns.map((c) => c.name) } satisfies TableLine);
  if (!t.columns.length) return 0;
  const cols = sql.join(t.columns.map((c, i) => sql`${sql.id(c.name)}::text as ${sql.id(`c${i}`)}`));
  const orderBy = t.primaryKey.length ? sql`order by ${sql.join(t.primaryKey.map((k) => sql.id(k)))}` : sql``;
  await sql`declare gapura_backup_cursor no scroll cursor for select ${cols} from ${sql.id(t.name)} ${orderBy}`.execute(tx);
  let count = 0;
  for (;;) {
    const { rows } = await sql<Record<string, string | null>>`fetch forward ${sql.lit(FETCH_ROWS)} from gapura_backup_cursor`.execute(tx);
    for (const r of rows) await writer.write(t.columns.map((_, i) => r[`c${i}`] ?? null));
    count += rows.length;
    if (rows.length < FETCH_ROWS) break;
  }
  await sql`close gapura_backup_cursor`.execute(tx);
  return count;
}

/** Every regular file under filesDir, by relative path (always '/'-separated), in base64 chunks. */
async function dumpFiles(filesDir: string, writer: LineWriter): Promise<{ count: number; bytes: number }> {
  let count = 0;
  let bytes = 0;
  for (const rel of listFiles(filesDir)) {
    let fd: fs.promises.FileHandle;
    try {
      fd = await fs.promises.open(path.join(filesDir, ...rel.split('/')), 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // removed since listing: not in the snapshot either
      throw e;
    }
    try {
      await writer.write({ file: rel } satisfies FileLine);
      const hash = crypto.createHash('sha256');
      const buf = Buffer.alloc(FILE_CHUNK);
      let size = 0;
      for (;;) {
        // fill whole chunks so a file's lines do not depend on how the OS splits reads
        let n = 0;
        while (n < FILE_CHUNK) {
          const { bytesRead } = await fd.read(buf, n, FILE_CHUNK - n, null);
          if (!bytesRead) break;
          n += bytesRead;
        }
        if (!n) break;
        hash.update(buf.subarray(0, n));
        await writer.write(buf.subarray(0, n).toString('base64'));
        size += n;
        if (n < FILE_CHUNK) break;
      }
      await writer.write({ fileEnd: rel, size, sha256: hash.digest('hex') } satisfies FileEndLine);
      count++;
      bytes += size;
    } finally {
      await fd.close();
    }
  }
  return { count, bytes };
}

/** The same lines for the objects of a bucket: one object in memory at a time (uploads are size-limited). */
async function dumpStoreFiles(store: FileStore, writer: LineWriter): Promise<{ count: number; bytes: number }> {
  let count = 0;
  let bytes = 0;
  for (const key of await store.list()) {
    const data = await store.get(key);
    if (!data) continue; // removed since listing: not in the snapshot either
    await writer.write({ file: key } satisfies FileLine);
    for (let i = 0; i < data.length; i += FILE_CHUNK) await writer.write(data.subarray(i, i + FILE_CHUNK).toString('base64'));
    await writer.write({ fileEnd: key, size: data.length, sha256: crypto.createHash('sha256').update(data).digest('hex') } satisfies FileEndLine);
    count++;
    bytes += data.length;
  }
  return { count, bytes };
}

/** Relative paths of the regular files under dir, sorted; symlinks and special files are skipped. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

// ---------------------------------------------------------------------------------------------
// Reading and checking a backup file

/** Reads the header and checks the content against its SHA-256, reading the whole file once. */
export async function verifyBackup(file: string): Promise<BackupHeader> {
  if (!fs.existsSync(file)) throw new BackupError(`${file}: no such file.`);
  let digest: Awaited<ReturnType<typeof digestContent>>;
  try {
    digest = await digestContent(file);
  } catch (e) {
    throw new BackupError(`${file} is not a readable Gapura backup (${(e as Error).message}). It may be truncated or damaged.`);
  }
  let header: BackupHeader;
  try {
    header = headerSchema.parse(JSON.parse(digest.headerLine));
  } catch {
    throw new BackupError(`${file} is not a Gapura backup: its first line is not a format ${FORMAT_VERSION} header.`);
  }
  if (digest.sha256 !== header.content.sha256 || digest.bytes !== header.content.bytes)
    throw new BackupError(`${file} is damaged: its content does not match the checksum in its header. Nothing was restored.`);
  return header;
}

/** Content lines of a verified file (header skipped), parsed. */
async function* contentLines(file: string): AsyncGenerator {
  let first = true;
  for await (const line of readLines(file)) {
    if (first) {
      first = false;
      continue;
    }
    yield JSON.parse(line);
  }
}

// ---------------------------------------------------------------------------------------------
// Restore

export type RestoreTarget = BackupSource;

export interface TargetState {
  /** tables holding rows (the migration bookkeeping does not count), with their row counts */
  tablesWithRows: { name: string; rows: number }[];
  fileCount: number;
}

/** What the target holds now: restore refuses to overwrite any of it without --force. */
export async function inspectTarget(target: RestoreTarget): Promise<TargetState> {
  const catalog = await readCatalog(target.db);
  const tablesWithRows: TargetState['tablesWithRows'] = [];
  for (const name of catalog.tables.keys()) {
    if (name === MIGRATIONS_TABLE) continue;
    const { rows: [r] } = await sql<{ n: string }>`select count(*)::text as n from ${sql.id(name)}`.execute(target.db);
    if (Number(r.n) > 0) tablesWithRows.push({ name, rows: Number(r.n) });
  }
  return { tablesWithRows, fileCount: target.store ? (await target.store.list()).length : listFiles(target.filesDir).length };
}

/** Refuses early, before anything changes, when the backup does not fit the target's schema. */
export async function checkCompatible(target: RestoreTarget, header: BackupHeader): Promise<void> {
  const catalog = await readCatalog(target.db);
  const migrations = catalog.tables.has(MIGRATIONS_TABLE)
    ? (await sql<{ name: string }>`select name from ${sql.id(MIGRATIONS_TABLE)} order by name`.execute(target.db)).rows.map((r) => r.name)
    : [];
  const missing = header.migrations.filter((m) => !migrations.includes(m));
  const extra = migrations.filter((m) => !header.migrations.includes(m));
  if (missing.length || extra.length) {
    const lines = [
      `The backup was made by a Gapura with different database migrations (backup: Gapura ${header.gapuraVersion}).`,
      ...(missing.length ? [`  in the backup, not in this database: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`] : []),
      ...(extra.length ? [`  in this database, not in the backup: ${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ', …' : ''}`] : []),
      'Restore with the Gapura version (and modules) that made the backup, then upgrade: the migrations run on start.',
    ];
    throw new BackupError(lines.join('\n'));
  }
  const problems: string[] = [];
  const inBackup = new Set(header.tables.map((t) => t.name));
  for (const name of catalog.tables.keys()) if (!inBackup.has(name)) problems.push(`table ${name} is not in the backup`);
  for (const t of header.tables) {
    const here = catalog.tables.get(t.name);
    if (!here) {
      problems.push(`table ${t.name} does not exist in this database`);
      continue;
    }
    const a = t.columns.map((c) => `${c.name} ${c.type}`).join(', ');
    const b = here.columns.map((c) => `${c.name} ${c.type}`).join(', ');
    if (a !== b) problems.push(`table ${t.name} has columns (${b}) here but (${a}) in the backup`);
  }
  if (problems.length) throw new BackupError(`The backup does not match this database's schema:\n  ${problems.join('\n  ')}`);
}

export interface RestoreResult {
  tables: number;
  rows: number;
  sequences: number;
  files: number;
  fileBytes: number;
}

/**
 * Replaces the whole content of the target with the backup. The caller has verified the file
 * (verifyBackup), checked compatibility and decided about existing data (--force).
 *
 * One transaction: existing rows are truncated, rows inserted in the file's (dependency) order,
 * sequences set. Foreign keys stay enforced — session_replication_role needs a superuser, which
 * managed PostgreSQL does not grant — so references the order cannot satisfy (a unit whose parent
 * has a higher id, cycles) are inserted as NULL and filled in by a second pass over the file.
 * The tables' own triggers are switched off for the load (ALTER TABLE … DISABLE TRIGGER, which the
 * table owner may do), so restored rows are exactly the backed-up rows.
 * Files go to a folder beside filesDir and replace it only after the transaction has committed.
 */
export async function restoreBackup(target: RestoreTarget, file: string, header: BackupHeader): Promise<RestoreResult> {
  const staging = `${target.filesDir}.restoring-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  try {
    const result = await target.db.transaction().execute(async (tx) => {
      await setExactTextFormats(tx);
      const catalog = await readCatalog(tx);
      const names = [...catalog.tables.keys()];
      for (const [table, triggers] of catalog.triggers)
        for (const trg of triggers) await sql`alter table ${sql.id(table)} disable trigger ${sql.id(trg)}`.execute(tx);
      if (names.length) await sql`truncate table ${sql.join(names.map((n) => sql.id(n)))}`.execute(tx);

      const loaded = await loadContent(tx, catalog, file, staging, header);
      if (loaded.deferred.size) await fillDeferred(tx, catalog, file, loaded.deferred);

      for (const [table, triggers] of catalog.triggers)
        for (const trg of triggers) await sql`alter table ${sql.id(table)} enable trigger ${sql.id(trg)}`.execute(tx);
      return loaded.result;
    });
    // the database now holds the backup: put its files in place of the old ones
    if (target.store) {
      await replaceObjects(target.store, staging);
      return result;
    }
    const old = `${target.filesDir}.replaced-${process.pid}`;
    if (fs.existsSync(target.filesDir)) fs.renameSync(target.filesDir, old);
    fs.renameSync(staging, target.filesDir);
    fs.rmSync(old, { recursive: true, force: true });
    return result;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Uploads the staged files to the bucket, then deletes the objects the backup does not hold. */
async function replaceObjects(store: FileStore, staging: string): Promise<void> {
  const keys = listFiles(staging);
  try {
    for (const key of keys) await store.put(key, await fs.promises.readFile(path.join(staging, ...key.split('/'))), 'application/octet-stream');
    const keep = new Set(keys);
    for (const key of await store.list()) if (!keep.has(key)) await store.delete(key);
  } catch (e) {
    throw new BackupError(`The database was restored, but copying the attachments to ${store.description} failed (${(e as Error).message}). Run the restore again with --force.`);
  }
}

/** Foreign-key columns that must be loaded as NULL and set afterwards: table → column names. */
type Deferred = Map<string, string[]>;

async function loadContent(tx: Executor, catalog: Catalog, file: string, staging: string, header: BackupHeader) {
  const result: RestoreResult = { tables: 0, rows: 0, sequences: 0, files: 0, fileBytes: 0 };
  const deferred: Deferred = new Map();
  const loadedTables = new Set<string>();
  const expectedRows = new Map(header.tables.map((t) => [t.name, t.rows]));
  let table: { info: TableInfo; nullAt: number[]; batch: (string | null)[][]; batchSize: number; rows: number } | undefined;
  let out: { rel: string; fd: number; hash: crypto.Hash; size: number } | undefined;

  const flush = async () => {
    if (!table || !table.batch.length) return;
    await insertRows(tx, table.info, table.batch);
    table.batch = [];
  };
  const endTable = async () => {
    if (!table) return;
    await flush();
    if (table.rows !== expectedRows.get(table.info.name))
      throw new BackupError(`The backup is inconsistent: table ${table.info.name} holds ${table.rows} rows, its header says ${expectedRows.get(table.info.name)}.`);
    result.tables++;
    table = undefined;
  };

  for await (const line of contentLines(file)) {
    if (Array.isArray(line)) {
      if (!table || line.length !== table.info.columns.length) throw new BackupError('The backup is inconsistent: a row does not fit its table.');
      const row = line as (string | null)[];
      for (const i of table.nullAt) row[i] = null;
      table.batch.push(row);
      table.rows++;
      result.rows++;
      if (table.batch.length >= table.batchSize) await flush();
    } else if (typeof line === 'string') {
      if (!out) throw new BackupError('The backup is inconsistent: file data outside a file.');
      const bytes = Buffer.from(line, 'base64');
      out.hash.update(bytes);
      out.size += bytes.length;
      fs.writeSync(out.fd, bytes);
    } else if (line && typeof line === 'object' && 'table' in line) {
      await endTable();
      const l = line as TableLine;
      const info = catalog.tables.get(l.table);
      if (!info || info.columns.map((c) => c.name).join(',') !== l.columns.join(','))
        throw new BackupError(`The backup's table ${l.table} does not match this database.`);
      // references to tables not loaded yet (or to itself) wait for the second pass
      const later = catalog.foreignKeys.filter((fk) => fk.table === l.table && !loadedTables.has(fk.refTable)).flatMap((fk) => fk.columns);
      const cols = [...new Set(later)];
      for (const c of cols) {
        if (info.columns.find((x) => x.name === c)!.notNull)
          throw new BackupError(`Cannot restore ${l.table}.${c}: a NOT NULL reference that table order cannot satisfy.`);
        if (!info.primaryKey.length) throw new BackupError(`Cannot restore ${l.table}: a self or cyclic reference in a table without a primary key.`);
      }
      if (cols.length) deferred.set(l.table, cols);
      loadedTables.add(l.table);
      table = {
        info,
        nullAt: cols.map((c) => info.columns.findIndex((x) => x.name === c)),
        batch: [],
        // PostgreSQL allows 65535 parameters per statement
        batchSize: Math.max(1, Math.min(500, Math.floor(30000 / Math.max(1, info.columns.length)))),
        rows: 0,
      };
    } else if (line && typeof line === 'object' && 'sequence' in line) {
      await endTable();
      const s = line as SequenceLine;
      if (!catalog.sequences.includes(s.sequence)) throw new BackupError(`The backup's sequence ${s.sequence} does not exist in this database.`);
      await sql`select setval(${quoteIdent(s.sequence)}::text::regclass, ${s.value}::text::bigint, ${String(s.called)}::text::boolean)`.execute(tx);
      result.sequences++;
    } else if (line && typeof line === 'object' && 'file' in line) {
      await endTable();
      const rel = safeRelativePath((line as FileLine).file);
      const dest = path.join(staging, ...rel.split('/'));
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      out = { rel, fd: fs.openSync(dest, 'wx', 0o600), hash: crypto.createHash('sha256'), size: 0 };
    } else if (line && typeof line === 'object' && 'fileEnd' in line) {
      const e = line as FileEndLine;
      if (!out || out.rel !== e.fileEnd) throw new BackupError('The backup is inconsistent: a file ends that never started.');
      fs.closeSync(out.fd);
      if (out.hash.digest('hex') !== e.sha256 || out.size !== e.size) throw new BackupError(`The backup's copy of ${e.fileEnd} is damaged.`);
      result.files++;
      result.fileBytes += out.size;
      out = undefined;
    } else {
      throw new BackupError('The backup holds a line this version of Gapura does not understand.');
    }
  }
  await endTable();
  if (out) throw new BackupError('The backup is inconsistent: it ends inside a file.');
  if (result.tables !== header.tables.length) throw new BackupError('The backup is inconsistent: tables are missing from its content.');
  return { result, deferred };
}

/** INSERT … VALUES with every value passed as text and cast to the column's type (exact round trip). */
async function insertRows(tx: Executor, t: TableInfo, batch: (string | null)[][]) {
  const types = t.columns.map((c) => sql.raw(c.type));
  const values = sql.join(batch.map((row) => sql`(${sql.join(row.map((v, i) => sql`${v}::text::${types[i]}`))})`));
  // OVERRIDING SYSTEM VALUE: identity columns GENERATED ALWAYS take the backed-up ids too
  await sql`insert into ${sql.id(t.name)} (${sql.join(t.columns.map((c) => sql.id(c.name)))}) overriding system value values ${values}`.execute(tx);
}

/** Second pass: set the references that were loaded as NULL, row by primary key. */
async function fillDeferred(tx: Executor, catalog: Catalog, file: string, deferred: Deferred) {
  let current: { info: TableInfo; cols: string[]; colIdx: number[]; pkIdx: number[]; batch: (string | null)[][] } | undefined;
  const flush = async () => {
    if (!current?.batch.length) return;
    const { info, cols, batch } = current;
    const keys = [...info.primaryKey, ...cols];
    const typeOf = (name: string) => sql.raw(info.columns.find((c) => c.name === name)!.type);
    const rows = sql.join(batch.map((r) => sql`(${sql.join(r.map((v, i) => sql`${v}::text::${typeOf(keys[i])}`))})`));
    const alias = keys.map((_, i) => sql.id(`k${i}`));
    const set = sql.join(cols.map((c, i) => sql`${sql.id(c)} = v.${alias[info.primaryKey.length + i]}`));
    const where = sql.join(info.primaryKey.map((k, i) => sql`t.${sql.id(k)} = v.${alias[i]}`), sql` and `);
    await sql`update ${sql.id(info.name)} as t set ${set} from (values ${rows}) as v(${sql.join(alias)}) where ${where}`.execute(tx);
    current.batch = [];
  };
  for await (const line of contentLines(file)) {
    if (Array.isArray(line)) {
      if (!current) continue;
      const vals = current.colIdx.map((i) => line[i] as string | null);
      if (vals.every((v) => v === null)) continue;
      current.batch.push([...current.pkIdx.map((i) => line[i] as string | null), ...vals]);
      if (current.batch.length >= 500) await flush();
    } else if (line && typeof line === 'object' && ('table' in line || 'sequence' in line || 'file' in line)) {
      await flush();
      current = undefined;
      if (!('table' in line)) continue;
      const name = (line as TableLine).table;
      const cols = deferred.get(name);
      if (!cols) continue;
      const info = catalog.tables.get(name)!;
      const idx = (c: string) => info.columns.findIndex((x) => x.name === c);
      current = { info, cols, colIdx: cols.map(idx), pkIdx: info.primaryKey.map(idx), batch: [] };
    }
  }
  await flush();
}

/** A relative path from a backup, refused if it could land outside the files folder. */
function safeRelativePath(rel: unknown): string {
  if (typeof rel !== 'string' || !rel || rel.startsWith('/') || rel.includes('\\') || rel.includes('\0')
    || rel.split('/').some((p) => p === '' || p === '.' || p === '..'))
    throw new BackupError(`The backup holds an unsafe file path: ${JSON.stringify(rel)}.`);
  return rel;
}

