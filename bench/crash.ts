// `npm run bench:crash`: kill -9 of the server during submission load. Is every submission that was
// acknowledged (its tracking number/ID came back) still there after a restart?
//
// The real server (src/main.ts, what `npm start` and `gapura serve` run) is started as a child process
// on 127.0.0.1, in production mode, on a throwaway PostgreSQL database (and then on a PGlite data
// folder). Real HTTP clients drive it, through the same forms a browser submits:
// - layanan: citizens register at /daftar (name, email, NIK, password: signed in at once) and apply
//   for a letter again and again: every step page of /layanan/{slug}/ajukan (kecamatan, kelurahan, the
//   question pages, the attachments as multipart), the check page, the declaration. Acknowledged = the
//   submit answered 303 → …/selesai (the page after it shows the tracking number; the number is kept);
// - pengaduan: anonymous reporters GET /pengaduan/baru (CSRF cookie + token), POST page 1, POST page 2
//   as multipart with the form's idempotency key. Acknowledged = 303 to the follow link with its ID.
// After BENCH_KILL_AFTER seconds of load, at a moment when each module has a final submit in flight,
// the server gets SIGKILL; nothing is shut down cleanly. Then it
// is started again on the same database and data folder and every acknowledged submission is looked
// up through it: applications through each citizen's own /api/v1/applications (its session survives
// the restart), complaints through their follow links. With PostgreSQL the rows are also counted
// directly. Prints "acknowledged N, stored M, lost K" per module; K must be 0 (a lost one is printed).
// Reports; exits 1 only when something acknowledged was lost. Stops by itself; removes its
// processes, database and folders.
// Settings: DATABASE_URL (a server where a throwaway database may be created; else one is started
// here; registration allows 10 accounts per address and hour, so at most 10), BENCH_KILL_AFTER (15 s; then the kill waits until each module has acknowledged some and has a final submit in flight), BENCH_CITIZENS (8), BENCH_REPORTERS (8), BENCH_PGLITE (1: also run
// on PGlite; 0: PostgreSQL only).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkNik } from '../src/modules/accounts/module.ts';
import { minimalPdf, png } from '../src/platform/files/test-fixtures.ts';
import { createThrowawayDatabase, startServer, type RunningServer } from '../test/e2e/server.ts';
import { postgresBinDir, startPostgres, type ThrowawayPostgres } from './postgres.ts';

const KILL_AFTER_S = Number(process.env.BENCH_KILL_AFTER ?? 15);
const CITIZENS = Math.min(10, Number(process.env.BENCH_CITIZENS ?? 8));
const REPORTERS = Number(process.env.BENCH_REPORTERS ?? 8);
const WITH_PGLITE = process.env.BENCH_PGLITE !== '0';
const SERVICE = process.env.BENCH_SERVICE ?? 'surat-keterangan-domisili';
const PASSWORD = 'sungai musi pagi hari';

// ---- a tiny browser: a cookie jar, manual redirects, the forms of a page

class Browser {
  cookies = new Map<string, string>();
  constructor(public base: string) {}
  async request(pathOrUrl: string, init: { method?: string; form?: Record<string, string>; multipart?: FormData; accept?: string } = {}) {
    const headers: Record<string, string> = { 'user-agent': 'gapura-bench-crash', accept: init.accept ?? 'text/html' };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | FormData | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    } else if (init.multipart) body = init.multipart;
    const t0 = Date.now();
    const res = await fetch(new URL(pathOrUrl, this.base), { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || !value) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    if (process.env.BENCH_TRACE) console.log(`${Date.now() - t0} ms ${init.method ?? (body ? "POST" : "GET")} ${pathOrUrl} ${res.status}`);
    return { status: res.status, location: res.headers.get("location") ?? undefined, text };
  }
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]?.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

interface Form { action?: string; multipart: boolean; fields: { name: string; type: string; value: string; options?: string[]; checked?: boolean }[] }

