// The access matrix: every route of the full app (whatever modules are installed), requested by
// every kind of actor — anonymous, two citizens, and each staff role held at kelurahan X, at its
// sibling Y, at their kecamatan and at the region. Route parameters are filled with real values:
// for scoped parameters, one thing inside X and one inside Y. The walker knows no module; a module
// added later is covered by being in app.routes. What it asserts:
//   - nobody ever gets a 500;
//   - anonymous visitors reach only the public pages the manifests declare (paths.public, and the
//     platform's own); the staff area and modules' private pages (paths.private) send them to the
//     sign-in page their manifests declare;
//   - citizens never reach a /petugas page (403);
//   - a role held at X opens X's pages exactly when the same role at the region does, and never
//     opens Y's (403/404);
//   - POSTs with a valid CSRF token and a garbage form never write to the audit trail for anyone
//     not allowed to act (anonymous, citizens, staff at X acting on Y);
//   - no route hands out a stored file's bytes, or stores an uploaded file, without going through
//     an allowed serveFile/parseUpload in that request (platform/files reports each to filesProbe):
//     an upload or download route that skips authorize fails here. The files test module
//     (platform/files/test-fixtures.ts) takes part so that there is a file to find.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoles, type Role } from '../../src/platform/access/can.ts';
import { sha256 } from '../../src/platform/crypto.ts';
import { tokenFor } from '../../src/platform/http/csrf.ts';
import { isOpenStaffPath } from '../../src/platform/auth/staff-area.ts';
import { isPrivatePath, isPublicPath, isStaffArea, pathTable, type PathTable } from '../../src/platform/http/paths.ts';
import { createTestApp, Client, type TestApp } from '../helpers.ts';
import { defineModule } from '../../src/platform/module.ts';
import { fileStore, filesProbe, type FilesProbeEvent } from '../../src/platform/files/index.ts';
import { fileTestModule, png, uploadAs } from '../../src/platform/files/test-fixtures.ts';
import { signInAs } from '../auth-helpers.ts';
// eslint-disable-next-line gapura/boundaries -- staff's test fixtures, not its runtime surface (module.ts)
import { allModulesWithStaff, makeStaff, testUnits, type TestUnits } from '../../src/modules/staff/test-fixtures.ts';


/** platform_admin (Diskominfo) acts everywhere by design, wherever the role is recorded; every
 *  other role (the modules' included) is bound to the subtree of the unit it is held in. */
let SCOPED_ROLES: Role[] = [];

type Tag = 'x' | 'y' | 'none';
interface Candidate { value: string; tag: Tag }

let t: TestApp;
let u: TestUnits;
/** public, private and sign-in paths, from the manifests */
let paths: PathTable;
/** param name (optionally only on paths matching) → values inside X and inside Y */
let scoped: { path?: RegExp; param: RegExp; x: string; y: string }[];

interface Actor { label: string; role?: Role; at?: 'kelX' | 'kelY' | 'kec' | 'region'; citizen?: boolean; sid?: string; userId?: number }
const actors: Actor[] = [];
const CSRF_SEED = 'matrix-csrf-seed-0123456789abcdef';
/** the test file module's second route reads under another module's permission */
const otherFiles = defineModule({ id: 'othertest', permissions: { 'othertest.read': { public: true } } });
/** a file citizen A uploaded, and the bytes of every stored object */
let fileId = '';
let storedObjects: Buffer[] = [];
/** what platform/files reported during the last request */
let fileEvents: FilesProbeEvent[] = [];
filesProbe.listener = (e) => fileEvents.push(e);

beforeAll(async () => {
  t = await createTestApp({ modules: [...(await allModulesWithStaff()), fileTestModule, otherFiles] });
  u = await testUnits(t.ctx.db);
  paths = pathTable(t.ctx.modules);
  const staffX = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'officer', unitId: u.kelX.id }] });
  const staffY = await makeStaff(t.ctx.db, t.ctx.config.secret, { grants: [{ role: 'officer', unitId: u.kelY.id }] });
  const grantOf = async (id: number) => String((await t.ctx.db.selectFrom('role_grants').select('id').where('user_id', '=', id).executeTakeFirstOrThrow()).id);
  scoped = [
    { path: /^\/petugas\/staf\//, param: /^id$/, x: String(staffX.id), y: String(staffY.id) },
    { path: /^\/petugas\/staf\//, param: /^grantId$/, x: await grantOf(staffX.id), y: await grantOf(staffY.id) },
    { param: /^(code|unitCode|unit_code)$/, x: u.kelX.code, y: u.kelY.code },
    { param: /^(unitId|unit_id|unit)$/, x: String(u.kelX.id), y: String(u.kelY.id) },
  ];

  actors.push({ label: 'anonymous' });
  for (const name of ['citizen A', 'citizen B']) {
    const c = new Client(t.app);
    const userId = await signInAs(t, c, { kind: 'citizen', name });
    actors.push({ label: name, citizen: true, sid: c.cookies.get('gapura_sid'), userId });
    if (!fileId) fileId = (await uploadAs(t, c, 'photo', [{ name: 'a.png', bytes: await png() }])).body.files[0].id as string;
  }
  const store = fileStore(t.ctx.config);
  storedObjects = await Promise.all((await store.list()).map(async (k) => (await store.get(k))!));
  expect(storedObjects.length).toBeGreaterThan(0);
  const units = { kelX: u.kelX, kelY: u.kelY, kec: u.kec, region: u.region };
  SCOPED_ROLES = allRoles().filter((r) => r !== 'platform_admin');
  for (const role of allRoles()) {
    for (const at of ['kelX', 'kelY', 'kec', 'region'] as const) {
      const c = new Client(t.app);
      const userId = await signInAs(t, c, { kind: 'staff', grants: [{ role, unitCode: units[at].code }] });
      actors.push({ label: `${role}@${at}`, role, at, sid: c.cookies.get('gapura_sid'), userId });
    }
  }
});
afterAll(() => t.close());

