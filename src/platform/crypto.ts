// Small, standard building blocks: random tokens, keyed hashes, AES-256-GCM for personal data at rest.
// Keys are derived from GAPURA_SECRET with HKDF, one per purpose, so one leak does not open the rest.
import crypto from 'node:crypto';

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function sha256(s: string): string {
  return crypto.createHash('sha256').update(s).digest('hex');
}

// HKDF on every call cost ~3% of a signed-in page (bench/home.ts profile): derive each key once.
// A handful of purposes per secret; keyed by both so tests with other secrets get their own keys.
const keys = new Map<string, Buffer>();

function key(secret: string, purpose: string): Buffer {
  const id = `${purpose}\u0000${secret}`;
  let k = keys.get(id);
  if (!k) {
    k = Buffer.from(crypto.hkdfSync('sha256', secret, 'gapura', purpose, 32));
    if (keys.size > 1000) keys.clear(); // bounded: purposes are fixed strings, secrets few
    keys.set(id, k);
  }
  return k;
}

export function hmac(secret: string, purpose: string, value: string): string {
  return crypto.createHmac('sha256', key(secret, purpose)).update(value).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && crypto.timingSafeEqual(ba, bb);
}

/** 'v1.<iv>.<tag>.<ciphertext>' */
export function encrypt(secret: string, purpose: string, plain: string): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key(secret, `enc:${purpose}`), iv);
  const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

export function decrypt(secret: string, purpose: string, box: string): string {
  const [v, iv, tag, ct] = box.split('.');
  if (v !== 'v1') throw new Error('unknown ciphertext version');
  const d = crypto.createDecipheriv('aes-256-gcm', key(secret, `enc:${purpose}`), Buffer.from(iv, 'base64url'));
  d.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
}

/** A numeric one-time code, e.g. '048213'. */
export function numericCode(digits = 6): string {
  return String(crypto.randomInt(0, 10 ** digits)).padStart(digits, '0');
}
