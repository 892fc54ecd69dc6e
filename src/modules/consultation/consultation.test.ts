// The consultation module on the real app: asking (deadline in working days from ctx.clock, the
// responsible unit, idempotent submit, follow link), the unit's queue and its scope, answering and
// publishing with masking, "saya juga" once per person, escalation (idempotent), the review flag
// when layanan changes a service's standard, figures, export and API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, unitsForTest, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import { runDueJobs } from '../../platform/jobs/worker.ts';
import { datasetRows } from '../../platform/figures.ts';
import { maskPersonalData } from './mask.ts';
import { escalateOverdue, figures, followKey } from './service.ts';
import { erasePersonalData, exportPersonalData } from './personal-data.ts';

let t: TestApp;
let u: Awaited<ReturnType<typeof unitsForTest>>;
const SKTM = 'surat-keterangan-tidak-mampu';
// Friday 6 February 2026, 10:00 WIB: three working days later is the end of Wednesday 11 February
const FRIDAY = new Date('2026-02-06T03:00:00Z');

const questionRow = (tracking: string) => t.ctx.db.selectFrom('consultation_questions').selectAll().where('tracking', '=', tracking).executeTakeFirstOrThrow();

async function staff(role: 'officer' | 'approver' | 'unit_admin' | 'platform_admin', unitCode: string) {
  const c = new Client(t.app);
  await signInAs(t, c, { kind: 'staff', grants: [{ role, unitCode }] });
  return c;
}

/** Ask through both steps as `c`; returns the tracking id and the follow link. */
async function ask(c: Client, over: Record<string, string> = {}) {
  await c.get('/tanya/baru');
  const step1 = await c.post('/tanya/baru', { question: over.question ?? 'Bagaimana cara mengurus SKTM untuk berobat?', topic: over.topic ?? `layanan:${SKTM}` });
  expect(step1.status).toBe(200);
  const idem = /name="idem" value="([^"]+)"/.exec(c.lastHtml)![1];
  const form = { question: over.question ?? 'Bagaimana cara mengurus SKTM untuk berobat?', topic: over.topic ?? `layanan:${SKTM}`, kelurahan: over.kelurahan ?? u.kelX.code, contact: over.contact ?? 'warga@example.test', idem: over.idem ?? idem };
  const res = await c.post('/tanya/baru/kirim', form);
  expect(res.status, c.lastHtml.match(/<p class="err"[^>]*>[^<]*/g)?.join(' ')).toBe(303);
  const href = res.headers.get('location')!;
  return { tracking: /TNY-[A-Z0-9]{8}/.exec(href)![0], href, form };
}

beforeAll(async () => {
  t = await createTestApp();
  u = await unitsForTest(t);
});
afterAll(async () => { t.ctx.clock.set(undefined); await t.close(); });

describe('asking', () => {
  it('routes an SKTM question to the asker\'s kelurahan with a deadline of 3 working days from the clock; a double submit is one question', async () => {
    t.ctx.clock.set(FRIDAY);
    const c = new Client(t.app);
    const first = await ask(c);
    const row = await questionRow(first.tracking);
    expect(row.unit_id).toBe(u.kelX.id);
    expect(row.service_slug).toBe(SKTM);
    expect(new Date(row.due_at).toISOString()).toBe('2026-02-11T16:59:59.999Z');
    // the same form again (double click, back button): the same question, the same follow link
    const again = await c.post('/tanya/baru/kirim', first.form);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(first.href);
    expect(Number((await t.ctx.db.selectFrom('consultation_questions').select((e) => e.fn.countAll().as('n')).where('idem_key', '=', first.form.idem).executeTakeFirstOrThrow()).n)).toBe(1);
    // the follow link works; a wrong key is a 404
    const page = await new Client(t.app).get(first.href);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('11 Februari 2026');
    expect((await new Client(t.app).get(`/tanya/lacak/${first.tracking}?kunci=${followKey('wrong', first.tracking)}`)).status).toBe(404);
  });

  it('without an account a contact is required; a kelurahan service needs the kelurahan; errors keep the values (422)', async () => {
    const c = new Client(t.app);
    await c.get('/tanya/baru');
    expect((await c.post('/tanya/baru', { question: 'pendek', topic: '' })).status).toBe(422);
    expect(c.lastHtml).toContain('Tulis pertanyaan Anda');
    await c.post('/tanya/baru', { question: 'Bagaimana cara mengurus SKTM?', topic: `layanan:${SKTM}` });
    const idem = /name="idem" value="([^"]+)"/.exec(c.lastHtml)![1];
    const res = await c.post('/tanya/baru/kirim', { question: 'Bagaimana cara mengurus SKTM?', topic: `layanan:${SKTM}`, kelurahan: '', contact: 'bukan kontak', idem });
    expect(res.status).toBe(422);
    expect(c.lastHtml).toContain('Pilih kelurahan tempat Anda tinggal');
    expect(c.lastHtml).toContain('Tulis email');
    expect(c.lastHtml).toContain('value="bukan kontak"');
    // a signed-in citizen may leave the contact empty
    const citizen = new Client(t.app);
    const userId = await signInAs(t, citizen, { kind: 'citizen' });
    const asked = await ask(citizen, { contact: '' });
    const row = await questionRow(asked.tracking);
    expect(row.user_id).toBe(userId);
    // answered: the account's verified email is told
    const officer = await staff('officer', u.kelX.code);
    await officer.get(`/petugas/tanya/${row.id}`);
    expect((await officer.post(`/petugas/tanya/${row.id}/jawab`, { answer: 'Silakan datang ke kantor kelurahan pada jam kerja.' })).status).toBe(303);
    const email = (await t.ctx.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email!;
    expect(await t.ctx.db.selectFrom('messages').select('id').where('template', '=', 'consultation.answered').where('recipient', '=', email).execute()).toHaveLength(1);
  });
});

