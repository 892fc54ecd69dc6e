// The back office (/petugas…) is for signed-in staff only, whichever module serves the page: one
// gate here, so a module added later cannot forget it. Anonymous visitors are sent to the staff
// sign-in (with ?kembali=), citizens get 403. The sign-in steps themselves stay open; they check
// the half-finished session they need on their own.
import type { MiddlewareHandler } from 'hono';
import type { Env } from '../http/context.ts';
import { AppError } from '../http/errors.ts';

const OPEN = [/^\/petugas\/masuk(\/.*)?$/, /^\/petugas\/2fa\/daftar$/, /^\/petugas\/oidc\/(masuk|callback)$/];

export function isStaffArea(path: string): boolean {
  return path === '/petugas' || path.startsWith('/petugas/');
}

export function isOpenStaffPath(path: string): boolean {
  return OPEN.some((r) => r.test(path));
}

export const staffAreaGuard: MiddlewareHandler<Env> = async (c, next) => {
  const path = c.req.path;
  if (!isStaffArea(path) || isOpenStaffPath(path)) return next();
  const actor = c.get('actor');
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'error.unauthenticated');
  if (actor.kind !== 'staff') throw new AppError('forbidden', 'error.forbidden');
  await next();
};
