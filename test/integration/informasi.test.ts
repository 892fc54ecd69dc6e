// The Informasi sections berita and agenda on the real app, in one file (one app start for both).
// Berita: an editor of a kecamatan writes a draft with an image (not
// public, previewable by the unit only), publishes it for later (appears by itself when ctx.clock
// passes the time), archives it; another kecamatan cannot touch it; the public list, article with
// JSON-LD and Open Graph, Atom feed, export rows, freshness and search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../helpers.ts';
import { signInAs } from '../auth-helpers.ts';
import { png } from '../../src/platform/files/test-fixtures.ts';
import { parseEvents } from '../../src/modules/agenda/module.ts';

let t: TestApp;
const X = '16.71.01';
const Y = '16.71.07';
const mod = (id: string) => t.ctx.modules.find((m) => m.id === id)!;
const beritaFreshness = (ctx: TestApp['ctx']) => mod('berita').freshness!(ctx);
const agendaFreshness = (ctx: TestApp['ctx']) => mod('agenda').freshness!(ctx);
const beritaExport = { rows: (ctx: TestApp['ctx']) => mod('berita').exports!['berita.items'].rows(ctx) };
const agendaExport = { rows: (ctx: TestApp['ctx']) => mod('agenda').exports!['agenda.events'].rows(ctx) };

async function staff(unitCode: string, role: 'unit_admin' | 'officer' = 'unit_admin') {
  const c = new Client(t.app);
  await signInAs(t, c, { kind: 'staff', grants: [{ role, unitCode }] });
  return c;
}

/** The multipart form as a browser sends it: the CSRF token first. */
async function postItem(c: Client, path: string, fields: Record<string, string>, image?: Uint8Array) {
  await c.get(path);
  const form = new FormData();
  form.append('_csrf', c.csrf());
  const idem = /name="idem" value="([^"]+)"/.exec(c.lastHtml)?.[1] ?? '';
  for (const [k, v] of Object.entries({ idem, ...fields })) form.append(k, v);
  if (image) form.append('gambar', new Blob([new Uint8Array(image)], { type: 'image/png' }), 'foto.png');
  const res = await c.request(path, { method: 'POST', body: form });
  if (res.headers.get('content-type')?.includes('text/html')) c.lastHtml = await res.clone().text();
  return res;
}
const fields = (over: Record<string, string> = {}) => ({
  kind: 'pengumuman', title: 'Penutupan Jalan Merdeka untuk perbaikan', slug: '', summary: 'Jalan Merdeka ditutup tiga hari mulai Senin.',
  body: 'Jalan ditutup untuk perbaikan saluran.\n\nJalur pengganti:\n- Jalan Sudirman\n- Jalan Kapten Rivai\n\n<script>alert(1)</script>', owner: X, alt: 'Peta penutupan jalan', ...over,
});
const item = (slug: string) => t.ctx.db.selectFrom('berita_items').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
let anon: Client;
const publicGet = async (p: string) => { const r = await anon.get(p); return { status: r.status, text: await r.text(), type: r.headers.get('content-type') ?? '' }; };

beforeAll(async () => {
  t = await createTestApp();
  anon = new Client(t.app);
  // a citizen session: public pages, never from the anonymous page cache
  await signInAs(t, anon, { kind: 'citizen' });
});
afterAll(() => t.close());