describe('the back office', () => {
  it('the queue is the unit\'s: kelurahan X sees its question (overdue first), Y does not and gets 404 on it', async () => {
    t.ctx.clock.set(FRIDAY);
    const older = await ask(new Client(t.app), { question: 'Apakah SKTM bisa diurus oleh keluarga?' });
    t.ctx.clock.set(new Date('2026-02-13T03:00:00Z'));
    const newer = await ask(new Client(t.app), { question: 'Berapa lama SKTM selesai dibuat?' });
    const x = await staff('officer', u.kelX.code);
    const y = await staff('officer', u.kelY.code);
    const queue = await (await x.get('/petugas/tanya')).text();
    expect(queue.indexOf(older.tracking)).toBeGreaterThan(-1);
    expect(queue.indexOf(older.tracking)).toBeLessThan(queue.indexOf(newer.tracking));
    expect(queue).toContain('Terlambat');
    expect(await (await y.get('/petugas/tanya')).text()).not.toContain(older.tracking);
    const id = (await questionRow(older.tracking)).id;
    expect((await y.get(`/petugas/tanya/${id}`)).status).toBe(404);
    // the kecamatan above sees it
    expect(await (await (await staff('officer', u.kec.code)).get('/petugas/tanya')).text()).toContain(older.tracking);
  });

  it('answer and publish: audited, the asker told, NIK/phone/email masked in the public wording', async () => {
    t.ctx.clock.set(FRIDAY);
    const asked = await ask(new Client(t.app), { question: 'NIK saya 1671010101010001, HP 081234567890. Bagaimana cara mengurus SKTM?' });
    const id = (await questionRow(asked.tracking)).id;
    const x = await staff('officer', u.kelX.code);
    await x.get(`/petugas/tanya/${id}`);
    expect((await x.post(`/petugas/tanya/${id}/jawab`, { answer: 'Datang ke kantor kelurahan dengan KTP, KK dan surat pengantar RT/RW.' })).status).toBe(303);
    const row = await questionRow(asked.tracking);
    expect(row.state).toBe('answered');
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'consultation.question.answered').where('subject_id', '=', String(id)).executeTakeFirstOrThrow();
    expect(JSON.stringify(audit)).not.toContain('081234567890');
    const msg = await t.ctx.db.selectFrom('messages').selectAll().where('template', '=', 'consultation.answered').where('recipient', '=', 'warga@example.test').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(msg.body).toContain(asked.href.split('&')[0]);
    await x.get(`/petugas/tanya/${id}`);
    const pub = await x.post(`/petugas/tanya/${id}/terbitkan`, {
      question: 'Bagaimana cara mengurus SKTM? (NIK 1671 0101 0101 0001, hubungi 0812-3456-7890 atau warga@example.test)',
      answer: 'Datang ke kantor kelurahan dengan KTP, KK dan surat pengantar RT/RW.', legal_basis: 'Perwali Palembang tentang SKTM',
    });
    expect(pub.status).toBe(303);
    const faq = await t.ctx.db.selectFrom('consultation_faq').selectAll().where('source_question_id', '=', id).executeTakeFirstOrThrow();
    expect(faq.question).toBe('Bagaimana cara mengurus SKTM? (NIK [NIK], hubungi [nomor telepon] atau [email])');
    expect(faq.service_slug).toBe(SKTM);
    const page = await (await new Client(t.app).get(`/tanya/${faq.slug}`)).text();
    expect(page).toContain('Perwali Palembang tentang SKTM');
    expect(page).toContain(`href="/layanan/${SKTM}"`);
    // a second publish does nothing
    await x.get(`/petugas/tanya/${id}`);
    expect((await x.post(`/petugas/tanya/${id}/terbitkan`, { question: 'Lagi pertanyaan yang sama?', answer: 'Jawaban yang sama lagi.', legal_basis: '' })).status).toBe(303);
    expect((await t.ctx.db.selectFrom('consultation_faq').select('id').where('source_question_id', '=', id).execute()).length).toBe(1);
  });

  it('masking covers the usual ways of writing a NIK, a phone number and an email', () => {
    expect(maskPersonalData('1671010101010001')).toBe('[NIK]');
    expect(maskPersonalData('nik: 1671.0101.0101.0001')).toBe('nik: [NIK]');
    expect(maskPersonalData('+62 812-3456-7890 / 0711 123456 / 62812345678')).toBe('[nomor telepon] / [nomor telepon] / [nomor telepon]');
    expect(maskPersonalData('Email: Budi.S@Mail.co.id.')).toBe('Email: [email].');
    expect(maskPersonalData('Biaya Rp 10.000, 3 hari kerja, Perda No. 5 Tahun 2020')).toBe('Biaya Rp 10.000, 3 hari kerja, Perda No. 5 Tahun 2020');
  });
});

