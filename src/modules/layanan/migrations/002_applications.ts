// Applications: what a citizen (online) or a counter officer (walk-in) submits for a service, its
// timeline of steps, the citizen's drafts, and the files attached to either.
//
// Personal data: the applicant's NIK is stored encrypted with a keyed hash for lookup (as users do);
// the form answers are one encrypted JSON blob (they hold NIKs of family members, addresses, causes of
// death…): officers read them through the service, never the database's readers. The PIN that opens
// /lacak is stored twice: a keyed hash to check it, and sealed so the owner can see it again.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
create table layanan_applications (
  id serial primary key,
  tracking_number text not null unique,
  pin_hash text not null,
  pin_sealed text not null,
  service_id int not null references layanan_services(id),
  -- the unit that received it (the citizen's kelurahan), and where it is now (after a forward)
  unit_id int not null references units(id),
  current_unit_id int not null references units(id),
  user_id bigint references users(id) on delete set null,
  applicant_name text not null,
  applicant_nik_hash text not null,
  applicant_nik_sealed text not null,
  answers_sealed text not null,
  channel text not null check (channel in ('online', 'counter')),
  filed_by bigint references users(id),
  state text not null check (state in ('submitted', 'returned', 'verified', 'approved', 'issued', 'rejected')),
  -- the legal deadline: working days from submission; time the citizen spends fixing a return does not count
  due_at timestamptz not null,
  returned_at timestamptz,
  submit_key text unique,
  document_id text,
  escalated_at timestamptz,
  submitted_at timestamptz not null,
  decided_at timestamptz,
  updated_at timestamptz not null
);
-- the officer queue: a unit's open applications by deadline
create index layanan_applications_queue on layanan_applications (current_unit_id, due_at) where state in ('submitted', 'verified', 'approved');
create index layanan_applications_user on layanan_applications (user_id, submitted_at desc) where user_id is not null;
create index layanan_applications_nik on layanan_applications (applicant_nik_hash);

create table layanan_steps (
  id serial primary key,
  application_id int not null references layanan_applications(id) on delete cascade,
  action text not null,
  from_state text,
  to_state text not null,
  unit_id int not null references units(id),
  -- staff who acted (null: the citizen or the system); the citizen sees the unit and the role, not the person
  actor_id bigint references users(id),
  actor_role text,
  note text not null default '',
  at timestamptz not null
);
create index layanan_steps_app on layanan_steps (application_id, id);

create table layanan_drafts (
  id serial primary key,
  user_id bigint not null references users(id) on delete cascade,
  service_id int not null references layanan_services(id),
  answers_sealed text not null,
  -- the last page the citizen completed (0: none)
  page int not null default 0,
  updated_at timestamptz not null,
  unique (user_id, service_id)
);

-- platform/files rows attached to a draft (while applying) or an application (after submit)
create table layanan_files (
  file_id text primary key,
  draft_id int references layanan_drafts(id) on delete set null,
  application_id int references layanan_applications(id) on delete cascade,
  field text not null,
  check (draft_id is not null or application_id is not null)
);
create index layanan_files_app on layanan_files (application_id);
create index layanan_files_draft on layanan_files (draft_id);
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists layanan_files; drop table if exists layanan_drafts; drop table if exists layanan_steps; drop table if exists layanan_applications`.execute(db);
}
