// Events after commit, on a real database: a rolled-back publish delivers nothing, a committed one
// reaches every subscribing module once, a failing subscriber is retried alone, and the manifest
// rules on event names hold. The kill test (test/integration/kill.test.ts) covers a crash after commit.
// The type-level checks at the bottom fail `npm run typecheck` if publish() or `on` accept a wrong payload.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers.ts';
import { deliveries, eventModules, failuresLeft } from '../fixtures/event-modules.ts';
import { modules } from '../../src/modules/index.ts';
import { registerModules } from '../../src/platform/boot.ts';
import type { Executor } from '../../src/platform/db/index.ts';
import { defineModule } from '../../src/platform/module.ts';
import { runDueJobs } from '../../src/platform/jobs/worker.ts';
import { checkEvents, publish } from '../../src/platform/events/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ modules: [...modules, ...eventModules], seed: false });
});
afterAll(() => t.close());
beforeEach(async () => {
  deliveries.length = 0;
  failuresLeft.clear();
  await t.ctx.db.deleteFrom('jobs').execute();
});

const eventJobs = () => t.ctx.db.selectFrom('jobs').selectAll().where('name', 'like', 'on:%').orderBy('name').execute();

describe('publish', () => {
  it('delivers nothing when the transaction rolls back', async () => {
    await expect(
      t.ctx.db.transaction().execute(async (tx) => {
        await publish(tx, 'evpub.parcel.sent', { parcelId: 1, to: 'Sukarami' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await eventJobs()).toEqual([]);
    expect(await runDueJobs(t.ctx)).toBe(0);
    expect(deliveries).toEqual([]);
  });

  it('reaches every subscribing module once after commit, with the same event id', async () => {
    const id = await t.ctx.db.transaction().execute((tx) => publish(tx, 'evpub.parcel.sent', { parcelId: 2, to: 'Kemuning' }));
    // written in the publishing transaction: one job per subscriber, before any worker ran
    expect((await eventJobs()).map((j) => j.name)).toEqual(['on:evsuba:evpub.parcel.sent', 'on:evsubb:evpub.parcel.sent']);
    expect(await runDueJobs(t.ctx)).toBe(2);
    expect(await runDueJobs(t.ctx)).toBe(0);
    expect(deliveries.map((d) => d.module).sort()).toEqual(['evsuba', 'evsubb']);
    for (const d of deliveries) {
      expect(d.payload).toEqual({ parcelId: 2, to: 'Kemuning' });
      expect(d.event).toEqual({ name: 'evpub.parcel.sent', id, attempt: 1 });
    }
  });

  it('retries a failing subscriber without running the other one again', async () => {
    failuresLeft.set('evsubb', 1);
    await t.ctx.db.transaction().execute((tx) => publish(tx, 'evpub.parcel.sent', { parcelId: 3, to: 'Plaju' }));
    expect(await runDueJobs(t.ctx)).toBe(2);
    const [a, b] = await eventJobs();
    expect(a.done_at).not.toBeNull();
    expect(b.done_at).toBeNull();
    expect(b.last_error).toContain('evsubb failed on purpose');
    await sql`update jobs set run_at = now() where id = ${b.id}`.execute(t.ctx.db);
    expect(await runDueJobs(t.ctx)).toBe(1);
    expect(deliveries.map((d) => `${d.module}#${d.event.attempt}`)).toEqual(expect.arrayContaining(['evsuba#1', 'evsubb#1', 'evsubb#2']));
    expect(deliveries).toHaveLength(3);
    expect((await eventJobs()).every((j) => j.done_at)).toBe(true);
  });

  it('writes nothing for an event nobody subscribes to, and refuses an undeclared one', async () => {
    const quiet = defineModule({ id: 'evquiet', events: ['evquiet.happened' as never] });
    registerModules([quiet]);
    await t.ctx.db.transaction().execute((tx) => publish(tx, 'evquiet.happened' as never, {} as never));
    expect(await eventJobs()).toEqual([]);
    await expect(t.ctx.db.transaction().execute((tx) => publish(tx, 'evnobody.happened' as never, {} as never))).rejects.toThrow(/not declared/);
  });
});

describe('event names in manifests', () => {
  it('must start with the publishing module id', () => {
    const bad = defineModule({ id: 'evbad', events: ['parcel.sent' as never] });
    expect(checkEvents([bad])).toEqual(['module evbad publishes event "parcel.sent": event names start with the module id ("evbad.…")']);
    expect(() => registerModules([bad])).toThrow(/module evbad publishes event "parcel.sent"/);
  });

  it('a subscription names an event its installed publisher declares', () => {
    const typo = defineModule({ id: 'evtypo', on: { 'evpub.parcel.snet': async () => {} } as never });
    expect(checkEvents([typo])).toEqual(['module evtypo subscribes to "evpub.parcel.snet", which module evpub does not publish (not in its events)']);
    // a publisher that is not installed: the subscription waits quietly
    const later = defineModule({ id: 'evlater', on: { 'services.application.issued': async () => {} } as never });
    expect(checkEvents([later])).toEqual([]);
  });
});

// Type-level: never called, checked by `tsc` (npm run typecheck). Each @ts-expect-error must be an error.
export function typeChecks(tx: Executor) {
  void publish(tx, 'evpub.parcel.sent', { parcelId: 1, to: 'Ilir Barat' });
  // @ts-expect-error a wrong payload type
  void publish(tx, 'evpub.parcel.sent', { parcelId: '1', to: 'Ilir Barat' });
  // @ts-expect-error a missing field
  void publish(tx, 'evpub.parcel.sent', { parcelId: 1 });
  // @ts-expect-error an event nobody declared
  void publish(tx, 'evpub.parcel.lost', { parcelId: 1, to: 'x' });
  defineModule({
    id: 'evtypes',
    on: {
      'evpub.parcel.sent': (p) => {
        const _n: number = p.parcelId;
        // @ts-expect-error the payload has no such field
        const _w: unknown = p.weight;
        return Promise.resolve();
      },
    },
  });
  defineModule({
    id: 'evtypes2',
    on: {
      // @ts-expect-error a handler expecting another payload
      'evpub.parcel.sent': (_p: { weight: number }) => Promise.resolve(),
    },
  });
  // @ts-expect-error only declared events can be listed
  defineModule({ id: 'evtypes3', events: ['evtypes3.undeclared'] });
}
