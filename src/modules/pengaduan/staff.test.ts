// The officer and operator side through its routes: scope (another kelurahan's officer neither sees
// nor acts: 404), every step with its form (422 with the values kept, double submit → one step),
// follow-up photos, validation by the supervising unit, response templates, operator filing by
// channel, escalation with the clock, and the signed gateway webhooks (bad signature 401, replay → one).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../platform/jobs/worker.ts';
import { Client, createTestApp, unitsForTest, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import { png } from '../../platform/files/test-fixtures.ts';
import { computeStat } from '../../platform/figures.ts';
import { createComplaint } from './service.ts';
import { escalateDue } from './escalation.ts';
import { sign } from './inbound.ts';
import * as repo from './repo.ts';

const SECRET = 'inbound-test-secret-0123456789abcdef-xyz';
let t: TestApp;
let u: Awaited<ReturnType<typeof unitsForTest>>;
let officerX: Client, officerY: Client, supervisor: Client, operator: Client;

async function as(role: string, unitCode: string): Promise<Client> {
  const c = new Client(t.app);
  await signInAs(t, c, { kind: 'staff', grants: [{ role, unitCode }] });
  return c;
}
const file = (description: string, extra: Partial<Parameters<typeof createComplaint>[1]> = {}) =>
  createComplaint(t.ctx, { categoryCode: 'pelayanan-publik', description, channel: 'web', kelurahanId: u.kelX.id, ...extra });
const keyOf = (html: string) => /name="key" value="([^"]+)"/.exec(html)![1];

// a local SP4N-LAPOR! bridge: answers 503 first, then a tracking id
const received: { auth?: string; key?: string; body: Record<string, unknown> }[] = [];
let failNext = 1;
const bridge = http.createServer((req, res) => {
  let data = '';
  req.on('data', (d: Buffer) => { data += d.toString(); });
  req.on('end', () => {
    if (failNext-- > 0) { res.writeHead(503).end(); return; }
    received.push({ auth: req.headers.authorization, key: req.headers['idempotency-key'] as string, body: JSON.parse(data) as Record<string, unknown> });
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ tracking_id: `LPR-${received.length}` }));
  });
});

beforeAll(async () => {
  await new Promise<void>((ok) => bridge.listen(0, '127.0.0.1', ok));
  const port = (bridge.address() as AddressInfo).port;
  t = await createTestApp({ env: { PENGADUAN_INBOUND_SECRET: SECRET, PENGADUAN_LAPOR_URL: `http://127.0.0.1:${port}/lapor`, PENGADUAN_LAPOR_TOKEN: 'tok-123' } });
  u = await unitsForTest(t);
  officerX = await as('officer', u.kelX.code);
  officerY = await as('officer', u.kelY.code);
  supervisor = await as('unit_admin', u.kec.code);
  operator = await as('pengaduan_operator', u.kec.code);
});
afterAll(async () => { await t.close(); bridge.close(); });

