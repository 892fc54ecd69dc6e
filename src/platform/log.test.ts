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
    const line = lines[0];
    for (const secret of ['kopi susu', '1671011708850002', '123456', 'a@b.id', 'siti@contoh.id', '6281234567890', '0812 3456 7890']) expect(line).not.toContain(secret);
    expect(JSON.parse(line)).toMatchObject({ level: 'error', password: '[redacted]', messageId: 7 });
    expect(line).toContain('users_email_idx');
  });

  it('leaves ordinary text alone', () => {
    expect(scrub('GET /instansi/16.71.01 answered 200 in 12 ms')).toBe('GET /instansi/16.71.01 answered 200 in 12 ms');
  });

  it('keeps package paths in stack traces readable, still masking addresses beside them', () => {
    const stack = [
      'error: invalid byte sequence for encoding "UTF8": 0x00',
      '    at Ci.execProtocol (file:///srv/gapura/node_modules/@electric-sql/pglite/dist/chunk-3WWIVTCY.js:1:1234)',
      '    at file:///home/u/.npm/_npx/1/node_modules/@hono/node-server/dist/index.mjs:10:5',
      '    at /srv/app/node_modules/.pnpm/@electric-sql+pglite@0.3.2/node_modules/@electric-sql/pglite/dist/index.js:2:3',
      'Key (email)=(budi.santoso+uji@dinas.palembang.go.id) already exists',
    ].join('\n');
    const out = scrub(stack);
    expect(out).toContain('node_modules/@electric-sql/pglite/dist/chunk-3WWIVTCY.js');
    expect(out).toContain('node_modules/@hono/node-server/dist/index.mjs');
    expect(out).toContain('@electric-sql+pglite@0.3.2/node_modules/@electric-sql/pglite/dist/index.js');
    expect(out).not.toContain('budi.santoso');
    expect(out).toContain('(email)=([email])');
  });
});
