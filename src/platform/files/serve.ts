// Sending a stored file: only from a module's own route, only after authorize. Not found and not
// allowed answer the same (404 for signed-in people, sign-in for anonymous ones).
import crypto from 'node:crypto';
import type { Context } from 'hono';
import type { Env } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { authorizeOr404 } from '../access/guard.ts';
import { can, type Subject } from '../access/can.ts';
import { fileStore } from './store.ts';
import { findFile } from './service.ts';
import { report } from './probe.ts';
import type { FileRow } from './schema.ts';

export interface ServeOptions {
  /** 'thumb' for an image's thumbnail; default the display rendition (or the PDF itself) */
  variant?: 'thumb';
  /** force a download; PDFs always download (a browser's PDF viewer runs the document's scripts) */
  download?: boolean;
}

/**
 * Authorizes `action` on the subject (given, or computed from the file row, e.g. its uploader) and
 * streams the file. The action's module prefix must be the file's module: a route of one module
 * can never serve another module's files by id.
 */
export async function serveFile(
  c: Context<Env>,
  fileId: string,
  action: string,
  subject: Subject | ((file: FileRow) => Subject | undefined | Promise<Subject | undefined>),
  opts: ServeOptions = {},
): Promise<Response> {
  const app = c.get('app');
  const row = await findFile(app.db, fileId);
  const mod = action.split('.')[0];
  const s = row && row.module === mod ? (typeof subject === 'function' ? await subject(row) : subject) : undefined;
  report({ op: 'serve', method: c.req.method, path: c.req.path, action, allowed: !!s && can(c.get('actor'), action, s), module: mod ?? '' });
  authorizeOr404(c, action, s);
  const f = row!;
  const v = opts.variant ? f.variants[opts.variant] : undefined;
  if (opts.variant && !v) throw new AppError('not_found', 'error.not_found');
  const key = v?.key ?? f.storage_key;
  const type = v?.type ?? f.type;
  const sha = v?.sha256 ?? f.sha256;

  const etag = `"${sha}"`;
  const headers: Record<string, string> = {
    'content-type': type,
    'x-content-type-options': 'nosniff',
    // personal documents: kept in no cache at all, not even the browser's on a shared phone or a
    // kelurahan counter PC (the no-store rule of ADR 018 for every signed-in response)
    'cache-control': 'no-store',
    etag,
    'content-disposition': disposition(opts.download || type === 'application/pdf' ? 'attachment' : 'inline', f.name, opts.variant),
    'cross-origin-resource-policy': 'same-origin',
  };
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);

  const bytes = await fileStore(app.config).get(key);
  if (!bytes) {
    app.log.error('stored file missing', { fileId: f.id, key });
    throw new AppError('not_found', 'error.not_found');
  }
  if (crypto.createHash('sha256').update(bytes).digest('hex') !== sha) {
    // the store returned other bytes than were stored: never hand them out
    app.log.error('stored file does not match its hash', { fileId: f.id, key });
    throw new Error(`file ${f.id}: content does not match its sha256`);
  }
  headers['content-length'] = String(bytes.length);
  return c.body(new Uint8Array(bytes), 200, headers);
}

/** RFC 6266: an ASCII fallback plus the UTF-8 name. */
function disposition(kind: 'inline' | 'attachment', name: string, variant?: string): string {
  const shown = variant ? name.replace(/(\.[a-z0-9]+)$/i, `-${variant}$1`) : name;
  const ascii = shown.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(shown)}`;
}
