/** @jsxImportSource hono/jsx */
// Pages of the agenda: public /agenda, /agenda/{id}, /agenda.ics, and the back office
// /petugas/agenda. Thin: parse → authorize → one service call → render or redirect.
import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { authorize, authorizeOr404 } from '../../platform/access/guard.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseForm, parseQuery, query, type FieldErrors, type FormData } from '../../platform/http/input.ts';
import { freshnessOf } from '../../platform/freshness/index.ts';
import { EventForm, IdParam, ListQuery, MessageQuery, StatusForm } from './schema.ts';
import * as service from './service.ts';
import { agendaContent } from './content.ts';
import { CADENCE } from './freshness.ts';
import { EventPage, ListPage } from './views/public.tsx';
import { FormPage, ListPage as StaffListPage, STAFF_PATH } from './views/staff.tsx';

const { PUBLIC_PATH, FEED_PATH } = service;
const newIdem = () => randomBytes(12).toString('base64url');

export function agendaRoutes(app: Hono<Env>, ctx: AppContext) {
  const tz = () => ctx.calendar.timeZone();

  app.get(PUBLIC_PATH, query('waktu'), async (c) => {
    authorize(c, 'agenda.view');
    const q = parseQuery(c, ListQuery);
    const isPast = q.waktu === 'lalu';
    const events = isPast ? await service.past(ctx) : await service.upcoming(ctx);
    const latest = await service.latestChange(ctx);
    const freshness = latest ? await freshnessOf(ctx, { updatedAt: latest, cadence: CADENCE }, ctx.clock.now(), c.get('locale')) : undefined;
    return c.html(<ListPage c={c} events={events} isPast={isPast} tz={await tz()} freshness={freshness} />);
  });

  app.get(FEED_PATH, async (c) => {
    authorize(c, 'agenda.view');
    const region = c.get('region');
    const ics = await service.feed(ctx, `${c.get('t')('agenda.public.title')} – ${region.branding.name ?? region.name}`);
    return c.body(ics, 200, { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': 'inline; filename="agenda.ics"' });
  });

  app.get(`${PUBLIC_PATH}/:id`, async (c) => {
    authorize(c, 'agenda.view');
    const id = IdParam.safeParse(c.req.param('id'));
    const event = id.success ? await service.findEvent(ctx.db, id.data) : undefined;
    if (!event) throw new AppError('not_found', 'error.not_found');
    return c.html(<EventPage c={c} event={event} tz={await tz()} />);
  });

  // ---- back office
  const editable = async (c: Context<Env>): Promise<service.EventRow> => {
    const id = IdParam.safeParse(c.req.param('id'));
    const event = id.success ? await service.findEvent(ctx.db, id.data) : undefined;
    authorizeOr404(c, 'agenda.edit', event ? { unitPath: event.organiser.path } : undefined);
    return event!;
  };
  const form = async (c: Context<Env>, event: service.EventRow | undefined, values: FormData, errors: FieldErrors, status: 200 | 422 = 200, message?: string) => {
    c.status(status);
    return c.html(<FormPage c={c} event={event} values={values} errors={errors} organisers={await service.organiserOptions(ctx.db, c.get('actor'))} message={message} />);
  };

  app.get(STAFF_PATH, query('pesan'), async (c) => {
    authorize(c, 'agenda.edit');
    const q = parseQuery(c, MessageQuery);
    const actor = c.get('actor');
    const [events, organisers] = await Promise.all([service.staffList(ctx.db, actor), service.organiserOptions(ctx.db, actor)]);
    return c.html(<StaffListPage c={c} events={events} canAdd={organisers.length > 0} message={q.pesan} tz={await tz()} />);
  });

  app.get(`${STAFF_PATH}/baru`, async (c) => {
    authorize(c, 'agenda.edit');
    const organisers = await service.organiserOptions(ctx.db, c.get('actor'));
    return form(c, undefined, { idem: newIdem(), organiser: organisers.length === 1 ? organisers[0].code : '' }, {});
  });

  app.post(`${STAFF_PATH}/baru`, async (c) => {
    authorize(c, 'agenda.edit');
    const r = await parseForm(c, EventForm);
    if (!r.ok) return form(c, undefined, r.values, r.errors, 422);
    const saved = await service.createEvent(ctx, c.get('actor'), actorFromRequest(c), r.data);
    if (!saved.ok) return form(c, undefined, r.values, saved.errors, 422);
    await agendaContent.refresh(ctx);
    return c.redirect(`${STAFF_PATH}?pesan=dibuat`, 303);
  });

  app.get(`${STAFF_PATH}/:id`, query('pesan'), async (c) => {
    const event = await editable(c);
    const q = parseQuery(c, MessageQuery);
    return form(c, event, service.valuesOf(event, await tz(), newIdem()), {}, 200, q.pesan);
  });

  app.post(`${STAFF_PATH}/:id`, async (c) => {
    const event = await editable(c);
    const r = await parseForm(c, EventForm);
    if (!r.ok) return form(c, event, r.values, r.errors, 422);
    const saved = await service.updateEvent(ctx, c.get('actor'), actorFromRequest(c), event.id, r.data);
    if (!saved.ok) return form(c, event, r.values, saved.errors, 422);
    await agendaContent.refresh(ctx);
    return c.redirect(`${STAFF_PATH}/${event.id}?pesan=disimpan`, 303);
  });

  app.post(`${STAFF_PATH}/:id/status`, async (c) => {
    const event = await editable(c);
    const r = await parseForm(c, StatusForm);
    if (!r.ok) throw new AppError('validation_failed', 'error.validation', r.errors);
    await service.setStatus(ctx, actorFromRequest(c), event.id, r.data.status);
    await agendaContent.refresh(ctx);
    return c.redirect(`${STAFF_PATH}?pesan=${r.data.status === 'cancelled' ? 'dibatalkan' : 'dijadwalkan'}`, 303);
  });

  app.post(`${STAFF_PATH}/:id/hapus`, async (c) => {
    const event = await editable(c);
    const r = await parseForm(c, StatusForm.partial());
    if (!r.ok) throw new AppError('validation_failed', 'error.validation', r.errors);
    await service.deleteEvent(ctx, actorFromRequest(c), event.id);
    await agendaContent.refresh(ctx);
    return c.redirect(`${STAFF_PATH}?pesan=dihapus`, 303);
  });
}
