// The citizen's side on the real app: the apply flow page by page (draft kept across pages and a new
// session, Back keeps answers, a bad NIK answers 422 with what was typed, files stored and served to
// the owner only, a double submit makes one application, number + PIN once), /lacak (normalised
// input, one answer for every miss, an attacker's guesses do not lock the owner out), the own list,
// detail, correction of a returned application, the JSON API and the personal-data export.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, unitsForTest, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { systemActor } from '../../platform/audit/audit.ts';
import { minimalPdf, png } from '../../platform/files/test-fixtures.ts';
import { outboxCopy } from '../../platform/notify/deliver.ts';
import { runDueJobs } from '../../platform/jobs/worker.ts';
import { act } from './applications.ts';
import { erasePersonalData, exportPersonalData } from './mine.ts';

const SLUG = 'surat-keterangan-domisili';
const BASE = `/layanan/${SLUG}/ajukan`;
const NIK = '1671014501900001';
let t: TestApp;
let units: Awaited<ReturnType<typeof unitsForTest>>;
let owner: Client;
let ownerId: number;
let tracking = '';
let pin = '';

beforeAll(async () => {
  // each test client comes from its own address (X-Forwarded-For through one trusted proxy)
  t = await createTestApp({ env: { GAPURA_TRUST_PROXY: 'true' } });
  units = await unitsForTest(t);
  owner = new Client(t.app, '10.1.1.1');
  ownerId = await signInAs(t, owner, { kind: 'citizen', name: 'Siti Aminah' });
});
afterAll(() => t.close());

/** a second signed-in session of the same citizen (another phone, or after signing in again) */
async function newSession(userId: number, ip: string): Promise<Client> {
  const c = new Client(t.app, ip);
  const id = randomToken(32);
  await t.ctx.db.insertInto('sessions').values({ id_hash: sha256(id), user_id: userId, state: 'active', data: JSON.stringify({}), expires_at: sql<Date>`now() + interval '8 hours'` }).execute();
  c.cookies.set('gapura_sid', id);
  return c;
}

const page1 = { tempat_lahir: 'Palembang', tanggal_lahir: '1990-01-05', jenis_kelamin: 'Perempuan', pekerjaan: 'Pedagang', alamat: 'Jl. Merdeka No. 1, RT 01/RW 02' };

async function uploadPage(c: Client, files: Record<string, { name: string; bytes: Uint8Array }>, extra: Record<string, string> = {}) {
  await c.get(`${BASE}/3`);
  const form = new FormData();
  form.append('_csrf', c.csrf());
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  for (const [field, f] of Object.entries(files)) form.append(field, new Blob([new Uint8Array(f.bytes)]), f.name);
  return c.request(`${BASE}/3`, { method: 'POST', body: form });
}

