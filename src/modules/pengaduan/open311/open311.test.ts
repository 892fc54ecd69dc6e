// Open311 GeoReport v2 end to end through the real app: every JSON answer validated against the
// official schemas, XML checked well formed with the spec's element names, anonim/rahasia, keys
// issued in the back office, a curl-style form POST, errors per the spec, jurisdiction_id, unknown
// parameters, the per-key rate limit and the CSRF exemption for sessionless api_key clients.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../../test/helpers.ts';
import { signInAs } from '../../../../test/auth-helpers.ts';
import { createComplaint } from '../service.ts';
import { schemaErrors } from './schemas.ts';
import { xmlShape } from './xml-check.ts';

let t: TestApp;
let anonimId: string;
let rahasiaId: string;
let closedId: string;
beforeAll(async () => {
  t = await createTestApp({ env: { PENGADUAN_OPEN311_POSTS_PER_HOUR: '3' } });
  await t.ctx.calendar.timeZone(); // see create.ts
  t.ctx.clock.set(new Date('2026-11-20T03:00:00Z'));
  anonimId = (await createComplaint(t.ctx, { categoryCode: 'jalan-rusak', description: 'Lubang di Jalan Thamrin', address: 'Jl. Thamrin', lat: -2.99, lng: 104.75, anonim: true, reporterName: 'Siti Rahayu', contactEmail: 'siti@example.org', contactPhone: '081234567890', channel: 'web' })).publicId;
  rahasiaId = (await createComplaint(t.ctx, { categoryCode: 'pungutan-liar', description: 'Pungli di loket', rahasia: true, channel: 'web' })).publicId;
  closedId = (await createComplaint(t.ctx, { categoryCode: 'sampah', description: 'Sampah menumpuk', channel: 'web' })).publicId;
  await sql`update pengaduan_complaints set state = 'resolved' where public_id = ${closedId}`.execute(t.ctx.db);
  // older than the default 90 days
  t.ctx.clock.set(new Date('2026-06-01T03:00:00Z'));
  await createComplaint(t.ctx, { categoryCode: 'sampah', description: 'Laporan lama', channel: 'web' });
  t.ctx.clock.set(new Date('2026-12-01T03:00:00Z'));
}, 180_000);
afterAll(async () => {
  await t.close();
});

