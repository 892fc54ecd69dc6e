// Reading the audit trail for people: who may see which entries, the filtered list, one entry.
// Entries carry the unit they concern (unit_id); an auditor sees the entries of their unit and the
// units below it. Entries about no unit (region-wide settings, the calendar, …) are seen by
// platform admins and by auditors whose role is held at the top of the unit tree.
import { sql } from 'kysely';
import { can, scopePaths, type Actor } from '../../platform/access/can.ts';
import type { Executor } from '../../platform/db/index.ts';
import { canonicalJson } from '../../platform/audit/audit.ts';

export const PAGE_SIZE = 50;

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

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

function baseQuery(db: Executor, scope: AuditScope) {
  let q = db.selectFrom('audit_log as a').leftJoin('units as u', 'u.id', 'a.unit_id');
  if (scope !== null) {
    q = q.where((eb) =>
      eb.or([
        // unit paths are digits and slashes only: safe inside LIKE
        ...scope.paths.map((p) => eb('u.path', 'like', `${p}%`)),
        ...(scope.regionWide ? [eb('a.unit_id', 'is', null)] : []),
        eb.val(false), // no paths: nothing
      ]),
    );
  }
  return q;
}

/** Newest first, one page (fetches one more row than shown to know whether there is a next page). */
export async function listAudit(db: Executor, scope: AuditScope, f: AuditFilters, page: number, timeZone: string) {
  let q = baseQuery(db, scope);
  // an action filter matches the action itself or, ending in '.', every action that starts with it
  if (f.action) q = f.action.endsWith('.') ? q.where('a.action', 'like', `${escapeLike(f.action)}%`) : q.where('a.action', '=', f.action);
  if (f.subjectType) q = q.where('a.subject_type', '=', f.subjectType);
  if (f.subjectId) q = q.where('a.subject_id', '=', f.subjectId);
  if (f.from) q = q.where('a.at', '>=', sql<Date>`(${f.from}::date)::timestamp at time zone ${timeZone}`);
  if (f.to) q = q.where('a.at', '<', sql<Date>`(${f.to}::date + 1)::timestamp at time zone ${timeZone}`);
  const rows = (await q
    .select(['a.id', 'a.at', 'a.actor_id', 'a.actor_label', 'a.action', 'a.subject_type', 'a.subject_id', 'a.unit_id', 'a.before', 'a.after', 'u.name as unit_name', 'u.path as unit_path'])
    .orderBy('a.id', 'desc')
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE)
    .execute()) as AuditRow[];
  return { rows: rows.slice(0, PAGE_SIZE), hasNext: rows.length > PAGE_SIZE };
}

export async function findEntry(db: Executor, id: number): Promise<AuditEntryDetail | undefined> {
  return (await baseQuery(db, null)
    .select(['a.id', 'a.at', 'a.actor_id', 'a.actor_label', 'a.action', 'a.subject_type', 'a.subject_id', 'a.unit_id', 'a.before', 'a.after',
      'a.ip', 'a.user_agent', 'a.prev_hash', 'a.hash', 'u.name as unit_name', 'u.path as unit_path'])
    .where('a.id', '=', id)
    .executeTakeFirst()) as AuditEntryDetail | undefined;
}

/** Top-level keys whose values differ between before and after (for objects); [] otherwise. */
export function changedKeys(before: unknown, after: unknown): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (!isObj(before) || !isObj(after)) return [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((k) => canonicalJson(before[k]) !== canonicalJson(after[k]));
}
