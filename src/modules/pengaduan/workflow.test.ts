// The state machine: the whole path received → … → closed and reopened, illegal transitions refused,
// another unit can neither see nor act, validation by the supervising unit only (accept or
// "tindak lanjut ditolak"), every officer step audited, auto-close after 10 working days over a holiday.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';
import type { Actor } from '../../platform/access/can.ts';
import { systemActor } from '../../platform/audit/audit.ts';
import { createComplaint } from './service.ts';
import { isOverdue, stepsFrom, takeStep, type Step } from './workflow.ts';
import { autoCloseDue } from './jobs.ts';
import * as repo from './repo.ts';
import { median, unitFigures } from './stats.ts';

let t: TestApp;
const unit = async (code: string) => (await repo.unitByCode(t.ctx.db, code))!;
async function staff(role: string, code: string): Promise<Actor> {
  const u = await unit(code);
  const row = await t.ctx.db.insertInto('users').values({ kind: 'staff', name: `${role}@${code}` }).returning('id').executeTakeFirstOrThrow();
  return { kind: 'staff', userId: row.id, name: `${role}@${code}`, grants: [{ role, unitId: u.id, unitPath: u.path }] };
}
const by = (actor: Actor) => ({ actor, audit: { id: actor.kind === 'anonymous' ? null : actor.userId, label: 'test' } });
const step = (id: number, s: Step, actor: Actor) => takeStep(t.ctx, id, s, by(actor));

let pupr: Actor, dlh: Actor, supervisor: Actor;
beforeAll(async () => {
  t = await createTestApp();
  pupr = await staff('officer', '16.71.opd.pupr');
  dlh = await staff('officer', '16.71.opd.dlh');
  supervisor = await staff('approver', '16.71.opd.bagian-organisasi');
});
afterAll(async () => { await t.close(); });