describe('berita', () => {
  it('a draft with an image: one item for a double submit, not public, previewed by its unit only, audited', async () => {
    const ed = await staff(X);
    const path = '/petugas/berita/baru';
    await ed.get(path);
    const idem = /name="idem" value="([^"]+)"/.exec(ed.lastHtml)![1];
    const send = async () => {
      const form = new FormData();
      form.append('_csrf', ed.csrf());
      for (const [k, v] of Object.entries({ idem, ...fields() })) form.append(k, v);
      form.append('gambar', new Blob([new Uint8Array(await png(800, 600))], { type: 'image/png' }), 'foto.png');
      return ed.request(path, { method: 'POST', body: form });
    };
    const first = await send();
    expect(first.status).toBe(303);
    expect((await send()).status).toBe(303);
    const rows = await t.ctx.db.selectFrom('berita_items').selectAll().where('title', '=', fields().title).execute();
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row).toMatchObject({ slug: 'penutupan-jalan-merdeka-untuk-perbaikan', status: 'draft', publish_at: null });
    const img = await t.ctx.db.selectFrom('berita_images').selectAll().where('item_id', '=', row.id).executeTakeFirstOrThrow();
    expect(img).toMatchObject({ width: 800, height: 600, alt: 'Peta penutupan jalan' });
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'berita_item').where('subject_id', '=', String(row.id)).execute();
    expect(audit.map((a) => a.action)).toEqual(['berita.created']);

    expect((await publicGet(`/berita/${row.slug}`)).status).toBe(404);
    expect((await publicGet('/berita')).text).not.toContain(row.title);
    expect((await publicGet(`/berita/gambar/${img.file_id}`)).status).toBe(404);
    const preview = await ed.get(`/petugas/berita/${row.id}/pratinjau`);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<li>Jalan Sudirman</li>');
    expect((await ed.get(`/berita/gambar/${img.file_id}`)).status).toBe(200);

    // another kecamatan neither sees nor changes it
    const other = await staff(Y);
    expect((await other.get(`/petugas/berita/${row.id}`)).status).toBe(404);
    expect((await other.get(`/petugas/berita/${row.id}/pratinjau`)).status).toBe(404);
    expect(await (await other.get('/petugas/berita')).text()).not.toContain(row.title);
    expect((await other.get(`/berita/gambar/${img.file_id}`)).status).toBe(404);
    // nor writes on X's behalf
    const res = await postItem(other, '/petugas/berita/baru', fields({ title: 'Atas nama kecamatan lain', owner: X }));
    expect(res.status).toBe(422);
    expect(other.lastHtml).toContain('Anda hanya dapat menulis atas nama unit Anda.');
  });

  it('scheduled for tomorrow: not public until ctx.clock passes the time, then listed, in the feed, fresh', async () => {
    const ed = await staff(X);
    const row = await item('penutupan-jalan-merdeka-untuk-perbaikan');
    const base = new Date('2026-12-02T03:00:00Z');
    t.ctx.clock.set(base);
    await ed.get(`/petugas/berita/${row.id}`);
    // 2026-12-03 08:00 WIB = 01:00 UTC
    const res = await ed.post(`/petugas/berita/${row.id}/terbitkan`, { tanggal: '2026-12-03', jam: '08:00' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/petugas/berita?pesan=dijadwalkan');
    expect((await item(row.slug)).status).toBe('scheduled');
    expect((await item(row.slug)).publish_at!.toISOString()).toBe('2026-12-03T01:00:00.000Z');
    expect((await publicGet(`/berita/${row.slug}`)).status).toBe(404);
    expect((await publicGet('/berita/feed.atom')).text).not.toContain(row.title);

    t.ctx.clock.set(new Date('2026-12-03T01:00:01Z'));
    const page = await publicGet(`/berita/${row.slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<meta property="og:title" content="Penutupan Jalan Merdeka untuk perbaikan"/>');
    expect(page.text).toMatch(/<meta property="og:image" content="[^"]+\/berita\/gambar\/[A-Za-z0-9_-]{22}"\/>/);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(page.text)![1]) as Record<string, unknown>;
    expect(ld).toMatchObject({ '@type': 'NewsArticle', headline: row.title, datePublished: '2026-12-03T01:00:00.000Z' });
    expect(String(ld.articleBody)).toContain('<script>alert(1)</script>');
    expect(page.text).toMatch(/<img src="\/berita\/gambar\/[^"]+" alt="Peta penutupan jalan" width="800" height="600"/);
    const list = await publicGet('/berita?jenis=pengumuman');
    expect(list.text).toContain(row.title);
    expect((await publicGet('/berita?jenis=berita')).text).not.toContain(row.title);
    const feed = await publicGet('/berita/feed.atom');
    expect(feed.type).toContain('application/atom+xml');
    expect(feed.text).toContain(`<title>${row.title}</title>`);
    expect(feed.text).toMatch(/<link rel="self" type="application\/atom\+xml" href="[^"]+\/berita\/feed\.atom"\/>/);
    const img = await t.ctx.db.selectFrom('berita_images').select('file_id').where('item_id', '=', row.id).executeTakeFirstOrThrow();
    const served = await anon.get(`/berita/gambar/${img.file_id}?ukuran=kecil`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');

    const kec = (await t.ctx.db.selectFrom('units').select('id').where('code', '=', X).executeTakeFirstOrThrow()).id;
    const fresh = await beritaFreshness(t.ctx);
    expect(fresh.find((f) => f.unitId === kec)).toMatchObject({ updatedAt: new Date('2026-12-03T01:00:00Z'), cadence: { days: 7 } });
    const rows = await beritaExport.rows(t.ctx);
    expect(rows.find((r) => r.id === row.id)).toMatchObject({ kind: 'pengumuman', owner: X, published_at: '2026-12-03T01:00:00.000Z' });
    const hits = await t.ctx.modules.find((m) => m.id === 'berita')!.search!('merdeka', t.ctx, 'id');
    expect(hits.some((h) => h.href === `/berita/${row.slug}`)).toBe(true);
    // a week and a bit later the list says it is not updated
    t.ctx.clock.set(new Date('2026-12-11T02:00:00Z'));
    expect((await publicGet('/berita')).text).toMatch(/class="stale"[^>]*>[^<]*belum diperbarui sejak 3 Desember 2026/i);
  });

  it('an edit keeps the slug, adds a second image, and is audited', async () => {
    const ed = await staff(X);
    const row = await item('penutupan-jalan-merdeka-untuk-perbaikan');
    const res = await postItem(ed, `/petugas/berita/${row.id}`, fields({ title: 'Penutupan Jalan Merdeka diperpanjang', alt: 'Foto lokasi' }), await png(300, 200));
    expect(res.status).toBe(303);
    const after = await item(row.slug);
    expect(after.title).toBe('Penutupan Jalan Merdeka diperpanjang');
    expect(await t.ctx.db.selectFrom('berita_images').select('id').where('item_id', '=', row.id).execute()).toHaveLength(2);
    const last = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'berita_item').where('subject_id', '=', String(row.id)).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last.action).toBe('berita.updated');
    await postItem(ed, `/petugas/berita/${row.id}`, fields({ alt: '' }));
  });

  it('archived: gone from the public pages and the feed', async () => {
    const ed = await staff(X);
    const row = await item('penutupan-jalan-merdeka-untuk-perbaikan');
    await ed.get(`/petugas/berita/${row.id}`);
    expect((await ed.post(`/petugas/berita/${row.id}/arsipkan`, {})).status).toBe(303);
    expect((await item(row.slug)).status).toBe('archived');
    expect((await publicGet(`/berita/${row.slug}`)).status).toBe(404);
    expect((await publicGet('/berita/feed.atom')).text).not.toContain(row.title);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'berita_item').where('subject_id', '=', String(row.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['berita.created', 'berita.scheduled', 'berita.updated', 'berita.updated', 'berita.archived']);
    t.ctx.clock.set(undefined);
  });

  it('bad input: per-field errors, values kept, 422; a taken slug is refused', async () => {
    const ed = await staff(X);
    const res = await postItem(ed, '/petugas/berita/baru', fields({ title: 'abc', summary: '', kind: '' }));
    expect(res.status).toBe(422);
    expect(ed.lastHtml).toContain('Tulis judul, paling sedikit 5 huruf.');
    expect(ed.lastHtml).toContain('Pilih jenis: berita atau pengumuman.');
    expect(ed.lastHtml).toContain('Jalan ditutup untuk perbaikan saluran.');
    const dup = await postItem(ed, '/petugas/berita/baru', fields({ slug: 'penutupan-jalan-merdeka-untuk-perbaikan' }));
    expect(dup.status).toBe(422);
    expect(ed.lastHtml).toContain('Alamat ini sudah dipakai berita lain.');
    const noAlt = await postItem(ed, '/petugas/berita/baru', fields({ alt: '' }), await png(40, 30));
    expect(noAlt.status).toBe(422);
    expect(ed.lastHtml).toContain('Tulis keterangan gambar.');
  });
});

// Agenda: an officer of a kecamatan adds events (timed in WIB, all-day), the public list groups them
// by date in words, past ones move behind the filter by ctx.clock, the feed carries them (cancelled
// → STATUS:CANCELLED), another kecamatan cannot touch them.
describe('agenda', () => {
  const event = (over: Record<string, string> = {}) => ({
    title: 'Musyawarah warga tentang drainase', location: 'Aula Kecamatan, Jl. Merdeka; lantai 2', organiser: X, start_date: '2026-12-10', start_time: '09:00',
    end_date: '', end_time: '11:30', description: 'Terbuka untuk umum.', ...over,
  });
  const row = (title: string) => t.ctx.db.selectFrom('agenda_events').selectAll().where('title', '=', title).executeTakeFirstOrThrow();

  it('an officer adds a timed and an all-day event; one record per form; audited; public, grouped by date', async () => {
    t.ctx.clock.set(new Date('2026-12-02T03:00:00Z'));
    const ed = await staff(X, 'officer');
    await ed.get('/petugas/agenda/baru');
    const idem = /name="idem" value="([^"]+)"/.exec(ed.lastHtml)![1];
    expect((await ed.post('/petugas/agenda/baru', { idem, ...event() })).status).toBe(303);
    await ed.get('/petugas/agenda/baru');
    expect((await ed.post('/petugas/agenda/baru', { idem, ...event() }, { csrf: true })).status).toBe(303);
    const timed = await row(event().title);
    expect(await t.ctx.db.selectFrom('agenda_events').select('id').where('title', '=', event().title).execute()).toHaveLength(1);
    // 09:00 WIB = 02:00 UTC
    expect(timed.starts_at.toISOString()).toBe('2026-12-10T02:00:00.000Z');
    expect(timed.ends_at.toISOString()).toBe('2026-12-10T04:30:00.000Z');
    await ed.get('/petugas/agenda/baru');
    expect((await ed.post('/petugas/agenda/baru', { ...event({ title: 'Hari bebas kendaraan bermotor', all_day: '1', start_time: '', end_time: '', start_date: '2026-12-13', end_date: '2026-12-14' }), idem: 'second-form-key' })).status).toBe(303);
    const allDay = await row('Hari bebas kendaraan bermotor');
    expect(allDay).toMatchObject({ all_day: true });
    expect(allDay.starts_at.toISOString()).toBe('2026-12-12T17:00:00.000Z');
    expect(allDay.ends_at.toISOString()).toBe('2026-12-14T17:00:00.000Z');
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'agenda_event').execute();
    expect(audit.map((a) => a.action)).toEqual(['agenda.created', 'agenda.created']);

    const page = await publicGet('/agenda');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h2>Kamis, 10 Desember 2026</h2>');
    expect(page.text).toContain('09.00–11.30 WIB');
    expect(page.text).toContain('Minggu, 13 Desember 2026 sampai Senin, 14 Desember 2026');
    expect(page.text.indexOf(event().title)).toBeLessThan(page.text.indexOf('Hari bebas kendaraan bermotor'));
    expect((await publicGet(`/agenda/${timed.id}`)).text).toContain('Aula Kecamatan, Jl. Merdeka; lantai 2');
    const kec = (await t.ctx.db.selectFrom('units').select('id').where('code', '=', X).executeTakeFirstOrThrow()).id;
    expect((await agendaFreshness(t.ctx)).find((f) => f.unitId === kec)).toMatchObject({ cadence: { days: 7 }, href: '/agenda' });
    expect((await agendaExport.rows(t.ctx)).find((r) => r.id === timed.id)).toMatchObject({ starts_at: '2026-12-10T02:00:00.000Z', all_day: false, organiser: X, status: 'scheduled' });
  });

  it('bad input: field errors and values kept; end before start refused', async () => {
    const ed = await staff(X, 'officer');
    await ed.get('/petugas/agenda/baru');
    const idem = /name="idem" value="([^"]+)"/.exec(ed.lastHtml)![1];
    const res = await ed.post('/petugas/agenda/baru', { idem, ...event({ title: 'Rap', start_date: '10-12-2026' }) });
    expect(res.status).toBe(422);
    expect(ed.lastHtml).toContain('Tulis nama kegiatan, paling sedikit 5 huruf.');
    expect(ed.lastHtml).toContain('Tulis tanggal seperti 2026-12-31.');
    expect(ed.lastHtml).toContain('value="Aula Kecamatan, Jl. Merdeka; lantai 2"');
    const back = await ed.post('/petugas/agenda/baru', { idem, ...event({ title: 'Rapat terbalik', end_time: '08:00' }) });
    expect(back.status).toBe(422);
    expect(ed.lastHtml).toContain('Waktu selesai harus sesudah waktu mulai.');
  });

  it('an edit moves the event and is audited', async () => {
    const ed = await staff(X, 'officer');
    const timed = await row(event().title);
    await ed.get(`/petugas/agenda/${timed.id}`);
    expect(ed.lastHtml).toContain('value="09:00"');
    expect((await ed.post(`/petugas/agenda/${timed.id}`, { idem: 'edit-form-key', ...event({ start_time: '10:00', end_time: '12:00' }) })).status).toBe(303);
    expect((await row(event().title)).starts_at.toISOString()).toBe('2026-12-10T03:00:00.000Z');
    await ed.post(`/petugas/agenda/${timed.id}`, { idem: 'edit-form-key', ...event() });
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'agenda_event').where('subject_id', '=', String(timed.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['agenda.created', 'agenda.updated', 'agenda.updated']);
  });

  it('another kecamatan cannot see or change the events', async () => {
    const other = await staff(Y, 'officer');
    const timed = await row(event().title);
    expect((await other.get(`/petugas/agenda/${timed.id}`)).status).toBe(404);
    expect(await (await other.get('/petugas/agenda')).text()).not.toContain(event().title);
    await other.get('/petugas/agenda/baru');
    const res = await other.post('/petugas/agenda/baru', { idem: 'other-unit-key', ...event({ title: 'Atas nama kecamatan lain' }) });
    expect(res.status).toBe(422);
    expect(other.lastHtml).toContain('Anda hanya dapat mengisi agenda unit Anda.');
  });

  it('cancelled: marked on the page and STATUS:CANCELLED in the feed; past events move behind the filter', async () => {
    const ed = await staff(X, 'officer');
    const timed = await row(event().title);
    await ed.get(`/petugas/agenda/${timed.id}`);
    expect((await ed.post(`/petugas/agenda/${timed.id}/status`, { status: 'cancelled' })).status).toBe(303);
    expect((await publicGet(`/agenda/${timed.id}`)).text).toContain('Kegiatan ini dibatalkan.');
    const feed = await anon.get('/agenda.ics');
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const ics = await feed.text();
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\nPRODID:/);
    const events = parseEvents(ics);
    const e = events.find((v) => v.SUMMARY.value === event().title)!;
    expect(e.STATUS.value).toBe('CANCELLED');
    expect(e.LOCATION.value).toBe('Aula Kecamatan, Jl. Merdeka; lantai 2');
    expect(e.DTSTART).toMatchObject({ params: { TZID: 'Asia/Jakarta' }, value: '20261210T090000' });
    expect(e.UID.value).toBe(`agenda-${timed.id}@localhost`);
    expect(e.DTSTAMP.value).toBe('20261202T030000Z');
    expect(events.find((v) => v.SUMMARY.value === 'Hari bebas kendaraan bermotor')!.DTSTART.value).toBe('20261213');

    t.ctx.clock.set(new Date('2026-12-11T00:00:00Z'));
    expect((await publicGet('/agenda')).text).not.toContain(event().title);
    expect((await publicGet('/agenda?waktu=lalu')).text).toContain(event().title);
    expect((await publicGet('/agenda')).text).toContain('Hari bebas kendaraan bermotor');
    const hits = await t.ctx.modules.find((m) => m.id === 'agenda')!.search!('kendaraan', t.ctx, 'id');
    expect(hits.some((h) => h.title === 'Hari bebas kendaraan bermotor')).toBe(true);

    await ed.get(`/petugas/agenda/${timed.id}`);
    expect((await ed.post(`/petugas/agenda/${timed.id}/hapus`, {})).status).toBe(303);
    expect((await publicGet(`/agenda/${timed.id}`)).status).toBe(404);
    t.ctx.clock.set(undefined);
  });
});
