import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblems, verifyPassword } from './password.ts';

describe('passwords', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const h = await hashPassword('kalimat panjang rahasia');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, 'kalimat panjang rahasia')).toBe(true);
    expect(await verifyPassword(h, 'kalimat panjang rahasiA')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });

  it('rejects short, common and personal passwords', () => {
    expect(passwordProblems('pendek')).toEqual(['password.too_short']);
    expect(passwordProblems('password123')).toEqual(['password.common']);
    expect(passwordProblems('Bismillah123!')).toEqual(['password.common']);
    expect(passwordProblems('aaaaaaaaaaaa')).toEqual(['password.common']);
    expect(passwordProblems('siti.rahma2026', { email: 'siti.rahma@contoh.id' })).toEqual(['password.personal']);
    expect(passwordProblems('kopi susu di pagi hari', { email: 'siti@contoh.id', name: 'Siti Rahma' })).toEqual([]);
    expect(passwordProblems('x'.repeat(201))).toContain('password.too_long');
  });
});
