/** @jsxImportSource hono/jsx */
// Pages: the public section (/dokumen, /dokumen/{id}, its download) and the back office
// (/petugas/dokumen). Thin: parse → authorize → one service call → render or redirect.
import crypto from 'node:crypto';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { authorize, authorizeOr404 } from '../../platform/access/guard.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseForm, parseQuery, query, validate, type FieldErrors, type FormData } from '../../platform/http/input.ts';
import { parseUpload, serveFile, UploadError } from '../../platform/files/index.ts';
import { freshnessOf } from '../../platform/freshness/index.ts';
import { formatDate } from '../../platform/i18n/index.ts';
import { DocumentForm, IdParam, MessageQuery, PublicQuery } from './schema.ts';
import * as service from './service.ts';
import type { DocRow } from './service.ts';
import { docFlag, PERIODIC, YEARLY } from './freshness.ts';
import { pdftotextPath } from './settings.ts';
import { DocPage, ListPage } from './views/public.tsx';
import { FormPage, ListPage as StaffListPage, STAFF_PATH } from './views/staff.tsx';
import fs from 'node:fs';

const StateForm = z.object({ state: z.enum(['published', 'withdrawn']) });

const valuesOf = (d: DocRow): FormData => ({
  title: d.title, doc_type: d.docType, number: d.number, year: String(d.year), status: d.status ?? '', subject: d.subject, owner: d.owner.code,
  publish: d.state === 'draft' ? '' : '1', kunci: '',
});

