// Issued documents end to end: render, sign (pdfsig must call every one valid and wholly signed),
// store, number under concurrency, revoke. The one test file that runs pdfsig.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { systemActor } from '../audit/audit.ts';
import { developmentSigner, documentBytes, findDocument, issueDocument, loadPkcs12Signer, renderDocument, revokeDocument, type IssueDocumentInput } from './index.ts';
import { DEV_P12_PASSWORD } from './signer.ts';

let t: TestApp;
let unitId: number;
const dir = () => path.join(t.dataDir, 'pdfsig');

function pdfsig(bytes: Uint8Array, name: string): string {
  fs.mkdirSync(dir(), { recursive: true });
  const file = path.join(dir(), name);
  fs.writeFileSync(file, bytes);
  try {
    return execFileSync('/usr/bin/pdfsig', [file], { encoding: 'utf8' });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return `${err.stdout ?? ''}${err.stderr ?? ''}`;
  }
}

const input = (over: Partial<IssueDocumentInput> = {}): IssueDocumentInput => ({
  module: 'layanan', kind: 'sk-domisili', unitId,
  numberFormat: '470/{seq:4}/KEL-35IL/{month:roman}/{year}',
  title: 'Surat Keterangan Domisili',
  body: [
    { paragraph: 'Yang bertanda tangan di bawah ini, Lurah 35 Ilir, menerangkan dengan sebenarnya bahwa:' },
    { fields: [{ label: 'Nama', value: 'Siti Aminah Nur’aini' }, { label: 'Tempat/tanggal lahir', value: 'Palembang, 17 Agustus 1990' }, { label: 'Alamat', value: 'Jl. Merdeka No. 12 RT 003 RW 002, Kelurahan 35 Ilir' }] },
    { paragraph: 'Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.' },
  ],
  signer: { name: 'Drs. Ahmad Fauzi, M.Si.', position: 'Lurah 35 Ilir', nip: '19700101 199003 1 001' },
  actor: systemActor('test'),
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  t.ctx.clock.set(new Date('2026-12-01T03:00:00Z'));
  const u = await t.ctx.db.selectFrom('units').select('id').where('kind', '=', 'kelurahan').orderBy('id').executeTakeFirstOrThrow();
  unitId = u.id;
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe('issued documents', () => {
  it('renders, numbers and signs a letter pdfsig calls valid and wholly signed; a tampered copy is not', async () => {
    const doc = await t.ctx.db.transaction().execute((tx) => issueDocument(t.ctx, tx, input()));
    expect(doc.number).toBe('470/0001/KEL-35IL/XII/2026');
    expect(doc.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(doc.verifyUrl).toBe(`http://localhost:3000/cek/${doc.code}`);
    expect(doc.development).toBe(true);
    const row = (await findDocument(t.ctx.db, doc.id))!;
    const bytes = await documentBytes(t.ctx, row);
    const out = pdfsig(bytes, 'letter.pdf');
    expect(out).toContain('Signature is Valid.');
    expect(out).toContain('Total document signed');
    const text = execFileSync('/usr/bin/pdftotext', [path.join(dir(), 'letter.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('PEMERINTAH KOTA PALEMBANG');
    expect(text).toContain('Siti Aminah Nur’aini');
    expect(text).toContain('470/0001/KEL-35IL/XII/2026');
    expect(text).toContain('SERTIFIKAT PENGEMBANGAN');

    const tampered = Buffer.from(bytes);
    const at = tampered.indexOf('/Title');
    tampered[at + 8] = tampered[at + 8] === 0x41 ? 0x42 : 0x41;
    const bad = pdfsig(tampered, 'tampered.pdf');
    expect(bad).not.toContain('Signature is Valid.');
  });

  it('hands out numbers 1..50 exactly to 50 concurrent issues of one unit', async () => {
    const series = 'concurrency';
    const docs = await Promise.all(Array.from({ length: 50 }, () =>
      t.ctx.db.transaction().execute((tx) => issueDocument(t.ctx, tx, input({ series, numberFormat: '{seq}/{year}' })))));
    expect(docs.map((d) => d.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(docs.map((d) => d.code)).size).toBe(50);
    // a rolled-back issue gives its number back
    await expect(t.ctx.db.transaction().execute(async (tx) => {
      await issueDocument(t.ctx, tx, input({ series, numberFormat: '{seq}/{year}' }));
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    const next = await t.ctx.db.transaction().execute((tx) => issueDocument(t.ctx, tx, input({ series, numberFormat: '{seq}/{year}' })));
    expect(next.number).toBe('51/2026');
  }, 120_000);

  it('revokes with a reason, audited', async () => {
    const doc = await t.ctx.db.transaction().execute((tx) => issueDocument(t.ctx, tx, input()));
    const row = await t.ctx.db.transaction().execute((tx) => revokeDocument(t.ctx, tx, doc.id, 'Salah ketik nama', systemActor('test')));
    expect(row.status).toBe('revoked');
    expect(row.revoked_at).toBeInstanceOf(Date);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('subject_id', '=', doc.id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['documents.issue', 'documents.revoke']);
  });
});

describe('/cek', () => {
  async function upload(client: Client, code: string, bytes: Uint8Array) {
    await client.get(`/cek/${code}`);
    const form = new FormData();
    form.set('_csrf', client.csrf());
    form.set('berkas', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'surat.pdf');
    return client.request(`/cek/${code}`, { method: 'POST', body: form });
  }

  it('finds a document by a typed code, says genuine or revoked, and compares an uploaded PDF byte for byte', async () => {
    const doc = await t.ctx.db.transaction().execute((tx) => issueDocument(t.ctx, tx, input()));
    const client = new Client(t.app);
    expect((await client.get('/cek')).status).toBe(200);
    const typed = `${doc.code.slice(0, 5).toLowerCase()} ${doc.code.slice(5)}`;
    const go = await client.get(`/cek?kode=${encodeURIComponent(typed)}`);
    expect(go.status).toBe(303);
    expect(go.headers.get('location')).toBe(`/cek/${doc.code}`);
    expect((await client.get('/cek?kode=abc')).status).toBe(422);

    const page = await client.get(`/cek/${doc.code}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Dokumen ini asli');
    expect(html).toContain(doc.number);
    expect(html).toContain('sertifikat pengembangan');
    expect(html).not.toContain('Siti Aminah');

    const bytes = await documentBytes(t.ctx, (await findDocument(t.ctx.db, doc.id))!);
    expect(await (await upload(client, doc.code, bytes)).text()).toContain('SAMA PERSIS');
    const other = Buffer.from(bytes);
    const at = other.indexOf('/Producer');
    other[at + 12] = other[at + 12] === 0x41 ? 0x42 : 0x41;
    expect(await (await upload(client, doc.code, other)).text()).toContain('TIDAK SAMA');

    await t.ctx.db.transaction().execute((tx) => revokeDocument(t.ctx, tx, doc.id, 'Data salah', systemActor('test')));
    const revoked = await (await client.get(`/cek/${doc.code}`)).text();
    expect(revoked).toContain('DICABUT');
    expect(revoked).toContain('Desember 2026');
    expect((await client.get('/cek/ZZZZZZZZZZ')).status).toBe(404);
  });
});

describe('a configured PKCS#12 file', () => {
  it('signs with its key (pdfsig valid, not marked development); a wrong password says so', async () => {
    const keys = path.join(t.dataDir, 'p12');
    developmentSigner(keys, 'Kota Palembang');
    const file = fs.readFileSync(path.join(keys, 'documents', 'development.p12'));
    expect(() => loadPkcs12Signer(file, 'wrong')).toThrow(/DOCUMENTS_P12_PASSWORD/);
    const signer = loadPkcs12Signer(file, DEV_P12_PASSWORD);
    expect(signer.development).toBe(false);
    const unsigned = await renderDocument({
      regionName: 'Kota Palembang', unitLines: ['Kelurahan 35 Ilir'], contactLine: '', title: 'Surat Keterangan', number: '1/2026',
      body: [{ paragraph: 'Uji.' }], place: 'Palembang', dateText: '1 Desember 2026', signer: { name: 'A', position: 'Lurah' },
      verifyUrl: 'http://localhost:3000/cek/0000000000', codeText: '00000-00000', development: false,
    });
    const out = pdfsig(await signer.sign(unsigned, { reason: 'uji', at: new Date() }), 'p12.pdf');
    expect(out).toContain('Signature is Valid.');
    expect(out).toContain('Total document signed');
  });
});
