// Open data end to end through the real app: every installed module's exports (contacts' among
// them) and 230 datasets of a test module appear in /data, the CKAN action API and the DCAT catalog
// without code per dataset; a harvester paging package_search gets each exactly once; CKAN's
// envelope, errors and status codes; fq and sort; POST JSON; downloads carry the live rows only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createTestApp, type TestApp } from '../helpers.ts';
import { modules } from '../../src/modules/index.ts';
import { defineModule, type DatasetSpec } from '../../src/platform/module.ts';

const MANY = 230;
/** the live rows of the test datasets: tests change them and expect the downloads (at once) and the
 *  catalog (within its one-minute refresh) to follow */
const live: Record<string, unknown>[][] = Array.from({ length: MANY }, (_, i) => [
  { n: i, label: `Baris ${i}`, at: '2025-06-01T00:00:00.000Z' },
]);
let ownerCode = '';
const odtest = defineModule({
  id: 'odtest',
  exports: Object.fromEntries(
    live.map((rows, i): [string, DatasetSpec] => [
      `odtest.set_${String(i).padStart(3, '0')}`,
      {
        title: `Data uji ${i}`,
        fields: [{ name: 'n', type: 'integer' }, { name: 'label', type: 'string' }, { name: 'at', type: 'datetime' }],
        // the first ten belong to a kecamatan, the rest to the region (no owner)
        ...(i < 10 ? { owner: () => ownerCode } : {}),
        rows: () => Promise.resolve(rows),
      },
    ]),
  ),
});
// an export that tries to leak a column it did not declare
const leaky = defineModule({
  id: 'leaky',
  exports: { 'leaky.people': { title: 'Orang', fields: [{ name: 'name', type: 'string' }], rows: () => Promise.resolve([{ name: 'A', nik: '1671010101010001' }]) } },
});

