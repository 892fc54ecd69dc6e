// Builds region-packs/_indonesia/holidays.json from the researched list in ../shared/data/holidays-id.json.
// Run: npx tsx scripts/build-holidays.ts [source.json] [target.json]
// The pack file is what Gapura reads at runtime (../shared does not exist in production); the test
// src/platform/calendar/pack.test.ts checks that the two never drift apart.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const from = path.resolve(root, process.argv[2] ?? '../shared/data/holidays-id.json');
const to = path.resolve(root, process.argv[3] ?? 'region-packs/_indonesia/holidays.json');

interface Day { date: string; name: string }
interface Year {
  decree: string;
  amendments?: { decree: string }[];
  national_holidays: Day[];
  collective_leave: Day[];
  reported_unconfirmed?: { national_holidays: Day[]; collective_leave: Day[] };
}
const data = JSON.parse(fs.readFileSync(from, 'utf8')) as { years: Record<string, Year> };

/** Confirmed years take the lists; a year with only a reported (unconfirmed) decree is provisional. */
const CONFIRMED = ['2025', '2026'];
const PROVISIONAL = ['2027'];

// Decree names are long; the header keeps the part before the first ';' (the title).
const title = (s: string) => s.split(';')[0].trim();

const holidays: { date: string; name: string; kind: string; provisional: boolean }[] = [];
const decrees: Record<string, string[]> = {};
for (const y of CONFIRMED) {
  const year = data.years[y];
  decrees[y] = [title(year.decree), ...(year.amendments ?? []).map((a) => title(a.decree))];
  for (const d of year.national_holidays) holidays.push({ date: d.date, name: d.name, kind: 'national_holiday', provisional: false });
  for (const d of year.collective_leave) holidays.push({ date: d.date, name: d.name, kind: 'collective_leave', provisional: false });
}
for (const y of PROVISIONAL) {
  const year = data.years[y];
  const r = year.reported_unconfirmed;
  if (!r) continue;
  // the researched note starts with why it is unconfirmed; keep just the decree it reports
  const reported = title(year.decree.slice(Math.max(0, year.decree.indexOf('Keputusan'))));
  decrees[y] = [`PROVISIONAL (reported by secondary sources only, not verified): ${reported}`];
  for (const d of r.national_holidays) holidays.push({ date: d.date, name: d.name, kind: 'national_holiday', provisional: true });
  for (const d of r.collective_leave) holidays.push({ date: d.date, name: d.name, kind: 'collective_leave', provisional: true });
}
holidays.sort((a, b) => a.date.localeCompare(b.date));

const pack = {
  source: {
    generatedBy: 'scripts/build-holidays.ts from ../shared/data/holidays-id.json — edit that file and re-run, do not edit by hand',
    note:
      'National holidays (libur nasional) and cuti bersama from the SKB 3 Menteri (Menteri Agama, Menteri Ketenagakerjaan, Menteri PANRB). ' +
      `${CONFIRMED.join(' and ')} are confirmed. ${PROVISIONAL.join(', ')} is PROVISIONAL (provisional: true): the decree was reported but not ` +
      'verified against an official source; check it and update when published. Names follow news reproductions of the annex.',
    decrees,
  },
  holidays,
};
fs.mkdirSync(path.dirname(to), { recursive: true });
// one day per line: a reviewer reads the list like a calendar and diffs stay small
const body = JSON.stringify({ ...pack, holidays: [] }, null, 2).replace(
  '"holidays": []',
  `"holidays": [\n${holidays.map((h) => `    ${JSON.stringify(h)}`).join(',\n')}\n  ]`,
);
fs.writeFileSync(to, `${body}\n`);
console.log(`wrote ${holidays.length} days to ${path.relative(root, to)}`);
