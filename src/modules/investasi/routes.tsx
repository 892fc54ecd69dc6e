/** @jsxImportSource hono/jsx */
// Pages of investasi: public /investasi, /investasi/{slug}, the inquiry form /investasi/minat/{slug},
// and the back office /petugas/investasi (opportunities and the inquiry queue). Thin: parse →
// authorize → one service call → render or redirect.
import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { authorize, authorizeOr404 } from '../../platform/access/guard.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseForm, parseQuery, query, type FieldErrors, type FormData } from '../../platform/http/input.ts';
import { clientIp } from '../../platform/http/client-ip.ts';
import { freshnessOf } from '../../platform/freshness/index.ts';
import { EmptyForm, IdParam, InquiryForm, ListQuery, MessageQuery, OpportunityForm } from './schema.ts';
import * as service from './service.ts';
import { investasiContent } from './content.ts';
import { CADENCE } from './freshness.ts';
import { InquiryPage, ItemPage, ListPage, SentPage } from './views/public.tsx';
import { FormPage, InquiryDetailPage, QueuePage, StaffListPage } from './views/staff.tsx';

const { PUBLIC_PATH, INQUIRY_PATH, STAFF_PATH } = service;
const newIdem = () => randomBytes(12).toString('base64url');

function valuesOf(o: service.OpportunityRow): FormData {
  return {
    idem: newIdem(), title: o.title, slug: o.slug, sector: o.sector, kecamatan: o.kecamatan?.code ?? '', location: o.location, value: o.valueRp === null ? '' : String(o.valueRp),
    stage: o.stage, summary: o.summary, body: o.body, contactName: o.contactName, contactEmail: o.contactEmail, contactPhone: o.contactPhone, owner: o.owner.code,
  };
}

