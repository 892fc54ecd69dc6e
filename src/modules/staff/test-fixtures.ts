// Test support for staff tests: a small unit tree (taken from the loaded region pack when there is
// one, otherwise inserted), and staff members made through the real service.
import type { Role } from '../../platform/access/can.ts';
import { systemActor } from '../../platform/audit/audit.ts';
import { sealSecret, newTotpSecret } from '../../platform/auth/totp.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import type { DB } from '../../platform/db/index.ts';
import { createStaff } from './service.ts';

export interface TestUnit { id: number; code: string; path: string; name: string }
export interface TestUnits {
  region: TestUnit;
  /** a kecamatan with two kelurahan X and Y */
  kec: TestUnit; kelX: TestUnit; kelY: TestUnit;
  /** another kecamatan with kelurahan Z */
  kec2: TestUnit; kelZ: TestUnit;
}

async function insertUnit(db: DB, code: string, kind: 'region' | 'kecamatan' | 'kelurahan', name: string, parent?: TestUnit): Promise<TestUnit> {
  const existing = await db.selectFrom('units').select(['id', 'code', 'path', 'name']).where('code', '=', code).executeTakeFirst();
  if (existing) return { ...existing, id: Number(existing.id) };
  const row = await db.insertInto('units').values({ code, kind, name, parent_id: parent?.id ?? null, path: '' }).returning('id').executeTakeFirstOrThrow();
  const path = `${parent?.path ?? '/'}${row.id}/`;
  await db.updateTable('units').set({ path }).where('id', '=', row.id).execute();
  return { id: Number(row.id), code, path, name };
}

export async function testUnits(db: DB): Promise<TestUnits> {
  const pick = (r: { id: number; code: string; path: string; name: string } | undefined) => (r ? { ...r, id: Number(r.id) } : undefined);
  // Prefer the region pack's own units, chosen by kind
  const kecs = await db.selectFrom('units as k').select(['k.id', 'k.code', 'k.path', 'k.name'])
    .where('k.kind', '=', 'kecamatan').where('k.active', '=', true)
    .where((eb) => eb(eb.selectFrom('units as c').select(eb.fn.countAll().as('n')).whereRef('c.parent_id', '=', 'k.id').where('c.kind', '=', 'kelurahan'), '>=', 2))
    .orderBy('k.code').limit(2).execute();
  const region = pick(await db.selectFrom('units').select(['id', 'code', 'path', 'name']).where('kind', '=', 'region').orderBy('id').executeTakeFirst());
  if (region && kecs.length === 2) {
    const kids = async (k: { id: number }) => db.selectFrom('units').select(['id', 'code', 'path', 'name']).where('parent_id', '=', k.id).where('kind', '=', 'kelurahan').orderBy('code').limit(2).execute();
    const [a, b] = await kids(kecs[0]);
    const [z] = await kids(kecs[1]);
    return { region, kec: pick(kecs[0])!, kelX: pick(a)!, kelY: pick(b)!, kec2: pick(kecs[1])!, kelZ: pick(z)! };
  }
  const r = region ?? (await insertUnit(db, '99.01', 'region', 'Kota Uji'));
  const kec = await insertUnit(db, `${r.code}.91`, 'kecamatan', 'Kecamatan Satu', r);
  const kec2 = await insertUnit(db, `${r.code}.92`, 'kecamatan', 'Kecamatan Dua', r);
  return {
    region: r, kec, kec2,
    kelX: await insertUnit(db, `${kec.code}.1001`, 'kelurahan', 'Kelurahan Iks', kec),
    kelY: await insertUnit(db, `${kec.code}.1002`, 'kelurahan', 'Kelurahan Ye', kec),
    kelZ: await insertUnit(db, `${kec2.code}.1001`, 'kelurahan', 'Kelurahan Zet', kec2),
  };
}

let counter = 0;

export async function makeStaff(
  db: DB,
  appSecret: string,
  opts: { grants: { role: Role; unitId: number }[]; password?: string; mustChange?: boolean; totp?: boolean; email?: string; name?: string },
): Promise<{ id: number; email: string; password: string; totpSecret?: string }> {
  counter += 1;
  const email = opts.email ?? `staf${counter}.${Date.now()}@uji.gapura.test`;
  const password = opts.password ?? 'kuda-laut-berenang-pagi';
  const totpSecret = opts.totp ? newTotpSecret() : undefined;
  const passwordHash = await hashPassword(password);
  const id = await db.transaction().execute(async (tx) => {
    const id = await createStaff(tx, systemActor('test'), { name: opts.name ?? `Staf Uji ${counter}`, email, passwordHash, mustChange: !!opts.mustChange, grants: opts.grants });
    if (totpSecret) await tx.updateTable('users').set({ totp_secret_encrypted: sealSecret(appSecret, totpSecret), totp_enabled_at: new Date() }).where('id', '=', id).execute();
    return id;
  });
  return { id, email, password, totpSecret };
}

/** Every module of the build, with this one included (whether or not index.ts lists it yet). */
export async function allModulesWithStaff() {
  const { modules } = await import('../index.ts');
  const { staffModule } = await import('./module.ts');
  return modules.some((m) => m.id === 'staff') ? modules : [...modules, staffModule];
}
