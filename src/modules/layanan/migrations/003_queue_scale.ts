// The officer queue at a million applications (issue 8, ADR 034): the per-state counts of the units
// in scope read their own index entries instead of the whole table, a state's page (also a closed
// state's) comes in deadline order from the index, and the queue's service filter asks each service
// "any application here?" with one probe instead of reading every application of the unit.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
create index layanan_applications_unit_state on layanan_applications (current_unit_id, state, due_at);
create index layanan_applications_service_unit on layanan_applications (service_id, current_unit_id);
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop index if exists layanan_applications_unit_state; drop index if exists layanan_applications_service_unit`.execute(db);
}