export function investasiRoutes(app: Hono<Env>, ctx: AppContext) {
  const tz = () => ctx.calendar.timeZone();

  // ---- public (the inquiry pages before /investasi/{slug})
  app.get(PUBLIC_PATH, query('sektor', 'kecamatan', 'status'), async (c) => {
    authorize(c, 'investasi.view');
    const q = parseQuery(c, ListQuery);
    const [items, kecamatan, latest] = await Promise.all([service.publicList(ctx, { sector: q.sektor, kecamatan: q.kecamatan, stage: q.status }), service.kecamatanList(ctx), service.latestUpdate(ctx)]);
    const freshness = latest ? await freshnessOf(ctx, { updatedAt: latest, cadence: CADENCE }, ctx.clock.now(), c.get('locale')) : undefined;
    return c.html(<ListPage c={c} items={items} filter={q} kecamatan={kecamatan} freshness={freshness} />);
  });

  app.get(`${INQUIRY_PATH}/terkirim`, (c) => {
    authorize(c, 'investasi.view');
    return c.html(<SentPage c={c} />);
  });

  const published = async (c: Context<Env>) => {
    const o = await service.publicOpportunity(ctx, c.req.param('slug') ?? '');
    if (!o || o.stage === 'terealisasi') throw new AppError('not_found', 'error.not_found');
    return o;
  };
  app.get(`${INQUIRY_PATH}/:slug`, async (c) => {
    authorize(c, 'investasi.inquire');
    const o = await published(c);
    return c.html(<InquiryPage c={c} o={o} values={{ idem: newIdem() }} errors={{}} />);
  });
  app.post(`${INQUIRY_PATH}/:slug`, async (c) => {
    authorize(c, 'investasi.inquire');
    const o = await published(c);
    const r = await parseForm(c, InquiryForm);
    const again = (values: FormData, errors: FieldErrors) => { c.status(422); return c.html(<InquiryPage c={c} o={o} values={values} errors={errors} />); };
    if (!r.ok) return again(r.values, r.errors);
    const actor = c.get('actor');
    const sent = await service.sendInquiry(ctx, o, r.data, { ip: clientIp(c), userId: actor.kind === 'citizen' ? actor.userId : null });
    if (!sent.ok) return again(r.values, sent.errors);
    return c.redirect(`${INQUIRY_PATH}/terkirim`, 303);
  });

  app.get(`${PUBLIC_PATH}/:slug`, async (c) => {
    authorize(c, 'investasi.view');
    const o = await service.publicOpportunity(ctx, c.req.param('slug'));
    if (!o) throw new AppError('not_found', 'error.not_found');
    return c.html(<ItemPage c={c} o={o} />);
  });

  // ---- back office
  const editable = async (c: Context<Env>) => {
    const id = IdParam.safeParse(c.req.param('id'));
    const o = id.success ? await service.findOpportunity(ctx.db, id.data) : undefined;
    authorizeOr404(c, 'investasi.edit', o ? { unitPath: o.owner.path } : undefined);
    return o!;
  };
  const form = async (c: Context<Env>, item: service.OpportunityRow | undefined, values: FormData, errors: FieldErrors, status = 200, message?: string) => {
    c.status(status as 200);
    const [owners, kecamatan] = await Promise.all([service.ownerOptions(ctx.db, c.get('actor')), service.kecamatanList(ctx)]);
    return c.html(<FormPage c={c} item={item} values={values} errors={errors} owners={owners} kecamatan={kecamatan} message={message} />);
  };

  app.get(STAFF_PATH, query('pesan'), async (c) => {
    authorize(c, 'investasi.edit');
    const q = parseQuery(c, MessageQuery);
    const actor = c.get('actor');
    const [items, owners, queue] = await Promise.all([service.staffList(ctx.db, actor), service.ownerOptions(ctx.db, actor), service.inquiryQueue(ctx.db, actor)]);
    return c.html(<StaffListPage c={c} items={items} canAdd={owners.length > 0} message={q.pesan} newInquiries={queue.filter((i) => i.state === 'baru').length} />);
  });

  app.get(`${STAFF_PATH}/baru`, async (c) => {
    authorize(c, 'investasi.edit');
    const owners = await service.ownerOptions(ctx.db, c.get('actor'));
    return form(c, undefined, { idem: newIdem(), stage: 'tersedia', owner: owners.length === 1 ? owners[0].code : '' }, {});
  });
  app.post(`${STAFF_PATH}/baru`, async (c) => {
    authorize(c, 'investasi.edit');
    const r = await parseForm(c, OpportunityForm);
    if (!r.ok) return form(c, undefined, r.values, r.errors, 422);
    const saved = await service.createOpportunity(ctx, c.get('actor'), actorFromRequest(c), r.data);
    if (!saved.ok) return form(c, undefined, r.values, saved.errors, 422);
    return c.redirect(`${STAFF_PATH}/${saved.id}?pesan=dibuat`, 303);
  });

  app.get(`${STAFF_PATH}/minat`, query('pesan'), async (c) => {
    authorize(c, 'investasi.inquiries');
    const q = parseQuery(c, MessageQuery);
    return c.html(<QueuePage c={c} rows={await service.inquiryQueue(ctx.db, c.get('actor'))} tz={await tz()} message={q.pesan} />);
  });
  const inquiry = async (c: Context<Env>) => {
    const id = IdParam.safeParse(c.req.param('id'));
    const i = id.success ? await service.findInquiry(ctx.db, id.data) : undefined;
    authorizeOr404(c, 'investasi.inquiries', i ? { unitPath: i.unitPath } : undefined);
    return i!;
  };
  app.get(`${STAFF_PATH}/minat/:id`, async (c) => {
    const i = await inquiry(c);
    return c.html(<InquiryDetailPage c={c} i={i} tz={await tz()} />);
  });
  app.post(`${STAFF_PATH}/minat/:id/ditangani`, async (c) => {
    const i = await inquiry(c);
    const r = await parseForm(c, EmptyForm);
    if (!r.ok) throw new AppError('validation_failed', 'error.validation', r.errors);
    await service.markHandled(ctx, actorFromRequest(c), i);
    return c.redirect(`${STAFF_PATH}/minat?pesan=ditangani`, 303);
  });

  app.get(`${STAFF_PATH}/:id/pratinjau`, async (c) => {
    const o = await editable(c);
    return c.html(<ItemPage c={c} o={o} preview />);
  });
  app.get(`${STAFF_PATH}/:id`, query('pesan'), async (c) => {
    const o = await editable(c);
    const q = parseQuery(c, MessageQuery);
    return form(c, o, valuesOf(o), {}, 200, q.pesan);
  });
  app.post(`${STAFF_PATH}/:id`, async (c) => {
    const o = await editable(c);
    const r = await parseForm(c, OpportunityForm);
    if (!r.ok) return form(c, o, r.values, r.errors, 422);
    const saved = await service.updateOpportunity(ctx, c.get('actor'), actorFromRequest(c), o.id, r.data);
    if (!saved.ok) return form(c, o, r.values, saved.errors, 422);
    await investasiContent.refresh(ctx);
    return c.redirect(`${STAFF_PATH}/${o.id}?pesan=disimpan`, 303);
  });
  for (const [path, status, msg] of [['terbitkan', 'published', 'diterbitkan'], ['arsipkan', 'archived', 'diarsipkan']] as const) {
    app.post(`${STAFF_PATH}/:id/${path}`, async (c) => {
      const o = await editable(c);
      const r = await parseForm(c, EmptyForm);
      if (!r.ok) throw new AppError('validation_failed', 'error.validation', r.errors);
      await service.setStatus(ctx, actorFromRequest(c), o.id, status);
      await investasiContent.refresh(ctx);
      return c.redirect(`${STAFF_PATH}?pesan=${msg}`, 303);
    });
  }
}
