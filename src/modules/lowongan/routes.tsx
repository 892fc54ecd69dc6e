/** @jsxImportSource hono/jsx */
// Pages of lowongan: public /lowongan and /lowongan/{slug} (current vacancies only), and the back
// office /petugas/lowongan. Thin: parse → authorize → one service call → render or redirect.
import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { authorize, authorizeOr404 } from '../../platform/access/guard.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseForm, parseQuery, query, type FieldErrors, type FormData } from '../../platform/http/input.ts';
import { freshnessOf } from '../../platform/freshness/index.ts';
import { EmptyForm, IdParam, MessageQuery, VacancyForm } from './schema.ts';
import * as service from './service.ts';
import { lowonganContent } from './content.ts';
import { CADENCE } from './freshness.ts';
import { ItemPage, ListPage } from './views/public.tsx';
import { FormPage, StaffListPage } from './views/staff.tsx';

const { PUBLIC_PATH, STAFF_PATH } = service;
const newIdem = () => randomBytes(12).toString('base64url');

function valuesOf(v: service.VacancyRow): FormData {
  return {
    idem: newIdem(), position: v.position, employer: v.employer, location: v.location, closingDate: v.closingDate, openings: v.openings ? String(v.openings) : '',
    summary: v.summary, requirements: v.requirements, howToApply: v.howToApply, slug: v.slug, owner: v.owner.code,
  };
}

export function lowonganRoutes(app: Hono<Env>, ctx: AppContext) {
  app.get(PUBLIC_PATH, async (c) => {
    authorize(c, 'lowongan.view');
    const [items, latest] = await Promise.all([service.currentList(ctx), service.latestUpdate(ctx)]);
    // the menu follows what this page finds (a vacancy that closed since the last check)
    if (items.length > 0 !== lowonganContent.visible()) await lowonganContent.refresh(ctx);
    const freshness = latest && items.length ? await freshnessOf(ctx, { updatedAt: latest, cadence: CADENCE }, ctx.clock.now(), c.get('locale')) : undefined;
    return c.html(<ListPage c={c} items={items} freshness={freshness} />);
  });

  app.get(`${PUBLIC_PATH}/:slug`, async (c) => {
    authorize(c, 'lowongan.view');
    const v = await service.currentVacancy(ctx, c.req.param('slug'));
    if (!v) throw new AppError('not_found', 'error.not_found');
    return c.html(<ItemPage c={c} v={v} />);
  });

  // ---- back office
  const editable = async (c: Context<Env>) => {
    const id = IdParam.safeParse(c.req.param('id'));
    const v = id.success ? await service.findVacancy(ctx.db, id.data) : undefined;
    authorizeOr404(c, 'lowongan.edit', v ? { unitPath: v.owner.path } : undefined);
    return v!;
  };
  const form = async (c: Context<Env>, item: service.VacancyRow | undefined, values: FormData, errors: FieldErrors, status = 200, message?: string) => {
    c.status(status as 200);
    return c.html(<FormPage c={c} item={item} values={values} errors={errors} owners={await service.ownerOptions(ctx.db, c.get('actor'))} message={message} today={await service.today(ctx)} />);
  };

  app.get(STAFF_PATH, query('pesan'), async (c) => {
    authorize(c, 'lowongan.edit');
    const q = parseQuery(c, MessageQuery);
    const actor = c.get('actor');
    const [items, owners] = await Promise.all([service.staffList(ctx.db, actor), service.ownerOptions(ctx.db, actor)]);
    return c.html(<StaffListPage c={c} items={items} canAdd={owners.length > 0} message={q.pesan} today={await service.today(ctx)} />);
  });
  app.get(`${STAFF_PATH}/baru`, async (c) => {
    authorize(c, 'lowongan.edit');
    const owners = await service.ownerOptions(ctx.db, c.get('actor'));
    return form(c, undefined, { idem: newIdem(), owner: owners.length === 1 ? owners[0].code : '' }, {});
  });
  app.post(`${STAFF_PATH}/baru`, async (c) => {
    authorize(c, 'lowongan.edit');
    const r = await parseForm(c, VacancyForm);
    if (!r.ok) return form(c, undefined, r.values, r.errors, 422);
    const saved = await service.createVacancy(ctx, c.get('actor'), actorFromRequest(c), r.data);
    if (!saved.ok) return form(c, undefined, r.values, saved.errors, 422);
    return c.redirect(`${STAFF_PATH}/${saved.id}?pesan=dibuat`, 303);
  });
  app.get(`${STAFF_PATH}/:id/pratinjau`, async (c) => {
    const v = await editable(c);
    return c.html(<ItemPage c={c} v={v} preview />);
  });
  app.get(`${STAFF_PATH}/:id`, query('pesan'), async (c) => {
    const v = await editable(c);
    const q = parseQuery(c, MessageQuery);
    return form(c, v, valuesOf(v), {}, 200, q.pesan);
  });
  app.post(`${STAFF_PATH}/:id`, async (c) => {
    const v = await editable(c);
    const r = await parseForm(c, VacancyForm);
    if (!r.ok) return form(c, v, r.values, r.errors, 422);
    const saved = await service.updateVacancy(ctx, c.get('actor'), actorFromRequest(c), v.id, r.data);
    if (!saved.ok) return form(c, v, r.values, saved.errors, 422);
    await lowonganContent.refresh(ctx);
    return c.redirect(`${STAFF_PATH}/${v.id}?pesan=disimpan`, 303);
  });
  for (const [path, status, msg] of [['terbitkan', 'published', 'diterbitkan'], ['arsipkan', 'archived', 'diarsipkan']] as const) {
    app.post(`${STAFF_PATH}/:id/${path}`, async (c) => {
      const v = await editable(c);
      const r = await parseForm(c, EmptyForm);
      if (!r.ok) throw new AppError('validation_failed', 'error.validation', r.errors);
      await service.setStatus(ctx, actorFromRequest(c), v.id, status);
      await lowonganContent.refresh(ctx);
      return c.redirect(`${STAFF_PATH}?pesan=${msg}`, 303);
    });
  }
}
