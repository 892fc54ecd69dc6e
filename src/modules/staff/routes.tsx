/** @jsxImportSource hono/jsx */
// Back-office home, the person's own account, and staff management (/petugas/staf).
// Each handler: parse → authorize → one service call (service.ts) → render or redirect.
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { can, isRole, type Actor } from '../../platform/access/can.ts';
import { authorize } from '../../platform/access/guard.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import { isEmail } from '../../platform/auth/email.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseForm, parseQuery, query, type FieldErrors, type FormData } from '../../platform/http/input.ts';
import { noStore } from '../../platform/http/page-cache.ts';
import {
  accountOf, addStaff, canGrant, canManageStaff, canSeeStaff, changeOwnPassword, changeStaff, getStaff, grantRoleTo, grantableRoles,
  grantableUnits, grantsOf, listStaff, manageScope, revokeRoleOf, type StaffChange, type StaffRow,
} from './service.ts';
import { signinRoutes } from './signin.routes.tsx';
import { AccountPage, HomePage } from './views/home.tsx';
import { AddStaffPage, AddedPage, StaffListPage, StaffPage } from './views/manage.tsx';

type C = Context<Env>;

const DoneQuery = z.object({ selesai: z.string().max(20).optional() });
const PasswordForm = z.object({
  current: z.string().max(1000, 'field.too_long').optional(),
  password: z.string().min(1, 'field.required').max(1000, 'field.too_long'),
  confirm: z.string().max(1000, 'field.too_long'),
});
const AddForm = z.object({
  name: z.string().trim().min(1, 'staff.field.name.required').max(200, 'field.too_long'),
  email: z.string().trim().min(1, 'staff.field.email.required').max(200, 'field.too_long').refine(isEmail, 'staff.field.email.format'),
  roles: z.string().min(1, 'staff.field.roles.required').transform((s) => s.split('\n')).pipe(z.array(z.string().refine(isRole, 'staff.field.roles.required'))),
  unit: z.string().regex(/^\d{1,15}$/, 'staff.field.unit.required'),
});
const GrantForm = z.object({
  role: z.string().refine(isRole, 'staff.field.roles.required'),
  unit: z.string().regex(/^\d{1,15}$/, 'staff.field.unit.required'),
});

function staffActor(c: C): Extract<Actor, { kind: 'staff' }> {
  const a = c.get('actor');
  if (a.kind !== 'staff') throw new AppError('forbidden', 'error.forbidden');
  return a;
}

function idParam(c: C, name: string): number {
  const v = c.req.param(name) ?? '';
  if (!/^\d{1,15}$/.test(v)) throw new AppError('not_found', 'error.not_found');
  return Number(v);
}

