// Builds region-packs/<city>/units.json (kecamatan and kelurahan with Kemendagri codes) from
// idn-area-data@3 (ODbL, see region-packs/README.md), plus a starter list of OPD.
// Run: npx tsx scripts/build-region-packs.ts
// pack.json and logo.svg are written by hand and left alone; units.json is overwritten, so change
// the rules here (and re-run) rather than editing it.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = path.dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json'));
const dataVersion = (JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;

/** The cities this repository ships a pack for: folder → Kemendagri code of the kota. */
const CITIES: Record<string, string> = { palembang: '16.71', medan: '12.71' };

// ---- reading the CSV files (quoted fields may contain commas)
function readCsv(file: string): Record<string, string>[] {
  const text = fs.readFileSync(path.join(pkgDir, 'data', file), 'utf8').replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, (r[i] ?? '').trim()])));
}

// ---- names as Indonesians write them
// idn-area-data spells some names the way a database would: numbers in words ("Ilir Barat Dua",
// "Tiga-puluh-lima Ilir"), compound names run together ("Bukitkecil", "Talangbetutu") and
// abbreviations ("P Bulan Selayang II"). Palembang writes its numbered kelurahan with digits
// ("35 Ilir", "3-4 Ulu", "20 Ilir D. III") and kecamatan with Roman numerals ("Ilir Barat II").
const UNITS: Record<string, number> = {
  satu: 1, dua: 2, tiga: 3, empat: 4, lima: 5, enam: 6, tujuh: 7, delapan: 8, sembilan: 9, sepuluh: 10, sebelas: 11,
};
const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/** 'Tiga-puluh-lima' → 35, 'Dua-belas' → 12, 'Sebelas' → 11; undefined when it is not a number. */
export function numberWord(word: string): number | undefined {
  const parts = word.toLowerCase().split('-');
  let total = 0;
  let current = 0;
  for (const p of parts) {
    if (p in UNITS) current += UNITS[p];
    else if (p === 'belas' && current > 0 && current < 10) current += 10;
    else if (p === 'puluh' && current > 0 && current < 10) {
      total += current * 10;
      current = 0;
    }
    else return undefined;
  }
  return total + current || undefined;
}

/** Compound names run together or abbreviated in the source, written as the city writes them. */
const SPELLING: Record<string, string> = {
  // Palembang
  Bukitkecil: 'Bukit Kecil', Sematangborang: 'Sematang Borang', Kemangmanis: 'Kemang Manis', Tanggatakat: 'Tangga Takat',
  Bukitlama: 'Bukit Lama', Lorokpakjo: 'Lorok Pakjo', Siringagung: 'Siring Agung', 'Demang-Lebardaun': 'Demang Lebar Daun',
  Bukitbaru: 'Bukit Baru', Sungaipangeran: 'Sungai Pangeran', 'Kepandean-Baru': 'Kepandean Baru', Lawangkidul: 'Lawang Kidul',
  Sungaibuah: 'Sungai Buah', Talangbetutu: 'Talang Betutu', Kebunbunga: 'Kebun Bunga', Talangjambe: 'Talang Jambe',
  Sekipjaya: 'Sekip Jaya', Pipareja: 'Pipa Reja', Talangaman: 'Talang Aman', Bukitsangkal: 'Bukit Sangkal',
  Sungaiselayur: 'Sungai Selayur', Sungaiselincah: 'Sungai Selincah', Sungailais: 'Sungai Lais', Talangsemut: 'Talang Semut',
  Karanganyar: 'Karang Anyar', Karangjaya: 'Karang Jaya', Pulokerto: 'Pulo Kerto', Kemasrindo: 'Kemas Rindo',
  Kemangagung: 'Kemang Agung', Karyajaya: 'Karya Jaya', Oganbaru: 'Ogan Baru', Baguskuning: 'Bagus Kuning',
  Talangputri: 'Talang Putri', Talangbubuk: 'Talang Bubuk', Talangkelapa: 'Talang Kelapa', Karyabaru: 'Karya Baru',
  'Lebung-Gajah': 'Lebung Gajah', Karyamulya: 'Karya Mulya', Tuankentang: 'Tuan Kentang', Kutobatu: 'Kuto Batu',
  // Medan
  Kotamatsum: 'Kota Matsum', 'S. Rengas Permata': 'Sei Rengas Permata', Titipapan: 'Titi Papan', Laucih: 'Lau Cih',
  Tanjungsari: 'Tanjung Sari', Tegalrejo: 'Tegal Rejo', 'PB Bengkel Baru': 'Pulo Berayan Bengkel Baru',
};
/** Abbreviated first words, by the word that follows them. */
const PREFIXES: [RegExp, string][] = [
  [/^P (Berayan)\b/, 'Pulo $1'],
  [/^P (Bulan)\b/, 'Padang $1'],
  [/^Tegal S (Mandala)\b/, 'Tegal Sari $1'],
];

