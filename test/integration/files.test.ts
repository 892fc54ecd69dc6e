// Uploads end to end through a test-only module: what is stored (type from the bytes, images without
// their EXIF/GPS, a content hash), what is refused (renamed files, damaged PDFs, too large, too many,
// no CSRF token) with stable codes, and who may read a file back (only through authorize).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, Client, type TestApp } from '../helpers.ts';
import { signInAs } from '../auth-helpers.ts';
import { modules as allModules } from '../../src/modules/index.ts';
import { defineModule } from '../../src/platform/module.ts';
import { saveFiles, deleteFiles, removeObjects, fileStore, filesProbe, type FilesProbeEvent, type Upload } from '../../src/platform/files/index.ts';
import { CSRF_SEED, csrfFor, fileTestModule, jpegWithGps, minimalPdf, png, uploadAs, type TestFile } from '../../src/platform/files/test-fixtures.ts';
import { isWellFormedPdf } from '../../src/platform/files/detect.ts';
import { cleanName } from '../../src/platform/files/upload.ts';

const SEED = CSRF_SEED;

const otherModule = defineModule({ id: 'othertest', permissions: { 'othertest.read': { public: true } } });

let t: TestApp;
let owner: Client;
let other: Client;
let officer: Client;
const anon = () => {
  const c = new Client(t.app);
  c.cookies.set('gapura_csrf', SEED);
  return c;
};

beforeAll(async () => {
  t = await createTestApp({ modules: [...allModules, fileTestModule, otherModule] });
  owner = new Client(t.app);
  other = new Client(t.app);
  officer = new Client(t.app);
  await signInAs(t, owner, { kind: 'citizen' });
  await signInAs(t, other, { kind: 'citizen' });
  const region = await t.ctx.db.selectFrom('units').select('code').where('kind', '=', 'region').executeTakeFirstOrThrow();
  await signInAs(t, officer, { kind: 'staff', grants: [{ role: 'officer', unitCode: region.code }] });
  for (const c of [owner, other, officer]) c.cookies.set('gapura_csrf', SEED);
});
afterAll(() => t?.close());

const upload = (client: Client, kind: string, files: TestFile[], fields: Record<string, string> = {}, opts: { csrf?: boolean; lang?: 'en' } = {}) =>
  uploadAs(t, client, kind, files, fields, opts);

const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
const fileCount = async () => Number((await t.ctx.db.selectFrom('files').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('images', () => {
  it('stores a JPEG without its GPS position or camera, resized for display with a thumbnail', async () => {
    const original = await jpegWithGps();
    // the test picture truly carries what must go
    expect(await exifr.gps(original)).toMatchObject({ latitude: expect.closeTo(-2.99, 2), longitude: expect.closeTo(104.76, 2) });
    expect((await exifr.parse(original))?.Make).toBe('GapuraCam');

    const { res, body } = await upload(owner, 'photo', [{ name: 'jalan rusak.JPG', bytes: original, type: 'text/plain' }], { judul: 'Jalan berlubang' });
    expect(res.status).toBe(200);
    expect(body.fields).toEqual({ judul: 'Jalan berlubang' });
    const [f] = body.files;
    expect(f).toMatchObject({ module: 'filetest', kind: 'photo', type: 'image/jpeg', name: 'jalan rusak.jpg', width: 1600, height: 1200, variants: ['thumb'] });

    const served = await owner.request(`/uji-berkas/berkas/${f.id}`);
    expect(served.status).toBe(200);
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(await exifr.gps(bytes)).toBeUndefined();
    expect(await exifr.parse(bytes)).toBeUndefined(); // no EXIF at all: no make, model, time, software
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif, meta.xmp, meta.icc, meta.iptc]).toEqual(['jpeg', 1600, 1200, undefined, undefined, undefined, undefined]);

    const thumb = Buffer.from(await (await owner.request(`/uji-berkas/berkas/${f.id}/kecil`)).arrayBuffer());
    expect(await sharp(thumb).metadata()).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
    expect(await exifr.parse(thumb)).toBeUndefined();

    // the original (with its metadata) is kept nowhere: the store holds the two renditions only
    const keys = (await fileStore(t.ctx.config).list()).filter((k) => k.includes(f.id));
    expect(keys).toEqual([`filetest/photo/${f.id}/display.jpg`, `filetest/photo/${f.id}/thumb.jpg`]);
    for (const k of keys) expect(await exifr.gps((await fileStore(t.ctx.config).get(k))!)).toBeUndefined();
    expect(fs.existsSync(path.join(t.ctx.config.filesDir, 'filetest', 'photo', f.id, 'display.jpg'))).toBe(true);

    // content hashes: of what is stored (checked on every read) and of what was received
    const row = await t.ctx.db.selectFrom('files').selectAll().where('id', '=', f.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ sha256: sha(bytes), size: bytes.length, source_sha256: sha(original), source_size: original.length, type: 'image/jpeg' });
    expect(row.variants.thumb).toMatchObject({ sha256: sha(thumb), type: 'image/jpeg', width: 320, height: 240 });
    expect(f.sha256).toBe(sha(bytes));
  });

  it('keeps PNG as PNG (transparency intact) and never enlarges a small picture', async () => {
    const { res, body } = await upload(owner, 'photo', [{ name: 'tanda', bytes: await png(), type: 'image/jpeg' }]);
    expect(res.status).toBe(200);
    expect(body.files[0]).toMatchObject({ type: 'image/png', name: 'tanda.png', width: 64, height: 48 });
  });

  it('refuses a damaged image (a JPEG cut off half way)', async () => {
    const full = await jpegWithGps();
    const { res, body } = await upload(owner, 'photo', [{ name: 'putus.jpg', bytes: full.subarray(0, Math.floor(full.length / 2)) }]);
    expect([res.status, body.code]).toEqual([422, 'file_damaged']);
    expect(body.message).toBe('putus.jpg rusak atau tidak lengkap sehingga tidak dapat dibaca. Coba kirim ulang file aslinya.');
  });
});

