// The application core on the real database: submit is idempotent (also under a concurrent double
// submit), the PIN opens /lacak's lookup and a wrong one does not tell which part was wrong, the
// workflow refuses steps out of order, a return stops the deadline clock, and a decision publishes
// the event the satisfaction module listens to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';
import { systemActor } from '../../platform/audit/audit.ts';
import { act, lookup, normalizeTracking, openAnswers, submitApplication, TRACKING, type NewApplication } from './applications.ts';
import { applicationById, stepsOf } from './applications-repo.ts';

let t: TestApp;
let kelurahanId: number;
beforeAll(async () => {
  t = await createTestApp();
  kelurahanId = (await t.ctx.db.selectFrom('units').select('id').where('kind', '=', 'kelurahan').orderBy('code').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const input = (over: Partial<NewApplication> = {}): NewApplication => ({
  serviceSlug: 'surat-keterangan-domisili', unitId: kelurahanId, userId: null, applicant: { name: 'Siti Aminah', nik: '1671014501900001' },
  answers: { alamat: 'Jl. Merdeka No. 1' }, channel: 'counter', filedBy: null, actor: systemActor('test'), ...over,
});
const officer = { actor: systemActor('officer'), actorId: null, actorRole: 'officer' };

describe('submit', () => {
  it('gives a tracking number and a PIN; the answers and NIK are stored sealed', async () => {
    const s = await submitApplication(t.ctx, input());
    expect(s.trackingNumber).toMatch(TRACKING);
    expect(s.pin).toMatch(/^\d{6}$/);
    const row = await t.ctx.db.selectFrom('layanan_applications').selectAll().where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('1671014501900001');
    expect(JSON.stringify(row)).not.toContain('Merdeka');
    expect(openAnswers(t.ctx.config.secret, row.answers_sealed)).toEqual({ alamat: 'Jl. Merdeka No. 1' });
  });

  it('one application for a double submit, also when both arrive at once', async () => {
    const key = `k-${Math.random()}`;
    const [a, b] = await Promise.all([submitApplication(t.ctx, input({ idempotencyKey: key })), submitApplication(t.ctx, input({ idempotencyKey: key }))]);
    expect(a.id).toBe(b.id);
    expect(a.pin).toBe(b.pin);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const n = await t.ctx.db.selectFrom('layanan_applications').select((eb) => eb.fn.countAll<number>().as('n')).where('submit_key', '=', key).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });
});

describe('lookup', () => {
  it('opens with number + PIN as people type them, and not with a wrong PIN', async () => {
    const s = await submitApplication(t.ctx, input());
    const typed = s.trackingNumber.toLowerCase().replace(/-/g, ' ');
    expect(normalizeTracking(typed)).toBe(s.trackingNumber);
    expect((await lookup(t.ctx, typed, `${s.pin.slice(0, 3)} ${s.pin.slice(3)}`))?.id).toBe(s.id);
    const wrong = String((Number(s.pin) + 1) % 1_000_000).padStart(6, '0');
    expect(await lookup(t.ctx, s.trackingNumber, wrong)).toBeUndefined();
    expect(await lookup(t.ctx, 'LYN-2222-2222', s.pin)).toBeUndefined();
    expect(await lookup(t.ctx, 'not a number\u0000', '12')).toBeUndefined();
  });
});

describe('workflow', () => {
  it('refuses a step out of order and a return without a reason', async () => {
    const s = await submitApplication(t.ctx, input());
    await expect(act(t.ctx, { applicationId: s.id, action: 'approve', ...officer })).rejects.toMatchObject({ code: 'layanan.bad_transition' });
    await expect(act(t.ctx, { applicationId: s.id, action: 'return', ...officer, reason: '  ' })).rejects.toMatchObject({ code: 'layanan.reason_required' });
  });

  it('a return stops the clock: the working days left are counted again from the resubmission', async () => {
    const start = new Date('2026-12-07T02:00:00Z'); // Monday 09:00 WIB
    t.ctx.clock.set(start);
    try {
      const s = await submitApplication(t.ctx, input());
      const due = (await applicationById(t.ctx.db, s.id))!.due_at;
      await act(t.ctx, { applicationId: s.id, action: 'return', ...officer, reason: 'Lampirkan pengantar RT' });
      t.ctx.clock.set(new Date(start.getTime() + 7 * 86_400_000)); // a week with the citizen
      await act(t.ctx, { applicationId: s.id, action: 'resubmit', actor: systemActor('citizen'), actorId: null, actorRole: null });
      const resumed = (await applicationById(t.ctx.db, s.id))!.due_at;
      expect(await t.ctx.calendar.countWorkingDays(start, due)).toBe(await t.ctx.calendar.countWorkingDays(t.ctx.clock.now(), resumed));
      expect(resumed.getTime()).toBeGreaterThan(due.getTime());
    } finally {
      t.ctx.clock.set(undefined);
    }
  });

  it('verify → approve → sign issues, records sign and issue, and publishes the decision once', async () => {
    const s = await submitApplication(t.ctx, input());
    await act(t.ctx, { applicationId: s.id, action: 'verify', ...officer });
    await act(t.ctx, { applicationId: s.id, action: 'approve', ...officer, actorRole: 'approver' });
    await expect(act(t.ctx, { applicationId: s.id, action: 'sign', ...officer, actorRole: 'approver' })).rejects.toThrow(/issue callback/);
    const done = await act(t.ctx, { applicationId: s.id, action: 'sign', ...officer, actorRole: 'approver', issue: () => Promise.resolve('doc-1') });
    expect(done.to).toBe('issued');
    expect(done.app.document_id).toBe('doc-1');
    expect((await stepsOf(t.ctx.db, s.id)).map((x) => x.to_state)).toEqual(['submitted', 'verified', 'approved', 'signed', 'issued']);
    const jobs = await t.ctx.db.selectFrom('jobs').select(['name', 'payload']).where('name', 'like', 'on:%:layanan.application.decided').execute();
    expect(jobs.filter((j) => JSON.stringify(j.payload).includes(s.trackingNumber))).toHaveLength(1);
  });
});
