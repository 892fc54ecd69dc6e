// Branding rules shared by the region-pack loader and the branding page: colours are #hex and must
// keep WCAG AA contrast (4.5:1) where the layout uses them, so a city cannot make its own site
// unreadable by picking colours.
import type { Branding } from '../db/schema.ts';

declare module '../db/schema.ts' {
  interface Branding {
    /** the logo's SVG text, served at branding.logo ('/logo.svg'); from the pack's logo.svg */
    logoSvg?: string;
  }
}

export const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
export const MIN_CONTRAST = 4.5;
/** The page background the layout puts links (primary) and notices (accent) on. */
export const PAGE_BACKGROUND = '#ffffff';

function channels(hex: string): [number, number, number] {
  let h = hex.slice(1);
  if (h.length === 3) h = h.replace(/./g, (c) => c + c);
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255) as [number, number, number];
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, 1–21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export interface ContrastProblem {
  /** the colour field to change */
  field: 'primary' | 'primaryText' | 'accent';
  /** which pair: 'header' (primaryText on primary), 'links' (primary on white), 'accent' (accent on white) */
  pair: 'header' | 'links' | 'accent';
  ratio: number;
}

/** The colour pairs the layout actually draws; each must reach 4.5:1. */
export function contrastProblems(colors: Branding['colors'] = {}): ContrastProblem[] {
  const out: ContrastProblem[] = [];
  const ok = (v?: string): v is string => !!v && HEX_COLOR.test(v);
  const check = (field: ContrastProblem['field'], pair: ContrastProblem['pair'], fg?: string, bg?: string) => {
    if (!ok(fg) || !ok(bg)) return;
    const ratio = contrastRatio(fg, bg);
    if (ratio < MIN_CONTRAST) out.push({ field, pair, ratio: Math.floor(ratio * 100) / 100 });
  };
  check('primaryText', 'header', colors.primaryText, colors.primary);
  check('primary', 'links', colors.primary, PAGE_BACKGROUND);
  check('accent', 'accent', colors.accent, PAGE_BACKGROUND);
  return out;
}

/** Contact values with the empty ones dropped (packs keep empty placeholders for cities to fill). */
export function compactContact(c: Record<string, string | undefined> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(c ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '').map(([k, v]) => [k, v.trim()]));
}
