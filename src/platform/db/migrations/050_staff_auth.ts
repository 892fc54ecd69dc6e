// Staff sign-in state on the users row: the last accepted TOTP time step (a code is accepted once,
// never replayed inside its window) and whether the password is a one-time one that must be
// changed at the next sign-in (accounts created by an admin or the CLI).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
alter table users add column totp_last_step int;
alter table users add column password_change_required boolean not null default false;
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`alter table users drop column if exists totp_last_step, drop column if exists password_change_required`.execute(db);
}
