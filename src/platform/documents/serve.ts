// Sending an issued PDF: only from the issuing module's route, after authorize, never cached.
import type { Context } from 'hono';
import type { Env } from '../http/context.ts';
import { authorizeOr404 } from '../access/guard.ts';
import type { Subject } from '../access/can.ts';
import { documentBytes, findDocument } from './service.ts';
import type { DocumentRow } from './schema.ts';

/**
 * Authorizes `action` on the subject (given, or computed from the document row) and sends the PDF as
 * a download with `cache-control: no-store`. The action's module prefix must be the document's
 * module; unknown and not allowed answer the same (404, or sign-in for anonymous people).
 */
export async function serveDocument(
  c: Context<Env>,
  id: string,
  action: string,
  subject: Subject | ((doc: DocumentRow) => Subject | undefined | Promise<Subject | undefined>),
): Promise<Response> {
  const app = c.get('app');
  const row = await findDocument(app.db, id);
  const mod = action.split('.')[0];
  const s = row && row.module === mod ? (typeof subject === 'function' ? await subject(row) : subject) : undefined;
  authorizeOr404(c, action, s);
  const bytes = await documentBytes(app, row!);
  const ascii = row!.file_name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  return c.body(new Uint8Array(bytes), 200, {
    'content-type': 'application/pdf',
    'content-length': String(bytes.length),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(row!.file_name)}`,
  });
}
