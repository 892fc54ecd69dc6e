// NIK (Nomor Induk Kependudukan), the 16-digit number on the KTP and family card:
//   PP RR KK DDMMYY SSSS — province, regency/city, kecamatan (Kemendagri codes), birth date (women
//   add 40 to the day), serial. We check what can be checked without Dukcapil: the shape, a real
//   province and regency, a real birth date. Kecamatan codes change with new districts (pemekaran),
//   so an unknown one is a warning, not a rejection.
import regions from './nik-regions.json' with { type: 'json' };

const REGENCIES: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(regions.regencies as Record<string, string>).map(([reg, suffixes]) => [
    reg,
    new Set(suffixes.match(/\d{2}/g)?.map((s) => reg + s) ?? []),
  ]),
);
const PROVINCES: ReadonlySet<string> = new Set([...REGENCIES.keys()].map((r) => r.slice(0, 2)));

export type NikResult =
  | { ok: true; nik: string; birthDate: string; sex: 'F' | 'M'; province: string; regency: string; district: string; districtKnown: boolean; warnings: string[] }
  | { ok: false; error: string };

/** Check a NIK as typed (spaces, dots and dashes allowed); `today` decides the century and the future. */
export function checkNik(input: string, today = new Date()): NikResult {
  const nik = input.replace(/[\s.\-]/g, '');
  if (!/^\d{16}$/.test(nik) || nik.endsWith('0000')) return { ok: false, error: 'accounts.nik.format' };
  const province = nik.slice(0, 2);
  const regency = nik.slice(0, 4);
  const district = nik.slice(0, 6);
  if (!PROVINCES.has(province) || !REGENCIES.has(regency)) return { ok: false, error: 'accounts.nik.region' };

  let day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const sex = day > 40 ? 'F' : 'M';
  if (day > 40) day -= 40;
  const thisYY = today.getUTCFullYear() % 100;
  const century = Math.floor(today.getUTCFullYear() / 100) * 100;
  const year = yy <= thisYY ? century + yy : century - 100 + yy;
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = day >= 1 && month >= 1 && month <= 12 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || date.getTime() > today.getTime()) return { ok: false, error: 'accounts.nik.birthdate' };

  const districtKnown = REGENCIES.get(regency)!.has(district);
  return {
    ok: true,
    nik,
    birthDate: date.toISOString().slice(0, 10),
    sex,
    province,
    regency,
    district,
    districtKnown,
    warnings: districtKnown ? [] : ['accounts.nik.district_unknown'],
  };
}

/** For screens: the area code and the last two digits, nothing that identifies the person. */
export function maskNik(nik: string): string {
  return nik.slice(0, 6) + '•'.repeat(Math.max(0, nik.length - 8)) + nik.slice(-2);
}

export const nikLocales = {
  id: {
    'accounts.nik.format': 'NIK harus 16 angka, seperti tertulis di KTP atau Kartu Keluarga.',
    'accounts.nik.region': 'Kode wilayah di awal NIK tidak dikenal. Periksa 4 angka pertama NIK Anda di KTP.',
    'accounts.nik.birthdate': 'Tanggal lahir di dalam NIK tidak benar. Periksa angka ke-7 sampai ke-12 NIK Anda di KTP.',
    'accounts.nik.district_unknown': 'Kode kecamatan di NIK Anda belum ada di daftar kami. NIK tetap kami simpan; bila ada salah ketik, perbaiki di Akun saya.',
  },
  en: {
    'accounts.nik.format': 'The NIK has 16 digits, as written on your KTP or family card.',
    'accounts.nik.region': 'The area code at the start of the NIK is unknown. Check the first 4 digits of the NIK on your KTP.',
    'accounts.nik.birthdate': 'The birth date inside the NIK is not valid. Check digits 7 to 12 of the NIK on your KTP.',
    'accounts.nik.district_unknown': 'The kecamatan code in your NIK is not in our list yet. We keep the NIK; if it is a typo, correct it in My account.',
  },
};
