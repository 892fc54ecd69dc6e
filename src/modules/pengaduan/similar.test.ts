// Similar open reports: same kecamatan, similar text, never rahasia; +1 counted once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';
import { createComplaint } from './service.ts';
import { followComplaint, similarity, similarOpen } from './similar.ts';
import * as repo from './repo.ts';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

describe('pengaduan similar reports', () => {
  it('finds the open report with similar text in the same kecamatan only', async () => {
    expect(similarity('jalan berlubang besar', 'jalan berlubang besar')).toBe(1);
    expect(similarity('lampu mati', 'sampah menumpuk')).toBeLessThan(0.2);
    const kec = (await repo.unitByCode(t.ctx.db, '16.71.01'))!.id;
    const other = (await repo.unitByCode(t.ctx.db, '16.71.02'))!.id;
    const a = await createComplaint(t.ctx, { categoryCode: 'jalan-rusak', description: 'Jalan berlubang besar di depan pasar', kecamatanId: kec, channel: 'web' });
    await createComplaint(t.ctx, { categoryCode: 'jalan-rusak', description: 'Jalan berlubang besar di depan pasar', kecamatanId: other, channel: 'web' });
    await createComplaint(t.ctx, { categoryCode: 'jalan-rusak', description: 'Jalan berlubang besar di depan pasar rahasia', kecamatanId: kec, channel: 'web', rahasia: true });
    const found = await similarOpen(t.ctx.db, { text: 'jalan berlubang di depan pasar', kecamatanId: kec });
    expect(found.map((f) => f.publicId)).toEqual([a.publicId]);
    expect(await similarOpen(t.ctx.db, { text: 'lampu jalan mati total', kecamatanId: kec })).toEqual([]);
    expect(await followComplaint(t.ctx.db, a.id, { contactHash: 'h1' })).toBe(true);
    expect(await followComplaint(t.ctx.db, a.id, { contactHash: 'h1' })).toBe(false);
    expect((await repo.complaintById(t.ctx.db, a.id))!.followers).toBe(1);
  });
});