/** The POST forms of a page, with their inputs, selects and textareas in document order. */
function formsOf(html: string): Form[] {
  const forms: Form[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    if ((attr(m[1], 'method') ?? 'get').toLowerCase() !== 'post') continue;
    const fields: Form['fields'] = [];
    for (const f of m[2].matchAll(/<input\b[^>]*>|<select\b[^>]*>[\s\S]*?<\/select>|<textarea\b[^>]*>[\s\S]*?<\/textarea>/g)) {
      const tag = f[0];
      const open = /^<[^>]*>/.exec(tag)![0];
      const name = attr(open, 'name');
      if (!name) continue;
      if (tag.startsWith('<select')) {
        const options = [...tag.matchAll(/<option\b([^>]*)>/g)].map((o) => attr(o[1], 'value') ?? '');
        const selected = [...tag.matchAll(/<option\b([^>]*)>/g)].find((o) => /\sselected/.test(o[1]));
        fields.push({ name, type: 'select', value: selected ? attr(selected[1], 'value') ?? '' : '', options });
      } else if (tag.startsWith('<textarea')) {
        fields.push({ name, type: 'textarea', value: unescape(tag.replace(/^<textarea\b[^>]*>/, '').replace(/<\/textarea>$/, '')) });
      } else {
        fields.push({ name, type: (attr(open, 'type') ?? 'text').toLowerCase(), value: attr(open, 'value') ?? '', checked: /\schecked/.test(open) });
      }
    }
    forms.push({ action: attr(m[1], 'action'), multipart: /multipart\/form-data/.test(attr(m[1], 'enctype') ?? ''), fields });
  }
  return forms;
}

const csrfOf = (html: string) => {
  const v = formsOf(html).flatMap((f) => f.fields).find((f) => f.name === '_csrf')?.value;
  if (!v) throw new Error('no CSRF token on the page');
  return v;
};

// ---- answers a citizen types: by field name, else by type

const ANSWERS: Record<string, string> = {
  tempat_lahir: 'Palembang', tanggal_lahir: '1990-05-12', pekerjaan: 'Guru', alamat: 'Jl. Sudirman No. 5, RT 03/RW 01',
  lama_tinggal: '3 tahun', keperluan: 'Melamar pekerjaan', jenis_kelamin: 'Perempuan',
};
const answerFor = (f: Form['fields'][number]) => {
  if (f.value && f.type !== 'checkbox' && f.type !== 'radio') return f.value;
  if (ANSWERS[f.name]) return ANSWERS[f.name];
  if (f.type === 'select') return f.options?.find(Boolean) ?? '';
  if (f.type === 'date') return '1990-05-12';
  if (f.type === 'number') return '1';
  if (f.type === 'email') return 'warga@contoh.id';
  if (f.type === 'tel') return '081234567890';
  return 'Uji ketahanan server';
};

// ---- the runs

interface Tally { acknowledged: number; numbers: Set<string>; errors: number; firstError?: string; inFlight: number }
const tally = (): Tally => ({ acknowledged: 0, numbers: new Set(), errors: 0, inFlight: 0 });
const note = (t: Tally, e: unknown) => {
  t.errors++;
  t.firstError ??= e instanceof Error ? e.message : String(e);
};

interface Citizen { browser: Browser; acknowledged: number; numbers: Set<string> }

class Stop extends Error {}

