// `npm run bench:pengaduan-scale`: the duplicate lookup ("Sudah ada yang melaporkan?", shown on
// /pengaduan/baru before submitting: POST page 1 → page 2 with the similar open reports of that
// kecamatan and category) and the public list /pengaduan (page 1, a later page, filtered by
// kecamatan and by category) with 10,000 and then 1,000,000 complaints in the database. Target
// (issue 9): p95 at 1M at most 2× the p95 at 10k. Besides the HTTP handlers, the two functions they
// call (similarOpen, publicList) are timed alone, so the list's query is told apart from the page.
//
// The rows are seeded with INSERT … SELECT generate_series into the bench's own throwaway database
// (first 10,000, measured; then up to 1,000,000, measured again), spread over every kelurahan (with
// its kecamatan) and category and over three years: the older reports closed, resolved or rejected,
// those of the last 30 days open in every state; 3% rahasia, 20% anonim; descriptions are drawn from
// a vocabulary of complaint words and street names, lat/lng scattered around the city. Measured
// in-process (app.request; the list as a signed-in citizen, so that each request is rendered and not
// answered from the anonymous 5 s page cache) after VACUUM ANALYZE. DATABASE_URL: a server where a throwaway database may
// be created (else a throwaway server is started here). Reports; never fails on a missed target.
// BENCH_RUNS (200), BENCH_LARGE (1000000), BENCH_KEEP (keep the database for EXPLAIN).
import { sql } from 'kysely';
import { publicList, similarOpen, unitFigures } from '../src/modules/pengaduan/module.ts';
import { Client, type TestApp } from '../test/helpers.ts';
import { signInAs } from '../test/auth-helpers.ts';
import { analyze, boot, elapsed, inBatches, LARGE, report, RUNS, SMALL, time, type Timing } from './scale.ts';

const b = await boot('pengaduan-scale');
const { ctx, app } = b;
const db = ctx.db;

const kel = await db.selectFrom('units as k').innerJoin('units as p', 'p.id', 'k.parent_id').select(['k.id', 'k.parent_id as kec', 'p.code as kec_code'])
  .where('k.kind', 'in', ['kelurahan', 'desa']).where('p.kind', '=', 'kecamatan').orderBy('k.code').execute();
const cats = (await db.selectFrom('pengaduan_categories').select('code').where('active', '=', true).orderBy('sort').orderBy('code').execute()).map((r) => r.code);
if (!kel.length || !cats.length) throw new Error('the region pack has no kelurahan or no complaint category');

const WORDS = (
  'jalan berlubang rusak parah aspal mengelupas genangan air banjir saluran tersumbat drainase sampah menumpuk bau busuk tidak diangkut ' +
  'lampu jalan mati gelap rawan pedagang kaki lima trotoar macet parkir liar pungutan petugas lambat antre pelayanan kantor kelurahan ' +
  'sudah lama tidak diperbaiki mohon segera ditindaklanjuti warga resah anak sekolah motor jatuh malam hari hujan deras selokan meluap ' +
  'pohon tumbang kabel menjuntai bahaya depan pasar dekat masjid samping sekolah ujung gang perempatan jembatan'
).split(' ');
const STREETS = ['Jl. Merdeka', 'Jl. Sudirman', 'Jl. Demang Lebar Daun', 'Jl. Kolonel Atmo', 'Jl. Basuki Rahmat', 'Jl. Veteran', 'Jl. Angkatan 45', 'Jl. R. Sukamto', 'Jl. Mayor Ruslan', 'Lorong Sepakat'];
// what reporters type on page 1: some like many open reports, some like none
const TEXTS = [
  'Jalan berlubang parah di depan pasar, sudah lama tidak diperbaiki, motor sering jatuh',
  'Sampah menumpuk dan bau busuk di ujung gang, tidak diangkut seminggu',
  'Lampu jalan mati di perempatan, gelap dan rawan malam hari',
  'Saluran drainase tersumbat, air meluap ke jalan setiap hujan deras',
  'Kucing tetangga berisik sekali setiap subuh mengganggu tidur',
];

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const SPACE = 31n ** 8n;
const MULT = 2654435761n;
const code = (i: number) => sql`substr(${ALPHABET}, ((((g::bigint * ${MULT.toString()}::bigint) % ${SPACE.toString()}::bigint) / ${(31n ** BigInt(i)).toString()}::bigint) % 31)::int + 1, 1)`;
const publicId = sql`'PGD-' || ${code(0)} || ${code(1)} || ${code(2)} || ${code(3)} || '-' || ${code(4)} || ${code(5)} || ${code(6)} || ${code(7)}`;
const word = (salt: number) => sql`(${WORDS}::text[])[1 + ((g::bigint * ${salt} + g / ${salt % 17 + 3}) % ${WORDS.length})::int]`;

