import { describe, expect, it } from 'vitest';
import { checkNik, maskNik } from './nik.ts';

const today = new Date('2026-11-22T00:00:00Z');

describe('NIK', () => {
  it('reads a man’s NIK from Palembang', () => {
    // 16.71.01 Ilir Barat Dua, born 17-08-1985
    expect(checkNik('1671011708850002', today)).toEqual({
      ok: true, nik: '1671011708850002', birthDate: '1985-08-17', sex: 'M', province: '16', regency: '1671', district: '167101',
      districtKnown: true, warnings: [],
    });
  });

  it('reads a woman’s NIK (day + 40) from Medan, typed with spaces and dots', () => {
    const r = checkNik('1275 01.5205-900001', today);
    expect(r).toMatchObject({ ok: true, nik: '1275015205900001', birthDate: '1990-05-12', sex: 'F', regency: '1275' });
  });

  it('accepts an unknown kecamatan with a warning', () => {
    expect(checkNik('1671990101850007', today)).toMatchObject({ ok: true, districtKnown: false, warnings: ['accounts.nik.district_unknown'] });
  });

  it('rejects unknown provinces and regencies', () => {
    expect(checkNik('9901011708850002', today)).toEqual({ ok: false, error: 'accounts.nik.region' });
    expect(checkNik('1699011708850002', today)).toEqual({ ok: false, error: 'accounts.nik.region' });
  });

  it('rejects birth dates that do not exist or are in the future', () => {
    expect(checkNik('1671013002900001', today)).toEqual({ ok: false, error: 'accounts.nik.birthdate' }); // 30 Feb
    expect(checkNik('1671017002900001', today)).toEqual({ ok: false, error: 'accounts.nik.birthdate' }); // 30 Feb, woman
    expect(checkNik('1671012902010001', today)).toEqual({ ok: false, error: 'accounts.nik.birthdate' }); // 29 Feb 2001
    expect(checkNik('1671012902000001', today)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(checkNik('1671016902040001', today)).toMatchObject({ ok: true, birthDate: '2004-02-29', sex: 'F' });
    expect(checkNik('1671013211260001', today)).toEqual({ ok: false, error: 'accounts.nik.birthdate' }); // 32 Nov
    expect(checkNik('1671012312260001', today)).toEqual({ ok: false, error: 'accounts.nik.birthdate' }); // 23 Dec 2026: not yet
    expect(checkNik('1671011013900001', today)).toEqual({ ok: false, error: 'accounts.nik.birthdate' }); // month 13
    expect(checkNik('1671010001900001', today)).toEqual({ ok: false, error: 'accounts.nik.birthdate' }); // day 0
  });

  it('puts two-digit years in the right century', () => {
    expect(checkNik('1671010101260001', today)).toMatchObject({ birthDate: '2026-01-01' });
    expect(checkNik('1671010101270001', today)).toMatchObject({ birthDate: '1927-01-01' });
  });

  it('rejects the wrong shape', () => {
    expect(checkNik('167101170885000', today)).toEqual({ ok: false, error: 'accounts.nik.format' });
    expect(checkNik('16710117088500021', today)).toEqual({ ok: false, error: 'accounts.nik.format' });
    expect(checkNik('1671O11708850002', today)).toEqual({ ok: false, error: 'accounts.nik.format' });
    expect(checkNik('1671011708850000', today)).toEqual({ ok: false, error: 'accounts.nik.format' }); // serial 0000
  });

  it('masks all but the area code and the last two digits', () => {
    expect(maskNik('1671011708850002')).toBe('167101••••••••02');
  });
});
