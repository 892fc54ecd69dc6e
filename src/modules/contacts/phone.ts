// Indonesian phone numbers as people type them ("0711 123456", "0812-3456-7890", "+62 812…",
// "62812…", "112") turned into one stored form, and the links a phone understands:
// tel:+62711123456, tel:112, https://wa.me/6281234567890.

/** National short numbers (112, 110, 113, 118, 119, 115, 129 …) and short call-centre codes. */
const SHORT = /^[1-9]\d{2,5}$/;
/** +62, then an area code or mobile prefix (never 0), then the subscriber: 8 to 13 digits in all. */
const E164_ID = /^\+62[1-9]\d{7,12}$/;
const MOBILE = /^\+628\d{7,11}$/;

/**
 * The stored form of a phone number: '+62…' for full numbers, the digits for short ones.
 * Returns null when it is not an Indonesian number we can dial.
 */
export function normalisePhone(input: string): string | null {
  const raw = input.trim();
  // separators people use when writing numbers; anything else (letters, control characters) is refused
  if (!/^\+?[\d\s().-]+$/.test(raw)) return null;
  const plus = raw.startsWith('+');
  const digits = raw.replace(/\D/g, '');
  if (!plus && SHORT.test(digits)) return digits;
  let full: string;
  if (plus) full = `+${digits}`;
  else if (digits.startsWith('62')) full = `+${digits}`;
  else if (digits.startsWith('0')) full = `+62${digits.slice(1)}`;
  else return null;
  return E164_ID.test(full) ? full : null;
}

/** A WhatsApp number must be a mobile number (08… / +628…). */
export function normaliseWhatsapp(input: string): string | null {
  const n = normalisePhone(input);
  return n && MOBILE.test(n) ? n : null;
}

export const telHref = (stored: string) => `tel:${stored}`;

/** wa.me wants the international number without '+'. */
export const whatsappHref = (stored: string) => `https://wa.me/${stored.replace(/^\+/, '')}`;

/** How a number is shown: the national form people know ("0812 3456 7890", "0711 123456", "112"). */
export function displayPhone(stored: string): string {
  if (!stored.startsWith('+62')) return stored;
  const national = `0${stored.slice(3)}`;
  if (national.startsWith('08')) return national.replace(/^(\d{4})(\d{4})(\d+)$/, '$1 $2 $3');
  // landlines: the area code is 2 or 3 digits after the 0 (021 Jakarta, 0711 Palembang); keep it apart
  const area = /^0(21|22|24|31|61)/.test(national) ? 3 : 4;
  return `${national.slice(0, area)} ${national.slice(area)}`;
}
