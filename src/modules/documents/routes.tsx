/** @jsxImportSource hono/jsx */
// The public verification pages. Thin: parse → authorize → look up (platform/documents) → render.
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { authorize } from '../../platform/access/guard.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { parseQuery, query } from '../../platform/http/input.ts';
import { clientIp } from '../../platform/http/session.ts';
import { assertNotLimited, recordFailure, type LimitPolicy } from '../../platform/http/ratelimit.ts';
import { parseUpload, UploadError } from '../../platform/files/index.ts';
import { findDocumentByCode, normalizeCode, type DocumentRow } from '../../platform/documents/index.ts';
import { CHECK_PATH, CheckForm, ResultPage, type ResultView } from './views/check.tsx';

const CodeQuery = z.object({ kode: z.string().max(40).optional() });

// Abuse limits, per client address. Generous, since a kelurahan office or a bank behind one address
// checks many letters a day; they stop a script, not a counter.
// - codes that match nothing: a scan of the code space (50 bits: hopeless, but not free to try)
const MISS: LimitPolicy = { free: 30, windowSeconds: 900, baseDelaySeconds: 30 };
// - uploads (each one is read and hashed whole, up to the upload limit): every attempt counts
const UPLOAD: LimitPolicy = { free: 60, windowSeconds: 3600, baseDelaySeconds: 60 };
const missKey = (c: Context<Env>) => `documents:cek:miss:${clientIp(c)}`;
const uploadKey = (c: Context<Env>) => `documents:cek:upload:${clientIp(c)}`;

export function documentsRoutes(app: Hono<Env>, ctx: AppContext) {
  app.get(CHECK_PATH, query('kode'), (c) => {
    authorize(c, 'documents.verify');
    const { kode } = parseQuery(c, CodeQuery);
    if (kode === undefined || kode.trim() === '') return c.html(<CheckForm c={c} value="" errors={{}} />);
    const code = normalizeCode(kode);
    if (code) return c.redirect(`${CHECK_PATH}/${code}`, 303);
    c.status(422);
    return c.html(<CheckForm c={c} value={kode} errors={{ kode: 'documents.check.invalid' }} />);
  });

  const lookup = async (c: Context<Env>): Promise<{ row: DocumentRow | undefined; code: string; unitName?: string }> => {
    const raw = c.req.param('code') ?? '';
    const code = normalizeCode(raw) ?? raw.slice(0, 20).replace(/[^A-Za-z0-9-]/g, '');
    await assertNotLimited(ctx.db, [missKey(c)]);
    const row = normalizeCode(raw) ? await findDocumentByCode(ctx.db, code) : undefined;
    if (!row) await recordFailure(ctx.db, [missKey(c)], MISS);
    const unit = row ? await ctx.db.selectFrom('units').select('name').where('id', '=', row.unit_id).executeTakeFirst() : undefined;
    return { row, code, unitName: unit?.name };
  };
  const page = async (c: Context<Env>, v: ResultView) => {
    if (!v.row) c.status(404);
    return c.html(<ResultPage c={c} v={v} timeZone={(await ctx.region()).timeZone} />);
  };

  app.get(`${CHECK_PATH}/:code`, async (c) => {
    authorize(c, 'documents.verify');
    return page(c, await lookup(c));
  });

  app.post(`${CHECK_PATH}/:code`, async (c) => {
    authorize(c, 'documents.verify');
    const found = await lookup(c);
    if (!found.row) return page(c, found);
    // before the body is read: a flood is refused without parsing it
    await assertNotLimited(ctx.db, [uploadKey(c)]);
    await recordFailure(ctx.db, [uploadKey(c)], UPLOAD);
    try {
      const up = await parseUpload(c, { module: 'documents', kind: 'check', action: 'documents.verify' });
      const file = up.files[0];
      if (!file) {
        c.status(422);
        return await page(c, { ...found, errors: { berkas: 'documents.upload.missing' } });
      }
      // the bytes as received, before anything else: byte for byte or not at all
      return await page(c, { ...found, match: file.source.sha256 === found.row.sha256 });
    } catch (e) {
      if (!(e instanceof UploadError)) throw e;
      c.status(e.status as 413 | 422);
      return page(c, { ...found, errors: e.fields ?? { berkas: 'documents.upload.missing' } });
    }
  });
}