async function run(label: string, env: Record<string, string>, dataDir: string, pg?: { url: string }): Promise<number> {
  try {
    return await runIn(label, env, dataDir, pg);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runIn(label: string, env: Record<string, string>, dataDir: string, pg?: { url: string }): Promise<number> {
  const serverEnv = { GAPURA_ENV: 'production', GAPURA_DEMO: 'false', GAPURA_SECRET: crypto.randomBytes(32).toString('hex'), ...env };
  let server: RunningServer = await startServer({ env: serverEnv, dataDir, timeoutMs: 120_000 });
  const citizens: Citizen[] = [];
  const layanan = tally();
  const pengaduan = tally();
  const complaintLinks = new Set<string>();
  let stopping = false;
  const image = await png();
  const pdf = minimalPdf();
  try {
    // citizens register as anyone does (a Palembang NIK: kecamatan 01, a woman born 22-08-1995)
    for (let i = 0; i < CITIZENS; i++) {
      const b = new Browser(server.url);
      const nik = `167101620895${String(1001 + i)}`;
      if (!checkNik(nik).ok) throw new Error(`bench NIK ${nik} does not pass the checks`);
      const page = await b.request('/daftar');
      const r = await b.request('/daftar', { form: { _csrf: csrfOf(page.text), name: `Warga Uji ${i}`, email: `warga.crash${i}@contoh.id`, nik, password: PASSWORD } });
      if (r.status !== 303) throw new Error(`registration answered ${r.status}`);
      citizens.push({ browser: b, acknowledged: 0, numbers: new Set() });
    }

    const guard = <T>(p: Promise<T>) => p.catch((e: unknown) => { throw stopping ? new Stop() : e; });
    /** the final submit: counted while unanswered, so the report shows how many the kill caught mid-way */
    const submitting = async <T>(t: Tally, p: Promise<T>) => {
      t.inFlight++;
      try {
        return await guard(p);
      } finally {
        if (!stopping) t.inFlight--;
      }
    };

    /** One application through every page of the apply flow; true when acknowledged. */
    const apply = async (c: Citizen) => {
      const b = c.browser;
      let at = `/layanan/${SERVICE}/ajukan`;
      for (let hops = 0; hops < 20; hops++) {
        const res = await guard(b.request(at));
        if (res.status === 303 && res.location) {
          at = res.location;
          continue;
        }
        if (res.status !== 200) throw new Error(`GET ${at} answered ${res.status}`);
        const form = formsOf(res.text).find((f) => (f.action ?? at).includes('/ajukan'));
        if (!form) throw new Error(`no apply form on ${at}`);
        const token = csrfOf(res.text);
        if (at.endsWith('/periksa')) {
          const kunci = form.fields.find((f) => f.name === 'kunci')!.value;
          const done = await submitting(layanan, b.request(form.action ?? at, { form: { _csrf: token, kunci, pernyataan: '1' } }));
          if (done.status !== 303 || !done.location?.endsWith('/selesai')) throw new Error(`submit answered ${done.status} ${done.location ?? ''}`);
          c.acknowledged++;
          layanan.acknowledged++;
          // the number is shown once, on the next page; a kill between the two leaves it unknown (counted per citizen)
          const shown = await guard(b.request(done.location));
          const tracking = /LYN-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/.exec(shown.text)?.[0];
          if (tracking) {
            c.numbers.add(tracking);
            layanan.numbers.add(tracking);
          }
          return;
        }
        const values: [string, string | Blob, string?][] = [['_csrf', token]];
        for (const f of form.fields) {
          if (f.name === '_csrf' || f.type === 'submit' || f.type === 'hidden' && f.name === 'aksi') continue;
          if (f.type === 'file') values.push([f.name, new Blob([new Uint8Array(f.name === 'ktp' ? pdf : image)]), f.name === 'ktp' ? 'ktp.pdf' : `${f.name}.png`]);
          else if (f.type === 'checkbox' || f.type === 'radio') {
            if (!values.some(([n]) => n === f.name)) values.push([f.name, f.value || '1']);
          } else values.push([f.name, answerFor(f)]);
        }
        values.push(['aksi', 'lanjut']);
        let sent;
        if (form.multipart) {
          const fd = new FormData();
          for (const [n, v, file] of values) {
            if (typeof v === 'string') fd.append(n, v);
            else fd.append(n, v, file);
          }
          sent = await guard(b.request(form.action ?? at, { multipart: fd }));
        } else sent = await guard(b.request(form.action ?? at, { form: Object.fromEntries(values.flatMap(([n, v]) => (typeof v === 'string' ? [[n, v]] : []))) }));
        if (sent.status !== 303 || !sent.location) throw new Error(`POST ${at} answered ${sent.status}: ${/<main[\s\S]*?<\/main>/.exec(sent.text)?.[0]?.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 300) ?? ''}`);
        at = sent.location;
      }
      throw new Error('the apply flow did not reach the check page');
    };

    /** One complaint through the two pages of /pengaduan/baru, as an anonymous reporter. */
    const complain = async (i: number) => {
      const b = new Browser(server.url);
      const first = await guard(b.request('/pengaduan/baru'));
      if (first.status !== 200) throw new Error(`GET /pengaduan/baru answered ${first.status}`);
      const one = formsOf(first.text).find((f) => f.fields.some((x) => x.name === 'uraian'))!;
      const kecamatan = one.fields.find((f) => f.name === 'kecamatan')!.options!.find(Boolean)!;
      const kategori = one.fields.find((f) => f.name === 'kategori')!;
      const category = kategori.options?.find(Boolean) ?? kategori.value;
      const answers = { _csrf: csrfOf(first.text), kategori: category, kecamatan, kelurahan: '', uraian: `Lampu jalan mati di gang nomor ${i}, sudah seminggu gelap gulita.` };
      const second = await guard(b.request('/pengaduan/baru', { form: answers }));
      if (second.status !== 200) throw new Error(`POST /pengaduan/baru answered ${second.status}`);
      const two = formsOf(second.text).find((f) => f.multipart)!;
      const kunci = two.fields.find((f) => f.name === 'kunci')!.value;
      const fd = new FormData();
      fd.append('_csrf', csrfOf(second.text)); // first part: the CSRF check reads only a prefix
      for (const [k, v] of Object.entries({ ...answers, alamat: `Gang Mawar ${i}`, privasi: i % 3 === 0 ? 'anonim' : 'biasa', kontak: `pelapor${i}@contoh.id`, kunci })) if (k !== '_csrf') fd.append(k, v);
      const sent = await submitting(pengaduan, b.request(two.action ?? '/pengaduan/baru/kirim', { multipart: fd }));
      const link = sent.location ?? '';
      if (sent.status !== 303 || !/^\/pengaduan\/lacak\/PGD-/.test(link)) throw new Error(`complaint answered ${sent.status} ${link}`);
      pengaduan.acknowledged++;
      const id = /PGD-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/.exec(link)![0];
      pengaduan.numbers.add(id);
      complaintLinks.add(link.replace(/\?.*$/, ''));
    };

    const loop = async (t: Tally, op: () => Promise<void>) => {
      while (!stopping) {
        try {
          await op();
        } catch (e) {
          if (e instanceof Stop || stopping) return;
          note(t, e);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    let n = 0;
    const load = Promise.all([
      // the citizens start apart, so their submits do not all travel at the same moment
      ...citizens.map((c, i) => new Promise((r) => setTimeout(r, i * 400)).then(() => loop(layanan, () => apply(c)))),
      ...Array.from({ length: REPORTERS }, () => loop(pengaduan, () => complain(n++))),
    ]);
    await new Promise((r) => setTimeout(r, KILL_AFTER_S * 1000));
    // the kill lands when each module has had a number back and has a final submit on the wire (waiting at most 60 s more)
    const until = Date.now() + 60_000;
    const ready = (t: Tally) => t.numbers.size > 0 && t.inFlight > 0;
    while (Date.now() < until && !(ready(layanan) && ready(pengaduan))) await new Promise((r) => setTimeout(r, 2));
    // kill -9 in the middle of the load: requests in flight get no answer
    const exited = new Promise((r) => server.child.once('exit', r));
    stopping = true;
    server.child.kill('SIGKILL');
    await exited;
    await load;
    const killedAt = { layanan: layanan.acknowledged, pengaduan: pengaduan.acknowledged };
    const caught = { layanan: layanan.inFlight, pengaduan: pengaduan.inFlight };

    // the same database and data folder, a new process
    server = await startServer({ env: serverEnv, dataDir, timeoutMs: 120_000 });
    const storedApps = new Set<string>();
    let lostUnknown = 0;
    for (const c of citizens) {
      c.browser.base = server.url;
      const r = await c.browser.request('/api/v1/applications', { accept: 'application/json' });
      if (r.status !== 200) throw new Error(`/api/v1/applications after the restart answered ${r.status}`);
      const mine = new Set((JSON.parse(r.text) as { applications: { trackingNumber: string }[] }).applications.map((a) => a.trackingNumber));
      for (const t of mine) storedApps.add(t);
      // acknowledged whose number the kill kept from us: covered only by stored ones we did not know of
      const unknownAcked = c.acknowledged - c.numbers.size;
      const extra = [...mine].filter((t) => !c.numbers.has(t)).length;
      lostUnknown += Math.max(0, unknownAcked - extra);
    }
    const lostApps = [...layanan.numbers].filter((t) => !storedApps.has(t));
    const reader = new Browser(server.url);
    const lostComplaints: string[] = [];
    const links = [...complaintLinks];
    await Promise.all(Array.from({ length: 8 }, async () => {
      for (let l = links.pop(); l; l = links.pop()) {
        const r = await reader.request(l);
        if (r.status !== 200) lostComplaints.push(`${l.split('/')[3]} (${r.status})`);
      }
    }));

    let direct = '';
    if (pg) {
      const pgm = (await import('pg')).default;
      const client = new pgm.Client({ connectionString: pg.url });
      await client.connect();
      const apps = await client.query<{ n: string }>('select count(*) as n from layanan_applications where tracking_number = any($1)', [[...layanan.numbers]]);
      const comps = await client.query<{ n: string }>('select count(*) as n from pengaduan_complaints where public_id = any($1)', [[...pengaduan.numbers]]);
      await client.end();
      direct = ` (rows found directly in PostgreSQL: ${apps.rows[0].n} of ${layanan.numbers.size} application numbers, ${comps.rows[0].n} of ${pengaduan.numbers.size} complaint IDs)`;
    }
    const lostL = lostApps.length + lostUnknown;
    const lostP = lostComplaints.length;
    console.log(`${label}: kill -9 after ${KILL_AFTER_S} s of load, ${CITIZENS} citizens applying and ${REPORTERS} reporters filing${direct}`);
    console.log(`  layanan applications: acknowledged ${killedAt.layanan}, stored ${killedAt.layanan - lostL}, lost ${lostL}` +
      `  (${caught.layanan} submits unanswered at the kill; ${layanan.numbers.size} numbers seen, ${layanan.acknowledged - layanan.numbers.size} acknowledged but cut off before their number page)`);
    console.log(`  pengaduan complaints: acknowledged ${killedAt.pengaduan}, stored ${killedAt.pengaduan - lostP}, lost ${lostP}  (${caught.pengaduan} submits unanswered at the kill)`);
    if (lostApps.length) console.log(`    lost applications: ${lostApps.join(', ')}`);
    if (lostComplaints.length) console.log(`    lost complaints: ${lostComplaints.join(', ')}`);
    for (const [m, t] of [['layanan', layanan], ['pengaduan', pengaduan]] as const) {
      if (t.errors) console.log(`  ${m}: ${t.errors} submissions failed before the kill (not acknowledged), first: ${t.firstError}`);
    }
    if (!killedAt.layanan || !killedAt.pengaduan) console.log('  WARNING: a module acknowledged nothing before the kill: the figure proves nothing for it');
    return lostL + lostP;
  } finally {
    stopping = true;
    await server.stop(); // SIGTERM (SIGKILL after 10 s) and the data folder removed
  }
}

let pgServer: ThrowawayPostgres | undefined;
let admin = process.env.DATABASE_URL;
if (!admin) {
  const bin = postgresBinDir();
  if (!bin) throw new Error('bench:crash needs PostgreSQL: set DATABASE_URL or install the postgresql package');
  pgServer = await startPostgres(bin);
  admin = pgServer.url;
}
let lost = 0;
try {
  const db = await createThrowawayDatabase(admin, 'gapura_bench_crash');
  try {
    lost += await run('PostgreSQL', { DATABASE_URL: db.url }, fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-bench-crash-')), db);
  } finally {
    await db.drop();
  }
  if (WITH_PGLITE) lost += await run('PGlite (data folder)', {}, fs.mkdtempSync(path.join(os.tmpdir(), 'gapura-bench-crash-')));
} finally {
  pgServer?.stop();
}
if (lost) {
  console.log(`LOST ${lost} acknowledged submission(s)`);
  process.exitCode = 1;
}
