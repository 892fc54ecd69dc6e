// Preparing a Gapura database for the signed-in benchmark before its server starts: migrate and seed
// exactly as a first start does, then add one verified citizen and an active session for them, so the
// load generator can send that session's cookie. PGlite is one process's database, so this runs (and
// closes the database) before the server process opens it.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { loadConfig } from '../src/platform/config.ts';
import { createContext } from '../src/platform/boot.ts';
import { modules } from '../src/modules/index.ts';
import { sha256 } from '../src/platform/crypto.ts';
import { createLogger } from '../src/platform/log.ts';

export async function prepareSignedIn(env: Record<string, string>): Promise<{ cookie: string }> {
  const ctx = await createContext(loadConfig({ ...env }), modules, { log: createLogger('warn') });
  try {
    const user = await ctx.db
      .insertInto('users')
      .values({ kind: 'citizen', name: 'Warga Uji Beban', email: 'uji.beban@example.org', email_verified_at: sql<Date>`now()` })
      .returning('id')
      .executeTakeFirstOrThrow();
    const token = crypto.randomBytes(32).toString('base64url');
    await ctx.db
      .insertInto('sessions')
      .values({ id_hash: sha256(token), user_id: user.id, state: 'active', data: JSON.stringify({ staff: false }), expires_at: sql<Date>`now() + interval '1 day'` })
      .execute();
    // production names the cookie __Host-…; autocannon is not a browser, so https is not needed for it
    const name = ctx.config.production ? '__Host-gapura_sid' : 'gapura_sid';
    return { cookie: `${name}=${token}` };
  } finally {
    await ctx.database.close();
  }
}