describe('pengaduan officer pages', () => {
  it('another kelurahan cannot see or act (404); the queue shows only the unit’s subtree', async () => {
    const f = await file('Loket kelurahan tutup di jam kerja', { anonim: true, contactPhone: '+6281234567890', reporterName: 'Budi Rahasia' });
    let res = await officerX.get('/petugas/pengaduan');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(f.publicId);
    res = await officerY.get('/petugas/pengaduan');
    expect(await res.text()).not.toContain(f.publicId);
    expect((await officerY.get(`/petugas/pengaduan/${f.id}`)).status).toBe(404);
    res = await officerY.post(`/petugas/pengaduan/${f.id}/verifikasi`, { key: 'k'.repeat(20) });
    expect(res.status).toBe(404);
    expect((await repo.complaintById(t.ctx.db, f.id))!.state).toBe('received');
    // the handling unit does not see an anonim reporter
    res = await officerX.get(`/petugas/pengaduan/${f.id}`);
    const html = await res.text();
    expect(html).not.toContain('Budi Rahasia');
    expect(html).not.toContain('81234567890');
    // a citizen or anonymous visitor: no way in
    expect((await new Client(t.app).get('/petugas/pengaduan')).status).toBeGreaterThanOrEqual(300);
  });

  it('verify (double submit = one step), start, follow-up with a photo, rejected back, then accepted by the supervisor', async () => {
    const f = await file('Petugas loket meminta biaya tambahan');
    let res = await officerX.get(`/petugas/pengaduan/${f.id}?templat=done`);
    let html = await res.text();
    // the category's response template prefills the text
    const cat = (await repo.categories(t.ctx.db)).find((c) => c.code === 'pelayanan-publik')!;
    if (cat.templates.length) {
      const r2 = await officerX.get(`/petugas/pengaduan/${f.id}?templat=${cat.templates[0].key}`);
      html = await r2.text();
      expect(html).toContain(cat.templates[0].text.id.slice(0, 30));
    }
    const key = keyOf(html);
    res = await officerX.post(`/petugas/pengaduan/${f.id}/verifikasi`, { key, verify_note: 'Benar, kami periksa' });
    expect(res.status).toBe(303);
    await officerX.get(`/petugas/pengaduan/${f.id}`);
    res = await officerX.post(`/petugas/pengaduan/${f.id}/verifikasi`, { key, verify_note: 'Benar, kami periksa' });
    expect(res.status).toBe(303);
    const verified = (await repo.updatesOf(t.ctx.db, f.id, { publicOnly: false })).filter((x) => x.kind === 'verified');
    expect(verified).toHaveLength(1);

    html = await (await officerX.get(`/petugas/pengaduan/${f.id}`)).text();
    res = await officerX.post(`/petugas/pengaduan/${f.id}/proses`, { key: keyOf(html) });
    expect(res.status).toBe(303);
    // follow-up: the text is required (422, values kept), then with a photo
    html = await (await officerX.get(`/petugas/pengaduan/${f.id}`)).text();
    const form = new FormData();
    form.append('_csrf', officerX.csrf());
    form.append('key', keyOf(html));
    form.append('follow_up_note', '');
    res = await officerX.request(`/petugas/pengaduan/${f.id}/tindak-lanjut`, { method: 'POST', body: form });
    expect(res.status).toBe(422);
    const form2 = new FormData();
    form2.append('_csrf', officerX.csrf());
    form2.append('key', keyOf(html));
    form2.append('follow_up_note', 'Petugas sudah ditegur, biaya dikembalikan');
    form2.append('photos', new Blob([new Uint8Array(await png())], { type: 'image/png' }), 'bukti.png');
    res = await officerX.request(`/petugas/pengaduan/${f.id}/tindak-lanjut`, { method: 'POST', body: form2 });
    expect(res.status).toBe(303);
    let c = (await repo.complaintById(t.ctx.db, f.id))!;
    expect(c.state).toBe('follow_up_reported');
    const fu = (await repo.updatesOf(t.ctx.db, f.id, { publicOnly: false })).find((x) => x.kind === 'follow_up_reported')!;
    expect(fu.photos).toHaveLength(1);
    // the officer of the other kelurahan cannot see the photo; the handling officer can
    expect((await officerY.get(`/petugas/pengaduan/${f.id}/foto/${fu.photos[0]}`)).status).toBe(404);
    expect((await officerX.get(`/petugas/pengaduan/${f.id}/foto/${fu.photos[0]}?ukuran=kecil`)).status).toBe(200);

    // the kecamatan validates: it is in its queue as awaiting validation
    html = await (await supervisor.get('/petugas/pengaduan')).text();
    expect(html).toContain(f.publicId);
    html = await (await supervisor.get(`/petugas/pengaduan/${f.id}`)).text();
    expect(html).toContain('/kembalikan');
    res = await supervisor.post(`/petugas/pengaduan/${f.id}/kembalikan`, { key: keyOf(html), return_note: '' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Tuliskan tanggapan atau alasannya.');
    res = await supervisor.post(`/petugas/pengaduan/${f.id}/kembalikan`, { key: keyOf(html), return_note: 'Foto tidak menunjukkan pengembalian biaya' });
    expect(res.status).toBe(303);
    expect((await repo.complaintById(t.ctx.db, f.id))!.state).toBe('in_progress');
    // the kelurahan officer cannot validate its own work
    html = await (await officerX.get(`/petugas/pengaduan/${f.id}`)).text();
    expect(html).not.toContain('/terima');
    const form3 = new FormData();
    form3.append('_csrf', officerX.csrf());
    form3.append('key', keyOf(html));
    form3.append('follow_up_note', 'Kuitansi pengembalian terlampir');
    expect((await officerX.request(`/petugas/pengaduan/${f.id}/tindak-lanjut`, { method: 'POST', body: form3 })).status).toBe(303);
    html = await (await supervisor.get(`/petugas/pengaduan/${f.id}`)).text();
    res = await supervisor.post(`/petugas/pengaduan/${f.id}/terima`, { key: keyOf(html) });
    expect(res.status).toBe(303);
    c = (await repo.complaintById(t.ctx.db, f.id))!;
    expect(c.state).toBe('resolved');
    const audits = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'pengaduan_complaint').where('subject_id', '=', String(f.id)).orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual([
      'pengaduan.complaint.create', 'pengaduan.complaint.verify', 'pengaduan.complaint.start', 'pengaduan.complaint.report_follow_up',
      'pengaduan.complaint.reject_follow_up', 'pengaduan.complaint.report_follow_up', 'pengaduan.complaint.accept_follow_up',
    ]);
  });

  it('rejects as a duplicate only with a real other number (422 keeps the text); re-routing hands it over', async () => {
    const a = await file('Antrean KTP panjang sekali');
    const b = await file('Antrean KTP panjang sekali lagi');
    let html = await (await officerX.get(`/petugas/pengaduan/${b.id}`)).text();
    let res = await officerX.post(`/petugas/pengaduan/${b.id}/tolak`, { key: keyOf(html), reason: 'duplicate', duplicate_of: 'PGD-2222-2222', reject_note: 'Sama dengan laporan sebelumnya' });
    expect(res.status).toBe(422);
    html = await res.text();
    expect(html).toContain('Sama dengan laporan sebelumnya');
    res = await officerX.post(`/petugas/pengaduan/${b.id}/tolak`, { key: keyOf(html), reason: 'duplicate', duplicate_of: a.publicId.toLowerCase(), reject_note: 'Sama' });
    expect(res.status).toBe(303);
    const rb = (await repo.complaintById(t.ctx.db, b.id))!;
    expect([rb.state, rb.duplicateOf]).toEqual(['rejected', a.id]);

    html = await (await officerX.get(`/petugas/pengaduan/${a.id}`)).text();
    const pupr = (await repo.unitByCode(t.ctx.db, '16.71.opd.pupr'))!;
    res = await officerX.post(`/petugas/pengaduan/${a.id}/alihkan`, { key: keyOf(html), unit: String(pupr.id), disposition_note: '' });
    expect(res.status).toBe(422);
    res = await officerX.post(`/petugas/pengaduan/${a.id}/alihkan`, { key: keyOf(html), unit: String(pupr.id), disposition_note: 'Urusan dinas' });
    expect(res.status).toBe(303);
    // out of the kelurahan's sight now: back to the queue
    expect(res.headers.get('location')).toBe('/petugas/pengaduan');
    expect((await repo.complaintById(t.ctx.db, a.id))!.routedUnit.code).toBe('16.71.opd.pupr');
    expect((await officerX.get(`/petugas/pengaduan/${a.id}`)).status).toBe(404);
  });

  it('an operator files for a caller: 422 with values kept, double submit → one complaint, counted by channel', async () => {
    let res = await operator.get('/petugas/pengaduan/baru');
    expect(res.status).toBe(200);
    let html = await res.text();
    const key = keyOf(html);
    res = await operator.post('/petugas/pengaduan/baru', { key, channel: 'call_center', category: 'pelayanan-publik', kelurahan: String(u.kelX.id), description: '', phone: '0812 3456 7890' });
    expect(res.status).toBe(422);
    html = await res.text();
    expect(html).toContain('0812 3456 7890');
    const form = { key, channel: 'call_center', category: 'pelayanan-publik', kelurahan: String(u.kelX.id), description: 'Penelepon: surat pindah belum jadi', name: 'Ibu Sari', phone: '0812 3456 7890' };
    res = await operator.post('/petugas/pengaduan/baru', form);
    expect(res.status).toBe(303);
    const loc = res.headers.get('location')!;
    const publicId = new URL(loc, 'http://x').searchParams.get('nomor')!;
    await operator.get(loc);
    res = await operator.post('/petugas/pengaduan/baru', form);
    expect(res.headers.get('location')).toBe(loc);
    const rows = await t.ctx.db.selectFrom('pengaduan_complaints').select(['id', 'channel', 'contact_phone', 'filed_by']).where('public_id', '=', publicId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'call_center', contact_phone: '+6281234567890' });
    expect(rows[0].filed_by).not.toBeNull();
    // the same queue: the kelurahan officer sees it
    expect(await (await officerX.get('/petugas/pengaduan')).text()).toContain(publicId);
    // the operator cannot handle it
    expect((await operator.get(`/petugas/pengaduan/${rows[0].id}`)).status).toBe(403);
    const now = t.ctx.clock.now();
    const stat = await computeStat(t.ctx, 'pengaduan.received_per_channel', { from: new Date(now.getTime() - 86400_000), to: new Date(now.getTime() + 86400_000) });
    expect(stat.value).toContainEqual({ label: 'call_center', value: 1 });
  });
});

