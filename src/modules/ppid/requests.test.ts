// Information requests on the real app: asking without an account (NIK checked, idempotent submit,
// NIK encrypted at rest, a registration number and a follow link at once), organisations attach a
// deed, staff enter a letter; the legal clock over cuti bersama (overdue computed), the one extension
// refused after day 10, a refusal refused without its exemption record, the notice issued as a
// signed PDF, an objection and the atasan's answer with the Komisi Informasi date; the register
// hides NIK, phone and email; access by role and unit; personal data export and erase.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import { minimalPdf } from '../../platform/files/test-fixtures.ts';
import { redact } from './requests.ts';

let t: TestApp;
const ROOT = '16.71';
const X = '16.71.opd.bappeda';
const Y = '16.71.opd.dinkes';
const NIK = '1671015205900001';
const MON_14_DEC = new Date('2026-12-14T03:00:00Z');

const ask = (over: Record<string, string> = {}) => ({
  requester_kind: 'individual', name: 'Rina Wulandari', nik: NIK, address: 'Jl. Merdeka 1, Palembang', phone: '0812 3456 7890', email: 'rina@contoh.id',
  details: `Laporan realisasi APBD 2025 per OPD (saya ${NIK}, 081234567890)`, purpose: 'Penelitian skripsi', obtain: 'softcopy', receive: 'email', ...over,
});

/** The check page's multipart form, sent as a browser would (CSRF first). */
async function send(c: Client, base: string, extra?: { name: string; bytes: Uint8Array }) {
  const html = c.lastHtml.slice(c.lastHtml.indexOf(`action="${base}/kirim"`));
  const fd = new FormData();
  fd.append('_csrf', c.csrf());
  for (const m of html.slice(0, html.indexOf('</form>')).matchAll(/<input type="hidden" name="([a-z_]+)" value="([^"]*)"/g)) {
    if (m[1] !== '_csrf') fd.append(m[1], m[2].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'"));
  }
  if (extra) fd.append('deed', new Blob([new Uint8Array(extra.bytes)]), extra.name);
  const res = await c.request(`${base}/kirim`, { method: 'POST', body: fd });
  if ((res.headers.get('content-type') ?? '').includes('text/html')) c.lastHtml = await res.clone().text();
  return res;
}

async function askAnonymously(over: Record<string, string> = {}) {
  const c = new Client(t.app);
  await c.get('/ppid/permohonan/baru');
  const idem = /name="idem" value="([^"]+)"/.exec(c.lastHtml)![1];
  const check = await c.post('/ppid/permohonan/baru', { ...ask(over), idem });
  expect(check.status).toBe(200);
  const res = await send(c, '/ppid/permohonan');
  expect(res.status).toBe(303);
  const loc = res.headers.get('location')!;
  const row = await t.ctx.db.selectFrom('ppid_requests').selectAll().where('idempotency_key', '=', idem).executeTakeFirstOrThrow();
  return { c, loc, row, idem };
}

