// The ppid module's use cases: the DIP kept by the units that hold the information (PPID pelaksana:
// ppid_officer of a unit changes only entries its unit or a unit below it holds), every change
// audited in the same transaction. No HTTP and no HTML here.
import { can, scopePaths, type Actor } from '../../platform/access/can.ts';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import type { DB, Executor } from '../../platform/db/index.ts';
import type { FieldErrors } from '../../platform/http/input.ts';
import * as repo from './repo.ts';
import type { DipInput } from './schema.ts';

export type { DipRow, UnitRef } from './repo.ts';

const scopeOf = (actor: Actor) => scopePaths(actor, 'ppid.dip.manage');

export const publicDip = (db: Executor) => repo.listDip(db);
export const staffDip = (db: Executor, actor: Actor) => repo.listDip(db, scopeOf(actor));
export const unitOptions = (db: Executor, actor: Actor) => repo.unitsWithin(db, scopeOf(actor));
export const searchDip = (db: Executor, q: string) => repo.searchDip(db, q.toLowerCase().split(/\s+/).filter((w) => w.length > 1).slice(0, 8));

export type Saved = { ok: true; id: number } | { ok: false; errors: FieldErrors };

export async function createDip(db: DB, actor: Actor, who: AuditActor, input: DipInput): Promise<Saved> {
  const unit = await repo.findActiveUnit(db, input.unit);
  if (!unit) return { ok: false, errors: { unit: 'ppid.dip.unit.unknown' } };
  if (!can(actor, 'ppid.dip.manage', { unitPath: unit.path })) return { ok: false, errors: { unit: 'ppid.dip.unit.outside_scope' } };
  const id = await db.transaction().execute(async (tx) => {
    const newId = await repo.insertDip(tx, {
      category: input.category, title: input.title, summary: input.summary, holdingUnitId: unit.id, official: input.official,
      madeWhen: input.made_when, madeWhere: input.made_where, form: input.form, retention: input.retention,
    });
    await recordAudit(tx, who, {
      action: 'ppid.dip.created', subjectType: 'ppid_dip', subjectId: newId, unitId: unit.id,
      after: { category: input.category, title: input.title, unit: unit.code },
    });
    return newId;
  });
  return { ok: true, id };
}
