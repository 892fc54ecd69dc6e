// /layanan/{slug}/formulir.pdf: a blank form to print and fill by hand (the UN "Interactive" stage),
// drawn with pdf-lib. Indonesian text needs a real font: DejaVu Sans from Debian's fonts-dejavu-core
// (free license, see /usr/share/doc/fonts-dejavu-core/copyright), embedded as a subset.
import fs from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { ServiceRow } from './repo.ts';

export const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const REGULAR = `${FONT_DIR}/DejaVuSans.ttf`;
const BOLD = `${FONT_DIR}/DejaVuSans-Bold.ttf`;

let fonts: { regular: Uint8Array; bold: Uint8Array } | undefined;
function fontBytes(): { regular: Uint8Array; bold: Uint8Array } {
  if (fonts) return fonts;
  for (const f of [REGULAR, BOLD]) {
    if (!fs.existsSync(f)) throw new Error(`layanan: font ${f} is missing; install the Debian package fonts-dejavu-core`);
  }
  fonts = { regular: fs.readFileSync(REGULAR), bold: fs.readFileSync(BOLD) };
  return fonts;
}

export interface FormLabels { title: string; region: string; unitLine: string; requirements: string; signature: string; date: string; footer: string }

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > width && line) { out.push(line); line = word; } else line = next;
    }
    out.push(line);
  }
  return out;
}

export async function blankForm(s: ServiceRow, l: FormLabels): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const { regular, bold } = fontBytes();
  const font = await doc.embedFont(regular, { subset: true });
  const heavy = await doc.embedFont(bold, { subset: true });
  doc.setTitle(l.title);
  doc.setLanguage('id');
  doc.setCreator('Gapura');
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const width = A4[0] - 2 * MARGIN;
  const ensure = (h: number) => {
    if (y - h < MARGIN + 20) { page = doc.addPage(A4); y = A4[1] - MARGIN; }
  };
  const text = (str: string, size = 10, f = font, x = MARGIN) => {
    for (const line of wrap(str, f, size, width - (x - MARGIN))) {
      ensure(size + 4);
      page.drawText(line, { x, y: y - size, size, font: f, color: rgb(0, 0, 0) });
      y -= size + 4;
    }
  };
  text(l.region.toUpperCase(), 11, heavy);
  text(l.unitLine, 10);
  y -= 6;
  page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 1 });
  y -= 14;
  text(l.title, 14, heavy);
  y -= 6;
  for (const p of s.pages) {
    const fields = p.fields.filter((f) => f.type !== 'file');
    if (!fields.length) continue;
    y -= 6;
    text(p.title, 11, heavy);
    for (const f of fields) {
      const hint = f.type === 'select' ? ` (${f.options!.join(' / ')})` : f.type === 'date' ? ' (hh-bb-tttt)' : f.type === 'nik' ? ' (16 angka)' : '';
      text(`${f.label}${hint}`, 9);
      const lines = f.type === 'textarea' ? 3 : 1;
      for (let i = 0; i < lines; i++) {
        ensure(20);
        y -= 16;
        page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 0.5, color: rgb(0.4, 0.4, 0.4) });
        y -= 4;
      }
      y -= 4;
    }
  }
  y -= 8;
  text(l.requirements, 11, heavy);
  for (const r of s.requirements) {
    ensure(14);
    page.drawRectangle({ x: MARGIN, y: y - 9, width: 8, height: 8, borderColor: rgb(0, 0, 0), borderWidth: 0.7 });
    text(r, 9, font, MARGIN + 14);
  }
  ensure(90);
  y -= 20;
  text(l.date, 9, font, A4[0] / 2 + 40);
  text(l.signature, 9, font, A4[0] / 2 + 40);
  y -= 50;
  text('(.............................................)', 9, font, A4[0] / 2 + 40);
  for (const p of doc.getPages()) p.drawText(l.footer, { x: MARGIN, y: MARGIN - 20, size: 7, font, color: rgb(0.3, 0.3, 0.3) });
  return doc.save();
}
