// What a file is, from its bytes alone: the name and the Content-Type a browser sends are the
// uploader's claim, not evidence. file-type reads the magic numbers; PDFs are checked further for the
// structure every real PDF ends with (startxref → an xref table or stream, then %%EOF).

// loaded on the first upload, not at start
let fileType: Promise<typeof import('file-type')> | undefined;

export type Category = 'image' | 'pdf';

export interface Detected {
  mime: string;
  /** the extension the content calls for, e.g. 'jpg' */
  ext: string;
  /** what Gapura accepts it as, or undefined for anything else */
  category?: Category;
  /** a short human name for messages: 'PNG', 'PDF', 'ZIP'… */
  label: string;
}

const ACCEPTED: Record<string, { category: Category; ext: string; label: string }> = {
  'image/jpeg': { category: 'image', ext: 'jpg', label: 'JPEG' },
  'image/png': { category: 'image', ext: 'png', label: 'PNG' },
  'image/webp': { category: 'image', ext: 'webp', label: 'WebP' },
  'application/pdf': { category: 'pdf', ext: 'pdf', label: 'PDF' },
};

export async function detectType(bytes: Uint8Array): Promise<Detected | undefined> {
  const ft = await (await (fileType ??= import('file-type'))).fileTypeFromBuffer(bytes);
  if (!ft) return undefined;
  const known = ACCEPTED[ft.mime];
  if (known) return { mime: ft.mime, ...known };
  return { mime: ft.mime, ext: ft.ext, label: ft.ext.toUpperCase() };
}

/** Extensions a name may carry for each detected type: a name claiming another known type is a mismatch. */
const NAME_EXTS: Record<string, string[]> = {
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
};
const CLAIMABLE = new Set([...Object.values(NAME_EXTS).flat(), 'gif', 'heic', 'heif', 'bmp', 'tif', 'tiff', 'svg', 'doc', 'docx', 'xls', 'xlsx', 'zip']);

/** The extension the name claims when it contradicts the content (e.g. a PNG named 'surat.pdf'), else undefined. */
export function nameMismatch(name: string, d: Detected): string | undefined {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase();
  if (!ext || !CLAIMABLE.has(ext)) return undefined; // no extension, or one we know nothing about
  return (NAME_EXTS[d.mime] ?? [d.ext]).includes(ext) ? undefined : ext;
}

/**
 * A PDF must begin with %PDF-1.x or %PDF-2.0 and end (within its last 1 KiB, as readers look) with
 * `startxref <offset> %%EOF`, the offset pointing inside the file at a cross-reference table
 * ('xref') or stream ('<n> <g> obj'). This is the frame a reader needs; a truncated upload, a
 * renamed file or a header glued onto something else fails it.
 */
export function isWellFormedPdf(bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!/^%PDF-(1\.[0-7]|2\.0)[\r\n\s%]/.test(buf.subarray(0, 16).toString('latin1'))) return false;
  const tail = buf.subarray(Math.max(0, buf.length - 1024)).toString('latin1');
  const m = /startxref\s+(\d{1,12})\s+%%EOF[\r\n\s]*$/.exec(tail);
  if (!m) return false;
  const offset = Number(m[1]);
  if (offset <= 0 || offset >= buf.length) return false;
  const at = buf.subarray(offset, offset + 32).toString('latin1');
  return /^\s*(xref\b|\d+\s+\d+\s+obj\b)/.test(at);
}
