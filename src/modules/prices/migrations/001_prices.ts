// Staple-food prices: commodities and markets from the region pack, one price per commodity ×
// market × day (rupiah per unit), CSV imports with their progress, and the freshness reminders
// already sent (one per item, state and update). Prices are entered by the unit owning the market
// (the trade office, Disperindag).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
create table prices_commodities (
  id serial primary key,
  code text not null unique,
  name text not null,
  unit text not null check (unit in ('kg', 'liter')),
  sort int not null default 0,
  active boolean not null default true
);
create table prices_markets (
  id serial primary key,
  code text not null unique,
  name text not null,
  owner_unit_id int not null references units(id),
  -- "data paket wilayah, perlu dikonfirmasi": where the name comes from
  note text not null default '',
  sort int not null default 0,
  active boolean not null default true
);
create table prices_entries (
  commodity_id int not null references prices_commodities(id),
  market_id int not null references prices_markets(id),
  -- the local calendar date (YYYY-MM-DD, the region's time zone)
  day text not null check (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  -- rupiah per kg or liter
  price int not null check (price > 0),
  updated_at timestamptz not null,
  primary key (commodity_id, market_id, day)
);
create index prices_entries_market_day on prices_entries (market_id, day);
create table prices_imports (
  id serial primary key,
  unit_id int not null references units(id),
  -- the form's idempotency key: a double submit makes one import
  idem text not null unique,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  total int not null,
  done int not null default 0,
  rows jsonb not null,
  created_by int,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create table prices_freshness_notices (
  item_key text not null,
  state text not null check (state in ('due_soon', 'stale')),
  -- the update the notice is about: a new update makes a new notice possible
  updated_at text not null,
  sent_at timestamptz not null default now(),
  primary key (item_key, state, updated_at)
);
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists prices_freshness_notices, prices_imports, prices_entries, prices_markets, prices_commodities`.execute(db);
}
