/** @jsxImportSource hono/jsx */
// Back-office home, the person's own account, and staff management (/petugas/staf).
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { allRoles, can, type Actor, type Role } from '../../platform/access/can.ts';
import { authorize } from '../../platform/access/guard.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import { POLICIES, assertNotLimited, clearLimit, recordFailure } from '../../platform/http/ratelimit.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseForm, parseQuery, query, type FieldErrors, type FormData } from '../../platform/http/input.ts';
import { noStore } from '../../platform/http/page-cache.ts';
import { sha256 } from '../../platform/crypto.ts';
import { verifyPassword } from '../../platform/auth/password.ts';
import {
  canGrant, canManageStaff, canSeeStaff, createStaff, getStaff, grantRole, grantableUnits, grantsOf, isRole, manageScope,
  listStaff, oneTimePassword, resetTotp, revokeRole, selfActor, setDisabled, setPassword, unitById,
} from './service.ts';
import { newPasswordErrors, signinRoutes } from './signin.routes.tsx';
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
  email: z.string().trim().min(1, 'staff.field.email.required').max(200, 'field.too_long').email('staff.field.email.format'),
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

/** Roles this actor may hand out somewhere (unit admins never hand out platform_admin). */
function grantableRoles(actor: Actor): Role[] {
  return allRoles().filter((r) => r !== 'platform_admin' || manageScope(actor) === null);
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
    const actor = staffActor(c);
    const u = await db.selectFrom('users').select(['name', 'email', 'totp_enabled_at', 'oidc_subject', 'password_hash']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
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
    const u = await db.selectFrom('users').select(['id', 'name', 'email', 'password_hash']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
    const r = await parseForm(c, PasswordForm);
    if (!r.ok) return accountPage(c, r.errors, undefined, 422);
    if (u.password_hash) {
      const keys = [`signin:staff:${sha256((u.email ?? '').toLowerCase())}`];
      try {
        await assertNotLimited(db, keys);
      } catch (e) {
        if (e instanceof AppError && e.code === 'rate_limited') return accountPage(c, { _: 'error.rate_limited' }, e.params, 429);
        throw e;
      }
      if (!(await verifyPassword(u.password_hash, r.data.current ?? ''))) {
        await recordFailure(db, keys, POLICIES.signin);
        return accountPage(c, { current: 'staff.password.current_wrong' }, undefined, 422);
      }
      await clearLimit(db, keys);
    }
    const errors = newPasswordErrors(r.data.password, r.data.confirm, u);
    if (Object.keys(errors).length) return accountPage(c, errors, undefined, 422);
    await db.transaction().execute(async (tx) => {
      await setPassword(tx, selfActor({ id: Number(u.id), name: u.name }, actorFromRequest(c)), Number(u.id), r.data.password, { mustChange: false, action: 'staff.password_changed' });
      // other devices signed in with the old password are signed out; this one stays
      await tx.deleteFrom('sessions').where('user_id', '=', Number(u.id)).where('id_hash', '!=', c.get('session')!.idHash).execute();
    });
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
    const units = (await grantableUnits(db, actor)).map((u) => ({ ...u, id: Number(u.id) }));
    return c.html(<AddStaffPage c={c} roles={grantableRoles(actor)} units={units} values={values} errors={errors} />, status as 200);
  }

  app.get('/petugas/staf/baru', (c) => {
    authorize(c, 'staff.manage');
    return addPage(c);
  });

  app.post('/petugas/staf/baru', async (c) => {
    authorize(c, 'staff.manage');
    const actor = c.get('actor');
    const r = await parseForm(c, AddForm);
    if (!r.ok) return addPage(c, r.values, r.errors, 422);
    const unit = await unitById(db, Number(r.data.unit));
    if (!unit) return addPage(c, r.values, { unit: 'staff.field.unit.required' }, 422);
    // a unit admin choosing a unit or a role beyond their reach is refused outright
    for (const role of r.data.roles) if (!canGrant(actor, role, unit.path)) throw new AppError('forbidden', 'error.forbidden');
    const password = oneTimePassword();
    let id: number;
    try {
      id = await db.transaction().execute((tx) =>
        createStaff(tx, actorFromRequest(c), {
          name: r.data.name, email: r.data.email, password, mustChange: true,
          grants: r.data.roles.map((role) => ({ role, unitId: Number(unit.id) })),
        }),
      );
    } catch (e) {
      if (e instanceof AppError && e.code === 'conflict') return addPage(c, r.values, e.fields, 422);
      throw e;
    }
    // The one-time password is shown on this response only (not after a redirect): it is never
    // stored in clear, and the page must not be cached anywhere.
    noStore(c);
    c.header('cache-control', 'no-store');
    return c.html(<AddedPage c={c} id={id} name={r.data.name} email={r.data.email.toLowerCase()} password={password} />, 201);
  });

  /** The person, if the actor may see them; otherwise 404 (do not reveal who exists elsewhere). */
  async function visibleStaff(c: C) {
    authorize(c, 'staff.manage');
    const row = await getStaff(db, idParam(c, 'id'));
    if (!row || !canSeeStaff(c.get('actor'), row)) throw new AppError('not_found', 'error.not_found');
    return row;
  }

  async function staffPage(c: C, row: NonNullable<Awaited<ReturnType<typeof getStaff>>>, opts: { done?: string; values?: FormData; errors?: FieldErrors; status?: number } = {}) {
    const actor = c.get('actor');
    const units = (await grantableUnits(db, actor)).map((u) => ({ ...u, id: Number(u.id) }));
    const grantable = new Set(row.grants.filter((g) => canGrant(actor, g.role, g.unitPath)).map((g) => g.id));
    return c.html(
      <StaffPage c={c} row={row} canManage={canManageStaff(actor, row)} grantable={grantable} roles={grantableRoles(actor)} units={units}
        done={opts.done} values={opts.values} errors={opts.errors} self={actor.kind === 'staff' && actor.userId === row.id} />,
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
    const unit = await unitById(db, Number(r.data.unit));
    if (!unit) return staffPage(c, row, { values: r.values, errors: { unit: 'staff.field.unit.required' }, status: 422 });
    if (!canGrant(c.get('actor'), r.data.role, unit.path)) throw new AppError('forbidden', 'error.forbidden');
    await db.transaction().execute((tx) => grantRole(tx, actorFromRequest(c), row.id, r.data.role, Number(unit.id)));
    return c.redirect(`/petugas/staf/${row.id}?selesai=1`, 303);
  });

  app.post('/petugas/staf/:id/peran/:grantId/cabut', async (c) => {
    const row = await visibleStaff(c);
    const grant = row.grants.find((g) => g.id === idParam(c, 'grantId'));
    if (!grant) throw new AppError('not_found', 'error.not_found');
    if (!canGrant(c.get('actor'), grant.role, grant.unitPath)) throw new AppError('forbidden', 'error.forbidden');
    await db.transaction().execute((tx) => revokeRole(tx, actorFromRequest(c), row.id, grant));
    return c.redirect(`/petugas/staf/${row.id}?selesai=1`, 303);
  });

  for (const [path, change] of [
    ['nonaktifkan', (tx: typeof db, c: C, id: number) => setDisabled(tx, actorFromRequest(c), id, true)],
    ['aktifkan', (tx: typeof db, c: C, id: number) => setDisabled(tx, actorFromRequest(c), id, false)],
    ['reset-2fa', (tx: typeof db, c: C, id: number) => resetTotp(tx, actorFromRequest(c), id)],
  ] as const) {
    app.post(`/petugas/staf/:id/${path}`, async (c) => {
      const row = await visibleStaff(c);
      const actor = c.get('actor');
      if (!canManageStaff(actor, row)) throw new AppError('forbidden', 'error.forbidden');
      // nobody locks themselves out by accident; another admin can do it
      if (actor.kind === 'staff' && actor.userId === row.id) throw new AppError('forbidden', 'error.forbidden');
      await db.transaction().execute((tx) => change(tx, c, row.id));
      return c.redirect(`/petugas/staf/${row.id}?selesai=1`, 303);
    });
  }
}

