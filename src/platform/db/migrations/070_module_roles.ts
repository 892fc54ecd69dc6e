// Roles are no longer a fixed list in SQL: modules add their own (manifest `roles`), and the code
// checks a role name wherever one is granted (access/can.ts isRole).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`alter table role_grants drop constraint if exists role_grants_role_check`.execute(db);
}
