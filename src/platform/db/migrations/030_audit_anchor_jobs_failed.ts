// Audit trail: the chain's head (count and hash of the newest entry), kept in one row that
// recordAudit updates in the same transaction as the entry, so deleting the newest entries (which
// leaves a perfectly valid shorter chain) is detected by `gapura audit verify`. audit_log becomes
// append-only at the database level: UPDATE and DELETE raise (the table owner can still switch the
// trigger off — that is what the hash chain is for).
// Jobs: a job that used up its attempts is marked failed (failed_at) so it shows up in the outbox
// instead of sitting unnoticed in the queue.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
create table audit_head (
  id int primary key default 1 check (id = 1),
  entries bigint not null,
  last_id bigint,
  hash text not null
);
-- no row while the trail is empty (a fresh database stays empty, as restoring a backup requires);
-- recordAudit creates it with the first entry
insert into audit_head (id, entries, last_id, hash)
select 1, (select count(*) from audit_log), (select max(id) from audit_log), (select hash from audit_log order by id desc limit 1)
where exists (select 1 from audit_log);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_log_append_only();
-- the anchor only ever moves forward: never removed, never moved back
create function audit_head_forward() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' or new.entries <= old.entries then
    raise exception 'audit_head only moves forward';
  end if;
  return new;
end $$;
create trigger audit_head_forward before update or delete on audit_head
  for each row execute function audit_head_forward();

create index audit_at_idx on audit_log (at);

alter table jobs add column failed_at timestamptz;
create index jobs_failed_idx on jobs (failed_at) where failed_at is not null;
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`
drop index if exists jobs_failed_idx;
alter table jobs drop column if exists failed_at;
drop index if exists audit_at_idx;
drop trigger if exists audit_log_append_only on audit_log;
drop function if exists audit_log_append_only();
drop table if exists audit_head;
drop function if exists audit_head_forward();
`.execute(db);
}
