// The letter as a PDF: letterhead (region, unit chain, address), title, number, body, place and date,
// the signatory, and a QR code to /cek/{code}. Text in DejaVu Sans, embedded (subset), so Indonesian
// and any name a citizen has renders the same everywhere.
import fs from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import QRCode from 'qrcode';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { DocumentBlock, DocumentSignatory } from './index.ts';

export const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
export const FONT_FILES = { regular: `${FONT_DIR}/DejaVuSans.ttf`, bold: `${FONT_DIR}/DejaVuSans-Bold.ttf` };

let fonts: { regular: Buffer; bold: Buffer } | undefined;
/** The font files, read once; a clear message when the Debian package is missing. */
export function loadFonts(): { regular: Buffer; bold: Buffer } {
  if (!fonts) {
    try {
      fonts = { regular: fs.readFileSync(FONT_FILES.regular), bold: fs.readFileSync(FONT_FILES.bold) };
    } catch {
      throw new Error(`issued documents need the DejaVu fonts (${FONT_FILES.regular}): install the Debian package fonts-dejavu-core`);
    }
  }
  return fonts;
}

// fontkit parses the 750 KB font on every embedFont; parse each file once and hand pdf-lib the parsed
// font (a subset is made fresh per document from it)
const parsed = new Map<Buffer, ReturnType<typeof fontkit.create>>();
const cachedFontkit = {
  create(data: Uint8Array) {
    const key = [...parsed.keys()].find((k) => k === data) ?? (Buffer.isBuffer(data) ? data : undefined);
    let font = key ? parsed.get(key) : undefined;
    if (!font) {
      font = fontkit.create(data);
      if (key) parsed.set(key, font);
    }
    return font;
  },
};

export interface RenderInput {
  /** 'Kota Palembang' */
  regionName: string;
  /** letterhead lines below the government line, top-down ('KECAMATAN ILIR BARAT II', 'KELURAHAN 35 ILIR') */
  unitLines: string[];
  /** address / phone / email line, may be empty */
  contactLine: string;
  title: string;
  number: string;
  body: DocumentBlock[];
  place: string;
  /** '1 Desember 2026' */
  dateText: string;
  signer: DocumentSignatory;
  verifyUrl: string;
  /** 'K7M2Q-9XH4T' */
  codeText: string;
  development: boolean;
}

const A4 = { w: 595.28, h: 841.89 };
const MARGIN = 56;
const INK = rgb(0, 0, 0);

