// The remaining states of a request as stored facts (ADR 036): the dispute recorded at the Komisi
// Informasi (its date and register number), closed, withdrawn (by the requester through the follow
// link, or by PPID staff with a reason); the DIP entry made from a fulfilled answer ("answer once,
// publish for all") points back at its request and may carry the released, redacted document; and
// the partial indexes the overdue list reads (open requests by the day their clock starts).
import { sql, type Kysely } from 'kysely';
export async function up(db: Kysely<unknown>) {
  await sql`
alter table ppid_requests add column dispute_at timestamptz;
alter table ppid_requests add column dispute_number text;
alter table ppid_requests add column closed_at timestamptz;
alter table ppid_requests add column withdrawn_at timestamptz;
alter table ppid_requests add column withdrawn_by text check (withdrawn_by in ('requester', 'staff'));
alter table ppid_requests add column withdraw_reason text;
create index ppid_requests_open_received on ppid_requests (received_at) where state in ('submitted', 'in_progress', 'extended');
create index ppid_requests_open_registered on ppid_requests (registered_at) where state in ('submitted', 'in_progress', 'extended');
create index ppid_requests_year on ppid_requests (year, id);
alter table ppid_dip add column source_request_id int references ppid_requests(id);
alter table ppid_dip add column file_id text references files(id);
create unique index ppid_dip_source on ppid_dip (source_request_id) where source_request_id is not null;
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`
drop index if exists ppid_dip_source;
alter table ppid_dip drop column if exists file_id;
alter table ppid_dip drop column if exists source_request_id;
drop index if exists ppid_requests_year;
drop index if exists ppid_requests_open_registered;
drop index if exists ppid_requests_open_received;
alter table ppid_requests drop column if exists withdraw_reason;
alter table ppid_requests drop column if exists withdrawn_by;
alter table ppid_requests drop column if exists withdrawn_at;
alter table ppid_requests drop column if exists closed_at;
alter table ppid_requests drop column if exists dispute_number;
alter table ppid_requests drop column if exists dispute_at;
`.execute(db);
}
