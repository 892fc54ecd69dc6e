// The officer side through HTTP: a counter application for a walk-in citizen (one for a double
// submit), the queue and detail scoped to the officer's kelurahan (another kelurahan's officer gets
// 404 and an empty queue), each step with CSRF (return/reject need a reason, forward moves it to the
// kecamatan), two approvers signing at once give one document, which pdfsig calls valid, the citizen
// hears of every change, downloads the letter, claims a counter application only with their own NIK,
// and an overdue application escalates to the unit head once.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, unitsForTest, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import { createHash } from 'node:crypto';
import { hmac } from '../../platform/crypto.ts';
import { fileStore } from '../../platform/files/index.ts';
import { newFileId } from '../../platform/files/service.ts';
import { minimalPdf } from '../../platform/files/test-fixtures.ts';
import { attachToApplication } from './applications-repo.ts';
import { escalateOverdue } from './escalation.ts';
import { runDueJobs } from '../../platform/jobs/worker.ts';
import { documentNumberFormat, renderTemplate } from './issue.ts';

let t: TestApp;
let u: Awaited<ReturnType<typeof unitsForTest>>;
const NIK_A = '1671014501900001'; // citizen A, who has an account
const NIK_W = '1671015506850002'; // a walk-in without an account (yet)
const SLUG = 'surat-keterangan-domisili';

async function staff(role: string, unitCode: string, name?: string) {
  const c = new Client(t.app);
  await signInAs(t, c, { kind: 'staff', name, grants: [{ role, unitCode }] });
  return c;
}
async function citizen(nik: string) {
  const c = new Client(t.app);
  const id = await signInAs(t, c, { kind: 'citizen' });
  await t.ctx.db.updateTable('users').set({ nik_hash: hmac(t.ctx.config.secret, 'nik', nik) }).where('id', '=', id).execute();
  return { c, id };
}
const app = (id: number) => t.ctx.db.selectFrom('layanan_applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const answers = {
  pemohon_nama: 'Siti Aminah', f_tempat_lahir: 'Palembang', f_tanggal_lahir: '1990-01-05', f_jenis_kelamin: 'Perempuan',
  f_pekerjaan: 'Pedagang', f_alamat: 'Jl. Merdeka No. 1, RT 01/RW 02', f_lama_tinggal: '5 tahun', f_keperluan: 'Membuka rekening bank',
};

/** file at the counter as `c`; returns the application id and the receipt's tracking number and PIN */
async function fileAtCounter(c: Client, nik: string, idem = `idem-${Math.random().toString(36).slice(2, 12)}`) {
  await c.get(`/petugas/permohonan/baru/${SLUG}`);
  const res = await c.post(`/petugas/permohonan/baru/${SLUG}`, { ...answers, pemohon_nik: nik, unit: String(u.kelX.id), idem });
  expect(res.status).toBe(303);
  const loc = res.headers.get('location')!;
  const id = Number(/\/petugas\/permohonan\/(\d+)\/tanda-terima$/.exec(loc)![1]);
  const receipt = await (await c.get(loc)).text();
  const tracking = /LYN-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/.exec(receipt)![0];
  const pin = /(\d{3}) (\d{3})<\/strong>/.exec(receipt)!.slice(1).join('');
  return { id, tracking, pin, idem };
}
async function step(c: Client, id: number, aksi: string, extra: Record<string, string> = {}) {
  await c.get(`/petugas/permohonan/${id}`);
  const state = (await app(id)).state;
  return c.post(`/petugas/permohonan/${id}/langkah`, { aksi, status: state, ...extra });
}

function pdfsig(bytes: Uint8Array): string {
  const file = path.join(t.dataDir, `sig-${Math.random()}.pdf`);
  fs.writeFileSync(file, bytes);
  try { return execFileSync('/usr/bin/pdfsig', [file], { encoding: 'utf8' }); } catch (e) { return String((e as { stdout?: string }).stdout ?? ''); }
}

let officerX: Client; let officerY: Client; let approver1: Client; let approver2: Client;
let citizenA: { c: Client; id: number };
beforeAll(async () => {
  t = await createTestApp();
  u = await unitsForTest(t);
  officerX = await staff('officer', u.kelX.code);
  officerY = await staff('officer', u.kelY.code);
  approver1 = await staff('approver', u.kelX.code, 'Drs. Ahmad Fauzi');
  approver2 = await staff('approver', u.kelX.code);
  citizenA = await citizen(NIK_A);
});
afterAll(() => t.close());

