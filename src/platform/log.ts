// Structured one-line JSON logs. Never pass personal data or secrets here: fields whose names look
// sensitive are masked as a second line of defence.
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;
const SENSITIVE = /pass|secret|token|nik|code|otp|totp|cookie|authorization|phone|email/i;

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Personal data that can hide inside free text such as a database error ("Key (email)=(…) exists"). */
const IN_TEXT: [RegExp, string][] = [
  // an address: local part of the characters addresses use (not '/', so `node_modules/@scope/pkg`
  // paths in stack traces stay readable), a domain of dotted labels ending in a TLD
  [/[a-z0-9.!#$%&*+=?^_`{|}~-]+@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}\b/gi, '[email]'],
  [/(?:\+?62[\s-]?|\b0)8\d{2}[\d\s-]{6,14}\d/g, '[phone]'],
  [/\b\d{16}\b/g, '[nik]'],
];

export function scrub(text: string): string {
  let out = text;
  for (const [re, mask] of IN_TEXT) out = out.replace(re, mask);
  return out;
}

export function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = SENSITIVE.test(k) ? '[redacted]' : typeof v === 'string' ? scrub(v) : v;
  return out;
}

export function createLogger(level: Level = 'info', write: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger {
  const min = LEVELS[level];
  const emit = (lvl: Level) => (msg: string, fields: Record<string, unknown> = {}) => {
    if (LEVELS[lvl] < min) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg: scrub(msg), ...redact(fields) }));
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
