// The audit trail: append-only, one row per state change by staff or admins, written in the same
// transaction as the change. Each row carries the SHA-256 of its content and of the row before it,
// so editing or deleting any row breaks the chain at that row (see verify.ts, `gapura audit verify`).
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Context } from 'hono';
import type { Executor } from '../db/index.ts';
import type { Actor } from '../access/can.ts';
import type { Env } from '../http/context.ts';
import { clientIp } from '../http/session.ts';

export const GENESIS = '0'.repeat(64);
// any constant: serialises writers so the chain has one order, across processes
const CHAIN_LOCK = 727274;

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  unitId?: number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditActor {
  id: number | null;
  label: string;
  ip?: string | null;
  userAgent?: string | null;
}

export function actorFromRequest(c: Context<Env>): AuditActor {
  const a: Actor = c.get('actor');
  return {
    id: a.kind === 'anonymous' ? null : a.userId,
    label: a.kind === 'anonymous' ? 'anonymous' : `${a.kind}:${a.userId}:${a.name}`,
    ip: clientIp(c),
    userAgent: (c.req.header('user-agent') ?? '').slice(0, 300),
  };
}

export const systemActor = (label = 'system'): AuditActor => ({ id: null, label });

/** The canonical content of a row, hashed. Key order is fixed; timestamps in ISO form. */
export function entryHash(prevHash: string, row: {
  at: string; actor_id: number | null; actor_label: string; action: string; subject_type: string; subject_id: string | null;
  unit_id: number | null; before: unknown; after: unknown; ip: string | null; user_agent: string | null;
}): string {
  const canonical = JSON.stringify([
    prevHash, row.at, row.actor_id, row.actor_label, row.action, row.subject_type, row.subject_id, row.unit_id,
    canonicalJson(row.before), canonicalJson(row.after), row.ip, row.user_agent,
  ]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

/** JSON with sorted keys, so jsonb's own key order never changes a hash. */
export function canonicalJson(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * Must be called inside the transaction that makes the change. Writers take one lock, so the chain
 * has a single order across processes; the lock is held until the caller's transaction ends.
 */
/** Takes the chain's lock now (held to commit), for a transaction that must order it before its own
 *  row locks: recordAudit later in it then never waits while holding them (no deadlock). */
export async function lockAuditChain(tx: Executor): Promise<void> {
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(tx);
}

export async function recordAudit(tx: Executor, actor: AuditActor, e: AuditEntry): Promise<void> {
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(tx);
  // The chain continues from the anchor, not from whatever row is last: if the newest rows were
  // deleted, new entries do not paper over the gap (verify keeps reporting it).
  const head = await tx.selectFrom('audit_head').selectAll().where('id', '=', 1).forUpdate().executeTakeFirst();
  let prev = head?.hash;
  let entries = head ? Number(head.entries) : undefined;
  if (prev === undefined || entries === undefined) {
    // no anchor row yet: the very first entry, or a trail from before the anchor existed
    const last = await tx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const count = await tx.selectFrom('audit_log').select((x) => x.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    prev = last?.hash ?? GENESIS;
    entries = Number(count.n);
  }
  // millisecond precision (what a JS Date holds), stored exactly as hashed
  const at = new Date().toISOString();
  const row = {
    at,
    actor_id: actor.id,
    actor_label: text(actor.label),
    action: text(e.action),
    subject_type: text(e.subjectType),
    subject_id: e.subjectId == null ? null : text(String(e.subjectId)),
    unit_id: e.unitId ?? null,
    before: stripSecrets(storable(e.before ?? null)),
    after: stripSecrets(storable(e.after ?? null)),
    ip: actor.ip == null ? null : text(actor.ip),
    user_agent: actor.userAgent == null ? null : text(actor.userAgent),
  };
  const hash = entryHash(prev, row);
  const inserted = await tx
    .insertInto('audit_log')
    .values({ ...row, before: JSON.stringify(row.before), after: JSON.stringify(row.after), prev_hash: prev, hash })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('audit_head')
    .values({ id: 1, entries: entries + 1, last_id: inserted.id, hash })
    .onConflict((oc) => oc.column('id').doUpdateSet({ entries: entries + 1, last_id: inserted.id, hash }))
    .execute();
}

/**
 * Text exactly as PostgreSQL will store it: NUL bytes and lone UTF-16 surrogates cannot be stored
 * (jsonb rejects them, text turns them into U+FFFD), which would make the hash of what was written
 * differ from the hash of what is read back.
 */
function text(s: string): string {
  return s.replace(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * The value as it will come back from jsonb: dates become ISO strings, undefined keys disappear,
 * bigints become strings, NaN becomes null. Hashing this (not the caller's object) is what makes
 * the hash of a stored row reproducible.
 */
function storable(v: unknown): unknown {
  const json = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : typeof x === 'string' ? text(x) : x));
  return json === undefined ? null : JSON.parse(json);
}

const SECRET_KEYS = /password|secret|totp|code_hash|nik_encrypted|nik_hash/i;
/** Secrets by their look, whatever the key: password hashes. */
const SECRET_VALUE = /^\$(?:argon2(?:id|i|d)|2[abxy]|scrypt|pbkdf2[^$]*)\$/;

/**
 * Audit rows say what changed, never the secret itself. Redaction goes by what a value can hold: a
 * string or number under a secret-looking key (or anywhere below one) becomes "[set]", as does any
 * string that looks like a password hash; booleans and null say nothing secret and stay, so a flag
 * such as `mustChangePassword: true` remains readable.
 */
function stripSecrets(v: unknown, secret = false): unknown {
  if (typeof v === 'string') return secret || SECRET_VALUE.test(v) ? '[set]' : v;
  if (typeof v === 'number') return secret ? '[set]' : v;
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => stripSecrets(x, secret));
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, stripSecrets(x, secret || SECRET_KEYS.test(k))]));
}
