// Job vacancies, owned by a unit (Disnaker in practice): draft → published → archived. A published
// vacancy is public until its closing date (a local date, inclusive) and then leaves the list by
// itself: the public query compares with the region's local date from ctx.clock, no job.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
create table lowongan_vacancies (
  id serial primary key,
  slug text not null unique,
  position text not null,
  employer text not null,
  location text not null,
  -- the last day applications are taken, 'YYYY-MM-DD' in the region's time zone
  closing_date text not null check (closing_date ~ '^\\d{4}-\\d{2}-\\d{2}$'),
  openings int check (openings is null or openings > 0),
  summary text not null default '',
  requirements text not null default '',
  how_to_apply text not null default '',
  owner_unit_id int not null references units(id),
  status text not null default 'draft' check (status in ('draft', 'published', 'archived')),
  published_at timestamptz,
  idem text unique,
  seed_key text unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index lowongan_vacancies_public on lowongan_vacancies (closing_date) where status = 'published';
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists lowongan_vacancies`.execute(db);
}
