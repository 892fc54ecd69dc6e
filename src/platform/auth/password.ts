// Passwords: argon2id (OWASP's recommended parameters: 19 MiB, 2 passes, 1 lane) and a few strength rules
// that matter in practice — length over composition (NIST SP 800-63B), no password that is the person's
// own name or email, none from the short list every guessing attack tries first.
import { Algorithm, hash, verify } from '@node-rs/argon2';

const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, OPTIONS);
}

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  if (!stored.startsWith('$argon2')) return false;
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

// Spent on an unknown account so that "no such email" takes as long as "wrong password".
let dummy: Promise<string> | undefined;
export async function dummyVerify(): Promise<void> {
  dummy ??= hashPassword('gapura-dummy-password');
  await verifyPassword(await dummy, 'not-the-password');
}

const COMMON = new Set([
  'password', 'password1', 'password12', 'password123', 'passw0rd', 'qwerty', 'qwertyuiop', 'qwerty123',
  '123456', '1234567', '12345678', '123456789', '1234567890', '0123456789', '987654321', '1q2w3e4r5t',
  '111111', '000000', 'iloveyou', 'admin', 'admin123', 'administrator', 'welcome', 'welcome1',
  'katasandi', 'katasandi123', 'rahasia', 'rahasia123', 'indonesia', 'indonesia1', 'indonesia123',
  'bismillah', 'bismillah123', 'sayangku', 'sayang123', 'palembang', 'medan', 'pekanbaru', 'gapura',
  'gapura123', 'merdeka', 'merdeka45', 'garuda', 'pancasila', 'jakarta', 'asdfghjkl', 'abcdefghij',
]);

/** i18n keys of what is wrong with a new password; empty when it is acceptable. */
export function passwordProblems(pw: string, who: { email?: string; name?: string } = {}): string[] {
  const problems: string[] = [];
  // length in code points, as NIST SP 800-63B counts it (not UTF-16 units, not graphemes)
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- code points on purpose
  const chars = [...pw].length;
  if (chars < PASSWORD_MIN) problems.push('password.too_short');
  if (chars > PASSWORD_MAX) problems.push('password.too_long');
  const lower = pw.toLowerCase();
  const stripped = lower.replace(/[^a-z0-9]/g, '');
  if (COMMON.has(lower) || COMMON.has(stripped) || /^(.)\1*$/.test(pw) || COMMON.has(stripped.replace(/\d+$/, ''))) {
    problems.push('password.common');
  } else {
    const local = who.email?.split('@')[0]?.toLowerCase();
    const nameParts = (who.name ?? '').toLowerCase().split(/\s+/).filter((p) => p.length >= 4);
    if ((local && local.length >= 4 && lower.includes(local)) || (who.name && lower === who.name.toLowerCase()) || nameParts.some((p) => stripped === p || stripped.replace(/\d+$/, '') === p)) {
      problems.push('password.personal');
    }
  }
  return problems;
}
