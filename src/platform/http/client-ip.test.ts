// X-Forwarded-For is written by the client first and appended to by each proxy: only what our own
// proxies appended counts. A forged leftmost entry must change neither rate-limit keys nor the audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/helpers.ts';
import { signInAs } from '../../../test/auth-helpers.ts';
import { loadConfig } from '../config.ts';
import { parseTrustProxy as parse, pickClientIp, type TrustProxy } from './client-ip.ts';

const parseTrustProxy = (v: string) => parse(v) as TrustProxy;

describe('the client address', () => {
  it('ignores X-Forwarded-For unless proxies are trusted', () => {
    expect(pickClientIp(false, '203.0.113.9', '1.2.3.4')).toBe('203.0.113.9');
    expect(pickClientIp(false, '::ffff:203.0.113.9', undefined)).toBe('203.0.113.9');
  });

  it('with N proxy hops takes the entry the outermost proxy appended, not the leftmost', () => {
    const one = parseTrustProxy('true');
    expect(pickClientIp(one, '10.0.0.2', '6.6.6.6, 198.51.100.7')).toBe('198.51.100.7');
    expect(pickClientIp(one, '10.0.0.2', '7.7.7.7, 8.8.8.8, 198.51.100.7')).toBe('198.51.100.7');
    expect(pickClientIp(one, '10.0.0.2', '198.51.100.7')).toBe('198.51.100.7');
    const two = parseTrustProxy('2');
    // client → CDN (appends the client) → load balancer (appends the CDN) → Gapura
    expect(pickClientIp(two, '10.0.0.2', '6.6.6.6, 198.51.100.7, 192.0.2.50')).toBe('198.51.100.7');
    expect(pickClientIp(parseTrustProxy('1'), '10.0.0.2', 'garbage')).toBe('10.0.0.2');
  });

  it('with proxy addresses walks from the right past them', () => {
    const tp = parseTrustProxy('10.0.0.0/8, 192.0.2.50, fd00::/8');
    expect(pickClientIp(tp, '10.0.0.2', '6.6.6.6, 198.51.100.7, 192.0.2.50')).toBe('198.51.100.7');
    expect(pickClientIp(tp, '10.0.0.2', '6.6.6.6, 2001:db8::1, fd00::5')).toBe('2001:db8::1');
    // a peer that is not one of our proxies is the client, whatever it forwards
    expect(pickClientIp(tp, '203.0.113.9', '6.6.6.6')).toBe('203.0.113.9');
    expect(pickClientIp(tp, '::ffff:10.1.2.3', '[2001:db8::9]:4431')).toBe('2001:db8::9');
  });

  it('refuses a setting that is neither a count nor addresses, naming it', () => {
    expect(() => loadConfig({ GAPURA_TRUST_PROXY: 'sometimes' })).toThrow(/GAPURA_TRUST_PROXY/);
    expect(() => loadConfig({ GAPURA_TRUST_PROXY: '10.0.0.0/33' })).toThrow(/GAPURA_TRUST_PROXY/);
    expect(loadConfig({ GAPURA_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ GAPURA_TRUST_PROXY: '2' }).trustProxy).toEqual({ hops: 2 });
    expect(loadConfig({ GAPURA_TRUST_PROXY: '10.0.0.0/8' }).trustProxy).toEqual({ addresses: ['10.0.0.0/8'] });
  });
});

describe('behind one proxy (GAPURA_TRUST_PROXY=true)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { GAPURA_TRUST_PROXY: 'true' } });
  });
  afterAll(() => t.close());

  it('a rotating forged leftmost X-Forwarded-For changes neither the rate-limit key nor the audit ip', async () => {
    for (const forged of ['6.6.6.1', '6.6.6.2', '6.6.6.3']) {
      const c = new Client(t.app, `${forged}, 198.51.100.77`);
      await c.get('/masuk');
      const res = await c.post('/masuk', { identifier: `tidak-ada-${forged}@example.test`, password: 'salah-sekali' });
      expect([401, 422, 429]).toContain(res.status);
    }
    const keys = (await t.ctx.db.selectFrom('rate_limits').select(['key', 'failures']).execute()).map((r) => r.key);
    expect(keys.some((k) => k.includes('198.51.100.77'))).toBe(true);
    expect(keys.filter((k) => k.includes('6.6.6.'))).toEqual([]);

    const region = await t.ctx.db.selectFrom('units').select('code').where('kind', '=', 'region').executeTakeFirstOrThrow();
    for (const [i, forged] of ['6.6.6.4', '6.6.6.5'].entries()) {
      const c = new Client(t.app, `${forged}, 198.51.100.78`);
      await signInAs(t, c, { kind: 'staff', grants: [{ role: 'platform_admin', unitCode: region.code }] });
      await c.get('/petugas/kalender/tambah');
      const res = await c.post('/petugas/kalender/tambah', { date: `2031-0${i + 1}-15`, name: 'Hari Uji', kind: 'national_holiday' });
      expect(res.status).toBe(303);
    }
    const ips = (await t.ctx.db.selectFrom('audit_log').select('ip').where('action', 'like', 'calendar.%').execute()).map((r) => r.ip);
    expect(ips).toEqual(['198.51.100.78', '198.51.100.78']);
  });
});
