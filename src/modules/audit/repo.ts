// The audit module's SQL: reading the trail (the platform writes it: platform/audit). The scope
// comes from service.ts auditScope().
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';
import type { AuditEntryDetail, AuditFilters, AuditRow, AuditScope } from './service.ts';

export const PAGE_SIZE = 50;

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
    .executeTakeFirst());
}
