import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';
import { translator } from '../../platform/i18n/index.ts';
import {
  atasanDeadline,
  dateRuns,
  disputeDeadline,
  explainDeadline,
  extensionAllowed,
  isOverdue,
  noticeDeadline,
  objectionDeadline,
  type RequestTimes,
} from './clock.ts';
import { locales } from './locales.ts';
import { addDictionary } from '../../platform/i18n/index.ts';

// The region's real calendar (region-packs/_indonesia/holidays.json, seeded into `holidays`):
// 24 December 2026 cuti bersama Natal, 25 December Natal, 1 January 2027, 5 January 2027 Isra Mikraj.
addDictionary(locales);
const wib = (s: string) => new Date(`${s}+07:00`);
const endWib = (date: string) => new Date(`${date}T23:59:59.999+07:00`);
const idT = translator('id');
const enT = translator('en');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const times = (over: Partial<RequestTimes> = {}): RequestTimes => ({ receivedAt: wib('2026-12-14T10:00:00'), registeredAt: wib('2026-12-14T10:00:00'), ...over });

describe('written notice: 10 working days', () => {
  it('counts across Christmas and its cuti bersama, and says so', async () => {
    const cal = t.ctx.calendar;
    expect((await cal.holidaysInYear(2026)).map((h) => h.date)).toContain('2026-12-24');
    const d = await noticeDeadline(cal, times(), 'receipt');
    // 15 16 17 18 | 21 22 23 (24 cuti, 25 Natal) | 28 29 30
    expect(d.due).toEqual(endWib('2026-12-30'));
    expect(d.skipped.map((h) => h.date)).toEqual(['2026-12-24', '2026-12-25']);
    expect(explainDeadline(idT, 'id', d)).toBe('10 hari kerja sejak permohonan diterima 14 Desember 2026, tidak termasuk 24–25 Desember');
    expect(explainDeadline(enT, 'en', d)).toBe('10 working days from receipt of the request on 14 December 2026, not counting 24–25 December');
    expect(await cal.countWorkingDays(d.from, d.due)).toBe(10);
  });

  it('lists no holidays when none falls in the span (weekends are not listed)', async () => {
    const d = await noticeDeadline(t.ctx.calendar, times({ receivedAt: wib('2026-12-02T09:00:00') }), 'receipt');
    expect(d.due).toEqual(endWib('2026-12-16'));
    expect(d.skipped).toEqual([]);
    expect(explainDeadline(idT, 'id', d)).toBe('10 hari kerja sejak permohonan diterima 2 Desember 2026');
  });

  it('starts from receipt or registration, as PPID_CLOCK_START says', async () => {
    // a letter received on Friday evening, registered on Monday
    const r = times({ receivedAt: wib('2026-12-11T20:00:00'), registeredAt: wib('2026-12-14T08:00:00') });
    expect((await noticeDeadline(t.ctx.calendar, r, 'receipt')).due).toEqual(endWib('2026-12-29'));
    const reg = await noticeDeadline(t.ctx.calendar, r, 'registration');
    expect(reg.due).toEqual(endWib('2026-12-30'));
    expect(explainDeadline(idT, 'id', reg)).toMatch(/^10 hari kerja sejak permohonan dicatat 14 Desember 2026/);
  });
});

describe('extension: one, of 7, only before the 10 run out', () => {
  it('moves the notice deadline to 17 working days, over New Year and Isra Mikraj', async () => {
    const d = await noticeDeadline(t.ctx.calendar, times({ extendedAt: wib('2026-12-21T09:00:00') }), 'receipt');
    // 30 Dec is day 10; 31 | (1 Jan) | 4 | (5 Jan) | 6 7 8 | 11 12
    expect(d.due).toEqual(endWib('2027-01-12'));
    expect(d.basis).toBe('extended');
    expect(explainDeadline(idT, 'id', d)).toBe(
      '17 hari kerja (10 ditambah perpanjangan 7) sejak 14 Desember 2026, tidak termasuk 24–25 Desember, 1 Januari 2027, dan 5 Januari 2027',
    );
  });

  it('is allowed up to the last minute of day 10 and refused after it', async () => {
    const cal = t.ctx.calendar;
    expect(await extensionAllowed(cal, times(), 'receipt', wib('2026-12-30T23:59:00'))).toEqual({ ok: true });
    const late = await extensionAllowed(cal, times(), 'receipt', wib('2026-12-31T00:00:01'));
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.reason).toBe('too_late');
    const twice = await extensionAllowed(cal, times({ extendedAt: wib('2026-12-15T09:00:00') }), 'receipt', wib('2026-12-16T09:00:00'));
    expect(twice.ok ? 'ok' : twice.reason).toBe('already_extended');
    const answered = await extensionAllowed(cal, times({ answeredAt: wib('2026-12-15T09:00:00') }), 'receipt', wib('2026-12-16T09:00:00'));
    expect(answered.ok ? 'ok' : answered.reason).toBe('already_answered');
  });

  it('an extension recorded after day 10 does not move the deadline', async () => {
    const d = await noticeDeadline(t.ctx.calendar, times({ extendedAt: wib('2026-12-31T09:00:00') }), 'receipt');
    expect(d.due).toEqual(endWib('2026-12-30'));
    expect(d.basis).toBe('received');
  });
});

