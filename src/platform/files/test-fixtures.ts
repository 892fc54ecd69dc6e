// Test fixtures for uploads: a test-only module that accepts files (its routes do what a real
// module's would: parseUpload → saveFiles in a transaction → JSON; serveFile with the uploader as
// owner), and test files made on the spot (a JPEG that really carries GPS, a PNG, a minimal PDF).
import sharp from 'sharp';
import { defineModule } from '../module.ts';
import { parseUpload, saveFiles, serveFile, UploadError } from './index.ts';
import { sha256 } from '../crypto.ts';
import { AppError } from '../http/errors.ts';
import { tokenFor } from '../http/csrf.ts';
import type { Client, TestApp } from '../../../test/helpers.ts';

/** the pre-session CSRF cookie a test client carries */
export const CSRF_SEED = 'files-test-csrf-seed-0123456789abcdef';

/** The token csrfToken() would put in this client's form: bound to its session when it has one. */
export function csrfFor(t: TestApp, client: Client): string {
  const sid = client.cookies.get('gapura_sid');
  return tokenFor(t.ctx.config.secret, sid ? { sessionIdHash: sha256(sid) } : { seed: CSRF_SEED });
}
export interface TestFile { name: string; bytes: Uint8Array; type?: string }

/** POSTs files (and fields) as multipart to the test module, as a browser form would; JSON back. */
export async function uploadAs(t: TestApp, client: Client, kind: string, files: TestFile[], fields: Record<string, string> = {}, opts: { csrf?: boolean; lang?: 'en' } = {}) {
  client.cookies.set('gapura_csrf', CSRF_SEED);
  const form = new FormData();
  if (opts.csrf !== false) form.append('_csrf', csrfFor(t, client));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  // the browser's claimed type is deliberately wrong: only the bytes count
  for (const f of files) form.append('berkas', new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'application/octet-stream' }), f.name);
  if (opts.lang) client.cookies.set('lang', opts.lang);
  const res = await client.request(`/uji-berkas/${kind}`, { method: 'POST', body: form, headers: { accept: 'application/json' } });
  client.cookies.delete('lang');
  return { res, body: (await res.json()) as Record<string, any> };
}

export const fileTestModule = defineModule({
  id: 'filetest',
  permissions: {
    'filetest.upload': { citizen: 'any', roles: ['officer'] },
    'filetest.read': { citizen: 'own', roles: ['officer'] },
  },
  files: {
    photo: { maxBytes: 2 * 1024 * 1024, maxCount: 2, accept: ['image'] },
    letter: { maxBytes: 100_000, maxCount: 1, accept: ['pdf'] },
    any: { maxBytes: 2 * 1024 * 1024, maxCount: 3, accept: ['image', 'pdf'] },
  },
  routes(app) {
    app.post('/uji-berkas/:kind', async (c) => {
      const kind = c.req.param('kind');
      // a kind the manifest does not declare is a page that does not exist (the access matrix asks)
      if (!['photo', 'letter', 'any'].includes(kind)) throw new AppError('not_found');
      const actor = c.get('actor');
      try {
        const up = await parseUpload(c, { module: 'filetest', kind, action: 'filetest.upload' });
        const ctx = c.get('app');
        const saved = await ctx.db.transaction().execute((tx) => saveFiles(ctx, tx, up.files, { uploadedBy: actor.kind === 'anonymous' ? null : actor.userId }));
        return c.json({ fields: up.fields, files: saved });
      } catch (e) {
        // what a module's form route does: show the form again, as typed, with the message
        if (e instanceof UploadError) return c.json({ code: e.code, message: c.get('t')(e.messageKey, e.params), fields: e.fields, values: e.values }, e.status as 422);
        throw e;
      }
    });
    app.get('/uji-berkas/berkas/:id', (c) => serveFile(c, c.req.param('id'), 'filetest.read', (f) => ({ ownerId: f.uploaded_by ?? undefined })));
    app.get('/uji-berkas/berkas/:id/kecil', (c) => serveFile(c, c.req.param('id'), 'filetest.read', (f) => ({ ownerId: f.uploaded_by ?? undefined }), { variant: 'thumb' }));
    // a route of another module's permission: may never serve filetest's files
    app.get('/uji-lain/:id', (c) => serveFile(c, c.req.param('id'), 'othertest.read', {}));
  },
});

/** A 2400×1800 JPEG that really carries a GPS position and the camera's make and model. */
export async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 2400, height: 1800, channels: 3, background: { r: 120, g: 160, b: 90 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'GapuraCam', Model: 'Uji 1', Software: 'kamera-uji' },
      IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '2/1 59/1 2400/100', GPSLongitudeRef: 'E', GPSLongitude: '104/1 45/1 3600/100' },
    })
    .toBuffer();
}

export const png = (w = 64, h = 48) => sharp({ create: { width: w, height: h, channels: 4, background: { r: 200, g: 10, b: 10, alpha: 0.5 } } }).png().toBuffer();

/** A minimal, well-formed one-page PDF (header, objects, xref table, trailer, startxref, %%EOF). */
export function minimalPdf(padding = 0): Buffer {
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>${' '.repeat(padding)}`];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

