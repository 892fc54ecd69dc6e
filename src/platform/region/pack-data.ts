// A module's own part of a region pack: `region-packs/<slug>/<module id>/…` (e.g. the services of
// layanan, the categories of pengaduan). The units module loads pack.json and units.json; every other
// module reads its folder in its own seed (idempotent, every start), so `gapura region load` plus a
// restart applies a changed pack. Data shared between packs lives in `region-packs/_shared/<module id>/`
// and a pack refers to it by relative path.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../http/context.ts';

export const PACKS_DIR = fileURLToPath(new URL('../../../region-packs/', import.meta.url));

/** The folder of `moduleId` in the loaded region's pack, or undefined when the pack has none. */
export async function modulePackDir(ctx: AppContext, moduleId: string): Promise<string | undefined> {
  const slug = (await ctx.region()).slug || ctx.config.region;
  const dir = path.join(PACKS_DIR, slug, moduleId);
  return fs.existsSync(dir) ? dir : undefined;
}

/** Read a JSON file of the module's pack folder; undefined when the pack has no such file. */
export async function readModulePackJson(ctx: AppContext, moduleId: string, file: string): Promise<unknown> {
  const dir = await modulePackDir(ctx, moduleId);
  if (!dir) return undefined;
  const p = path.join(dir, file);
  if (!fs.existsSync(p)) return undefined;
  return JSON.parse(fs.readFileSync(p, 'utf8')) as unknown;
}
