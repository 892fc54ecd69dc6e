// The module's one table: downloadable public documents (regulations with their JDIH metadata,
// budget and performance reports, plans, forms), each owned by a unit, its PDF in platform/files and
// the PDF's text (pdftotext at upload) kept for search. A row is never deleted, only withdrawn.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
create table dokumen_items (
  id serial primary key,
  category text not null check (category in ('peraturan', 'anggaran', 'kinerja', 'perencanaan', 'formulir')),
  doc_type text not null,
  title text not null,
  -- the regulation's number ('5'), empty for reports and forms
  number text not null default '',
  year int not null check (year between 1945 and 2100),
  -- regulations only: in force, revoked, amended
  status text check (status in ('berlaku', 'dicabut', 'diubah')),
  subject text not null default '',
  owner_unit_id int not null references units(id),
  file_id text not null references files(id),
  file_name text not null,
  file_size bigint not null,
  -- the PDF's text; text_status says why there is none ('none': a scan without text, 'unavailable':
  -- pdftotext is not installed, 'failed': it timed out or broke)
  text_content text not null default '',
  text_status text not null check (text_status in ('ok', 'none', 'unavailable', 'failed')),
  state text not null default 'draft' check (state in ('draft', 'published', 'withdrawn')),
  published_at timestamptz,
  withdrawn_at timestamptz,
  -- one upload per form shown: a double submit finds the first
  idempotency_key text not null unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index dokumen_items_public on dokumen_items (category, year desc) where state = 'published';
create index dokumen_items_owner on dokumen_items (owner_unit_id);
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists dokumen_items`.execute(db);
}
