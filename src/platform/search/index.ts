// The site search index (ADR 026). A module keeps its public things in `search_items` by calling
// indexItem()/removeItem() inside the transaction of the change (so the index never shows what was
// rolled back, and a withdrawn document leaves it at once), and lists all of them in its manifest's
// `searchItems(ctx)` so `gapura search reindex` can rebuild the index. /cari asks searchIndex():
// PostgreSQL full-text search in the 'indonesian' configuration (so "pelayanan" finds "layanan"),
// ranked, with ts_headline snippets, the true count per kind, and — when nothing matches — the query
// with misspelt words replaced by their nearest word in the index (pg_trgm), and similar titles.
import { sql } from 'kysely';
import type { Executor } from '../db/index.ts';
import type { Generated } from 'kysely';
import type { TimestampDefault } from '../db/schema.ts';
import { searchWords } from './pages.ts';

declare module '../db/schema.ts' {
  interface Database {
    /** 000_platform_090 */
    search_items: {
      id: Generated<number>; module: string; ref: string; kind: string; title: string; body: Generated<string>; url: string;
      unit_id: number | null; updated_at: TimestampDefault;
    };
    search_words: { word: string };
  }
}

export interface SearchItem {
  /** the module's own key for the thing, unique within the module ('doc.12') */
  ref: string;
  /** i18n key naming what kind of thing this is */
  kind: string;
  title: string;
  body?: string;
  /** the public page */
  url: string;
  unitId?: number | null;
  updatedAt?: Date;
}

/** The text fed to to_tsvector: no control characters (the snippet marks are two of them), bounded. */
export const BODY_LIMIT_CHARS = 200_000;
 
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const clean = (s: string, max: number) => s.replace(CONTROL, ' ').slice(0, max);

/** Words kept in the lexicon for typo correction: letters only, 3–40 characters. */
function lexiconWords(text: string): string[] {
  return [...new Set(searchWords(text).filter((w) => w.length >= 3 && w.length <= 40 && /^\p{L}+$/u.test(w)))];
}

/** Adds or replaces one item; call inside the change's transaction. */
export async function indexItem(tx: Executor, module: string, item: SearchItem): Promise<void> {
  const title = clean(item.title, 1000);
  const body = clean(item.body ?? '', BODY_LIMIT_CHARS);
  await tx
    .insertInto('search_items')
    .values({ module, ref: item.ref, kind: item.kind, title, body, url: item.url, unit_id: item.unitId ?? null, updated_at: item.updatedAt ?? new Date() })
    .onConflict((oc) => oc.columns(['module', 'ref']).doUpdateSet((eb) => ({
      kind: eb.ref('excluded.kind'), title: eb.ref('excluded.title'), body: eb.ref('excluded.body'), url: eb.ref('excluded.url'),
      unit_id: eb.ref('excluded.unit_id'), updated_at: eb.ref('excluded.updated_at'),
    })))
    .execute();
  const words = lexiconWords(`${title} ${body}`);
  for (let i = 0; i < words.length; i += 5000)
    await sql`insert into search_words (word) select unnest(${words.slice(i, i + 5000)}::text[]) on conflict do nothing`.execute(tx);
}

/** Removes one item (withdrawn, unpublished, deleted); call inside the change's transaction. */
export async function removeItem(tx: Executor, module: string, ref: string): Promise<void> {
  await tx.deleteFrom('search_items').where('module', '=', module).where('ref', '=', ref).execute();
}

/** Replaces every item of a module with these (the reindex); returns how many. */
export async function replaceModuleItems(tx: Executor, module: string, items: SearchItem[]): Promise<number> {
  await tx.deleteFrom('search_items').where('module', '=', module).execute();
  for (const item of items) await indexItem(tx, module, item);
  return items.length;
}

export interface IndexHit {
  module: string;
  ref: string;
  kind: string;
  title: string;
  url: string;
  /** text around the matches; highlighted words between MARK_START and MARK_END (nothing else is markup) */
  snippet: string;
}

export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

/** Matches are counted exactly up to this many; more: `capped` (the page says "more than 1,000"). */
export const COUNT_LIMIT = 1000;

export interface IndexResult {
  /** matches (at most COUNT_LIMIT) */
  total: number;
  /** more than COUNT_LIMIT matched: the total is a lower bound, and the list is by recency */
  capped?: boolean;
  /** matches per kind, most first */
  kinds: { kind: string; count: number }[];
  hits: IndexHit[];
  /** the query actually searched when the typed one matched nothing and a corrected one did */
  corrected?: string;
}

export const QUERY_LIMIT_CHARS = 200;

/** Does the typed query have any word to search for? */
export const searchable = (q: string) => searchWords(q).length > 0;

