// The audit trail as several hash chains, appended in one round trip (ADR 031).
//
// One chain meant one lock that every writer held from its audit entry to its commit, across four
// round trips, so every officer action and submission in the city ran one at a time. Now:
// - a writer takes the first chain nobody holds (chain 1 when nobody else is writing, so a quiet
//   trail stays one chain); each chain has its own anchor row in audit_head (id = chain);
// - audit_append() does the lock, the anchor, the row and the anchor's update in the database, in
//   one call. The caller hashes the entry's content (JSON canonicalisation stays in one place, in
//   TypeScript); the function links it: hash = sha256(prev_hash || content hash), hash_version 2.
// Existing entries keep hash_version 1 (the content and the previous hash hashed together) and are
// chain 1, the chain their anchor (id 1) already describes.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>) {
  await sql`
alter table audit_log add column chain smallint not null default 1;
alter table audit_log add column hash_version smallint not null default 1;
alter table audit_head drop constraint if exists audit_head_id_check;
alter table audit_head add constraint audit_head_chain check (id between 1 and 64);

-- The chain to write to: the preferred one (the chain this transaction already holds) if given,
-- else the first of n nobody holds (try-locks never wait); when all are held, wait for chain 1.
-- Advisory locks are re-entrant, so a transaction that holds a chain never waits here.
create function audit_chain_lock(n int, prefer int default 0) returns int language plpgsql as $$
begin
  if prefer > 0 and pg_try_advisory_xact_lock(727274, prefer) then
    return prefer;
  end if;
  for k in 1..n loop
    if pg_try_advisory_xact_lock(727274, k) then
      return k;
    end if;
  end loop;
  perform pg_advisory_xact_lock(727274, 1);
  return 1;
end $$;

-- Appends one entry; returns the chain it continued. The chain continues from its anchor, not from
-- whatever row is last: if the newest rows were deleted, new entries do not paper over the gap.
create function audit_append(
  n int, prefer int, p_at timestamptz, p_actor_id bigint, p_actor_label text, p_action text, p_subject_type text,
  p_subject_id text, p_unit_id bigint, p_before jsonb, p_after jsonb, p_ip text, p_user_agent text, p_content_hash text
) returns int language plpgsql as $$
declare
  c int := audit_chain_lock(n, prefer);
  prev text;
  cnt bigint;
  h text;
  new_id bigint;
begin
  select hash, entries into prev, cnt from audit_head where id = c for update;
  if not found then
    -- the chain's first entry, or a trail from before the anchor existed
    select hash into prev from audit_log where chain = c order by id desc limit 1;
    select count(*) into cnt from audit_log where chain = c;
    -- each chain starts from its own genesis, so two chains' first entries never hash alike
    prev := coalesce(prev, case when c = 1 then repeat('0', 64) else lpad(to_hex(c), 64, '0') end);
  end if;
  h := encode(sha256(convert_to(prev || p_content_hash, 'UTF8')), 'hex');
  insert into audit_log (at, actor_id, actor_label, action, subject_type, subject_id, unit_id, before, after, ip, user_agent, prev_hash, hash, chain, hash_version)
  values (p_at, p_actor_id, p_actor_label, p_action, p_subject_type, p_subject_id, p_unit_id, p_before, p_after, p_ip, p_user_agent, prev, h, c, 2)
  returning id into new_id;
  insert into audit_head (id, entries, last_id, hash) values (c, cnt + 1, new_id, h)
  on conflict (id) do update set entries = excluded.entries, last_id = excluded.last_id, hash = excluded.hash;
  return c;
end $$;
`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`
drop function if exists audit_append(int, int, timestamptz, bigint, text, text, text, text, bigint, jsonb, jsonb, text, text, text);
drop function if exists audit_chain_lock(int, int);
alter table audit_head drop constraint if exists audit_head_chain;
alter table audit_log drop column if exists hash_version;
alter table audit_log drop column if exists chain;
`.execute(db);
}
