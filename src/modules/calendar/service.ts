// Editing the holiday list from the back office. Every change is audited in its own transaction
// and marks the row source 'admin', so a region-pack reload never overwrites it; a removal leaves a
// record in holiday_removals so the pack does not add the date back. SQL: repo.ts.
import { recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import { ADMIN_SOURCE } from '../../platform/calendar/holidays.ts';
import type { DB } from '../../platform/db/index.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { FieldErrors } from '../../platform/http/input.ts';
import type { HolidayInput } from './schema.ts';
import { HOLIDAY_COLUMNS as columns, deleteHoliday, findHoliday, insertHoliday, listYear, markRemoved, unmarkRemoved, updateHolidayRow } from './repo.ts';

export { findHoliday, listYear };

export type SaveResult = { ok: true } | { ok: false; errors: FieldErrors };

const SUBJECT = 'holiday';
const duplicate: SaveResult = { ok: false, errors: { date: 'calendar.date.duplicate' } };

export async function addHoliday(db: DB, actor: AuditActor, input: HolidayInput): Promise<SaveResult> {
  return db.transaction().execute(async (tx) => {
    const row = { date: input.date, name: input.name, kind: input.kind, provisional: input.provisional, source: ADMIN_SOURCE };
    if (!(await insertHoliday(tx, row))) return duplicate;
    await unmarkRemoved(tx, input.date);
    await recordAudit(tx, actor, { action: 'calendar.holiday.add', subjectType: SUBJECT, subjectId: input.date, before: null, after: row });
    return { ok: true } as const;
  });
}

export async function updateHoliday(db: DB, actor: AuditActor, date: string, input: HolidayInput): Promise<SaveResult> {
  return db.transaction().execute(async (tx) => {
    const before = await findHoliday(tx, date, { forUpdate: true });
    if (!before) throw new AppError('not_found', 'error.not_found');
    const after = { date: input.date, name: input.name, kind: input.kind, provisional: input.provisional, source: ADMIN_SOURCE };
    if (columns.every((k) => before[k] === after[k])) return { ok: true } as const; // nothing to change or audit
    if (input.date !== date && (await findHoliday(tx, input.date))) return duplicate;
    await updateHolidayRow(tx, date, after);
    if (input.date !== date) {
      // moved: the pack must not bring the old date back, and the new date is wanted again
      await markRemoved(tx, date);
      await unmarkRemoved(tx, input.date);
    }
    await recordAudit(tx, actor, { action: 'calendar.holiday.update', subjectType: SUBJECT, subjectId: date, before, after });
    return { ok: true } as const;
  });
}

export async function removeHoliday(db: DB, actor: AuditActor, date: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = await deleteHoliday(tx, date);
    if (!before) throw new AppError('not_found', 'error.not_found');
    await markRemoved(tx, date);
    await recordAudit(tx, actor, { action: 'calendar.holiday.remove', subjectType: SUBJECT, subjectId: date, before, after: null });
  });
}
