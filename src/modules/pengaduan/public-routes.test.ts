// The public and reporter pages: an anonymous reporter files in two pages with a GPS-tagged photo
// (twice: one complaint), the public page shows it without identity and the photo without EXIF;
// rahasia is absent from the page, list and feed but open to its follow link and the handling unit;
// "Sudah selesai?" no reopens with the reason, yes closes and satisfaction invites the owner.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import type { Actor } from '../../platform/access/can.ts';
import { jpegWithGps } from '../../platform/files/test-fixtures.ts';
import { runDueJobs } from '../../platform/jobs/worker.ts';
import { createComplaint } from './service.ts';
import { followHref, followToken } from './public-flow.ts';
import { takeStep } from './workflow.ts';
import * as repo from './repo.ts';

let t: TestApp;
let kec: { id: number; code: string }, kel: { id: number };
let pupr: Actor, supervisor: Actor;

async function staff(role: string, code: string): Promise<Actor> {
  const u = (await repo.unitByCode(t.ctx.db, code))!;
  const row = await t.ctx.db.insertInto('users').values({ kind: 'staff', name: `${role}@${code}` }).returning('id').executeTakeFirstOrThrow();
  return { kind: 'staff', userId: row.id, name: `${role}@${code}`, grants: [{ role, unitId: u.id, unitPath: u.path }] };
}
const by = (actor: Actor) => ({ actor, audit: { id: actor.kind === 'anonymous' ? null : actor.userId, label: 'test' } });

/** Officer and supervisor take a complaint from received to resolved. */
async function resolve(id: number) {
  await takeStep(t.ctx, id, { kind: 'verify' }, by(pupr));
  await takeStep(t.ctx, id, { kind: 'start' }, by(pupr));
  await takeStep(t.ctx, id, { kind: 'report_follow_up', note: 'Lubang sudah ditambal' }, by(pupr));
  await takeStep(t.ctx, id, { kind: 'accept_follow_up' }, by(supervisor));
}

beforeAll(async () => {
  t = await createTestApp();
  const areas = await repo.areas(t.ctx.db);
  const k = areas.find((a) => a.kind === 'kecamatan')!;
  kec = { id: k.id, code: k.code };
  kel = areas.find((a) => a.parentId === k.id)!;
  pupr = await staff('officer', '16.71.opd.pupr');
  supervisor = await staff('approver', '16.71.opd.bagian-organisasi');
});
afterAll(async () => { await t.close(); });

