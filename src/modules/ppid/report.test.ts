// What ADR 036 added to information requests, on the real app: the remaining states (dispute recorded
// at the Komisi Informasi, closed, withdrawn by the requester or by staff with a reason), a fulfilled
// answer published as a DIP entry with its released document (redacted text, one entry on a double
// submit, in the Atom feed and the API), the annual report as page, CSV and PDF counting it all, the
// register page by page with its JSON twin in /openapi.json, the overdue list's cut-offs agreeing with
// the per-request clock, and the size of the citizen pages.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import { minimalPdf } from '../../platform/files/test-fixtures.ts';
import { overdueList } from './overdue.ts';
import { clockOf } from './requests.ts';
import { median } from './report.ts';

let t: TestApp;
const ROOT = '16.71';
const X = '16.71.opd.bappeda';
const NIK = '1671015205900001';

const ask = (over: Record<string, string> = {}) => ({
  requester_kind: 'individual', name: 'Rina Wulandari', nik: NIK, address: 'Jl. Merdeka 1, Palembang', phone: '', email: 'rina@contoh.id',
  details: 'Daftar penerima beasiswa daerah 2026', purpose: 'Penelitian', obtain: 'softcopy', receive: 'email', ...over,
});

async function sendMultipart(c: Client, action: string, fields: Record<string, string>, file?: { field: string; name: string; bytes: Uint8Array }) {
  const fd = new FormData();
  fd.append('_csrf', c.csrf());
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file) fd.append(file.field, new Blob([new Uint8Array(file.bytes)]), file.name);
  const res = await c.request(action, { method: 'POST', body: fd });
  if ((res.headers.get('content-type') ?? '').includes('text/html')) c.lastHtml = await res.clone().text();
  return res;
}

