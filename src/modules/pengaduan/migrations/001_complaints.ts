// The complaint data model: categories (from the region pack), routing rules (category × area →
// handling unit, with the supervising unit that validates the follow-up), the complaints themselves,
// their public/private timeline, their photos (platform/files rows), the "+1 ikut melaporkan"
// followers and idempotency keys for submissions.
//
// Privacy is stored on the row and enforced in repo/service: `anonim` hides the reporter from the
// public and from the handling unit; `rahasia` keeps the whole complaint out of every public surface.
// The reporter's contact (email/phone) is personal data: never listed, never exported, erased on
// request (personalData).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
-- the region pack's deadlines (working days) and flow, one row
create table pengaduan_region (
  id int primary key default 1 check (id = 1),
  verify_days int not null default 3 check (verify_days between 1 and 60),
  follow_up_days int not null default 5 check (follow_up_days between 1 and 60),
  auto_close_days int not null default 10 check (auto_close_days between 1 and 60),
  -- every new report goes first to the kelurahan of its location, which forwards it (Jakarta's flow)
  triage_by_kelurahan boolean not null default false
);

create table pengaduan_categories (
  code text primary key check (code ~ '^[a-z0-9][a-z0-9-]*$'),
  name_id text not null,
  name_en text not null,
  description_id text not null default '',
  description_en text not null default '',
  -- the default handling unit when no rule is more specific (a unit code, or 'kelurahan'/'kecamatan' of the location)
  default_unit text not null,
  -- who validates the follow-up: a unit code, or 'kecamatan' (of the location)
  supervisor text not null,
  -- response templates officers start from, [{ key, text }]
  templates jsonb not null default '[]',
  sort int not null default 0,
  active boolean not null default true,
  updated_at timestamptz not null default now()
);

create table pengaduan_routing_rules (
  id bigserial primary key,
  category_code text not null references pengaduan_categories(code),
  -- the area the rule applies to (a kecamatan or kelurahan unit), null: the whole region
  area_unit_id bigint references units(id),
  -- the handling unit: a fixed unit id, or the kelurahan/kecamatan of the complaint's location
  target_unit_id bigint references units(id),
  target_kind text not null default 'unit' check (target_kind in ('unit', 'kelurahan', 'kecamatan')),
  supervisor_unit_id bigint references units(id),
  supervisor_kind text not null default 'unit' check (supervisor_kind in ('unit', 'kecamatan')),
  -- 'pack' rules are replaced on every seed; 'admin' rules are kept
  source text not null default 'pack' check (source in ('pack', 'admin')),
  check ((target_kind = 'unit') = (target_unit_id is not null)),
  check ((supervisor_kind = 'unit') = (supervisor_unit_id is not null))
);
create index pengaduan_routing_rules_category on pengaduan_routing_rules (category_code);

create table pengaduan_complaints (
  id bigserial primary key,
  -- the public tracking id, e.g. 'PGD-7K3M-Q9XA' (random, not guessable by counting)
  public_id text not null unique,
  category_code text not null references pengaduan_categories(code),
  title text not null default '',
  description text not null,
  kecamatan_id bigint references units(id),
  kelurahan_id bigint references units(id),
  address text not null default '',
  lat double precision check (lat between -90 and 90),
  lng double precision check (lng between -180 and 180),
  anonim boolean not null default false,
  rahasia boolean not null default false,
  -- the reporter: a signed-in citizen, or a contact (personal data; nulled on erase)
  reporter_user_id bigint references users(id) on delete set null,
  reporter_name text,
  contact_email text,
  contact_phone text,
  -- the door it came through
  channel text not null default 'web' check (channel in ('web', 'call_center', 'counter', 'sms', 'whatsapp', 'social_media', 'email', 'open311', 'lapor')),
  -- the operator who filed it on behalf of a caller
  filed_by bigint references users(id) on delete set null,
  state text not null default 'received' check (state in ('received', 'verified', 'rejected', 'dispositioned', 'in_progress', 'follow_up_reported', 'validated', 'resolved', 'closed', 'reopened')),
  rejection_reason text check (rejection_reason in ('not_complaint', 'duplicate')),
  duplicate_of bigint references pengaduan_complaints(id),
  routed_unit_id bigint not null references units(id),
  supervisor_unit_id bigint not null references units(id),
  -- deadlines (working days, computed with ctx.calendar at each step)
  verify_due_at timestamptz,
  follow_up_due_at timestamptz,
  auto_close_at timestamptz,
  -- 0: on time; 1: the unit head was told; 2: the platform admin was told
  escalation_level int not null default 0,
  first_response_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  followers int not null default 0,
  -- Open311 service_request token / external ids (SP4N-LAPOR tracking id)
  external_ref text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index pengaduan_complaints_routed on pengaduan_complaints (routed_unit_id, state);
create index pengaduan_complaints_supervisor on pengaduan_complaints (supervisor_unit_id, state);
create index pengaduan_complaints_public on pengaduan_complaints (created_at desc) where not rahasia;
create index pengaduan_complaints_kecamatan on pengaduan_complaints (kecamatan_id, state);
create index pengaduan_complaints_reporter on pengaduan_complaints (reporter_user_id);

create table pengaduan_updates (
  id bigserial primary key,
  complaint_id bigint not null references pengaduan_complaints(id) on delete cascade,
  -- what happened: a state change or a note
  kind text not null,
  from_state text,
  to_state text,
  -- the unit that acted (shown publicly), never the person
  unit_id bigint references units(id),
  actor_id bigint references users(id) on delete set null,
  body text not null default '',
  -- public: shown on the timeline (unless the complaint is rahasia); false: internal note
  public boolean not null default true,
  created_at timestamptz not null
);
create index pengaduan_updates_complaint on pengaduan_updates (complaint_id, created_at);

create table pengaduan_photos (
  complaint_id bigint not null references pengaduan_complaints(id) on delete cascade,
  file_id text not null references files(id),
  update_id bigint references pengaduan_updates(id) on delete cascade,
  primary key (complaint_id, file_id)
);

create table pengaduan_followers (
  complaint_id bigint not null references pengaduan_complaints(id) on delete cascade,
  user_id bigint references users(id) on delete cascade,
  contact_hash text,
  created_at timestamptz not null default now(),
  unique (complaint_id, user_id),
  unique (complaint_id, contact_hash)
);

-- double submit → one complaint: the form's key, bound to the complaint it created
create table pengaduan_submissions (
  key text primary key,
  complaint_id bigint not null references pengaduan_complaints(id) on delete cascade,
  created_at timestamptz not null default now()
);
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists pengaduan_submissions, pengaduan_followers, pengaduan_photos, pengaduan_updates, pengaduan_complaints, pengaduan_routing_rules, pengaduan_categories`.execute(db);
}
