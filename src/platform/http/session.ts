// Server-side sessions. The cookie holds only a random id; the database holds its SHA-256, so a
// leaked backup cannot be replayed as a cookie. Ids rotate at sign-in (no session fixation).
import type { Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { sql } from 'kysely';
import { randomToken, sha256 } from '../crypto.ts';
import type { Actor, Grant } from '../access/can.ts';
import type { Env, SessionInfo } from './context.ts';
import type { DB } from '../db/index.ts';
import { clientIp } from './client-ip.ts';
import { forgetPreSessionToken } from './csrf.ts';

// Idle lifetime (extended on use) and absolute lifetime (from sign-in, whatever the activity): a
// stolen or forgotten session ends even if it is kept busy.
const CITIZEN_TTL_H = 24 * 14;
const STAFF_TTL_H = 8;
export const CITIZEN_MAX_H = 24 * 30;
export const STAFF_MAX_H = 12;
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export function sessionCookieName(c: Context<Env>) {
  // __Host- cookies are only accepted over https, host-only, path=/ : the strongest binding a browser offers
  return c.get('app').config.production ? '__Host-gapura_sid' : 'gapura_sid';
}

export async function loadSession(c: Context<Env>): Promise<void> {
  c.set('session', null);
  c.set('actor', { kind: 'anonymous' });
  const raw = getCookie(c, sessionCookieName(c));
  if (!raw || raw.length > 100) return;
  const { db } = c.get('app');
  const idHash = sha256(raw);
  // One round trip for the session, its user and (for staff) their grants: every signed-in page
  // pays for this, and three queries cost three times the latency (bench/home.ts, ADR 021).
  const { rows } = await sql<SessionRow>`
    select s.user_id, s.state, s.data, s.last_seen_at,
           u.kind, u.name, u.disabled_at is not null as disabled,
           (u.email_verified_at is not null or u.phone_verified_at is not null) as verified,
           case when u.kind = 'staff' then (
             select coalesce(json_agg(json_build_array(g.role, g.unit_id, un.path) order by g.id), '[]'::json)
             from role_grants g join units un on un.id = g.unit_id
             where g.user_id = u.id and un.active) end as grants
    from sessions s
    left join users u on u.id = s.user_id and s.state = 'active'
    where s.id_hash = ${idHash} and s.expires_at > now()
      -- the absolute lifetime, on the database's clock like expires_at (touching never moves
      -- expires_at past it either; this also ends sessions from before the limit existed)
      and s.created_at > now() - case when s.data->>'staff' = 'true' then ${`${STAFF_MAX_H} hours`}::interval else ${`${CITIZEN_MAX_H} hours`}::interval end`.execute(db);
  const row = rows[0];
  if (!row) return;
  const data = (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown> | null;
  const staff = !!(data as { staff?: boolean } | null)?.staff;
  const maxH = staff ? STAFF_MAX_H : CITIZEN_MAX_H;
  const session: SessionInfo = { idHash, userId: row.user_id, state: row.state, data: data ?? {} };
  c.set('session', session);
  if (Date.now() - new Date(row.last_seen_at).getTime() > TOUCH_EVERY_MS) {
    const ttl = staff ? STAFF_TTL_H : CITIZEN_TTL_H;
    await db
      .updateTable('sessions')
      .set({
        last_seen_at: sql`now()`,
        expires_at: sql`least(now() + ${`${ttl} hours`}::interval, created_at + ${`${maxH} hours`}::interval)`,
      })
      .where('id_hash', '=', idHash)
      .execute();
  }
  if (row.user_id && row.state === 'active' && row.kind && !row.disabled) c.set('actor', actorFromRow(row.user_id, row));
}

interface SessionRow {
  user_id: number | null;
  state: string;
  data: Record<string, unknown> | string | null;
  last_seen_at: Date | string;
  kind: 'citizen' | 'staff' | null;
  name: string | null;
  disabled: boolean | null;
  verified: boolean | null;
  grants: [string, number, string][] | string | null;
}

function actorFromRow(userId: number, row: SessionRow): Actor {
  if (row.kind === 'citizen') return { kind: 'citizen', userId, name: row.name ?? '', verified: !!row.verified };
  const grants = (typeof row.grants === 'string' ? JSON.parse(row.grants) : row.grants ?? []) as [string, number, string][];
  return {
    kind: 'staff',
    userId,
    name: row.name ?? '',
    grants: grants.map(([role, unitId, unitPath]): Grant => ({ role: role, unitId: Number(unitId), unitPath })),
  };
}

export async function loadActor(db: DB, userId: number): Promise<Actor> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'kind', 'name', 'email_verified_at', 'phone_verified_at', 'disabled_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.disabled_at) return { kind: 'anonymous' };
  if (user.kind === 'citizen')
    return { kind: 'citizen', userId: user.id, name: user.name, verified: !!(user.email_verified_at || user.phone_verified_at) };
  const grants = await db
    .selectFrom('role_grants as g')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .select(['g.role', 'g.unit_id', 'u.path'])
    .where('g.user_id', '=', userId)
    .where('u.active', '=', true)
    .execute();
  return {
    kind: 'staff',
    userId: user.id,
    name: user.name,
    grants: grants.map((g): Grant => ({ role: g.role, unitId: g.unit_id, unitPath: g.path })),
  };
}

/** Start a fresh session (always a new id) for a user; state 'pending_totp' until the second factor. */
export async function createSession(
  c: Context<Env>,
  userId: number,
  opts: { state?: 'active' | 'pending_totp'; staff?: boolean; data?: Record<string, unknown> } = {},
): Promise<void> {
  const { db, config } = c.get('app');
  await destroySession(c);
  // a new session, a new CSRF token: the one from before sign-in stops working
  forgetPreSessionToken(c);
  const id = randomToken(32);
  const ttl = opts.staff ? STAFF_TTL_H : CITIZEN_TTL_H;
  await db
    .insertInto('sessions')
    .values({
      id_hash: sha256(id),
      user_id: userId,
      state: opts.state ?? 'active',
      data: JSON.stringify({ ...(opts.data ?? {}), staff: !!opts.staff }),
      ip: clientIp(c),
      user_agent: (c.req.header('user-agent') ?? '').slice(0, 300),
      expires_at: sql<Date>`now() + ${`${ttl} hours`}::interval`,
    })
    .execute();
  setCookie(c, sessionCookieName(c), id, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: config.production,
    path: '/',
  });
  c.set('session', { idHash: sha256(id), userId, state: opts.state ?? 'active', data: opts.data ?? {} });
  if ((opts.state ?? 'active') === 'active') c.set('actor', await loadActor(db, userId));
}

