// Editing the holiday list from the back office. Every change is audited in its own transaction
// and marks the row source 'admin', so a region-pack reload never overwrites it; a removal leaves a
// record in holiday_removals so the pack does not add the date back.
import { recordAudit, type AuditActor } from '../../platform/audit/audit.ts';
import { ADMIN_SOURCE } from '../../platform/calendar/holidays.ts';
import type { HolidayRow } from '../../platform/calendar/calendar.ts';
import type { DB, Executor } from '../../platform/db/index.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { FieldErrors } from '../../platform/http/input.ts';
import type { HolidayInput } from './schema.ts';

export type SaveResult = { ok: true } | { ok: false; errors: FieldErrors };

const SUBJECT = 'holiday';
const columns = ['date', 'name', 'kind', 'provisional', 'source'] as const;

/** The year's rows straight from the database (staff see their own edits at once, whatever copy serves them). */
export async function listYear(db: Executor, year: number): Promise<HolidayRow[]> {
  return db
    .selectFrom('holidays')
    .select(columns)
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
}

export async function findHoliday(db: Executor, date: string): Promise<HolidayRow | undefined> {
  return db.selectFrom('holidays').select(columns).where('date', '=', date).executeTakeFirst();
}

const duplicate: SaveResult = { ok: false, errors: { date: 'calendar.date.duplicate' } };

export async function addHoliday(db: DB, actor: AuditActor, input: HolidayInput): Promise<SaveResult> {
  return db.transaction().execute(async (tx) => {
    const row = { date: input.date, name: input.name, kind: input.kind, provisional: input.provisional, source: ADMIN_SOURCE };
    // the primary key decides duplicates, also when two admins add the same day at once
    const inserted = await tx.insertInto('holidays').values(row).onConflict((oc) => oc.column('date').doNothing()).returning('date').executeTakeFirst();
    if (!inserted) return duplicate;
    await tx.deleteFrom('holiday_removals').where('date', '=', input.date).execute();
    await recordAudit(tx, actor, { action: 'calendar.holiday.add', subjectType: SUBJECT, subjectId: input.date, before: null, after: row });
    return { ok: true } as const;
  });
}

export async function updateHoliday(db: DB, actor: AuditActor, date: string, input: HolidayInput): Promise<SaveResult> {
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('holidays').select(columns).where('date', '=', date).forUpdate().executeTakeFirst();
    if (!before) throw new AppError('not_found', 'error.not_found');
    const after = { date: input.date, name: input.name, kind: input.kind, provisional: input.provisional, source: ADMIN_SOURCE };
    if (columns.every((k) => before[k] === after[k])) return { ok: true } as const; // nothing to change or audit
    if (input.date !== date) {
      const taken = await tx.selectFrom('holidays').select('date').where('date', '=', input.date).executeTakeFirst();
      if (taken) return duplicate;
    }
    await tx.updateTable('holidays').set({ ...after, updated_at: new Date() }).where('date', '=', date).execute();
    if (input.date !== date) {
      // moved: the pack must not bring the old date back, and the new date is wanted again
      await tx.insertInto('holiday_removals').values({ date }).onConflict((oc) => oc.column('date').doUpdateSet({ removed_at: new Date() })).execute();
      await tx.deleteFrom('holiday_removals').where('date', '=', input.date).execute();
    }
    await recordAudit(tx, actor, { action: 'calendar.holiday.update', subjectType: SUBJECT, subjectId: date, before, after });
    return { ok: true } as const;
  });
}

export async function removeHoliday(db: DB, actor: AuditActor, date: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = await tx.deleteFrom('holidays').where('date', '=', date).returning(columns).executeTakeFirst();
    if (!before) throw new AppError('not_found', 'error.not_found');
    await tx.insertInto('holiday_removals').values({ date }).onConflict((oc) => oc.column('date').doUpdateSet({ removed_at: new Date() })).execute();
    await recordAudit(tx, actor, { action: 'calendar.holiday.remove', subjectType: SUBJECT, subjectId: date, before, after: null });
  });
}
