// What a security review and a newcomer's walk found in the citizen account pages (issue 6): nobody
// can lock another person out, spraying passwords meets a limit, the profile form is no oracle of
// who is registered, codes may be typed with spaces, only verified contacts count, and no page
// shows a raw {placeholder}.
import { lastCodeSent } from '../../../test/auth-helpers.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { exportFileName } from './service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { GAPURA_TRUST_PROXY: 'true' } });
});
afterAll(() => t.close());

let ipCounter = 0;
/** A client with its own address; every HTML page it receives is checked for raw placeholders. */
class WalkingClient extends Client {
  pages: { path: string; html: string }[] = [];
  override async request(p: string, init: RequestInit = {}): Promise<Response> {
    const res = await super.request(p, init);
    if ((res.headers.get('content-type') ?? '').includes('text/html')) this.pages.push({ path: p, html: await res.clone().text() });
    return res;
  }
}
const walkers: WalkingClient[] = [];
const newClient = () => {
  const c = new WalkingClient(t.app, `10.20.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`);
  walkers.push(c);
  return c;
};

// codes are masked in stored messages (ADR 015): read them as the recipient would, from the demo outbox
const lastCode = (to: string) => lastCodeSent(t, to);
const messagesTo = async (to: string) => (await t.ctx.db.selectFrom('messages').select('id').where('recipient', '=', to).execute()).length;

async function register(c: Client, form: Record<string, string>) {
  await c.get('/daftar');
  const res = await c.post('/daftar', form);
  // as a browser does: open the page the redirect names (registering starts a session, and with it a
  // new CSRF token: the one from /daftar no longer works, ADR 018)
  const next = res.status === 303 ? res.headers.get('location') : null;
  if (next?.startsWith('/')) await c.get(next);
  return res;
}

async function verifiedCitizen(email: string, password: string, extra: Record<string, string> = {}) {
  const c = newClient();
  expect((await register(c, { name: 'Warga Uji', email, password, ...extra })).status).toBe(303);
  expect((await c.post('/verifikasi', { code: await lastCode(email) })).status).toBe(303);
  return c;
}

async function signIn(c: Client, identifier: string, password: string, more: Record<string, string> = {}) {
  await c.get('/masuk');
  return c.post('/masuk', { identifier, password, ...more });
}

