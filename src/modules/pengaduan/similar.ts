// "Sudah ada yang melaporkan?": open public reports in the same kecamatan (and category, when given)
// whose text is like the new one, so the reporter can "+1 ikut melaporkan" instead of filing again.
// Similarity is trigram overlap computed here, the same on PGlite and PostgreSQL; the candidates are
// the newest open reports of that kecamatan (a bounded set, read in order from a partial index of the
// open public reports by kecamatan (and category) and date: 002_scale_indexes).
import type { Executor } from '../../platform/db/index.ts';
import * as repo from './repo.ts';

const OPEN_STATES = ['received', 'verified', 'dispositioned', 'in_progress', 'follow_up_reported', 'validated', 'reopened'] as const;

export function trigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (const w of s.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, ' ').split(' ').filter(Boolean)) {
    const p = `  ${w} `;
    for (let i = 0; i + 3 <= p.length; i++) out.add(p.slice(i, i + 3));
  }
  return out;
}

/** pg_trgm's similarity(): shared trigrams over the union. */
export function similarity(a: string, b: string): number {
  return overlap(trigrams(a), trigrams(b));
}

function overlap(x: Set<string>, y: Set<string>): number {
  if (!x.size || !y.size) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return shared / (x.size + y.size - shared);
}

export async function similarOpen(db: Executor, q: { text: string; kecamatanId: number; categoryCode?: string; threshold?: number; limit?: number }) {
  let sel = db.selectFrom('pengaduan_complaints').select(['id', 'public_id', 'category_code', 'description', 'address', 'followers', 'created_at'])
    .where('kecamatan_id', '=', q.kecamatanId).where('rahasia', '=', false).where('state', 'in', [...OPEN_STATES])
    .orderBy('created_at', 'desc').limit(300);
  if (q.categoryCode) sel = sel.where('category_code', '=', q.categoryCode);
  const rows = await sel.execute();
  const mine = trigrams(q.text); // once, not once per candidate
  return rows.map((r) => ({ ...r, score: overlap(mine, trigrams(`${r.description} ${r.address}`)) }))
    .filter((r) => r.score >= (q.threshold ?? 0.3))
    .sort((a, b) => b.score - a.score)
    .slice(0, q.limit ?? 5)
    .map((r) => ({ publicId: r.public_id, categoryCode: r.category_code, description: r.description, followers: r.followers, createdAt: r.created_at, score: r.score }));
}

/** "+1 ikut melaporkan": once per account or contact; true when counted. */
export async function followComplaint(db: Executor, complaintId: number, who: { userId?: number; contactHash?: string }): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const added = await repo.addFollower(tx, complaintId, who);
    if (added) await repo.incrementFollowers(tx, complaintId);
    return added;
  });
}
