// The job queue on a real database (PGlite, or PostgreSQL when DATABASE_URL is set): transactional
// enqueue, retries with backoff, failing for good, leases of crashed workers, several workers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers.ts';
import { modules } from '../../src/modules/index.ts';
import { defineModule } from '../../src/platform/module.ts';
import { enqueue } from '../../src/platform/jobs/queue.ts';
import { claimJob, runClaimedJob, runDueJobs, scrubError } from '../../src/platform/jobs/worker.ts';

/** what the test handlers saw, per job */
const runs: { id: number; attempt: number; payload: Record<string, unknown> }[] = [];
let running = new Set<number>();
let overlaps = 0;
let failuresLeft = new Map<string, number>();

const testModule = defineModule({
  id: 'test',
  jobs: {
    'test.record': async (payload, _ctx, job) => {
      if (running.has(job.id)) overlaps++;
      running.add(job.id);
      // give other workers a chance to interleave
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
      running.delete(job.id);
      runs.push({ id: job.id, attempt: job.attempts, payload });
      const key = typeof payload.key === 'string' ? payload.key : '';
      const left = failuresLeft.get(key) ?? 0;
      if (left > 0) {
        failuresLeft.set(key, left - 1);
        throw new Error(`planned failure for siti@example.go.id +62 812 3456 7890`);
      }
    },
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ modules: [...modules, testModule], seed: false });
});
afterAll(() => t.close());
beforeEach(async () => {
  runs.length = 0;
  running = new Set();
  overlaps = 0;
  failuresLeft = new Map();
  await t.ctx.db.deleteFrom('jobs').execute();
});

const job = (id: number) => t.ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const makeDue = (id: number) => sql`update jobs set run_at = now() where id = ${id}`.execute(t.ctx.db);
const expireLease = (id: number) => sql`update jobs set locked_until = now() - interval '1 second' where id = ${id}`.execute(t.ctx.db);

