// The service page shows the satisfaction score of its own ratings: layanan decides an application
// (the event), the citizen rates it through the satisfaction module, and /layanan/{slug} then shows
// the IKM with one respondent. Here because it joins two modules (the whole build).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, unitsForTest, type TestApp } from '../helpers.ts';
import { signInAs } from '../auth-helpers.ts';
import { publish } from '../../src/platform/events/index.ts';
import { runDueJobs } from '../../src/platform/jobs/worker.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('IKM on the service page', () => {
  it('shows "Belum ada penilaian", then the score and 1 respondent after one rating', async () => {
    const units = await unitsForTest(t);
    const slug = 'surat-keterangan-domisili';
    const anon = new Client(t.app);
    const before = await (await anon.get(`/layanan/${slug}`)).text();
    expect(before).toContain('Belum ada penilaian');

    const citizen = new Client(t.app);
    const userId = await signInAs(t, citizen, { kind: 'citizen' });
    await t.ctx.db.transaction().execute((tx) =>
      publish(tx, 'layanan.application.decided', {
        applicationId: 77, trackingNumber: 'LYN-77', serviceSlug: slug, unitId: units.kelX.id, userId, outcome: 'issued', at: new Date().toISOString(),
      }),
    );
    await runDueJobs(t.ctx, 100);
    const inv = await t.ctx.db.selectFrom('satisfaction_invitations').select('id').where('reference_id', '=', '77').executeTakeFirstOrThrow();
    const path = `/penilaian/${inv.id}`;
    await citizen.get(path);
    const answers = Object.fromEntries(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'].map((e) => [e, '4']));
    expect((await citizen.post(path, { ...answers, u9: '3' })).status).toBe(303);

    // (4×8 + 3)/9 × 25 = 97.22 → A; read signed in: anonymous pages may be up to 5 s old (ADR 013)
    const after = await (await citizen.get(`/layanan/${slug}`)).text();
    expect(after).toMatch(/97,22/);
    expect(after).toMatch(/1 responden/);
  });
});