/** Concrete paths for a route pattern, each with the scope its values belong to. */
function expand(pattern: string): { path: string; tag: Tag }[] {
  const params = [...pattern.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]);
  if (!params.length) return [{ path: pattern, tag: 'none' }];
  const options = (param: string): Candidate[] => {
    const s = scoped.find((s) => s.param.test(param) && (!s.path || s.path.test(pattern)));
    if (s) return [{ value: s.x, tag: 'x' }, { value: s.y, tag: 'y' }, { value: '999999999', tag: 'none' }];
    if (/date/i.test(param)) return [{ value: '2026-08-17', tag: 'none' }, { value: 'bukan-tanggal', tag: 'none' }];
    if (param === 'lang') return [{ value: 'en', tag: 'none' }];
    if (param === 'id' && /berkas|lain/.test(pattern)) return [{ value: fileId, tag: 'none' }, { value: '999999999', tag: 'none' }];
    return [{ value: '1', tag: 'none' }, { value: '999999999', tag: 'none' }, { value: 'x%27%22', tag: 'none' }];
  };
  let combos: { path: string; tag: Tag }[] = [{ path: pattern, tag: 'none' }];
  for (const p of params) {
    combos = combos.flatMap((c) =>
      options(p).map((o) => ({ path: c.path.replace(`:${p}`, o.value), tag: o.tag !== 'none' ? o.tag : c.tag })),
    );
  }
  return combos.slice(0, 6);
}

async function request(actor: Actor, method: string, path: string, opts: { upload?: boolean } = {}) {
  fileEvents = [];
  const headers: Record<string, string> = { cookie: `gapura_csrf=${CSRF_SEED}` };
  if (actor.sid) {
    // a route such as /keluar may have ended the session: put it back so every request is this actor's
    await t.ctx.db.insertInto('sessions').values({
      id_hash: sha256(actor.sid), user_id: actor.userId!, state: 'active', data: JSON.stringify({ staff: !!actor.role }),
      expires_at: sql<Date>`now() + interval '8 hours'`,
    }).onConflict((oc) => oc.column('id_hash').doNothing()).execute();
    headers.cookie += `; gapura_sid=${actor.sid}`;
  }
  if (method === 'GET') return t.app.request(path, { headers });
  // the token bound to what the request carries: the session, else the pre-session seed
  const _csrf = tokenFor(t.ctx.config.secret, actor.sid ? { sessionIdHash: sha256(actor.sid) } : { seed: CSRF_SEED });
  if (opts.upload) {
    // what a browser's file form sends: the token first, then a picture
    const form = new FormData();
    form.append('_csrf', _csrf);
    form.append('berkas', new File([await png()], 'a.png', { type: 'image/png' }));
    return t.app.request(path, { method: 'POST', body: form, headers });
  }
  // garbage that passes the edge (control characters are refused there, before any handler)
  const body = new URLSearchParams({ _csrf, garbage: '\u200bx\ufffd<>"\''.repeat(3), id: '-1', unit: 'abc' });
  return t.app.request(path, { method: 'POST', body: body.toString(), headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } });
}

