// Document numbers: a format with tokens, filled from the sequence and the issue date (region time zone).
const TOKEN = /\{([a-z]+)(?::([a-z0-9]+))?\}/g;
const KNOWN: Record<string, (string | undefined)[]> = {
  seq: [undefined, '1', '2', '3', '4', '5', '6'],
  unit: [undefined],
  year: [undefined],
  month: [undefined, '2', 'roman'],
  day: [undefined, '2'],
};

export function toRoman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
}

/** null when the format is usable, else a message naming the bad token. It must contain {seq}. */
export function checkNumberFormat(format: string): string | null {
  if (!format.trim() || format.length > 200) return 'the number format is empty or longer than 200 characters';
  let seq = false;
  for (const m of format.matchAll(TOKEN)) {
    const [all, name, arg] = m;
    const allowed = KNOWN[name];
    if (!allowed?.includes(arg)) return `unknown token ${all} in the number format`;
    if (name === 'seq') seq = true;
  }
  if (/[{}]/.test(format.replace(TOKEN, ''))) return 'unbalanced { } in the number format';
  if (!seq) return 'the number format has no {seq}';
  return null;
}

export interface NumberParts {
  seq: number;
  unitCode: string;
  year: number;
  month: number;
  day: number;
}

export function formatNumber(format: string, p: NumberParts): string {
  const bad = checkNumberFormat(format);
  if (bad) throw new Error(bad);
  return format.replace(TOKEN, (_all, name: string, arg?: string) => {
    switch (name) {
      case 'seq': return String(p.seq).padStart(arg ? Number(arg) : 1, '0');
      case 'unit': return p.unitCode;
      case 'year': return String(p.year);
      case 'month': return arg === 'roman' ? toRoman(p.month) : String(p.month).padStart(arg ? 2 : 1, '0');
      default: return String(p.day).padStart(arg ? 2 : 1, '0');
    }
  });
}

/** year, month, day of an instant in a time zone */
export function zonedDate(at: Date, timeZone: string): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (t: string) => Number(parts.find((x) => x.type === t)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}
