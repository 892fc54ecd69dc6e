// Checking the audit trail: every row's hash must match its content, every row must point at the
// row before it, and the newest row must be the one the anchor (audit_head) names.
//
// What this detects: an edited row (its hash no longer matches), a deleted, inserted or moved row
// in the middle (the next row's prev_hash no longer matches), deleted newest rows (the anchor still
// counts them), rows added without going through recordAudit (not counted by the anchor).
// What it cannot detect: someone with write access to the database who rewrites the rows AND
// recomputes every hash after them AND updates the anchor. Against that, copy the latest hash that
// `gapura audit verify` prints to somewhere outside this server (a signed report, a ticket) now and
// then; `gapura audit verify --contains <hash>` checks later that the trail still holds it.
import { sql } from 'kysely';
import type { DB } from '../db/index.ts';
import { GENESIS, entryHash } from './audit.ts';

export type BreakCode = 'content_changed' | 'chain_broken' | 'newest_missing' | 'not_anchored' | 'anchor_mismatch' | 'anchor_missing' | 'hash_not_found';

export interface VerifyResult {
  ok: boolean;
  /** rows checked */
  checked: number;
  /** hash of the newest row ('' when the trail is empty) */
  lastHash: string;
  firstBroken?: {
    /** the first row that is wrong; for missing newest rows, the id of the newest missing row */
    id: number;
    code: BreakCode;
    /** plain English, for the CLI and logs */
    reason: string;
    /** when the row exists: its time (ISO) and action */
    at?: string;
    action?: string;
  };
}

interface Row {
  id: number;
  at_text: string;
  actor_id: number | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  unit_id: number | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  user_agent: string | null;
  prev_hash: string;
  hash: string;
}

const BATCH = 2000;

const REASONS: Record<BreakCode, string> = {
  content_changed: 'the content of this entry was changed after it was written (its hash does not match)',
  chain_broken: 'this entry does not follow the entry before it: an entry before it was deleted, inserted or moved',
  newest_missing: 'the newest entries were deleted',
  not_anchored: 'this entry was added outside Gapura (the trail anchor does not count it)',
  anchor_mismatch: 'the newest entry is not the one the trail anchor records',
  anchor_missing: 'the trail anchor (audit_head) is missing',
  hash_not_found: 'the given hash is not in the trail',
};

/**
 * Walks the whole trail in id order inside one snapshot (so entries written meanwhile neither
 * count nor confuse the anchor check). Reads in batches; memory does not grow with the trail.
 */
export async function verifyAuditChain(db: DB, opts: { contains?: string } = {}): Promise<VerifyResult> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      const head = await tx.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
      let prev = GENESIS;
      let checked = 0;
      let lastId = 0;
      let unanchored: Row | undefined;
      let found = false;
      const broken = (code: BreakCode, id: number, row?: Row, detail = ''): VerifyResult => ({
        ok: false,
        checked,
        lastHash: prev === GENESIS ? '' : prev,
        firstBroken: { id, code, reason: REASONS[code] + detail, ...(row ? { at: isoMs(row.at_text), action: row.action } : {}) },
      });
      for (;;) {
        // `at` as text with all six fractional digits: a JS Date would silently drop microseconds,
        // so an edit in the microseconds would go unnoticed
        const { rows } = await sql<Row>`
          select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as at_text, actor_id, actor_label,
            action, subject_type, subject_id, unit_id, before, after, ip, user_agent, prev_hash, hash
          from audit_log where id > ${lastId} order by id limit ${BATCH}`.execute(tx);
        for (const row of rows) {
          const at = isoMs(row.at_text);
          const expected = entryHash(row.prev_hash, { ...row, actor_id: num(row.actor_id), unit_id: num(row.unit_id), at });
          if (expected !== row.hash || !row.at_text.endsWith('000')) return broken('content_changed', Number(row.id), row);
          if (row.prev_hash !== prev) return broken('chain_broken', Number(row.id), row);
          checked++;
          if (head && checked === Number(head.entries) + 1) unanchored = row;
          if (opts.contains && row.hash === opts.contains) found = true;
          prev = row.hash;
          lastId = Number(row.id);
        }
        if (rows.length < BATCH) break;
      }
      if (!head) return checked ? broken('anchor_missing', lastId) : { ok: true, checked, lastHash: '' };
      const anchored = Number(head.entries);
      if (checked < anchored) {
        const missing = anchored - checked;
        return broken('newest_missing', Number(head.last_id ?? 0), undefined, ` (${missing} of ${anchored} entries are gone)`);
      }
      if (unanchored) return broken('not_anchored', Number(unanchored.id), unanchored);
      if (checked > 0 && prev !== head.hash) return broken('anchor_mismatch', lastId);
      if (opts.contains && !found) return broken('hash_not_found', 0);
      return { ok: true, checked, lastHash: prev === GENESIS ? '' : prev };
    });
}

/** '2026-03-20T01:02:03.456789' → '2026-03-20T01:02:03.456Z', the form recordAudit hashed. */
function isoMs(atText: string): string {
  return `${atText.slice(0, 23)}Z`;
}

const num = (v: number | string | null) => (v == null ? null : Number(v));