const titleWord = (w: string) => w.split('-').map((p) => (p ? p[0].toUpperCase() + p.slice(1) : p)).join('-');

export function normaliseName(source: string): string {
  let name = source.trim().replace(/\s+/g, ' ');
  // "A u r", "J a t i": letters spaced out in the source
  if (/^([A-Za-z] )+[A-Za-z]$/.test(name)) name = titleWord(name.replace(/ /g, '').toLowerCase());
  for (const [re, to] of PREFIXES) name = name.replace(re, to);
  name = name.split(' ').map((w) => SPELLING[w] ?? w).join(' ');
  name = SPELLING[name] ?? name;

  const words = name.split(' ');
  // "<n> Ilir|Ulu [<n>]": Palembang's numbered kelurahan
  const at = words.findIndex((w) => w === 'Ilir' || w === 'Ulu');
  if (at > 0) {
    const before = words.slice(0, at).map(numberWord);
    const after = words.slice(at + 1).map(numberWord);
    if (before.every((n) => n !== undefined) && after.every((n) => n !== undefined) && before.length <= 2 && after.length <= 1) {
      const base = `${before.join('-')} ${words[at]}`;
      return after.length ? `${base} D. ${ROMAN[after[0]]}` : base;
    }
  }
  // "Ilir Barat Dua" → "Ilir Barat II"; "Sudirejo 1" → "Sudirejo I"
  const last = words[words.length - 1];
  const n = /^\d+$/.test(last) ? Number(last) : words.length > 1 && !last.includes('-') ? numberWord(last) : undefined;
  if (n !== undefined && n <= 10 && words.length > 1) words[words.length - 1] = ROMAN[n]!;
  // reduplicated words keep both capitals: "Alang-alang" → "Alang-Alang"
  return words.map((w) => (/^[IVX]+$/.test(w) || /^[A-Z]\.$/.test(w) ? w : titleWord(w))).join(' ');
}

