// Issued documents (platform/documents, ADR 021): one row per signed PDF a module issued, and the
// number counters (one row per unit, series and year, bumped with UPDATE … RETURNING inside the
// issuing transaction, so a number is never handed out twice nor skipped).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
create table document_counters (
  unit_id bigint not null references units(id),
  series text not null,
  year int not null,
  last int not null check (last >= 0),
  primary key (unit_id, series, year)
);
create table issued_documents (
  id text primary key,
  code text not null unique,
  module text not null,
  kind text not null,
  unit_id bigint not null references units(id),
  series text not null,
  year int not null,
  seq int not null,
  number text not null,
  title text not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint not null,
  storage_key text not null unique,
  file_name text not null,
  owner_id bigint references users(id) on delete set null,
  subject_ref text,
  signer_name text not null,
  signer_position text not null,
  signed_with text not null,
  development boolean not null,
  status text not null default 'valid' check (status in ('valid', 'revoked')),
  revoked_at timestamptz,
  revoke_reason text,
  issued_at timestamptz not null,
  unique (unit_id, series, year, seq)
);
create index issued_documents_owner on issued_documents (owner_id);
create index issued_documents_subject on issued_documents (module, subject_ref);
create index issued_documents_sha256 on issued_documents (sha256);
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists issued_documents; drop table if exists document_counters`.execute(db);
}
