// What filing a complaint reads besides its input: the unit tree, the categories, the routing rules
// and the region's deadlines. The same few rows for every submission, so they are kept a few seconds
// per database handle (bench:complaints: 5 of a submission's 17 statements re-read the same units).
// An edit in this process (settings, categories, rules: repo.referenceEdits) drops them at once;
// another process, or a unit edited elsewhere, is seen within REFERENCE_TTL_MS.
import type { Executor } from '../../platform/db/index.ts';
import * as repo from './repo.ts';
import { referenceEdits, type CategoryRow, type RegionSettings, type RuleRow, type UnitRef } from './repo.ts';

export const REFERENCE_TTL_MS = 5_000;

export interface Reference {
  units: Map<number, UnitRef>;
  byCode: Map<string, UnitRef>;
  region: UnitRef | undefined;
  /** every category, active or not (a gateway may still file under a retired one) */
  categories: Map<string, CategoryRow>;
  /** category → its rules in id order */
  rules: Map<string, RuleRow[]>;
  settings: RegionSettings;
}

interface Entry { ref: Promise<Reference>; value: Reference | undefined; until: number; edits: number }
const cache = new WeakMap<object, Entry>();

async function load(db: Executor): Promise<Reference> {
  const [units, categories, rules, settings] = [await repo.allUnits(db), await repo.categories(db, { all: true }), await repo.allRules(db), await repo.regionSettings(db)];
  const byRule = new Map<string, RuleRow[]>();
  for (const r of rules) byRule.set(r.categoryCode, [...(byRule.get(r.categoryCode) ?? []), r]);
  return {
    units: new Map(units.map((u) => [u.id, u])),
    byCode: new Map(units.map((u) => [u.code, u])),
    region: units.find((u) => u.kind === 'region'),
    categories: new Map(categories.map((c) => [c.code, c])),
    rules: byRule,
    settings,
  };
}

/**
 * The reference data, cached under `key` (the context's database handle) and read through `db`
 * (the caller's transaction when there is one). Inside a transaction a load still under way through
 * another connection is not waited for (PGlite has one connection: it may be waiting for this one).
 */
export function reference(key: object, db: Executor = key as Executor): Promise<Reference> {
  const hit = cache.get(key);
  const now = Date.now();
  const fresh = hit && hit.until > now && hit.edits === referenceEdits.n;
  if (fresh && (hit.value || db === key)) return hit.ref;
  const entry: Entry = { ref: load(db), value: undefined, until: now + REFERENCE_TTL_MS, edits: referenceEdits.n };
  entry.ref.then((v) => { entry.value = v; }, () => { if (cache.get(key) === entry) cache.delete(key); });
  if (!fresh) cache.set(key, entry);
  return entry.ref;
}

/** Forget the cached reference data of this handle (tests that edit units directly). */
export function dropReference(key: object): void {
  cache.delete(key);
}

// ---- complaint ids, reserved a block at a time (the audit entry names the id before the insert)

const ID_BLOCK = 32;
const idBlocks = new WeakMap<object, { ids: number[]; pending: Promise<number[]> | undefined }>();

export async function nextComplaintId(key: object, db: Executor): Promise<number> {
  let b = idBlocks.get(key);
  if (!b) idBlocks.set(key, (b = { ids: [], pending: undefined }));
  while (!b.ids.length) {
    // inside a transaction, never wait for a reservation through another connection (PGlite: one)
    if (b.pending && db === key) {
      await b.pending.catch(() => undefined);
      continue;
    }
    if (b.pending) return (await repo.reserveComplaintIds(db, 1))[0];
    const p = repo.reserveComplaintIds(db, ID_BLOCK);
    b.pending = p;
    try {
      b.ids.push(...(await p));
    } finally {
      b.pending = undefined;
    }
  }
  return b.ids.shift()!;
}