describe('objection, atasan PPID, Komisi Informasi', () => {
  it('objection window opens after the answer, or once the notice deadline lapsed unanswered', async () => {
    const cal = t.ctx.calendar;
    expect(await objectionDeadline(cal, times(), 'receipt', wib('2026-12-30T12:00:00'))).toBeUndefined();
    const lapsed = await objectionDeadline(cal, times(), 'receipt', wib('2026-12-31T08:00:00'));
    expect(lapsed?.basis).toBe('notice_lapsed');
    expect(lapsed && (await cal.countWorkingDays(endWib('2026-12-30'), lapsed.due))).toBe(30);
    expect(lapsed && explainDeadline(idT, 'id', lapsed)).toMatch(/^30 hari kerja sejak batas pemberitahuan tertulis 30 Desember 2026 lewat tanpa jawaban, tidak termasuk 1 Januari 2027/);
    const answered = await objectionDeadline(cal, times({ answeredAt: wib('2026-12-22T10:00:00') }), 'receipt', wib('2026-12-23T08:00:00'));
    expect(answered?.basis).toBe('answered');
    expect(answered && (await cal.countWorkingDays(wib('2026-12-22T10:00:00'), answered.due))).toBe(30);
  });

  it('atasan answers within 30; the dispute is due 14 after that answer or after its lapse', async () => {
    const cal = t.ctx.calendar;
    const objected = times({ answeredAt: wib('2026-12-22T10:00:00'), objectedAt: wib('2027-01-04T09:00:00') });
    const atasan = await atasanDeadline(cal, objected);
    expect(atasan && (await cal.countWorkingDays(objected.objectedAt ?? new Date(0), atasan.due))).toBe(30);
    expect(await disputeDeadline(cal, objected, wib('2027-01-10T09:00:00'))).toBeUndefined();
    const lapsed = atasan && (await disputeDeadline(cal, objected, new Date(atasan.due.getTime() + 1)));
    expect(lapsed?.basis).toBe('atasan_lapsed');
    const answered = await disputeDeadline(cal, { ...objected, objectionAnsweredAt: wib('2027-01-20T09:00:00') }, wib('2027-01-21T09:00:00'));
    // 21 22 | 25 … 29 | 1 2 3 4 (5 Feb cuti bersama Imlek) | 8 9 10
    expect(answered?.due).toEqual(endWib('2027-02-10'));
    expect(answered?.skipped.map((h) => h.date)).toEqual(['2027-02-05']);
    expect(answered?.basis).toBe('objection_answered');
  });

  it('overdue is computed from the due instant', async () => {
    const d = await noticeDeadline(t.ctx.calendar, times(), 'receipt');
    expect(isOverdue(d, wib('2026-12-30T23:00:00'))).toBe(false);
    expect(isOverdue(d, wib('2026-12-31T00:00:00'))).toBe(true);
    expect(isOverdue(d, wib('2027-02-01T00:00:00'), wib('2026-12-29T10:00:00'))).toBe(false);
    expect(isOverdue(d, wib('2027-02-01T00:00:00'), wib('2027-01-04T10:00:00'))).toBe(true);
  });
});

it('groups consecutive dates into runs', () => {
  expect(dateRuns(['2026-12-25', '2026-12-24', '2027-01-01', '2026-12-31'])).toEqual([
    ['2026-12-24', '2026-12-25'],
    ['2026-12-31', '2027-01-01'],
  ]);
});