describe('PDFs', () => {
  it('accepts a well-formed PDF as it is, served as a download', async () => {
    const pdf = minimalPdf();
    expect(isWellFormedPdf(pdf)).toBe(true);
    const { res, body } = await upload(owner, 'letter', [{ name: 'Surat Pengantar RT.pdf', bytes: pdf, type: 'image/png' }]);
    expect(res.status).toBe(200);
    const f = body.files[0];
    expect(f).toMatchObject({ type: 'application/pdf', size: pdf.length, sha256: sha(pdf), variants: [] });
    const served = await owner.request(`/uji-berkas/berkas/${f.id}`);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(served.headers.get('content-disposition')).toBe(`attachment; filename="Surat Pengantar RT.pdf"; filename*=UTF-8''Surat%20Pengantar%20RT.pdf`);
    expect(Buffer.from(await served.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('refuses a PNG renamed .pdf with a clear message, whatever the browser claims', async () => {
    const before = await fileCount();
    const bytes = await png();
    const { res, body } = await upload(owner, 'letter', [{ name: 'surat.pdf', bytes, type: 'application/pdf' }]);
    expect([res.status, body.code]).toEqual([422, 'file_type_not_allowed']);
    expect(body.message).toBe('surat.pdf tidak dapat diterima: isinya PNG. Yang diterima: dokumen PDF.');
    expect(body.fields).toEqual({ berkas: 'files.error.type' });
    // where images are welcome too, the renamed file is still refused: its name lies about it
    const mixed = await upload(owner, 'any', [{ name: 'surat.pdf', bytes, type: 'application/pdf' }], {}, { lang: 'en' });
    expect([mixed.res.status, mixed.body.code]).toEqual([422, 'file_type_mismatch']);
    expect(mixed.body.message).toBe('The name surat.pdf ends in .pdf, but the file is PNG. Send the original file, not a renamed one.');
    expect(await fileCount()).toBe(before);
  });

  it('refuses what only starts like a PDF: a PDF header glued onto a PNG, a truncated PDF', async () => {
    const glued = Buffer.concat([Buffer.from('%PDF-1.7\n'), await png()]);
    const cut = minimalPdf().subarray(0, 200);
    const badOffset = Buffer.from(minimalPdf().toString('latin1').replace(/startxref\n\d+/, 'startxref\n3'), 'latin1');
    for (const bytes of [glued, cut, badOffset]) {
      expect(isWellFormedPdf(bytes)).toBe(false);
      const { res, body } = await upload(owner, 'letter', [{ name: 'surat.pdf', bytes }]);
      expect([res.status, body.code]).toEqual([422, 'file_damaged']);
    }
  });

  it('refuses content of any other kind (a ZIP, plain text) with what was found', async () => {
    const zip = Buffer.from('504b0304140000000800000021000000000000000000000000000000', 'hex');
    const z = await upload(owner, 'letter', [{ name: 'dokumen', bytes: zip }]);
    expect([z.res.status, z.body.code, z.body.message]).toEqual([422, 'file_type_not_allowed', 'dokumen tidak dapat diterima: isinya ZIP. Yang diterima: dokumen PDF.']);
    const txt = await upload(owner, 'any', [{ name: 'catatan.txt', bytes: Buffer.from('halo') }], {}, { lang: 'en' });
    expect([txt.res.status, txt.body.code, txt.body.message]).toEqual([422, 'file_type_not_allowed', 'catatan.txt cannot be accepted: it is of an unknown type. Accepted: photos or images (JPEG, PNG, WebP) or PDF documents.']);
  });
});

describe('limits', () => {
  it('refuses a file over the kind’s size with 413, in Indonesian and English, keeping the typed fields', async () => {
    const before = await fileCount();
    const big = minimalPdf(150_000);
    const id = await upload(owner, 'letter', [{ name: 'besar.pdf', bytes: big }], { judul: 'Surat saya', catatan: 'baris 1\nbaris 2' });
    expect([id.res.status, id.body.code]).toEqual([413, 'file_too_large']);
    expect(id.body.message).toBe('besar.pdf terlalu besar: paling besar 97,7 KB.');
    expect(id.body.values).toEqual({ judul: 'Surat saya', catatan: 'baris 1\nbaris 2' });
    const en = await upload(owner, 'letter', [{ name: 'besar.pdf', bytes: big }], {}, { lang: 'en' });
    expect([en.res.status, en.body.code, en.body.message]).toEqual([413, 'file_too_large', 'besar.pdf is too large: at most 97.7 KB.']);
    expect(await fileCount()).toBe(before);
  });

  it('refuses more files than the kind allows with 422, storing none of them', async () => {
    const before = await fileCount();
    const p = await png();
    const { res, body } = await upload(owner, 'photo', [1, 2, 3].map((i) => ({ name: `foto${i}.png`, bytes: p })), { judul: 'Tiga foto' });
    expect([res.status, body.code, body.message]).toEqual([422, 'too_many_files', 'Paling banyak 2 file dalam satu kiriman.']);
    expect(body.values).toEqual({ judul: 'Tiga foto' });
    const en = await upload(owner, 'photo', [1, 2, 3, 4, 5].map((i) => ({ name: `foto${i}.png`, bytes: p })), {}, { lang: 'en' });
    expect([en.res.status, en.body.code, en.body.message]).toEqual([422, 'too_many_files', 'At most 2 files in one upload.']);
    expect(await fileCount()).toBe(before);
    // exactly the limit is fine; an empty file input (no name, no bytes) does not count
    const form = await upload(owner, 'photo', [{ name: 'a.png', bytes: p }, { name: '', bytes: new Uint8Array() }, { name: 'b.png', bytes: p }]);
    expect([form.res.status, form.body.files.length]).toEqual([200, 2]);
  });

  it('stops reading a body past the hard cap (413), whether or not it declares its length', async () => {
    const form = new FormData();
    form.append('_csrf', csrfFor(t, owner));
    form.append('catatan', 'x'.repeat(19_000));
    for (let i = 0; i < 30; i++) form.append(`f${i}`, 'y'.repeat(19_000)); // text fields only: ~570 KB > 100 KB + 320 KB
    const encoded = new Response(form);
    const type = encoded.headers.get('content-type')!;
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    const declared = await owner.request('/uji-berkas/letter', { method: 'POST', body: bytes, headers: { 'content-type': type, 'content-length': String(bytes.length), accept: 'application/json' } });
    expect([declared.status, ((await declared.json())).error.code]).toEqual([413, 'body_too_large']);
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(ctl) {
        if (pulled >= bytes.length) return ctl.close();
        ctl.enqueue(bytes.subarray(pulled, pulled + 16_384));
        pulled += 16_384;
      },
    });
    const streamed = await owner.request('/uji-berkas/letter', { method: 'POST', body: stream, headers: { 'content-type': type, accept: 'application/json' }, duplex: 'half' } as RequestInit);
    expect([streamed.status, ((await streamed.json())).error.code]).toEqual([413, 'body_too_large']);
    expect(pulled).toBeLessThan(bytes.length); // it stopped reading
  });

  it('refuses control characters in the text fields, as the urlencoded reader does', async () => {
    const { res, body } = await upload(owner, 'photo', [{ name: 'a.png', bytes: await png() }], { judul: 'a\u0000b' });
    expect([res.status, body.error.code]).toEqual([400, 'invalid_encoding']);
  });
});

describe('CSRF and authorization', () => {
  it('refuses an upload without the CSRF token field and stores nothing', async () => {
    const before = await fileCount();
    const { res, body } = await upload(owner, 'photo', [{ name: 'a.png', bytes: await png() }], {}, { csrf: false });
    expect([res.status, body.error.code]).toEqual([403, 'csrf_failed']);
    expect(await fileCount()).toBe(before);
  });

  it('refuses an anonymous upload before reading it', async () => {
    const { res, body } = await upload(anon(), 'photo', [{ name: 'a.png', bytes: await png() }]);
    expect([res.status, body.error.code]).toEqual([401, 'unauthenticated']);
  });

  it('serves a file to its owner and to staff allowed by the rule, to nobody else, with safe headers', async () => {
    const { body } = await upload(owner, 'photo', [{ name: 'rumah saya.png', bytes: await png() }]);
    const id = body.files[0].id as string;
    const res = await owner.request(`/uji-berkas/berkas/${id}`);
    expect(res.status).toBe(200);
    expect(Object.fromEntries(['content-type', 'x-content-type-options', 'cache-control', 'content-disposition', 'cross-origin-resource-policy'].map((h) => [h, res.headers.get(h)]))).toEqual({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'content-disposition': `inline; filename="rumah saya.png"; filename*=UTF-8''rumah%20saya.png`,
      'cross-origin-resource-policy': 'same-origin',
    });
    // a revalidation is authorized again, then answered without the body
    const etag = res.headers.get('etag')!;
    expect((await owner.request(`/uji-berkas/berkas/${id}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await other.request(`/uji-berkas/berkas/${id}`, { headers: { 'if-none-match': etag } })).status).toBe(404);

    expect((await officer.request(`/uji-berkas/berkas/${id}`)).status).toBe(200);
    expect((await other.request(`/uji-berkas/berkas/${id}`)).status).toBe(404); // not allowed looks like not there
    const a = await anon().request(`/uji-berkas/berkas/${id}`);
    expect([a.status, a.headers.get('location')]).toEqual([303, `/masuk?kembali=${encodeURIComponent(`/uji-berkas/berkas/${id}`)}`]);
    // another module's route, even with a public permission, cannot serve this module's file
    expect((await owner.request(`/uji-lain/${id}`)).status).toBe(404);
    expect((await owner.request('/uji-berkas/berkas/bukan-id')).status).toBe(404);
    expect((await owner.request('/uji-berkas/berkas/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    // nothing under the web root: the files folder is not reachable by path
    expect((await owner.request(`/files/filetest/photo/${id}/display.png`)).status).toBe(404);
  });

  it('refuses to serve bytes that do not match the stored hash', async () => {
    const { body } = await upload(owner, 'photo', [{ name: 'x.png', bytes: await png() }]);
    const id = body.files[0].id as string;
    await fileStore(t.ctx.config).put(`filetest/photo/${id}/display.png`, await png(10, 10), 'image/png');
    expect((await owner.request(`/uji-berkas/berkas/${id}`)).status).toBe(500);
  });

  it('stores only what parseUpload produced, and reports every upload and read with its authorization', async () => {
    const forged = { module: 'filetest', kind: 'photo', field: 'x', name: 'x.png', category: 'image', source: { size: 1, sha256: '0'.repeat(64) }, main: { bytes: Buffer.from('x'), type: 'image/png', ext: 'png', sha256: '0'.repeat(64) } } as Upload;
    await expect(saveFiles(t.ctx, t.ctx.db, [forged])).rejects.toThrow(/only uploads returned by parseUpload/);

    const seen: FilesProbeEvent[] = [];
    filesProbe.listener = (e) => seen.push(e);
    try {
      const { body } = await upload(owner, 'photo', [{ name: 'a.png', bytes: await png() }]);
      await upload(anon(), 'photo', [{ name: 'a.png', bytes: await png() }]);
      await other.request(`/uji-berkas/berkas/${body.files[0].id}`);
    } finally {
      filesProbe.listener = undefined;
    }
    expect(seen.map((e) => [e.op, e.action, e.allowed])).toEqual([
      ['upload', 'filetest.upload', true],
      ['store', '', true],
      ['upload', 'filetest.upload', false],
      ['serve', 'filetest.read', false],
    ]);
  });
});

describe('deleting', () => {
  it('removes the rows in the transaction, then the objects once it has committed', async () => {
    const { body } = await upload(owner, 'photo', [{ name: 'hapus.png', bytes: await png() }]);
    const id = body.files[0].id as string;
    const store = fileStore(t.ctx.config);
    const keys = await t.ctx.db.transaction().execute((tx) => deleteFiles(tx, [id]));
    expect(keys).toEqual([`filetest/photo/${id}/display.png`, `filetest/photo/${id}/thumb.png`]);
    expect(await store.get(keys[0])).not.toBeNull(); // still there until removeObjects
    await removeObjects(t.ctx, keys);
    for (const k of keys) expect(await store.get(k)).toBeNull();
    expect((await owner.request(`/uji-berkas/berkas/${id}`)).status).toBe(404);
  });
});

describe('file names', () => {
  it('keeps no folders or control characters, and carries the stored extension', () => {
    expect(cleanName('C:\\Users\\budi\\Foto KTP.JPEG', 'photo', 'jpg')).toBe('Foto KTP.jpg');
    expect(cleanName('../../etc/passwd', 'photo', 'png')).toBe('passwd.png');
    expect(cleanName('a\u0000b\u202e"c.pdf', 'letter', 'pdf')).toBe('abc.pdf');
    expect(cleanName('.pdf', 'letter', 'pdf')).toBe('letter.pdf');
  });
});

