// SQL of the officer side of applications: counts for the queue, a queue's total for paging, the
// unit heads an overdue application escalates to, the escalation mark and the claim of a counter
// application into a citizen's account.
import type { Executor } from '../../platform/db/index.ts';
import type { State } from './workflow.ts';

/** How many applications of the units in scope are in each state (null scope: everywhere). */
export async function stateCounts(db: Executor, unitPaths: string[] | null): Promise<Partial<Record<State, number>>> {
  if (unitPaths && !unitPaths.length) return {};
  let q = db.selectFrom('layanan_applications as a').innerJoin('units as cu', 'cu.id', 'a.current_unit_id')
    .select(['a.state', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('a.state');
  if (unitPaths) q = q.where((eb) => eb.or(unitPaths.map((p) => eb('cu.path', 'like', `${p}%`))));
  const out: Partial<Record<State, number>> = {};
  for (const r of await q.execute()) out[r.state] = Number(r.n);
  return out;
}

/** The number of rows queue() pages through with the same filter. */
export async function queueTotal(db: Executor, f: { unitPaths: string[] | null; states: State[]; serviceSlug?: string; overdueAt?: Date }): Promise<number> {
  if (f.unitPaths && !f.unitPaths.length) return 0;
  let q = db.selectFrom('layanan_applications as a').innerJoin('units as cu', 'cu.id', 'a.current_unit_id')
    .innerJoin('layanan_services as s', 's.id', 'a.service_id')
    .select((eb) => eb.fn.countAll<string>().as('n')).where('a.state', 'in', f.states);
  const paths = f.unitPaths;
  if (paths) q = q.where((eb) => eb.or(paths.map((p) => eb('cu.path', 'like', `${p}%`))));
  if (f.serviceSlug) q = q.where('s.slug', '=', f.serviceSlug);
  if (f.overdueAt) q = q.where('a.due_at', '<', f.overdueAt);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/**
 * The services that have applications in scope, for the queue's filter: per service one "any
 * application here?" probe (index on service + unit), not a read of every application in scope.
 */
export async function servicesInScope(db: Executor, unitPaths: string[] | null) {
  if (unitPaths && !unitPaths.length) return [];
  return db.selectFrom('layanan_services as s').select(['s.slug', 's.name'])
    .where((eb) => {
      let any = eb.selectFrom('layanan_applications as a').select('a.id').whereRef('a.service_id', '=', 's.id');
      if (unitPaths) {
        any = any.where('a.current_unit_id', 'in', eb.selectFrom('units as cu').select('cu.id')
          .where((u) => u.or(unitPaths.map((p) => u('cu.path', 'like', `${p}%`)))));
      }
      return eb.exists(any);
    })
    .orderBy('s.name').execute();
}

/** Staff who head a unit: its approvers, its unit admins and holders of the services' signer role, with an email. */
export function unitHeads(db: Executor, unitId: number, roles: string[]) {
  return db.selectFrom('role_grants as g').innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['u.id', 'u.name', 'u.email', 'u.locale']).distinct()
    .where('g.unit_id', '=', unitId).where('g.role', 'in', roles).where('u.kind', '=', 'staff')
    .where('u.disabled_at', 'is', null).where('u.email', 'is not', null).orderBy('u.id').execute();
}

/** Mark escalated, only if nobody did meanwhile; true when this call marked it. */
export async function markEscalated(tx: Executor, id: number, at: Date): Promise<boolean> {
  const r = await tx.updateTable('layanan_applications').set({ escalated_at: at }).where('id', '=', id).where('escalated_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function userNikHash(db: Executor, userId: number): Promise<string | null> {
  const r = await db.selectFrom('users').select('nik_hash').where('id', '=', userId).where('kind', '=', 'citizen').executeTakeFirst();
  return r?.nik_hash ?? null;
}

/** The claim: only an application without an account yet joins one (a concurrent second claim finds none). */
export async function claimFor(tx: Executor, id: number, userId: number): Promise<boolean> {
  const r = await tx.updateTable('layanan_applications').set({ user_id: userId }).where('id', '=', id).where('user_id', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The last step of an application (to tell a double click from another officer's step). */
export function lastStep(db: Executor, applicationId: number) {
  return db.selectFrom('layanan_steps').select(['action', 'actor_id', 'to_state']).where('application_id', '=', applicationId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** Kelurahan/desa under a kecamatan, by code: the first is the staff module's demo kelurahan (demo.ts). */
export function demoKelurahan(db: Executor) {
  return db.selectFrom('units as k').innerJoin('units as p', 'p.id', 'k.parent_id')
    .select(['k.id', 'k.name', 'k.parent_id']).where('k.kind', 'in', ['kelurahan', 'desa']).where('p.kind', '=', 'kecamatan')
    .where('k.active', '=', true).orderBy('k.code').limit(50).execute();
}

export async function staffEmailTaken(db: Executor, email: string): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst());
}

export async function insertDemoStaff(tx: Executor, p: { name: string; email: string; passwordHash: string; role: string; unitId: number }): Promise<number> {
  const user = await tx.insertInto('users').values({ kind: 'staff', name: p.name, email: p.email, password_hash: p.passwordHash }).returning('id').executeTakeFirstOrThrow();
  await tx.insertInto('role_grants').values({ user_id: user.id, role: p.role, unit_id: p.unitId }).execute();
  return user.id;
}
