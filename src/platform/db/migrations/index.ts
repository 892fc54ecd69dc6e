import type { Migration } from 'kysely';
import * as core from './001_core.ts';

/** Platform migrations; the '000_' prefix orders them before every module's. */
export const platformMigrations: Record<string, Migration> = {
  '000_platform_001_core': core,
};
