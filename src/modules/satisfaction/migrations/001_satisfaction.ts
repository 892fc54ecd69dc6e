// Invitations to rate (one per subject reference: an application, later a complaint) and the
// responses (at most one per invitation). The subject is generic: the source module ('layanan',
// 'complaints'), the subject key (a service slug, a complaint category), the unit that handled it
// and the source's own reference id. Erasing a citizen keeps the scores (anonymised) and drops the
// comment and the link to the user.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
create table satisfaction_invitations (
  id serial primary key,
  source text not null,
  subject text not null,
  unit_id int not null references units(id),
  reference_id text not null,
  -- what the citizen knows it by (a tracking number)
  reference_label text not null default '',
  user_id int references users(id) on delete set null,
  event_id text,
  created_at timestamptz not null default now(),
  unique (source, reference_id)
);
create index satisfaction_invitations_user on satisfaction_invitations (user_id);
create table satisfaction_responses (
  id serial primary key,
  invitation_id int not null unique references satisfaction_invitations(id),
  source text not null,
  subject text not null,
  unit_id int not null references units(id),
  u1 smallint not null check (u1 between 1 and 4),
  u2 smallint not null check (u2 between 1 and 4),
  u3 smallint not null check (u3 between 1 and 4),
  u4 smallint not null check (u4 between 1 and 4),
  u5 smallint not null check (u5 between 1 and 4),
  u6 smallint not null check (u6 between 1 and 4),
  u7 smallint not null check (u7 between 1 and 4),
  u8 smallint not null check (u8 between 1 and 4),
  u9 smallint not null check (u9 between 1 and 4),
  comment text,
  created_at timestamptz not null default now()
);
create index satisfaction_responses_subject on satisfaction_responses (source, subject);
create index satisfaction_responses_unit on satisfaction_responses (unit_id, created_at);
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists satisfaction_responses; drop table if exists satisfaction_invitations`.execute(db);
}