/** Move a pending (password-only) session to fully signed in, under a new id. */
export async function activateSession(c: Context<Env>): Promise<void> {
  const s = c.get('session');
  if (!s?.userId) throw new Error('no session to activate');
  await createSession(c, s.userId, { state: 'active', staff: !!(s.data as { staff?: boolean }).staff });
}

export async function updateSessionData(c: Context<Env>, data: Record<string, unknown>): Promise<void> {
  const s = c.get('session');
  if (!s) return;
  s.data = { ...s.data, ...data };
  await c.get('app').db.updateTable('sessions').set({ data: JSON.stringify(s.data) }).where('id_hash', '=', s.idHash).execute();
}

export async function destroySession(c: Context<Env>): Promise<void> {
  const s = c.get('session');
  if (s) await c.get('app').db.deleteFrom('sessions').where('id_hash', '=', s.idHash).execute();
  deleteCookie(c, sessionCookieName(c), { path: '/', secure: c.get('app').config.production });
  c.set('session', null);
  c.set('actor', { kind: 'anonymous' });
}

/** Sign a user out everywhere (password reset, account deletion, role removal). */
export async function destroyUserSessions(db: DB, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

// the client address lives in client-ip.ts; re-exported here for the modules that import it from sessions
export { clientIp } from './client-ip.ts';
