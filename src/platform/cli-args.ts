// What every CLI command shares: the usage error (the CLI prints the command's usage and exits 2)
// and a small --flag parser. In the platform so that modules' commands need not import src/cli.ts,
// which imports the modules.
export class UsageError extends Error {}

/** Minimal --flag value parser; unknown flags are a usage error. */
export function parseFlags(args: string[], known: string[]): { flags: Record<string, string>; positional: string[] } {
  const flags: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const [k, inline] = a.slice(2).split('=', 2);
      if (!known.includes(k)) throw new UsageError(`Unknown option --${k}`);
      const v = inline ?? args[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`Option --${k} needs a value`);
      flags[k] = v;
    } else positional.push(a);
  }
  return { flags, positional };
}
