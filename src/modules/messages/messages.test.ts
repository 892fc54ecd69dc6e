// Notifications end to end: sendMessage in a transaction, the 'notify.deliver' job, a real SMTP
// server, the outbox pages, failed jobs and retrying them, and one-time codes that only their
// recipient reads (never stored readable; shown in the outbox only where it is the delivery channel).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, Client, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import { startSmtp, type TestSmtp } from '../../../test/smtp.ts';
import { sendMessage } from '../../platform/notify/notify.ts';
import { addTemplates } from '../../platform/notify/templates.ts';
import { runDueJobs } from '../../platform/jobs/worker.ts';
import { createLogger } from '../../platform/log.ts';

addTemplates({
  'test.code': {
    secret: ['code'],
    id: { subject: 'Kode verifikasi Anda', body: 'Kode verifikasi: {code}\nBerlaku 10 menit.' },
    en: { subject: 'Your verification code', body: 'Verification code: {code}\nValid for 10 minutes.' },
  },
});

const REGION = '16.71';
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** Log lines the app writes during a test (to prove no address or body ends up there). */
function captureLogs(t: TestApp): string[] {
  const lines: string[] = [];
  t.ctx.log = createLogger('debug', (l) => lines.push(l));
  return lines;
}

const message = (t: TestApp, id: number) => t.ctx.db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const send = (t: TestApp, to: string, code: string, channel: 'email' | 'sms' | 'whatsapp' = 'email') =>
  t.ctx.db.transaction().execute((tx) => sendMessage(tx, { channel, to, template: 'test.code', locale: 'id', params: { code } }, { secret: t.ctx.config.secret }));
/** Everything the database holds about messages and jobs, as one string to search for a code. */
const everything = async (t: TestApp) =>
  JSON.stringify([await t.ctx.db.selectFrom('messages').selectAll().execute(), await t.ctx.db.selectFrom('jobs').selectAll().execute()]);
const bodyViews = (t: TestApp) => t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'messages.body_viewed').orderBy('id').execute();

