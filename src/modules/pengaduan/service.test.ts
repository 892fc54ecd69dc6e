// Filing and routing: the pack's categories and rules loaded, category × location → unit and
// supervisor, the triage flag, idempotent filing, location checks, deadlines in working days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.ts';
import { createComplaint } from './service.ts';
import * as repo from './repo.ts';
import { auditAppend, systemActor } from '../../platform/audit/audit.ts';

let t: TestApp;
const unitId = async (code: string) => Number((await t.ctx.db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id);

beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

describe('pengaduan filing', () => {
  it('loads the eight categories of the Palembang pack with their rules', async () => {
    const cats = await repo.categories(t.ctx.db);
    expect(cats.map((c) => c.code)).toEqual(['jalan-rusak', 'lampu-jalan', 'sampah', 'drainase-banjir', 'pkl-ketertiban', 'pelayanan-publik', 'pungutan-liar', 'lainnya']);
    expect(await repo.rulesFor(t.ctx.db, 'sampah')).toHaveLength(1);
  });

  it('routes by category default, by kelurahan of the location, and by an area rule', async () => {
    const kec = await unitId('16.71.02');
    const kel = Number((await t.ctx.db.selectFrom('units').select('id').where('parent_id', '=', kec).orderBy('code').executeTakeFirstOrThrow()).id);
    const road = await createComplaint(t.ctx, { categoryCode: 'jalan-rusak', description: 'Lubang besar', kecamatanId: kec, kelurahanId: kel, channel: 'web' });
    expect(road.routedUnit.code).toBe('16.71.opd.pupr');
    const row = (await repo.complaintById(t.ctx.db, road.id))!;
    expect(row.supervisorUnit.code).toBe('16.71.opd.bagian-organisasi');
    expect(row.state).toBe('received');
    expect(road.publicId).toMatch(/^PGD-[2-9A-Z]{4}-[2-9A-Z]{4}$/);

    const service = await createComplaint(t.ctx, { categoryCode: 'pelayanan-publik', description: 'Antrean lama', kelurahanId: kel, channel: 'web' });
    expect(service.routedUnit.id).toBe(kel);
    expect((await repo.complaintById(t.ctx.db, service.id))!.supervisorUnit.id).toBe(kec);
    expect((await repo.complaintById(t.ctx.db, service.id))!.kecamatan?.id).toBe(kec);

    // the pack's rule: waste in 16.71.01 goes to the kecamatan, checked by DLH
    const ruled = await createComplaint(t.ctx, { categoryCode: 'sampah', description: 'Sampah menumpuk', kecamatanId: await unitId('16.71.01'), channel: 'counter' });
    expect(ruled.routedUnit.code).toBe('16.71.01');
    expect((await repo.complaintById(t.ctx.db, ruled.id))!.supervisorUnit.code).toBe('16.71.opd.dlh');
  });

  it('triage by kelurahan first sends a new report to the kelurahan of its location', async () => {
    const s = await repo.regionSettings(t.ctx.db);
    await repo.saveRegionSettings(t.ctx.db, { ...s, triageByKelurahan: true });
    const kel = await unitId('16.71.01.1001');
    const f = await createComplaint(t.ctx, { categoryCode: 'jalan-rusak', description: 'Jalan amblas', kelurahanId: kel, channel: 'web' });
    expect(f.routedUnit.id).toBe(kel);
    await repo.saveRegionSettings(t.ctx.db, s);
  });

  it('one complaint for a repeated idempotency key, also when submitted concurrently', async () => {
    const input = { categoryCode: 'lampu-jalan', description: 'Lampu mati', channel: 'web' as const, idempotencyKey: 'k-123' };
    const [a, b] = await Promise.all([createComplaint(t.ctx, input), createComplaint(t.ctx, input)]);
    expect(a.publicId).toBe(b.publicId);
    const again = await createComplaint(t.ctx, input);
    expect(again.created).toBe(false);
    expect(again.id).toBe(a.id);
    const n = await t.ctx.db.selectFrom('pengaduan_complaints').select((e) => e.fn.countAll().as('n')).where('description', '=', 'Lampu mati').executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('writes the row, its claim, its first update, its event jobs and its audit entry together, or nothing', async () => {
    const f = await createComplaint(t.ctx, { categoryCode: 'sampah', description: 'Satu pernyataan', channel: 'web', idempotencyKey: 'k-one' });
    const updates = await t.ctx.db.selectFrom('pengaduan_updates').select(['kind', 'to_state', 'unit_id']).where('complaint_id', '=', f.id).execute();
    expect(updates).toEqual([{ kind: 'received', to_state: 'received', unit_id: f.routedUnit.id }]);
    expect((await repo.submissionFor(t.ctx.db, 'k-one'))?.id).toBe(f.id);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'unit_id']).where('subject_type', '=', 'pengaduan_complaint').where('subject_id', '=', String(f.id)).execute();
    expect(audit).toEqual([{ action: 'pengaduan.complaint.create', unit_id: f.routedUnit.id }]);

    // the statement itself, with a subscriber's job: a repeated key (no transaction) writes nothing at all
    const [id, id2] = await repo.reserveComplaintIds(t.ctx.db, 2);
    const now = new Date();
    const row = (i: number) => ({
      id: i, public_id: `PGD-TEST-${i}`, category_code: 'sampah', title: '', description: 'Dengan job', kecamatan_id: null, kelurahan_id: null, address: '', lat: null, lng: null,
      anonim: false, rahasia: false, reporter_user_id: null, reporter_name: null, contact_email: null, contact_phone: null, channel: 'web' as const, filed_by: null,
      state: 'received' as const, routed_unit_id: f.routedUnit.id, supervisor_unit_id: f.routedUnit.id, verify_due_at: null, external_ref: null, created_at: now, updated_at: now,
    });
    const extra = (i: number) => ({
      key: 'k-two', claim: 'strict' as const, photoFileIds: [], jobs: [{ name: 'on:test:pengaduan.complaint.created', payload: { id: i } }], maxAttempts: 3,
      audit: auditAppend(systemActor('test'), { action: 'test.insert', subjectType: 'pengaduan_complaint', subjectId: i }),
    });
    expect(await repo.insertFiled(t.ctx.db, row(id), extra(id))).toEqual({ claimed: true });
    await expect(repo.insertFiled(t.ctx.db, row(id2), extra(id2))).rejects.toThrow();
    const jobs = await t.ctx.db.selectFrom('jobs').select(['payload', 'max_attempts']).where('name', '=', 'on:test:pengaduan.complaint.created').execute();
    expect(jobs).toEqual([{ payload: { id }, max_attempts: 3 }]);
    expect(await t.ctx.db.selectFrom('pengaduan_complaints').select('id').where('description', '=', 'Dengan job').execute()).toEqual([{ id }]);
    expect(await t.ctx.db.selectFrom('audit_log').select('subject_id').where('action', '=', 'test.insert').execute()).toEqual([{ subject_id: String(id) }]);
  });

  it('refuses a kelurahan outside the kecamatan, an unknown category and an empty description', async () => {
    const other = await unitId('16.71.02');
    await expect(createComplaint(t.ctx, { categoryCode: 'sampah', description: 'x', kecamatanId: other, kelurahanId: await unitId('16.71.01.1001'), channel: 'web' }))
      .rejects.toMatchObject({ code: 'pengaduan.bad_location' });
    await expect(createComplaint(t.ctx, { categoryCode: 'nope', description: 'x', channel: 'web' })).rejects.toMatchObject({ code: 'pengaduan.unknown_category' });
    await expect(createComplaint(t.ctx, { categoryCode: 'sampah', description: '   ', channel: 'web' })).rejects.toMatchObject({ code: 'pengaduan.empty_description' });
  });

  it('the verification deadline is 3 working days, skipping a weekend and a holiday', async () => {
    // Friday 2026-03-13 10:00 WIB; 2026-03-19 is Nyepi (national holiday), 2026-03-18 … check the pack
    t.ctx.clock.set(new Date('2026-03-13T03:00:00Z'));
    const f = await createComplaint(t.ctx, { categoryCode: 'sampah', description: 'Tumpukan', channel: 'web' });
    const row = (await repo.complaintById(t.ctx.db, f.id))!;
    const expected = await t.ctx.calendar.addWorkingDays(new Date('2026-03-13T03:00:00Z'), 3);
    expect(row.verifyDueAt?.toISOString()).toBe(expected.toISOString());
    expect(row.createdAt.toISOString()).toBe('2026-03-13T03:00:00.000Z');
    t.ctx.clock.set(undefined);
  });
});