describe('pengaduan escalation', () => {
  it('tells the unit head once when the verify deadline passes, then the platform admins once', async () => {
    const lurah = await signInAs(t, new Client(t.app), { kind: 'staff', grants: [{ role: 'approver', unitCode: u.kelX.code }] });
    const admin = await signInAs(t, new Client(t.app), { kind: 'staff', grants: [{ role: 'platform_admin', unitCode: '16.71' }] });
    const email = async (id: number) => (await t.ctx.db.selectFrom('users').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email!;
    let publicId = '';
    const sent = async (to: string, template: string) => (await t.ctx.db.selectFrom('messages').select('id').where('recipient', '=', to)
      .where('template', '=', template).where('body', 'like', `%${publicId}%`).execute()).length;
    const start = new Date('2026-12-07T02:00:00Z'); // a Monday
    t.ctx.clock.set(start);
    try {
      const f = await file('Pelayanan lambat, escalation test');
      publicId = f.publicId;
      expect(await escalateDue(t.ctx)).toBe(0);
      t.ctx.clock.set(new Date(start.getTime() + 5 * 86400_000)); // Saturday: past 3 working days
      await escalateDue(t.ctx);
      expect(await sent(await email(lurah), 'pengaduan.escalation_head')).toBe(1);
      expect(await sent(await email(admin), 'pengaduan.escalation_admin')).toBe(0);
      await escalateDue(t.ctx);
      expect(await sent(await email(lurah), 'pengaduan.escalation_head')).toBe(1);
      t.ctx.clock.set(new Date(start.getTime() + 14 * 86400_000));
      await escalateDue(t.ctx);
      await escalateDue(t.ctx);
      expect(await sent(await email(admin), 'pengaduan.escalation_admin')).toBe(1);
      expect(await sent(await email(lurah), 'pengaduan.escalation_head')).toBe(1);
      expect((await repo.complaintById(t.ctx.db, f.id))!.escalationLevel).toBe(2);
      const body = (await t.ctx.db.selectFrom('messages').select('body').where('recipient', '=', await email(admin)).where('body', 'like', `%${publicId}%`).executeTakeFirstOrThrow()).body;
      expect(body).toContain(`/petugas/pengaduan/${f.id}`);
    } finally {
      t.ctx.clock.set(undefined);
    }
  });
});

describe('pengaduan gateway webhooks', () => {
  const post = (path: string, body: string, signature?: string) =>
    t.app.request(path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...(signature ? { 'x-gapura-signature': signature } : {}) } });

  it('refuses a bad signature (401), files once per message id, by SMS/WhatsApp and by email', async () => {
    const msg = JSON.stringify({ id: 'wamid.ABC123', channel: 'whatsapp', from: '0812-9999-0000', text: 'Lampu jalan mati di depan rumah' });
    let res = await post('/gateway/pengaduan/pesan', msg, sign('another-secret-of-enough-length-000000', msg));
    expect(res.status).toBe(401);
    res = await post('/gateway/pengaduan/pesan', msg);
    expect(res.status).toBe(401);
    res = await post('/gateway/pengaduan/pesan', msg, sign(SECRET, msg));
    expect(res.status).toBe(201);
    const first = (await res.json()) as { tracking_id: string };
    res = await post('/gateway/pengaduan/pesan', msg, sign(SECRET, msg));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { tracking_id: string }).tracking_id).toBe(first.tracking_id);
    const rows = await t.ctx.db.selectFrom('pengaduan_complaints').select(['channel', 'contact_phone']).where('public_id', '=', first.tracking_id).execute();
    expect(rows).toEqual([{ channel: 'whatsapp', contact_phone: '+6281299990000' }]);

    const mail = JSON.stringify({ id: '<abc@mail.example>', from: 'warga@example.id', subject: 'Sampah', text: 'Sampah tidak diangkut seminggu' });
    res = await post('/gateway/pengaduan/email', mail, sign(SECRET, mail));
    expect(res.status).toBe(201);
    const bad = JSON.stringify({ id: 'x', from: 'not-an-address', text: 'x' });
    expect((await post('/gateway/pengaduan/email', bad, sign(SECRET, bad))).status).toBe(422);
  });
});

