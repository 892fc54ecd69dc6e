// Information requests (UU 14/2008 Pasal 21–22, Perki 1/2021) and what follows them: the facts of
// each step with their instants (the deadlines are computed by clock.ts, never stored), the state as
// an enum, the exemption records behind refusals (the Daftar Informasi yang Dikecualikan), and the
// redaction rules applied to published text. NIK and phone are stored encrypted (AES-256-GCM,
// platform/crypto.ts); the follow link's secret only as an HMAC.
import { sql, type Kysely } from 'kysely';
export async function up(db: Kysely<unknown>) {
  await sql`
create table ppid_requests (
  id serial primary key,
  -- '001/PPID/XII/2026': seq within the calendar year (region time zone)
  number text not null unique,
  year int not null,
  seq int not null,
  idempotency_key text not null unique,
  follow_hash text not null unique,
  channel text not null check (channel in ('online', 'walk_in', 'letter', 'email')),
  requester_kind text not null check (requester_kind in ('individual', 'organisation')),
  requester_user_id int references users(id) on delete set null,
  name text not null,
  nik_encrypted text,
  phone_encrypted text,
  email text,
  address text not null,
  deed_file_id text references files(id),
  identity_public boolean not null default false,
  details text not null,
  purpose text not null,
  obtain text not null,
  receive text not null,
  state text not null default 'submitted' check (state in ('submitted', 'in_progress', 'extended', 'answered', 'objection', 'objection_answered', 'dispute', 'closed', 'withdrawn')),
  received_at timestamptz not null,
  registered_at timestamptz not null,
  unit_id int references units(id),
  dispositioned_at timestamptz,
  extended_at timestamptz,
  extension_reason text,
  answered_at timestamptz,
  outcome text check (outcome in ('fulfilled', 'partial', 'refused', 'not_held')),
  answer_text text,
  holder_body text,
  blacked_out text,
  format text,
  delivery text,
  cost text,
  document_id text,
  objected_at timestamptz,
  objection_grounds text,
  objection_reason text,
  objection_answered_at timestamptz,
  objection_decision text check (objection_decision in ('upheld', 'rejected')),
  objection_answer text,
  created_at timestamptz not null default now(),
  unique (year, seq)
);
create index ppid_requests_state on ppid_requests (state);
create index ppid_requests_user on ppid_requests (requester_user_id);

create table ppid_exemptions (
  id serial primary key,
  request_id int not null references ppid_requests(id),
  -- Pasal 17 UU 14/2008, letter a–j
  ground text not null check (ground in ('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j')),
  information text not null,
  consequence text not null,
  period text not null,
  official text not null,
  decided_at timestamptz not null,
  unit_id int references units(id)
);
create index ppid_exemptions_request on ppid_exemptions (request_id);

create table ppid_redactions (
  id serial primary key,
  -- null: applies to every published text
  request_id int references ppid_requests(id),
  kind text not null check (kind in ('literal', 'pattern')),
  value text not null,
  created_at timestamptz not null default now()
);
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists ppid_redactions; drop table if exists ppid_exemptions; drop table if exists ppid_requests`.execute(db);
}
