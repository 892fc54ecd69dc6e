// Privacy on the surfaces built so far: a rahasia complaint is absent from the public view and list;
// no public view carries a reporter field; an anonim reporter is hidden from the handling unit too;
// another unit cannot open the complaint; personal data exported and erased.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';
import type { Actor } from '../../platform/access/can.ts';
import { createComplaint } from './service.ts';
import { handlerView, publicComplaint, publicList } from './public.ts';
import { erasePersonalData, exportPersonalData } from './personal-data.ts';
import * as repo from './repo.ts';

let t: TestApp;
let reporter: number;
async function officer(code: string): Promise<Actor> {
  const u = (await repo.unitByCode(t.ctx.db, code))!;
  return { kind: 'staff', userId: 999_001, name: 'o', grants: [{ role: 'officer', unitId: u.id, unitPath: u.path }] };
}

beforeAll(async () => {
  t = await createTestApp();
  reporter = (await t.ctx.db.insertInto('users').values({ kind: 'citizen', name: 'Siti Pelapor' }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => { await t.close(); });

describe('pengaduan privacy', () => {
  it('rahasia is never public; anonim and open reports show no reporter field', async () => {
    const base = { categoryCode: 'jalan-rusak', channel: 'web' as const, reporterUserId: reporter, reporterName: 'Siti Pelapor', contactEmail: 'siti@example.id', contactPhone: '+6281234567890' };
    const open = await createComplaint(t.ctx, { ...base, description: 'Terbuka biasa' });
    const anon = await createComplaint(t.ctx, { ...base, description: 'Anonim tapi publik', anonim: true });
    const secret = await createComplaint(t.ctx, { ...base, description: 'Rahasia sekali', rahasia: true });
    expect(await publicComplaint(t.ctx.db, secret.publicId)).toBeUndefined();
    const list = await publicList(t.ctx.db, { limit: 1000 });
    expect(list.map((c) => c.publicId)).toEqual(expect.arrayContaining([open.publicId, anon.publicId]));
    expect(list.map((c) => c.publicId)).not.toContain(secret.publicId);
    for (const id of [open.publicId, anon.publicId]) {
      const json = JSON.stringify(await publicComplaint(t.ctx.db, id));
      for (const s of ['Siti', 'siti@example.id', '81234567890', 'reporter', 'contact']) expect(json).not.toContain(s);
    }
    expect(JSON.stringify(list)).not.toContain('siti@example.id');

    const pupr = await officer('16.71.opd.pupr');
    const seenOpen = await handlerView(t.ctx.db, pupr, open.id);
    expect(seenOpen?.contactEmail).toBe('siti@example.id');
    const seenAnon = await handlerView(t.ctx.db, pupr, anon.id);
    expect(seenAnon?.reporterHidden).toBe(true);
    expect([seenAnon?.reporterUserId, seenAnon?.reporterName, seenAnon?.contactEmail, seenAnon?.contactPhone]).toEqual([null, null, null, null]);
    // the handling unit still sees a rahasia report; another unit sees nothing
    expect((await handlerView(t.ctx.db, pupr, secret.id))?.description).toBe('Rahasia sekali');
    expect(await handlerView(t.ctx.db, await officer('16.71.opd.dlh'), open.id)).toBeUndefined();
  });

  it('exports the reporter’s complaints and erases the link and contact, keeping the public record', async () => {
    const data = await exportPersonalData(t.ctx.db, reporter);
    expect((data.complaints as unknown[]).length).toBe(3);
    await t.ctx.db.transaction().execute((tx) => erasePersonalData(tx, reporter));
    const rows = await t.ctx.db.selectFrom('pengaduan_complaints').select(['reporter_user_id', 'reporter_name', 'contact_email', 'contact_phone', 'anonim'])
      .where('description', 'in', ['Terbuka biasa', 'Anonim tapi publik', 'Rahasia sekali']).execute();
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r).toEqual({ reporter_user_id: null, reporter_name: null, contact_email: null, contact_phone: null, anonim: true });
    expect(((await exportPersonalData(t.ctx.db, reporter)).complaints as unknown[]).length).toBe(0);
  });
});
