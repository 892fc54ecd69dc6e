// Complaints at a million rows (issue 9, ADR 034). The duplicate lookup reads a kecamatan's newest
// open public reports (of one category, or of any) straight from an index in created_at order, so it
// stops after its window however many reports the kecamatan has had. The public list is ordered by
// (created_at, id) as its query is, and its filters by kecamatan or category read their own index in
// that order instead of walking the whole list's index looking for matches. The per-unit figures
// of a period read a covering index on created_at.
import { sql, type Kysely } from 'kysely';

// the same list as similar.ts OPEN_STATES: the lookup's WHERE must imply the indexes' predicate
const OPEN = `'received', 'verified', 'dispositioned', 'in_progress', 'follow_up_reported', 'validated', 'reopened'`;

export async function up(db: Kysely<unknown>) {
  await sql.raw(`
create index pengaduan_complaints_similar on pengaduan_complaints (kecamatan_id, category_code, created_at desc) where not rahasia and state in (${OPEN});
create index pengaduan_complaints_similar_any on pengaduan_complaints (kecamatan_id, created_at desc) where not rahasia and state in (${OPEN});
drop index if exists pengaduan_complaints_public;
create index pengaduan_complaints_public on pengaduan_complaints (created_at desc, id desc) where not rahasia;
create index pengaduan_complaints_public_kecamatan on pengaduan_complaints (kecamatan_id, created_at desc, id desc) where not rahasia;
create index pengaduan_complaints_public_category on pengaduan_complaints (category_code, created_at desc, id desc) where not rahasia;
-- the per-unit figures of a period: an index-only read of what they aggregate, not of the whole rows
create index pengaduan_complaints_figures on pengaduan_complaints (created_at) include (routed_unit_id, channel, verify_due_at, first_response_at, resolved_at);
`).execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql.raw(`
drop index if exists pengaduan_complaints_similar; drop index if exists pengaduan_complaints_similar_any;
drop index if exists pengaduan_complaints_public_kecamatan; drop index if exists pengaduan_complaints_public_category;
drop index if exists pengaduan_complaints_public; drop index if exists pengaduan_complaints_figures;
create index pengaduan_complaints_public on pengaduan_complaints (created_at desc) where not rahasia;
`).execute(db);
}
