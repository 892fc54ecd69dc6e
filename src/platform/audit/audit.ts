// The audit trail: append-only, one row per state change by staff or admins, written in the same
// transaction as the change. Each row carries the SHA-256 of its content and of the row before it
// in its chain, so editing or deleting any row breaks the chain at that row (see verify.ts,
// `gapura audit verify`). Writers spread over AUDIT_CHAINS chains so they do not queue (ADR 031).
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Context } from 'hono';
import type { Executor } from '../db/index.ts';
import type { Actor } from '../access/can.ts';
import type { Env } from '../http/context.ts';
import { clientIp } from '../http/session.ts';

export const GENESIS = '0'.repeat(64);
/** Where chain k starts: chain 1 (every entry before ADR 031) from GENESIS, the others from k in hex. */
export const genesisOf = (chain: number) => (chain === 1 ? GENESIS : chain.toString(16).padStart(64, '0'));
/**
 * How many chains writers spread over (ADR 031). Each chain has one order, across processes, kept
 * by its own advisory lock (key 727274, chain) held from the entry to the commit; a writer takes the
 * first free one, so up to this many transactions write audit entries at once.
 */
export const AUDIT_CHAINS = 16;

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

type HashedRow = {
  at: string; actor_id: number | null; actor_label: string; action: string; subject_type: string; subject_id: string | null;
  unit_id: number | null; before: unknown; after: unknown; ip: string | null; user_agent: string | null;
};

/** Version 1 (entries before ADR 031): the previous hash and the content, hashed together. Key order is fixed; timestamps in ISO form. */
export function entryHash(prevHash: string, row: HashedRow): string {
  return sha256hex(JSON.stringify([prevHash, ...contentFields(row)]));
}

/** Version 2: the content alone, hashed here; audit_append links it in the database. */
export function contentHash(row: HashedRow): string {
  return sha256hex(JSON.stringify(contentFields(row)));
}

/** Version 2: how audit_append links content to the chain (both are 64 hex digits). */
export const linkHash = (prevHash: string, content: string) => sha256hex(prevHash + content);

const contentFields = (row: HashedRow) => [
  row.at, row.actor_id, row.actor_label, row.action, row.subject_type, row.subject_id, row.unit_id,
  canonicalJson(row.before), canonicalJson(row.after), row.ip, row.user_agent,
];
const sha256hex = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** JSON with sorted keys, so jsonb's own key order never changes a hash. */
export function canonicalJson(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The chain each open transaction holds: its later entries continue the same chain. */
const held = new WeakMap<Executor, number>();

/** Takes a chain's lock now (held to commit), for a transaction that must order it before its own
 *  row locks: recordAudit later in it then never waits while holding them (no deadlock). */
export async function lockAuditChain(tx: Executor): Promise<void> {
  const { rows } = await sql<{ chain: number }>`select audit_chain_lock(${AUDIT_CHAINS}, ${held.get(tx) ?? 0}) as chain`.execute(tx);
  // outside a transaction the lock ended with its statement: nothing to remember
  if (tx.isTransaction) held.set(tx, Number(rows[0].chain));
}

/**
 * Must be called inside the transaction that makes the change: the entry commits or rolls back
 * with it. One round trip; the chain's lock is held until the caller's transaction ends.
 */
export async function recordAudit(tx: Executor, actor: AuditActor, e: AuditEntry): Promise<void> {
  const { rows } = await sql<{ chain: number }>`select ${auditAppend(actor, e, held.get(tx) ?? 0)} as chain`.execute(tx);
  if (tx.isTransaction) held.set(tx, Number(rows[0].chain));
}

/**
 * The audit entry as an SQL expression, for a use case that writes its change and its entry in one
 * statement (e.g. `with app as (insert …) select audit_append(…)`: one round trip, no transaction
 * to open). The entry is part of that statement's transaction like any other row.
 */
export function auditAppend(actor: AuditActor, e: AuditEntry, prefer = 0) {
  // millisecond precision (what a JS Date holds), stored exactly as hashed
  const row: HashedRow = {
    at: new Date().toISOString(),
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
  return sql<number>`audit_append(${AUDIT_CHAINS}::int, ${prefer}::int, ${row.at}::timestamptz, ${row.actor_id}::bigint, ${row.actor_label}::text,
    ${row.action}::text, ${row.subject_type}::text, ${row.subject_id}::text, ${row.unit_id}::bigint, ${JSON.stringify(row.before)}::jsonb,
    ${JSON.stringify(row.after)}::jsonb, ${row.ip}::text, ${row.user_agent}::text, ${contentHash(row)}::text)`;
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