describe('job queue', () => {
  it('never runs a job whose transaction rolled back, and runs one that committed', async () => {
    await expect(
      t.ctx.db.transaction().execute(async (tx) => {
        await enqueue(tx, 'test.record', { key: 'rolled-back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const id = await t.ctx.db.transaction().execute((tx) => enqueue(tx, 'test.record', { key: 'committed' }));
    expect(await runDueJobs(t.ctx)).toBe(1);
    expect(runs).toEqual([{ id, attempt: 1, payload: { key: 'committed' } }]);
    expect((await job(id)).done_at).not.toBeNull();
    expect(await t.ctx.db.selectFrom('jobs').select('id').execute()).toHaveLength(1);
    expect(await runDueJobs(t.ctx)).toBe(0); // done jobs do not run again
  });

  it('retries a failed job later with backoff, then finishes it', async () => {
    failuresLeft.set('flaky', 1);
    const id = await enqueue(t.ctx.db, 'test.record', { key: 'flaky' });
    expect(await runDueJobs(t.ctx)).toBe(1);
    let row = await job(id);
    expect(row.done_at).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.locked_until).toBeNull();
    // the error is kept, without the address or phone number it mentioned
    expect(row.last_error).toContain('planned failure');
    expect(row.last_error).not.toContain('siti@');
    expect(row.last_error).not.toContain('3456');
    const { rows } = await sql<{ wait: number }>`select extract(epoch from run_at - now())::float as wait from jobs where id = ${id}`.execute(t.ctx.db);
    expect(rows[0].wait).toBeGreaterThan(3); // first retry after ~5 s, not now
    expect(await runDueJobs(t.ctx)).toBe(0);
    await makeDue(id);
    expect(await runDueJobs(t.ctx)).toBe(1);
    row = await job(id);
    expect(row.done_at).not.toBeNull();
    expect(row.attempts).toBe(2);
    expect(row.last_error).toBeNull();
    expect(runs.map((r) => r.attempt)).toEqual([1, 2]);
  });

  it('marks a job failed once max_attempts are used up, and leaves it visible', async () => {
    failuresLeft.set('broken', 99);
    const id = await enqueue(t.ctx.db, 'test.record', { key: 'broken' }, { maxAttempts: 2 });
    expect(await runDueJobs(t.ctx)).toBe(1);
    expect((await job(id)).failed_at).toBeNull();
    await makeDue(id);
    expect(await runDueJobs(t.ctx)).toBe(1);
    const row = await job(id);
    expect(row.failed_at).not.toBeNull();
    expect(row.done_at).toBeNull();
    expect(row.attempts).toBe(2);
    await makeDue(id);
    expect(await runDueJobs(t.ctx)).toBe(0); // a failed job is not retried by itself
    expect(runs).toHaveLength(2);
  });

  it('fails a job whose handler does not exist (a module was removed)', async () => {
    const id = await enqueue(t.ctx.db, 'test.nobody-handles-this', {}, { maxAttempts: 1 });
    expect(await runDueJobs(t.ctx)).toBe(1);
    const row = await job(id);
    expect(row.failed_at).not.toBeNull();
    expect(row.last_error).toContain('no handler for job test.nobody-handles-this');
  });

  it('takes over the job of a worker that died once its lease runs out', async () => {
    const id = await enqueue(t.ctx.db, 'test.record', { key: 'orphan' });
    // a worker claims the job and dies before finishing: its lease holds for now…
    const claimed = await claimJob(t.ctx);
    expect(claimed?.id).toBe(id);
    expect(await runDueJobs(t.ctx)).toBe(0);
    expect(runs).toHaveLength(0);
    // …and when it has run out, another worker runs the job
    await expireLease(id);
    expect(await runDueJobs(t.ctx)).toBe(1);
    expect(runs).toEqual([{ id, attempt: 2, payload: { key: 'orphan' } }]);
    expect((await job(id)).done_at).not.toBeNull();
  });

  it('a worker whose lease was taken over cannot mark the job done or failed', async () => {
    failuresLeft.set('late', 1);
    const id = await enqueue(t.ctx.db, 'test.record', { key: 'late' }, { maxAttempts: 2 });
    const stale = (await claimJob(t.ctx))!;
    await expireLease(id);
    const fresh = (await claimJob(t.ctx))!;
    expect(fresh.attempts).toBe(2);
    // the first worker wakes up and its handler fails on the last attempt number it knows (1 of 2):
    // that must not touch the job now leased to the second worker
    await runClaimedJob(t.ctx, stale);
    let row = await job(id);
    expect(row.failed_at).toBeNull();
    expect(row.last_error).toBeNull();
    expect(row.locked_until).not.toBeNull();
    await runClaimedJob(t.ctx, fresh);
    row = await job(id);
    expect(row.done_at).not.toBeNull();
  });

  it('marks failed a job whose worker died during its last attempt', async () => {
    const id = await enqueue(t.ctx.db, 'test.record', { key: 'last' }, { maxAttempts: 1 });
    await claimJob(t.ctx);
    await expireLease(id);
    expect(await runDueJobs(t.ctx)).toBe(0);
    const row = await job(id);
    expect(row.failed_at).not.toBeNull();
    expect(row.last_error).toContain('worker stopped');
    expect(runs).toHaveLength(0);
  });

  it('several workers share the queue without running a job twice', async () => {
    const ids: number[] = [];
    await t.ctx.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 12; i++) ids.push(await enqueue(tx, 'test.record', { key: `n${i}` }));
    });
    const counts = await Promise.all([runDueJobs(t.ctx), runDueJobs(t.ctx), runDueJobs(t.ctx)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(12);
    expect(runs.map((r) => r.id).sort((a, b) => a - b)).toEqual(ids);
    expect(overlaps).toBe(0);
    const left = await t.ctx.db.selectFrom('jobs').select('id').where('done_at', 'is', null).execute();
    expect(left).toEqual([]);
  });

  it('scrubs addresses and numbers from error text', () => {
    expect(scrubError(new Error('550 <budi@example.id>: no such user; call 0812-3456-7890'))).toBe('550 <[address]>: no such user; call [number]');
  });
});
