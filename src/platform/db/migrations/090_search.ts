// The site search index (platform/search, ADR 026): one row per public thing a module wants found
// at /cari, with a tsvector in the 'indonesian' configuration (title weighted above body) and
// trigram indexes (pg_trgm) for typo tolerance: search_words is the lexicon of words that occur in
// the index, so a misspelt query word can be corrected to its nearest neighbour.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
create extension if not exists pg_trgm;
create table search_items (
  id bigserial primary key,
  module text not null,
  ref text not null,
  -- i18n key naming what kind of thing this is ('dokumen.search.kind.peraturan')
  kind text not null,
  title text not null,
  body text not null default '',
  url text not null,
  unit_id bigint references units(id) on delete set null,
  updated_at timestamptz not null default now(),
  tsv tsvector generated always as (
    setweight(to_tsvector('indonesian'::regconfig, title), 'A') || setweight(to_tsvector('indonesian'::regconfig, body), 'B')
  ) stored,
  -- the title's own vector, small enough to rank every match by (the body's is only matched)
  title_tsv tsvector generated always as (to_tsvector('indonesian'::regconfig, title)) stored,
  unique (module, ref)
);
create index search_items_tsv on search_items using gin (tsv);
create index search_items_recent on search_items (updated_at desc, id desc);
create index search_items_title_trgm on search_items using gist (title gist_trgm_ops);
create table search_words (
  word text primary key
);
create index search_words_trgm on search_words using gist (word gist_trgm_ops);
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists search_words; drop table if exists search_items`.execute(db);
}
