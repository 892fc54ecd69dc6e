// `npx gapura <command>`. Unknown commands and bad arguments print usage and exit 2.
import { ConfigError, loadConfig } from './platform/config.ts';
import { createContext } from './platform/boot.ts';
import { collectMigrations, migrate } from './platform/db/migrator.ts';
import { modules } from './modules/index.ts';
import type { CliCommand } from './platform/module.ts';
import type { AppContext } from './platform/http/context.ts';
import { createLogger } from './platform/log.ts';
import { UsageError } from './platform/cli-args.ts';


/** Commands that need no module: they manage the process and the database as a whole. */
const core: Record<string, CliCommand & { boot?: 'none' | 'bare' }> = {
  serve: {
    usage: 'serve                      start the web server (same as npm start)',
    boot: 'none',
    async run() {
      await import('./main.ts');
      return -1; // keep running
    },
  },
  migrate: {
    usage: 'migrate                    apply pending database migrations',
    boot: 'bare',
    async run(_args, ctx) {
      const done = await migrate(ctx.db, collectMigrations(ctx.modules));
      process.stdout.write(done.length ? `Applied ${done.length} migration(s):\n  ${done.join('\n  ')}\n` : 'Database is up to date.\n');
      return 0;
    },
  },
};

export function allCommands(): Record<string, CliCommand & { boot?: 'none' | 'bare' }> {
  const out: Record<string, CliCommand & { boot?: 'none' | 'bare' }> = { ...core };
  for (const m of modules) Object.assign(out, m.cli ?? {});
  return out;
}

export function usage(): string {
  const lines = Object.values(allCommands()).map((c) => `  gapura ${c.usage}`);
  return `Usage:\n${lines.join('\n')}\n`;
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const commands = allCommands();
  // Two-word commands ('region load', 'user add', 'audit verify') are looked up as 'region load'.
  const key = name && args[0] && commands[`${name} ${args[0]}`] ? `${name} ${args[0]}` : name;
  const cmd = key ? commands[key] : undefined;
  if (!cmd || name === 'help' || name === '--help') {
    process.stderr.write(usage());
    return name === 'help' || name === '--help' ? 0 : 2;
  }
  const rest = key.includes(' ') ? args.slice(1) : args;
  if (cmd.boot === 'none') return cmd.run(rest, undefined as unknown as AppContext);
  let ctx: AppContext | undefined;
  try {
    const config = loadConfig();
    ctx = await createContext(config, modules, {
      migrate: cmd.boot !== 'bare',
      seed: cmd.boot !== 'bare',
      log: createLogger('warn', (l) => process.stderr.write(l + '\n')),
    });
    return await cmd.run(rest, ctx);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n\n  gapura ${cmd.usage}\n`);
      return 2;
    }
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      return 78;
    }
    process.stderr.write(`Error: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await ctx?.database.close();
  }
}

const isMain = process.argv[1] && /(cli\.ts|gapura(\.mjs)?)$/.test(process.argv[1]);
if (isMain) {
  const code = await runCli(process.argv.slice(2));
  if (code >= 0) process.exit(code);
}