describe('pengaduan workflow', () => {
  it('walks the whole path, the reporter reopens, and every officer step is audited', async () => {
    const reporter = (await t.ctx.db.insertInto('users').values({ kind: 'citizen', name: 'Warga' }).returning('id').executeTakeFirstOrThrow()).id;
    const citizen: Actor = { kind: 'citizen', userId: reporter, name: 'Warga', verified: true };
    const f = await createComplaint(t.ctx, { categoryCode: 'jalan-rusak', description: 'Lubang di Jl. Merdeka', channel: 'web', reporterUserId: reporter });
    expect(stepsFrom('received', 'handler')).toEqual(['verify', 'reject', 'disposition']);
    // another unit: as if it did not exist
    await expect(step(f.id, { kind: 'verify' }, dlh)).rejects.toMatchObject({ code: 'not_found' });
    // the handler cannot validate its own work, the supervisor cannot handle
    await expect(step(f.id, { kind: 'verify' }, supervisor)).rejects.toMatchObject({ code: 'not_found' });
    // illegal from received
    await expect(step(f.id, { kind: 'report_follow_up', note: 'x' }, pupr)).rejects.toMatchObject({ code: 'pengaduan.illegal_transition' });
    let c = await step(f.id, { kind: 'verify', note: 'Benar, lokasi ditemukan' }, pupr);
    expect(c.state).toBe('verified');
    expect(c.firstResponseAt).not.toBeNull();
    expect(c.followUpDueAt).not.toBeNull();
    c = await step(f.id, { kind: 'start' }, pupr);
    c = await step(f.id, { kind: 'report_follow_up', note: 'Sudah ditambal' }, pupr);
    expect(c.state).toBe('follow_up_reported');
    await expect(step(f.id, { kind: 'accept_follow_up' }, pupr)).rejects.toMatchObject({ code: 'not_found' });
    c = await step(f.id, { kind: 'reject_follow_up', note: 'Foto tidak menunjukkan lokasi' }, supervisor);
    expect(c.state).toBe('in_progress');
    await step(f.id, { kind: 'report_follow_up', note: 'Ditambal, foto lokasi terlampir' }, pupr);
    c = await step(f.id, { kind: 'accept_follow_up' }, supervisor);
    expect(c.state).toBe('resolved');
    expect(c.autoCloseAt).not.toBeNull();
    // "belum selesai": only the reporter
    await expect(step(f.id, { kind: 'reopen' }, pupr)).rejects.toMatchObject({ code: 'not_found' });
    c = await step(f.id, { kind: 'reopen', note: 'Masih berlubang' }, citizen);
    expect(c.state).toBe('reopened');
    const pub = await repo.updatesOf(t.ctx.db, f.id, { publicOnly: true });
    // the rejected follow-up stays internal; the accepted one became public with the resolution
    expect(pub.map((u) => u.kind)).toEqual(['received', 'verified', 'in_progress', 'follow_up_reported', 'resolved', 'reopened']);
    expect(pub.find((u) => u.kind === 'follow_up_reported')?.body).toBe('Ditambal, foto lokasi terlampir');
    expect(pub.every((u) => u.unitName === null || !u.unitName.includes('@'))).toBe(true);
    const audits = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'pengaduan_complaint').where('subject_id', '=', String(f.id)).orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual([
      'pengaduan.complaint.create', 'pengaduan.complaint.verify', 'pengaduan.complaint.start', 'pengaduan.complaint.report_follow_up',
      'pengaduan.complaint.reject_follow_up', 'pengaduan.complaint.report_follow_up', 'pengaduan.complaint.accept_follow_up',
    ]);
  });

  it('rejects as duplicate only with the original named, and a rejected complaint takes no more steps', async () => {
    const a = await createComplaint(t.ctx, { categoryCode: 'jalan-rusak', description: 'Jalan rusak A', channel: 'web' });
    const b = await createComplaint(t.ctx, { categoryCode: 'jalan-rusak', description: 'Jalan rusak A lagi', channel: 'web' });
    await expect(step(b.id, { kind: 'reject', reason: 'duplicate', note: 'Sama' }, pupr)).rejects.toMatchObject({ code: 'validation_failed' });
    const c = await step(b.id, { kind: 'reject', reason: 'duplicate', note: 'Sama', duplicateOf: a.id }, pupr);
    expect(c.state).toBe('rejected');
    expect(c.rejectionReason).toBe('duplicate');
    await expect(step(b.id, { kind: 'verify' }, pupr)).rejects.toMatchObject({ code: 'pengaduan.illegal_transition' });
  });

  it('disposition re-routes: the new unit handles it, the old one no longer can', async () => {
    const f = await createComplaint(t.ctx, { categoryCode: 'jalan-rusak', description: 'Sampah di jalan', channel: 'web' });
    const c = await step(f.id, { kind: 'disposition', toUnitId: (await unit('16.71.opd.dlh')).id, note: 'Ini urusan DLH' }, pupr);
    expect(c.routedUnit.code).toBe('16.71.opd.dlh');
    await expect(step(f.id, { kind: 'start' }, pupr)).rejects.toMatchObject({ code: 'not_found' });
    expect((await step(f.id, { kind: 'start' }, dlh)).state).toBe('in_progress');
  });

  it('closes automatically 10 working days after the resolution, counted over a holiday, not before', async () => {
    // resolved on Friday 2026-03-13 (WIB); Nyepi 2026-03-19 and cuti bersama around it are not working days
    const at = new Date('2026-03-13T03:00:00Z');
    t.ctx.clock.set(at);
    const f = await createComplaint(t.ctx, { categoryCode: 'jalan-rusak', description: 'Retak', channel: 'web' });
    await step(f.id, { kind: 'verify' }, pupr);
    await step(f.id, { kind: 'start' }, pupr);
    await step(f.id, { kind: 'report_follow_up', note: 'Diperbaiki' }, pupr);
    const c = await step(f.id, { kind: 'accept_follow_up' }, supervisor);
    const due = await t.ctx.calendar.addWorkingDays(at, 10);
    expect(c.autoCloseAt?.toISOString()).toBe(due.toISOString());
    // 14 calendar days = 10 weekdays, but the holiday makes it not yet due
    expect(await t.ctx.calendar.countWorkingDays(at, new Date(at.getTime() + 14 * 86400_000))).toBeLessThan(10);
    t.ctx.clock.set(new Date(at.getTime() + 14 * 86400_000));
    await autoCloseDue(t.ctx);
    expect((await repo.complaintById(t.ctx.db, f.id))!.state).toBe('resolved');
    t.ctx.clock.set(new Date(due.getTime() + 1000));
    expect(await autoCloseDue(t.ctx)).toBeGreaterThanOrEqual(1);
    expect((await repo.complaintById(t.ctx.db, f.id))!.state).toBe('closed');
    // the system step cannot be taken by a person
    await expect(takeStep(t.ctx, f.id, { kind: 'auto_close' }, { actor: pupr, audit: systemActor() })).rejects.toMatchObject({ code: 'forbidden' });
    t.ctx.clock.set(undefined);
  });

  it('is overdue past the verify deadline while received', () => {
    const now = new Date('2026-03-20T00:00:00Z');
    expect(isOverdue({ state: 'received', verifyDueAt: new Date('2026-03-19T00:00:00Z'), followUpDueAt: null }, now)).toBe(true);
    expect(isOverdue({ state: 'verified', verifyDueAt: new Date('2026-03-19T00:00:00Z'), followUpDueAt: new Date('2026-03-21T00:00:00Z') }, now)).toBe(false);
    expect(isOverdue({ state: 'resolved', verifyDueAt: new Date('2026-03-19T00:00:00Z'), followUpDueAt: null }, now)).toBe(false);
  });

  it('per-unit figures carry their counts: received, answered on time, medians', async () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const figs = await unitFigures(t.ctx, { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2028-01-01T00:00:00Z') });
    const p = figs.find((f) => f.unitName.includes('PUPR'))!;
    // the whole path, duplicate a (never answered, still inside its deadline: not counted for on time), b (rejected),
    // the auto-closed one; the dispositioned one now DLH's
    expect([p.received, p.answered, p.answeredOnTime, p.dueCount, p.onTimePct, p.resolutionCount]).toEqual([4, 3, 3, 3, 100, 1]);
    expect(p.firstResponseCount).toBe(3);
    expect(figs.find((f) => f.unitName.includes('Lingkungan'))?.received).toBe(1);
    // a report still inside its deadline counts neither as late nor as on time
    const fresh = await createComplaint(t.ctx, { categoryCode: 'jalan-rusak', description: 'Lubang baru', channel: 'web' });
    const after = (await unitFigures(t.ctx, { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2028-01-01T00:00:00Z') })).find((f) => f.unitId === fresh.routedUnit.id)!;
    const before = figs.find((f) => f.unitId === fresh.routedUnit.id);
    expect(after.received).toBe((before?.received ?? 0) + 1);
    expect(after.dueCount).toBe(before?.dueCount ?? 0);
    expect(after.onTimePct).toBe(before?.onTimePct ?? null);
  });
});
