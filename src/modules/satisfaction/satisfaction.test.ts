// Invitations from 'layanan.application.decided' (idempotent), the rating page (owner only, one
// response per application), scores per service and unit subtree, the staff page's scope, and
// personal data export/erase. The test publishes the event the layanan module declares, as its issuing step will.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, unitsForTest, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import { publish, type EventPayloads } from '../../platform/events/index.ts';
import { runDueJobs } from '../../platform/jobs/worker.ts';
import { computeStat } from '../../platform/figures.ts';
import { satisfactionModule, satisfactionScore } from './module.ts';

type ApplicationDecidedPayload = EventPayloads['layanan.application.decided'];

let t: TestApp;
let units: Awaited<ReturnType<typeof unitsForTest>>;
beforeAll(async () => {
  t = await createTestApp();
  units = await unitsForTest(t);
  await runDueJobs(t.ctx, 100);
});
afterAll(() => t.close());

let nextApp = 1000;
async function decide(p: Partial<ApplicationDecidedPayload> & { userId: number | null }) {
  const id = p.applicationId ?? ++nextApp;
  const payload: ApplicationDecidedPayload = {
    applicationId: id, trackingNumber: `LYN-${id}`, serviceSlug: 'surat-keterangan-domisili', unitId: units.kelX.id,
    outcome: 'issued', at: new Date().toISOString(), ...p,
  };
  await t.ctx.db.transaction().execute((tx) => publish(tx, 'layanan.application.decided', payload));
  await runDueJobs(t.ctx, 100);
  return t.ctx.db.selectFrom('satisfaction_invitations').selectAll().where('reference_id', '=', String(id)).executeTakeFirstOrThrow();
}
const answers = (v: string) => Object.fromEntries(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'].map((e) => [e, v]));

describe('satisfaction', () => {
  it('invites once per application, however often the event arrives, and notifies the citizen', async () => {
    const citizen = new Client(t.app);
    const userId = await signInAs(t, citizen, { kind: 'citizen' });
    const before = await t.ctx.db.selectFrom('messages').select('id').where('template', '=', 'satisfaction.invite').execute();
    const inv = await decide({ applicationId: 1, userId });
    // the same application decided again (a redelivery, a second publish): still one invitation, one message
    await decide({ applicationId: 1, userId });
    const handler = satisfactionModule.on!['layanan.application.decided']!;
    await handler({ applicationId: 1, trackingNumber: 'LYN-1', serviceSlug: 'surat-keterangan-domisili', unitId: units.kelX.id, userId, outcome: 'issued', at: '' }, t.ctx, { name: 'layanan.application.decided', id: 'again', attempt: 2 });
    const invs = await t.ctx.db.selectFrom('satisfaction_invitations').select('id').where('reference_id', '=', '1').execute();
    expect(invs).toHaveLength(1);
    const msgs = await t.ctx.db.selectFrom('messages').select(['body', 'id']).where('template', '=', 'satisfaction.invite').execute();
    expect(msgs.length - before.length).toBe(1);
    expect(msgs.at(-1)!.body).toContain(`/penilaian/${inv.id}`);
    expect(msgs.at(-1)!.body).toContain('LYN-1');
  });

  it('lets only the owner rate, once; a second submit is refused and changes nothing', async () => {
    const owner = new Client(t.app);
    const userId = await signInAs(t, owner, { kind: 'citizen' });
    const inv = await decide({ userId, serviceSlug: 'skck-uji' });
    const path = `/penilaian/${inv.id}`;

    // signed out: sign in first; another citizen: as if it did not exist; staff: likewise
    const anon = new Client(t.app);
    const signIn = await anon.get(path);
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toMatch(/^\/masuk/);
    const other = new Client(t.app);
    await signInAs(t, other, { kind: 'citizen' });
    expect((await other.get(path)).status).toBe(404);
    const officer = new Client(t.app);
    await signInAs(t, officer, { kind: 'staff', grants: [{ role: 'officer', unitCode: units.kelX.code }] });
    expect((await officer.get(path)).status).toBe(404);
    expect((await owner.get('/penilaian/999999')).status).toBe(404);

    const page = await owner.get(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html.length).toBeLessThan(30_000); // a small page, before compression
    expect(html.match(/<fieldset/g)).toHaveLength(9);
    expect(html).toContain('Sangat sopan dan ramah');
    expect(html).toContain('Dikelola dengan baik');

    // incomplete: 422, the given answers kept, the missing ones named
    const partial = await owner.post(path, { u1: '4', u2: '3', comment: 'Cepat' });
    expect(partial.status).toBe(422);
    const again = await partial.text();
    expect(again).toMatch(/id="f-u1-4"[^>]*checked/);
    expect(again).toContain('href="#f-u3"');
    // another citizen cannot post either
    await other.get('/');
    expect((await other.post(path, answers('1'))).status).toBe(404);

    const ok = await owner.post(path, { ...answers('4'), u8: '2', comment: 'Petugas ramah' });
    expect(ok.status).toBe(303);
    expect(await (await owner.get(ok.headers.get('location')!)).text()).toContain('Penilaian Anda sudah kami terima');
    const second = await owner.post(path, answers('1'));
    expect(second.status).toBe(409);
    expect(await second.text()).toContain('hanya bisa dinilai satu kali');
    const rows = await t.ctx.db.selectFrom('satisfaction_responses').selectAll().where('invitation_id', '=', inv.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ u1: 4, u8: 2, comment: 'Petugas ramah', subject: 'skck-uji' });

    // (8 × 4 + 2) / 9 × 25 = 94.44 → A, one respondent
    expect(await satisfactionScore(t.ctx, { source: 'layanan', subject: 'skck-uji' })).toMatchObject({ ikm: 94.44, category: 'A', respondents: 1 });
  });

  it('scores per service and per unit subtree; the staff page shows only the officer\'s units', async () => {
    const rate = async (unitId: number, v: string) => {
      const c = new Client(t.app);
      const userId = await signInAs(t, c, { kind: 'citizen' });
      const inv = await decide({ userId, unitId, serviceSlug: 'sktm-uji' });
      await c.get(`/penilaian/${inv.id}`);
      expect((await c.post(`/penilaian/${inv.id}`, answers(v))).status).toBe(303);
    };
    await rate(units.kelX.id, '4');
    await rate(units.kelY.id, '2');
    expect(await satisfactionScore(t.ctx, { source: 'layanan', subject: 'sktm-uji' })).toMatchObject({ ikm: 75, category: 'C', respondents: 2 });
    expect(await satisfactionScore(t.ctx, { source: 'layanan', subject: 'sktm-uji', unitPath: units.kelY.path })).toMatchObject({ ikm: 50, category: 'D', respondents: 1 });
    expect(await satisfactionScore(t.ctx, { source: 'layanan', subject: 'sktm-uji', unitPath: units.kec.path })).toMatchObject({ respondents: 2 });
    expect(await satisfactionScore(t.ctx, { source: 'layanan', subject: 'nobody-rated' })).toBeNull();

    const y = new Client(t.app);
    await signInAs(t, y, { kind: 'staff', grants: [{ role: 'officer', unitCode: units.kelY.code }] });
    const page = await y.get('/petugas/ikm');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('sktm-uji');
    expect(html).toContain('50,00');
    expect(html).not.toContain('skck-uji'); // rated in kelurahan X only
    const citizen = new Client(t.app);
    await signInAs(t, citizen, { kind: 'citizen' });
    expect((await citizen.get('/petugas/ikm')).status).not.toBe(200);

    // figures per unit subtree and period: kelurahan Y had one respondent (all 2 → 50), none next year
    const now = new Date();
    const period = { from: new Date(now.getTime() - 86_400_000), to: new Date(now.getTime() + 86_400_000) };
    expect((await computeStat(t.ctx, 'satisfaction.respondents', { ...period, unitId: units.kelY.id })).value).toBe(1);
    expect((await computeStat(t.ctx, 'satisfaction.ikm', { ...period, unitId: units.kelY.id })).value).toBe(50);
    expect((await computeStat(t.ctx, 'satisfaction.respondents', { from: new Date(now.getTime() + 86_400_000), to: new Date(now.getTime() + 2 * 86_400_000), unitId: units.kelY.id })).value).toBe(0);

    const rows = await satisfactionModule.exports!['satisfaction.per_service'].rows(t.ctx);
    expect(rows.find((r) => r.subject === 'sktm-uji')).toMatchObject({ ikm: 75, respondents: 2, u1: 3 });
    expect(JSON.stringify(rows)).not.toContain('Petugas ramah');
  });

  it('exports a citizen\'s answers and on erase keeps the scores without the comment or the link', async () => {
    const c = new Client(t.app);
    const userId = await signInAs(t, c, { kind: 'citizen' });
    const inv = await decide({ userId, serviceSlug: 'erase-uji' });
    await c.get(`/penilaian/${inv.id}`);
    await c.post(`/penilaian/${inv.id}`, { ...answers('3'), comment: 'Komentar pribadi' });
    const pd = satisfactionModule.personalData!;
    const exported = await pd.export(t.ctx.db, userId);
    expect(JSON.stringify(exported)).toContain('Komentar pribadi');
    await t.ctx.db.transaction().execute((tx) => pd.erase(tx, userId));
    expect(JSON.stringify(await pd.export(t.ctx.db, userId))).not.toContain('erase-uji');
    const r = await t.ctx.db.selectFrom('satisfaction_responses').selectAll().where('invitation_id', '=', inv.id).executeTakeFirstOrThrow();
    expect(r.comment).toBeNull();
    expect(r.u1).toBe(3);
    expect(await satisfactionScore(t.ctx, { source: 'layanan', subject: 'erase-uji' })).toMatchObject({ ikm: 75, respondents: 1 });
  });

  it('records a walk-in application without an account, and sends nothing', async () => {
    const before = (await t.ctx.db.selectFrom('messages').select('id').execute()).length;
    const inv = await decide({ userId: null });
    expect(inv.user_id).toBeNull();
    expect((await t.ctx.db.selectFrom('messages').select('id').execute()).length).toBe(before);
  });
});
