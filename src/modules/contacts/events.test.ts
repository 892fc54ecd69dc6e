// 'contacts.entry.updated' reaches a subscribing module after a committed change, and not at all
// when the change was refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import { modules } from '../index.ts';
import { defineModule } from '../../platform/module.ts';
import { runDueJobs } from '../../platform/jobs/worker.ts';
import type { ContactUpdatedPayload } from './events.ts';

const heard: ContactUpdatedPayload[] = [];
const probe = defineModule({
  id: 'contactsprobe',
  on: {
    'contacts.entry.updated': (p) => {
      heard.push(p);
      return Promise.resolve();
    },
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ modules: [...modules, probe] });
});
afterAll(() => t.close());

const X = '16.71.01';
const form = { category: 'fire', name: 'Pos Damkar Uji', phone: '0711 123456', owner: X, kecamatan: X };

describe('contacts.entry.updated', () => {
  it('is delivered once per committed change, with the entry, its owner and the kind of change', async () => {
    await runDueJobs(t.ctx, 100); // the national numbers seeded at start were announced too
    heard.length = 0;
    const admin = new Client(t.app);
    await signInAs(t, admin, { kind: 'staff', grants: [{ role: 'unit_admin', unitCode: X }] });
    await admin.get('/petugas/kontak-darurat/baru');
    // refused input: nothing published
    expect((await admin.post('/petugas/kontak-darurat/baru', { ...form, phone: 'bukan nomor' })).status).toBe(422);
    expect(await runDueJobs(t.ctx)).toBe(0);
    expect((await admin.post('/petugas/kontak-darurat/baru', form)).status).toBe(303);
    const row = await t.ctx.db.selectFrom('emergency_contacts').select(['id', 'owner_unit_id', 'kecamatan_id']).where('name', '=', form.name).executeTakeFirstOrThrow();
    expect(await runDueJobs(t.ctx)).toBe(1);
    expect(heard).toEqual([{ id: row.id, change: 'created', ownerUnitId: row.owner_unit_id, kecamatanId: row.kecamatan_id, at: expect.any(String) as string }]);
    expect((await admin.post(`/petugas/kontak-darurat/${row.id}/periksa`, {})).status).toBe(303);
    expect(await runDueJobs(t.ctx)).toBe(1);
    expect(heard.map((h) => h.change)).toEqual(['created', 'reviewed']);
  });
});