const kelIds = kel.map((k) => k.id);
const kecOf = kel.map((k) => k.kec);
const now = ctx.clock.now();

async function seed(from: number, to: number) {
  await inBatches(from, to, async (lo, hi) => {
    await sql`
      insert into pengaduan_complaints (public_id, category_code, title, description, kecamatan_id, kelurahan_id, address, lat, lng, anonim, rahasia,
        reporter_name, channel, state, rejection_reason, routed_unit_id, supervisor_unit_id, verify_due_at, follow_up_due_at, auto_close_at,
        first_response_at, resolved_at, closed_at, followers, created_at, updated_at)
      select ${publicId}, x.cat, '',
        initcap(${word(7)}) || ' ' || ${word(13)} || ' ' || ${word(29)} || ' ' || ${word(31)} || ' ' || ${word(37)} || ' ' || ${word(41)} || ' ' ||
          ${word(43)} || ' ' || ${word(47)} || ', ' || ${word(53)} || ' ' || ${word(59)} || ' ' || ${word(61)} || ' ' || ${word(67)} || ' ' || ${word(71)} || '.',
        x.kec, x.kel, (${STREETS}::text[])[1 + g % ${STREETS.length}] || ' No. ' || (g % 200 + 1),
        -2.99 + ((g * 37) % 1000) / 5000.0, 104.70 + ((g * 53) % 1000) / 5000.0, g % 5 = 0, g % 33 = 0,
        case when g % 5 = 0 then null else 'Pelapor ' || g end, (array['web', 'web', 'web', 'call_center', 'whatsapp', 'counter', 'sms', 'lapor'])[1 + g % 8],
        s.state, case when s.state = 'rejected' then 'not_complaint' end, x.kel, x.kec,
        x.at + interval '3 days', x.at + interval '8 days', case when s.state = 'resolved' then x.at + interval '18 days' end,
        case when s.state <> 'received' then x.at + make_interval(hours => 2 + (g % 90)) end,
        case when s.state in ('resolved', 'closed') then x.at + make_interval(hours => 24 + (g % 300)) end,
        case when s.state = 'closed' then x.at + make_interval(hours => 300 + (g % 300)) end,
        (g % 7 = 0)::int * (g % 4), x.at, x.at + interval '1 day'
      from generate_series(${lo}::int, ${hi}::int) g
      cross join lateral (select ((g * 7 + g / 13) % ${kelIds.length}) + 1 as i) pick
      cross join lateral (select
        (${kelIds}::bigint[])[pick.i] as kel, (${kecOf}::bigint[])[pick.i] as kec,
        (${cats}::text[])[1 + (g * 11 + g / 7) % ${cats.length}] as cat,
        ${now}::timestamptz - make_interval(mins => ((g::bigint * 104729) % (1095 * 1440))::int) as at,
        ((g::bigint * 7919) % 100)::int as r) x
      cross join lateral (select case
        when x.at < ${now}::timestamptz - interval '30 days' then (case when x.r < 70 then 'closed' when x.r < 85 then 'resolved' else 'rejected' end)
        else (case when x.r < 20 then 'received' when x.r < 35 then 'verified' when x.r < 50 then 'dispositioned' when x.r < 65 then 'in_progress'
          when x.r < 72 then 'follow_up_reported' when x.r < 78 then 'validated' when x.r < 82 then 'reopened' when x.r < 92 then 'resolved' else 'rejected' end) end as state) s`.execute(db);
  });
}

