// The module's one table: emergency numbers, each owned by a unit (who keeps it current) and
// placed in a kecamatan or city-wide (kecamatan_id null). A row is never deleted, only deactivated,
// so the audit trail always points at something.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
create table emergency_contacts (
  id serial primary key,
  category text not null check (category in ('emergency', 'police', 'fire', 'ambulance', 'hearse', 'disaster', 'health', 'other')),
  name text not null,
  -- normalised: '+62…' or a short national number such as '112'
  phone text not null,
  -- normalised mobile number '+628…', or null
  whatsapp text,
  note text not null default '',
  -- where the number comes from, shown publicly (required for the seeded national numbers)
  source text not null default '',
  kecamatan_id int references units(id),
  owner_unit_id int not null references units(id),
  -- 'national.112', 'demo.16.71.01.fire': rows the seeds and demo own (idempotent loading)
  seed_key text unique,
  example boolean not null default false,
  active boolean not null default true,
  -- "Diperbarui <date>": the last edit or "still correct" confirmation
  reviewed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index emergency_contacts_kecamatan on emergency_contacts (kecamatan_id) where active;
create index emergency_contacts_owner on emergency_contacts (owner_unit_id);
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists emergency_contacts`.execute(db);
}
