import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';
import { importHolidays, readHolidayFile, type HolidayEntry } from './holidays.ts';
import { createCalendar } from './calendar.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ modules: [], seed: false });
});
afterAll(() => t.close());

const entries: HolidayEntry[] = [
  { date: '2026-03-20', name: 'Cuti bersama Idul Fitri 1447 Hijriah', kind: 'collective_leave', provisional: false },
  { date: '2026-03-21', name: 'Idul Fitri 1447 Hijriah', kind: 'national_holiday', provisional: false },
  { date: '2027-01-05', name: 'Isra Mikraj', kind: 'national_holiday', provisional: true },
];

describe('importHolidays', () => {
  it('adds, then reports 0/0 and keeps updated_at on a second identical import', async () => {
    expect(await importHolidays(t.ctx.db, entries, 'region-pack:test')).toEqual({ added: 3, updated: 0 });
    const before = await t.ctx.db.selectFrom('holidays').selectAll().orderBy('date').execute();
    expect(before.map((r) => [r.date, r.kind, r.provisional, r.source])).toEqual([
      ['2026-03-20', 'collective_leave', false, 'region-pack:test'],
      ['2026-03-21', 'national_holiday', false, 'region-pack:test'],
      ['2027-01-05', 'national_holiday', true, 'region-pack:test'],
    ]);
    expect(await importHolidays(t.ctx.db, entries, 'region-pack:test')).toEqual({ added: 0, updated: 0 });
    const after = await t.ctx.db.selectFrom('holidays').selectAll().orderBy('date').execute();
    expect(after.map((r) => r.updated_at.getTime())).toEqual(before.map((r) => r.updated_at.getTime()));
  });

  it('updates only rows that differ, and never an admin-edited row', async () => {
    await t.ctx.db
      .updateTable('holidays')
      .set({ name: 'Cuti bersama (diubah admin)', source: 'admin' })
      .where('date', '=', '2026-03-20')
      .execute();
    const confirmed = entries.map((e) => ({ ...e, provisional: false }));
    confirmed[2].name = 'Isra Mikraj Nabi Muhammad S.A.W.';
    const r = await t.ctx.db.transaction().execute((tx) => importHolidays(tx, confirmed, 'region-pack:test'));
    expect(r).toEqual({ added: 0, updated: 1 });
    const rows = await t.ctx.db.selectFrom('holidays').selectAll().orderBy('date').execute();
    expect(rows[0]).toMatchObject({ name: 'Cuti bersama (diubah admin)', source: 'admin' });
    expect(rows[2]).toMatchObject({ name: 'Isra Mikraj Nabi Muhammad S.A.W.', provisional: false });
    await expect(importHolidays(t.ctx.db, entries, 'admin')).rejects.toThrow(/reserved/);
  });

  it('does not bring back a date an admin removed', async () => {
    const extra: HolidayEntry = { date: '2026-08-18', name: 'Cuti bersama', kind: 'collective_leave', provisional: false };
    await t.ctx.db.insertInto('holiday_removals').values({ date: extra.date }).execute();
    expect(await importHolidays(t.ctx.db, [extra], 'region-pack:test')).toEqual({ added: 0, updated: 0 });
    expect(await t.ctx.db.selectFrom('holidays').select('date').where('date', '=', extra.date).executeTakeFirst()).toBeUndefined();
    await t.ctx.db.deleteFrom('holiday_removals').execute();
  });

  it('feeds the cached calendar, which sees edits after invalidate()', async () => {
    const cal = createCalendar(t.ctx.db);
    expect(await cal.timeZone()).toBe('Asia/Jakarta'); // no region row yet
    expect(await cal.isWorkingDay('2026-03-20')).toBe(false);
    expect(await cal.isWorkingDay('2026-03-19')).toBe(true); // not imported in this test
    expect((await cal.holidaysInYear(2026)).map((h) => h.date)).toEqual(['2026-03-20', '2026-03-21']);
    await importHolidays(t.ctx.db, [{ date: '2026-03-19', name: 'Nyepi', kind: 'national_holiday', provisional: false }], 'region-pack:test');
    expect(await cal.isWorkingDay('2026-03-19')).toBe(true); // cached
    cal.invalidate();
    expect(await cal.isWorkingDay('2026-03-19')).toBe(false);
    // Wed 18 March 2026 10:00 WIB + 1 working day: 19, 20 holidays, 21–22 weekend → Monday 23
    const due = await cal.addWorkingDays(new Date('2026-03-18T10:00:00+07:00'), 1);
    expect(due.toISOString()).toBe('2026-03-23T16:59:59.999Z');
    expect(await cal.countWorkingDays(new Date('2026-03-18T10:00:00+07:00'), due)).toBe(1);
    // the region's time zone is used once set
    await t.ctx.db.insertInto('region').values({ code: '94.71', slug: 'jayapura', name: 'Kota Jayapura', time_zone: 'Asia/Jayapura' }).execute();
    cal.invalidate();
    expect(await cal.timeZone()).toBe('Asia/Jayapura');
    expect(await cal.isWorkingDay(new Date('2026-03-24T16:30:00Z'))).toBe(true); // 01:30 WIT Wed 25 March
    // a short TTL refreshes without invalidate()
    const quick = createCalendar(t.ctx.db, { ttlMs: 0 });
    expect(await quick.isWorkingDay('2026-03-25')).toBe(true);
    await importHolidays(t.ctx.db, [{ date: '2026-03-25', name: 'Hari libur daerah', kind: 'regional', provisional: false }], 'region-pack:test');
    expect(await quick.isWorkingDay('2026-03-25')).toBe(false);
  });
});

describe('readHolidayFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-hol-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, body: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, body);
    return p;
  };

  it('reads the pack shape and a bare array, defaulting provisional to false', () => {
    const a = write('a.json', JSON.stringify({ source: { note: 'x' }, holidays: [{ date: '2026-01-01', name: 'Tahun Baru', kind: 'national_holiday' }] }));
    expect(readHolidayFile(a)).toEqual([{ date: '2026-01-01', name: 'Tahun Baru', kind: 'national_holiday', provisional: false }]);
    const b = write('b.json', JSON.stringify([{ date: '2026-01-01', name: 'Tahun Baru', kind: 'national_holiday', provisional: true }]));
    expect(readHolidayFile(b)[0].provisional).toBe(true);
  });

  it('names the file and the problem', () => {
    const bad = write('bad-date.json', JSON.stringify({ holidays: [{ date: '2026-02-30', name: 'x', kind: 'national_holiday' }] }));
    expect(() => readHolidayFile(bad)).toThrow(/bad-date\.json is invalid at holidays\.0\.date/);
    const kind = write('bad-kind.json', JSON.stringify([{ date: '2026-02-03', name: 'x', kind: 'holiday' }]));
    expect(() => readHolidayFile(kind)).toThrow(/bad-kind\.json is invalid at 0\.kind/);
    const dup = write('dup.json', JSON.stringify([
      { date: '2026-02-03', name: 'x', kind: 'regional' },
      { date: '2026-02-03', name: 'y', kind: 'regional' },
    ]));
    expect(() => readHolidayFile(dup)).toThrow(/dup\.json lists 2026-02-03 twice/);
    const json = write('broken.json', '{');
    expect(() => readHolidayFile(json)).toThrow(/broken\.json could not be read as JSON/);
    expect(() => readHolidayFile(path.join(dir, 'missing.json'))).toThrow(/missing\.json/);
  });
});
