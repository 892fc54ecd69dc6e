// A real PDF with text on its pages (pdf-lib, Helvetica), for the tests of upload and search.
import { PDFDocument, StandardFonts } from 'pdf-lib';

export async function pdfWithText(pages: string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([420, 595]);
    lines.forEach((line, i) => page.drawText(line, { x: 40, y: 540 - i * 18, size: 11, font }));
  }
  return doc.save();
}
