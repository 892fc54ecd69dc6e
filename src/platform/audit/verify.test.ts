// The audit chain on a real database (PGlite, or PostgreSQL when DATABASE_URL is set): what is
// written verifies, and each way of tampering with it is named at the right entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';
import { lockAuditChain, recordAudit, systemActor, type AuditActor } from './audit.ts';
import { verifyAuditChain } from './verify.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false });
});
afterAll(() => t.close());

const db = () => t.ctx.db;
const write = (action: string, after: unknown = { n: action }, actor: AuditActor = systemActor('test')) =>
  db().transaction().execute((tx) => recordAudit(tx, actor, { action, subjectType: 'thing', subjectId: action, after }));
const ids = async () => (await db().selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => r.id);

/** Tampering needs the table owner to switch off the append-only trigger first — as an attacker would. */
async function tamper(query: ReturnType<typeof sql>) {
  await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db());
  try {
    await query.execute(db());
  } finally {
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(db());
  }
}

type Row = Awaited<ReturnType<typeof rowsById>>[number];
const rowsById = (list: number[]) => db().selectFrom('audit_log').selectAll().where('id', 'in', list).orderBy('id').execute();
async function putBack(rows: Row[]) {
  for (const r of rows)
    await tamper(sql`insert into audit_log (id, at, actor_id, actor_label, action, subject_type, subject_id, unit_id, before, after, ip, user_agent, prev_hash, hash, chain, hash_version)
      values (${r.id}, ${r.at}, ${r.actor_id}, ${r.actor_label}, ${r.action}, ${r.subject_type}, ${r.subject_id}, ${r.unit_id},
        ${JSON.stringify(r.before)}::jsonb, ${JSON.stringify(r.after)}::jsonb, ${r.ip}, ${r.user_agent}, ${r.prev_hash}, ${r.hash}, ${r.chain}, ${r.hash_version})`);
}