async function askAnonymously(over: Record<string, string> = {}) {
  const c = new Client(t.app);
  await c.get('/ppid/permohonan/baru');
  const idem = /name="idem" value="([^"]+)"/.exec(c.lastHtml)![1];
  expect((await c.post('/ppid/permohonan/baru', { ...ask(over), idem })).status).toBe(200);
  const hidden = Object.fromEntries([...c.lastHtml.slice(c.lastHtml.indexOf('action="/ppid/permohonan/kirim"')).matchAll(/<input type="hidden" name="([a-z_]+)" value="([^"]*)"/g)]
    .filter((m) => m[1] !== '_csrf').map((m) => [m[1], m[2].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'")]));
  const res = await sendMultipart(c, '/ppid/permohonan/kirim', hidden);
  expect(res.status).toBe(303);
  const follow = res.headers.get('location')!.split('?')[0];
  const row = await t.ctx.db.selectFrom('ppid_requests').selectAll().where('idempotency_key', '=', idem).executeTakeFirstOrThrow();
  return { c, follow, row };
}

async function staff(role: string, unitCode: string) {
  const c = new Client(t.app);
  await signInAs(t, c, { kind: 'staff', grants: [{ role, unitCode }] });
  return c;
}

const state = async (id: number) => (await t.ctx.db.selectFrom('ppid_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow());

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('answer once, publish for all; dispute; closed', () => {
  it('a fulfilled answer becomes a DIP entry with its released document; the objection goes to the Komisi Informasi; closed', async () => {
    t.ctx.clock.set(new Date('2026-12-14T03:00:00Z'));
    const { c: requester, follow, row } = await askAnonymously({ details: `Daftar penerima beasiswa daerah 2026 (NIK saya ${NIK})` });
    const base = `/petugas/ppid/permohonan/${row.id}`;
    const ppid = await staff('ppid_officer', ROOT);
    await ppid.get(base);
    expect((await ppid.post(`${base}/disposisi`, { unit: X })).status).toBe(303);
    const x = await staff('ppid_officer', X);
    await x.get(base);
    // nothing to publish before it is answered
    expect(x.lastHtml).not.toContain(`${base}/dip`);
    expect((await x.get(`${base}/dip`)).status).toBe(404);
    t.ctx.clock.set(new Date('2026-12-17T03:00:00Z'));
    await x.get(base);
    expect((await x.post(`${base}/jawaban`, {
      outcome: 'fulfilled', answer_text: 'Daftar penerima beasiswa terlampir; hubungi 081299998888 untuk salinan cetak.', format: 'PDF', delivery: 'Surel', cost: 'Tanpa biaya',
    })).status).toBe(303);

    // the publish form starts from the redacted request and answer
    await x.get(base);
    expect(x.lastHtml).toContain(`href="${base}/dip"`);
    await x.get(`${base}/dip`);
    expect(x.lastHtml).toContain('[disamarkan]');
    expect(x.lastHtml).not.toContain(NIK);
    expect(x.lastHtml).not.toContain('081299998888');
    const fields = {
      category: 'setiap_saat', title: `Penerima beasiswa daerah 2026 ${NIK}`, summary: 'Daftar penerima beasiswa daerah tahun 2026, per kecamatan.',
      official: 'Kepala Bappeda', made_when: '2026', made_where: 'Bappeda', form: 'soft', retention: '5 tahun',
    };
    // a missing field: 422 with what was typed kept
    expect((await sendMultipart(x, `${base}/dip`, { ...fields, official: '' })).status).toBe(422);
    expect(x.lastHtml).toContain('Daftar penerima beasiswa daerah tahun 2026, per kecamatan.');
    const pdf = minimalPdf();
    expect((await sendMultipart(x, `${base}/dip`, fields, { field: 'released', name: 'beasiswa.pdf', bytes: pdf })).status).toBe(303);
    await x.get(`${base}/dip`);
    expect((await sendMultipart(x, `${base}/dip`, fields, { field: 'released', name: 'beasiswa.pdf', bytes: pdf })).status).toBe(303);
    const dip = await t.ctx.db.selectFrom('ppid_dip').selectAll().where('source_request_id', '=', row.id).execute();
    expect(dip).toHaveLength(1);
    expect(dip[0].title).toBe('Penerima beasiswa daerah 2026 [disamarkan]');
    expect(dip[0].file_id).not.toBeNull();

    // public: the home page, its download, the feed, the API, the search-ahead for the next asker
    const anon = new Client(t.app);
    await anon.get('/ppid');
    expect(anon.lastHtml).toContain('Penerima beasiswa daerah 2026 [disamarkan]');
    const file = await anon.get(`/ppid/dip/${dip[0].id}/berkas`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const feed = await (await anon.get('/ppid/umpan.atom')).text();
    expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(feed).toContain(`/ppid#dip-${dip[0].id}`);
    const api = await (await anon.get('/api/v1/ppid/dip')).json() as { entries: { id: number; download: string | null; fromRequest: string | null }[] };
    const entry = api.entries.find((e) => e.id === dip[0].id)!;
    expect(entry.download).toMatch(new RegExp(`/ppid/dip/${dip[0].id}/berkas$`));
    expect(entry.fromRequest).toMatch(new RegExp(`/ppid/register#r-${row.id}$`));

    // the requester objects; the atasan rejects; the PPID records the dispute, then closes it
    await requester.get(follow);
    expect((await requester.post(`${follow}/keberatan`, { ground: 'f', reason: 'Salinan cetak dikenai biaya yang tidak wajar.' })).status).toBe(303);
    const atasan = await staff('ppid_atasan', ROOT);
    await atasan.get(base);
    expect((await atasan.post(`${base}/keberatan`, { decision: 'rejected', answer: 'Biaya hanya ongkos salin.' })).status).toBe(303);
    t.ctx.clock.set(new Date('2026-12-22T03:00:00Z'));
    await ppid.get(base);
    expect(ppid.lastHtml).toContain(`action="${base}/sengketa"`);
    expect((await ppid.post(`${base}/sengketa`, { filed_on: '2026-12-23', register_number: 'REG-1' })).status).toBe(422);
    expect(ppid.lastHtml).toContain('Tanggal ini belum tiba.');
    expect((await ppid.post(`${base}/sengketa`, { filed_on: '2026-12-21', register_number: '' })).status).toBe(422);
    expect((await ppid.post(`${base}/sengketa`, { filed_on: '2026-12-21', register_number: '012/XII/KI-SS/PSI/2026' })).status).toBe(303);
    expect((await state(row.id)).state).toBe('dispute');
    await requester.get(follow);
    expect(requester.lastHtml).toContain('Sengketa dicatat di Komisi Informasi (nomor 012/XII/KI-SS/PSI/2026)');
    // closing is only for staff of the request's unit, and only once the PPID's part is done
    expect((await new Client(t.app).post(`${base}/tutup`, { confirm: 'ya' }, { csrf: false })).status).toBe(403);
    const other = await staff('ppid_officer', '16.71.opd.dinkes');
    await other.get('/petugas/ppid/permohonan');
    expect((await other.post(`${base}/tutup`, { confirm: 'ya' })).status).toBe(404);
    await ppid.get(base);
    expect((await ppid.post(`${base}/tutup`, { confirm: 'ya' })).status).toBe(303);
    const closed = await state(row.id);
    expect(closed.state).toBe('closed');
    expect(closed.closed_at).not.toBeNull();
    await ppid.get(base);
    expect((await ppid.post(`${base}/tutup`, { confirm: 'ya' })).status).toBe(409);

    const reg = await (await anon.get('/ppid/register')).text();
    expect(reg).toContain('nomor register 012/XII/KI-SS/PSI/2026');
    expect(reg).toContain('Selesai pada');
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'ppid_request').where('subject_id', '=', String(row.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action).slice(-2)).toEqual(['ppid.request.dispute_recorded', 'ppid.request.closed']);
    expect(await t.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'ppid.dip.published_from_request').execute()).toHaveLength(1);
    t.ctx.clock.set(undefined);
  });
});

describe('withdrawn', () => {
  it('by the requester through the follow link (one question), or by staff with a reason; gone from the register', async () => {
    t.ctx.clock.set(new Date('2026-12-15T03:00:00Z'));
    const { c, follow, row } = await askAnonymously({ details: 'Rencana kerja dinas pendidikan 2027' });
    await c.get(follow);
    expect(c.lastHtml).toContain(`href="${follow}/tarik"`);
    await c.get(`${follow}/tarik`);
    expect(c.lastHtml).toContain('Cabut permohonan?');
    expect((await c.post(`${follow}/tarik`, { confirm: 'ya', reason: 'Sudah saya temukan di situs dinas.' })).status).toBe(303);
    expect((await c.post(`${follow}/tarik`, { confirm: 'ya', reason: '' })).status).toBe(303);
    const w = await state(row.id);
    expect(w.state).toBe('withdrawn');
    expect(w.withdrawn_by).toBe('requester');
    await c.get(follow);
    expect(c.lastHtml).toContain('Dicabut oleh pemohon');
    expect(c.lastHtml).not.toContain('Batas pemberitahuan tertulis');
    // signed in: never answered from the 5-second page cache
    const reg = await (await (await staff('ppid_officer', ROOT)).get('/ppid/register')).text();
    expect(reg).toContain('permohonan. Halaman 1');
    expect(reg).not.toContain(row.number);

    const second = await askAnonymously({ details: 'Data jalan rusak 2026' });
    const ppid = await staff('ppid_officer', ROOT);
    const base = `/petugas/ppid/permohonan/${second.row.id}`;
    await ppid.get(base);
    expect((await ppid.post(`${base}/tarik`, { withdraw_reason: '' })).status).toBe(422);
    expect(ppid.lastHtml).toContain('Isi alasan pencabutan.');
    expect((await ppid.post(`${base}/tarik`, { withdraw_reason: 'Surat pencabutan pemohon 15 Desember.' })).status).toBe(303);
    expect((await state(second.row.id)).withdrawn_by).toBe('staff');
    await ppid.get(base);
    expect((await ppid.post(`${base}/tarik`, { withdraw_reason: 'lagi' })).status).toBe(409);
    t.ctx.clock.set(undefined);
  });
});

describe('the annual report', () => {
  it('counts the register: outcomes, working days taken, grounds, objections, disputes; CSV and PDF; Monev figures with evidence', async () => {
    t.ctx.clock.set(new Date('2026-12-28T03:00:00Z'));
    const anon = await staff('ppid_atasan', ROOT);
    expect((await anon.get('/ppid/laporan')).headers.get('location')).toBe('/ppid/laporan/2026');
    expect((await anon.get('/ppid/laporan/2027')).status).toBe(404);
    const page = await anon.get('/ppid/laporan/2026');
    expect(page.status).toBe(200);
    const rows = await t.ctx.db.selectFrom('ppid_requests').selectAll().where('year', '=', 2026).execute();
    const html = anon.lastHtml;
    expect(html).toContain('Laporan Layanan Informasi Publik 2026');
    const cell = (label: string) => new RegExp(`<td>${label}</td><td class="num">([^<]*)</td>`).exec(html)?.[1];
    expect(cell('Jumlah')).toBe(String(rows.length));
    expect(cell('Dicabut')).toBe(String(rows.filter((r) => r.state === 'withdrawn').length));
    expect(cell('Diberikan seluruhnya')).toBe(String(rows.filter((r) => r.outcome === 'fulfilled').length));
    expect(cell('Sengketa yang diajukan ke Komisi Informasi')).toBe('1');
    // answered 17 December, received Monday 14 December: 3 working days
    expect(cell('Median \\(hari kerja\\)')).toBe('3');
    expect(cell('0–3 hari kerja')).toBe('1');
    expect(html).toContain('href="/ppid/register#dik"');
    expect(html).toContain('href="/data/ppid-dip"');

    const bytes = Buffer.from(await (await anon.get('/ppid/laporan/2026.csv')).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8');
    expect(csv).toContain('Bagian,Uraian,Nilai');
    expect(csv).toContain(`Permohonan informasi,Jumlah,${rows.length}`);
    expect(csv).toContain('Sengketa informasi,Sengketa yang diajukan ke Komisi Informasi,1');

    const pdf = await anon.get('/ppid/laporan/2026.pdf');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ppid-report-'));
    const file = path.join(dir, 'r.pdf');
    fs.writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    fs.rmSync(dir, { recursive: true, force: true });
    expect(text).toContain('Laporan Layanan Informasi Publik 2026');
    expect(text).toContain('Sengketa yang diajukan ke Komisi Informasi');
    expect(text).toMatch(/Median \(hari kerja\)\s+3/);
    t.ctx.clock.set(undefined);
  });

  it('median of working days', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });
});

describe('the register, page by page, and its JSON', () => {
  it('20 a page with the true count; the JSON twin and the FAQ API are in /openapi.json', async () => {
    const root = await t.ctx.db.selectFrom('units').select('id').where('code', '=', ROOT).executeTakeFirstOrThrow();
    const at = new Date('2025-03-03T03:00:00Z');
    await t.ctx.db.insertInto('ppid_requests').values(Array.from({ length: 25 }, (_, i) => ({
      number: `${String(i + 1).padStart(3, '0')}/PPID/III/2025`, year: 2025, seq: i + 1, idempotency_key: `bulk-register-${i}`, follow_hash: `bulk-register-${i}`,
      channel: 'letter' as const, requester_kind: 'individual' as const, identity_public: false, name: 'X', address: 'Y', details: `Permohonan arsip nomor ${i + 1}`, purpose: 'Z',
      obtain: 'softcopy', receive: 'email', received_at: at, registered_at: at, unit_id: root.id, state: 'closed' as const, closed_at: at,
    }))).execute();
    const total = Number((await t.ctx.db.selectFrom('ppid_requests').select((eb) => eb.fn.countAll<string>().as('n')).where('state', '!=', 'withdrawn').executeTakeFirstOrThrow()).n);
    const anon = await staff('ppid_atasan', ROOT);
    await anon.get('/ppid/register');
    const pages = Math.ceil(total / 20);
    expect(anon.lastHtml).toContain(`${total} permohonan. Halaman 1 dari ${pages}.`);
    expect((anon.lastHtml.match(/<article class="card" id="r-/g) ?? []).length).toBe(20);
    expect(anon.lastHtml).toContain('href="/ppid/register?halaman=2"');
    await anon.get(`/ppid/register?halaman=${pages}`);
    expect((anon.lastHtml.match(/<article class="card" id="r-/g) ?? []).length).toBe(total - 20 * (pages - 1));
    expect(anon.lastHtml).toContain('Permohonan arsip nomor 1<');

    const json = await (await anon.get('/api/v1/ppid/register?halaman=2')).json() as { total: number; page: number; pages: number; entries: { number: string; requester: string | null }[] };
    expect(json.total).toBe(total);
    expect(json.page).toBe(2);
    expect(json.entries.length).toBe(Math.min(20, total - 20));
    expect(json.entries.every((e) => e.requester === null)).toBe(true);
    expect((await anon.get('/api/v1/ppid/register?halaman=abc')).status).toBe(422);
    const spec = await (await anon.get('/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/ppid/register', '/api/v1/ppid/dip', '/api/v1/faq']));
  });
});

describe('the overdue list', () => {
  it('its two cut-offs agree with the per-request clock at every instant, over cuti bersama and extensions', async () => {
    const root = await t.ctx.db.selectFrom('units').select('id').where('code', '=', ROOT).executeTakeFirstOrThrow();
    const starts = ['2026-12-01', '2026-12-04', '2026-12-11', '2026-12-14', '2026-12-18', '2026-12-23', '2026-12-24', '2026-12-28', '2027-01-04'];
    await t.ctx.db.insertInto('ppid_requests').values(starts.flatMap((d, i) => [false, true].map((ext) => {
      const at = new Date(`${d}T16:30:00Z`); // 23.30 WIB: still that day
      return {
        number: `${900 + i * 2 + Number(ext)}/PPID/XII/2024`, year: 2024, seq: 900 + i * 2 + Number(ext), idempotency_key: `bulk-overdue-${i}-${ext}`, follow_hash: `bulk-overdue-${i}-${ext}`,
        channel: 'letter' as const, requester_kind: 'individual' as const, identity_public: false, name: 'X', address: 'Y', details: 'Z', purpose: 'Z', obtain: 'softcopy', receive: 'email',
        received_at: at, registered_at: at, unit_id: root.id, state: ext ? 'extended' as const : 'in_progress' as const, extended_at: ext ? new Date(at.getTime() + 86_400_000) : null,
      };
    }))).execute();
    const open = await t.ctx.db.selectFrom('ppid_requests as r').leftJoin('units as u', 'u.id', 'r.unit_id').selectAll('r').select(['u.code as unit_code', 'u.name as unit_name', 'u.path as unit_path'])
      .where('r.state', 'in', ['submitted', 'in_progress', 'extended']).execute();
    for (const now of ['2026-12-15T03:00:00Z', '2026-12-30T16:59:59Z', '2026-12-30T17:00:01Z', '2027-01-08T03:00:00Z', '2027-01-13T03:00:00Z', '2027-02-01T03:00:00Z']) {
      t.ctx.clock.set(new Date(now));
      const expected = [];
      for (const r of open) if ((await clockOf(t.ctx, r, 'receipt')).noticeOverdue) expected.push(r.id);
      const got = await overdueList(t.ctx.db, t.ctx.calendar, 'receipt', new Date(now), null, 1000);
      expect(got.count, now).toBe(expected.length);
      expect(got.rows.map((r) => r.id).sort((a, b) => a - b), now).toEqual(expected.sort((a, b) => a - b));
    }
    t.ctx.clock.set(undefined);
  });
});

describe('small pages', () => {
  it('/ppid, /ppid/permohonan/baru and /tanya: HTML and stylesheet at most 30 KB compressed', async () => {
    const anon = new Client(t.app);
    for (const p of ['/ppid', '/ppid/permohonan/baru', '/tanya']) {
      const res = await anon.get(p);
      expect(res.status, p).toBe(200);
      const html = anon.lastHtml;
      let bytes = zlib.gzipSync(html).length;
      for (const m of html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)) bytes += zlib.gzipSync(Buffer.from(await (await anon.get(m[1])).arrayBuffer())).length;
      expect(bytes, p).toBeLessThanOrEqual(30 * 1024);
    }
  });
});