describe('without SMTP_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    cleanups.push(() => t.close());
  });
  afterEach(() => t.ctx.db.deleteFrom('jobs').execute().then(() => undefined));

  it('stores nothing when the transaction rolls back', async () => {
    const before = await t.ctx.db.selectFrom('messages').select('id').execute();
    await expect(
      t.ctx.db.transaction().execute(async (tx) => {
        await sendMessage(tx, { channel: 'email', to: 'batal@example.test', template: 'test.code', locale: 'id', params: { code: '111111' } }, { secret: t.ctx.config.secret });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await t.ctx.db.selectFrom('messages').select('id').execute()).toEqual(before);
    expect(await runDueJobs(t.ctx)).toBe(0);
  });

  it('refuses to store a one-time code it cannot seal', async () => {
    await expect(
      t.ctx.db.transaction().execute((tx) => sendMessage(tx, { channel: 'email', to: 'a@example.test', template: 'test.code', locale: 'id', params: { code: '1' } })),
    ).rejects.toThrow(/one-time secrets \(code\)/);
  });

  it('keeps email and SMS in the outbox, which outside production delivers the code, labelled, and audited', async () => {
    const logs = captureLogs(t);
    const mail = await send(t, 'warga.satu@example.test', '905217');
    const sms = await send(t, '+6281234567890', '771204', 'sms');
    // the stored copy has the code masked; the real text exists only sealed in the delivery job
    expect((await message(t, mail)).body).toBe('Kode verifikasi: ••••••\nBerlaku 10 menit.');
    expect(await everything(t)).not.toMatch(/905217|771204/);
    expect(await runDueJobs(t.ctx)).toBe(2);
    expect((await message(t, mail)).status).toBe('kept');
    expect((await message(t, sms)).status).toBe('kept');
    expect(await runDueJobs(t.ctx)).toBe(0);
    const log = logs.join('\n');
    expect(log).toContain('message kept');
    for (const secret of ['warga.satu', '6281234567890', '905217', '771204', 'Kode verifikasi']) expect(log).not.toContain(secret);

    const admin = new Client(t.app);
    await signInAs(t, admin, { kind: 'staff', grants: [{ role: 'platform_admin', unitCode: REGION }] });
    let res = await admin.get('/petugas/outbox');
    expect(res.status).toBe(200);
    let html = await res.text();
    expect(html).toContain('warga.satu@example.test');
    expect(html).toContain('SMTP_URL');
    expect(html).toContain('SMS dan WhatsApp belum punya penyedia');
    expect(html).toContain('Saluran pengembangan: di luar produksi');
    // newest first
    expect(html.indexOf(`/petugas/outbox/${sms}"`)).toBeLessThan(html.indexOf(`/petugas/outbox/${mail}"`));
    expect(html).not.toContain('905217'); // the list shows no bodies
    expect(await bodyViews(t)).toEqual([]);
    res = await admin.get(`/petugas/outbox/${mail}`);
    expect(res.status).toBe(200);
    html = await res.text();
    // no SMTP, development: the outbox is this message's delivery channel, and says so
    expect(html).toContain('Kode verifikasi: 905217');
    expect(html).toContain('Saluran pengembangan');
    expect(html).toContain('Di produksi kode tidak pernah ditampilkan');
    expect(html).toContain('Disimpan');
    // opening it is audited, without the code or the address
    const views = await bodyViews(t);
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ subject_type: 'message', subject_id: String(mail), after: { template: 'test.code', channel: 'email', code_shown: true } });
    expect(JSON.stringify(views)).not.toMatch(/905217|warga\.satu/);
    // still nothing readable in the database
    expect(await everything(t)).not.toMatch(/905217|771204/);
    res = await admin.get('/petugas/outbox?status=kept');
    expect(res.status).toBe(200);
    res = await admin.get('/petugas/outbox?status=lost');
    expect(res.status).toBe(422);
    res = await admin.get('/petugas/outbox/999999');
    expect(res.status).toBe(404);
    res = await admin.get('/petugas/outbox/abc');
    expect(res.status).toBe(404);
  });

  it('is for platform admins only', async () => {
    const auditor = new Client(t.app);
    await signInAs(t, auditor, { kind: 'staff', grants: [{ role: 'auditor', unitCode: REGION }] });
    expect((await auditor.get('/petugas/outbox')).status).toBe(403);
    const id = await send(t, 'rahasia@example.test', '123456');
    expect((await auditor.get(`/petugas/outbox/${id}`)).status).toBe(403);
    const anonymous = await new Client(t.app).get('/petugas/outbox');
    expect(anonymous.status).toBe(303); // to the staff sign-in page
    expect(anonymous.headers.get('location')).not.toContain('outbox/');
  });
});