describe('sign-in limits (issue 6, items 1 and 2)', () => {
  it("limits the attacker's address, not the owner's", async () => {
    const email = 'korban1@contoh.id';
    const password = 'rumah panggung kayu';
    await verifiedCitizen(email, password);
    const attacker = newClient();
    let last = 0;
    for (let i = 0; i < 8; i++) last = (await signIn(attacker, email, `tebakan salah ${i}`)).status;
    expect(last).toBe(429);
    // the right password from the attacker's address waits too
    expect((await signIn(attacker, email, password)).status).toBe(429);
    // the owner, elsewhere, signs in with the password alone
    const owner = newClient();
    const res = await signIn(owner, email, password);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/akun');
  });

  it('beyond the ceiling for an account, asks for a code sent to the owner instead of refusing', async () => {
    const email = 'korban2@contoh.id';
    const password = 'perahu ketek di musi';
    await verifiedCitizen(email, password);
    // many addresses, a few guesses each: over the per-account ceiling
    for (let a = 0; a < 6; a++) {
      const bot = newClient();
      for (let i = 0; i < 3; i++) await signIn(bot, email, `tebakan ${a}-${i}`);
    }
    const owner = newClient();
    const before = await messagesTo(email);
    let res = await signIn(owner, email, password);
    // not signed in yet, not refused either: a code went to the verified address
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain('name="code"');
    expect(html).toContain('Kami mengirim kode masuk');
    expect(await messagesTo(email)).toBe(before + 1);
    expect((await owner.get('/akun')).status).toBe(303);
    // an unknown account gets the same page (nothing tells who is registered)
    for (let a = 0; a < 6; a++) {
      const bot = newClient();
      for (let i = 0; i < 3; i++) await signIn(bot, 'tidak.ada.siapa@contoh.id', `tebakan ${a}-${i}`);
    }
    const probe = await signIn(newClient(), 'tidak.ada.siapa@contoh.id', password);
    expect(probe.status).toBe(401);
    expect(await probe.text()).toContain('name="code"');

    const code = await lastCode(email);
    // the code with a wrong password is not enough
    res = await owner.post('/masuk', { identifier: email, password: 'bukan sandinya', code });
    expect(res.status).toBe(401);
    res = await owner.post('/masuk', { identifier: email, password, code: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/akun');
    expect((await owner.get('/akun')).status).toBe(200);
  });

  it('a successful sign-in does not reset the limit on the address (password spraying meets a 429)', async () => {
    const own = 'penyemprot@contoh.id';
    const password = 'kerupuk kemplang enak';
    await verifiedCitizen(own, password);
    const sprayer = newClient();
    let limited = false;
    for (let round = 0; round < 8 && !limited; round++) {
      for (let i = 0; i < 5 && !limited; i++) {
        if ((await signIn(sprayer, `orang${round}x${i}@contoh.id`, 'password123!')).status === 429) limited = true;
      }
      if (!limited) expect((await signIn(sprayer, own, password)).status).toBe(303);
      await sprayer.post('/keluar', {});
    }
    expect(limited).toBe(true);
  });
});

describe('no oracle of who is registered (issue 6, item 4)', () => {
  it('/akun/ubah checks uniqueness only for an otherwise valid submission, and is rate-limited', async () => {
    await verifiedCitizen('pemilik.nik@contoh.id', 'pempek lenjer panjang', { nik: '1671015205900003' });
    const c = await verifiedCitizen('penanya@contoh.id', 'tekwan kuah hangat');
    await c.get('/akun/ubah');
    const res = await c.post('/akun/ubah', { name: '', email: 'penanya@contoh.id', phone: '', nik: '1671015205900003', locale: 'id' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Masukkan nama lengkap Anda');
    expect(html).not.toContain('NIK ini sudah dipakai');
    // valid submissions that hit someone else's identifier are counted, then refused
    let last = 0;
    for (let i = 0; i < 12 && last !== 429; i++) {
      last = (await c.post('/akun/ubah', { name: 'Penanya', email: 'penanya@contoh.id', phone: '', nik: '1671015205900003', locale: 'id' })).status;
    }
    expect(last).toBe(429);
  });

  it('/atur-ulang-sandi answers the same for an existing and a missing account when the code is wrong', async () => {
    const email = 'lupa@contoh.id';
    await verifiedCitizen(email, 'martabak har telur');
    const c = newClient();
    await c.get('/lupa-sandi');
    await c.post('/lupa-sandi', { identifier: email });
    const code = await lastCode(email);
    const wrong = code === '123456' ? '654321' : '123456';
    // a password built from the account's own email: a rule only an existing account can break
    const pw = { password: 'lupa lupa ingat terus', confirm: 'lupa lupa ingat terus' };
    const a = await c.post('/atur-ulang-sandi', { identifier: email, code: wrong, ...pw });
    const b = await c.post('/atur-ulang-sandi', { identifier: 'tidak.ada@contoh.id', code: wrong, ...pw });
    expect(a.status).toBe(b.status);
    const strip = (s: string) => s.replace(/name="_csrf" value="[^"]+"/, '').replace(/[a-z.]+@contoh\.id/g, 'X');
    expect(strip(await a.text())).toBe(strip(await b.text()));
    // with the right code the password rules speak
    const weak = await c.post('/atur-ulang-sandi', { identifier: email, code, password: 'pendek', confirm: 'pendek' });
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain('minimal 10 karakter');
  });
});

describe('codes typed as people type them (item 12)', () => {
  it('accepts spaces and dashes in verification and reset codes', async () => {
    const email = 'spasi@contoh.id';
    const c = newClient();
    await register(c, { name: 'Spasi', email, password: 'lenggang kangkung biru' });
    const code = await lastCode(email);
    expect((await c.post('/verifikasi', { code: ` ${code.slice(0, 3)} ${code.slice(3)} ` })).status).toBe(303);
    const r = newClient();
    await r.get('/lupa-sandi');
    await r.post('/lupa-sandi', { identifier: email });
    const reset = await lastCode(email);
    const res = await r.post('/atur-ulang-sandi', { identifier: email, code: `${reset.slice(0, 3)}-${reset.slice(3)}`, password: 'lenggang kangkung merah', confirm: 'lenggang kangkung merah' });
    expect(res.status).toBe(303);
  });
});

describe('registration (items 9 and 15)', () => {
  it('reports every problem at once, in form order, and keeps what was typed except the password', async () => {
    const c = newClient();
    const res = await register(c, { name: '', email: 'benar@contoh.id', phone: '', nik: '', password: 'pendek' });
    expect(res.status).toBe(422);
    const html = await res.text();
    const summary = html.slice(html.indexOf('error-summary'), html.indexOf('</ul>', html.indexOf('error-summary')));
    expect(summary).toContain('Masukkan nama lengkap Anda');
    expect(summary).toContain('minimal 10 karakter');
    expect(summary.indexOf('Masukkan nama lengkap Anda')).toBeLessThan(summary.indexOf('minimal 10 karakter'));
    expect(html).toContain('value="benar@contoh.id"');
    expect(html).not.toContain('value="pendek"');
  });

  it("refuses email addresses with ' \" < >, at registration, on the profile and at sign-in", async () => {
    for (const bad of ["o'neil@contoh.id", '"kutip"@contoh.id', '<a>@contoh.id', 'a>b@contoh.id']) {
      const c = newClient();
      const res = await register(c, { name: 'Uji', email: bad, password: 'bulan purnama terang' });
      expect(res.status, bad).toBe(422);
      expect(await res.text()).toContain('Masukkan alamat email yang benar');
      await c.get('/lupa-sandi');
      expect((await c.post('/lupa-sandi', { identifier: bad })).status, bad).toBe(422);
    }
    const c = await verifiedCitizen('profil.email@contoh.id', 'jembatan ampera lama');
    await c.get('/akun/ubah');
    expect((await c.post('/akun/ubah', { name: 'Uji', email: "x'y@contoh.id", phone: '', nik: '', locale: 'id' })).status).toBe(422);
  });
});

describe('only a verified contact counts (item 16)', () => {
  it("an unverified claim on someone's phone does not block its owner, and signs nobody in", async () => {
    const phone = '0812 4444 5555';
    // B claims A's phone (and never receives its code)
    const b = newClient();
    expect((await register(b, { name: 'Bukan Pemilik', phone, password: 'pisang goreng keju' })).status).toBe(303);
    await b.post('/keluar', {});
    // an unverified number does not sign B in
    expect((await signIn(newClient(), phone, 'pisang goreng keju')).status).toBe(401);
    // A registers the same number and verifies it
    const a = newClient();
    const res = await register(a, { name: 'Pemilik Asli', phone, password: 'durian musang king' });
    expect(res.status).toBe(303);
    expect((await a.post('/verifikasi', { code: await lastCode('+6281244445555') })).status).toBe(303);
    // B cannot sign in with it; A can
    expect((await signIn(newClient(), phone, 'pisang goreng keju')).status).toBe(401);
    expect((await signIn(newClient(), phone, 'durian musang king')).status).toBe(303);
    // B's claim is gone: no code for B's account goes to A's phone any more
    const rows = await t.ctx.db.selectFrom('users').select(['name', 'phone']).where('phone', '=', '+6281244445555').execute();
    expect(rows.map((r) => r.name)).toEqual(['Pemilik Asli']);
  });

  it('a verified email stays unique', async () => {
    await verifiedCitizen('unik@contoh.id', 'nanas madu manis');
    const res = await register(newClient(), { name: 'Lain', email: 'unik@contoh.id', password: 'nanas madu asam' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Email ini sudah terdaftar');
  });
});

describe('what a newcomer met (items 13 and 22)', () => {
  it('says where the code went after adding a phone number on /akun/ubah', async () => {
    const c = await verifiedCitizen('tambah.hp@contoh.id', 'kapal selam pempek');
    await c.get('/akun/ubah');
    const res = await c.post('/akun/ubah', { name: 'Warga Uji', email: 'tambah.hp@contoh.id', phone: '0813 6666 7777', nik: '', locale: 'id' });
    expect(res.headers.get('location')).toBe('/verifikasi');
    const html = await (await c.get('/verifikasi')).text();
    expect(html).toContain('+62 813-6666-7777');
    expect(html).not.toContain('{to}');
  });

  it('names the data export after the local date', async () => {
    // 20:00 UTC is already the next day in Palembang (WIB, UTC+7)
    expect(exportFileName(new Date('2026-03-01T20:00:00Z'), 'Asia/Jakarta')).toBe('data-saya-2026-03-02.json');
    expect(exportFileName(new Date('2026-03-01T10:00:00Z'), 'Asia/Jakarta')).toBe('data-saya-2026-03-01.json');
    const c = await verifiedCitizen('ekspor@contoh.id', 'songket merah emas');
    const res = await c.get('/akun/data');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${exportFileName(new Date(), 'Asia/Jakarta')}"`);
  });

  it('no page in the walk above shows a raw {placeholder}', async () => {
    // a full walk as well: register, verify, edit, password, forgot, reset, sign in and out
    const c = newClient();
    await register(c, { name: 'Jalan Jalan', email: 'jalan@contoh.id', phone: '0819 1234 5678', password: 'bukit siguntang hijau' });
    await c.get('/verifikasi');
    await c.post('/verifikasi/kirim-ulang', {});
    await c.get('/verifikasi');
    await c.post('/verifikasi', { code: await lastCode('jalan@contoh.id') });
    await c.get('/verifikasi');
    await c.post('/verifikasi/kirim-ulang', {}); // the phone's first code
    await c.get('/verifikasi');
    await c.post('/verifikasi', { code: await lastCode('+6281912345678') });
    for (const p of ['/akun', '/akun/ubah', '/akun/sandi', '/akun/hapus']) await c.get(p);
    await c.post('/akun/sandi', { current: 'salah', password: 'x', confirm: 'y' });
    await c.post('/keluar', {});
    for (const p of ['/', '/masuk', '/daftar', '/lupa-sandi']) await c.get(p);
    await c.post('/lupa-sandi', { identifier: 'jalan@contoh.id' });
    await c.post('/atur-ulang-sandi', { identifier: 'jalan@contoh.id', code: '000000', password: 'a', confirm: 'b' });
    await c.get('/masuk');
    await c.post('/masuk', { identifier: 'jalan@contoh.id', password: 'salah sekali' });
    const pages = walkers.flatMap((w) => w.pages);
    expect(pages.length).toBeGreaterThan(100);
    for (const { path, html } of pages) {
      const text = html.replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/g, '');
      expect(text.match(/\{[a-zA-Z_]+\}/)?.[0], path).toBeUndefined();
    }
  });
});
