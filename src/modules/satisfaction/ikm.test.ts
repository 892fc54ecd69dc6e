// The IKM formula of PermenPANRB 14/2017 with hand-computed examples, and the category boundaries.
import { describe, expect, it } from 'vitest';
import { categoryOf, ikmOf, type Scores } from './ikm.ts';

const all = (v: number): Scores => ({ u1: v, u2: v, u3: v, u4: v, u5: v, u6: v, u7: v, u8: v, u9: v });

describe('ikm', () => {
  it('is (Σ element averages × 1/9) × 25, worked by hand', () => {
    // respondent A: 4 4 3 4 3 3 4 2 3 ; respondent B: 3 4 3 4 2 3 4 2 2
    const a: Scores = { u1: 4, u2: 4, u3: 3, u4: 4, u5: 3, u6: 3, u7: 4, u8: 2, u9: 3 };
    const b: Scores = { u1: 3, u2: 4, u3: 3, u4: 4, u5: 2, u6: 3, u7: 4, u8: 2, u9: 2 };
    // averages: 3.5 4 3 4 2.5 3 4 2 2.5 → Σ = 28.5 → 28.5 / 9 = 3.1667 → × 25 = 79.17 → B
    const r = ikmOf([a, b])!;
    expect(r.elements).toEqual({ u1: 3.5, u2: 4, u3: 3, u4: 4, u5: 2.5, u6: 3, u7: 4, u8: 2, u9: 2.5 });
    expect(r.ikm).toBe(79.17);
    expect(r.category).toBe('B');
    expect(r.respondents).toBe(2);
  });

  it('runs from 25 (all 1) to 100 (all 4); no respondents is no score, not zero', () => {
    expect(ikmOf([all(1)])).toMatchObject({ ikm: 25, category: 'D', respondents: 1 });
    expect(ikmOf([all(4), all(4), all(4)])).toMatchObject({ ikm: 100, category: 'A', respondents: 3 });
    expect(ikmOf([all(3)])).toMatchObject({ ikm: 75, category: 'C' });
    expect(ikmOf([])).toBeNull();
  });

  it('puts the boundaries where the regulation does', () => {
    expect(categoryOf(100)).toBe('A');
    expect(categoryOf(88.31)).toBe('A');
    expect(categoryOf(88.30)).toBe('B');
    expect(categoryOf(88.305)).toBe('A'); // rounded to two decimals first: 88.31
    expect(categoryOf(88.304)).toBe('B');
    expect(categoryOf(76.61)).toBe('B');
    expect(categoryOf(76.60)).toBe('C');
    expect(categoryOf(65.00)).toBe('C');
    expect(categoryOf(64.99)).toBe('D');
    expect(categoryOf(25)).toBe('D');
  });
});
