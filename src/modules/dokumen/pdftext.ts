// The text of an uploaded PDF, for search: poppler's pdftotext (Debian package poppler-utils; CI
// installs it), run without a shell, the PDF on stdin, with a time limit and a cap on the output.
// Without the program the document is still stored, with no text (the staff page says so).
import { spawn } from 'node:child_process';

export type TextStatus = 'ok' | 'none' | 'unavailable' | 'failed';
export const TEXT_LIMIT_CHARS = 1_000_000;
const TIMEOUT_MS = 20_000;

export function extractPdfText(bin: string, pdf: Uint8Array): Promise<{ status: TextStatus; text: string }> {
  if (!bin) return Promise.resolve({ status: 'unavailable', text: '' });
  return new Promise((resolve) => {
    let out = '';
    let done = false;
    const finish = (r: { status: TextStatus; text: string }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
    };
    const child = spawn(bin, ['-q', '-enc', 'UTF-8', '-nopgbrk', '-', '-'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ status: 'failed', text: '' });
    }, TIMEOUT_MS);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
      if (out.length > TEXT_LIMIT_CHARS) {
        out = out.slice(0, TEXT_LIMIT_CHARS);
        child.kill('SIGKILL');
      }
    });
    child.on('error', (e: NodeJS.ErrnoException) => finish({ status: e.code === 'ENOENT' ? 'unavailable' : 'failed', text: '' }));
    child.on('close', (code) => {
       
      const text = out.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ').replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
      if (out.length >= TEXT_LIMIT_CHARS) finish({ status: 'ok', text });
      else if (code !== 0) finish({ status: 'failed', text: '' });
      else finish({ status: text ? 'ok' : 'none', text });
    });
    child.stdin.on('error', () => {}); // pdftotext may exit before reading everything
    child.stdin.end(Buffer.from(pdf));
  });
}
