// The iCalendar writer (RFC 5545): VCALENDAR with PRODID, VERSION, CALSCALE, METHOD, one VTIMEZONE
// for the region's zone (Indonesia has no daylight saving time since 1964: one STANDARD block with
// a fixed offset), and a VEVENT per event with UID, DTSTAMP, DTSTART/DTEND (VALUE=DATE for all-day
// events, TZID otherwise), SUMMARY, LOCATION, DESCRIPTION, STATUS, URL. Lines end in CRLF and are
// folded at 75 octets without splitting a UTF-8 character; TEXT values escape \ ; , and newlines.

export interface IcsEvent {
  uid: string;
  title: string;
  start: Date;
  /** exclusive end; for all-day events the start of the day after the last day */
  end: Date;
  allDay: boolean;
  location?: string;
  description?: string;
  url?: string;
  cancelled?: boolean;
  /** the last change (LAST-MODIFIED) */
  updated?: Date;
  organiser?: string;
}

export interface IcsCalendar {
  prodId: string;
  name: string;
  timeZone: string;
  /** DTSTAMP of every event: when this file was written */
  stamp: Date;
  events: IcsEvent[];
}

/** TEXT escaping (RFC 5545 §3.3.11). */
export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds one content line at 75 octets: CRLF + a space, never inside a multi-byte character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > limit) {
      out.push(cur);
      cur = '';
      bytes = 0;
      // continuation lines start with a space, which counts towards their 75 octets
      limit = 74;
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const utc = (d: Date) => `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;

/** The local wall-clock parts of an instant in `timeZone`. */
function localParts(d: Date, timeZone: string) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(d).map((p) => [p.type, p.value]));
  return { date: `${parts.year}${parts.month}${parts.day}`, time: `${parts.hour}${parts.minute}${parts.second}` };
}

/** The zone's offset from UTC in minutes at `d` (e.g. 420 for Asia/Jakarta). */
export function offsetMinutes(d: Date, timeZone: string): number {
  const p = localParts(d, timeZone);
  const asUtc = Date.UTC(+p.date.slice(0, 4), +p.date.slice(4, 6) - 1, +p.date.slice(6, 8), +p.time.slice(0, 2), +p.time.slice(2, 4), +p.time.slice(4, 6));
  return Math.round((asUtc - Math.floor(d.getTime() / 1000) * 1000) / 60_000);
}

function offsetText(min: number): string {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${pad(Math.floor(a / 60))}${pad(a % 60)}`;
}

const ZONE_NAMES: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

export function icsCalendar(cal: IcsCalendar): string {
  const off = offsetText(offsetMinutes(cal.stamp, cal.timeZone));
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${cal.prodId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    `X-WR-TIMEZONE:${cal.timeZone}`,
    'BEGIN:VTIMEZONE',
    `TZID:${cal.timeZone}`,
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    `TZOFFSETFROM:${off}`,
    `TZOFFSETTO:${off}`,
    `TZNAME:${ZONE_NAMES[cal.timeZone] ?? off}`,
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
  for (const e of cal.events) {
    const when = (prop: string, d: Date) => {
      const p = localParts(d, cal.timeZone);
      return e.allDay ? `${prop};VALUE=DATE:${p.date}` : `${prop};TZID=${cal.timeZone}:${p.date}T${p.time}`;
    };
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${utc(cal.stamp)}`,
      when('DTSTART', e.start),
      when('DTEND', e.end),
      `SUMMARY:${escapeText(e.title)}`,
      ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
      ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
      ...(e.organiser ? [`X-GAPURA-ORGANISER:${escapeText(e.organiser)}`] : []),
      ...(e.url ? [`URL:${e.url}`] : []),
      ...(e.updated ? [`LAST-MODIFIED:${utc(e.updated)}`] : []),
      `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

// ---- reading back (tests, and anyone checking a feed): unfold, split properties, unescape TEXT

export interface IcsProperty { name: string; params: Record<string, string>; value: string }

export function unfold(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n').filter((l) => l.length > 0);
}

export function unescapeText(s: string): string {
  return s.replace(/\\([\\;,nN])/g, (_, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch));
}

export function parseLine(line: string): IcsProperty {
  const colon = line.indexOf(':');
  const [name, ...params] = line.slice(0, colon).split(';');
  return { name: name.toUpperCase(), params: Object.fromEntries(params.map((p) => p.split('=') as [string, string])), value: line.slice(colon + 1) };
}

/** The VEVENTs of a calendar as property maps (TEXT values unescaped). */
export function parseEvents(text: string): Record<string, IcsProperty>[] {
  const events: Record<string, IcsProperty>[] = [];
  let cur: Record<string, IcsProperty> | undefined;
  for (const line of unfold(text)) {
    const p = parseLine(line);
    if (p.name === 'BEGIN' && p.value === 'VEVENT') cur = {};
    else if (p.name === 'END' && p.value === 'VEVENT') { events.push(cur!); cur = undefined; }
    else if (cur) cur[p.name] = ['SUMMARY', 'LOCATION', 'DESCRIPTION'].includes(p.name) ? { ...p, value: unescapeText(p.value) } : p;
  }
  return events;
}
