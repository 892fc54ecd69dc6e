// Reading an upload: parseUpload authorizes, then streams the multipart body through busboy with the
// module's limits (file size, file count, and a hard cap on the whole body), checks the CSRF token
// field, and turns every file into its stored form (type from the bytes; images re-encoded without
// metadata; PDFs checked). Anything wrong is an UploadError carrying the typed text fields, so the
// route can show the form again as it was filled.
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import Busboy from 'busboy';
import type { Context } from 'hono';
import type { Env } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { FIELD_LIMIT_CHARS, FORM_LIMIT_BYTES } from '../http/input.ts';
import { verifyCsrfValue, CSRF_FIELD } from '../http/csrf.ts';
import { authorize } from '../access/guard.ts';
import { can, type Subject } from '../access/can.ts';
import type { GapuraModule } from '../module.ts';
import { detectType, isWellFormedPdf, nameMismatch, type Category } from './detect.ts';
import { renderImage, ImageUnreadable } from './image.ts';
import { report } from './probe.ts';

export type FileSpec = NonNullable<GapuraModule['files']>[string];

/** One stored rendition of an upload, ready to write. */
export interface Rendered {
  bytes: Buffer;
  type: string;
  ext: string;
  sha256: string;
  width?: number;
  height?: number;
}

/** A checked upload, as parseUpload returns it; only these can be passed to saveFiles. */
export interface Upload {
  module: string;
  kind: string;
  /** the form field it came in */
  field: string;
  /** cleaned file name, with the extension of what is stored */
  name: string;
  category: Category;
  source: { size: number; sha256: string };
  main: Rendered;
  thumb?: Rendered;
}

export interface ParsedUpload {
  /** the text fields, as typed (the CSRF token removed) */
  fields: Record<string, string>;
  files: Upload[];
}

/** A refused upload: status 413 (too large) or 422, field errors, and the typed fields to show again. */
export class UploadError extends AppError {
  constructor(code: string, messageKey: string, fields: Record<string, string>, params: Record<string, string | number>, status: number, public readonly values: Record<string, string>) {
    super(code, messageKey, fields, params, status);
  }
}

const issued = new WeakSet<Upload>();
/** saveFiles' check that an upload came out of parseUpload (and so was authorized and checked). */
export function isIssued(u: Upload): boolean {
  return issued.has(u);
}

/** room for the text fields and the multipart framing on top of the files themselves */
const OVERHEAD_BYTES = FORM_LIMIT_BYTES + 64 * 1024;
const SLUG = /^[a-z][a-z0-9_-]*$/;
/** control characters other than tab and line breaks: never valid in a text field (PostgreSQL refuses NUL) */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export interface UploadOptions {
  module: string;
  kind: string;
  /** the permission to upload; checked before any byte of the body is read */
  action: string;
  subject?: Subject;
}

export async function parseUpload(c: Context<Env>, opts: UploadOptions): Promise<ParsedUpload> {
  const allowed = can(c.get('actor'), opts.action, opts.subject);
  report({ op: 'upload', method: c.req.method, path: c.req.path, action: opts.action, allowed, module: opts.module, kind: opts.kind });
  authorize(c, opts.action, opts.subject);
  const spec = specOf(c, opts.module, opts.kind);
  const t = c.get('t');

  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'multipart/form-data' || !c.req.raw.body) throw new AppError('unsupported_media_type', 'error.unsupported_media_type');
  const cap = spec.maxBytes * spec.maxCount + OVERHEAD_BYTES;
  if (Number(c.req.header('content-length') ?? '0') > cap) throw new AppError('body_too_large', 'error.body_too_large');

  const raw = await readMultipart(c, spec, cap);
  // the one place an upload's CSRF token is checked (the middleware leaves multipart bodies to us)
  verifyCsrfValue(c, raw.fields[CSRF_FIELD]);
  const { [CSRF_FIELD]: _csrf, ...values } = raw.fields;
  const controlled = Object.keys(values).find((k) => CONTROL.test(values[k]) || CONTROL.test(k));
  if (controlled !== undefined) throw new AppError('invalid_encoding', 'error.invalid_encoding');
  if (raw.badField) throw new UploadError('validation_failed', 'error.validation', { [raw.badField]: 'field.too_long' }, { max: FIELD_LIMIT_CHARS }, 422, values);
  if (raw.files.length > spec.maxCount)
    throw new UploadError('too_many_files', 'files.error.too_many', { [raw.files[0].field]: 'files.error.too_many' }, { max: spec.maxCount }, 422, values);

  const files: Upload[] = [];
  for (const f of raw.files) {
    const refuse = (code: string, key: string, params: Record<string, string | number>, status = 422): never => {
      throw new UploadError(code, key, { [f.field]: key }, { name: f.name, ...params }, status, values);
    };
    if (f.truncated) refuse('file_too_large', 'files.error.too_large', { max: formatBytes(spec.maxBytes, c.get('locale')) }, 413);
    if (!f.bytes.length) refuse('file_empty', 'files.error.empty', {});
    const detected = await detectType(f.bytes);
    const accepted = spec.accept.map((a) => t(`files.accept.${a}`)).join(` ${t('files.accept.or')} `);
    if (!detected?.category || !spec.accept.includes(detected.category))
      refuse('file_type_not_allowed', 'files.error.type', { found: detected?.label ?? t('files.found.unknown'), accepted });
    const d = detected!;
    const claimed = nameMismatch(f.name, d);
    if (claimed) refuse('file_type_mismatch', 'files.error.mismatch', { ext: claimed, found: d.label });
    const source = { size: f.bytes.length, sha256: sha256(f.bytes) };
    let main: Rendered;
    let thumb: Rendered | undefined;
    if (d.category === 'pdf') {
      if (!isWellFormedPdf(f.bytes)) refuse('file_damaged', 'files.error.damaged', {});
      main = { bytes: f.bytes, type: 'application/pdf', ext: 'pdf', sha256: source.sha256 };
    } else {
      try {
        const r = await renderImage(f.bytes, d.mime);
        main = { ...r.display, sha256: sha256(r.display.bytes) };
        thumb = { ...r.thumb, sha256: sha256(r.thumb.bytes) };
      } catch (e) {
        if (!(e instanceof ImageUnreadable)) throw e;
        refuse('file_damaged', 'files.error.damaged', {});
      }
    }
    const upload: Upload = { module: opts.module, kind: opts.kind, field: f.field, name: cleanName(f.name, opts.kind, main!.ext), category: d.category!, source, main: main!, thumb };
    issued.add(upload);
    files.push(upload);
  }
  return { fields: values, files };
}