const get = (p: string, headers: Record<string, string> = {}) => t.app.request(p, { headers });
const post = (p: string, form: Record<string, string> | string, headers: Record<string, string> = {}) =>
  t.app.request(p, { method: 'POST', body: typeof form === 'string' ? form : new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
async function json(res: Response, kind?: Parameters<typeof schemaErrors>[0]): Promise<unknown> {
  const body: unknown = await res.json();
  if (kind) expect(schemaErrors(kind, body)).toEqual([]);
  return body;
}
async function xml(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
  return xmlShape(await res.text());
}
const names = (n: { children: { name: string }[] }) => n.children.map((c) => c.name);
function expectErrors(body: unknown, code: number) {
  expect(Array.isArray(body)).toBe(true);
  for (const e of body as { code: unknown; description: unknown }[]) {
    expect(e.code).toBe(code);
    expect(typeof e.description).toBe('string');
  }
}

async function issueKey(name: string): Promise<{ key: string; admin: Client }> {
  const admin = new Client(t.app);
  await signInAs(t, admin, { kind: 'staff', grants: [{ role: 'platform_admin', unitCode: '16.71' }] });
  await admin.get('/petugas/pengaduan/open311');
  const res = await admin.post('/petugas/pengaduan/open311', { name });
  expect(res.status).toBe(200);
  const key = /<code>(o311_[A-Za-z0-9_-]+)<\/code>/.exec(admin.lastHtml)?.[1];
  expect(key).toBeDefined();
  return { key: key!, admin };
}

describe('Open311 reading', () => {
  it('answers discovery and services in JSON and XML', async () => {
    const d = (await json(await get('/open311/v2/discovery.json'))) as { endpoints: { url: string; formats: string[] }[] };
    expect(d.endpoints[0].url).toBe('http://localhost:3000/open311/v2');
    expect(names(await xml(await get('/open311/v2/discovery.xml')))).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);

    const services = (await json(await get('/open311/v2/services.json'), 'services')) as { service_code: string }[];
    expect(services.map((s) => s.service_code)).toContain('jalan-rusak');
    const x = await xml(await get('/open311/v2/services.xml'));
    expect(x.name).toBe('services');
    expect(x.children.length).toBe(services.length);
    expect(names(x.children[0])).toEqual(['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);

    await json(await get('/open311/v2/services/jalan-rusak.json'), 'definition');
    expect(names(await xml(await get('/open311/v2/services/jalan-rusak.xml')))).toEqual(['service_code', 'attributes']);
  });

  it('lists public requests of the last 90 days, never rahasia, never the reporter', async () => {
    const res = await get('/open311/v2/requests.json');
    const text = await res.clone().text();
    const list = (await json(res, 'requests')) as { service_request_id: string; status: string; requested_datetime: string }[];
    const ids = list.map((r) => r.service_request_id);
    expect(ids).toContain(anonimId);
    expect(ids).toContain(closedId);
    expect(ids).not.toContain(rahasiaId);
    expect(list.some((r) => r.service_request_id.length && r.requested_datetime.endsWith('+07:00'))).toBe(true);
    expect(list).toHaveLength(2); // the June report is older than 90 days
    for (const secret of ['Siti', 'siti@example.org', '081234567890', 'Pungli']) expect(text).not.toContain(secret);
    const xmlText = await (await get('/open311/v2/requests.xml')).text();
    expect(xmlShape(xmlText).children.map((r) => r.children[0].text)).toEqual(ids);
    expect(xmlText).not.toContain('Siti');

    // filters: status, service_code, an explicit range, ids (which override the rest)
    const closed = (await json(await get('/open311/v2/requests.json?status=closed'), 'requests')) as { service_request_id: string }[];
    expect(closed.map((r) => r.service_request_id)).toEqual([closedId]);
    const roads = (await json(await get('/open311/v2/requests.json?service_code=jalan-rusak,lampu-jalan'), 'requests')) as { service_request_id: string }[];
    expect(roads.map((r) => r.service_request_id)).toEqual([anonimId]);
    const june = (await json(await get('/open311/v2/requests.json?start_date=2026-05-01T00:00:00%2B07:00&end_date=2026-07-01'), 'requests')) as unknown[];
    expect(june).toHaveLength(1);
    const byId = (await json(await get(`/open311/v2/requests.json?service_request_id=${anonimId},${rahasiaId},${closedId}&status=open`), 'requests')) as { service_request_id: string }[];
    expect(byId.map((r) => r.service_request_id).sort()).toEqual([anonimId, closedId].sort());
  });

  it('answers one request, and 404 for rahasia exactly as for an unknown id', async () => {
    const one = (await json(await get(`/open311/v2/requests/${anonimId}.json`), 'requests')) as { service_request_id: string; status: string }[];
    expect(one).toEqual([expect.objectContaining({ service_request_id: anonimId, status: 'open' })]);
    expect(schemaErrors('request', one[0])).toEqual([]);
    expect(names((await xml(await get(`/open311/v2/requests/${anonimId}.xml`))).children[0])).toContain('service_request_id');
    const secret = await get(`/open311/v2/requests/${rahasiaId}.json`);
    const unknown = await get('/open311/v2/requests/PGD-XXXX-XXXX.json');
    expect(secret.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect((await secret.text()).replace(rahasiaId, 'ID')).toBe((await unknown.text()).replace('PGD-XXXX-XXXX', 'ID'));
    expect((await get(`/open311/v2/tokens/${rahasiaId}.json`)).status).toBe(404);
    expect(await json(await get(`/open311/v2/tokens/${anonimId}.json`))).toEqual([{ service_request_id: anonimId, token: anonimId }]);
  });

  it('answers errors as [{code, description}] and <errors>, ignores unknown parameters, checks jurisdiction_id', async () => {
    let res = await get('/open311/v2/services/tidak-ada.json');
    expect(res.status).toBe(404);
    expectErrors(await res.json(), 404);
    res = await get('/open311/v2/services/tidak-ada.xml');
    expect(res.status).toBe(404);
    const e = await xml(res);
    expect(e.name).toBe('errors');
    expect(names(e.children[0])).toEqual(['code', 'description']);

    res = await get('/open311/v2/requests.json?start_date=kemarin');
    expect(res.status).toBe(400);
    const bad = (await res.json()) as { description: string }[];
    expectErrors(bad, 400);
    expect(bad[0].description).toMatch(/^start_date: /);
    expect((await get('/open311/v2/requests.json?status=pending')).status).toBe(400);
    expect((await get('/open311/v2/nothing.json')).status).toBe(404);
    expect((await get('/open311/v2/services.csv')).status).toBe(404);

    expect((await get('/open311/v2/services.json?jurisdiction_id=localhost:3000&_=1733040000&utm_source=x')).status).toBe(200);
    res = await get('/open311/v2/services.json?jurisdiction_id=kota-lain.go.id');
    expect(res.status).toBe(404);
    expectErrors(await res.json(), 404);
  });
});

describe('Open311 posting', () => {
  it('needs a key the back office issued (shown once, stored hashed, audited)', async () => {
    const form = { service_code: 'lampu-jalan', lat: '-2.98', long: '104.76', description: 'Lampu mati' };
    let res = await post('/open311/v2/requests.json', form);
    expect(res.status).toBe(403);
    expectErrors(await res.json(), 403);
    res = await post('/open311/v2/requests.xml', { ...form, api_key: 'o311_salah' });
    expect(res.status).toBe(403);
    expect((await xml(res)).name).toBe('errors');

    const { key, admin } = await issueKey('Aplikasi Uji');
    const row = await t.ctx.db.selectFrom('pengaduan_open311_keys').selectAll().executeTakeFirstOrThrow();
    expect(row.key_hash).not.toContain(key);
    expect(JSON.stringify(row)).not.toContain(key);
    await admin.get('/petugas/pengaduan/open311');
    expect(admin.lastHtml).not.toContain(key);
    expect(admin.lastHtml).toContain(key.slice(0, 11));
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'pengaduan.open311_key.issued'`.execute(t.ctx.db);
    expect(audit.rows[0].n).toBe(1);
    // anyone else is refused the page
    expect((await new Client(t.app).get('/petugas/pengaduan/open311')).status).not.toBe(200);
  });

  it('a double click on "make key" issues one key, and the second answer says the value was shown', async () => {
    const admin = new Client(t.app);
    await signInAs(t, admin, { kind: 'staff', grants: [{ role: 'platform_admin', unitCode: '16.71' }] });
    await admin.get('/petugas/pengaduan/open311');
    const form = /name="form" value="([^"]+)"/.exec(admin.lastHtml)?.[1];
    expect(form).toBeDefined();
    expect((await admin.post('/petugas/pengaduan/open311', { name: 'Aplikasi Ganda', form: form! })).status).toBe(200);
    expect(admin.lastHtml).toMatch(/<code>o311_[A-Za-z0-9_-]{20,}<\/code>/);
    await admin.get('/petugas/pengaduan/open311'); // a fresh CSRF field, as the second click's page would carry
    expect((await admin.post('/petugas/pengaduan/open311', { name: 'Aplikasi Ganda', form: form! })).status).toBe(200);
    expect(admin.lastHtml).not.toMatch(/<code>o311_[A-Za-z0-9_-]{20,}<\/code>/);
    expect(admin.lastHtml).toContain('sudah ditampilkan sekali');
    const rows = await t.ctx.db.selectFrom('pengaduan_open311_keys').select('id').where('name', '=', 'Aplikasi Ganda').execute();
    expect(rows).toHaveLength(1);
  });

  it('files a curl-style form POST into the queue, with attributes, and refuses bad input per field', async () => {
    const { key } = await issueKey('Aplikasi Warga');
    // exactly what curl --data-urlencode sends, with a parameter we do not know
    const body = `api_key=${key}&service_code=jalan-rusak&lat=-2.9761&long=104.7754&address_string=Jl.+Sudirman%2C+Palembang&description=Aspal+retak+%26+berlubang&email=budi%40example.org&first_name=Budi&attribute%5Bukuran%5D=besar&device_id=abc&client_version=3.1`;
    let res = await post('/open311/v2/requests.json', body, { 'user-agent': 'curl/8.5.0', accept: '*/*' });
    expect(res.status).toBe(200);
    const [answer] = (await res.json()) as { service_request_id: string; service_notice: null; account_id: null }[];
    expect(answer.service_request_id).toMatch(/^PGD-/);
    const filed = await t.ctx.db.selectFrom('pengaduan_complaints').selectAll().where('public_id', '=', answer.service_request_id).executeTakeFirstOrThrow();
    expect(filed.channel).toBe('open311');
    expect(filed.description).toBe('Aspal retak & berlubang\nukuran: besar');
    expect(filed.contact_email).toBe('budi@example.org');
    const [shown] = (await json(await get(`/open311/v2/requests/${answer.service_request_id}.json`), 'requests')) as { description: string; lat: number }[];
    expect(shown.lat).toBe(-2.9761);
    expect(JSON.stringify(shown)).not.toContain('budi');

    res = await post('/open311/v2/requests.json', { api_key: key, service_code: 'jalan-rusak', description: 'x' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { description: string }[])[0].description).toMatch(/^location: /);
    res = await post('/open311/v2/requests.xml', { api_key: key, service_code: 'tidak-ada', address_string: 'Jl. A', description: 'x' });
    expect(res.status).toBe(400);
    expect((await xml(res)).name).toBe('errors');
    res = await t.app.request('/open311/v2/requests.json', { method: 'POST', body: JSON.stringify({ api_key: key }), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(415);
    expectErrors(await res.json(), 415);
  });

  it('slows a key down past its hourly allowance, and a revoked key is refused', async () => {
    const { key, admin } = await issueKey('Aplikasi Cepat');
    const form = { api_key: key, service_code: 'sampah', address_string: 'Pasar 16 Ilir', description: 'Sampah pasar' };
    for (let i = 0; i < 3; i++) expect((await post('/open311/v2/requests.json', form)).status).toBe(200);
    const res = await post('/open311/v2/requests.json', form);
    expect(res.status).toBe(429);
    expectErrors(await res.json(), 429);

    const { key: other } = await issueKey('Aplikasi Dicabut');
    const id = (await t.ctx.db.selectFrom('pengaduan_open311_keys').select('id').where('name', '=', 'Aplikasi Dicabut').executeTakeFirstOrThrow()).id;
    await admin.get('/petugas/pengaduan/open311');
    expect((await admin.post(`/petugas/pengaduan/open311/${id}/cabut`, {})).status).toBe(303);
    expect((await post('/open311/v2/requests.json', { ...form, api_key: other })).status).toBe(403);
  });

  it('asks no CSRF token of a sessionless client, but does of a request with a session', async () => {
    const { key, admin } = await issueKey('Aplikasi Sesi');
    const form = { api_key: key, service_code: 'sampah', address_string: 'Jl. B', description: 'Sampah jalan' };
    expect((await post('/open311/v2/requests.json', form)).status).toBe(200);
    const res = await admin.post('/open311/v2/requests.json', form, { csrf: false });
    expect(res.status).toBe(403);
  });
});
