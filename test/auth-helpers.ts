// Signing a test client in without going through the sign-in pages: a user row, role grants by unit
// code, and an active session whose id goes into the client's cookie (the sessions table holds its
// SHA-256, as src/platform/http/session.ts does). Keep the signature stable: other modules' tests use it.
import { sql } from 'kysely';
import { randomToken, sha256 } from '../src/platform/crypto.ts';
import type { Role } from '../src/platform/access/can.ts';
import type { Client, TestApp } from './helpers.ts';
import { runDueJobs } from '../src/platform/jobs/worker.ts';
import { outboxCopy } from '../src/platform/notify/deliver.ts';

let counter = 0;

export async function signInAs(
  t: TestApp,
  client: Client,
  who: { kind: 'citizen' | 'staff'; name?: string; grants?: { role: Role; unitCode: string }[] },
): Promise<number> {
  const db = t.ctx.db;
  const n = ++counter;
  const user = await db
    .insertInto('users')
    .values({
      kind: who.kind,
      name: who.name ?? (who.kind === 'staff' ? `Petugas Uji ${n}` : `Warga Uji ${n}`),
      email: `uji-${n}-${randomToken(4).toLowerCase()}@example.test`,
      // a verified email: signed-in citizens count as verified, like after a real sign-up
      email_verified_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const g of who.grants ?? []) {
    if (who.kind !== 'staff') throw new Error('signInAs: only staff hold role grants');
    const unit = await db.selectFrom('units').select('id').where('code', '=', g.unitCode).executeTakeFirst();
    if (!unit) throw new Error(`signInAs: no unit with code ${g.unitCode}`);
    await db.insertInto('role_grants').values({ user_id: user.id, role: g.role, unit_id: unit.id }).execute();
  }
  const id = randomToken(32);
  await db
    .insertInto('sessions')
    .values({
      id_hash: sha256(id),
      user_id: user.id,
      state: 'active',
      data: JSON.stringify({ staff: who.kind === 'staff' }),
      expires_at: sql<Date>`now() + interval '8 hours'`,
    })
    .execute();
  const name = t.ctx.config.production ? '__Host-gapura_sid' : 'gapura_sid';
  client.cookies.set(name, id);
  return user.id;
}

/**
 * The one-time codes delivered to an address (newest first), read where a demo operator reads them:
 * the development outbox (no SMTP_URL / SMS_WEBHOOK_URL, not production). Runs due jobs first, so
 * queued messages get "delivered" to the outbox. The `messages` table itself never holds a code.
 */
export async function codesSent(t: TestApp, to?: string): Promise<string[]> {
  await runDueJobs(t.ctx);
  let q = t.ctx.db.selectFrom('messages').select('id').where('status', '=', 'kept').orderBy('id', 'desc');
  if (to) q = q.where('recipient', '=', to);
  const codes: string[] = [];
  for (const { id } of await q.execute()) {
    const text = await outboxCopy(t.ctx, id);
    const code = text && /(\d{6})/.exec(text.body)?.[1];
    if (code) codes.push(code);
  }
  return codes;
}

/** The newest code sent to an address (see codesSent); throws when there is none. */
export async function lastCodeSent(t: TestApp, to: string): Promise<string> {
  const [code] = await codesSent(t, to);
  if (!code) throw new Error(`no code was sent to ${to} (or it is not readable: production, or a transport is configured)`);
  return code;
}
