// The S3-compatible store, against a real S3 server on 127.0.0.1 (s3rver from npm, behind a front
// that verifies each request's Signature V4; see test/s3.ts and ADR 016). The same upload that goes to the local folder goes to the bucket instead
// when FILES_S3_URL is set, and is served back through the same authorized route.
import fs from 'node:fs';
import exifr from 'exifr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, Client, type TestApp } from '../helpers.ts';
import { signInAs } from '../auth-helpers.ts';
import { startS3, type TestS3 } from '../s3.ts';
import { modules as allModules } from '../../src/modules/index.ts';
import { ConfigError, loadConfig } from '../../src/platform/config.ts';
import { parseS3Url } from '../../src/platform/files/s3-url.ts';
import { S3Store, fileStore } from '../../src/platform/files/store.ts';
import { fileTestModule, jpegWithGps, minimalPdf, uploadAs } from '../../src/platform/files/test-fixtures.ts';

describe('FILES_S3_URL', () => {
  it('names endpoint, bucket, prefix, region and addressing in one URL, credentials percent-encoded', () => {
    expect(parseS3Url('s3://AKIA123:se%2Fcr%2Bet@minio.kota.go.id:9000/gapura/prod/files?region=ap-southeast-3&path_style=true')).toEqual({
      origin: 'https://minio.kota.go.id:9000', host: 'minio.kota.go.id:9000', bucket: 'gapura', prefix: 'prod/files/',
      region: 'ap-southeast-3', pathStyle: true, accessKeyId: 'AKIA123', secretAccessKey: 'se/cr+et',
    });
    expect(parseS3Url('s3://a:b@s3.ap-southeast-3.amazonaws.com/lampiran-kota')).toMatchObject({ origin: 'https://s3.ap-southeast-3.amazonaws.com', pathStyle: false, region: 'us-east-1', prefix: '' });
    expect(parseS3Url('s3://a:b@127.0.0.1:9000/bkt?tls=false').origin).toBe('http://127.0.0.1:9000');
  });

  it('refuses a bad value at boot with a message that names the problem and never the secret', () => {
    const bad = ['https://a:rahasia-sekali@host/bucket', 's3://a@host/bucket', 's3://a:rahasia-sekali@host', 's3://a:rahasia-sekali@host/bucket?pathstyle=1', 's3://a:rahasia-sekali@host/bucket?tls=maybe'];
    for (const v of bad) {
      let err: unknown;
      try {
        loadConfig({ GAPURA_ENV: 'test', FILES_S3_URL: v });
      } catch (e) {
        err = e;
      }
      expect(err, v).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(/FILES_S3_URL/);
      expect((err as Error).message).not.toContain('rahasia');
    }
    expect(loadConfig({ GAPURA_ENV: 'test' }).filesS3).toBeUndefined();
  });
});

describe('S3 store on a real S3 server', () => {
  let s3: TestS3;
  let t: TestApp;
  beforeAll(async () => {
    s3 = await startS3(['gapura-uji', 'lain']);
    t = await createTestApp({ modules: [...allModules, fileTestModule], env: { FILES_S3_URL: s3.url('gapura-uji', 'kota') } });
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close();
  });

  it('puts, gets, lists (inside its prefix only) and deletes objects', async () => {
    const store = new S3Store(parseS3Url(s3.url('lain', 'p')));
    const outside = new S3Store(parseS3Url(s3.url('lain')));
    await outside.put('bukan-gapura.txt', Buffer.from('x'), 'text/plain');
    const bytes = Buffer.from([0, 1, 2, 255, 254]);
    await store.put('m/k/id1/display.jpg', bytes, 'image/jpeg');
    await store.put('m/k/id2/original.pdf', Buffer.from('%PDF'), 'application/pdf');
    expect(await store.list()).toEqual(['m/k/id1/display.jpg', 'm/k/id2/original.pdf']);
    expect((await store.get('m/k/id1/display.jpg'))!.equals(bytes)).toBe(true);
    expect(await store.get('m/k/nothing')).toBeNull();
    await store.delete('m/k/id2/original.pdf');
    expect(await store.list()).toEqual(['m/k/id1/display.jpg']);
    expect(await outside.list()).toEqual(['bukan-gapura.txt', 'p/m/k/id1/display.jpg']);
    await expect(store.put('../x', bytes, 'a/b')).rejects.toThrow(/unsafe file key/);
  });

  it('signs every request (Signature V4, checked by the server) and reports a refused one clearly, without the secret', async () => {
    expect(s3.refused).toBe(0); // everything above was signed right
    for (const [creds, code] of [['SALAH:rahasia-sekali', 'InvalidAccessKeyId'], ['S3RVER:rahasia-sekali', 'SignatureDoesNotMatch']] as const) {
      const wrong = new S3Store(parseS3Url(s3.url('gapura-uji').replace('S3RVER:S3RVER', creds)));
      const err = await wrong.list().then(() => undefined, (e: unknown) => e as Error);
      expect(err?.message).toMatch(new RegExp(`listing answered 403 ${code}`));
      expect(err?.message).not.toContain('rahasia');
      await expect(wrong.put('a/b', Buffer.from('x'), 'text/plain')).rejects.toThrow(/upload answered 403/);
    }
    expect(s3.refused).toBe(4);
    // the same request signed with the right secret goes through: the check is the signature, not the request
    await new S3Store(parseS3Url(s3.url('gapura-uji'))).list();
    expect(s3.refused).toBe(4);
  });

  it('stores an upload in the bucket (nothing in the local folder) and serves it back through authorize', async () => {
    const owner = new Client(t.app);
    await signInAs(t, owner, { kind: 'citizen' });
    const original = await jpegWithGps();
    const { res, body } = await uploadAs(t, owner, 'photo', [{ name: 'foto.jpg', bytes: original }]);
    expect(res.status).toBe(200);
    const f = body.files[0];
    const store = fileStore(t.ctx.config);
    expect(store.kind).toBe('s3');
    expect(await store.list()).toEqual([`filetest/photo/${f.id}/display.jpg`, `filetest/photo/${f.id}/thumb.jpg`]);
    // under the prefix in the bucket, seen by a client that knows nothing of Gapura's prefix
    expect(await new S3Store(parseS3Url(s3.url('gapura-uji'))).list()).toEqual([`kota/filetest/photo/${f.id}/display.jpg`, `kota/filetest/photo/${f.id}/thumb.jpg`]);
    expect(fs.existsSync(t.ctx.config.filesDir)).toBe(false);

    const served = await owner.request(`/uji-berkas/berkas/${f.id}`);
    expect(served.status).toBe(200);
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.equals((await store.get(`filetest/photo/${f.id}/display.jpg`))!)).toBe(true);
    expect(await exifr.gps(bytes)).toBeUndefined();
    expect((await new Client(t.app).request(`/uji-berkas/berkas/${f.id}`)).status).toBe(303);

    const pdf = minimalPdf();
    const p = await uploadAs(t, owner, 'letter', [{ name: 'surat.pdf', bytes: pdf }]);
    const back = await owner.request(`/uji-berkas/berkas/${p.body.files[0].id}`);
    expect(Buffer.from(await back.arrayBuffer()).equals(pdf)).toBe(true);
  });
});
