// `gapura backup <file>` and `gapura restore <file> [--force]`: one file holding the database and
// the attachments, restorable onto PGlite or PostgreSQL. No routes: this is an operator's tool
// (docs/operations.md, "Backup and restore"). Output is English, like the rest of the CLI.
import path from 'node:path';
import { defineModule } from '../../platform/module.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { collectMigrations, migrate } from '../../platform/db/migrator.ts';
import { UsageError } from '../../platform/cli-args.ts';
import { fileStore } from '../../platform/files/store.ts';
import { BackupError, checkCompatible, createBackup, inspectTarget, restoreBackup, verifyBackup, type BackupHeader } from './service.ts';

/** `<file>` plus the allowed boolean flags; anything else is a usage error (exit 2). */
function parseArgs(args: string[], flags: string[]): { file: string; set: Set<string> } {
  const set = new Set<string>();
  const positional: string[] = [];
  for (const a of args) {
    if (a.startsWith('--') && flags.includes(a.slice(2))) set.add(a.slice(2));
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`Unknown option ${a}`);
    else positional.push(a);
  }
  if (positional.length === 0) throw new UsageError('Missing <file>: the backup file to write or read.');
  if (positional.length > 1) throw new UsageError(`Unexpected argument ${positional[1]}`);
  return { file: path.resolve(positional[0]), set };
}

/** The attachments: the files folder, or the S3 bucket when FILES_S3_URL is set. */
function filesOf(ctx: AppContext) {
  const store = fileStore(ctx.config);
  return { filesDir: ctx.config.filesDir, store: store.kind === 's3' ? store : undefined, where: store.description };
}

/** Where the data lives, for messages; a PostgreSQL URL without its password. */
function describeTarget(ctx: AppContext): string {
  if (ctx.dbKind === 'pglite') return `embedded PGlite database in ${path.join(ctx.config.dataDir, 'pglite')}`;
  const u = new URL(ctx.config.databaseUrl!);
  u.password = '';
  return `PostgreSQL database ${u.toString()}`;
}

const out = (s: string) => process.stdout.write(s + '\n');
const n = (x: number) => x.toLocaleString('en-US');
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;

function describeBackup(h: BackupHeader): string {
  const rows = h.tables.reduce((s, t) => s + t.rows, 0);
  return `${n(h.tables.length)} tables, ${n(rows)} rows, ${n(h.files.count)} files (${mib(h.files.bytes)}); ` +
    `taken ${h.createdAt} from ${h.database.kind} by Gapura ${h.gapuraVersion}`;
}

/** Runs a command body, turning a BackupError into its message and exit code 1. */
async function reported(body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof BackupError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

export const backupModule = defineModule({
  id: 'backup',
  cli: {
    backup: {
      usage: 'backup <file>              write a consistent backup of the database and attachments',
      boot: 'bare',
      async run(args, ctx) {
        const { file } = parseArgs(args, []);
        return reported(async () => {
          const files = filesOf(ctx);
          out(`Backing up the ${describeTarget(ctx)} and ${files.where} …`);
          const h = await createBackup({ db: ctx.db, dbKind: ctx.dbKind, filesDir: files.filesDir, store: files.store }, file);
          out(`Wrote ${file}: ${describeBackup(h)}.`);
          out(`Content SHA-256 ${h.content.sha256}`);
          return 0;
        });
      },
    },
    restore: {
      usage: 'restore <file> [--force]   replace the database and attachments with a backup',
      boot: 'bare',
      async run(args, ctx) {
        const { file, set } = parseArgs(args, ['force']);
        const force = set.has('force');
        return reported(async () => {
          const header = await verifyBackup(file);
          out(`Backup ${file}: ${describeBackup(header)}. Checksum verified.`);
          const migrations = collectMigrations(ctx.modules);
          const known = Object.keys(migrations.all).sort();
          if (known.join('\n') !== [...header.migrations].sort().join('\n'))
            throw new BackupError(
              `This Gapura (its version and modules) has different database migrations from the one that made the backup (Gapura ${header.gapuraVersion}).\n` +
                'Restore with the same version and modules, then upgrade: migrations run on start.',
            );
          // a fresh target gets its schema here; the data comes from the backup, so no seeds run
          await migrate(ctx.db, migrations);
          const files = filesOf(ctx);
          const target = { db: ctx.db, dbKind: ctx.dbKind, filesDir: files.filesDir, store: files.store };
          await checkCompatible(target, header);
          const state = await inspectTarget(target);
          const occupied = state.tablesWithRows.length > 0 || state.fileCount > 0;
          if (occupied) {
            const what = [
              ...state.tablesWithRows.map((t) => `${t.name} (${n(t.rows)} rows)`),
              ...(state.fileCount ? [`${n(state.fileCount)} files in ${files.where}`] : []),
            ];
            if (!force) {
              process.stderr.write(
                `The target already holds data: ${what.join(', ')}.\nNothing was changed. To delete ALL of it and replace it with the backup, run again with --force.\n`,
              );
              return 1;
            }
            out(`--force: deleting what the target holds now: ${what.join(', ')}.`);
          }
          out(`Restoring into the ${describeTarget(ctx)} and ${files.where} (one transaction) …`);
          const r = await restoreBackup(target, file, header);
          out(`Restored ${n(r.tables)} tables, ${n(r.rows)} rows, ${n(r.sequences)} sequences, ${n(r.files)} files (${mib(r.fileBytes)}).`);
          return 0;
        });
      },
    },
  },
});
