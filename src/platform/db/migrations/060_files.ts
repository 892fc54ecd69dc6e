// Uploaded files (platform/files): one row per stored upload. The bytes live in the file store (a
// local folder or an S3 bucket) under storage_key, never under the web root; this row is what a
// module's route looks up, authorizes and serves. Objects are written before their row commits.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
create table files (
  id text primary key,
  module text not null,
  kind text not null,
  name text not null,
  type text not null,
  size bigint not null check (size >= 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  source_size bigint not null check (source_size >= 0),
  source_sha256 text not null check (source_sha256 ~ '^[0-9a-f]{64}$'),
  storage_key text not null unique,
  variants jsonb not null default '{}',
  width int,
  height int,
  uploaded_by bigint references users(id) on delete set null,
  unit_id bigint references units(id),
  created_at timestamptz not null default now()
);
create index files_module_kind on files (module, kind);
create index files_uploaded_by on files (uploaded_by);
create index files_source_sha256 on files (source_sha256);
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists files`.execute(db);
}
