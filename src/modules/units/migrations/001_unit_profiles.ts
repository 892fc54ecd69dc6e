// A unit's public profile beside its contact details (Direktori OPD, issue 10): its tasks and
// functions (tugas dan fungsi), its head, and its opening hours. One row per unit that has one.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
create table unit_profiles (
  unit_id int primary key references units(id),
  tasks text not null default '',
  head_name text not null default '',
  head_title text not null default '',
  opening_hours text not null default '',
  updated_at timestamptz not null default now()
);
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists unit_profiles`.execute(db);
}
