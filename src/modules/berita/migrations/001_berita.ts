// News and announcements, each owned by a unit, and their images (stored through platform/files).
// status: draft → scheduled (publish_at in the future; public once the clock passes it, no job) or
// published → archived. A row is never deleted, so the audit trail always points at something.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
create table berita_items (
  id serial primary key,
  kind text not null check (kind in ('berita', 'pengumuman')),
  slug text not null unique,
  title text not null,
  summary text not null default '',
  body text not null default '',
  owner_unit_id int not null references units(id),
  status text not null default 'draft' check (status in ('draft', 'scheduled', 'published', 'archived')),
  -- when it is (or becomes) public; null while a draft
  publish_at timestamptz,
  -- the form's idempotency key: a double submit makes one item
  idem text unique,
  -- 'demo.1': rows the demo hook owns
  seed_key text unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index berita_items_public on berita_items (publish_at desc) where status in ('scheduled', 'published');
create index berita_items_owner on berita_items (owner_unit_id);
create table berita_images (
  id serial primary key,
  item_id int not null references berita_items(id),
  file_id text not null references files(id),
  alt text not null default '',
  width int,
  height int,
  sort int not null default 0
);
create index berita_images_item on berita_images (item_id, sort);
create unique index berita_images_file on berita_images (file_id);
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists berita_images; drop table if exists berita_items`.execute(db);
}
