/** @jsxImportSource hono/jsx */
// Pages: the public directory (/kontak-darurat) and the back office (/petugas/kontak-darurat).
// Thin: parse → authorize → one service call → render or redirect.
import type { Context, Hono } from 'hono';
import { can } from '../../platform/access/can.ts';
import { authorize, authorizeOr404 } from '../../platform/access/guard.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseForm, parseQuery, query, type FieldErrors, type FormData } from '../../platform/http/input.ts';
import { displayPhone } from './phone.ts';
import { ContactForm, IdParam, MessageQuery, PublicQuery, StatusForm } from './schema.ts';
import * as service from './service.ts';
import type { ContactRow } from './service.ts';
import { DirectoryPage, PUBLIC_PATH } from './views/public.tsx';
import { FormPage, ListPage, STAFF_PATH } from './views/staff.tsx';

/** The form as it was saved, for editing. */
function valuesOf(e: ContactRow): FormData {
  return {
    category: e.category, name: e.name, phone: displayPhone(e.phone), whatsapp: e.whatsapp ? displayPhone(e.whatsapp) : '',
    owner: e.owner.code, kecamatan: e.kecamatan?.code ?? '', note: e.note, source: e.source,
  };
}

export function contactRoutes(app: Hono<Env>, ctx: AppContext, settings: { reviewDays: number }) {
  const { reviewDays } = settings;

  // ---- public
  app.get(PUBLIC_PATH, query('kecamatan'), async (c) => {
    authorize(c, 'contacts.view');
    const q = parseQuery(c, PublicQuery);
    const dir = await service.publicDirectory(ctx.db, q.kecamatan);
    if (dir.unknown) c.status(404);
    return c.html(<DirectoryPage c={c} dir={dir} asked={q.kecamatan} reviewDays={reviewDays} />);
  });

  // ---- back office
  /** The entry named in the path, if this officer may change it; otherwise 404, as if it did not exist. */
  const editable = async (c: Context<Env>): Promise<ContactRow> => {
    const id = IdParam.safeParse(c.req.param('id'));
    const entry = id.success ? await service.findContact(ctx.db, id.data) : undefined;
    if (entry && can(c.get('actor'), 'contacts.manage_all')) return entry;
    authorizeOr404(c, 'contacts.edit', entry ? { unitPath: entry.owner.path } : undefined);
    return entry!;
  };
  const form = async (c: Context<Env>, entry: ContactRow | undefined, values: FormData, errors: FieldErrors, status: 200 | 422 = 200) => {
    c.status(status);
    return c.html(<FormPage c={c} entry={entry} values={values} errors={errors} options={await service.formOptions(ctx.db, c.get('actor'))} reviewDays={reviewDays} />);
  };

  app.get(STAFF_PATH, query('pesan'), async (c) => {
    authorize(c, 'contacts.edit');
    const q = parseQuery(c, MessageQuery);
    const actor = c.get('actor');
    const [entries, options] = await Promise.all([service.staffList(ctx.db, actor), service.formOptions(ctx.db, actor)]);
    return c.html(<ListPage c={c} entries={entries} reviewDays={reviewDays} canAdd={options.owners.length > 0} message={q.pesan} />);
  });

  app.get(`${STAFF_PATH}/baru`, async (c) => {
    authorize(c, 'contacts.edit');
    return form(c, undefined, {}, {});
  });

  app.post(`${STAFF_PATH}/baru`, async (c) => {
    authorize(c, 'contacts.edit');
    const r = await parseForm(c, ContactForm);
    if (!r.ok) return form(c, undefined, r.values, r.errors, 422);
    const saved = await service.createContact(ctx.db, c.get('actor'), actorFromRequest(c), r.data);
    if (!saved.ok) return form(c, undefined, r.values, saved.errors, 422);
    return c.redirect(`${STAFF_PATH}?pesan=dibuat`, 303);
  });

  app.get(`${STAFF_PATH}/:id`, async (c) => {
    const entry = await editable(c);
    return form(c, entry, valuesOf(entry), {});
  });

  app.post(`${STAFF_PATH}/:id`, async (c) => {
    const entry = await editable(c);
    const r = await parseForm(c, ContactForm);
    if (!r.ok) return form(c, entry, r.values, r.errors, 422);
    const saved = await service.updateContact(ctx.db, c.get('actor'), actorFromRequest(c), entry.id, r.data);
    if (!saved.ok) return form(c, entry, r.values, saved.errors, 422);
    return c.redirect(`${STAFF_PATH}?pesan=disimpan`, 303);
  });

  app.post(`${STAFF_PATH}/:id/status`, async (c) => {
    const entry = await editable(c);
    const r = await parseForm(c, StatusForm);
    if (!r.ok) throw new AppError('validation_failed', 'error.validation', r.errors);
    const active = r.data.active === '1';
    await service.setActive(ctx.db, actorFromRequest(c), entry.id, active);
    return c.redirect(`${STAFF_PATH}?pesan=${active ? 'diaktifkan' : 'dinonaktifkan'}`, 303);
  });

  app.post(`${STAFF_PATH}/:id/periksa`, async (c) => {
    const entry = await editable(c);
    await service.confirmCurrent(ctx.db, actorFromRequest(c), entry.id);
    return c.redirect(`${STAFF_PATH}?pesan=diperiksa`, 303);
  });
}
