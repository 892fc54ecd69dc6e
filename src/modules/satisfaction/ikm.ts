// The IKM (Indeks Kepuasan Masyarakat) of PermenPANRB 14/2017: nine elements (U1–U9), each answered
// 1–4. IKM = (Σ over elements of the element's average × 1/9) × 25, shown with its category and the
// number of respondents. Pure: no database, so the formula is tested by hand-computed examples.
export const ELEMENTS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'] as const;
export type Element = (typeof ELEMENTS)[number];
export type Scores = Record<Element, number>;
export type Category = 'A' | 'B' | 'C' | 'D';

export interface IkmResult {
  /** 25.00–100.00, rounded to two decimals */
  ikm: number;
  category: Category;
  respondents: number;
  /** each element's average over the respondents (unrounded) */
  elements: Scores;
}

/** The category of an IKM value (rounded to two decimals first, as the regulation's table is). */
export function categoryOf(ikm: number): Category {
  const v = Math.round(ikm * 100) / 100;
  if (v >= 88.31) return 'A';
  if (v >= 76.61) return 'B';
  if (v >= 65.0) return 'C';
  return 'D';
}

/** The IKM from the element averages and the number of respondents; null when nobody answered. */
export function ikmFromAverages(elements: Scores, respondents: number): IkmResult | null {
  if (respondents <= 0) return null;
  const sum = ELEMENTS.reduce((s, e) => s + elements[e], 0);
  const ikm = Math.round(sum * (1 / 9) * 25 * 100) / 100;
  return { ikm, category: categoryOf(ikm), respondents, elements };
}

/** The IKM of a list of responses. */
export function ikmOf(responses: Scores[]): IkmResult | null {
  if (!responses.length) return null;
  const elements = Object.fromEntries(ELEMENTS.map((e) => [e, responses.reduce((s, r) => s + r[e], 0) / responses.length])) as Scores;
  return ikmFromAverages(elements, responses.length);
}