describe('applying', () => {
  it('sends a visitor to sign in and back', async () => {
    const res = await new Client(t.app).get(BASE);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/masuk?kembali=${encodeURIComponent(BASE)}`);
  });

  it('walks unit → pages → check, keeping the draft across pages, Back and a new session; a bad NIK is 422 with what was typed', async () => {
    let res = await owner.get(BASE);
    expect(res.headers.get('location')).toBe(`${BASE}/kecamatan`);
    await owner.get(`${BASE}/kecamatan`);
    // no skipping ahead
    expect((await owner.get(`${BASE}/2`)).headers.get('location')).toBe(`${BASE}/kecamatan`);
    res = await owner.post(`${BASE}/kecamatan`, { unit: '999999' });
    expect(res.status).toBe(422);
    res = await owner.post(`${BASE}/kecamatan`, { unit: String(units.kec.id), aksi: 'lanjut' });
    expect(res.headers.get('location')).toBe(`${BASE}/kelurahan`);
    await owner.get(`${BASE}/kelurahan`);
    expect(owner.lastHtml).toContain(`value="${units.kelX.id}"`); // the kecamatan's kelurahan to choose from
    expect(owner.lastHtml).toContain(`value="${units.kelY.id}"`);
    res = await owner.post(`${BASE}/kelurahan`, { unit: String(units.kelX.id) });
    expect(res.headers.get('location')).toBe(`${BASE}/1`);

    const html = await (await owner.get(`${BASE}/1`)).text();
    expect(html).toContain('Siti Aminah'); // the name comes from the account, not asked
    expect(html).not.toContain('name="nama"');
    res = await owner.post(`${BASE}/1`, { ...page1, nik: '1234' });
    expect(res.status).toBe(422);
    expect(owner.lastHtml).toContain('value="Pedagang"');
    expect(owner.lastHtml).toContain('aria-invalid="true"');
    res = await owner.post(`${BASE}/1`, { ...page1, nik: `${NIK.slice(0, 4)} ${NIK.slice(4)}` });
    expect(res.headers.get('location')).toBe(`${BASE}/2`);

    // Back saves what was typed on the page, without asking for the rest
    await owner.get(`${BASE}/2`);
    res = await owner.post(`${BASE}/2`, { lama_tinggal: '5 tahun', keperluan: '', aksi: 'kembali' });
    expect(res.headers.get('location')).toBe(`${BASE}/1`);
    expect(await (await owner.get(`${BASE}/1`)).text()).toContain('value="Palembang"');
    expect(await (await owner.get(`${BASE}/2`)).text()).toContain('value="5 tahun"');
    res = await owner.post(`${BASE}/2`, { lama_tinggal: '5 tahun', keperluan: 'Membuka rekening bank' });
    expect(res.headers.get('location')).toBe(`${BASE}/3`);

    // leave and come back on another device: the draft continues where it stopped
    const other = await newSession(ownerId, '10.1.1.2');
    expect((await other.get(BASE)).headers.get('location')).toBe(`${BASE}/3`);
    expect(await (await other.get(`${BASE}/2`)).text()).toContain('Membuka rekening bank');
    // the answers are sealed in the draft
    const draft = await t.ctx.db.selectFrom('layanan_drafts').selectAll().where('user_id', '=', ownerId).executeTakeFirstOrThrow();
    expect(draft.answers_sealed).not.toContain('Merdeka');
    expect(draft.answers_sealed).not.toContain(NIK);
  });

  it('stores the files (type from the bytes), asks for the missing one, and serves them to the owner only', async () => {
    const img = await png();
    let res = await uploadPage(owner, { pengantar_rt: { name: 'pengantar.png', bytes: img }, ktp: { name: 'ktp.pdf', bytes: img } });
    expect(res.status).toBe(422); // a PNG named .pdf
    res = await uploadPage(owner, { pengantar_rt: { name: 'pengantar.png', bytes: img }, ktp: { name: 'ktp.pdf', bytes: minimalPdf() } });
    expect(res.status).toBe(422); // the family card is missing; the two others are kept
    expect(await res.text()).toContain('pengantar.png');
    res = await uploadPage(owner, { kk: { name: 'kk.jpg', bytes: img } });
    expect(res.status).toBe(422); // a PNG named .jpg
    res = await uploadPage(owner, { kk: { name: 'kk.png', bytes: img } });
    expect(res.headers.get('location')).toBe(`${BASE}/periksa`);
    const link = /href="(\/layanan\/berkas\/[A-Za-z0-9_-]{22})"/.exec(await (await owner.get(`${BASE}/3`)).text())![1];
    expect((await owner.get(link)).status).toBe(200);
    const stranger = new Client(t.app, '10.9.9.9');
    await signInAs(t, stranger, { kind: 'citizen' });
    expect((await stranger.get(link)).status).toBe(404);
    expect((await new Client(t.app).get(link)).status).toBe(303);
  });

  it('check page → declaration → one application for a double submit; number and PIN shown once and sent sealed', async () => {
    const html = await (await owner.get(`${BASE}/periksa`)).text();
    expect(html).toContain('Membuka rekening bank');
    expect(html).toContain(`${BASE}/2`); // "Ubah"
    expect(html).not.toContain(NIK); // masked
    const kunci = /name="kunci" value="([^"]+)"/.exec(html)![1];
    let res = await owner.post(`${BASE}/periksa`, { kunci });
    expect(res.status).toBe(422); // no declaration
    res = await owner.post(`${BASE}/periksa`, { kunci, pernyataan: '1' });
    expect(res.headers.get('location')).toBe(`${BASE}/selesai`);
    res = await owner.post(`${BASE}/periksa`, { kunci, pernyataan: '1' });
    expect(res.headers.get('location')).toBe(`${BASE}/selesai`);
    const apps = await t.ctx.db.selectFrom('layanan_applications').select(['tracking_number', 'unit_id']).where('user_id', '=', ownerId).execute();
    expect(apps).toHaveLength(1);
    expect(apps[0].unit_id).toBe(units.kelX.id);
    const done = await (await owner.get(`${BASE}/selesai`)).text();
    tracking = /(LYN-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(done)![1];
    pin = /<strong>(\d{6})<\/strong>/.exec(done)![1];
    expect(tracking).toBe(apps[0].tracking_number);
    expect(await (await owner.get(`${BASE}/selesai`)).text()).not.toContain(pin);
    // the message names the number; the stored copy masks the PIN, the delivered one has it
    const msg = await t.ctx.db.selectFrom('messages').selectAll().where('template', '=', 'layanan.submitted').executeTakeFirstOrThrow();
    expect(msg.body).toContain(tracking);
    expect(msg.body).not.toContain(pin);
    await runDueJobs(t.ctx);
    expect((await outboxCopy(t.ctx, msg.id))?.body).toContain(pin);
    // the draft is gone; its files belong to the application
    expect(await t.ctx.db.selectFrom('layanan_drafts').select('id').where('user_id', '=', ownerId).executeTakeFirst()).toBeUndefined();
  });
});

describe('/lacak', () => {
  it('opens with number + PIN as typed, says only "not found or wrong PIN" otherwise, and stores nothing in a URL', async () => {
    const c = new Client(t.app, '10.2.2.2');
    await c.get('/lacak');
    let res = await c.post('/lacak', { nomor: tracking.toLowerCase().replace(/-/g, ' '), pin });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('Surat keterangan domisili');
    expect(html).toContain(tracking);
    expect(html).not.toContain('Siti Aminah'); // the timeline names roles and units, not people
    await c.get('/lacak');
    res = await c.post('/lacak', { nomor: tracking, pin: '000000' === pin ? '111111' : '000000' });
    expect(res.status).toBe(404);
    const wrongPin = await res.text();
    await c.get('/lacak');
    res = await c.post('/lacak', { nomor: 'LYN-2222-2222', pin });
    expect(res.status).toBe(404);
    expect(wrongPin).toContain('tidak ditemukan atau PIN salah');
    expect(await res.text()).toContain('tidak ditemukan atau PIN salah');
  });

  it('an attacker guessing (from one address, then from many) does not lock the owner out', async () => {
    const wrong = (i: number) => String((Number(pin) + 1 + i) % 1_000_000).padStart(6, '0');
    const attacker = new Client(t.app, '10.6.6.6');
    await attacker.get('/lacak');
    const csrf = attacker.csrf();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await attacker.post('/lacak', { _csrf: csrf, nomor: tracking, pin: wrong(i) }, { csrf: false })).status);
    expect(statuses.slice(0, 5).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // even the right PIN waits from the attacker's address
    expect((await attacker.post('/lacak', { _csrf: csrf, nomor: tracking, pin }, { csrf: false })).status).toBe(429);
    // many addresses, one guess each: past the number's ceiling, an address that failed gets no second try
    for (let i = 0; i < 12; i++) {
      const a = new Client(t.app, `10.7.0.${i + 1}`);
      await a.get('/lacak');
      await a.post('/lacak', { nomor: tracking, pin: wrong(20 + i) });
    }
    const again = new Client(t.app, '10.7.0.1');
    await again.get('/lacak');
    expect((await again.post('/lacak', { nomor: tracking, pin: wrong(40) })).status).toBe(429);
    // the owner, from their own address, gets in
    const mine = new Client(t.app, '10.8.8.8');
    await mine.get('/lacak');
    expect((await mine.post('/lacak', { nomor: tracking, pin })).status).toBe(200);
  });
});

describe('own applications', () => {
  it('lists them, shows the timeline, answers and files to the owner only, also as JSON', async () => {
    const list = await (await owner.get('/akun/permohonan')).text();
    expect(list).toContain(`/akun/permohonan/${tracking}`);
    const detail = await (await owner.get(`/akun/permohonan/${tracking}`)).text();
    expect(detail).toContain('Membuka rekening bank');
    expect(detail).toContain('pengantar.png');
    expect(detail).not.toContain('surat.pdf'); // nothing issued yet
    const stranger = new Client(t.app, '10.9.9.8');
    await signInAs(t, stranger, { kind: 'citizen' });
    expect((await stranger.get(`/akun/permohonan/${tracking}`)).status).toBe(404);
    const api = await owner.get('/api/v1/applications', { accept: 'application/json' });
    expect(((await api.json()) as { applications: { trackingNumber: string }[] }).applications.map((a) => a.trackingNumber)).toEqual([tracking]);
    const one = (await (await owner.get(`/api/v1/applications/${tracking}`, { accept: 'application/json' })).json()) as { answers: Record<string, string>; timeline: unknown[] };
    expect(one.answers.keperluan).toBe('Membuka rekening bank');
    expect(one.answers.nik).not.toBe(NIK);
    expect((await stranger.get(`/api/v1/applications/${tracking}`, { accept: 'application/json' })).status).toBe(404);
    expect((await new Client(t.app).get('/api/v1/applications', { accept: 'application/json' })).status).toBe(401);
  });

  it('a returned application is corrected by its owner and goes back to the officers', async () => {
    const app = await t.ctx.db.selectFrom('layanan_applications').select('id').where('tracking_number', '=', tracking).executeTakeFirstOrThrow();
    await act(t.ctx, { applicationId: app.id, action: 'return', actor: systemActor('officer'), actorId: null, actorRole: 'layanan_verifier', reason: 'Tulis keperluan lebih jelas' });
    const detail = await (await owner.get(`/akun/permohonan/${tracking}`)).text();
    expect(detail).toContain('Tulis keperluan lebih jelas');
    expect(detail).toContain('Petugas pemeriksa');
    await owner.get(`/akun/permohonan/${tracking}/perbaiki`);
    let res = await owner.post(`/akun/permohonan/${tracking}/perbaiki`, { ...page1, lama_tinggal: '5 tahun', keperluan: '' });
    expect(res.status).toBe(422);
    res = await owner.post(`/akun/permohonan/${tracking}/perbaiki`, { ...page1, lama_tinggal: '5 tahun', keperluan: 'Membuka rekening tabungan di Bank Sumsel' });
    expect(res.status).toBe(303);
    const after = await (await owner.get(`/akun/permohonan/${tracking}`)).text();
    expect(after).toContain('Bank Sumsel');
    expect(after).not.toContain('/perbaiki');
  });

  it('"Perbaiki" replaces an attachment: type checked by content, the old file gone, the others kept', async () => {
    const app = await t.ctx.db.selectFrom('layanan_applications').select('id').where('tracking_number', '=', tracking).executeTakeFirstOrThrow();
    const filesNow = () => t.ctx.db.selectFrom('layanan_files as lf').innerJoin('files as f', 'f.id', 'lf.file_id').select(['lf.field', 'f.name', 'f.id']).where('lf.application_id', '=', app.id).orderBy('lf.field').execute();
    const before = await filesNow();
    const oldKtp = before.find((f) => f.field === 'ktp')!;
    await act(t.ctx, { applicationId: app.id, action: 'return', actor: systemActor('officer'), actorId: null, actorRole: 'layanan_verifier', reason: 'Foto KTP tidak terbaca' });
    const form = await (await owner.get(`/akun/permohonan/${tracking}/perbaiki`)).text();
    expect(form).toContain('enctype="multipart/form-data"');
    expect(form).toContain(oldKtp.name);
    const send = (file: { name: string; bytes: Uint8Array }) => {
      const body = new FormData();
      body.append('_csrf', owner.csrf());
      for (const [k, v] of Object.entries({ ...page1, lama_tinggal: '5 tahun', keperluan: 'Membuka rekening tabungan di Bank Sumsel' })) body.append(k, v);
      body.append('ktp', new Blob([new Uint8Array(file.bytes)]), file.name);
      return owner.request(`/akun/permohonan/${tracking}/perbaiki`, { method: 'POST', body });
    };
    const refused = await send({ name: 'ktp-baru.pdf', bytes: await png() }); // a PNG named .pdf
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Bank Sumsel'); // what was typed is kept
    expect((await t.ctx.db.selectFrom('layanan_applications').select('state').where('id', '=', app.id).executeTakeFirstOrThrow()).state).toBe('returned');
    expect((await send({ name: 'ktp-baru.pdf', bytes: minimalPdf() })).status).toBe(303);
    const after = await filesNow();
    expect(after.map((f) => [f.field, f.name])).toEqual(before.map((f) => [f.field, f.field === 'ktp' ? 'ktp-baru.pdf' : f.name]));
    expect(await t.ctx.db.selectFrom('files').select('id').where('id', '=', oldKtp.id).executeTakeFirst()).toBeUndefined();
    expect((await t.ctx.db.selectFrom('layanan_applications').select('state').where('id', '=', app.id).executeTakeFirstOrThrow()).state).toBe('submitted');
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'layanan.application.files_replaced').where('subject_id', '=', tracking).execute();
    expect(audit).toHaveLength(1);
  });

  it('exports the citizen\'s applications with their answers', async () => {
    const data = await exportPersonalData(t.ctx, t.ctx.db, ownerId);
    expect(JSON.stringify(data)).toContain(tracking);
    expect(JSON.stringify(data)).toContain('Bank Sumsel');
  });

  it('erasing the account deletes drafts and their files, and keeps the application without the account link', async () => {
    await owner.get(`/layanan/surat-keterangan-belum-menikah/ajukan/kecamatan`);
    await owner.post(`/layanan/surat-keterangan-belum-menikah/ajukan/kecamatan`, { unit: String(units.kec.id) });
    expect(await t.ctx.db.selectFrom('layanan_drafts').select('id').where('user_id', '=', ownerId).executeTakeFirst()).toBeDefined();
    await t.ctx.db.transaction().execute((tx) => erasePersonalData(tx, ownerId));
    expect(await t.ctx.db.selectFrom('layanan_drafts').select('id').where('user_id', '=', ownerId).executeTakeFirst()).toBeUndefined();
    const app = await t.ctx.db.selectFrom('layanan_applications').select('user_id').where('tracking_number', '=', tracking).executeTakeFirstOrThrow();
    expect(app.user_id).toBeNull();
  });
});
