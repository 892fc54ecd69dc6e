// Indonesian first, English second. Every string a person reads goes through t(); each module ships
// its own dictionary in its manifest and a test checks that both languages have every key.
import { platformDict } from './platform.ts';

export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type Dict = Record<string, string>;
export type Translate = (key: string, params?: Record<string, string | number>) => string;

const dictionaries: Record<Locale, Dict> = { id: { ...platformDict.id }, en: { ...platformDict.en } };

export function addDictionary(locales: { id: Dict; en: Dict }) {
  Object.assign(dictionaries.id, locales.id);
  Object.assign(dictionaries.en, locales.en);
}

export function dictionary(locale: Locale): Readonly<Dict> {
  return dictionaries[locale];
}

export function isLocale(v: unknown): v is Locale {
  return v === 'id' || v === 'en';
}

export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale];
  return (key, params) => {
    // A missing key shows the key itself: visible in review, never a crash in front of a citizen.
    let s = dict[key] ?? dictionaries.id[key] ?? key;
    if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  };
}

const months: Record<Locale, string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** '22 November 2026' (a calendar date, 'YYYY-MM-DD', or an instant shown in the region's time zone). */
export function formatDate(locale: Locale, value: string | Date, timeZone = 'Asia/Jakarta'): string {
  const ymd = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? value
    : new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(value));
  const [y, m, d] = ymd.split('-').map(Number);
  return `${d} ${months[locale][m - 1]} ${y}`;
}

/** '22 November 2026 14.05' in the region's time zone. */
export function formatDateTime(locale: Locale, value: Date | string, timeZone = 'Asia/Jakarta'): string {
  const d = new Date(value);
  const hm = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  return `${formatDate(locale, d, timeZone)} ${locale === 'id' ? hm.replace(':', '.') : hm}`;
}
