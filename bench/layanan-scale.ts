// `npm run bench:layanan-scale`: the officer queue (GET /petugas/permohonan as an officer of one
// kelurahan: the page of open applications, the per-state counts, the total for paging, the service
// filter) and /lacak (POST number + PIN: the rate-limit checks, the lookup, the timeline) with 10,000
// and then 1,000,000 applications in the database. Target (issue 8): p95 at 1M at most 2× the p95 at 10k.
//
// The rows are seeded with INSERT … SELECT generate_series into the bench's own throwaway database
// (first 10,000, measured; then up to 1,000,000, measured again), spread over every kelurahan and
// service and over three years of submissions: the older ones issued or rejected (a few left
// returned), those of the last 30 days open in every state. Sealed columns hold the sealed values of
// one real submission (submitApplication); the sampled applications /lacak opens get a real PIN hash.
// Each application has its submit step, a decided one its decision step. Measured through the real
// HTTP handlers in-process (app.request with a signed-in officer's session), after VACUUM ANALYZE.
// DATABASE_URL: a server where a throwaway database may be created (else a throwaway server is
// started here). Reports; never fails on a missed target. BENCH_RUNS (200), BENCH_LARGE (1000000),
// BENCH_KEEP (keep the database for EXPLAIN).
import { sql } from 'kysely';
import { hmac } from '../src/platform/crypto.ts';
import { systemActor } from '../src/platform/audit/audit.ts';
import { submitApplication } from '../src/modules/layanan/module.ts';
import { Client, type TestApp } from '../test/helpers.ts';
import { signInAs } from '../test/auth-helpers.ts';
import { analyze, boot, elapsed, inBatches, LARGE, report, RUNS, SMALL, time, type Timing } from './scale.ts';

const b = await boot('layanan-scale');
const { ctx, app } = b;
const db = ctx.db;
const secret = ctx.config.secret;

const kelurahan = await db.selectFrom('units').select(['id', 'code']).where('kind', 'in', ['kelurahan', 'desa']).orderBy('code').execute();
const services = await db.selectFrom('layanan_services').select(['id', 'slug']).where('active', '=', true).orderBy('id').execute();
if (!kelurahan.length || !services.length) throw new Error('the region pack has no kelurahan or no active service');

// one real submission: its sealed NIK, answers and PIN are copied into every seeded row
const real = await submitApplication(ctx, {
  serviceSlug: 'surat-keterangan-domisili', unitId: kelurahan[0].id, userId: null,
  applicant: { name: 'Warga Uji Skala', nik: '1671014501900001' }, answers: { alamat: 'Jl. Merdeka No. 1', keperluan: 'Administrasi bank' },
  channel: 'online', actor: systemActor('bench'), idempotencyKey: 'bench-scale-template',
});
const template = await db.selectFrom('layanan_applications').selectAll().where('id', '=', real.id).executeTakeFirstOrThrow();

// tracking numbers: g scattered over the 31^8 codes (a bijection, so unique), spelled in the number alphabet
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const SPACE = 31n ** 8n;
const MULT = 2654435761n;
const trackingOf = (g: number) => {
  let x = (BigInt(g) * MULT) % SPACE;
  let s = '';
  for (let i = 0; i < 8; i++) { s += ALPHABET[Number(x % 31n)]; x /= 31n; }
  return `LYN-${s.slice(0, 4)}-${s.slice(4)}`;
};
const code = (i: number) => sql`substr(${ALPHABET}, ((((g::bigint * ${MULT.toString()}::bigint) % ${SPACE.toString()}::bigint) / ${(31n ** BigInt(i)).toString()}::bigint) % 31)::int + 1, 1)`;
const tracking = sql`'LYN-' || ${code(0)} || ${code(1)} || ${code(2)} || ${code(3)} || '-' || ${code(4)} || ${code(5)} || ${code(6)} || ${code(7)}`;

const kelIds = kelurahan.map((k) => k.id);
const svcIds = services.map((s) => s.id);
const now = ctx.clock.now();
const seeded = { lastId: 0 };

