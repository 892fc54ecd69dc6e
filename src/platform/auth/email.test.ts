import { describe, expect, it } from 'vitest';
import { isEmail } from './email.ts';

describe('email addresses', () => {
  it('accepts ordinary addresses and refuses quotes, angle brackets and other oddities', () => {
    for (const ok of ['siti@contoh.id', 'Siti.Aminah+gapura@mail.palembang.go.id', 'a_b-c@x-y.co.id']) expect(isEmail(ok), ok).toBe(true);
    for (const bad of ["o'neil@contoh.id", '"a"@contoh.id', '<a>@contoh.id', 'a>b@contoh.id', 'a@b', 'a@@b.id', '.a@b.id', 'a..b@c.id', 'a b@c.id', 'a@-b.id', 'a,b@c.id', `${'a'.repeat(200)}@c.id`]) {
      expect(isEmail(bad), bad).toBe(false);
    }
  });
});
