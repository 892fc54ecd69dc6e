// Building the application context: open the database, run migrations, register modules, seed.
// Used by `gapura serve`, every CLI command and the tests, so all three see the same system.
import path from 'node:path';
import { loadModuleSettings, type Config } from './config.ts';
import { openDatabase } from './db/index.ts';
import { collectMigrations, migrate } from './db/migrator.ts';
import { loadModules } from './modules.ts';
import { registerErrors } from './http/errors.ts';
import type { AppContext } from './http/context.ts';
import type { GapuraModule } from './module.ts';
import { addDictionary } from './i18n/index.ts';
import { registerPermissions, registerRoles } from './access/can.ts';
import { createLogger, type Logger } from './log.ts';
import { regionCache } from './region/region.ts';
import { createCalendar } from './calendar/calendar.ts';
import { createClock } from './clock.ts';
import { addTemplates } from './notify/templates.ts';
import { checkEvents, registerEvents } from './events/index.ts';

const registered = new Set<string>();

/** Strings and permissions are process-wide tables; register each module's once. */
export function registerModules(modules: GapuraModule[]) {
  const problems = checkEvents(modules.filter((m) => !registered.has(m.id)));
  if (problems.length) throw new Error(`Modules cannot load:\n  ${problems.join('\n  ')}`);
  for (const m of modules) {
    if (registered.has(m.id)) continue;
    registered.add(m.id);
    if (m.locales) addDictionary(m.locales);
    if (m.permissions) registerPermissions(m.permissions);
    if (m.templates) addTemplates(m.templates);
    if (m.errors) registerErrors(m.errors);
    if (m.roles) registerRoles(m.roles);
    registerEvents(m);
  }
}

export interface BootOptions {
  /** skip migrations (the CLI's `migrate` runs them itself and reports) */
  migrate?: boolean;
  /** run module seeds (region pack on first start, calendar, …) */
  seed?: boolean;
  log?: Logger;
  /** override the database location (tests use 'memory://') */
  pgliteDir?: string;
  /** start PGlite from a dump of a migrated, seeded database (tests; see test/global-setup.ts) */
  pgliteLoad?: Blob;
}

export async function createContext(config: Config, list: GapuraModule[], opts: BootOptions = {}): Promise<AppContext> {
  const modules = loadModules(list); // validated and in `requires` order
  loadModuleSettings(config, modules);
  registerModules(modules);
  const log = opts.log ?? createLogger(config.logLevel);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: opts.pgliteDir ?? path.join(config.dataDir, 'pglite'),
    pgliteLoad: opts.pgliteLoad,
    poolSize: config.poolSize,
  });
  const ctx: AppContext = {
    config,
    db: database.db,
    dbKind: database.kind,
    database,
    modules,
    log,
    region: regionCache(database.db),
    calendar: createCalendar(database.db),
    clock: createClock({ file: config.clockFile }),
  };
  if (opts.migrate !== false) {
    const done = await migrate(database.db, collectMigrations(modules));
    if (done.length) log.info('migrations applied', { count: done.length, names: done });
  }
  if (opts.seed !== false) {
    for (const m of modules) await m.seed?.(ctx);
    ctx.region.invalidate?.();
    ctx.calendar.invalidate(); // seeds may have loaded holidays or the region's time zone
  }
  return ctx;
}

/** Demo data for a first start outside production; returns the lines to print once. */
export async function loadDemo(ctx: AppContext): Promise<string[]> {
  const lines: string[] = [];
  for (const m of ctx.modules) if (m.demo) lines.push(...(await m.demo(ctx)));
  return lines;
}
