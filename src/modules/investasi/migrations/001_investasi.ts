// Investment opportunities (owned by a unit, normally DPMPTSP; draft → published → archived) and the
// inquiries investors send about one of them (kept for the owning unit's staff queue).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
create table investasi_opportunities (
  id serial primary key,
  slug text not null unique,
  title text not null,
  sector text not null,
  -- the kecamatan it lies in (null: several or city-wide), and the place in words
  kecamatan_unit_id int references units(id),
  location text not null default '',
  -- estimated investment value in rupiah; null = not stated
  value_rp bigint,
  -- where the opportunity stands for an investor
  stage text not null default 'tersedia' check (stage in ('tersedia', 'negosiasi', 'terealisasi')),
  summary text not null default '',
  body text not null default '',
  contact_name text not null default '',
  contact_email text not null default '',
  contact_phone text not null default '',
  owner_unit_id int not null references units(id),
  status text not null default 'draft' check (status in ('draft', 'published', 'archived')),
  published_at timestamptz,
  idem text unique,
  seed_key text unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index investasi_opportunities_public on investasi_opportunities (sector, status);
create table investasi_inquiries (
  id serial primary key,
  opportunity_id int not null references investasi_opportunities(id),
  unit_id int not null references units(id),
  name text not null,
  email text not null default '',
  phone text not null default '',
  organisation text not null default '',
  message text not null,
  user_id int references users(id),
  state text not null default 'baru' check (state in ('baru', 'ditangani')),
  idem text not null unique,
  created_at timestamptz not null default now(),
  handled_at timestamptz
);
create index investasi_inquiries_unit on investasi_inquiries (unit_id, state, created_at);
create index investasi_inquiries_user on investasi_inquiries (user_id);
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists investasi_inquiries; drop table if exists investasi_opportunities`.execute(db);
}