// a kecamatan with reports: the first kelurahan's; a filter and lookups spread over several
const kecs = [...new Set(kel.map((k) => Number(k.kec)))];
const kecCode = kel[0].kec_code;
const reporter = new Client(app, '10.3.0.1');
// a signed-in citizen: every list request is rendered (anonymous visitors share a 5 s page cache,
// platform/http/page-cache.ts, which would hide the work a cache miss pays)
const citizen = new Client(app, '10.3.0.2');
await signInAs({ ctx, app } as unknown as TestApp, citizen, { kind: 'citizen', name: 'Warga Bench' });

async function expectOk(res: Response, what: string, needle?: string) {
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${what}: HTTP ${res.status}`);
  if (needle && !body.includes(needle)) throw new Error(`${what}: the page does not show ${needle}`);
}

async function measure(): Promise<Record<string, Timing>> {
  await analyze(ctx, ['pengaduan_complaints']);
  const out: Record<string, Timing> = {};
  const lookup = (i: number) => ({ text: TEXTS[i % TEXTS.length], kecamatanId: kecs[i % kecs.length], categoryCode: cats[i % Math.min(4, cats.length)] });
  out['similarOpen() (the duplicate lookup)'] = await time((i) => similarOpen(db, lookup(i)));
  await reporter.get('/pengaduan/baru');
  out['POST /pengaduan/baru (page 2 with similar reports)'] = await time(async (i) => {
    const l = lookup(i);
    const res = await reporter.post('/pengaduan/baru', { kategori: l.categoryCode, kecamatan: String(l.kecamatanId), kelurahan: '', uraian: l.text });
    await expectOk(res, 'page 2');
  });
  out['publicList() page 1'] = await time(() => publicList(db, { limit: 21 }));
  out['GET /pengaduan (public list, page 1)'] = await time(async () => expectOk(await citizen.get('/pengaduan'), 'list'));
  out['GET /pengaduan?hal=20'] = await time(async () => expectOk(await citizen.get('/pengaduan?hal=20'), 'list page 20'));
  out['GET /pengaduan?kecamatan='] = await time(async () => expectOk(await citizen.get(`/pengaduan?kecamatan=${kecCode}`), 'list by kecamatan'));
  out['GET /pengaduan?kategori=&status=in_progress'] = await time(async () =>
    expectOk(await citizen.get(`/pengaduan?kategori=${cats[1 % cats.length]}&status=in_progress`), 'list by category and state'));
  out['unitFigures() (the list\'s per-unit figures, a year)'] = await time(() => unitFigures(ctx, { from: new Date(ctx.clock.now().getTime() - 365 * 86_400_000), to: ctx.clock.now() }));
  return out;
}

const counts = async () => {
  const r = await sql<{ n: string; open: string; public: string }>`
    select count(*) as n, count(*) filter (where state not in ('rejected', 'resolved', 'closed')) as open, count(*) filter (where not rahasia) as public
    from pengaduan_complaints`.execute(db);
  return r.rows[0];
};

console.log(`pengaduan at scale on PostgreSQL: ${kel.length} kelurahan/desa in ${kecs.length} kecamatan, ${cats.length} categories, ${RUNS} timed runs per use case`);
await elapsed(`seeded ${SMALL.toLocaleString('en-US')} complaints`, () => seed(1, SMALL));
let c = await counts();
console.log(`  ${Number(c.n).toLocaleString('en-US')} complaints, ${c.open} open, ${c.public} public`);
const small = await measure();
await elapsed(`seeded up to ${LARGE.toLocaleString('en-US')} complaints`, () => seed(SMALL + 1, LARGE));
c = await counts();
console.log(`  ${Number(c.n).toLocaleString('en-US')} complaints, ${c.open} open, ${c.public} public`);
const large = await measure();

report(`p95 with ${LARGE.toLocaleString('en-US')} complaints against ${SMALL.toLocaleString('en-US')} (in-process):`,
  Object.keys(small).map((name) => ({ name, small: small[name], large: large[name] })));

await b.close();
