// Only a verified email or phone number belongs to a citizen (issue 6, item 16): an unverified
// claim must not block the real owner from registering it. Staff emails are set by an admin and
// stay unique as before. The plain indexes keep the lookups by contact fast.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
drop index if exists users_email_idx;
drop index if exists users_phone_idx;
create unique index users_email_idx on users (kind, lower(email)) where email is not null and (kind = 'staff' or email_verified_at is not null);
create unique index users_phone_idx on users (kind, phone) where phone is not null and (kind = 'staff' or phone_verified_at is not null);
create index users_email_lookup_idx on users (lower(email)) where email is not null;
create index users_phone_lookup_idx on users (phone) where phone is not null;
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`
drop index if exists users_email_lookup_idx;
drop index if exists users_phone_lookup_idx;
drop index if exists users_email_idx;
drop index if exists users_phone_idx;
create unique index users_email_idx on users (kind, lower(email)) where email is not null;
create unique index users_phone_idx on users (kind, phone) where phone is not null;
`.execute(db);
}
