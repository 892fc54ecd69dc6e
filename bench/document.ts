// `npm run bench:document`: how long does issuing one document take — render (letterhead, DejaVu
// subset, QR code) + sign (PKCS#12, CMS over the byte ranges)? Target: median ≤ 150 ms.
// Baseline in the same run: a bare pdf-lib one-page document (standard font, one line of text), so
// a slow machine shows as a slow baseline too. No database: the counter UPDATE and the row INSERT are
// single statements and not what this measures. Reports; never fails on a missed target.
// Settings: BENCH_DOCUMENTS (60 timed runs after 5 warm-up runs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { developmentSigner, formatCode, newCode, renderDocument, type RenderInput } from '../src/platform/documents/index.ts';

const RUNS = Number(process.env.BENCH_DOCUMENTS ?? 60);
const WARMUP = 5;
const TARGET_MS = 150;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-bench-doc-'));
const signer = developmentSigner(dir, 'Kota Palembang');

function letter(): RenderInput {
  const code = newCode();
  return {
    regionName: 'Kota Palembang', unitLines: ['Kecamatan Ilir Barat II', 'Kelurahan 35 Ilir'],
    contactLine: 'Jl. Merdeka No. 1, Palembang 30131 · Telp. 0711 123456',
    title: 'Surat Keterangan Domisili', number: '470/0123/KEL-35IL/XII/2026',
    body: [
      { paragraph: 'Yang bertanda tangan di bawah ini, Lurah 35 Ilir Kecamatan Ilir Barat II Kota Palembang, menerangkan dengan sebenarnya bahwa:' },
      { fields: [
        { label: 'Nama', value: 'Siti Aminah Nur’aini' }, { label: 'NIK', value: '1671014508900001' },
        { label: 'Tempat/tanggal lahir', value: 'Palembang, 17 Agustus 1990' }, { label: 'Pekerjaan', value: 'Wiraswasta' },
        { label: 'Alamat', value: 'Jl. Merdeka No. 12 RT 003 RW 002, Kelurahan 35 Ilir, Kecamatan Ilir Barat II' },
      ] },
      { paragraph: 'Orang tersebut di atas benar berdomisili di wilayah Kelurahan 35 Ilir. Surat keterangan ini diberikan untuk keperluan administrasi perbankan.' },
      { paragraph: 'Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.' },
    ],
    place: 'Palembang', dateText: '1 Desember 2026',
    signer: { name: 'Drs. Ahmad Fauzi, M.Si.', position: 'Lurah 35 Ilir', nip: '19700101 199003 1 001' },
    verifyUrl: `https://gapura.palembang.go.id/cek/${code}`, codeText: formatCode(code), development: true,
  };
}

async function bare(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595.28, 841.89]).drawText('Surat Keterangan Domisili 470/0123/KEL-35IL/XII/2026', { x: 56, y: 780, size: 12, font });
  return doc.save();
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const times = { bare: [] as number[], render: [] as number[], sign: [] as number[], total: [] as number[] };
let size = 0;
for (let i = 0; i < WARMUP + RUNS; i++) {
  // alternate, so drift on the machine affects both alike
  const b0 = performance.now();
  await bare();
  const b1 = performance.now();
  const unsigned = await renderDocument(letter());
  const r1 = performance.now();
  const signed = await signer.sign(unsigned, { reason: 'bench', at: new Date() });
  const s1 = performance.now();
  size = signed.length;
  if (i < WARMUP) continue;
  times.bare.push(b1 - b0);
  times.render.push(r1 - b1);
  times.sign.push(s1 - r1);
  times.total.push(s1 - b1);
}
fs.rmSync(dir, { recursive: true, force: true });

const m = { bare: median(times.bare), render: median(times.render), sign: median(times.sign), total: median(times.total) };
console.log(`issue one document (render + sign), ${RUNS} runs, medians:`);
console.log(`  baseline: bare pdf-lib one-page document   ${m.bare.toFixed(1)} ms`);
console.log(`  render (letterhead, DejaVu subset, QR)     ${m.render.toFixed(1)} ms`);
console.log(`  sign (PKCS#12, CMS detached, sha256)       ${m.sign.toFixed(1)} ms`);
console.log(`  render + sign                              ${m.total.toFixed(1)} ms  (${(m.total / m.bare).toFixed(1)}× baseline; target ≤ ${TARGET_MS} ms: ${m.total <= TARGET_MS ? 'met' : 'MISSED'})`);
console.log(`  signed PDF size                            ${(size / 1024).toFixed(1)} KB`);
