// Tables every module relies on: the region, its unit tree, people, roles, sessions, the audit trail,
// durable jobs, outgoing messages, the working-day calendar and rate limits.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
create table region (
  id int primary key default 1 check (id = 1),
  code text not null,
  slug text not null,
  name text not null,
  time_zone text not null,
  branding jsonb not null default '{}',
  updated_at timestamptz not null default now()
);

create table units (
  id bigserial primary key,
  code text not null unique,
  kind text not null check (kind in ('region', 'kecamatan', 'kelurahan', 'desa', 'opd')),
  name text not null,
  parent_id bigint references units(id),
  -- materialised path of ids, '/1/5/42/': scope checks are a prefix test, no recursion
  path text not null,
  contact jsonb not null default '{}',
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index units_path_idx on units (path text_pattern_ops);
create index units_parent_idx on units (parent_id);

create table users (
  id bigserial primary key,
  kind text not null check (kind in ('citizen', 'staff')),
  name text not null,
  email text,
  phone text,
  password_hash text,
  -- NIK is personal data: stored encrypted, looked up by a keyed hash (blind index)
  nik_encrypted text,
  nik_hash text,
  email_verified_at timestamptz,
  phone_verified_at timestamptz,
  totp_secret_encrypted text,
  totp_enabled_at timestamptz,
  oidc_subject text,
  locale text not null default 'id' check (locale in ('id', 'en')),
  disabled_at timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email_idx on users (kind, lower(email)) where email is not null;
create unique index users_phone_idx on users (kind, phone) where phone is not null;
create unique index users_nik_idx on users (nik_hash) where nik_hash is not null;
create unique index users_oidc_idx on users (oidc_subject) where oidc_subject is not null;

create table role_grants (
  id bigserial primary key,
  user_id bigint not null references users(id) on delete cascade,
  role text not null check (role in ('officer', 'approver', 'unit_admin', 'platform_admin', 'leader', 'auditor')),
  unit_id bigint not null references units(id),
  created_at timestamptz not null default now(),
  unique (user_id, role, unit_id)
);

create table sessions (
  id_hash text primary key,
  user_id bigint references users(id) on delete cascade,
  -- 'pending_totp' after a correct password, 'active' once fully signed in
  state text not null default 'active',
  data jsonb not null default '{}',
  ip text,
  user_agent text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);

create table verification_codes (
  id bigserial primary key,
  user_id bigint not null references users(id) on delete cascade,
  purpose text not null,
  channel text not null,
  destination text not null,
  code_hash text not null,
  attempts int not null default 0,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index verification_codes_user_idx on verification_codes (user_id, purpose);

create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_id bigint,
  actor_label text not null,
  action text not null,
  subject_type text not null,
  subject_id text,
  unit_id bigint,
  before jsonb,
  after jsonb,
  ip text,
  user_agent text,
  prev_hash text not null,
  hash text not null unique
);
create index audit_subject_idx on audit_log (subject_type, subject_id);

create table jobs (
  id bigserial primary key,
  name text not null,
  payload jsonb not null default '{}',
  run_at timestamptz not null default now(),
  attempts int not null default 0,
  max_attempts int not null default 10,
  locked_until timestamptz,
  last_error text,
  done_at timestamptz,
  created_at timestamptz not null default now()
);
create index jobs_due_idx on jobs (run_at) where done_at is null;

create table messages (
  id bigserial primary key,
  channel text not null check (channel in ('email', 'sms', 'whatsapp')),
  recipient text not null,
  template text not null,
  locale text not null,
  subject text not null,
  body text not null,
  -- queued → sent (delivered to SMTP) | kept (no transport configured: readable in /petugas/outbox) | failed
  status text not null default 'queued',
  attempts int not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index messages_created_idx on messages (created_at desc);

create table holidays (
  date date primary key,
  name text not null,
  kind text not null check (kind in ('national_holiday', 'collective_leave', 'regional')),
  provisional boolean not null default false,
  source text not null default 'admin',
  updated_at timestamptz not null default now()
);

create table rate_limits (
  key text primary key,
  failures int not null default 0,
  window_start timestamptz not null default now(),
  blocked_until timestamptz
);
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists rate_limits, holidays, messages, jobs, audit_log, verification_codes, sessions, role_grants, users, units, region cascade`.execute(db);
}
