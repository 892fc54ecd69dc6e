// Reading the audit trail for people: who may see which entries, the filtered list, one entry.
// Entries carry the unit they concern (unit_id); an auditor sees the entries of their unit and the
// units below it. Entries about no unit (region-wide settings, the calendar, …) are seen by
// platform admins and by auditors whose role is held at the top of the unit tree. SQL: repo.ts.
import { can, scopePaths, type Actor } from '../../platform/access/can.ts';
import { canonicalJson } from '../../platform/audit/audit.ts';
import { PAGE_SIZE, findEntry, listAudit } from './repo.ts';

export { PAGE_SIZE, findEntry, listAudit };

/** null: every entry; otherwise the unit paths covered and whether unit-less entries are included. */
export type AuditScope = null | { paths: string[]; regionWide: boolean };

/** '/7/' is the root of the unit tree (the region): a role held there covers region-wide entries too. */
const isRootPath = (p: string) => /^\/\d+\/$/.test(p);

export function auditScope(actor: Actor): AuditScope {
  if (can(actor, 'audit.view_all')) return null;
  const paths = scopePaths(actor, 'audit.view') ?? [];
  return { paths, regionWide: paths.some(isRootPath) };
}

export function canSeeEntry(scope: AuditScope, unitPath: string | null): boolean {
  if (scope === null) return true;
  if (unitPath === null) return scope.regionWide;
  return scope.paths.some((p) => unitPath.startsWith(p));
}

export interface AuditFilters {
  action?: string;
  subjectType?: string;
  subjectId?: string;
  /** calendar days (YYYY-MM-DD) in the region's time zone, both inclusive */
  from?: string;
  to?: string;
}

export interface AuditRow {
  id: number;
  at: Date;
  actor_id: number | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  unit_id: number | null;
  unit_name: string | null;
  unit_path: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditEntryDetail extends AuditRow {
  ip: string | null;
  user_agent: string | null;
  prev_hash: string;
  hash: string;
}

/** Top-level keys whose values differ between before and after (for objects); [] otherwise. */
export function changedKeys(before: unknown, after: unknown): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (!isObj(before) || !isObj(after)) return [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((k) => canonicalJson(before[k]) !== canonicalJson(after[k]));
}
