// The public pages stay small: /harga-pangan and a chart page, compressed as sent, under 30 KB.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t.close());

it('with a month of prices for every commodity, the pages are under 30 KB as sent (gzip)', async () => {
  const ed = new Client(t.app);
  await signInAs(t, ed, { kind: 'staff', grants: [{ role: 'officer', unitCode: '16.71.opd.disperindag' }] });
  const lines = ['tanggal,pasar,komoditas,harga'];
  const codes = (await t.ctx.db.selectFrom('prices_commodities').select('code').execute()).map((r) => r.code);
  const today = new Date(t.ctx.clock.now().getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  for (let d = 0; d < 30; d++) {
    const day = new Date(Date.parse(`${today}T00:00:00Z`) - d * 86_400_000).toISOString().slice(0, 10);
    for (const [i, c] of codes.entries()) lines.push(`${day},pasar-16-ilir,${c},${10_000 + i * 1000 + d * 37}`);
  }
  await ed.get('/petugas/harga-pangan/impor');
  expect((await ed.post('/petugas/harga-pangan/impor', { csv: lines.join('\n'), idem: 'ukuran-halaman-01' })).status).toBe(303);
  const { runDueJobs } = await import('../../platform/jobs/worker.ts');
  await runDueJobs(t.ctx, 10);
  for (const path of ['/harga-pangan', '/harga-pangan/beras-medium?pasar=pasar-16-ilir']) {
    const res = await t.app.request(path, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    const bytes = (await res.arrayBuffer()).byteLength;
    console.log(`${path}: ${bytes} bytes as sent (${res.headers.get('content-encoding') ?? 'identity'})`);
    expect(bytes).toBeLessThan(30 * 1024);
  }
});
