// The back office (/petugas…) is for signed-in staff only, whichever module serves the page: one
// gate here, so a module added later cannot forget it. Anonymous visitors are sent to the staff
// sign-in (with ?kembali=), citizens get 403. The sign-in steps themselves stay open (the staff
// module lists them in its manifest, paths.staffOpen); they check the half-finished session they
// need on their own.
import type { MiddlewareHandler } from 'hono';
import type { Env } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { isStaffArea, pathTable, type PathTable } from '../http/paths.ts';

export { isStaffArea };

export function isOpenStaffPath(table: PathTable, path: string): boolean {
  return table.staffOpen.some((r) => r.test(path));
}

export const staffAreaGuard: MiddlewareHandler<Env> = async (c, next) => {
  const path = c.req.path;
  if (!isStaffArea(path) || isOpenStaffPath(pathTable(c.get('app').modules), path)) return next();
  const actor = c.get('actor');
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'error.unauthenticated');
  if (actor.kind !== 'staff') throw new AppError('forbidden', 'error.forbidden');
  await next();
};
