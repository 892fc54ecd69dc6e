// Sessions end after an absolute lifetime counted from sign-in, however busy they are kept.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import { sha256 } from '../crypto.ts';
import { CITIZEN_MAX_H, STAFF_MAX_H } from './session.ts';

let t: TestApp;
let regionCode: string;
beforeAll(async () => {
  t = await createTestApp();
  regionCode = (await t.ctx.db.selectFrom('units').select('code').where('kind', '=', 'region').executeTakeFirstOrThrow()).code;
});
afterAll(() => t.close());

/** A signed-in client whose session started `hoursAgo` and was used a minute ago (not yet expired). */
async function aged(kind: 'citizen' | 'staff', hoursAgo: number, lastSeenMinutesAgo = 1) {
  const c = new Client(t.app);
  await signInAs(t, c, kind === 'staff' ? { kind, grants: [{ role: 'officer', unitCode: regionCode }] } : { kind });
  const idHash = sha256(c.cookies.get('gapura_sid')!);
  await t.ctx.db
    .updateTable('sessions')
    .set({
      created_at: sql`now() - ${`${hoursAgo} hours`}::interval`,
      last_seen_at: sql`now() - ${`${lastSeenMinutesAgo} minutes`}::interval`,
      expires_at: sql`now() + interval '1 hour'`,
    })
    .where('id_hash', '=', idHash)
    .execute();
  return { c, idHash };
}

describe('session lifetime', () => {
  it(`a citizen session older than ${CITIZEN_MAX_H / 24} days ends, even when used a minute ago`, async () => {
    const fresh = await aged('citizen', CITIZEN_MAX_H - 24);
    expect((await fresh.c.get('/akun')).status).toBe(200);
    const old = await aged('citizen', CITIZEN_MAX_H + 1);
    const res = await old.c.get('/akun');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/masuk/);
  });

  it(`a staff session older than ${STAFF_MAX_H} hours ends, even when used a minute ago`, async () => {
    const fresh = await aged('staff', STAFF_MAX_H - 1);
    expect((await fresh.c.get('/petugas')).status).toBe(200);
    const old = await aged('staff', STAFF_MAX_H + 0.1);
    const res = await old.c.get('/petugas');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/petugas\/masuk/);
  });

  it('using a session never moves its end past the absolute lifetime', async () => {
    const { c, idHash } = await aged('staff', STAFF_MAX_H - 2, 30); // last seen long enough ago to be touched
    expect((await c.get('/petugas')).status).toBe(200);
    const row = await t.ctx.db
      .selectFrom('sessions')
      .select([sql<number>`extract(epoch from expires_at - created_at)::int`.as('span'), sql<number>`extract(epoch from now() - last_seen_at)::int`.as('idle')])
      .where('id_hash', '=', idHash)
      .executeTakeFirstOrThrow();
    expect(Number(row.idle)).toBeLessThan(60); // it was touched
    expect(Number(row.span)).toBeLessThanOrEqual(STAFF_MAX_H * 3600);
  });
});
