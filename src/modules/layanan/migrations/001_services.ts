// The service catalog: one row per service the region offers, defined by the region pack (seed) and
// partly edited by unit admins (deadline, cost, requirements, active). The form, the steps, the 14
// components of the service standard (UU 25/2009 Pasal 21) and the letter template are JSON the pack owns.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
create table layanan_services (
  id serial primary key,
  slug text not null unique,
  name text not null,
  summary text not null default '',
  grp text not null,
  -- which kind of unit provides it: every kelurahan, every kecamatan, or one OPD
  unit_kind text not null check (unit_kind in ('kelurahan', 'kecamatan', 'opd')),
  -- the unit whose admins edit the definition (the city for the shared letters)
  owner_unit_id int not null references units(id),
  audience text not null default '',
  requirements jsonb not null,
  -- [{ title, fields: [{ name, label, type, required, options?, hint?, prefill? }] }]: one page per group
  pages jsonb not null,
  steps jsonb not null,
  deadline_days int not null check (deadline_days between 0 and 365),
  cost_rupiah int not null default 0 check (cost_rupiah >= 0),
  cost_note text not null default '',
  product text not null,
  -- the 14 components of the service standard (legal basis … performance evaluation)
  standard jsonb not null,
  verifier_role text not null,
  signer_role text not null,
  forward_to text check (forward_to in ('kecamatan')),
  template text not null,
  number_format text not null,
  active boolean not null default true,
  -- fields an admin changed: the pack no longer overwrites them
  edited jsonb not null default '[]',
  source text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index layanan_services_kind on layanan_services (unit_kind) where active;
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists layanan_services`.execute(db);
}
