import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { codesSent, lastCodeSent } from '../../../test/auth-helpers.ts';
import { normalizePhone, parseIdentifier } from './service.ts';
import { createLogger } from '../../platform/log.ts';

let t: TestApp;
const logLines: string[] = [];
beforeAll(async () => {
  // each client has its own address (x-forwarded-for), so per-IP limits do not leak between tests
  t = await createTestApp({ env: { GAPURA_TRUST_PROXY: 'true' }, log: createLogger('debug', (l) => logLines.push(l)) });
});
afterAll(async () => {
  // nothing a person typed or received in secret reaches the logs
  const all = logLines.join('\n');
  expect(logLines.length).toBeGreaterThan(50); // the access log saw every request
  for (const s of ['kopi susu di pagi hari', 'nasi goreng pedas sekali', 'layang layang biru', '1671015205900003', '1671015205900011', '+6281211112222', 'siti@contoh.id']) {
    expect(all).not.toContain(s);
  }
  const codes = await codesSent(t);
  expect(codes.length).toBeGreaterThan(3);
  for (const code of codes) expect(all).not.toContain(code);
  await t.close();
});

let ipCounter = 0;
const newClient = () => new Client(t.app, `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`);

/** The newest code sent to an address, read from the outbox as the demo operator would. */
const lastCode = (to: string) => lastCodeSent(t, to);

const user = (email: string) => t.ctx.db.selectFrom('users').selectAll().where(sql`lower(email)`, '=', email).executeTakeFirst();

async function register(c: Client, form: Record<string, string>) {
  await c.get('/daftar');
  const res = await c.post('/daftar', form);
  // as a browser does: open the page the redirect names (registering starts a session, and with it a
  // new CSRF token: the one from /daftar no longer works, ADR 018)
  const next = res.status === 303 ? res.headers.get('location') : null;
  if (next?.startsWith('/')) await c.get(next);
  return res;
}

describe('identifiers', () => {
  it('normalises Indonesian mobile numbers to +62 and rejects others', () => {
    expect(normalizePhone('0812-3456-7890')).toBe('+6281234567890');
    expect(normalizePhone('+62 812 3456 7890')).toBe('+6281234567890');
    expect(normalizePhone('62 (812) 34567890')).toBe('+6281234567890');
    expect(normalizePhone('021 555 1234')).toBeUndefined(); // a landline
    expect(normalizePhone('0812')).toBeUndefined();
    expect(parseIdentifier(' Siti@Contoh.ID ')).toEqual({ channel: 'email', value: 'siti@contoh.id' });
    expect(parseIdentifier('081234567890')).toEqual({ channel: 'sms', value: '+6281234567890' });
    expect(parseIdentifier('siti@')).toBeUndefined();
  });
});

