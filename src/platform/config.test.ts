import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_SECRET, loadConfig, SETTINGS } from './config.ts';

const secret = 'x'.repeat(40);

describe('configuration', () => {
  it('has working defaults for development', () => {
    const c = loadConfig({});
    expect(c.mode).toBe('development');
    expect(c.port).toBe(3000);
    expect(c.demo).toBe(true);
    expect(c.region).toBe('palembang');
    expect(c.databaseUrl).toBeUndefined();
  });

  it('refuses to start in production without a secret, naming the setting', () => {
    expect(() => loadConfig({ GAPURA_ENV: 'production', GAPURA_BASE_URL: 'https://gapura.example.go.id' })).toThrow(/GAPURA_SECRET is missing/);
  });

  it('refuses the development default secret in production', () => {
    expect(() => loadConfig({ GAPURA_ENV: 'production', GAPURA_SECRET: DEV_SECRET, GAPURA_BASE_URL: 'https://a.go.id' })).toThrow(/development default/);
  });

  it('requires the public URL in production and loads no demo data there', () => {
    expect(() => loadConfig({ GAPURA_ENV: 'production', GAPURA_SECRET: secret })).toThrow(/GAPURA_BASE_URL is missing/);
    const c = loadConfig({ GAPURA_ENV: 'production', GAPURA_SECRET: secret, GAPURA_BASE_URL: 'https://a.go.id' });
    expect(c.demo).toBe(false);
    expect(c.production).toBe(true);
    expect(() => loadConfig({ GAPURA_ENV: 'production', GAPURA_SECRET: secret, GAPURA_BASE_URL: 'https://a.go.id', GAPURA_DEMO: 'true' })).toThrow(ConfigError);
  });

  it('explains malformed values', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://sso.example.go.id' })).toThrow(/OIDC_CLIENT_ID/);
  });

  it('documents every setting it reads', () => {
    const src = loadConfig.toString();
    for (const name of src.match(/\b[A-Z][A-Z0-9_]{2,}\b/g)!.filter((n) => /^(GAPURA|DATABASE|SMTP|OIDC|PORT|HOST|LOG)/.test(n)))
      expect(SETTINGS, name).toHaveProperty(name);
  });
});