let t: TestApp;
const api = async (path: string, init?: RequestInit) => {
  const res = await t.app.request(path, init);
  return { res, body: (await res.json()) as { help: string; success: boolean; result: any; error: any } };
};
const post = (action: string, body: unknown) =>
  api(`/api/3/action/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

beforeAll(async () => {
  t = await createTestApp({ modules: [...modules, odtest, leaky] });
  const kec = await t.ctx.db.selectFrom('units').select('code').where('kind', '=', 'kecamatan').orderBy('code').executeTakeFirstOrThrow();
  ownerCode = kec.code;
});
afterAll(() => t.close());

describe('CKAN action API', () => {
  it('pages package_search with rows=100&sort=id asc: every dataset exactly once', async () => {
    const { body: all } = await api('/api/3/action/package_list');
    const seen: string[] = [];
    let count = -1;
    for (let start = 0; ; start += 100) {
      const { res, body } = await api(`/api/3/action/package_search?rows=100&start=${start}&sort=id%20asc`);
      expect(res.status).toBe(200);
      expect(body.success).toBe(true);
      count = body.result.count;
      if (!body.result.results.length) break;
      seen.push(...body.result.results.map((p: { id: string }) => p.id));
    }
    expect(seen.length).toBeGreaterThan(MANY); // contacts' dataset and the leaky one are there too
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(count);
    expect([...seen].sort()).toEqual(seen);
    expect(all.result).toHaveLength(count);
    expect(all.result).toContain('contacts-emergency_contacts');
  });

  it('answers in the {help, success, result} envelope; package_show has CKAN fields and CSV/JSON resources', async () => {
    const { res, body } = await api('/api/3/action/package_show?id=odtest-set_007');
    expect(res.status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['help', 'result', 'success']);
    expect(body.help).toBe('http://localhost:3000/api/3/action/help_show?name=package_show');
    const p = body.result;
    expect(p).toMatchObject({ name: 'odtest-set_007', title: 'Data uji 7', type: 'dataset', state: 'active', num_resources: 2, license_id: 'cc-by' });
    expect(p.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(p.organization.name).toBe(`kecamatan-${ownerCode.replaceAll('.', '-')}`);
    expect(p.metadata_modified).toBe('2025-06-01T00:00:00.000');
    expect(p.resources.map((r: { format: string; mimetype: string }) => [r.format, r.mimetype])).toEqual([['CSV', 'text/csv'], ['JSON', 'application/json']]);
    // by id too, and the same id on every start (derived from the name)
    const again = await api(`/api/3/action/package_show?id=${p.id}`);
    expect(again.body.result.name).toBe('odtest-set_007');

    // the resource URL serves the live rows
    live[7].push({ n: 99, label: '=SUM(A1)', at: '2025-06-02T00:00:00.000Z' });
    const csvUrl = new URL(p.resources[0].url);
    const csv = await t.app.request(csvUrl.pathname);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="odtest-set_007.csv"');
    expect(csv.headers.get('cache-control')).toBe('public, max-age=300');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(parse(text, { bom: true, columns: true })).toEqual([
      { n: '7', label: 'Baris 7', at: '2025-06-01T00:00:00.000Z' },
      { n: '99', label: "'=SUM(A1)", at: '2025-06-02T00:00:00.000Z' },
    ]);
    const json = await t.app.request(new URL(p.resources[1].url).pathname);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await json.json()).toEqual([{ n: 7, label: 'Baris 7', at: '2025-06-01T00:00:00.000Z' }, { n: 99, label: '=SUM(A1)', at: '2025-06-02T00:00:00.000Z' }]);
    live[7].pop();
  });

  it('filters with fq: metadata_modified ranges, organization, and refuses a bad fq as a Validation Error', async () => {
    live[3].push({ n: 1, label: 'baru', at: '2026-02-01T00:00:00.000Z' });
    t.ctx.clock.advance(61_000); // past the catalog's one-minute refresh
    let { body } = await api(`/api/3/action/package_search?rows=1000&fq=${encodeURIComponent('metadata_modified:[2026-01-01T00:00:00Z TO *]')}`);
    const names = body.result.results.map((p: { name: string }) => p.name);
    expect(names).toContain('odtest-set_003');
    expect(names).not.toContain('odtest-set_004');
    live[3].pop();
    t.ctx.clock.advance(61_000); // past the catalog's one-minute refresh

    ({ body } = await api(`/api/3/action/package_search?rows=1000&fq=${encodeURIComponent(`organization:kecamatan-${ownerCode.replaceAll('.', '-')}`)}`));
    expect(body.result.count).toBe(10);
    ({ body } = await api(`/api/3/action/package_search?rows=1000&fq=${encodeURIComponent('-organization:nope groups:odtest')}`));
    expect(body.result.count).toBe(MANY);

    for (const fq of ['metadata_modified:[yesterday TO *]', 'colour:blue', 'metadata_modified:2026', 'organization:']) {
      const { res, body: e } = await api(`/api/3/action/package_search?fq=${encodeURIComponent(fq)}`);
      expect(res.status, fq).toBe(409);
      expect(e.success).toBe(false);
      expect(e.error.__type).toBe('Validation Error');
      expect(e.error.fq).toHaveLength(1);
    }
  });

  it('sorts metadata_modified desc, clamps rows to 1000, defaults to 10', async () => {
    live[5].push({ n: 1, label: 'x', at: '2026-03-01T00:00:00.000Z' });
    t.ctx.clock.advance(61_000); // past the catalog's one-minute refresh
    let { body } = await api('/api/3/action/package_search?fq=groups:odtest&sort=metadata_modified%20desc&rows=1');
    expect(body.result.results[0].name).toBe('odtest-set_005');
    live[5].pop();
    ({ body } = await api('/api/3/action/package_search'));
    expect(body.result.results).toHaveLength(10);
    ({ body } = await api('/api/3/action/package_search?rows=5000'));
    expect(body.result.results.length).toBe(body.result.count);
    ({ body } = await api('/api/3/action/package_search?q=uji%20229'));
    expect(body.result.results.map((p: { name: string }) => p.name)).toEqual(['odtest-set_229']);
    const bad = await api('/api/3/action/package_search?rows=-1');
    expect(bad.res.status).toBe(409);
    expect(bad.body.error).toMatchObject({ __type: 'Validation Error', rows: ['Must be a natural number'] });
    expect((await api('/api/3/action/package_search?sort=colour%20asc')).res.status).toBe(409);
  });

  it("answers CKAN's errors: 404 Not Found Error, 400 for an unknown action, bad JSON and an unknown parameter", async () => {
    let r = await api('/api/3/action/package_show?id=tidak-ada');
    expect(r.res.status).toBe(404);
    expect(r.body).toEqual({ help: 'http://localhost:3000/api/3/action/help_show?name=package_show', success: false, error: { __type: 'Not Found Error', message: 'Dataset not found' } });
    r = await api('/api/3/action/organization_show?id=tidak-ada');
    expect(r.body.error.__type).toBe('Not Found Error');
    r = await api('/api/3/action/package_create');
    expect(r.res.status).toBe(400);
    expect(r.body.error.__type).toBe('Bad Request');
    r = await post('package_search', '{"rows": ');
    expect(r.res.status).toBe(400);
    expect(r.body).toMatchObject({ success: false, error: { __type: 'Bad Request' } });
    r = await api('/api/3/action/package_list?colour=blue');
    expect(r.res.status).toBe(400);
    expect(r.body.success).toBe(false);
    r = await api('/api/3/action/package_show');
    expect(r.res.status).toBe(409);
    expect(r.body.error.id).toEqual(['Missing value']);
  });

  it('takes POST with a JSON body like GET with query parameters', async () => {
    const viaPost = await post('package_search', { fq: 'groups:odtest', rows: 3, start: 2, sort: 'id asc' });
    const viaGet = await api('/api/3/action/package_search?fq=groups:odtest&rows=3&start=2&sort=id%20asc');
    expect(viaPost.res.status).toBe(200);
    expect(viaPost.body.result).toEqual(viaGet.body.result);
    // a cross-site page cannot post (Origin is checked before anything)
    const cross = await t.app.request('/api/3/action/package_list', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{}' });
    expect(cross.status).toBe(403);
    expect(((await cross.json()) as { error: { __type: string } }).error.__type).toBe('Authorization Error');
  });

  it('lists organizations and groups, shows them by id or name, and reports status', async () => {
    let { body } = await api('/api/3/action/organization_list?all_fields=true');
    const kec = body.result.find((o: { name: string }) => o.name.startsWith('kecamatan-'));
    expect(kec.package_count).toBe(10);
    ({ body } = await api(`/api/3/action/organization_show?id=${kec.id}`));
    expect(body.result.name).toBe(kec.name);
    expect(body.result.packages).toHaveLength(10);
    ({ body } = await post('organization_show', { id: kec.name, include_datasets: false }));
    expect(body.result.packages).toBeUndefined();
    ({ body } = await api('/api/3/action/group_list'));
    expect(body.result).toEqual(expect.arrayContaining(['contacts', 'odtest']));
    ({ body } = await api('/api/3/action/group_show?id=contacts'));
    expect(body.result.packages.map((p: { name: string }) => p.name)).toEqual(['contacts-emergency_contacts']);
    ({ body } = await api('/api/3/action/status_show'));
    expect(body.result).toMatchObject({ site_url: 'http://localhost:3000', ckan_version: expect.any(String) });
  });
});

describe('pages, downloads and the DCAT catalog', () => {
  it('lists every dataset on /data with publisher, fields and download links', async () => {
    const res = await t.app.request('/data');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('href="/data/contacts-emergency_contacts.csv"');
    expect(html).toContain('href="/data/odtest-set_229.json"');
    const page = await (await t.app.request('/data/contacts-emergency_contacts')).text();
    expect(page).toContain('<code>reviewed_at</code>');
    expect((await t.app.request('/data/tidak-ada')).status).toBe(404);
    expect((await t.app.request('/data/tidak-ada.csv')).status).toBe(404);
  });

  it('never publishes a column an export did not declare', async () => {
    const res = await t.app.request('/data/leaky-people.csv');
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('1671010101010001');
    const { body } = await api('/api/3/action/package_show?id=leaky-people');
    expect(body.result.extras).toContainEqual({ key: 'rows', value: '0' });
  });

  it('serves the contacts dataset live, in CSV and JSON', async () => {
    const rows = (await (await t.app.request('/data/contacts-emergency_contacts.json')).json()) as { phone: string }[];
    expect(rows.map((r) => r.phone)).toContain('112');
  });

  it('describes every dataset in /catalog.jsonld as DCAT', async () => {
    const res = await t.app.request('/catalog.jsonld');
    expect(res.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    const cat = (await res.json()) as { '@type': string; 'dcat:dataset': { 'dct:identifier': string; 'dcat:distribution': { 'dcat:downloadURL': { '@id': string }; 'dcat:mediaType': { '@id': string } }[] }[] };
    expect(cat['@type']).toBe('dcat:Catalog');
    const { body } = await api('/api/3/action/package_list');
    expect(cat['dcat:dataset']).toHaveLength(body.result.length);
    const d = cat['dcat:dataset'].find((x) => x['dcat:distribution'][0]['dcat:downloadURL']['@id'].endsWith('/data/odtest-set_001.csv'));
    expect(d?.['dcat:distribution'][1]['dcat:mediaType']['@id']).toBe('http://www.iana.org/assignments/media-types/application/json');
  });
});