describe('registration', () => {
  it('re-renders with what was typed and a message per field, in Indonesian', async () => {
    const c = newClient();
    const res = await register(c, { name: '', email: 'bukan-email', phone: '021 555', nik: '1234', password: 'pendek' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Masukkan nama lengkap Anda');
    expect(html).toContain('Masukkan alamat email yang benar');
    expect(html).toContain('Masukkan nomor HP Indonesia');
    expect(html).toContain('NIK harus 16 angka');
    expect(html).toContain('value="bukan-email"');
    expect(html).toContain('value="021 555"');
    expect(html).not.toContain('value="pendek"'); // passwords are never sent back
  });

  it('asks for an email or a phone, and rejects a NIK with an impossible birth date', async () => {
    const c = newClient();
    const res = await register(c, { name: 'Budi', email: '', phone: '', nik: '1671013102900001', password: 'kopi susu di pagi hari' });
    const html = await res.text();
    expect(html).toContain('Isi email atau nomor HP');
    expect(html).toContain('value="1671013102900001"');
    expect(res.status).toBe(422);
  });

  it('creates the account, sends a code, verifies the email, and keeps the NIK encrypted', async () => {
    const c = newClient();
    const res = await register(c, { name: 'Siti Aminah', email: 'Siti@Contoh.id', phone: '0812 1111 2222', nik: '1671 0152 0590 0003', password: 'kopi susu di pagi hari' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/verifikasi');
    const u = (await user('siti@contoh.id'))!;
    expect(u.kind).toBe('citizen');
    expect(u.phone).toBe('+6281211112222');
    expect(u.password_hash).toMatch(/^\$argon2id\$/);
    expect(u.nik_encrypted).toBeTruthy();
    expect(u.nik_encrypted).not.toContain('1671015205900003');
    expect(u.email_verified_at).toBeNull();

    const page = await c.get('/verifikasi');
    expect(await page.text()).toContain('siti@contoh.id');
    const wrong = await c.post('/verifikasi', { code: '000000' === (await lastCode('siti@contoh.id')) ? '111111' : '000000' });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('Kode salah');
    const ok = await c.post('/verifikasi', { code: await lastCode('siti@contoh.id') });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/verifikasi'); // the phone is next
    expect((await user('siti@contoh.id'))!.email_verified_at).not.toBeNull();
    const sms = await c.get('/verifikasi');
    expect(await sms.text()).toContain('+62 812-1111-2222');

    const account = await c.get('/akun');
    expect(account.status).toBe(200);
    const html = await account.text();
    expect(html).toContain('Siti Aminah');
    expect(html).toContain('167101••••••••03'); // masked on screen
    expect(html).not.toContain('1671015205900003');
  });

  it('says an email or NIK is already registered', async () => {
    const c = newClient();
    const res = await register(c, { name: 'Orang Lain', email: 'siti@contoh.ID', nik: '1671015205900003', password: 'teh manis hangat sekali' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Email ini sudah terdaftar');
    expect(html).toContain('NIK ini sudah dipakai akun lain');
  });

  it('accepts a NIK with an unknown kecamatan code, and an account with only a phone number', async () => {
    const c = newClient();
    const res = await register(c, { name: 'Rahmat', phone: '0813 2222 3333', nik: '1671990101850007', password: 'sepeda merah di taman' });
    expect(res.status).toBe(303);
    const u = await t.ctx.db.selectFrom('users').select(['nik_hash']).where('phone', '=', '+6281322223333').executeTakeFirstOrThrow();
    expect(u.nik_hash).toBeTruthy();
    // the code went out by SMS: kept in the outbox because no SMS provider is configured
    expect(await lastCode('+6281322223333')).toMatch(/^\d{6}$/);
    const edit = await c.get('/akun/ubah');
    expect(edit.status).toBe(200);
    const save = await c.post('/akun/ubah', { name: 'Rahmat', email: '', phone: '0813 2222 3333', nik: '1671990101850007', locale: 'id' });
    expect(save.status).toBe(303);
  });
});

describe('sign-in, sign-out and password reset', () => {
  const email = 'andi@contoh.id';
  const password = 'nasi goreng pedas sekali';
  beforeAll(async () => {
    const c = newClient();
    await register(c, { name: 'Andi', email, password });
    await c.get('/verifikasi'); // signing up started a session: its forms carry a new token
    await c.post('/verifikasi', { code: await lastCode(email) });
  });

  it('signs in by email or phone-less account, returns to the page asked for, and signs out', async () => {
    const c = newClient();
    const before = await c.get('/akun');
    expect(before.status).toBe(303);
    expect(before.headers.get('location')).toBe('/masuk?kembali=%2Fakun');
    await c.get('/masuk?kembali=%2Fakun%2Fubah');
    const res = await c.post('/masuk', { identifier: 'ANDI@contoh.id', password, kembali: '/akun/ubah' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/akun/ubah');
    expect((await c.get('/akun')).status).toBe(200);
    const out = await c.post('/keluar', {});
    expect(out.status).toBe(303);
    expect((await c.get('/akun')).status).toBe(303);
  });

  it('gives the same answer for a wrong password and an unknown account, then slows down', async () => {
    const c = newClient();
    await c.get('/masuk');
    const a = await c.post('/masuk', { identifier: email, password: 'salah sekali ini' });
    const b = await c.post('/masuk', { identifier: 'tidak.ada@contoh.id', password: 'salah sekali ini' });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    const ta = (await a.text()).replace(/name="_csrf" value="[^"]+"/, '').replace(/value="[^"]*@contoh.id"/, '');
    const tb = (await b.text()).replace(/name="_csrf" value="[^"]+"/, '').replace(/value="[^"]*@contoh.id"/, '');
    expect(ta).toBe(tb);
    let last = 0;
    for (let i = 0; i < 6; i++) last = (await c.post('/masuk', { identifier: email, password: `salah lagi ${i}` })).status;
    expect(last).toBe(429);
    // even the right password waits now
    expect((await c.post('/masuk', { identifier: email, password })).status).toBe(429);
  });

  it('resets a forgotten password with a code, signs other devices out, and does not reveal who is registered', async () => {
    const other = newClient();
    await other.get('/masuk');
    await t.ctx.db.deleteFrom('rate_limits').execute();
    expect((await other.post('/masuk', { identifier: email, password })).status).toBe(303);

    const c = newClient();
    await c.get('/lupa-sandi');
    const unknown = await c.post('/lupa-sandi', { identifier: 'siapa@contoh.id' });
    const known = await c.post('/lupa-sandi', { identifier: email });
    expect(unknown.status).toBe(200);
    expect(known.status).toBe(200);
    expect(await unknown.text()).toContain('Bila siapa@contoh.id terdaftar');
    const code = await lastCode(email);
    const weak = await c.post('/atur-ulang-sandi', { identifier: email, code, password: 'password123', confirm: 'password123' });
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain('terlalu mudah ditebak');
    const res = await c.post('/atur-ulang-sandi', { identifier: email, code, password: 'layang layang biru', confirm: 'layang layang biru' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/akun');
    expect(await (await c.get('/akun')).text()).toContain('Kata sandi baru sudah disimpan');
    // the code is used up, and the other device is signed out
    const again = await c.post('/atur-ulang-sandi', { identifier: email, code, password: 'layang layang merah', confirm: 'layang layang merah' });
    expect(again.status).toBe(422);
    expect((await other.get('/akun')).status).toBe(303);
  });

  it('ends a code after five wrong guesses', async () => {
    const c = newClient();
    await c.get('/lupa-sandi');
    await c.post('/lupa-sandi', { identifier: email });
    const code = await lastCode(email);
    const wrong = code === '999999' ? '999998' : '999999';
    for (let i = 0; i < 5; i++) await c.post('/atur-ulang-sandi', { identifier: email, code: wrong, password: 'layang layang hijau', confirm: 'layang layang hijau' });
    await t.ctx.db.deleteFrom('rate_limits').execute();
    const res = await c.post('/atur-ulang-sandi', { identifier: email, code, password: 'layang layang hijau', confirm: 'layang layang hijau' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('sudah tidak berlaku');
  });
});

describe('own data (UU 27/2022)', () => {
  it('changes the password only with the current one', async () => {
    const c = newClient();
    await register(c, { name: 'Dewi', email: 'dewi@contoh.id', password: 'bunga melati putih' });
    await c.post('/verifikasi', { code: await lastCode('dewi@contoh.id') }); // only a verified email signs in
    await c.get('/akun/sandi');
    const wrong = await c.post('/akun/sandi', { current: 'bukan ini ya', password: 'bunga mawar merah', confirm: 'bunga mawar merah' });
    expect(wrong.status).toBe(422);
    const ok = await c.post('/akun/sandi', { current: 'bunga melati putih', password: 'bunga mawar merah', confirm: 'bunga mawar merah' });
    expect(ok.status).toBe(303);
    const n = newClient();
    await n.get('/masuk');
    expect((await n.post('/masuk', { identifier: 'dewi@contoh.id', password: 'bunga mawar merah' })).status).toBe(303);
  });

  it('changing the email asks to verify the new one', async () => {
    const c = newClient();
    await register(c, { name: 'Eko', email: 'eko@contoh.id', password: 'gunung dempo tinggi' });
    await c.post('/verifikasi', { code: await lastCode('eko@contoh.id') });
    await c.get('/akun/ubah');
    const res = await c.post('/akun/ubah', { name: 'Eko Saputra', email: 'eko.baru@contoh.id', phone: '', nik: '', locale: 'en' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/verifikasi');
    const u = (await user('eko.baru@contoh.id'))!;
    expect(u.name).toBe('Eko Saputra');
    expect(u.locale).toBe('en');
    expect(u.email_verified_at).toBeNull();
    // the code went out in the person's chosen language
    const m = await t.ctx.db.selectFrom('messages').select(['subject']).where('recipient', '=', 'eko.baru@contoh.id').executeTakeFirstOrThrow();
    expect(m.subject).toMatch(/^Verification code/);
  });

  it('downloads everything about the person and nobody else, then erases it', async () => {
    const c = newClient();
    await register(c, { name: 'Fitri', email: 'fitri@contoh.id', phone: '0815 5555 6666', nik: '1671015205900011', password: 'sungai musi lebar' });
    const res = await c.get('/akun/data');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="data-saya-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = JSON.parse(await res.text());
    expect(data.account.profile).toMatchObject({ name: 'Fitri', email: 'fitri@contoh.id', phone: '+6281555556666', nik: '1671015205900011' });
    expect(data.account.messages.length).toBe(1);
    expect(JSON.stringify(data)).not.toContain('andi@contoh.id');

    await c.get('/akun/hapus');
    const wrong = await c.post('/akun/hapus', { password: 'bukan kata sandinya' });
    expect(wrong.status).toBe(422);
    expect(await user('fitri@contoh.id')).toBeTruthy();
    const del = await c.post('/akun/hapus', { password: 'sungai musi lebar' });
    expect(del.status).toBe(200);
    expect(await del.text()).toContain('Akun Anda sudah dihapus');
    expect(await user('fitri@contoh.id')).toBeUndefined();
    expect(await t.ctx.db.selectFrom('messages').select('id').where('recipient', 'in', ['fitri@contoh.id', '+6281555556666']).execute()).toEqual([]);
    const entry = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'account.erase').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.stringify(entry)).not.toContain('Fitri');
    expect((await c.get('/akun')).status).toBe(303);
    // the NIK is free again
    const again = newClient();
    expect((await register(again, { name: 'Fitri', email: 'fitri2@contoh.id', nik: '1671015205900011', password: 'sungai musi lebar' })).status).toBe(303);
  });

  it('keeps staff out of citizen account pages', async () => {
    const { signInAs } = await import('../../../test/auth-helpers.ts');
    const c = newClient();
    await signInAs(t, c, { kind: 'staff', grants: [] });
    expect((await c.get('/akun')).status).toBe(403);
    expect((await c.get('/masuk')).headers.get('location')).toBe('/petugas');
  });
});

describe('in production without an SMS gateway', () => {
  it('asks for an email when only a phone number is given, since no code could reach it', async () => {
    const p = await createTestApp({
      env: { GAPURA_ENV: 'production', GAPURA_DEMO: 'false', GAPURA_SECRET: 'x'.repeat(40), GAPURA_BASE_URL: 'https://gapura.example.go.id' },
    });
    try {
      const c = new Client(p.app);
      await c.get('/daftar');
      const res = await c.post('/daftar', { name: 'Rudi', phone: '0812 9999 0000', password: 'pempek kapal selam' });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('belum bisa mengirim kode lewat SMS');
    } finally {
      await p.close();
    }
  });
});