async function staff(role: string, unitCode: string) {
  const c = new Client(t.app);
  await signInAs(t, c, { kind: 'staff', grants: [{ role, unitCode }] });
  return c;
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('asking', () => {
  it('a bad NIK: 422, the message beside the field, what was typed kept', async () => {
    const c = new Client(t.app);
    await c.get('/ppid/permohonan/baru');
    const res = await c.post('/ppid/permohonan/baru', { ...ask({ nik: '1234', phone: '', email: '' }), idem: 'abcdefghijklmnopqrstuv' });
    expect(res.status).toBe(422);
    expect(c.lastHtml).toContain('Laporan realisasi APBD 2025');
    expect(c.lastHtml).toContain('f-nik-err');
    expect(c.lastHtml).toContain('Isi nomor telepon atau surel');
    expect(Buffer.byteLength(c.lastHtml)).toBeLessThan(30_000);
  });

  it('anonymously: a number at once, a follow link, one record on a double submit, NIK and phone encrypted', async () => {
    t.ctx.clock.set(MON_14_DEC);
    const { c, loc, row } = await askAnonymously();
    expect(loc).toMatch(/^\/ppid\/permohonan\/lacak\/[A-Za-z0-9_-]{32}\?baru=1$/);
    expect(row.number).toMatch(/^\d{3}\/PPID\/XII\/2026$/);
    expect(row.channel).toBe('online');
    expect(row.state).toBe('submitted');
    // stored only encrypted (the details text is the requester's own words, masked when published)
    expect(JSON.stringify({ ...row, details: '' })).not.toContain(NIK);
    expect(row.phone_encrypted).not.toContain('3456');
    // the same form sent again: the same request, the same link
    const again = await send(c, '/ppid/permohonan');
    expect(again.headers.get('location')).toBe(loc);
    expect(Number((await t.ctx.db.selectFrom('ppid_requests').select((e) => e.fn.countAll().as('n')).where('idempotency_key', '=', row.idempotency_key).executeTakeFirstOrThrow()).n)).toBe(1);
    const page = await (await c.get(loc)).text();
    expect(page).toContain(row.number);
    expect(page).toContain('30 Desember 2026');
    expect(page).toContain('10 hari kerja sejak permohonan diterima 14 Desember 2026, tidak termasuk 24–25 Desember');
    t.ctx.clock.set(undefined);
  });

  it('the search-ahead shows a DIP entry that matches', async () => {
    const officer = await staff('ppid_officer', X);
    await officer.get('/petugas/ppid/dip/baru');
    await officer.post('/petugas/ppid/dip/baru', {
      category: 'berkala', title: 'Laporan keuangan daerah', summary: 'Neraca dan realisasi anggaran.', unit: X, official: 'Kepala Bappeda',
      made_when: '2026', made_where: 'Bappeda', form: 'soft', retention: '10 tahun',
    });
    const c = new Client(t.app);
    await c.get('/ppid/permohonan/baru');
    await c.post('/ppid/permohonan/baru', { ...ask({ details: 'Realisasi anggaran dan laporan keuangan' }), idem: 'searchahead-0123456789' });
    expect(c.lastHtml).toContain('Laporan keuangan daerah');
    await c.post('/ppid/permohonan/baru', { ...ask({ details: 'Jadwal kapal penyeberangan' }), idem: 'searchahead-0123456789' });
    expect(c.lastHtml).toContain('Belum ada informasi publik atau jawaban yang cocok');
  });

  it('an organisation must attach its deed; with it, the deed is stored through platform/files', async () => {
    const c = new Client(t.app);
    await c.get('/ppid/permohonan/baru');
    await c.post('/ppid/permohonan/baru', { ...ask({ requester_kind: 'organisation', name: 'Yayasan Terang' }), idem: 'organisation-0123456789' });
    expect(c.lastHtml).toContain('f-deed');
    const no = await send(c, '/ppid/permohonan');
    expect(no.status).toBe(422);
    expect(c.lastHtml).toContain('Lampirkan akta pendirian badan hukum.');
    const yes = await send(c, '/ppid/permohonan', { name: 'akta.pdf', bytes: minimalPdf() });
    expect(yes.status).toBe(303);
    const row = await t.ctx.db.selectFrom('ppid_requests').selectAll().where('idempotency_key', '=', 'organisation-0123456789').executeTakeFirstOrThrow();
    expect(row.deed_file_id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('staff enter a letter with the day it arrived; the channel is recorded and audited', async () => {
    const c = await staff('ppid_officer', ROOT);
    await c.get('/petugas/ppid/permohonan/baru');
    await c.post('/petugas/ppid/permohonan/baru', { ...ask({ channel: 'letter', received_on: '2026-11-30' }), idem: 'letter-entry-0123456789' });
    expect(c.lastHtml).toContain('Periksa permohonan Anda');
    const res = await send(c, '/petugas/ppid/permohonan');
    expect(res.status).toBe(303);
    const row = await t.ctx.db.selectFrom('ppid_requests').selectAll().where('idempotency_key', '=', 'letter-entry-0123456789').executeTakeFirstOrThrow();
    expect(row.channel).toBe('letter');
    expect(row.received_at.toISOString()).toBe('2026-11-30T02:00:00.000Z');
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('subject_type', '=', 'ppid_request').where('subject_id', '=', String(row.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['ppid.request.created']);
    expect(JSON.stringify(audit)).not.toContain(NIK);
  });
});

describe('deciding, on the legal clock', () => {
  it('disposition, overdue over cuti bersama, extension refused after day 10, refusal needs its exemption, objection, atasan, register', async () => {
    t.ctx.clock.set(MON_14_DEC);
    const { c: requester, loc, row } = await askAnonymously({ details: `Kontrak pengadaan server 2026, hubungi 081299998888 atau rina@contoh.id, NIK ${NIK}` });
    const base = `/petugas/ppid/permohonan/${row.id}`;
    const ppid = await staff('ppid_officer', ROOT);

    // Y's officer sees nothing before or after the disposition to X
    const other = await staff('ppid_officer', Y);
    expect((await other.get(base)).status).toBe(404);

    await ppid.get(base);
    expect((await ppid.post(`${base}/disposisi`, { unit: X })).status).toBe(303);
    const x = await staff('ppid_officer', X);
    await x.get('/petugas/ppid/permohonan');
    expect(x.lastHtml).toContain(row.number);
    await other.get('/petugas/ppid/permohonan');
    expect(other.lastHtml).not.toContain(row.number);
    expect((await other.get(base)).status).toBe(404);

    // 31 December: the 10 working days (to 30 December, skipping 24–25) have run out
    t.ctx.clock.set(new Date('2026-12-31T03:00:00Z'));
    await x.get('/petugas/ppid/permohonan');
    const queueRow = x.lastHtml.slice(x.lastHtml.indexOf(row.number) - 200, x.lastHtml.indexOf(row.number) + 800);
    expect(queueRow).toContain('Terlambat.');
    expect(queueRow).toContain('30 Desember 2026');
    await x.get(base);
    expect(x.lastHtml).not.toContain('Perpanjang dan beri tahu pemohon');
    const late = await x.post(`${base}/perpanjangan`, { reason: 'Dokumen di arsip pusat' });
    expect(late.status).toBe(409);
    expect((await t.ctx.db.selectFrom('ppid_requests').select('extended_at').where('id', '=', row.id).executeTakeFirstOrThrow()).extended_at).toBeNull();

    // a partial refusal without an exemption record is refused, nothing issued
    await x.get(base);
    const answer = { outcome: 'partial', answer_text: 'Kontrak diberikan; lampiran harga satuan dihitamkan.', blacked_out: 'Lampiran harga satuan: rahasia dagang', format: 'PDF', delivery: 'Surel', cost: 'Tanpa biaya' };
    const bare = await x.post(`${base}/jawaban`, answer);
    expect(bare.status).toBe(422);
    expect(x.lastHtml).toContain('Pilih dasar pengecualian Pasal 17.');
    expect(x.lastHtml).toContain('Tulis uji konsekuensi');
    expect(await t.ctx.db.selectFrom('issued_documents').select('id').where('module', '=', 'ppid').executeTakeFirst()).toBeUndefined();
    const full = await x.post(`${base}/jawaban`, {
      ...answer, ground: 'b', ex_information: 'Harga satuan penawaran', consequence: 'Membuka harga satuan merugikan persaingan usaha sehat pada tender berikutnya.',
      period: '2 tahun', official: 'Kepala Bappeda',
    });
    expect(full.status).toBe(303);
    const answered = await t.ctx.db.selectFrom('ppid_requests').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(answered.state).toBe('answered');
    expect(answered.outcome).toBe('partial');
    const doc = await t.ctx.db.selectFrom('issued_documents').selectAll().where('id', '=', answered.document_id!).executeTakeFirstOrThrow();
    expect(doc.module).toBe('ppid');
    const pdf = await requester.get(`${loc.split('?')[0]}/surat`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');

    // the requester objects through the follow link; the atasan answers
    await requester.get(loc.split('?')[0]);
    expect(requester.lastHtml).toContain('Keberatan dapat diajukan paling lambat');
    expect((await requester.post(`${loc.split('?')[0]}/keberatan`, { ground: 'a', reason: 'Harga satuan sudah diumumkan di LPSE.' })).status).toBe(303);
    expect((await x.post(`${base}/keberatan`, { decision: 'rejected', answer: 'x' }, { csrf: false })).status).toBe(403);
    const atasan = await staff('ppid_atasan', ROOT);
    await atasan.get(base);
    expect(atasan.lastHtml).toContain('Tanggapan atas keberatan');
    expect((await atasan.post(`${base}/keberatan`, { decision: 'rejected', answer: 'Pengecualian tetap berlaku sampai tender selesai.' })).status).toBe(303);
    await requester.get(loc.split('?')[0]);
    expect(requester.lastHtml).toContain('Sengketa ke Komisi Informasi dapat diajukan paling lambat');
    expect(requester.lastHtml).toContain('14 hari kerja sejak tanggapan atasan PPID');

    // audited, every step
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'ppid_request').where('subject_id', '=', String(row.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['ppid.request.created', 'ppid.request.dispositioned', 'ppid.request.answered', 'ppid.request.objected', 'ppid.objection.answered']);

    // the register: no NIK, no phone, no email, no name; the exemption in the Daftar Informasi yang Dikecualikan
    const reg = await (await new Client(t.app).get('/ppid/register')).text();
    const entry = reg.slice(reg.indexOf(`id="r-${row.id}"`), reg.indexOf('</article>', reg.indexOf(`id="r-${row.id}"`)));
    expect(entry).toContain('Kontrak pengadaan server 2026');
    expect(entry).toContain('[disamarkan]');
    expect(reg).not.toContain(NIK);
    expect(reg).not.toContain('081299998888');
    expect(reg).not.toContain('rina@contoh.id');
    expect(reg).not.toContain('Rina Wulandari');
    expect(reg).toContain('Harga satuan penawaran');
    expect(reg).toContain('Pasal 17 huruf b');
    t.ctx.clock.set(undefined);
  });

  it('one extension of 7 working days before day 10, only once, with its reason', async () => {
    t.ctx.clock.set(MON_14_DEC);
    const { row } = await askAnonymously();
    const ppid = await staff('ppid_officer', ROOT);
    const base = `/petugas/ppid/permohonan/${row.id}`;
    t.ctx.clock.set(new Date('2026-12-29T03:00:00Z'));
    await ppid.get(base);
    expect((await ppid.post(`${base}/perpanjangan`, { reason: '' })).status).toBe(422);
    expect((await ppid.post(`${base}/perpanjangan`, { reason: 'Informasi tersebar di tiga OPD.' })).status).toBe(303);
    await ppid.get(base);
    expect(ppid.lastHtml).toContain('17 hari kerja (10 ditambah perpanjangan 7) sejak 14 Desember 2026');
    expect((await ppid.post(`${base}/perpanjangan`, { reason: 'Lagi' })).status).toBe(409);
    t.ctx.clock.set(undefined);
  });

  it('citizens and anonymous visitors cannot reach the back office', async () => {
    expect((await new Client(t.app).get('/petugas/ppid/permohonan')).status).not.toBe(200);
    const citizen = new Client(t.app);
    await signInAs(t, citizen, { kind: 'citizen' });
    expect((await citizen.get('/petugas/ppid/permohonan')).status).toBe(403);
    expect((await new Client(t.app).get('/ppid/permohonan/lacak/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
  });
});

describe('redaction and personal data', () => {
  it('masks NIK, phone numbers and emails, then literal and pattern rules', () => {
    expect(redact(`NIK ${NIK}, HP +62 812-3456-7890, a@b.id, Pak Budi, kode AB-123`, [{ kind: 'literal', value: 'Pak Budi' }, { kind: 'pattern', value: '[A-Z]{2}-\\d{3}' }]))
      .toBe('NIK [disamarkan], HP [disamarkan], [disamarkan], [disamarkan], kode [disamarkan]');
  });

  it("a signed-in requester's requests are exported and, on erase, stripped of identity", async () => {
    const c = new Client(t.app);
    const userId = await signInAs(t, c, { kind: 'citizen' });
    await c.get('/ppid/permohonan/baru');
    await c.post('/ppid/permohonan/baru', { ...ask(), idem: 'citizen-request-0123456789' });
    expect((await send(c, '/ppid/permohonan')).status).toBe(303);
    const m = t.ctx.modules.find((x) => x.id === 'ppid')!;
    const out = await m.personalData!.export(t.ctx.db, userId);
    expect(JSON.stringify(out)).toContain(NIK);
    await m.personalData!.erase(t.ctx.db, userId);
    const row = await t.ctx.db.selectFrom('ppid_requests').selectAll().where('idempotency_key', '=', 'citizen-request-0123456789').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ requester_user_id: null, nik_encrypted: null, phone_encrypted: null, email: null });
  });
});