export function dokumenRoutes(app: Hono<Env>, ctx: AppContext) {
  const PUBLIC = service.PUBLIC_PATH;

  // ---- public
  app.get(PUBLIC, query('kategori', 'jenis', 'tahun', 'q', 'halaman'), async (c) => {
    authorize(c, 'dokumen.view');
    const f = parseQuery(c, PublicQuery);
    const q = f.q.trim();
    const list = await service.publicList(ctx.db, { category: f.kategori, docType: f.jenis, year: f.tahun, q: q || undefined }, f.halaman ?? 1);
    return c.html(<ListPage c={c} v={{ ...list, filter: { kategori: f.kategori, jenis: f.jenis, tahun: f.tahun, q } }} />);
  });

  const published = async (c: Context<Env>) => {
    const id = IdParam.safeParse(c.req.param('id'));
    const d = id.success ? await service.publicDoc(ctx.db, id.data) : undefined;
    authorizeOr404(c, 'dokumen.view', d ? {} : undefined);
    return d!;
  };

  app.get(`${PUBLIC}/:id{[0-9]+}`, async (c) => {
    const d = await published(c);
    const t = c.get('t');
    const freshness = PERIODIC.includes(d.category)
      ? await freshnessOf(ctx, { updatedAt: await service.latestOf(ctx.db, d.owner.id, d.category), cadence: YEARLY }, ctx.clock.now(), c.get('locale'))
      : { state: 'fresh', text: t('dokumen.updated', { date: formatDate(c.get('locale'), d.updatedAt, c.get('region').timeZone) }) };
    return c.html(<DocPage c={c} d={d} freshness={freshness} />);
  });

  app.get(`${PUBLIC}/:id{[0-9]+}/unduh`, async (c) => {
    const d = await published(c);
    return serveFile(c, d.fileId, 'dokumen.view', (f) => (f.id === d.fileId ? {} : undefined), { download: true });
  });

  // ---- back office
  /** The document named in the path, if this officer's units own it; otherwise 404. */
  const editable = async (c: Context<Env>): Promise<DocRow> => {
    const id = IdParam.safeParse(c.req.param('id'));
    const d = id.success ? await service.findDoc(ctx.db, id.data) : undefined;
    authorizeOr404(c, 'dokumen.manage', d ? { unitPath: d.owner.path } : undefined);
    return d!;
  };
  const form = async (c: Context<Env>, doc: DocRow | undefined, values: FormData, errors: FieldErrors, status: 200 | 413 | 422 = 200, params?: Record<string, string | number>) => {
    c.status(status);
    const owners = await service.ownerOptions(ctx.db, c.get('actor'));
    return c.html(<FormPage c={c} doc={doc} values={values} errors={errors} owners={owners} params={params} />);
  };
  const textTool = () => {
    const bin = pdftotextPath(ctx.config);
    return !!bin && fs.existsSync(bin);
  };

  app.get(STAFF_PATH, query('pesan'), async (c) => {
    authorize(c, 'dokumen.manage');
    const q = parseQuery(c, MessageQuery);
    const actor = c.get('actor');
    const [docs, owners] = await Promise.all([service.staffList(ctx.db, actor), service.ownerOptions(ctx.db, actor)]);
    return c.html(<StaffListPage c={c} docs={docs} canAdd={owners.length > 0} message={q.pesan} textTool={textTool()} />);
  });

  app.get(`${STAFF_PATH}/baru`, async (c) => {
    authorize(c, 'dokumen.manage');
    const owners = await service.ownerOptions(ctx.db, c.get('actor'));
    return form(c, undefined, { kunci: crypto.randomUUID(), year: String(new Date(ctx.clock.now()).getUTCFullYear()), owner: owners.length === 1 ? owners[0].code : '' }, {});
  });

  app.post(`${STAFF_PATH}/baru`, async (c) => {
    let up;
    try {
      up = await parseUpload(c, { module: 'dokumen', kind: 'pdf', action: 'dokumen.manage' });
    } catch (e) {
      if (!(e instanceof UploadError)) throw e;
      return form(c, undefined, e.values, e.fields ?? {}, e.status === 413 ? 413 : 422, e.params);
    }
    const r = validate(DocumentForm, up.fields);
    const errors: FieldErrors = r.ok ? {} : { ...r.errors };
    if (!up.files.length) errors.berkas = 'dokumen.form.file.required';
    if (!r.ok || !up.files.length) return form(c, undefined, up.fields, errors, 422);
    const key = /^[0-9a-f-]{36}$/.test(r.data.kunci) ? r.data.kunci : crypto.randomUUID();
    const saved = await service.createDoc(ctx, c.get('actor'), actorFromRequest(c), r.data, up.files[0], key);
    if (!saved.ok) return form(c, undefined, up.fields, saved.errors, 422);
    await docFlag.refresh(ctx);
    return c.redirect(`${STAFF_PATH}?pesan=dibuat`, 303);
  });

  app.get(`${STAFF_PATH}/:id{[0-9]+}`, async (c) => {
    const d = await editable(c);
    return form(c, d, valuesOf(d), {});
  });

  app.get(`${STAFF_PATH}/:id{[0-9]+}/berkas`, async (c) => {
    const d = await editable(c);
    return serveFile(c, d.fileId, 'dokumen.manage', (f) => (f.id === d.fileId ? { unitPath: d.owner.path } : undefined), { download: true });
  });

  app.post(`${STAFF_PATH}/:id{[0-9]+}`, async (c) => {
    const d = await editable(c);
    const r = await parseForm(c, DocumentForm);
    if (!r.ok) return form(c, d, r.values, r.errors, 422);
    const saved = await service.updateDoc(ctx, c.get('actor'), actorFromRequest(c), d.id, r.data);
    if (!saved.ok) return form(c, d, r.values, saved.errors, 422);
    await docFlag.refresh(ctx);
    return c.redirect(`${STAFF_PATH}?pesan=disimpan`, 303);
  });

  app.post(`${STAFF_PATH}/:id{[0-9]+}/status`, async (c) => {
    const d = await editable(c);
    const r = await parseForm(c, StateForm);
    if (!r.ok) throw new AppError('validation_failed', 'error.validation', r.errors);
    await service.changeState(ctx, actorFromRequest(c), d.id, r.data.state);
    await docFlag.refresh(ctx);
    return c.redirect(`${STAFF_PATH}?pesan=${r.data.state === 'published' ? 'diterbitkan' : 'ditarik'}`, 303);
  });
}
