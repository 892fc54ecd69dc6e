// The region pack's holidays.json is generated from the researched list in ../shared/data by
// scripts/build-holidays.ts. This test fails when the two drift apart: re-run the script.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHolidayFile } from './holidays.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const sharedFile = path.resolve(root, '../shared/data/holidays-id.json');
const packFile = path.join(root, 'region-packs/_indonesia/holidays.json');

interface Day { date: string; name: string }
type Year = { national_holidays: Day[]; collective_leave: Day[]; reported_unconfirmed?: { national_holidays: Day[]; collective_leave: Day[] } };

describe.skipIf(!fs.existsSync(sharedFile))('region-packs/_indonesia/holidays.json', () => {
  // the body is collected even when skipped: read only when the file exists (a clone elsewhere has none)
  const shared = (fs.existsSync(sharedFile) ? JSON.parse(fs.readFileSync(sharedFile, 'utf8')) : { years: {} }) as { years: Record<string, Year> };
  const pack = readHolidayFile(packFile);
  const key = (e: { date: string; name: string; kind: string; provisional: boolean }) => `${e.date}|${e.kind}|${e.provisional}|${e.name}`;

  it('matches ../shared/data/holidays-id.json (2025–2026 confirmed, 2027 provisional)', () => {
    const expected: string[] = [];
    for (const y of ['2025', '2026']) {
      const year = shared.years[y];
      for (const d of year.national_holidays) expected.push(key({ ...d, kind: 'national_holiday', provisional: false }));
      for (const d of year.collective_leave) expected.push(key({ ...d, kind: 'collective_leave', provisional: false }));
    }
    const r = shared.years['2027'].reported_unconfirmed!;
    // once 2027 is confirmed upstream, its lists move out of reported_unconfirmed: update the script
    expect(shared.years['2027'].national_holidays).toEqual([]);
    for (const d of r.national_holidays) expected.push(key({ ...d, kind: 'national_holiday', provisional: true }));
    for (const d of r.collective_leave) expected.push(key({ ...d, kind: 'collective_leave', provisional: true }));
    expect(pack.map(key).sort()).toEqual(expected.sort());
  });

  it('keeps a source header naming the decrees and the provisional year', () => {
    const header = JSON.parse(fs.readFileSync(packFile, 'utf8')).source;
    expect(header.decrees['2026'][0]).toMatch(/Nomor 1497 Tahun 2025/);
    expect(header.decrees['2027'][0]).toMatch(/^PROVISIONAL/);
    expect(header.note).toMatch(/2027 is PROVISIONAL/);
  });

  it('has every 2025–2026 entry confirmed and every 2027 entry provisional', () => {
    for (const e of pack) expect(e.provisional, e.date).toBe(e.date.startsWith('2027-'));
  });
});