describe('issue.ts', () => {
  it('maps the pack number format and renders the template as paragraphs and fields', () => {
    expect(documentNumberFormat('470/{seq}/{unit}/{month}/{year}')).toBe('470/{seq:4}/{unit}/{month:roman}/{year}');
    const blocks = renderTemplate('Lurah {unit} menerangkan bahwa:\n\nNama: {nama}\nNIK: {nik}\n\nUntuk keperluan: {keperluan}.', { nama: 'Siti', nik: NIK_A }, '35 Ilir');
    expect(blocks).toEqual([
      { paragraph: 'Lurah 35 Ilir menerangkan bahwa:' },
      { fields: [{ label: 'Nama', value: 'Siti' }, { label: 'NIK', value: NIK_A }] },
      { paragraph: 'Untuk keperluan: -.' },
    ]);
  });
});

describe('counter, queue and scope', () => {
  it('files at the counter: per-field errors and a bad NIK are 422, a double submit is one application linked to the NIK\'s account', async () => {
    await officerX.get(`/petugas/permohonan/baru/${SLUG}`);
    const bad = await officerX.post(`/petugas/permohonan/baru/${SLUG}`, { pemohon_nama: '', pemohon_nik: '1234', unit: String(u.kelX.id), idem: 'idem-bad-0001' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('id="f-pemohon_nik-err"');
    expect(html).toContain('id="f-f_alamat-err"');
    const first = await fileAtCounter(officerX, NIK_A, 'idem-double-01');
    const again = await fileAtCounter(officerX, NIK_A, 'idem-double-01');
    expect(again.id).toBe(first.id);
    expect(again.pin).toBe(first.pin);
    const row = await app(first.id);
    expect(row.channel).toBe('counter');
    expect(Number(row.user_id)).toBe(citizenA.id);
    expect(JSON.stringify(row)).not.toContain(NIK_A);
  });

  it('another kelurahan\'s officer sees nothing of it: absent from the queue, 404 on detail, steps and files', async () => {
    const { id, tracking } = await fileAtCounter(officerX, NIK_W);
    const mine = await (await officerX.get('/petugas/permohonan')).text();
    expect(mine).toContain(tracking);
    const theirs = await officerY.get('/petugas/permohonan');
    expect(theirs.status).toBe(200);
    expect(await theirs.text()).not.toContain(tracking);
    expect((await officerY.get(`/petugas/permohonan/${id}`)).status).toBe(404);
    expect((await officerY.get(`/petugas/permohonan/${id}/tanda-terima`)).status).toBe(404);
    await officerY.get('/petugas/permohonan');
    expect((await officerY.post(`/petugas/permohonan/${id}/langkah`, { aksi: 'verify', status: 'submitted' })).status).toBe(404);
    expect((await app(id)).state).toBe('submitted');
    // an attachment: to the officers in scope, of this application only
    const bytes = minimalPdf();
    const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const fid = newFileId();
    const key = `layanan/attachment/${fid}/original.pdf`;
    await fileStore(t.ctx.config).put(key, bytes, 'application/pdf');
    await t.ctx.db.insertInto('files').values({
      id: fid, module: 'layanan', kind: 'attachment', name: 'pengantar-rt.pdf', type: 'application/pdf', size: bytes.length, sha256: sha256(bytes),
      source_size: bytes.length, source_sha256: sha256(bytes), storage_key: key, variants: '{}', width: null, height: null, uploaded_by: null, unit_id: null,
    }).execute();
    await attachToApplication(t.ctx.db, id, 'pengantar_rt', fid);
    expect(await (await officerX.get(`/petugas/permohonan/${id}`)).text()).toContain(`/petugas/permohonan/${id}/berkas/${fid}`);
    const got = await officerX.get(`/petugas/permohonan/${id}/berkas/${fid}`);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await officerY.get(`/petugas/permohonan/${id}/berkas/${fid}`)).status).toBe(404);
    expect((await officerX.get(`/petugas/permohonan/${id - 1}/berkas/${fid}`)).status).toBe(404);
    // the detail masks the NIK
    const detail = await (await officerX.get(`/petugas/permohonan/${id}`)).text();
    expect(detail).not.toContain(NIK_W);
    expect(detail).toContain('167101');
  });
});

