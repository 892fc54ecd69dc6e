// The Daftar Informasi Publik (Perki 1/2021 Pasal 11–15): one row per piece of public information,
// in one of the three categories, held by a unit (the PPID pelaksana) and kept up to date by it. A
// row is never deleted, only withdrawn, so the audit trail always points at something.
import { sql, type Kysely } from 'kysely';
export async function up(db: Kysely<unknown>) {
  await sql`
create table ppid_dip (
  id serial primary key,
  category text not null check (category in ('berkala', 'serta_merta', 'setiap_saat')),
  title text not null,
  summary text not null,
  holding_unit_id int not null references units(id),
  -- the official responsible for the information (name and position)
  official text not null,
  -- when and where it was made ("Januari 2026", "Bidang Anggaran BPKAD")
  made_when text not null,
  made_where text not null,
  form text not null check (form in ('soft', 'hard', 'both')),
  -- how long it is kept ("5 tahun")
  retention text not null,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index ppid_dip_category on ppid_dip (category) where active;
create index ppid_dip_unit on ppid_dip (holding_unit_id);
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists ppid_dip`.execute(db);
}