describe('pengaduan public pages', () => {
  it('files anonymously in two pages with a photo; a double submit makes one complaint; no identity, no EXIF in public', async () => {
    const c = new Client(t.app);
    expect((await c.get('/pengaduan/baru')).status).toBe(200);
    const bad = await c.post('/pengaduan/baru', { kategori: 'jalan-rusak', kecamatan: '', uraian: 'x' });
    expect(bad.status).toBe(422);
    expect(c.lastHtml).toContain('f-kecamatan-err');
    const step1 = { kategori: 'jalan-rusak', kecamatan: String(kec.id), kelurahan: String(kel.id), uraian: 'Jalan berlubang besar di depan sekolah dasar' };
    const two = await c.post('/pengaduan/baru', step1);
    expect(two.status).toBe(200);
    const key = /name="kunci" value="([^"]+)"/.exec(c.lastHtml)![1];
    const jpeg = await jpegWithGps();
    const send = async (fields: Record<string, string>) => {
      const form = new FormData();
      form.append('_csrf', c.csrf());
      for (const [k, v] of Object.entries({ ...step1, kunci: key, alamat: 'Jl. Merdeka 1', ...fields })) form.append(k, v);
      form.append('foto', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'lubang.jpg');
      return c.request('/pengaduan/baru/kirim', { method: 'POST', body: form });
    };
    // no contact for a reporter without an account: the page again, with the error
    const noContact = await send({ privasi: 'anonim', kontak: '' });
    expect(noContact.status).toBe(422);
    expect(await noContact.text()).toContain('f-kontak-err');
    const first = await send({ privasi: 'anonim', kontak: 'Budi.Pelapor@example.id' });
    expect(first.status).toBe(303);
    const again = await send({ privasi: 'anonim', kontak: 'Budi.Pelapor@example.id' });
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    const rows = await t.ctx.db.selectFrom('pengaduan_complaints').select(['id', 'public_id', 'anonim', 'contact_email']).where('description', '=', step1.uraian).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ anonim: true, contact_email: 'budi.pelapor@example.id' });
    const photos = await t.ctx.db.selectFrom('pengaduan_photos').select('file_id').where('complaint_id', '=', rows[0].id).execute();
    expect(photos).toHaveLength(1);
    // the follow link: tracking id large, no contact in the URL
    const loc = first.headers.get('location')!;
    expect(loc).not.toMatch(/budi|example/i);
    const done = await c.get(loc);
    expect(done.status).toBe(200);
    expect(done.headers.get('cache-control')).toContain('no-store');
    expect(c.lastHtml).toContain(`class="code">${rows[0].public_id}`);

    // the public page: no reporter anywhere; the photo without EXIF/GPS/camera
    const anon = new Client(t.app);
    const page = await anon.get(`/pengaduan/${rows[0].public_id}`);
    expect(page.status).toBe(200);
    expect(anon.lastHtml).toContain('Jalan berlubang besar');
    expect(anon.lastHtml.toLowerCase()).not.toContain('budi');
    const src = new RegExp(`/pengaduan/${rows[0].public_id}/foto/${photos[0].file_id}`).exec(anon.lastHtml);
    expect(src).not.toBeNull();
    const img = await anon.get(src![0]);
    expect(img.status).toBe(200);
    const bytes = Buffer.from(await img.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(bytes.includes('GapuraCam')).toBe(false);
    expect((await anon.get(`${src![0]}?ukuran=kecil`)).status).toBe(200);
    // the list and the feed carry it, without identity
    await anon.get(`/pengaduan?kecamatan=${kec.code}`);
    expect(anon.lastHtml).toContain(rows[0].public_id);
    const feed = await (await anon.get(`/pengaduan/feed.atom?kecamatan=${kec.code}`)).text();
    expect(feed).toContain(rows[0].public_id);
    expect(feed.toLowerCase()).not.toContain('budi');
  });

  it('keeps rahasia off the page, list and feed, but open to its follow link and the handling unit', async () => {
    const f = await createComplaint(t.ctx, { categoryCode: 'jalan-rusak', description: 'Rahasia: pungutan di jembatan', channel: 'web', kecamatanId: kec.id, rahasia: true, contactPhone: '+6281200001111' });
    const anon = new Client(t.app);
    expect((await anon.get(`/pengaduan/${f.publicId}`)).status).toBe(404);
    await anon.get('/pengaduan');
    expect(anon.lastHtml).not.toContain(f.publicId);
    expect(await (await anon.get('/pengaduan/feed.atom')).text()).not.toContain(f.publicId);
    expect(await (await anon.get(`/pengaduan/feed.atom?kategori=jalan-rusak&kecamatan=${kec.code}`)).text()).not.toContain(f.publicId);
    const token = followToken(t.ctx.config.secret, f);
    expect((await anon.get(followHref(f.publicId, token))).status).toBe(200);
    expect(anon.lastHtml).toContain('Rahasia: pungutan');
    expect((await anon.get(followHref(f.publicId, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`))).status).toBe(404);
    const officer = new Client(t.app);
    await signInAs(t, officer, { kind: 'staff', grants: [{ role: 'officer', unitCode: '16.71.opd.pupr' }] });
    expect((await officer.get(`/pengaduan/${f.publicId}`)).status).toBe(200);
    const other = new Client(t.app);
    await signInAs(t, other, { kind: 'staff', grants: [{ role: 'officer', unitCode: '16.71.opd.dlh' }] });
    expect((await other.get(`/pengaduan/${f.publicId}`)).status).toBe(404);
    const citizen = new Client(t.app);
    await signInAs(t, citizen, { kind: 'citizen' });
    expect((await citizen.get(`/pengaduan/${f.publicId}`)).status).toBe(404);
  });

  it('"Sudah selesai?": belum reopens with the reason (follow link); ya closes and satisfaction invites the owner', async () => {
    const f = await createComplaint(t.ctx, { categoryCode: 'jalan-rusak', description: 'Lubang di Jl. Sudirman', channel: 'web', kecamatanId: kec.id, contactEmail: 'x@example.id' });
    const href = followHref(f.publicId, followToken(t.ctx.config.secret, f));
    const holder = new Client(t.app);
    await holder.get(href);
    expect(holder.lastHtml).not.toContain('name="selesai"');
    await resolve(f.id);
    await holder.get(href);
    expect(holder.lastHtml).toContain('name="selesai"');
    expect((await holder.post(href, { selesai: 'belum', alasan: '' })).status).toBe(422);
    const no = await holder.post(href, { selesai: 'belum', alasan: 'Lubang masih ada di sisi kiri' });
    expect(no.status).toBe(303);
    let row = (await repo.complaintById(t.ctx.db, f.id))!;
    expect(row.state).toBe('reopened');
    const updates = await repo.updatesOf(t.ctx.db, f.id, { publicOnly: true });
    expect(updates.at(-1)).toMatchObject({ kind: 'reopened', body: 'Lubang masih ada di sisi kiri' });

    // the signed-in owner answers on the public page
    const owner = new Client(t.app);
    const userId = await signInAs(t, owner, { kind: 'citizen' });
    const mine = await createComplaint(t.ctx, { categoryCode: 'jalan-rusak', description: 'Lampu mati di gang', channel: 'web', kecamatanId: kec.id, reporterUserId: userId });
    await resolve(mine.id);
    await owner.get(`/pengaduan/${mine.publicId}`);
    expect(owner.lastHtml).toContain(`action="/pengaduan/${mine.publicId}/jawab"`);
    // someone else cannot answer for the owner
    const stranger = new Client(t.app);
    await signInAs(t, stranger, { kind: 'citizen' });
    await stranger.get(`/pengaduan/${mine.publicId}`);
    expect((await stranger.post(`/pengaduan/${mine.publicId}/jawab`, { selesai: 'ya' })).status).toBe(404);
    const yes = await owner.post(`/pengaduan/${mine.publicId}/jawab`, { selesai: 'ya' });
    expect(yes.status).toBe(303);
    row = (await repo.complaintById(t.ctx.db, mine.id))!;
    expect(row.state).toBe('closed');
    await runDueJobs(t.ctx, 100);
    const inv = await t.ctx.db.selectFrom('satisfaction_invitations').selectAll().where('source', '=', 'pengaduan').where('reference_id', '=', String(mine.id)).execute();
    expect(inv).toHaveLength(1);
    expect(inv[0]).toMatchObject({ user_id: userId, subject: 'jalan-rusak', reference_label: mine.publicId, unit_id: row.routedUnit.id });
  });

  it('a reporter without an account rates through the follow link once "Sudah selesai?" is yes: one rating per complaint', async () => {
    const f = await createComplaint(t.ctx, { categoryCode: 'jalan-rusak', description: 'Aspal terkelupas sepanjang gang', channel: 'web', kecamatanId: kec.id, contactPhone: '+6281299998888' });
    const href = followHref(f.publicId, followToken(t.ctx.config.secret, f));
    const holder = new Client(t.app);
    // before the answer there is nothing to rate
    await holder.get(href);
    expect(holder.lastHtml).not.toContain(`${href}/nilai`);
    expect((await holder.get(`${href}/nilai`)).status).toBe(404);
    await resolve(f.id);
    await holder.get(href);
    const yes = await holder.post(href, { selesai: 'ya' });
    expect(yes.status).toBe(303);
    expect(yes.headers.get('location')).toBe(`${href}/nilai`);
    // a wrong token sees nothing
    expect((await new Client(t.app).get(`${followHref(f.publicId, 'A'.repeat(32))}/nilai`)).status).toBe(404);
    const page = await holder.get(`${href}/nilai`);
    expect(page.status).toBe(200);
    expect(holder.lastHtml).toContain(f.publicId);
    const scores = Object.fromEntries(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'].map((e, i) => [e, String((i % 4) + 1)]));
    const missing = await holder.post(`${href}/nilai`, { ...scores, u9: '', comment: 'Cepat' });
    expect(missing.status).toBe(422);
    expect(holder.lastHtml).toContain('f-u9-err');
    const sent = await holder.post(`${href}/nilai`, { ...scores, comment: 'Cepat diangkut setelah dilaporkan' });
    expect(sent.status).toBe(303);
    expect((await holder.post(`${href}/nilai`, { ...scores, comment: 'lagi' })).status).toBe(409);
    // the confirmed event arrives later: still one invitation, one response, counted in the IKM
    await runDueJobs(t.ctx, 100);
    const inv = await t.ctx.db.selectFrom('satisfaction_invitations').selectAll().where('source', '=', 'pengaduan').where('reference_id', '=', String(f.id)).execute();
    expect(inv).toHaveLength(1);
    expect(inv[0]).toMatchObject({ user_id: null, subject: 'jalan-rusak', reference_label: f.publicId });
    const resp = await t.ctx.db.selectFrom('satisfaction_responses').selectAll().where('invitation_id', '=', inv[0].id).execute();
    expect(resp).toHaveLength(1);
    expect(resp[0]).toMatchObject({ source: 'pengaduan', u1: 1, u4: 4, u9: 1, comment: 'Cepat diangkut setelah dilaporkan' });
    // the follow page no longer offers the rating
    await holder.get(href);
    expect(holder.lastHtml).not.toContain(`${href}/nilai`);
  });

  it('"+1 ikuti" counts a follower once per contact, similar reports are offered before filing, the list shows per-unit figures', async () => {
    const f = await createComplaint(t.ctx, { categoryCode: 'jalan-rusak', description: 'Got tersumbat di Jl. Kapten', channel: 'web', kecamatanId: kec.id });
    const c = new Client(t.app);
    await c.get(`/pengaduan/${f.publicId}`);
    await c.get('/pengaduan/baru');
    expect((await c.post(`/pengaduan/${f.publicId}/ikuti`, { kontak: 'bukan kontak' })).status).toBe(422);
    expect((await c.post(`/pengaduan/${f.publicId}/ikuti`, { kontak: '0812-3456-7890' })).status).toBe(303);
    await c.get('/pengaduan/baru');
    expect((await c.post(`/pengaduan/${f.publicId}/ikuti`, { kontak: '+6281234567890' })).status).toBe(303);
    expect((await repo.complaintById(t.ctx.db, f.id))!.followers).toBe(1);
    // filing the same problem again: page 2 offers to follow the open report first
    await c.get('/pengaduan/baru');
    const two = await c.post('/pengaduan/baru', { kategori: 'jalan-rusak', kecamatan: String(kec.id), kelurahan: '', uraian: 'Got tersumbat di Jl. Kapten lagi' });
    expect(two.status).toBe(200);
    expect(c.lastHtml).toContain(`action="/pengaduan/${f.publicId}/ikuti"`);
    await c.get('/pengaduan');
    expect(c.lastHtml).toContain('rel="alternate"');
    // nothing is due yet: a report still inside its deadline is not shown as answered late
    expect(c.lastHtml).not.toMatch(/0% \(0 dari/);
    t.ctx.clock.set(new Date(Date.now() + 30 * 86_400_000));
    try {
      // (another query string: the anonymous page cache keeps the first answer for a few seconds)
      await c.get('/pengaduan?kategori=jalan-rusak');
      // now every report's deadline has come: the share is shown, of the reports due
      expect(c.lastHtml).toMatch(/\d+(\.\d)?% \(\d+ dari \d+\)/);
    } finally {
      t.ctx.clock.set(undefined);
    }
  });
});
