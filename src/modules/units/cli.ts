// `gapura region load <dir>`. It boots without seeds ('bare') and migrates itself: the units seed
// loads the default pack (GAPURA_REGION) into an empty database, and running it first would make
// `region load region-packs/medan` on a fresh data folder load Palembang and then refuse Medan.
// So: migrate, load the pack asked for, then run the seeds (which now find a region and skip it).
import { collectMigrations, migrate } from '../../platform/db/migrator.ts';
import type { CliCommand } from '../../platform/module.ts';
import { formatSummary, loadRegionPack } from '../../platform/region/pack.ts';
import { UsageError } from '../../platform/cli-args.ts';

export const regionLoad: CliCommand = {
  usage: 'region load <dir>          load or update a region pack (e.g. region-packs/palembang)',
  boot: 'bare',
  async run(args, ctx) {
    if (args.length !== 1 || args[0].startsWith('-')) throw new UsageError('region load needs exactly one argument: the pack folder.');
    await migrate(ctx.db, collectMigrations(ctx.modules));
    const summary = await loadRegionPack(ctx.db, args[0]);
    ctx.region.invalidate?.();
    ctx.calendar.invalidate();
    for (const m of ctx.modules) await m.seed?.(ctx);
    process.stdout.write(`${formatSummary(summary)}\n`);
    return 0;
  },
};