describe('pengaduan SP4N-LAPOR! forwarding', () => {
  it('the officer queues it once; the job retries after a failure and stores the LAPOR! id; anonim stays anonim', async () => {
    const f = await file('Pungutan di loket kelurahan', { anonim: true, reporterName: 'Nama Tersembunyi', contactPhone: '+6281200001111' });
    let html = await (await officerX.get(`/petugas/pengaduan/${f.id}`)).text();
    expect(html).toContain('/lapor"');
    // another kelurahan cannot
    await officerY.get('/petugas/pengaduan');
    expect((await officerY.post(`/petugas/pengaduan/${f.id}/lapor`, { key: keyOf(html) })).status).toBe(404);
    const key = keyOf(html);
    expect((await officerX.post(`/petugas/pengaduan/${f.id}/lapor`, { key })).status).toBe(303);
    html = await (await officerX.get(`/petugas/pengaduan/${f.id}`)).text();
    expect(html).not.toContain('/lapor"');
    await officerX.post(`/petugas/pengaduan/${f.id}/lapor`, { key });
    const jobs = () => t.ctx.db.selectFrom('jobs').select(['id', 'attempts', 'done_at']).where('name', '=', 'pengaduan.lapor_forward').execute();
    expect(await jobs()).toHaveLength(1);
    await runDueJobs(t.ctx);
    expect((await jobs())[0]).toMatchObject({ attempts: 1, done_at: null });
    // the backoff's wait, passed
    await t.ctx.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('name', '=', 'pengaduan.lapor_forward').execute();
    await runDueJobs(t.ctx);
    expect((await jobs())[0].done_at).not.toBeNull();
    expect((await repo.complaintById(t.ctx.db, f.id))!.externalRef).toBe('LAPOR:LPR-1');
    expect(received[0]).toMatchObject({ auth: 'Bearer tok-123', key: f.publicId, body: { reference: f.publicId, anonim: true, reporter: null } });
    expect(JSON.stringify(received[0].body)).not.toContain('Tersembunyi');
    expect(await (await officerX.get(`/petugas/pengaduan/${f.id}`)).text()).toContain('LAPOR:LPR-1');
  });
});