describe('with SMTP_URL', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp({ rejectRecipient: (a) => a.startsWith('tidak-ada@') });
    cleanups.push(() => smtp.close());
    t = await createTestApp({ env: { SMTP_URL: smtp.url, SMTP_FROM: 'Pemkot Palembang <no-reply@palembang.example>' } });
    cleanups.push(() => t.close());
  });

  it('sends email through the SMTP server and marks it sent', async () => {
    const logs = captureLogs(t);
    const id = await send(t, 'warga.dua@example.test', '640018');
    expect(await runDueJobs(t.ctx)).toBe(1);
    const m = await message(t, id);
    expect(m.status).toBe('sent');
    expect(m.sent_at).not.toBeNull();
    expect(smtp.received).toHaveLength(1);
    const got = smtp.received[0];
    expect(got.from).toBe('no-reply@palembang.example');
    expect(got.to).toEqual(['warga.dua@example.test']);
    expect(got.raw).toContain('Subject: Kode verifikasi Anda');
    expect(got.raw).toContain('Kode verifikasi: 640018');
    expect(logs.join('\n')).toContain('message sent');
    expect(logs.join('\n')).not.toMatch(/warga\.dua|640018/);
    // delivered: the sealed copy is gone, the stored copy stays masked, and the outbox shows no code
    expect(m.subject).toBe('Kode verifikasi Anda');
    expect(m.body).toBe('Kode verifikasi: ••••••\nBerlaku 10 menit.');
    expect(await everything(t)).not.toContain('640018');
    expect(await everything(t)).not.toContain('sealed');
    const admin = new Client(t.app);
    await signInAs(t, admin, { kind: 'staff', grants: [{ role: 'platform_admin', unitCode: REGION }] });
    const html = await (await admin.get(`/petugas/outbox/${id}`)).text();
    expect(html).not.toContain('640018');
    expect(html).toContain('disamarkan');
    expect(html).not.toContain('Saluran pengembangan');
    expect(await bodyViews(t)).toHaveLength(1);
    // a second run of the same job (at-least-once) does not send it again
    await sql`update jobs set done_at = null, run_at = now()`.execute(t.ctx.db);
    await runDueJobs(t.ctx);
    expect(smtp.received).toHaveLength(1);
  });

  it('SMS and WhatsApp stay in the outbox without SMS_WEBHOOK_URL', async () => {
    const id = await send(t, '+6281298765432', '310955', 'whatsapp');
    await runDueJobs(t.ctx);
    expect((await message(t, id)).status).toBe('kept');
    expect(smtp.received.some((r) => r.raw.includes('310955'))).toBe(false);
    expect(await everything(t)).not.toContain('310955');
  });

  it('retries a rejected message, fails it for good, shows it, and retries on request', async () => {
    await t.ctx.db.deleteFrom('jobs').execute();
    const logs = captureLogs(t);
    const id = await send(t, 'tidak-ada@example.test', '558210');
    await sql`update jobs set max_attempts = 2`.execute(t.ctx.db);
    expect(await runDueJobs(t.ctx)).toBe(1);
    let m = await message(t, id);
    expect(m.status).toBe('queued');
    expect(m.attempts).toBe(1);
    expect(m.last_error).toContain('550');
    await sql`update jobs set run_at = now()`.execute(t.ctx.db);
    expect(await runDueJobs(t.ctx)).toBe(1);
    m = await message(t, id);
    expect(m.status).toBe('failed');
    const job = await t.ctx.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(job.failed_at).not.toBeNull();
    // neither the log nor the job's error names the recipient or the code
    const log = logs.join('\n');
    expect(log).toContain('job failed for good');
    expect(log).not.toMatch(/tidak-ada|558210/);
    expect(job.last_error).not.toContain('tidak-ada');

    const admin = new Client(t.app);
    await signInAs(t, admin, { kind: 'staff', grants: [{ role: 'platform_admin', unitCode: REGION }] });
    let res = await admin.get('/petugas/outbox');
    let html = await res.text();
    expect(html).toContain('1 tugas latar gagal');
    expect(html).toContain(`/petugas/outbox/tugas/${job.id}/ulangi`);
    res = await admin.post(`/petugas/outbox/tugas/${job.id}/ulangi`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/petugas/outbox?diulang=${job.id}`);
    const retried = await t.ctx.db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(retried).toMatchObject({ failed_at: null, attempts: 0 });
    expect((await message(t, id)).status).toBe('queued');
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'messages.job_retried').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].subject_id).toBe(String(job.id));
    html = await (await admin.get('/petugas/outbox')).text();
    expect(html).not.toContain('tugas latar gagal');
    // retrying what is not a failed job is not found
    res = await admin.post(`/petugas/outbox/tugas/${job.id}/ulangi`, {});
    expect(res.status).toBe(404);
  });
});

describe('with SMS_WEBHOOK_URL', () => {
  let t: TestApp;
  let server: import('node:http').Server;
  const received: { auth?: string; body: { id: number; channel: string; to: string; text: string } }[] = [];
  let answer = 202;
  beforeAll(async () => {
    const http = await import('node:http');
    // a stand-in for the city's SMS gateway, on 127.0.0.1 only
    server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (d: Buffer) => (data += d.toString()));
      req.on('end', () => {
        received.push({ auth: req.headers.authorization, body: JSON.parse(data) });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as import('node:net').AddressInfo;
    cleanups.push(() => new Promise((r) => server.close(() => r())));
    t = await createTestApp({ env: { SMS_WEBHOOK_URL: `http://127.0.0.1:${port}/kirim`, SMS_WEBHOOK_TOKEN: 'rahasia-gateway' } });
    cleanups.push(() => t.close());
  });

  it('posts SMS to the gateway with the token, and keeps email in the outbox', async () => {
    const logs = captureLogs(t);
    const id = await send(t, '+6281298765432', '310955', 'sms');
    const mail = await send(t, 'warga@example.test', '555111');
    await runDueJobs(t.ctx);
    expect((await message(t, id)).status).toBe('sent');
    expect((await message(t, mail)).status).toBe('kept');
    expect(received).toEqual([{ auth: 'Bearer rahasia-gateway', body: { id, channel: 'sms', to: '+6281298765432', text: 'Kode verifikasi: 310955\nBerlaku 10 menit.' } }]);
    expect(logs.join('\n')).not.toMatch(/6281298765432|310955|rahasia-gateway/);
  });

  it('retries when the gateway refuses, and records why', async () => {
    answer = 503;
    const id = await send(t, '+6281200000002', '777888', 'whatsapp');
    await runDueJobs(t.ctx);
    const m = await message(t, id);
    expect(m.status).toBe('queued');
    expect(m.last_error).toContain('HTTP 503');
    answer = 200;
    await sql`update jobs set run_at = now() where done_at is null`.execute(t.ctx.db);
    await runDueJobs(t.ctx);
    expect((await message(t, id)).status).toBe('sent');
  });
});