function specOf(c: Context<Env>, moduleId: string, kind: string): FileSpec {
  const spec = c.get('app').modules.find((m) => m.id === moduleId)?.files?.[kind];
  // a programming error, not bad input: the module did not declare this kind in its manifest
  if (!spec) throw new Error(`module ${moduleId} declares no files.${kind} in its manifest`);
  if (!SLUG.test(moduleId) || !SLUG.test(kind)) throw new Error(`file kind ${moduleId}/${kind}: use lowercase letters, digits, - and _`);
  return spec;
}

interface RawFile { field: string; name: string; bytes: Buffer; truncated: boolean }

/** The body through busboy; text fields kept, files held in memory up to the per-file limit. */
async function readMultipart(c: Context<Env>, spec: FileSpec, cap: number): Promise<{ fields: Record<string, string>; files: RawFile[]; badField?: string }> {
  let bb: Busboy.Busboy;
  try {
    bb = Busboy({
      headers: { 'content-type': c.req.header('content-type')! },
      defParamCharset: 'utf8',
      // one more file than allowed is read (and dropped) so that "too many" can be told apart
      limits: { fileSize: spec.maxBytes, files: spec.maxCount + 1, fields: 200, parts: 300, fieldSize: FIELD_LIMIT_CHARS * 4, fieldNameSize: 200 },
    });
  } catch {
    throw new AppError('validation_failed', 'error.validation');
  }
  const fields: Record<string, string> = {};
  const files: RawFile[] = [];
  let badField: string | undefined;
  let failure: AppError | undefined;
  const done = new Promise<void>((resolve, reject) => {
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated || value.length > FIELD_LIMIT_CHARS) badField ??= name;
      // multipart sends a textarea's line breaks as CRLF; keep them as the urlencoded reader does
      value = value.replace(/\r\n/g, '\n');
      fields[name] = name in fields ? `${fields[name]}\n${value}` : value;
    });
    bb.on('file', (field, stream, info) => {
      // an empty file input still sends a part, with no file name and no bytes
      if (!info.filename) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      const file: RawFile = { field, name: info.filename, bytes: Buffer.alloc(0), truncated: false };
      files.push(file);
      const keep = files.length <= spec.maxCount;
      stream.on('data', (d: Buffer) => {
        if (keep && !file.truncated) chunks.push(d);
      });
      stream.on('limit', () => {
        file.truncated = true;
      });
      stream.on('end', () => {
        file.bytes = file.truncated ? Buffer.alloc(0) : Buffer.concat(chunks);
      });
    });
    bb.on('filesLimit', () => {});
    bb.on('partsLimit', () => (failure ??= new AppError('body_too_large', 'error.body_too_large')));
    bb.on('fieldsLimit', () => (failure ??= new AppError('body_too_large', 'error.body_too_large')));
    bb.on('close', () => resolve());
    bb.on('error', () => reject(new AppError('validation_failed', 'error.validation')));
  });
  done.catch(() => {}); // awaited below; a destroyed parser must not reject unobserved
  let read = 0;
  const body = Readable.fromWeb(c.req.raw.body as import('node:stream/web').ReadableStream<Uint8Array>);
  try {
    for await (const chunk of body) {
      read += (chunk as Buffer).length;
      if (read > cap) {
        body.destroy();
        bb.destroy();
        throw new AppError('body_too_large', 'error.body_too_large');
      }
      if (!bb.write(chunk)) await new Promise((r) => bb.once('drain', r));
    }
    bb.end();
    await done;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('validation_failed', 'error.validation');
  }
  if (failure) throw failure;
  // the file the extra slot caught counts as one too many; those past it were never emitted
  return { fields, files, badField };
}

function sha256(b: Uint8Array): string {
  return crypto.createHash('sha256').update(b).digest('hex');
}

/** The name as shown: no folders, no control characters, at most 120 characters, the stored extension. */
export function cleanName(name: string, kind: string, ext: string): string {
  let base = name.normalize('NFC').split(/[/\\]/).pop()!.replace(/[\p{Cc}\p{Cf}"]/gu, '').trim();
  base = base.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  if (!base) base = kind;
  // 120 code points, as before (a grapheme cut would be kinder to emoji but changes stored names)
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- code points on purpose
  return `${[...base].slice(0, 120).join('')}.${ext}`;
}

export function formatBytes(n: number, locale: string): string {
  const mb = n / (1024 * 1024);
  const [v, unit] = mb >= 1 ? [mb, 'MB'] : [n / 1024, 'KB'];
  return `${new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 }).format(v)} ${unit}`;
}