describe('steps through HTTP', () => {
  it('verify, approve, and two approvers signing at once: one document, pdfsig valid, the citizen told of each change', async () => {
    const { id, tracking } = await fileAtCounter(officerX, NIK_A);
    expect((await step(officerX, id, 'approve')).status).toBe(409); // not the officer's part, nor the state
    expect((await step(officerX, id, 'verify')).status).toBe(303);
    // a double click on verify: done once, answered as done
    expect((await officerX.post(`/petugas/permohonan/${id}/langkah`, { aksi: 'verify', status: 'submitted' })).status).toBe(303);
    expect((await step(approver1, id, 'approve')).status).toBe(303);
    await approver1.get(`/petugas/permohonan/${id}`);
    await approver2.get(`/petugas/permohonan/${id}`);
    const [a, b] = await Promise.all([
      approver1.post(`/petugas/permohonan/${id}/langkah`, { aksi: 'sign', status: 'approved' }),
      approver2.post(`/petugas/permohonan/${id}/langkah`, { aksi: 'sign', status: 'approved' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([303, 409]);
    const loser = a.status === 409 ? a : b;
    expect(await loser.text()).toContain('Petugas lain sudah mengambil langkah');
    const row = await app(id);
    expect(row.state).toBe('issued');
    const docs = await t.ctx.db.selectFrom('issued_documents').selectAll().where('subject_ref', '=', String(id)).execute();
    expect(docs).toHaveLength(1);
    expect(docs[0].id).toBe(row.document_id);
    expect(docs[0].number).toMatch(new RegExp(`^470/\\d{4}/${u.kelX.code.replace(/\./g, '\\.')}/[IVXLC]+/\\d{4}$`));
    const steps = await t.ctx.db.selectFrom('layanan_steps').select('action').where('application_id', '=', id).orderBy('id').execute();
    expect(steps.map((s) => s.action)).toEqual(['submit', 'verify', 'approve', 'sign', 'issue']);
    const audits = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_id', '=', row.tracking_number).where('action', 'like', 'layanan.application.%').execute();
    expect(audits.map((x) => x.action).sort()).toEqual(['layanan.application.approve', 'layanan.application.sign', 'layanan.application.submit', 'layanan.application.verify']);
    // the officer downloads it; the owner too, at the path the citizen's pages link to; nobody else
    const pdf = new Uint8Array(await (await approver1.get(`/petugas/permohonan/${id}/surat.pdf`)).arrayBuffer());
    const sig = pdfsig(pdf);
    expect(sig).toContain('Signature is Valid.');
    expect(sig).toContain('Total document signed');
    const own = await citizenA.c.get(`/akun/permohonan/${tracking}/surat.pdf`);
    expect(own.status).toBe(200);
    expect(Buffer.from(await own.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
    const other = await citizen('1671016601950003');
    expect((await other.c.get(`/akun/permohonan/${tracking}/surat.pdf`)).status).toBe(404);
    // the owner's page links the letter's /cek page and, once satisfaction handled the event, the rating
    await runDueJobs(t.ctx, 100);
    const inv = await t.ctx.db.selectFrom('satisfaction_invitations').select('id').where('source', '=', 'layanan').where('reference_id', '=', String(id)).executeTakeFirstOrThrow();
    const mine = await (await citizenA.c.get(`/akun/permohonan/${tracking}`)).text();
    expect(mine).toContain(`href="/cek/${docs[0].code}"`);
    expect(mine).toContain(`href="/penilaian/${inv.id}"`);
    expect((await officerY.get(`/petugas/permohonan/${id}/surat.pdf`)).status).toBe(404);
    // the citizen heard of verify, approve and issue (the account's verified email)
    const msgs = await t.ctx.db.selectFrom('messages').select(['subject', 'recipient']).where('template', '=', 'layanan.status').where('subject', 'like', `%${tracking}%`).execute();
    expect(msgs.map((m) => m.subject)).toEqual([`Permohonan ${tracking}: Sudah diverifikasi`, `Permohonan ${tracking}: Disetujui`, `Permohonan ${tracking}: Selesai, surat terbit`]);
  });

  it('return and reject need a reason (422 on the field), then move the application', async () => {
    const r = await fileAtCounter(officerX, NIK_A);
    const empty = await step(officerX, r.id, 'return', { alasan: '  ' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('id="f-alasan_return-err"');
    expect((await step(officerX, r.id, 'return', { alasan: 'Lampirkan surat pengantar RT' })).status).toBe(303);
    expect((await app(r.id)).state).toBe('returned');
    const j = await fileAtCounter(officerX, NIK_A);
    expect((await step(officerX, j.id, 'reject', { alasan: 'Alamat di luar wilayah kelurahan' })).status).toBe(303);
    expect((await app(j.id)).state).toBe('rejected');
    const note = await t.ctx.db.selectFrom('messages').select('body').where('subject', 'like', `%${j.tracking}%`).executeTakeFirstOrThrow();
    expect(note.body).toContain('Alasan: Alamat di luar wilayah kelurahan');
  });

  it('a service that forwards goes to the kecamatan after verification, where its officer takes it', async () => {
    await t.ctx.db.updateTable('layanan_services').set({ forward_to: 'kecamatan' }).where('slug', '=', SLUG).execute();
    try {
      const f = await fileAtCounter(officerX, NIK_A);
      expect((await step(officerX, f.id, 'verify')).status).toBe(303);
      // the detail page offers the forward (its own form, with the state it showed)
      const offered = await (await officerX.get(`/petugas/permohonan/${f.id}`)).text();
      expect(offered).toContain('name="aksi" value="forward"');
      expect((await step(officerX, f.id, 'forward')).status).toBe(303);
      const row = await app(f.id);
      expect([row.state, row.current_unit_id]).toEqual(['submitted', u.kec.id]);
      const kec = await staff('officer', u.kec.code);
      expect(await (await kec.get('/petugas/permohonan')).text()).toContain(f.tracking);
      expect((await step(kec, f.id, 'verify')).status).toBe(303);
      // the kelurahan still reads it, but takes no step at the kecamatan
      const page = await (await officerX.get(`/petugas/permohonan/${f.id}`)).text();
      expect(page).not.toContain('name="aksi"');
    } finally {
      await t.ctx.db.updateTable('layanan_services').set({ forward_to: null }).where('slug', '=', SLUG).execute();
    }
  });
});

describe('claim', () => {
  it('joins the account only with the number, the PIN and the applicant\'s own NIK (audited)', async () => {
    const w = await fileAtCounter(officerX, NIK_W);
    const stranger = await citizen('1671016601950004');
    await stranger.c.get('/akun/permohonan/klaim');
    const wrongNik = await stranger.c.post('/akun/permohonan/klaim', { nomor: w.tracking, pin: w.pin });
    expect(wrongNik.status).toBe(422);
    expect(await wrongNik.text()).toContain('NIK di akun Anda tidak sama');
    const owner = await citizen(NIK_W);
    await owner.c.get('/akun/permohonan/klaim');
    const wrongPin = await owner.c.post('/akun/permohonan/klaim', { nomor: w.tracking, pin: w.pin === '000000' ? '111111' : '000000' });
    expect(wrongPin.status).toBe(422);
    expect((await app(w.id)).user_id).toBeNull();
    const ok = await owner.c.post('/akun/permohonan/klaim', { nomor: w.tracking.toLowerCase(), pin: w.pin });
    expect(ok.status).toBe(303);
    expect(Number((await app(w.id)).user_id)).toBe(owner.id);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'layanan.application.claim').where('subject_id', '=', w.tracking).execute();
    expect(audit).toHaveLength(1);
  });
});

describe('claim after the letter was issued', () => {
  it('the invitation to rate, made without an account, follows the application into the claiming account', async () => {
    const nik = '1671015506850005';
    const w = await fileAtCounter(officerX, nik);
    for (const [c, a] of [[officerX, 'verify'], [approver1, 'approve'], [approver1, 'sign']] as const) expect((await step(c, w.id, a)).status).toBe(303);
    await runDueJobs(t.ctx, 100);
    const inv = await t.ctx.db.selectFrom('satisfaction_invitations').select(['id', 'user_id']).where('source', '=', 'layanan').where('reference_id', '=', String(w.id)).executeTakeFirstOrThrow();
    expect(inv.user_id).toBeNull();
    const owner = await citizen(nik);
    await owner.c.get('/akun/permohonan/klaim');
    expect((await owner.c.post('/akun/permohonan/klaim', { nomor: w.tracking, pin: w.pin })).status).toBe(303);
    expect(await (await owner.c.get(`/akun/permohonan/${w.tracking}`)).text()).toContain(`href="/penilaian/${inv.id}"`);
    expect((await owner.c.get(`/penilaian/${inv.id}`)).status).toBe(200);
    // nobody else's: another citizen still gets 404 on the rating page
    expect((await (await citizen('1671016601950006')).c.get(`/penilaian/${inv.id}`)).status).toBe(404);
  });
});

describe('escalation', () => {
  it('tells the unit head once about an overdue application', async () => {
    const head = await t.ctx.db.selectFrom('users as us').innerJoin('role_grants as g', 'g.user_id', 'us.id').select('us.email')
      .where('g.role', '=', 'approver').where('g.unit_id', '=', u.kelX.id).orderBy('us.id').executeTakeFirstOrThrow();
    const o = await fileAtCounter(officerX, NIK_A);
    const before = await escalateOverdue(t.ctx);
    t.ctx.clock.set(new Date(Date.now() + 30 * 86_400_000));
    try {
      expect(await escalateOverdue(t.ctx)).toBeGreaterThan(before);
      expect(await escalateOverdue(t.ctx)).toBe(0);
      const sent = await t.ctx.db.selectFrom('messages').select(['recipient', 'body']).where('template', '=', 'layanan.escalation').where('subject', 'like', `%${o.tracking}%`).execute();
      expect(sent.map((s) => s.recipient)).toContain(head.email);
      expect(sent.filter((s) => s.recipient === head.email)).toHaveLength(1);
      expect((await app(o.id)).escalated_at).not.toBeNull();
      expect(await (await officerX.get('/petugas/permohonan?terlambat=1')).text()).toContain(o.tracking);
    } finally {
      t.ctx.clock.set(undefined);
    }
  });
});
