import { describe, expect, it } from 'vitest';
import { checkNumberFormat, formatNumber, toRoman } from './number.ts';
import { formatCode, newCode, normalizeCode } from './code.ts';

describe('document numbers', () => {
  it('fills the tokens', () => {
    expect(formatNumber('470/{seq:4}/KEL-35IL/{month:roman}/{year}', { seq: 123, unitCode: '16.71.01.1001', year: 2026, month: 12, day: 1 })).toBe('470/0123/KEL-35IL/XII/2026');
    expect(formatNumber('{unit}/{seq}/{day:2}.{month:2}.{year}', { seq: 7, unitCode: '16.71.01', year: 2027, month: 4, day: 9 })).toBe('16.71.01/7/09.04.2027');
    expect([1, 4, 9, 14, 40, 1990, 2026].map(toRoman)).toEqual(['I', 'IV', 'IX', 'XIV', 'XL', 'MCMXC', 'MMXXVI']);
  });
  it('refuses a format without {seq}, with an unknown token or stray braces', () => {
    expect(checkNumberFormat('470/{year}')).toMatch(/no \{seq\}/);
    expect(checkNumberFormat('470/{seq}/{bulan}')).toMatch(/unknown token \{bulan\}/);
    expect(checkNumberFormat('470/{seq}/{year')).toMatch(/unbalanced/);
    expect(checkNumberFormat('470/{seq:4}/{month:roman}/{year}')).toBeNull();
    expect(() => formatNumber('{year}', { seq: 1, unitCode: '', year: 2026, month: 1, day: 1 })).toThrow();
  });
});

describe('verification codes', () => {
  it('are 10 Crockford base32 characters, typed back with spaces, dashes and lower case', () => {
    const code = newCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(normalizeCode(` ${formatCode(code).toLowerCase()} `)).toBe(code);
    expect(normalizeCode('k7m2q 9xhot')).toBe('K7M2Q9XH0T');
    expect(normalizeCode('ABC')).toBeNull();
    expect(normalizeCode('K7M2Q9XH4U')).toBeNull();
  });
});
