// The government's public schedule: events with a start and an (exclusive) end instant, all-day or
// timed (shown in the region's time zone, Asia/Jakarta for Palembang), a location, the organising
// unit, and a status (scheduled | cancelled: a cancelled event stays listed, marked, and its feed
// entry says STATUS:CANCELLED so calendars that subscribed remove it).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
create table agenda_events (
  id serial primary key,
  title text not null,
  description text not null default '',
  location text not null default '',
  starts_at timestamptz not null,
  -- exclusive; for an all-day event the start of the day after its last day
  ends_at timestamptz not null,
  all_day boolean not null default false,
  organiser_unit_id int not null references units(id),
  status text not null default 'scheduled' check (status in ('scheduled', 'cancelled')),
  idem text unique,
  seed_key text unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at > starts_at)
);
create index agenda_events_time on agenda_events (ends_at, starts_at);
create index agenda_events_organiser on agenda_events (organiser_unit_id);
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists agenda_events`.execute(db);
}
