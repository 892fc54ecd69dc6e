// Holidays an admin removed in /petugas/kalender. Region packs are re-imported on every start; without
// a record of the removal, a deleted pack holiday would quietly come back. Adding the date again
// (by an admin) deletes its row here.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
create table holiday_removals (
  date date primary key,
  removed_at timestamptz not null default now()
);
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists holiday_removals`.execute(db);
}
