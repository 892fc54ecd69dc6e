/** @jsxImportSource hono/jsx */
// Pages of berita: public /berita, /berita/{slug}, /berita/feed.atom, /berita/gambar/{file}, and
// the back office /petugas/berita. Thin: parse → authorize → one service call → render or redirect.
import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { authorize, authorizeOr404 } from '../../platform/access/guard.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseForm, parseQuery, query, validate, type FieldErrors, type FormData } from '../../platform/http/input.ts';
import { parseUpload, serveFile, UploadError, type Upload } from '../../platform/files/index.ts';
import { freshnessOf } from '../../platform/freshness/index.ts';
import { atomFeed } from './atom.ts';
import { IdParam, ImageQuery, ItemForm, ListQuery, MessageQuery, PublishForm } from './schema.ts';
import * as service from './service.ts';
import { beritaContent } from './content.ts';
import { FEED_PATH, ItemPage, ListPage } from './views/public.tsx';
import { FormPage, ListPage as StaffListPage, STAFF_PATH } from './views/staff.tsx';
import { CADENCE } from './freshness.ts';

const { PUBLIC_PATH } = service;
const newIdem = () => randomBytes(12).toString('base64url');

function valuesOf(i: service.ItemRow): FormData {
  return { idem: newIdem(), kind: i.kind, title: i.title, slug: i.slug, summary: i.summary, body: i.body, owner: i.owner.code, alt: '' };
}

