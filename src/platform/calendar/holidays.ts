// Holiday data: reading a region pack's holidays.json and loading it into the `holidays` table.
// The table is the runtime truth (admins edit it in /petugas/kalender); pack files only seed it.
import fs from 'node:fs';
import { z } from 'zod';
import type { Executor } from '../db/index.ts';
import type { TimestampDefault } from '../db/schema.ts';

declare module '../db/schema.ts' {
  interface Database {
    /** dates an admin removed; pack imports skip them (migration 000_platform_020) */
    holiday_removals: { date: string; removed_at: TimestampDefault };
  }
}

export type HolidayKind = 'national_holiday' | 'collective_leave' | 'regional';
export const HOLIDAY_KINDS: readonly HolidayKind[] = ['national_holiday', 'collective_leave', 'regional'];

export interface HolidayEntry {
  /** YYYY-MM-DD, a calendar day (no time zone) */
  date: string;
  name: string;
  kind: HolidayKind;
  /** true while the decree is not confirmed (e.g. next year's list reported but not published) */
  provisional: boolean;
}

/** Rows an admin created or edited carry this source; pack reloads never touch them. */
export const ADMIN_SOURCE = 'admin';

/** A real calendar day written YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const entrySchema = z.object({
  date: z.string().refine(isIsoDate, 'expected a real date written YYYY-MM-DD'),
  name: z.string().trim().min(1).max(200),
  kind: z.enum(['national_holiday', 'collective_leave', 'regional']),
  provisional: z.boolean().default(false),
});

/** The pack file: `{ source: {...}, holidays: [...] }`; a bare array of entries is accepted too. */
const packSchema = z.object({ source: z.unknown().optional(), holidays: z.array(entrySchema) });
const listSchema = z.array(entrySchema);

/** Reads and validates a holidays.json; throws an Error naming the file and the bad entry. */
export function readHolidayFile(path: string): HolidayEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`Holiday file ${path} could not be read as JSON: ${(e as Error).message}`);
  }
  // two schemas rather than a union, so an error points at the bad entry
  const r = Array.isArray(raw) ? listSchema.safeParse(raw) : packSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`Holiday file ${path} is invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const entries = Array.isArray(r.data) ? r.data : r.data.holidays;
  const seen = new Set<string>();
  for (const e of entries) {
    // the table has one row per date; two entries for one day would silently overwrite each other
    if (seen.has(e.date)) throw new Error(`Holiday file ${path} lists ${e.date} twice`);
    seen.add(e.date);
  }
  return entries.map((e) => ({ date: e.date, name: e.name, kind: e.kind, provisional: e.provisional }));
}

/**
 * Upserts entries into `holidays`, tagged with `source` (e.g. 'region-pack:_indonesia').
 * A row changes only when name, kind, provisional or source differ, so a second identical import
 * reports {added: 0, updated: 0} and keeps updated_at. Rows with source 'admin' are never touched,
 * and dates an admin removed (holiday_removals) are not added back: an admin's edit wins over a
 * pack reload. Dates missing from `entries` are left alone.
 */
export async function importHolidays(
  tx: Executor,
  entries: HolidayEntry[],
  source: string,
): Promise<{ added: number; updated: number }> {
  if (source === ADMIN_SOURCE) throw new Error(`importHolidays: source '${ADMIN_SOURCE}' is reserved for edits in the back office`);
  if (!entries.length) return { added: 0, updated: 0 };
  const existing = new Map(
    (
      await tx
        .selectFrom('holidays')
        .select(['date', 'name', 'kind', 'provisional', 'source'])
        .where('date', 'in', entries.map((e) => e.date))
        .execute()
    ).map((r) => [r.date, r]),
  );
  const removed = new Set(
    (await tx.selectFrom('holiday_removals').select('date').where('date', 'in', entries.map((e) => e.date)).execute()).map((r) => r.date),
  );
  let added = 0;
  let updated = 0;
  for (const e of entries) {
    if (removed.has(e.date)) continue;
    const row = existing.get(e.date);
    if (!row) {
      // on conflict: another copy imported the same day meanwhile; theirs is as good as ours
      const res = await tx
        .insertInto('holidays')
        .values({ date: e.date, name: e.name, kind: e.kind, provisional: e.provisional, source })
        .onConflict((oc) => oc.column('date').doNothing())
        .executeTakeFirst();
      if (Number(res.numInsertedOrUpdatedRows ?? 0) > 0) added++;
      continue;
    }
    if (row.source === ADMIN_SOURCE) continue;
    if (row.name === e.name && row.kind === e.kind && row.provisional === e.provisional && row.source === source) continue;
    const res = await tx
      .updateTable('holidays')
      .set({ name: e.name, kind: e.kind, provisional: e.provisional, source, updated_at: new Date() })
      .where('date', '=', e.date)
      .where('source', '<>', ADMIN_SOURCE) // an admin may have edited it since we read
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) > 0) updated++;
  }
  return { added, updated };
}
