// Abuse cases of the public verification page, per client address (behind a trusted proxy, as in
// production): a scan of codes and a flood of uploads meet 429 from their own address only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { systemActor } from '../../platform/audit/audit.ts';
import { documentBytes, findDocument, issueDocument, type IssueDocumentInput } from '../../platform/documents/index.ts';

let t: TestApp;
let unitId: number;
beforeAll(async () => {
  t = await createTestApp({ env: { GAPURA_TRUST_PROXY: 'true' } });
  unitId = (await t.ctx.db.selectFrom('units').select('id').where('kind', '=', 'kelurahan').orderBy('code').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const input = (): IssueDocumentInput => ({
  module: 'layanan', kind: 'sk-domisili', unitId, numberFormat: '470/{seq:4}/KEL/{month:roman}/{year}', title: 'Surat Keterangan Domisili',
  body: [{ paragraph: 'Yang bertanda tangan di bawah ini menerangkan bahwa:' }], signer: { name: 'Lurah Uji', position: 'Lurah' }, actor: systemActor('test'),
});

describe('/cek abuse limits (per client address)', () => {
  it('a scan of codes meets 429 from its address only; the owner of a real code elsewhere still checks it', async () => {
    const doc = await t.ctx.db.transaction().execute((tx) => issueDocument(t.ctx, tx, input()));
    const scanner = new Client(t.app, '203.0.113.7');
    for (let i = 0; i < 31; i++) expect((await scanner.get('/cek/ZZZZZZZZZZ')).status).toBe(404);
    expect((await scanner.get('/cek/ZZZZZZZZZZ')).status).toBe(429);
    // the scanner's own address is blocked also for a real code; another address is not
    expect((await scanner.get(`/cek/${doc.code}`)).status).toBe(429);
    expect((await new Client(t.app, '198.51.100.9').get(`/cek/${doc.code}`)).status).toBe(200);
  });

  it('an upload flood is refused before its body is read, for that address only', async () => {
    const doc = await t.ctx.db.transaction().execute((tx) => issueDocument(t.ctx, tx, input()));
    const bytes = await documentBytes(t.ctx, (await findDocument(t.ctx.db, doc.id))!);
    const post = async (client: Client) => {
      await client.get(`/cek/${doc.code}`);
      const form = new FormData();
      form.set('_csrf', client.csrf());
      form.set('berkas', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'surat.pdf');
      return client.request(`/cek/${doc.code}`, { method: 'POST', body: form });
    };
    const flood = new Client(t.app, '203.0.113.8');
    // the policy's free attempts, counted straight in the table (60 real uploads would slow the suite)
    await t.ctx.db.insertInto('rate_limits').values({ key: 'documents:cek:upload:203.0.113.8', failures: 60, window_start: new Date() }).execute();
    expect((await post(flood)).status).toBe(200);
    expect((await post(flood)).status).toBe(429);
    expect((await post(new Client(t.app, '198.51.100.10'))).status).toBe(200);
  });
});