export function beritaRoutes(app: Hono<Env>, ctx: AppContext, settings: { pageSize: number }) {
  const tz = () => ctx.calendar.timeZone();

  // ---- public (the feed before /berita/{slug})
  app.get(PUBLIC_PATH, query('halaman', 'jenis'), async (c) => {
    authorize(c, 'berita.view');
    const q = parseQuery(c, ListQuery);
    const { items, total } = await service.publicPage(ctx, { kind: q.jenis, page: q.halaman, size: settings.pageSize });
    const latest = await service.latestPublic(ctx);
    const freshness = latest ? await freshnessOf(ctx, { updatedAt: latest, cadence: CADENCE }, ctx.clock.now(), c.get('locale')) : undefined;
    if (!items.length && q.halaman > 1) c.status(404);
    return c.html(<ListPage c={c} items={items} total={total} page={q.halaman} size={settings.pageSize} kind={q.jenis} freshness={freshness} tz={await tz()} />);
  });

  app.get(FEED_PATH, async (c) => {
    authorize(c, 'berita.view');
    const t = c.get('t');
    const base = ctx.config.baseUrl.replace(/\/$/, '');
    const region = c.get('region');
    const { items } = await service.feedItems(ctx);
    const xml = atomFeed({
      id: `${base}${PUBLIC_PATH}`, title: `${t('berita.public.title')} – ${region.branding.name ?? region.name}`, self: `${base}${FEED_PATH}`, alternate: `${base}${PUBLIC_PATH}`,
      author: region.branding.name ?? region.name, lang: 'id',
      updated: items.reduce<Date | undefined>((m, i) => { const d = i.updatedAt > i.publishAt! ? i.updatedAt : i.publishAt!; return !m || d > m ? d : m; }, undefined),
      entries: items.map((i) => ({
        id: `${base}${service.itemHref(i)}`, title: i.title, link: `${base}${service.itemHref(i)}`, summary: i.summary, author: i.owner.name,
        category: i.kind, published: i.publishAt!, updated: i.updatedAt > i.publishAt! ? i.updatedAt : i.publishAt!,
      })),
    });
    return c.body(xml, 200, { 'content-type': 'application/atom+xml; charset=utf-8' });
  });

  // images: public once their item is; before that only to the owner unit's editors (preview)
  app.get(`${PUBLIC_PATH}/gambar/:file`, query('ukuran'), async (c) => {
    const q = parseQuery(c, ImageQuery);
    const fileId = c.req.param('file');
    const item = await service.itemOfImage(ctx.db, fileId);
    const opts = q.ukuran ? { variant: 'thumb' as const } : {};
    if (item && service.isPublicAt(item, ctx.clock.now())) return serveFile(c, fileId, 'berita.view', {}, opts);
    return serveFile(c, fileId, 'berita.edit', item ? { unitPath: item.owner.path } : () => undefined, opts);
  });

  app.get(`${PUBLIC_PATH}/:slug`, async (c) => {
    authorize(c, 'berita.view');
    const item = await service.publicItem(ctx, c.req.param('slug'));
    if (!item) throw new AppError('not_found', 'error.not_found');
    return c.html(<ItemPage c={c} item={item} tz={await tz()} />);
  });

  // ---- back office
  const editable = async (c: Context<Env>): Promise<service.ItemRow> => {
    const id = IdParam.safeParse(c.req.param('id'));
    const item = id.success ? await service.findItem(ctx.db, id.data) : undefined;
    authorizeOr404(c, 'berita.edit', item ? { unitPath: item.owner.path } : undefined);
    return item!;
  };
  const form = async (c: Context<Env>, item: service.ItemRow | undefined, values: FormData, errors: FieldErrors, status: number = 200, params?: Record<string, string | number>, message?: string) => {
    c.status(status as 200);
    return c.html(<FormPage c={c} item={item} values={values} errors={errors} params={params} message={message} owners={await service.ownerOptions(ctx.db, c.get('actor'))} now={ctx.clock.now()} tz={await tz()} />);
  };
  /** The multipart form: text fields checked like any form, images checked by platform/files. */
  const readItemForm = async (c: Context<Env>, item?: service.ItemRow) => {
    let fields: Record<string, string>;
    let files: Upload[];
    try {
      ({ fields, files } = await parseUpload(c, { module: 'berita', kind: 'image', action: 'berita.edit', subject: item ? { unitPath: item.owner.path } : undefined }));
    } catch (e) {
      if (!(e instanceof UploadError)) throw e;
      return { response: await form(c, item, e.values, e.fields ?? { gambar: e.messageKey }, e.status, e.params) };
    }
    const r = validate(ItemForm, fields);
    if (!r.ok) return { response: await form(c, item, r.values, r.errors, 422) };
    return { data: r.data, values: r.values, files };
  };

  app.get(STAFF_PATH, query('pesan'), async (c) => {
    authorize(c, 'berita.edit');
    const q = parseQuery(c, MessageQuery);
    const actor = c.get('actor');
    const [items, owners] = await Promise.all([service.staffList(ctx.db, actor), service.ownerOptions(ctx.db, actor)]);
    return c.html(<StaffListPage c={c} items={items} canAdd={owners.length > 0} message={q.pesan} now={ctx.clock.now()} tz={await tz()} />);
  });

  app.get(`${STAFF_PATH}/baru`, async (c) => {
    authorize(c, 'berita.edit');
    const owners = await service.ownerOptions(ctx.db, c.get('actor'));
    return form(c, undefined, { idem: newIdem(), kind: 'berita', owner: owners.length === 1 ? owners[0].code : '' }, {});
  });

  app.post(`${STAFF_PATH}/baru`, async (c) => {
    authorize(c, 'berita.edit');
    const r = await readItemForm(c);
    if (r.response) return r.response;
    const saved = await service.createItem(ctx, c.get('actor'), actorFromRequest(c), r.data, r.files);
    if (!saved.ok) return form(c, undefined, r.values, saved.errors, 422);
    await beritaContent.refresh(ctx);
    return c.redirect(`${STAFF_PATH}/${saved.id}?pesan=dibuat`, 303);
  });

  app.get(`${STAFF_PATH}/:id/pratinjau`, async (c) => {
    const item = await editable(c);
    return c.html(<ItemPage c={c} item={item} tz={await tz()} preview />);
  });

  app.get(`${STAFF_PATH}/:id`, query('pesan'), async (c) => {
    const item = await editable(c);
    const q = parseQuery(c, MessageQuery);
    return form(c, item, valuesOf(item), {}, 200, undefined, q.pesan);
  });

  app.post(`${STAFF_PATH}/:id`, async (c) => {
    const item = await editable(c);
    const r = await readItemForm(c, item);
    if (r.response) return r.response;
    const saved = await service.updateItem(ctx, c.get('actor'), actorFromRequest(c), item.id, r.data, r.files);
    if (!saved.ok) return form(c, item, r.values, saved.errors, 422);
    await beritaContent.refresh(ctx);
    return c.redirect(`${STAFF_PATH}/${item.id}?pesan=disimpan`, 303);
  });

  app.post(`${STAFF_PATH}/:id/terbitkan`, async (c) => {
    const item = await editable(c);
    const r = await parseForm(c, PublishForm);
    if (!r.ok) return form(c, item, { ...valuesOf(item), ...r.values }, r.errors, 422);
    if (r.data.jam && !r.data.tanggal) return form(c, item, { ...valuesOf(item), ...r.values }, { tanggal: 'berita.publish.date_needed' }, 422);
    const at = r.data.tanggal ? await service.localInstant(ctx, r.data.tanggal, r.data.jam) : undefined;
    const status = await service.publishItem(ctx, actorFromRequest(c), item.id, at);
    await beritaContent.refresh(ctx);
    return c.redirect(`${STAFF_PATH}?pesan=${status === 'scheduled' ? 'dijadwalkan' : 'diterbitkan'}`, 303);
  });

  app.post(`${STAFF_PATH}/:id/arsipkan`, async (c) => {
    const item = await editable(c);
    const r = await parseForm(c, PublishForm.partial());
    if (!r.ok) throw new AppError('validation_failed', 'error.validation', r.errors);
    await service.archiveItem(ctx, actorFromRequest(c), item.id);
    await beritaContent.refresh(ctx);
    return c.redirect(`${STAFF_PATH}?pesan=diarsipkan`, 303);
  });
}
