// The route-side use of can(): throw 401 (sign in first) for anonymous people, 403 for everyone else.
import type { Context } from 'hono';
import { can, type Subject } from './can.ts';
import { AppError } from '../http/errors.ts';
import type { Env } from '../http/context.ts';

export function authorize(c: Context<Env>, action: string, subject?: Subject): void {
  const actor = c.get('actor');
  if (can(actor, action, subject)) return;
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'error.unauthenticated');
  throw new AppError('forbidden', 'error.forbidden');
}

/** Not found and not allowed look the same to outsiders: do not reveal that a record exists. */
export function authorizeOr404(c: Context<Env>, action: string, subject: Subject | undefined): void {
  if (!subject) throw new AppError('not_found', 'error.not_found');
  const actor = c.get('actor');
  if (can(actor, action, subject)) return;
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'error.unauthenticated');
  throw new AppError('not_found', 'error.not_found');
}