const fileCount = async () => Number((await t.ctx.db.selectFrom('files').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const auditCount = async () => Number((await t.ctx.db.selectFrom('audit_log').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const isStaffPage = (p: string) => isStaffArea(p) && !isOpenStaffPath(paths, p);
/** a module's private page outside the staff area (e.g. /akun): needs a signed-in citizen */
const isAccountPage = (p: string) => !isStaffArea(p) && isPrivatePath(paths, p);
/** a redirect to a sign-in page; `back`: carrying ?kembali= to return to */
const signInRedirect = (loc: string, back = true) =>
  [paths.signIn.citizen, paths.signIn.staff].some((s) => s && (loc.startsWith(`${s}?kembali=`) || (!back && (loc === s || loc.startsWith(`${s}?`)))));

function routes(method: string) {
  const seen = new Set<string>();
  return t.app.routes
    .filter((r) => r.method === method && !r.path.includes('*'))
    .map((r) => r.path)
    .filter((p) => {
      if (seen.has(p)) return false;
      seen.add(p);
      return true;
    });
}

describe('access matrix', () => {
  it('finds the sign-in pages and a route for every public path the manifests declare', () => {
    expect(paths.signIn.citizen && paths.signIn.staff).toBeTruthy();
    const get = routes('GET');
    expect(paths.public.filter((p) => !get.some((r) => r === p || r.startsWith(p === '/' ? '/\0' : `${p}/`)))).toEqual([]);
  });

  it('GET: public pages only for anonymous, no /petugas for citizens, X never opens Y, nothing 500s', { timeout: 300_000 }, async () => {
    const problems: string[] = [];
    const status = new Map<string, number>(); // `${actor}|${path}` → status
    for (const pattern of routes('GET')) {
      for (const { path } of expand(pattern)) {
        for (const a of actors) {
          const res = await request(a, 'GET', path);
          status.set(`${a.label}|${path}`, res.status);
          const where = `GET ${path} as ${a.label} → ${res.status}`;
          if (res.status >= 500) problems.push(`${where} (server error)`);
          if (a.label === 'anonymous') {
            if (isStaffPage(pattern) || isAccountPage(pattern)) {
              const loc = res.headers.get('location') ?? '';
              if (res.status !== 303 || !signInRedirect(loc)) problems.push(`${where} (should redirect to sign-in, got ${loc})`);
            } else if (!isPublicPath(paths, pattern) && !isOpenStaffPath(paths, pattern) && res.status === 200) {
              problems.push(`${where} (not public: declare it in its module's paths.public if it is meant to be)`);
            }
          }
          if (a.citizen && isStaffPage(pattern) && res.status !== 403) problems.push(`${where} (citizens must get 403)`);
          if (res.status === 200) {
            const body = Buffer.from(await res.arrayBuffer());
            if (storedObjects.some((o) => o.equals(body)) && !fileEvents.some((e) => e.op === 'serve' && e.allowed))
              problems.push(`${where} handed out a stored file without an allowed serveFile (authorize)`);
          }
        }
      }
    }
    // Scope: per role, X's page opens for X exactly when it opens for the region; Y's never opens for X.
    for (const pattern of routes('GET').filter(isStaffPage)) {
      const combos = expand(pattern);
      for (const role of SCOPED_ROLES) {
        for (const { path, tag } of combos) {
          const region = status.get(`${role}@region|${path}`);
          const atX = status.get(`${role}@kelX|${path}`);
          const atY = status.get(`${role}@kelY|${path}`);
          if (tag === 'x' && region === 200 && atX !== 200) problems.push(`GET ${path}: ${role}@kelX gets ${atX} for its own unit (region gets 200)`);
          if (tag === 'y' && atX === 200) problems.push(`GET ${path}: ${role}@kelX opens unit Y's page`);
          if (tag === 'x' && atY === 200) problems.push(`GET ${path}: ${role}@kelY opens unit X's page`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('POST with a valid token and a garbage form: no 500, and no audited change by anyone not allowed', { timeout: 300_000 }, async () => {
    const problems: string[] = [];
    for (const pattern of routes('POST')) {
      for (const { path, tag } of expand(pattern)) {
        for (const a of actors) {
          const before = await auditCount();
          const res = await request(a, 'POST', path);
          const grew = (await auditCount()) - before;
          const where = `POST ${path} as ${a.label} → ${res.status}`;
          if (res.status >= 500) problems.push(`${where} (server error)`);
          const forbidden = [401, 403, 404].includes(res.status) || (res.status === 303 && signInRedirect(res.headers.get('location') ?? '', false));
          const outsider = a.label === 'anonymous' || !!a.citizen;
          if (grew && (forbidden || (outsider && isStaffPage(pattern)))) problems.push(`${where} wrote ${grew} audit entr(ies) though not allowed`);
          const scopedRole = !!a.role && SCOPED_ROLES.includes(a.role);
          if (grew && scopedRole && a.at === 'kelX' && tag === 'y') problems.push(`${where} changed unit Y's data from kelurahan X`);
          if (grew && scopedRole && a.at === 'kelY' && tag === 'x') problems.push(`${where} changed unit X's data from kelurahan Y`);
          if (outsider && isStaffPage(pattern) && (a.label === 'anonymous' ? res.status !== 303 : res.status !== 403)) problems.push(`${where} (outsiders are kept out of /petugas)`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('POST a picture as multipart: no route stores a file without an allowed parseUpload', { timeout: 300_000 }, async () => {
    const problems: string[] = [];
    const outsiders = actors.filter((a) => a.label === 'anonymous' || a.label === 'citizen B');
    for (const pattern of routes('POST')) {
      for (const { path } of expand(pattern)) {
        for (const a of outsiders) {
          const before = await fileCount();
          const res = await request(a, 'POST', path, { upload: true });
          const where = `POST ${path} (multipart) as ${a.label} → ${res.status}`;
          if (res.status >= 500) problems.push(`${where} (server error)`);
          if ((await fileCount()) > before && !fileEvents.some((e) => e.op === 'upload' && e.allowed))
            problems.push(`${where} stored a file without an allowed parseUpload (authorize)`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