async function seed(from: number, to: number) {
  await inBatches(from, to, async (lo, hi) => {
    // age: 0…1095 days (a pseudo-random spread, the same at every size); r: 0…99 picks the state
    await sql`
      insert into layanan_applications (tracking_number, pin_hash, pin_sealed, service_id, unit_id, current_unit_id, user_id, applicant_name,
        applicant_nik_hash, applicant_nik_sealed, answers_sealed, channel, filed_by, state, due_at, returned_at, submit_key, submitted_at, decided_at, updated_at)
      select ${tracking}, md5('pin' || g), ${template.pin_sealed}, s.svc, s.kel, s.kel, null, 'Warga ' || g,
        md5('nik' || g), ${template.applicant_nik_sealed}, ${template.answers_sealed}, case when g % 5 = 0 then 'counter' else 'online' end, null,
        s.state, s.at + interval '7 days', case when s.state = 'returned' then s.at + interval '2 days' end, 'seed-' || g, s.at,
        case when s.state in ('issued', 'rejected') then s.at + interval '3 days' end, s.at + interval '1 day'
      from generate_series(${lo}::int, ${hi}::int) g
      cross join lateral (select
        (${kelIds}::int[])[1 + (g * 7 + g / 13) % ${kelIds.length}] as kel,
        (${svcIds}::int[])[1 + (g * 11 + g / 7) % ${svcIds.length}] as svc,
        ${now}::timestamptz - make_interval(mins => ((g::bigint * 104729) % (1095 * 1440))::int) as at,
        ((g::bigint * 7919) % 100)::int as r) x
      cross join lateral (select x.kel, x.svc, x.at, case
        when x.at < ${now}::timestamptz - interval '30 days' then (case when x.r < 80 then 'issued' when x.r < 96 then 'rejected' else 'returned' end)
        else (case when x.r < 35 then 'submitted' when x.r < 55 then 'verified' when x.r < 65 then 'approved' when x.r < 70 then 'returned'
          when x.r < 95 then 'issued' else 'rejected' end) end as state) s`.execute(db);
  });
  // the timeline: the submit step of each, the decision of the decided ones
  await sql`
    insert into layanan_steps (application_id, action, from_state, to_state, unit_id, actor_id, actor_role, note, at)
    select id, 'submit', null::text, 'submitted', unit_id, null::bigint, null::text, '', submitted_at from layanan_applications where submit_key like 'seed-%' and id > ${seeded.lastId}
    union all
    select id, case state when 'issued' then 'issue' when 'rejected' then 'reject' else 'return' end, 'submitted', state, unit_id, null, 'verifier', '', coalesce(decided_at, returned_at)
      from layanan_applications where submit_key like 'seed-%' and id > ${seeded.lastId} and state in ('issued', 'rejected', 'returned')`.execute(db);
  seeded.lastId = (await db.selectFrom('layanan_applications').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m ?? 0;
}

// the applications /lacak opens: a spread of sampled rows, given the PIN 123456
const PIN = '123456';
async function samples(upTo: number): Promise<string[]> {
  const gs = Array.from({ length: 40 }, (_, i) => 1 + Math.floor(((i * 2654435761) % upTo + upTo) % upTo));
  const out: string[] = [];
  for (const g of gs) {
    const t = trackingOf(g);
    const r = await db.updateTable('layanan_applications').set({ pin_hash: hmac(secret, 'layanan.pin', `${t}:${PIN}`) }).where('tracking_number', '=', t).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 1) out.push(t);
  }
  if (!out.length) throw new Error('no sampled application found by its tracking number');
  return out;
}

// the officer of the first kelurahan (as the demo's petugas), signed in with a real session
const t = { ctx, app } as unknown as TestApp;
const officer = new Client(app, '10.1.0.1');
await signInAs(t, officer, { kind: 'staff', name: 'Petugas Bench', grants: [{ role: 'officer', unitCode: kelurahan[0].code }] });
const citizen = new Client(app, '10.2.0.1');

async function expectOk(res: Response, what: string) {
  if (res.status !== 200) throw new Error(`${what}: HTTP ${res.status}`);
  await res.arrayBuffer();
}

async function measure(upTo: number): Promise<Record<string, Timing>> {
  const numbers = await samples(upTo);
  await analyze(ctx, ['layanan_applications', 'layanan_steps']);
  await citizen.get('/lacak');
  const csrf = citizen.csrf();
  const out: Record<string, Timing> = {};
  out['GET /petugas/permohonan (queue, page 1)'] = await time(async () => expectOk(await officer.get('/petugas/permohonan'), 'queue'));
  out['GET /petugas/permohonan?hal=3'] = await time(async () => expectOk(await officer.get('/petugas/permohonan?hal=3'), 'queue page 3'));
  out['GET /petugas/permohonan?status=submitted&layanan='] = await time(async () =>
    expectOk(await officer.get(`/petugas/permohonan?status=submitted&layanan=${services[0].slug}`), 'queue filtered'));
  out['GET /petugas/permohonan?terlambat=1'] = await time(async () => expectOk(await officer.get('/petugas/permohonan?terlambat=1'), 'queue overdue'));
  out['POST /lacak (number + PIN, timeline)'] = await time(async (i) => {
    const res = await citizen.request('/lacak', {
      method: 'POST', body: new URLSearchParams({ _csrf: csrf, nomor: numbers[i % numbers.length], pin: PIN }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await expectOk(res, 'lacak');
  });
  return out;
}

const counts = async () => {
  const r = await sql<{ n: string; open: string; mine: string }>`
    select count(*) as n, count(*) filter (where state in ('submitted', 'verified', 'approved')) as open,
      count(*) filter (where current_unit_id = ${kelurahan[0].id} and state in ('submitted', 'verified', 'approved')) as mine
    from layanan_applications`.execute(db);
  return r.rows[0];
};

console.log(`layanan at scale on PostgreSQL: ${kelurahan.length} kelurahan/desa, ${services.length} services, ${RUNS} timed runs per use case`);
await elapsed(`seeded ${SMALL.toLocaleString('en-US')} applications`, () => seed(1, SMALL - 1));
let c = await counts();
console.log(`  ${Number(c.n).toLocaleString('en-US')} applications, ${c.open} open, ${c.mine} open in the officer's kelurahan`);
const small = await measure(SMALL - 1);
await elapsed(`seeded up to ${LARGE.toLocaleString('en-US')} applications`, () => seed(SMALL, LARGE - 1));
c = await counts();
console.log(`  ${Number(c.n).toLocaleString('en-US')} applications, ${c.open} open, ${c.mine} open in the officer's kelurahan`);
const large = await measure(LARGE - 1);

report(`p95 with ${LARGE.toLocaleString('en-US')} applications against ${SMALL.toLocaleString('en-US')} (HTTP handlers in-process):`,
  Object.keys(small).map((name) => ({ name, small: small[name], large: large[name] })));

await b.close();
