import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icsCalendar, offsetMinutes, parseEvents, unfold } from './ical.ts';

const cal = () => icsCalendar({
  prodId: '-//Gapura//Agenda//ID', name: 'Agenda; uji', timeZone: 'Asia/Jakarta', stamp: new Date('2026-12-01T00:00:00Z'),
  events: [
    {
      uid: 'agenda-1@kota.example', title: 'Rapat, koordinasi; banjir \\ genangan', start: new Date('2026-12-03T02:00:00Z'), end: new Date('2026-12-03T04:30:00Z'), allDay: false,
      location: 'Balai Kota, Jl. Merdeka No. 1', description: `Baris pertama\nBaris kedua dengan kata-kata panjang ${'é'.repeat(60)} dan seterusnya sampai lewat 75 oktet`, url: 'https://kota.example/agenda/1',
    },
    { uid: 'agenda-2@kota.example', title: 'Hari bebas kendaraan', start: new Date('2026-12-04T17:00:00Z'), end: new Date('2026-12-05T17:00:00Z'), allDay: true, cancelled: true },
  ],
});

describe('iCalendar writer', () => {
  it('a VCALENDAR with PRODID and VERSION, CRLF line endings, every line at most 75 octets', () => {
    const ics = cal();
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Gapura//Agenda//ID\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Jakarta\r\n');
    expect(ics).toContain('TZOFFSETTO:+0700');
  });

  it('folding never splits a UTF-8 character and unfolds to the original line', () => {
    const line = `DESCRIPTION:${'é'.repeat(100)}`;
    const folded = foldLine(line);
    expect(folded.split('\r\n ').length).toBeGreaterThan(2);
    for (const part of folded.split('\r\n')) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
      expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
    }
    expect(unfold(`${folded}\r\n`)).toEqual([line]);
  });

  it('escapes , ; \\ and newlines, and parses back to the same text', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const [timed, allDay] = parseEvents(cal());
    expect(timed.SUMMARY.value).toBe('Rapat, koordinasi; banjir \\ genangan');
    expect(timed.LOCATION.value).toBe('Balai Kota, Jl. Merdeka No. 1');
    expect(timed.DESCRIPTION.value).toContain('Baris pertama\nBaris kedua');
    expect(timed.UID.value).toBe('agenda-1@kota.example');
    expect(timed.DTSTAMP.value).toBe('20261201T000000Z');
    // 02:00 UTC is 09:00 in Jakarta
    expect(timed.DTSTART).toMatchObject({ params: { TZID: 'Asia/Jakarta' }, value: '20261203T090000' });
    expect(timed.DTEND.value).toBe('20261203T113000');
    expect(timed.STATUS.value).toBe('CONFIRMED');
    expect(allDay.DTSTART).toMatchObject({ params: { VALUE: 'DATE' }, value: '20261205' });
    expect(allDay.DTEND.value).toBe('20261206');
    expect(allDay.STATUS.value).toBe('CANCELLED');
  });

  it('knows the fixed offsets of Indonesia', () => {
    expect(offsetMinutes(new Date('2026-06-01T00:00:00Z'), 'Asia/Jakarta')).toBe(420);
    expect(offsetMinutes(new Date('2026-06-01T00:00:00Z'), 'Asia/Jayapura')).toBe(540);
  });
});
