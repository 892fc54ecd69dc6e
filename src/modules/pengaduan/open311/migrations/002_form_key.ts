// The form that issued a key: a double click (or a retry after a timeout) must not issue a second
// key nobody saw — a live credential with no holder.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`alter table pengaduan_open311_keys add column form_key text unique`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`alter table pengaduan_open311_keys drop column if exists form_key`.execute(db);
}
