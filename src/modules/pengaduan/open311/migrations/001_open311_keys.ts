// Open311 API keys: issued by platform admins, shown once, stored only as a SHA-256 hash (row type
// in ../repo.ts).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
create table pengaduan_open311_keys (
  id bigserial primary key,
  name text not null,
  key_hash text not null unique,
  key_prefix text not null,
  created_by bigint references users(id) on delete set null,
  created_at timestamptz not null,
  revoked_at timestamptz,
  last_used_at timestamptz
)`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists pengaduan_open311_keys`.execute(db);
}