export function staffRoutes(app: Hono<Env>, ctx: AppContext) {
  const { db } = ctx;
  signinRoutes(app, ctx);

  app.get('/petugas', async (c) => {
    authorize(c, 'staff.self');
    const actor = staffActor(c);
    const grants = (await grantsOf(db, [actor.userId])).get(actor.userId) ?? [];
    const links = ctx.modules
      .flatMap((m) => m.nav?.staff ?? [])
      .filter((n) => n.href !== '/petugas' && (!n.action || can(actor, n.action)))
      .sort((a, b) => a.order - b.order);
    return c.html(<HomePage c={c} name={actor.name} grants={grants} links={links} />);
  });

  async function accountPage(c: C, errors?: FieldErrors, params?: Record<string, string | number>, status = 200) {
    const u = await accountOf(db, staffActor(c).userId);
    const { selesai } = status === 200 ? parseQuery(c, DoneQuery) : { selesai: undefined };
    return c.html(
      <AccountPage c={c} name={u.name} email={u.email} totpEnabled={!!u.totp_enabled_at} sso={!!u.oidc_subject} hasPassword={!!u.password_hash}
        done={selesai} errors={errors} params={params} />,
      status as 200,
    );
  }

  app.get('/petugas/akun', query('selesai'), (c) => {
    authorize(c, 'staff.self');
    return accountPage(c);
  });

  app.post('/petugas/akun/sandi', async (c) => {
    authorize(c, 'staff.self');
    const actor = staffActor(c);
    const r = await parseForm(c, PasswordForm);
    if (!r.ok) return accountPage(c, r.errors, undefined, 422);
    try {
      const res = await changeOwnPassword(ctx, actor.userId, actorFromRequest(c), c.get('session')!.idHash, r.data);
      if (!res.ok) return await accountPage(c, res.errors, undefined, 422);
    } catch (e) {
      if (e instanceof AppError && e.code === 'rate_limited') return accountPage(c, { _: 'error.rate_limited' }, e.params, 429);
      throw e;
    }
    return c.redirect('/petugas/akun?selesai=sandi', 303);
  });

  // ---- staff management --------------------------------------------------------------------

  app.get('/petugas/staf', query('selesai'), async (c) => {
    authorize(c, 'staff.manage');
    const { selesai } = parseQuery(c, DoneQuery);
    const rows = await listStaff(db, manageScope(c.get('actor')));
    return c.html(<StaffListPage c={c} rows={rows} done={selesai} />);
  });

  async function addPage(c: C, values?: FormData, errors?: FieldErrors, status = 200) {
    const actor = c.get('actor');
    return c.html(<AddStaffPage c={c} roles={grantableRoles(actor)} units={await grantableUnits(db, actor)} values={values} errors={errors} />, status as 200);
  }

  app.get('/petugas/staf/baru', (c) => {
    authorize(c, 'staff.manage');
    return addPage(c);
  });

  app.post('/petugas/staf/baru', async (c) => {
    authorize(c, 'staff.manage');
    const r = await parseForm(c, AddForm);
    if (!r.ok) return addPage(c, r.values, r.errors, 422);
    const res = await addStaff(ctx, c.get('actor'), actorFromRequest(c), { name: r.data.name, email: r.data.email, roles: r.data.roles, unitId: Number(r.data.unit) });
    if (!res.ok) return addPage(c, r.values, res.errors, 422);
    // The one-time password is shown on this response only (not after a redirect): it is never
    // stored in clear, and the page must not be cached anywhere.
    noStore(c);
    c.header('cache-control', 'no-store');
    return c.html(<AddedPage c={c} id={res.id} name={r.data.name} email={r.data.email.toLowerCase()} password={res.password} />, 201);
  });

  /** The person, if the actor may see them; otherwise 404 (do not reveal who exists elsewhere). */
  async function visibleStaff(c: C) {
    authorize(c, 'staff.manage');
    const row = await getStaff(db, idParam(c, 'id'));
    if (!row || !canSeeStaff(c.get('actor'), row)) throw new AppError('not_found', 'error.not_found');
    return row;
  }

  async function staffPage(c: C, row: StaffRow, opts: { done?: string; values?: FormData; errors?: FieldErrors; status?: number } = {}) {
    const actor = c.get('actor');
    const self = actor.kind === 'staff' && actor.userId === row.id;
    // nobody grants or revokes their own roles: another admin does
    const grantable = new Set(row.grants.filter((g) => canGrant(actor, g.role, g.unitPath, row.id)).map((g) => g.id));
    return c.html(
      <StaffPage c={c} row={row} canManage={canManageStaff(actor, row)} grantable={grantable} roles={self ? [] : grantableRoles(actor)}
        units={self ? [] : await grantableUnits(db, actor)} done={opts.done} values={opts.values} errors={opts.errors} self={self} />,
      (opts.status ?? 200) as 200,
    );
  }

  app.get('/petugas/staf/:id', query('selesai'), async (c) => {
    const row = await visibleStaff(c);
    return staffPage(c, row, { done: parseQuery(c, DoneQuery).selesai });
  });

  app.post('/petugas/staf/:id/peran', async (c) => {
    const row = await visibleStaff(c);
    const r = await parseForm(c, GrantForm);
    if (!r.ok) return staffPage(c, row, { values: r.values, errors: r.errors, status: 422 });
    const res = await grantRoleTo(ctx, c.get('actor'), actorFromRequest(c), row, r.data.role, Number(r.data.unit));
    if (!res.ok) return staffPage(c, row, { values: r.values, errors: res.errors, status: 422 });
    return c.redirect(`/petugas/staf/${row.id}?selesai=1`, 303);
  });

  app.post('/petugas/staf/:id/peran/:grantId/cabut', async (c) => {
    const row = await visibleStaff(c);
    await revokeRoleOf(ctx, c.get('actor'), actorFromRequest(c), row, idParam(c, 'grantId'));
    return c.redirect(`/petugas/staf/${row.id}?selesai=1`, 303);
  });

  for (const [path, change] of [['nonaktifkan', 'disable'], ['aktifkan', 'enable'], ['reset-2fa', 'reset_2fa']] as const satisfies readonly (readonly [string, StaffChange])[]) {
    app.post(`/petugas/staf/:id/${path}`, async (c) => {
      const row = await visibleStaff(c);
      await changeStaff(ctx, c.get('actor'), actorFromRequest(c), row, change);
      return c.redirect(`/petugas/staf/${row.id}?selesai=1`, 303);
    });
  }
}