describe('verifyAuditChain', () => {
  it('accepts an empty trail', async () => {
    expect(await verifyAuditChain(db())).toEqual({ ok: true, checked: 0, lastHash: '' });
  });

  it('verifies what recordAudit wrote, even values that jsonb and text store differently', async () => {
    const awkward = {
      z: 1.0, // jsonb keeps "1.0" only if sent as such; JSON sends 1
      a: { y: [1, 2.5, -0, 1e21, 1e-7, 12345678901234567890], x: 'ü – 😀' },
      when: new Date('2026-03-20T01:02:03.456Z'), // stored as its ISO string
      gone: undefined, // dropped by JSON
      nan: Number.NaN, // null in JSON
      nul: 'a\u0000b', // jsonb cannot hold U+0000
      lone: 'x\uD800y', // nor a lone surrogate
      password: 'rahasia', // secrets are masked
      mustChangePassword: true, // a flag is no secret, whatever its name
      totp: { secret: 'JBSWY3DPEHPK3PXP', enabled: false },
      hash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', // a password hash under any key
    };
    await write('first', awkward, { id: 7, label: 'staff:7:Siti', ip: '10.0.0.1', userAgent: 'Browser/1.0 \uD83D' });
    for (let i = 0; i < 4; i++) await write(`entry.${i}`);
    const r = await verifyAuditChain(db());
    expect(r).toMatchObject({ ok: true, checked: 5 });
    const first = await db().selectFrom('audit_log').selectAll().where('action', '=', 'first').executeTakeFirstOrThrow();
    expect(first.after).toMatchObject({ password: '[set]', when: '2026-03-20T01:02:03.456Z', nan: null, nul: 'a\uFFFDb' });
    expect(first.after).toMatchObject({ mustChangePassword: true, totp: { secret: '[set]', enabled: false }, hash: '[set]' });
    expect(first.after).not.toHaveProperty('gone');
  });

  it('refuses UPDATE and DELETE on audit_log, and moving its anchor back', async () => {
    await expect(sql`update audit_log set action = 'x'`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db())).rejects.toThrow(/append-only/);
    // nor can the anchor be removed or moved back
    await expect(sql`delete from audit_head`.execute(db())).rejects.toThrow(/only moves forward/);
    await expect(sql`update audit_head set entries = entries - 1`.execute(db())).rejects.toThrow(/only moves forward/);
  });

  it('names an edited entry', async () => {
    const [, second] = await ids();
    const saved = await rowsById([second]);
    await tamper(sql`update audit_log set after = '{"n": "changed"}' where id = ${second}`);
    const r = await verifyAuditChain(db());
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toMatchObject({ id: second, code: 'content_changed', action: 'entry.0' });
    expect(r.checked).toBe(1);
    await tamper(sql`delete from audit_log where id = ${second}`);
    await putBack(saved);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('notices a changed time, even by one microsecond', async () => {
    const [, , third] = await ids();
    await tamper(sql`update audit_log set at = at + interval '1 microsecond' where id = ${third}`);
    expect((await verifyAuditChain(db())).firstBroken).toMatchObject({ id: third, code: 'content_changed' });
    await tamper(sql`update audit_log set at = at - interval '1 microsecond' where id = ${third}`);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('names the entry after a deleted one', async () => {
    const list = await ids();
    const saved = await rowsById([list[2]]);
    await tamper(sql`delete from audit_log where id = ${list[2]}`);
    const r = await verifyAuditChain(db());
    expect(r.firstBroken).toMatchObject({ id: list[3], code: 'chain_broken' });
    expect(r.firstBroken!.reason).toContain('deleted');
    await putBack(saved);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('notices entries swapped in order', async () => {
    const list = await ids();
    const saved = await rowsById([list[1], list[2]]);
    await tamper(sql`delete from audit_log where id in (${list[1]}, ${list[2]})`);
    // the same two entries, each under the other's id
    await putBack([{ ...saved[1], id: list[1] }, { ...saved[0], id: list[2] }]);
    expect((await verifyAuditChain(db())).firstBroken).toMatchObject({ id: list[1], code: 'chain_broken' });
    await tamper(sql`delete from audit_log where id in (${list[1]}, ${list[2]})`);
    await putBack(saved);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('notices an entry added behind Gapura’s back, even with correct hashes', async () => {
    const ok = await verifyAuditChain(db());
    const last = (await db().selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow());
    const { entryHash } = await import('./audit.ts');
    const at = '2030-01-01T00:00:00.000Z';
    const forged = { at, actor_id: null, actor_label: 'system', action: 'forged', subject_type: 'thing', subject_id: null, unit_id: null, before: null, after: null, ip: null, user_agent: null };
    const hash = entryHash(last.hash, forged);
    await sql`insert into audit_log (at, actor_label, action, subject_type, prev_hash, hash) values (${at}, 'system', 'forged', 'thing', ${last.hash}, ${hash})`.execute(db());
    const r = await verifyAuditChain(db());
    expect(r.firstBroken).toMatchObject({ code: 'not_anchored', action: 'forged' });
    await tamper(sql`delete from audit_log where action = 'forged'`);
    expect(await verifyAuditChain(db())).toEqual(ok);
  });

  it('checks that a hash recorded earlier is still in the trail', async () => {
    const { lastHash } = await verifyAuditChain(db());
    expect((await verifyAuditChain(db(), { contains: lastHash })).ok).toBe(true);
    expect((await verifyAuditChain(db(), { contains: 'f'.repeat(64) })).firstBroken?.code).toBe('hash_not_found');
  });

  // last: this one leaves the trail broken for good
  it('notices deleted newest entries, and keeps noticing after new entries are written', async () => {
    const list = await ids();
    await tamper(sql`delete from audit_log where id >= ${list[list.length - 2]}`);
    let r = await verifyAuditChain(db());
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toMatchObject({ id: list[list.length - 1], code: 'newest_missing' });
    expect(r.firstBroken!.reason).toContain('2 of 5');
    // new entries continue from the anchor, not from the shortened end: the gap stays visible
    await write('after.truncation');
    r = await verifyAuditChain(db());
    expect(r.firstBroken).toMatchObject({ code: 'chain_broken', action: 'after.truncation' });
    // and emptying the table entirely is noticed too
    await tamper(sql`delete from audit_log`);
    expect((await verifyAuditChain(db())).firstBroken?.code).toBe('newest_missing');
  });
});

// Several chains (ADR 031): only a real server has concurrent transactions.
describe.skipIf(!process.env.DATABASE_URL)('concurrent writers on PostgreSQL', () => {
  let p: TestApp;
  beforeAll(async () => {
    p = await createTestApp({ seed: false });
  });
  afterAll(() => p.close());
  const entry = (tx: Parameters<typeof recordAudit>[0], action: string) =>
    recordAudit(tx, systemActor('test'), { action, subjectType: 'thing', subjectId: action });

  it('a writer does not wait for another writer’s open transaction; each continues its own chain, and the trail verifies', async () => {
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    let wrote!: () => void;
    const written = new Promise<void>((r) => (wrote = r));
    // A writes two entries and keeps its transaction (and its chain) open
    const a = p.ctx.db.transaction().execute(async (tx) => {
      await entry(tx, 'a.1');
      await entry(tx, 'a.2');
      wrote();
      await hold;
    });
    await written;
    // B commits while A is still open: with one chain it would wait for A's commit
    const b = p.ctx.db.transaction().execute((tx) => entry(tx, 'b.1'));
    const first = await Promise.race([b.then(() => 'b'), new Promise((r) => setTimeout(() => r('timeout'), 5000))]);
    release();
    await a;
    expect(first).toBe('b');
    const rows = await p.ctx.db.selectFrom('audit_log').select(['action', 'chain']).orderBy('id').execute();
    const chainOf = Object.fromEntries(rows.map((r) => [r.action, r.chain]));
    expect(chainOf['a.1']).toBe(chainOf['a.2']);
    expect(chainOf['b.1']).not.toBe(chainOf['a.1']);
    expect(await verifyAuditChain(p.ctx.db)).toMatchObject({ ok: true, checked: 3 });
  });

  it('twenty writers at once: every entry verifies; deleting the newest entry of a second chain is noticed', async () => {
    // chain 1 is held meanwhile, so the twenty spread over the others
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const taken = new Promise<void>((r) => (locked = r));
    const holder = p.ctx.db.transaction().execute(async (tx) => {
      await lockAuditChain(tx);
      locked();
      await hold;
    });
    await taken;
    await Promise.all(Array.from({ length: 20 }, (_, i) => p.ctx.db.transaction().execute((tx) => entry(tx, `many.${i}`))));
    release();
    await holder;
    expect(await verifyAuditChain(p.ctx.db)).toMatchObject({ ok: true, checked: 23 });
    const second = await p.ctx.db.selectFrom('audit_log').select(['id', 'chain']).where('chain', '>', 1).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(p.ctx.db);
    await sql`delete from audit_log where id = ${second.id}`.execute(p.ctx.db);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(p.ctx.db);
    expect((await verifyAuditChain(p.ctx.db)).firstBroken).toMatchObject({ id: Number(second.id), code: 'newest_missing' });
  });
});
