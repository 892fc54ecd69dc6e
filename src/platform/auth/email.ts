// What Gapura accepts as an email address, everywhere one is typed (registration, profile, sign-in,
// staff accounts, the CLI). Deliberately narrower than RFC 5322: the characters a real address in
// Indonesia uses, and none that mean something in HTML, SQL strings or mail headers (' " < > ,).
const EMAIL = /^[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$/;

export function isEmail(input: string): boolean {
  const s = input.trim();
  return s.length <= 200 && EMAIL.test(s);
}

export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}