describe('the FAQ for the public', () => {
  it('"saya juga bertanya ini" and "membantu?" count once per person; similar questions show on the check step and in JSON', async () => {
    const faq = await t.ctx.db.selectFrom('consultation_faq').selectAll().orderBy('id').executeTakeFirstOrThrow();
    const a = new Client(t.app);
    await a.get(`/tanya/${faq.slug}`);
    expect((await a.post(`/tanya/${faq.slug}/juga`, {})).headers.get('location')).toContain('pesan=juga');
    await a.get(`/tanya/${faq.slug}`);
    expect((await a.post(`/tanya/${faq.slug}/juga`, {})).headers.get('location')).toContain('pesan=sudah_juga');
    const b = new Client(t.app);
    await signInAs(t, b, { kind: 'citizen' });
    await b.get(`/tanya/${faq.slug}`);
    await b.post(`/tanya/${faq.slug}/juga`, {});
    await b.get(`/tanya/${faq.slug}`);
    await b.post(`/tanya/${faq.slug}/membantu`, { helpful: 'ya' });
    await b.get(`/tanya/${faq.slug}`);
    await b.post(`/tanya/${faq.slug}/membantu`, { helpful: 'tidak' });
    const page = await (await b.get(`/tanya/${faq.slug}`)).text();
    expect(page).toContain('2 orang juga bertanya ini');
    expect(page).toContain('Anda sudah tercatat');
    const marks = await t.ctx.db.selectFrom('consultation_marks').selectAll().where('faq_id', '=', faq.id).execute();
    expect(marks.filter((m) => m.kind === 'vote').map((m) => m.helpful)).toEqual([true]);

    const json = await (await new Client(t.app).get('/tanya/saran.json?q=cara%20dapat%20sktm')).json() as { faq: { slug: string }[] };
    expect(json.faq.map((f) => f.slug)).toContain(faq.slug);
    expect(((await (await new Client(t.app).get('/tanya/saran.json?q=izin%20reklame')).json()) as { faq: unknown[] }).faq).toEqual([]);
    const c = new Client(t.app);
    await c.get('/tanya/baru');
    await c.post('/tanya/baru', { question: 'Syarat SKTM apa saja?', topic: `layanan:${SKTM}` });
    expect(c.lastHtml).toContain(`href="/tanya/${faq.slug}"`);
  });

  it('the API, the Atom feed, the export and the figures', async () => {
    const api = await (await new Client(t.app).get('/api/v1/faq?q=sktm')).json() as { faq: { slug: string; meToo: number; helpful: { yes: number } }[] };
    expect(api.faq.length).toBeGreaterThan(0);
    expect(api.faq[0].meToo).toBe(2);
    const spec = await (await new Client(t.app).get('/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/faq', '/api/v1/faq/{slug}']));
    expect((await new Client(t.app).get('/api/v1/faq/tidak-ada')).status).toBe(404);
    const atom = await new Client(t.app).get('/tanya/umpan.atom');
    expect(atom.headers.get('content-type')).toContain('application/atom+xml');
    expect(await atom.text()).toContain(`/tanya/${api.faq[0].slug}</id>`);
    const rows = await datasetRows(t.ctx, 'consultation.faq');
    expect(rows[0]).toMatchObject({ slug: api.faq[0].slug, me_too: 2, helpful_yes: 1 });
    const f = await figures(t.ctx, { unitId: u.kelX.id, from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') });
    expect(f.total.answered).toBe(2);
    expect(f.total.withinDeadline).toBe(2);
    expect(f.total.medianHours).toBe(0);
    expect(f.perUnit[0]).toMatchObject({ unitId: u.kelX.id, helpfulYes: 1 });
    expect((await figures(t.ctx, { unitId: u.kelY.id, from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') })).total.answered).toBe(0);
    t.ctx.clock.set(new Date('2026-03-01T03:00:00Z'));
    expect(await (await new Client(t.app).get('/tanya/statistik')).text()).toContain('100% (2/2)');
  });

  it('a change to the service\'s standard in layanan flags its entries for review', async () => {
    const admin = await staff('platform_admin', (await t.ctx.db.selectFrom('units').select('code').where('kind', '=', 'region').executeTakeFirstOrThrow()).code);
    const edit = await admin.get(`/petugas/layanan/${SKTM}`);
    expect(edit.status).toBe(200);
    const reqs = /<textarea[^>]*name="requirements"[^>]*>([^<]*)<\/textarea>/.exec(admin.lastHtml)![1];
    const res = await admin.post(`/petugas/layanan/${SKTM}`, { deadlineDays: '2', costRupiah: '0', costNote: '', requirements: reqs.replace(/&#39;/g, "'").replace(/&amp;/g, '&'), active: '1' });
    expect(res.status).toBe(303);
    await runDueJobs(t.ctx);
    const faq = await t.ctx.db.selectFrom('consultation_faq').selectAll().where('service_slug', '=', SKTM).executeTakeFirstOrThrow();
    expect(faq.needs_review).toBe(true);
    expect(faq.review_reason).toBe('deadlineDays');
    expect(await (await new Client(t.app).get(`/tanya/${faq.slug}`)).text()).toContain('sedang diperiksa ulang');
  });
});

describe('personal data', () => {
  it('exports the questions and marks of a citizen, and erase removes the link, contact and wording', async () => {
    const c = new Client(t.app);
    const userId = await signInAs(t, c, { kind: 'citizen' });
    const asked = await ask(c, { question: 'Apakah SKTM berlaku untuk sekolah anak saya?', contact: '0812 1111 2222' });
    const out = await exportPersonalData(t.ctx.db, userId);
    expect(JSON.stringify(out)).toContain(asked.tracking);
    expect(JSON.stringify(out)).toContain('+6281211112222');
    await t.ctx.db.transaction().execute((tx) => erasePersonalData(tx, userId));
    const row = await questionRow(asked.tracking);
    expect([row.user_id, row.contact, row.question]).toEqual([null, null, '[dihapus atas permintaan penanya]']);
    expect(await exportPersonalData(t.ctx.db, userId)).toEqual({ questions: [], marks: [] });
  });
});

describe('escalation', () => {
  it('past the deadline the unit head is told once; two working days later the platform admins, once', async () => {
    t.ctx.clock.set(FRIDAY);
    await staff('approver', u.kelX.code);
    const asked = await ask(new Client(t.app), { question: 'Apakah SKTM dipungut biaya?' });
    const before = await escalateOverdue(t.ctx, 2);
    const row0 = await questionRow(asked.tracking);
    expect(row0.escalation_level).toBe(0);
    expect(before.level1).toBeGreaterThanOrEqual(0);
    // Thursday 12 February: past Wednesday's end
    t.ctx.clock.set(new Date('2026-02-12T03:00:00Z'));
    await escalateOverdue(t.ctx, 2);
    expect((await questionRow(asked.tracking)).escalation_level).toBe(1);
    const sent = async () => (await t.ctx.db.selectFrom('messages').select('body').where('template', '=', 'consultation.overdue').execute()).filter((m) => m.body.includes(asked.tracking)).length;
    const afterFirst = await sent();
    expect(afterFirst).toBeGreaterThan(0);
    const again = await escalateOverdue(t.ctx, 2);
    expect(await sent()).toBe(afterFirst);
    expect(again.level2).toBe(0);
    // Monday 16 February is past the second working day after the deadline (Thu 12, Fri 13)
    t.ctx.clock.set(new Date('2026-02-16T03:00:00Z'));
    await escalateOverdue(t.ctx, 2);
    expect((await questionRow(asked.tracking)).escalation_level).toBe(2);
    const afterSecond = await sent();
    expect(afterSecond).toBeGreaterThan(afterFirst);
    await escalateOverdue(t.ctx, 2);
    expect(await sent()).toBe(afterSecond);
    const audits = await t.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'consultation.question.escalated').where('subject_id', '=', String((await questionRow(asked.tracking)).id)).execute();
    expect(audits.length).toBe(2);
  });
});