describe('in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { GAPURA_ENV: 'production', GAPURA_DEMO: 'false', GAPURA_SECRET: 'p'.repeat(40), GAPURA_BASE_URL: 'https://gapura.example.go.id' } });
    cleanups.push(() => t.close());
  });

  it('never shows a one-time code in the outbox, even for a message it kept', async () => {
    const id = await send(t, 'warga.empat@example.test', '418260');
    expect(await runDueJobs(t.ctx)).toBe(1);
    expect((await message(t, id)).status).toBe('kept');
    // nobody will ever read it: the sealed copy is deleted at once
    expect(await everything(t)).not.toMatch(/418260|sealed/);
    const admin = new Client(t.app);
    await signInAs(t, admin, { kind: 'staff', grants: [{ role: 'platform_admin', unitCode: REGION }] });
    for (const path of ['/petugas/outbox', `/petugas/outbox/${id}`]) {
      const res = await admin.get(path);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).not.toContain('418260');
      expect(html).not.toContain('Saluran pengembangan');
    }
    const html = admin.lastHtml;
    expect(html).toContain('Kode verifikasi: ••••••');
    expect(html).toContain('Kode di dalamnya tidak dapat dibaca siapa pun');
    expect(await bodyViews(t)).toHaveLength(1);
    expect((await bodyViews(t))[0].after).toMatchObject({ code_shown: false });
  });
});

describe('a password-reset code', () => {
  let dev: TestApp;
  let mailed: TestApp;
  let smtp: TestSmtp;
  beforeAll(async () => {
    dev = await createTestApp();
    cleanups.push(() => dev.close());
    smtp = await startSmtp();
    cleanups.push(() => smtp.close());
    mailed = await createTestApp({ env: { SMTP_URL: smtp.url } });
    cleanups.push(() => mailed.close());
  });

  async function requestReset(t: TestApp, email: string) {
    await t.ctx.db.insertInto('users').values({ kind: 'citizen', name: 'Warga Lupa', email, email_verified_at: new Date(), password_hash: 'x' }).execute();
    const c = new Client(t.app);
    await c.get('/lupa-sandi');
    expect((await c.post('/lupa-sandi', { identifier: email })).status).toBe(200);
    expect(await runDueJobs(t.ctx)).toBe(1);
  }

  it('reaches the recipient by email and is readable in no row of the database', async () => {
    await requestReset(mailed, 'lupa@example.test');
    expect(smtp.received).toHaveLength(1);
    const code = /kata sandi baru: (\d{6})/.exec(smtp.received[0].raw)![1];
    expect(await everything(mailed)).not.toContain(code);
    const row = await mailed.ctx.db.selectFrom('messages').selectAll().where('recipient', '=', 'lupa@example.test').executeTakeFirstOrThrow();
    expect(row.subject).toBe('Kode untuk kata sandi baru: ••••••');
  });

  it('outside production without a transport, is read from the outbox (and only there)', async () => {
    await requestReset(dev, 'lupa.dev@example.test');
    const row = await dev.ctx.db.selectFrom('messages').selectAll().where('recipient', '=', 'lupa.dev@example.test').executeTakeFirstOrThrow();
    expect(row.body).not.toMatch(/\d{6}/);
    const admin = new Client(dev.app);
    await signInAs(dev, admin, { kind: 'staff', grants: [{ role: 'platform_admin', unitCode: REGION }] });
    const html = await (await admin.get(`/petugas/outbox/${row.id}`)).text();
    const code = /kata sandi baru: (\d{6})/.exec(html)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    expect(await everything(dev)).not.toContain(code);
  });
});
