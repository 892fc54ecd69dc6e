// The calendar module's SQL. The holidays and holiday_removals tables themselves are the
// platform's (platform/calendar computes working days from them and imports region packs into
// them); this module edits them from the back office.
import type { HolidayRow } from '../../platform/calendar/calendar.ts';
import type { Executor } from '../../platform/db/index.ts';

const columns = ['date', 'name', 'kind', 'provisional', 'source'] as const;
export const HOLIDAY_COLUMNS = columns;

export async function listYear(db: Executor, year: number): Promise<HolidayRow[]> {
  return db
    .selectFrom('holidays')
    .select(columns)
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
}

/** Every holiday from a year on, for the open-data export. */
export async function listFrom(db: Executor, year: number): Promise<HolidayRow[]> {
  return db.selectFrom('holidays').select(columns).where('date', '>=', `${year}-01-01`).orderBy('date').execute();
}

export async function findHoliday(db: Executor, date: string, opts: { forUpdate?: boolean } = {}): Promise<HolidayRow | undefined> {
  const q = db.selectFrom('holidays').select(columns).where('date', '=', date);
  return (opts.forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

/** false when the date is taken (the primary key decides, also when two admins add it at once) */
export async function insertHoliday(tx: Executor, row: HolidayRow): Promise<boolean> {
  return !!(await tx.insertInto('holidays').values(row).onConflict((oc) => oc.column('date').doNothing()).returning('date').executeTakeFirst());
}

export async function updateHolidayRow(tx: Executor, date: string, row: HolidayRow): Promise<void> {
  await tx.updateTable('holidays').set({ ...row, updated_at: new Date() }).where('date', '=', date).execute();
}

export async function deleteHoliday(tx: Executor, date: string): Promise<HolidayRow | undefined> {
  return tx.deleteFrom('holidays').where('date', '=', date).returning(columns).executeTakeFirst();
}

/** Remember that an admin removed (or moved away from) this date: a pack reload must not add it back. */
export async function markRemoved(tx: Executor, date: string): Promise<void> {
  await tx.insertInto('holiday_removals').values({ date }).onConflict((oc) => oc.column('date').doUpdateSet({ removed_at: new Date() })).execute();
}

/** The date is wanted again. */
export async function unmarkRemoved(tx: Executor, date: string): Promise<void> {
  await tx.deleteFrom('holiday_removals').where('date', '=', date).execute();
}