// ---- the starter OPD list (every kota has these agencies under slightly different names; admins
// rename, add and remove them in /petugas/unit). Contact details are left empty on purpose: fill
// them in from the city's own records rather than guessing.
const OPD: [slug: string, name: string][] = [
  ['diskominfo', 'Dinas Komunikasi dan Informatika (Diskominfo)'],
  ['disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil)'],
  ['dpmptsp', 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu (DPMPTSP)'],
  ['pupr', 'Dinas Pekerjaan Umum dan Penataan Ruang (PUPR)'],
  ['dinkes', 'Dinas Kesehatan'],
  ['dinsos', 'Dinas Sosial'],
  ['disdik', 'Dinas Pendidikan'],
  ['dishub', 'Dinas Perhubungan'],
  ['disperindag', 'Dinas Perindustrian dan Perdagangan (Disperindag)'],
  ['disnaker', 'Dinas Tenaga Kerja'],
  ['dlh', 'Dinas Lingkungan Hidup'],
  ['satpolpp', 'Satuan Polisi Pamong Praja (Satpol PP)'],
  ['bappeda', 'Badan Perencanaan Pembangunan Daerah (Bappeda)'],
  ['bpbd', 'Badan Penanggulangan Bencana Daerah (BPBD)'],
  ['inspektorat', 'Inspektorat'],
  ['bagian-organisasi', 'Bagian Organisasi Sekretariat Daerah'],
  ['bagian-hukum', 'Bagian Hukum Sekretariat Daerah'],
];
const EMPTY_CONTACT = { address: '', phone: '', whatsapp: '', email: '', website: '' };

// Contact details that can be traced to a public source, each with that source named, keyed by unit
// code. Nothing is filled in from memory or guessed: a wrong phone number sends a citizen to a
// stranger. A field no source states stays empty for the city to fill in (/petugas/unit, or the CSV
// import there). Phone numbers as the contact form expects them ("0711 350878"); addresses as the
// source writes them. Every source is listed once in region-packs/README.md ("Sumber kontak").
// Not used on purpose: the kecamatan WhatsApp numbers in a screenshot of palembang.go.id in the
// Bappeda study (Gambar 5.8) — named officers' personal numbers, only partly legible in the copy.
const BAPPEDA_2023 = 'Kajian Pengembangan Sistem Smart Governance, Bappeda Kota Palembang, 2023';
const MPP_PALEMBANG = 'Gedung Mal Pelayanan Publik (MPP) Jakabaring, Kelurahan 15 Ulu, Kecamatan Jakabaring, Palembang';
const MPP_SOURCE = (agency: string) =>
  `Alamat: TRIKPOS, "Sidak MPP Jakabaring, Ratu Dewa Tekankan Efisiensi Layanan…", 12 Februari 2026 (${agency} kini menempati gedung MPP); letak MPP: rakyatpembaruan.com, 17 September 2021`;
const SOURCED: Record<string, Record<string, string>> = {
  '16.71.05': {
    address: 'Jl. Mayor Santoso No. 01 Palembang, Provinsi Sumatera Selatan',
    phone: '0711 356637',
    website: 'https://ilirtimursatu.palembang.go.id',
    source: 'Kop SOP PATEN Kecamatan Ilir Timur I (September 2016), halaman "Motto dan Maklumat Pelayanan" di ilirtimursatu.palembang.go.id',
  },
  '16.71.opd.diskominfo': {
    address: 'Jalan Nyoman Ratu, Palembang',
    source: 'Alamat: Haluan Sumatera, "Kominfo Usung Smart City Mirip Ruang Antariksa", 6 Oktober 2016 (sumber lama; perlu dikonfirmasi Diskominfo)',
  },
  '16.71.opd.disdukcapil': {
    address: 'Jalan Demang Lebar Daun No. 4255 Palembang, Provinsi Sumatera Selatan 30137',
    phone: '0711 350878',
    website: 'https://www.disdukcapil.palembang.go.id',
    source: 'Kop Keputusan Kepala Disdukcapil Kota Palembang No. 470/76/SK/DKPS/2022 tentang Standar Pelayanan (2022), salinan di id.scribd.com/document/710617650',
  },
  '16.71.opd.dpmptsp': {
    website: 'https://dpmpptsp.palembang.go.id',
    source: `Situs web: dirujuk dalam daftar pustaka ${BAPPEDA_2023} (diakses Januari 2023)`,
  },
  '16.71.opd.dinsos': { address: MPP_PALEMBANG, source: MPP_SOURCE('Dinas Sosial') },
  '16.71.opd.bpbd': { address: MPP_PALEMBANG, source: MPP_SOURCE('BPBD') },
  '12.71.opd.disdukcapil': {
    address: 'Jalan Iskandar Muda, Medan',
    source: 'Alamat: Suara Nasional News, "Komisi Usul Perluasan Kantor", 5 Juli 2018 (kantor Disdukcapil Kota Medan di Jalan Iskandar Muda)',
  },
};

interface PackUnit { code: string; kind: string; name: string; parent: string; contact?: Record<string, string> }

export function buildUnits(regionCode: string) {
  const districts = readCsv('districts.csv').filter((r) => r.regency_code === regionCode);
  const villages = readCsv('villages.csv').filter((r) => r.district_code.startsWith(`${regionCode}.`));
  if (!districts.length) throw new Error(`idn-area-data has no kecamatan for ${regionCode}`);
  const units: PackUnit[] = [];
  for (const d of districts.sort((a, b) => a.code.localeCompare(b.code))) {
    units.push({ code: d.code, kind: 'kecamatan', name: normaliseName(d.name), parent: regionCode, ...(SOURCED[d.code] && { contact: { ...SOURCED[d.code] } }) });
    for (const v of villages.filter((x) => x.district_code === d.code).sort((a, b) => a.code.localeCompare(b.code))) {
      // Kemendagri: the village number starts with 1 for a kelurahan, 2 for a desa
      const kind = v.code.split('.')[3].startsWith('2') ? 'desa' : 'kelurahan';
      units.push({ code: v.code, kind, name: normaliseName(v.name), parent: d.code });
    }
  }
  for (const [slug, name] of OPD)
    units.push({ code: `${regionCode}.opd.${slug}`, kind: 'opd', name, parent: regionCode, contact: { ...EMPTY_CONTACT, ...SOURCED[`${regionCode}.opd.${slug}`] } });
  return units;
}

function main() {
  for (const [folder, code] of Object.entries(CITIES)) {
    const units = buildUnits(code);
    const doc = {
      source: `Kecamatan and kelurahan: idn-area-data ${dataVersion} (https://github.com/fityannugroho/idn-area-data), Open Database License (ODbL) 1.0; names normalised by scripts/build-region-packs.ts. OPD: a starter list, contacts to be filled in by the city; the few filled in name their source. Generated: do not edit by hand, re-run the script.`,
      units,
    };
    const target = path.join(root, 'region-packs', folder, 'units.json');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, `${JSON.stringify(doc, null, 2)}\n`);
    const count = (k: string) => units.filter((u) => u.kind === k).length;
    process.stdout.write(`${folder}: ${count('kecamatan')} kecamatan, ${count('kelurahan')} kelurahan, ${count('desa')} desa, ${count('opd')} OPD → ${path.relative(root, target)}\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
