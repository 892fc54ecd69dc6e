// The CSV import of unit contacts in /petugas/unit/impor: a good file changes exactly what it says
// and is audited; a bad file reports every problem by line and changes nothing; unit admins only
// reach their own units; officers and citizens not at all; the template round-trips.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = new Client(t.app);
  await signInAs(t, admin, { kind: 'staff', grants: [{ role: 'platform_admin', unitCode: '16.71' }] });
});
afterAll(() => t.close());

const contact = async (code: string) => (await t.ctx.db.selectFrom('units').select('contact').where('code', '=', code).executeTakeFirstOrThrow()).contact;
const allContacts = async () => (await t.ctx.db.selectFrom('units').select(['code', 'contact', 'updated_at']).orderBy('code').execute());
const audits = async (action: string) => (await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute());

/** POST the file as a browser does: multipart, with the form's CSRF token. */
async function upload(client: Client, csv: string | Uint8Array<ArrayBuffer>, opts: { csrf?: string } = {}) {
  const page = await client.get('/petugas/unit/impor');
  const form = new FormData();
  form.set('_csrf', opts.csrf ?? (page.status === 200 ? client.csrf() : 'x'));
  form.set('berkas', new File([csv], 'kontak.csv', { type: 'text/csv' }));
  return client.request('/petugas/unit/impor', { method: 'POST', body: form });
}

