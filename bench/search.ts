// npm run bench:search — the site search (platform/search, ADR 026) at 10,000 and then 100,000
// indexed items in a throwaway database: p95 of searchIndex() (the count per kind, one ranked page
// of 20 with ts_headline snippets, and the typo correction when nothing matches) for a mix of
// queries, and the ratio between the two sizes. Target: p95 ≤ 100 ms at 100,000.
// PostgreSQL when DATABASE_URL is set (a throwaway database is created and dropped), else a
// throwaway PostgreSQL server when one is installed, else PGlite in memory.
import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db/index.ts';
import { collectMigrations, migrate } from '../src/platform/db/migrator.ts';
import { searchIndex } from '../src/platform/search/index.ts';
import { throwawayDatabaseUrl } from '../test/helpers.ts';
import { postgresBinDir, startPostgres } from './postgres.ts';

// common words of public documents, and rarer ones; bodies are drawn with a skew towards the first
const COMMON = (
  'pemerintah kota daerah peraturan pelayanan masyarakat kecamatan kelurahan dinas anggaran tahun laporan kinerja rencana pembangunan ' +
  'retribusi pajak izin usaha pasar jalan jembatan kesehatan pendidikan sekolah puskesmas rumah sakit air bersih sampah lingkungan ' +
  'penduduk kependudukan akta kelahiran kartu keluarga bantuan sosial pangan harga beras minyak gula transportasi angkutan terminal ' +
  'perhubungan parkir taman ruang terbuka hijau banjir drainase bencana kebakaran keamanan ketertiban pariwisata budaya olahraga pemuda'
).split(' ');
const RARE = Array.from({ length: 3000 }, (_, i) => `istilah${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + (Math.floor(i / 26) % 26))}${i}`);
const VOCAB = [...COMMON, ...RARE];
const QUERIES = ['peraturan daerah', 'retribusi pasar', 'kartu keluarga', 'pelayanan', 'istilahbc27', 'peratuan pajak', 'banjir drainase kecamatan', 'tidakadasamasekali'];

async function seed(db: Parameters<typeof searchIndex>[0], from: number, to: number) {
  const batch = 5000;
  for (let start = from; start < to; start += batch) {
    const end = Math.min(to, start + batch);
    await sql`
      insert into search_items (module, ref, kind, title, body, url, updated_at)
      select 'bench', 'b.' || g, 'bench.kind.' || (g % 5),
        (select string_agg((${VOCAB}::text[])[1 + floor(power(random(), 3) * ${VOCAB.length})::int], ' ') from generate_series(1, 6 + (g % 3)) w where g > 0),
        (select string_agg((${VOCAB}::text[])[1 + floor(power(random(), 2) * ${VOCAB.length})::int], ' ') from generate_series(1, 80) w where g > 0),
        '/bench/' || g, now() - make_interval(days => g % 900)
      from generate_series(${start + 1}::int, ${end}::int) g`.execute(db);
  }
  await sql`insert into search_words (word) select unnest(${VOCAB}::text[]) on conflict do nothing`.execute(db);
  await sql`analyze search_items`.execute(db);
}

function p95(ms: number[]): number {
  const s = [...ms].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
}

async function measure(db: Parameters<typeof searchIndex>[0], rounds: number) {
  for (const q of QUERIES) await searchIndex(db, q, { offset: 0, limit: 20 }); // warm
  const all: number[] = [];
  const per: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r++)
    for (const q of QUERIES) {
      const t0 = performance.now();
      await searchIndex(db, q, { offset: r % 3 === 0 ? 20 : 0, limit: 20 });
      const ms = performance.now() - t0;
      all.push(ms);
      (per[q] ??= []).push(ms);
    }
  return { p95: p95(all), per: Object.fromEntries(Object.entries(per).map(([q, v]) => [q, p95(v)])) };
}

async function main() {
  let url = process.env.DATABASE_URL;
  let cleanup = async () => {};
  let label = 'PGlite';
  if (url) {
    const t = (await throwawayDatabaseUrl())!;
    url = t.url;
    cleanup = t.drop;
    label = 'PostgreSQL (DATABASE_URL)';
  } else if (postgresBinDir() && !process.env.BENCH_PGLITE) {
    const pg = await startPostgres(postgresBinDir()!);
    url = pg.url;
    cleanup = () => Promise.resolve(pg.stop());
    label = pg.version;
  }
  const h = await openDatabase(url ? { databaseUrl: url } : { pgliteDir: 'memory://' });
  try {
    await migrate(h.db, collectMigrations([]));
    const rounds = Number(process.env.BENCH_ROUNDS ?? 25);
    console.log(`search bench on ${label}; ${QUERIES.length} queries × ${rounds} rounds each size`);
    await seed(h.db, 0, 10_000);
    const small = await measure(h.db, rounds);
    console.log(`10,000 items:  p95 ${small.p95.toFixed(1)} ms`, JSON.stringify(Object.fromEntries(Object.entries(small.per).map(([k, v]) => [k, +v.toFixed(1)]))));
    await seed(h.db, 10_000, 100_000);
    const large = await measure(h.db, rounds);
    console.log(`100,000 items: p95 ${large.p95.toFixed(1)} ms`, JSON.stringify(Object.fromEntries(Object.entries(large.per).map(([k, v]) => [k, +v.toFixed(1)]))));
    if (process.env.BENCH_EXPLAIN) {
      for (const q of ['pelayanan', 'istilahbc27']) {
        const plan = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers) select kind, count(*) from search_items where tsv @@ plainto_tsquery('indonesian', ${q}) group by kind`.execute(h.db);
        console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
        const plan2 = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers) select s.id, ts_rank(s.title_tsv, q.query) as rank from search_items s, (select plainto_tsquery('indonesian', ${q}) as query) q where s.tsv @@ q.query order by rank desc, s.updated_at desc, s.id limit 20`.execute(h.db);
        console.log(plan2.rows.map((r) => r['QUERY PLAN']).join('\n'));
      }
    }
    console.log(`ratio 100k/10k: ${(large.p95 / small.p95).toFixed(2)}; target p95 ≤ 100 ms at 100,000: ${large.p95 <= 100 ? 'met' : 'NOT met'}`);
  } finally {
    await h.close();
    await cleanup();
  }
}

await main();
