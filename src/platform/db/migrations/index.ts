import type { Migration } from 'kysely';
import * as core from './001_core.ts';
import * as holidayRemovals from './020_holiday_removals.ts';
import * as auditAnchorJobsFailed from './030_audit_anchor_jobs_failed.ts';
import * as staffAuth from './050_staff_auth.ts';
import * as files from './060_files.ts';
import * as moduleRoles from './070_module_roles.ts';
import * as documents from './080_documents.ts';
import * as search from './090_search.ts';
import * as auditChains from './100_audit_chains.ts';

/** Platform migrations; the '000_' prefix orders them before every module's. */
export const platformMigrations: Record<string, Migration> = {
  '000_platform_001_core': core,
  '000_platform_020_holiday_removals': holidayRemovals,
  '000_platform_030_audit_anchor_jobs_failed': auditAnchorJobsFailed,
  '000_platform_050_staff_auth': staffAuth,
  '000_platform_060_files': files,
  '000_platform_070_module_roles': moduleRoles,
  '000_platform_080_documents': documents,
  '000_platform_090_search': search,
  '000_platform_100_audit_chains': auditChains,
};