describe('CSV import of unit contacts', () => {
  it('imports a good file: the columns it has replace those fields, each changed unit audited', async () => {
    const before = await contact('16.71.opd.dpmptsp');
    const csv = [
      'code;name;phone;email;source', // semicolons, as a spreadsheet set to Indonesian saves them
      '16.71.07;Sukarami;0711 410001;kec.sukarami@example.go.id;Surat Camat Sukarami, 3 Januari 2026',
      '',
      '16.71.01.1001;35 Ilir;"0711 410002";;Papan nama kantor, dicek 5 Januari 2026',
      `16.71.opd.dpmptsp;DPMPTSP;;;${before.source}`,
    ].join('\r\n');
    const res = await upload(admin, `\uFEFF${csv}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/petugas/unit?pesan=diimpor&diubah=2');
    expect(await contact('16.71.07')).toEqual({ phone: '0711 410001', email: 'kec.sukarami@example.go.id', source: 'Surat Camat Sukarami, 3 Januari 2026' });
    expect(await contact('16.71.01.1001')).toEqual({ phone: '0711 410002', source: 'Papan nama kantor, dicek 5 Januari 2026' });
    // the website is not a column of the file: it stays; nothing else changed
    expect(await contact('16.71.opd.dpmptsp')).toEqual(before);
    const entries = await audits('units.contact_imported');
    expect(entries.map((e) => e.subject_id)).toEqual(['16.71.07', '16.71.01.1001']);
    expect(entries[0].after).toMatchObject({ contact: { phone: '0711 410001' } });
    expect(entries[0].actor_id).toBeTypeOf('number');
    expect(entries[0].unit_id).toBeTypeOf('number');
    const tree = await (await admin.get('/petugas/unit?pesan=diimpor&diubah=2')).text();
    expect(tree).toContain('Kontak sudah diimpor: 2 unit berubah.');
    // the public page shows it with its source
    const pub = await (await new Client(t.app).get('/instansi/16.71.07')).text();
    expect(pub).toContain('href="tel:0711410001"');
    expect(pub).toContain('Sumber: Surat Camat Sukarami, 3 Januari 2026');
  });

  it('refuses a bad file as a whole: every problem by line and column, nothing changed', async () => {
    const snapshot = await allContacts();
    const auditCount = (await audits('units.contact_imported')).length;
    const csv = [
      'code,name,phone,email,website',
      '16.71.02,Seberang Ulu I,0711 420000,,', // good on its own, still not written
      '16.71.03,x,telepon kantor,,',
      '99.99.99,x,,,',
      '16.71.04,x,,bukan-email,http//salah',
      '16.71.02,again,,,',
      '16.71.05,too,many,columns,,,',
    ].join('\n');
    const res = await upload(admin, csv);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('ada 6 masalah. Tidak ada kontak yang diubah');
    const rows = [...html.matchAll(/<tr><td>(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [Number(m[1]), m[2], m[3]]);
    expect(rows.map(([line, col]) => `${line}:${col}`)).toEqual(['3:phone', '4:code', '5:email', '5:website', '6:code', '7:–']);
    expect(rows[1][2]).toContain('Tidak ada unit dengan kode 99.99.99');
    expect(rows[4][2]).toContain('sudah ada di baris 2');
    expect(await allContacts()).toEqual(snapshot);
    expect((await audits('units.contact_imported')).length).toBe(auditCount);
  });

  it('names what is wrong with the file itself: unknown column, no code, not UTF-8, empty, none chosen', async () => {
    const snapshot = await allContacts();
    expect(await (await upload(admin, 'code,telepon\n16.71.02,0711\n')).text()).toContain('Kolom ini tidak dikenal');
    expect(await (await upload(admin, 'name,phone\nx,0711 1\n')).text()).toContain('harus punya kolom code');
    expect(await (await upload(admin, new Uint8Array([0x63, 0x6f, 0x64, 0x65, 0x0a, 0xff, 0xfe]))).text()).toContain('bukan teks UTF-8');
    expect(await (await upload(admin, 'code,phone\n16.71.02,07\u000011\n')).text()).toContain('karakter kendali');
    expect(await (await upload(admin, 'code,phone\n')).text()).toContain('hanya berisi baris judul');
    const none = await upload(admin, '');
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('Pilih berkas CSV');
    expect(await allContacts()).toEqual(snapshot);
  });

  it('needs the form token', async () => {
    const res = await upload(admin, 'code,phone\n16.71.02,0711 1\n', { csrf: 'forged' });
    expect(res.status).toBe(403);
    expect(await contact('16.71.02')).toEqual({});
  });

  it('the template holds the current contacts of the units one may edit, and imports back unchanged', async () => {
    const res = await admin.get('/petugas/unit/impor/templat.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="kontak-unit.csv"');
    const text = await res.text();
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('code,name,address,phone,whatsapp,email,website,source');
    expect(lines).toContain('16.71.07,Sukarami,,0711 410001,,kec.sukarami@example.go.id,,"Surat Camat Sukarami, 3 Januari 2026"');
    expect(lines).toHaveLength(1 + 143);
    const again = await upload(admin, text);
    expect(again.headers.get('location')).toBe('/petugas/unit?pesan=diimpor&diubah=0');
  });

  it('a unit admin imports for their own units only; officers and citizens are refused', async () => {
    const kec = new Client(t.app);
    await signInAs(t, kec, { kind: 'staff', grants: [{ role: 'unit_admin', unitCode: '16.71.07' }] });
    const template = await (await kec.get('/petugas/unit/impor/templat.csv')).text();
    const codes = template.trim().split('\r\n').slice(1).map((l) => l.split(',')[0]);
    expect(codes[0]).toBe('16.71.07');
    expect(codes.every((c) => c.startsWith('16.71.07'))).toBe(true);
    expect((await kec.get('/petugas/unit')).status).toBe(200);
    expect(kec.lastHtml).toContain('href="/petugas/unit/impor"');

    const outside = await upload(kec, 'code,phone\n16.71.07.1002,0711 430000\n16.71.01,0711 430001\n');
    expect(outside.status).toBe(422);
    expect(await outside.text()).toContain('tidak berwenang mengubah kontak unit 16.71.01');
    expect(await contact('16.71.07.1002')).toEqual({});
    const own = await upload(kec, 'code,phone\n16.71.07.1002,0711 430000\n');
    expect(own.status).toBe(303);
    expect(await contact('16.71.07.1002')).toEqual({ phone: '0711 430000' });

    const officer = new Client(t.app);
    await signInAs(t, officer, { kind: 'staff', grants: [{ role: 'officer', unitCode: '16.71.07' }] });
    expect((await officer.get('/petugas/unit/impor')).status).toBe(403);
    expect((await officer.get('/petugas/unit/impor/templat.csv')).status).toBe(403);
    expect((await officer.get('/petugas/unit')).status).toBe(200);
    expect(officer.lastHtml).not.toContain('href="/petugas/unit/impor"');
    const form = new FormData();
    form.set('berkas', new File(['code,phone\n16.71.07,1\n'], 'a.csv'));
    expect((await officer.request('/petugas/unit/impor', { method: 'POST', body: form })).status).toBe(403);

    const citizen = new Client(t.app);
    await signInAs(t, citizen, { kind: 'citizen' });
    expect((await citizen.get('/petugas/unit/impor')).status).toBeGreaterThanOrEqual(401);
    const anonymous = await new Client(t.app).get('/petugas/unit/impor');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/petugas\/masuk/);
  });
});
