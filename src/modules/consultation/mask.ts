// De-identification of a question before it is published as an FAQ entry: the officer rewrites
// the public wording; on top of that, anything that looks like a NIK, a phone number or an email
// address is masked automatically, whatever the officer left in.
const PATTERNS: [RegExp, string][] = [
  [/[a-z0-9.!#$%&*+=?^_`{|}~-]+@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}/gi, '[email]'],
  // a NIK: 16 digits, possibly grouped with spaces, dots or dashes
  [/\b\d(?:[\s.-]?\d){15}\b/g, '[NIK]'],
  // Indonesian phone numbers: +62 / 62 / 0 then 8–13 more digits, possibly grouped
  [/(?:\+62|\b62|\b0)[\s.-]?\d{2,4}(?:[\s.-]?\d{2,5}){2,3}\b/g, '[nomor telepon]'],
];

export function maskPersonalData(text: string): string {
  let out = text;
  for (const [re, mask] of PATTERNS) out = out.replace(re, mask);
  return out;
}
