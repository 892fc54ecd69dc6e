import { describe, expect, it } from 'vitest';
import { createLogger, scrub } from './log.ts';

describe('logs', () => {
  it('mask sensitive fields by name and personal data inside free text', () => {
    const lines: string[] = [];
    const log = createLogger('debug', (l) => lines.push(l));
    log.error('unhandled error', {
      password: 'kopi susu', nik: '1671011708850002', code: '123456', userEmail: 'a@b.id',
      error: 'duplicate key value violates unique constraint "users_email_idx" Key (kind, lower(email))=(citizen, siti@contoh.id) already exists; NIK 1671011708850002; HP +6281234567890 / 0812 3456 7890',
      messageId: 7,
    });
    const line = lines[0]!;
    for (const secret of ['kopi susu', '1671011708850002', '123456', 'a@b.id', 'siti@contoh.id', '6281234567890', '0812 3456 7890']) expect(line).not.toContain(secret);
    expect(JSON.parse(line)).toMatchObject({ level: 'error', password: '[redacted]', messageId: 7 });
    expect(line).toContain('users_email_idx');
  });

  it('leaves ordinary text alone', () => {
    expect(scrub('GET /instansi/16.71.01 answered 200 in 12 ms')).toBe('GET /instansi/16.71.01 answered 200 in 12 ms');
  });
});
