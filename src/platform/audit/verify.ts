// Checking the audit trail: every row's hash must match its content, every row must point at the
// row before it in its chain, and each chain's newest row must be the one its anchor (audit_head,
// one row per chain: ADR 031) names.
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
import { contentHash, entryHash, genesisOf, linkHash } from './audit.ts';

export type BreakCode = 'content_changed' | 'chain_broken' | 'newest_missing' | 'not_anchored' | 'anchor_mismatch' | 'anchor_missing' | 'hash_not_found';

export interface VerifyResult {
  ok: boolean;
  /** rows checked */
  checked: number;
  /** hash of the newest row of any chain ('' when the trail is empty) */
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
  chain: number;
  hash_version: number;
}

interface ChainState { prev: string; count: number; lastId: number; unanchored?: Row }

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
 * Walks the whole trail in id order inside one snapshot, following each chain (so entries written meanwhile neither
 * count nor confuse the anchor check). Reads in batches; memory does not grow with the trail.
 */
export async function verifyAuditChain(db: DB, opts: { contains?: string } = {}): Promise<VerifyResult> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      const heads = new Map((await tx.selectFrom('audit_head').selectAll().execute()).map((h) => [Number(h.id), h]));
      const chains = new Map<number, ChainState>();
      let newest = '';
      let checked = 0;
      let lastId = 0;
      let found = false;
      const broken = (code: BreakCode, id: number, row?: Row, detail = ''): VerifyResult => ({
        ok: false,
        checked,
        lastHash: newest,
        firstBroken: { id, code, reason: REASONS[code] + detail, ...(row ? { at: isoMs(row.at_text), action: row.action } : {}) },
      });
      for (;;) {
        // `at` as text with all six fractional digits: a JS Date would silently drop microseconds,
        // so an edit in the microseconds would go unnoticed
        const { rows } = await sql<Row>`
          select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as at_text, actor_id, actor_label,
            action, subject_type, subject_id, unit_id, before, after, ip, user_agent, prev_hash, hash, chain, hash_version
          from audit_log where id > ${lastId} order by id limit ${BATCH}`.execute(tx);
        for (const row of rows) {
          const at = isoMs(row.at_text);
          const content = { ...row, actor_id: num(row.actor_id), unit_id: num(row.unit_id), at };
          const expected = Number(row.hash_version) === 2 ? linkHash(row.prev_hash, contentHash(content)) : entryHash(row.prev_hash, content);
          if (expected !== row.hash || !row.at_text.endsWith('000')) return broken('content_changed', Number(row.id), row);
          const chain = Number(row.chain);
          let state = chains.get(chain);
          if (!state) chains.set(chain, (state = { prev: genesisOf(chain), count: 0, lastId: 0 }));
          if (row.prev_hash !== state.prev) return broken('chain_broken', Number(row.id), row);
          checked++;
          state.count++;
          const head = heads.get(chain);
          if (head && state.count === Number(head.entries) + 1) state.unanchored = row;
          if (opts.contains && row.hash === opts.contains) found = true;
          state.prev = row.hash;
          state.lastId = lastId = Number(row.id);
          newest = row.hash;
        }
        if (rows.length < BATCH) break;
      }
      // each chain against its anchor; an anchor whose rows are all gone counts as a chain of none
      for (const id of heads.keys()) if (!chains.has(id)) chains.set(id, { prev: genesisOf(id), count: 0, lastId: 0 });
      for (const [chain, state] of [...chains].sort((a, b) => a[0] - b[0])) {
        const head = heads.get(chain);
        if (!head) return broken('anchor_missing', state.lastId);
        const anchored = Number(head.entries);
        if (state.count < anchored) {
          const missing = anchored - state.count;
          return broken('newest_missing', Number(head.last_id ?? 0), undefined, ` (${missing} of ${anchored} entries are gone)`);
        }
        if (state.unanchored) return broken('not_anchored', Number(state.unanchored.id), state.unanchored);
        if (state.count > 0 && state.prev !== head.hash) return broken('anchor_mismatch', state.lastId);
      }
      if (opts.contains && !found) return broken('hash_not_found', 0);
      return { ok: true, checked, lastHash: newest };
    });
}

/** '2026-03-20T01:02:03.456789' → '2026-03-20T01:02:03.456Z', the form recordAudit hashed. */
function isoMs(atText: string): string {
  return `${atText.slice(0, 23)}Z`;
}

const num = (v: number | string | null) => (v == null ? null : Number(v));