async function run(db: Executor, q: string, offset: number, limit: number, kind?: string): Promise<Omit<IndexResult, 'corrected'>> {
  const tsq = sql`plainto_tsquery('indonesian', ${q})`;
  // counted exactly up to COUNT_LIMIT; past that the page says "more than …" and the list is by recency
  const kinds = await sql<{ kind: string; count: number }>`
    select kind, count(*)::int as count from (select kind from search_items where tsv @@ ${tsq} limit ${COUNT_LIMIT + 1}) m
    group by kind order by count(*) desc, kind`.execute(db);
  const counts = kinds.rows.map((k) => ({ kind: k.kind, count: Number(k.count) }));
  const capped = counts.reduce((n, k) => n + k.count, 0) > COUNT_LIMIT;
  const total = Math.min(COUNT_LIMIT, counts.filter((k) => !kind || k.kind === kind).reduce((n, k) => n + k.count, 0));
  if (!total || limit <= 0) return { total, capped, kinds: counts, hits: [] };
  const ofKind = kind ? sql`and s.kind = ${kind}` : sql``;
  // ranking reads every match: affordable up to COUNT_LIMIT; beyond, the newest first (an index walk)
  const rank = capped ? sql`0::real` : sql`ts_rank(s.title_tsv, q.query)`;
  const hits = await sql<IndexHit>`
    with q as (select ${tsq} as query),
    page as (
      select s.id, ${rank} as rank, s.updated_at from search_items s, q
      where s.tsv @@ q.query ${ofKind} order by ${capped ? sql`s.updated_at desc, s.id desc` : sql`rank desc, s.updated_at desc, s.id`} limit ${limit} offset ${offset}
    )
    select s.module, s.ref, s.kind, s.title, s.url,
      ts_headline('indonesian', case when s.body = '' then s.title else s.body end, q.query,
        ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=28, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "`}) as snippet
    from page join search_items s on s.id = page.id, q
    order by page.rank desc, page.updated_at desc, ${capped ? sql`s.id desc` : sql`s.id`}`.execute(db);
  return { total, capped, kinds: counts, hits: hits.rows };
}

/** The nearest word of the index for each typed word that is not in it (null when none is close). */
async function correct(db: Executor, q: string): Promise<string | undefined> {
  const words = searchWords(q).slice(0, 8);
  let changed = false;
  const out: string[] = [];
  for (const w of words) {
    if (w.length < 3 || !/^\p{L}+$/u.test(w)) {
      out.push(w);
      continue;
    }
    const known = await db.selectFrom('search_words').select('word').where('word', '=', w).executeTakeFirst();
    if (known) {
      out.push(w);
      continue;
    }
    const near = await sql<{ word: string; sim: number }>`
      select word, similarity(word, ${w}) as sim from search_words order by word <-> ${w} limit 1`.execute(db);
    const best = near.rows[0];
    if (best && Number(best.sim) >= 0.4) {
      out.push(best.word);
      changed = true;
    } else out.push(w);
  }
  return changed ? out.join(' ') : undefined;
}

/**
 * One page of matches (offset/limit over the ranked list, of one kind when given), the true total
 * and the count of every kind. When the query as
 * typed matches nothing, the corrected query is searched instead and named in `corrected`.
 */
export async function searchIndex(db: Executor, query: string, opts: { offset: number; limit: number; kind?: string }): Promise<IndexResult> {
  const q = query.slice(0, QUERY_LIMIT_CHARS);
  if (!searchable(q)) return { total: 0, kinds: [], hits: [] };
  const first = await run(db, q, opts.offset, opts.limit, opts.kind);
  if (first.kinds.length) return first;
  const fixed = await correct(db, q);
  if (!fixed) return first;
  const second = await run(db, fixed, opts.offset, opts.limit, opts.kind);
  return second.kinds.length ? { ...second, corrected: fixed } : first;
}

/** Titles like the query (pg_trgm), for the page that found nothing. */
export async function similarTitles(db: Executor, query: string, limit = 5): Promise<{ title: string; url: string; kind: string }[]> {
  const q = query.slice(0, QUERY_LIMIT_CHARS);
  if (!searchable(q)) return [];
  const rows = await sql<{ title: string; url: string; kind: string; sim: number }>`
    select title, url, kind, word_similarity(${q}, title) as sim from search_items order by ${q} <<-> title limit ${limit * 4}`.execute(db);
  return rows.rows.filter((r) => Number(r.sim) >= 0.3).sort((a, b) => Number(b.sim) - Number(a.sim)).slice(0, limit).map(({ title, url, kind }) => ({ title, url, kind }));
}

/** Splits a snippet at its marks: [text, highlighted, text, …] (odd indexes are highlighted). */
export function snippetParts(snippet: string): { text: string; mark: boolean }[] {
  const out: { text: string; mark: boolean }[] = [];
  for (const piece of snippet.split(MARK_START)) {
    const end = piece.indexOf(MARK_END);
    if (end < 0) {
      if (piece) out.push({ text: piece, mark: false });
      continue;
    }
    if (end > 0) out.push({ text: piece.slice(0, end), mark: true });
    const rest = piece.slice(end + 1).replaceAll(MARK_END, '');
    if (rest) out.push({ text: rest, mark: false });
  }
  return out;
}