export async function renderDocument(input: RenderInput): Promise<Uint8Array> {
  const f = loadFonts();
  const doc = await PDFDocument.create();
  doc.registerFontkit(cachedFontkit);
  doc.setTitle(`${input.title} ${input.number}`);
  doc.setProducer('Gapura');
  doc.setCreator('Gapura');
  const regular = await doc.embedFont(f.regular, { subset: true });
  const bold = await doc.embedFont(f.bold, { subset: true });
  let page = doc.addPage([A4.w, A4.h]);
  const width = A4.w - 2 * MARGIN;
  let y = A4.h - MARGIN;

  const centered = (text: string, font: PDFFont, size: number) => {
    for (const line of wrap(text, font, size, width)) {
      const w = font.widthOfTextAtSize(line, size);
      page.drawText(line, { x: (A4.w - w) / 2, y: y - size, size, font, color: INK });
      y -= size * 1.3;
    }
  };
  const ensure = (need: number) => {
    if (y - need < MARGIN + 90) {
      page = doc.addPage([A4.w, A4.h]);
      y = A4.h - MARGIN;
    }
  };

  if (input.development) {
    const note = 'SERTIFIKAT PENGEMBANGAN — dokumen uji, bukan dokumen resmi';
    const size = 9;
    const w = bold.widthOfTextAtSize(note, size);
    page.drawRectangle({ x: (A4.w - w) / 2 - 6, y: A4.h - 30, width: w + 12, height: 16, color: rgb(0.75, 0.1, 0.1) });
    page.drawText(note, { x: (A4.w - w) / 2, y: A4.h - 25, size, font: bold, color: rgb(1, 1, 1) });
  }

  // letterhead
  centered(`PEMERINTAH ${input.regionName.toUpperCase()}`, bold, 13);
  for (const l of input.unitLines) centered(l.toUpperCase(), bold, 14);
  if (input.contactLine) centered(input.contactLine, regular, 8.5);
  y -= 4;
  page.drawLine({ start: { x: MARGIN, y }, end: { x: A4.w - MARGIN, y }, thickness: 2, color: INK });
  page.drawLine({ start: { x: MARGIN, y: y - 3 }, end: { x: A4.w - MARGIN, y: y - 3 }, thickness: 0.6, color: INK });
  y -= 24;

  // title and number
  const title = input.title.toUpperCase();
  const tw = bold.widthOfTextAtSize(title, 12);
  centered(title, bold, 12);
  page.drawLine({ start: { x: (A4.w - tw) / 2, y: y + 2 }, end: { x: (A4.w + tw) / 2, y: y + 2 }, thickness: 0.8, color: INK });
  centered(`Nomor: ${input.number}`, regular, 10.5);
  y -= 14;

  const size = 10.5;
  const lead = size * 1.45;
  for (const block of input.body) {
    if ('paragraph' in block) {
      for (const line of wrap(block.paragraph, regular, size, width)) {
        ensure(lead);
        page.drawText(line, { x: MARGIN, y: y - size, size, font: regular, color: INK });
        y -= lead;
      }
      y -= 6;
    } else {
      const labelW = Math.min(170, Math.max(...block.fields.map((r) => regular.widthOfTextAtSize(r.label, size))) + 8);
      const valueX = MARGIN + 20 + labelW + 12;
      for (const row of block.fields) {
        const lines = wrap(row.value, regular, size, A4.w - MARGIN - valueX);
        ensure(lead * lines.length);
        page.drawText(row.label, { x: MARGIN + 20, y: y - size, size, font: regular, color: INK });
        page.drawText(':', { x: MARGIN + 20 + labelW, y: y - size, size, font: regular, color: INK });
        for (const l of lines) {
          page.drawText(l, { x: valueX, y: y - size, size, font: regular, color: INK });
          y -= lead;
        }
      }
      y -= 6;
    }
  }

  // place, date, signatory (right), QR code (left)
  ensure(170);
  y -= 10;
  const colX = A4.w - MARGIN - 210;
  const right = (text: string, font: PDFFont) => {
    for (const l of wrap(text, font, size, 210)) {
      page.drawText(l, { x: colX, y: y - size, size, font, color: INK });
      y -= lead;
    }
  };
  const top = y;
  right(`${input.place}, ${input.dateText}`, regular);
  right(input.signer.position, regular);
  page.drawText('Ditandatangani secara elektronik', { x: colX, y: y - 14, size: 8, font: regular, color: rgb(0.3, 0.3, 0.3) });
  y -= 52;
  const nameW = bold.widthOfTextAtSize(input.signer.name, size);
  right(input.signer.name, bold);
  page.drawLine({ start: { x: colX, y: y + lead - 2 }, end: { x: colX + Math.min(nameW, 210), y: y + lead - 2 }, thickness: 0.6, color: INK });
  if (input.signer.nip) right(`NIP. ${input.signer.nip}`, regular);

  drawQr(page, input.verifyUrl, MARGIN, top - 96, 92);
  const small = 7.5;
  page.drawText('Periksa keaslian:', { x: MARGIN, y: top - 108, size: small, font: regular, color: INK });
  page.drawText(input.verifyUrl.replace(/^https?:\/\//, ''), { x: MARGIN, y: top - 118, size: small, font: regular, color: INK });
  page.drawText(`Kode: ${input.codeText}`, { x: MARGIN, y: top - 128, size: small, font: bold, color: INK });
  if (input.development) page.drawText('Sertifikat pengembangan', { x: MARGIN, y: top - 138, size: small, font: bold, color: rgb(0.75, 0.1, 0.1) });

  return doc.save({ useObjectStreams: false });
}

/** The QR code as filled squares, one run per row of dark modules. */
function drawQr(page: PDFPage, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) { c++; continue; }
      const start = c;
      while (c < n && qr.modules.get(r, c)) c++;
      page.drawRectangle({ x: x + (quiet + start) * cell, y: y + size - (quiet + r + 1) * cell, width: (c - start) * cell, height: cell, color: INK });
    }
  }
}

/** Greedy word wrap to a width; a word longer than the line is broken by characters. */
export function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const out: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) <= maxWidth) { line = next; continue; }
      if (line) out.push(line);
      line = word;
      while (font.widthOfTextAtSize(line, size) > maxWidth && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > maxWidth) cut--;
        out.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    out.push(line);
  }
  return out;
}
