import { describe, expect, it } from 'vitest';
import { currentCode, formatSecret, matchStep, newTotpSecret, openSecret, sealSecret, totpUri } from './totp.ts';

describe('TOTP', () => {
  const secret = newTotpSecret();
  const now = 1_800_000_000; // a fixed instant, mid-step

  it('makes a Base32 secret shown in groups of four and an otpauth URI with the issuer', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(formatSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
    const uri = totpUri(secret, 'Kota Palembang', 'ani@example.go.id');
    expect(uri.startsWith('otpauth://totp/')).toBe(true);
    expect(uri).toContain(`secret=${secret}`);
    expect(decodeURIComponent(uri)).toContain('issuer=Kota Palembang');
  });

  it('accepts the current code and one step either side, nothing further', async () => {
    const step = Math.floor(now / 30);
    expect(await matchStep(secret, await currentCode(secret, now), null, now)).toBe(step);
    expect(await matchStep(secret, await currentCode(secret, now - 30), null, now)).toBe(step - 1);
    expect(await matchStep(secret, await currentCode(secret, now + 30), null, now)).toBe(step + 1);
    expect(await matchStep(secret, await currentCode(secret, now - 90), null, now)).toBeNull();
    expect(await matchStep(secret, await currentCode(secret, now + 90), null, now)).toBeNull();
    expect(await matchStep(secret, 'abcdef', null, now)).toBeNull();
  });

  it('refuses a code whose step was already used (no replay)', async () => {
    const code = await currentCode(secret, now);
    const step = await matchStep(secret, code, null, now);
    expect(step).not.toBeNull();
    expect(await matchStep(secret, code, step, now)).toBeNull();
    expect(await matchStep(secret, await currentCode(secret, now - 30), step, now)).toBeNull();
    expect(await matchStep(secret, await currentCode(secret, now + 30), step, now)).toBe(step! + 1);
  });

  it('accepts a code typed with spaces or dashes, as apps show it', async () => {
    const code = await currentCode(secret, now);
    const step = Math.floor(now / 30);
    expect(await matchStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, null, now)).toBe(step);
    expect(await matchStep(secret, ` ${code.slice(0, 3)}-${code.slice(3)} `, null, now)).toBe(step);
    expect(await matchStep(secret, `${code.slice(0, 3)}x${code.slice(3)}`, null, now)).toBeNull();
  });

  it('stores the secret encrypted', () => {
    const sealed = sealSecret('x'.repeat(40), secret);
    expect(sealed).not.toContain(secret);
    expect(openSecret('x'.repeat(40), sealed)).toBe(secret);
    expect(() => openSecret('y'.repeat(40), sealed)).toThrow();
  });
});
