// Open data in a real browser and over the wire: /data at 360 px (axe checks every page visited,
// nothing wider than the screen, a small page), and a CKAN client paging package_search against
// the running server until it has every dataset, then downloading one through its resource URL.
import { describe, expect, it } from 'vitest';
import { follow, visit } from './browser.ts';
import { useGapura } from './gapura.ts';

const g = useGapura();
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

describe('open data (/data, /api/3/action)', () => {
  it('on a 360 px phone: the list and a dataset page, accessible, nothing wider than the screen', async () => {
    const page = await g.page(PHONE);
    await visit(page, '/data');
    expect(await page.locator('main a[href$=".csv"]').count()).toBeGreaterThan(0);
    const wide = () => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    expect(await wide()).toBe(false);
    await follow(page, () => page.locator('main h2 a[href="/data/contacts-emergency_contacts"]').click());
    expect(await page.locator('main table code').first().textContent()).toBe('id');
    expect(await wide()).toBe(false);
    const res = await fetch(`${g.url}/data`, { headers: { 'accept-encoding': 'gzip' } });
    expect(Number(res.headers.get('content-length') ?? (await res.arrayBuffer()).byteLength)).toBeLessThan(30 * 1024);
  });

  it('a CKAN client pages through every dataset and downloads one', async () => {
    const call = async (action: string, body: Record<string, unknown>) => {
      const res = await fetch(`${g.url}/api/3/action/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const json = (await res.json()) as { success: boolean; result: { count: number; results: { name: string; resources: { url: string; format: string }[] }[] } };
      expect(json.success).toBe(true);
      return json.result;
    };
    const names: string[] = [];
    for (let start = 0; ; start += 2) {
      const r = await call('package_search', { rows: 2, start, sort: 'id asc' });
      if (!r.results.length) break;
      names.push(...r.results.map((p) => p.name));
      expect(names.length).toBeLessThanOrEqual(r.count);
    }
    const list = (await (await fetch(`${g.url}/api/3/action/package_list`)).json()) as { result: string[] };
    expect([...names].sort()).toEqual(list.result);
    const contacts = await call('package_search', { fq: 'groups:contacts' });
    const csv = contacts.results[0].resources.find((r) => r.format === 'CSV')!;
    const text = await (await fetch(new URL(new URL(csv.url).pathname, g.url))).text();
    expect(text.split('\r\n')[0]).toMatch(/^\uFEFF?id,category,name,phone/);
    expect(text).toContain(',112,');
  });
});
