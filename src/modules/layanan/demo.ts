// Demo staff for a first start outside production: an officer of a second kelurahan ('petugas.lain'),
// next to the staff module's 'petugas' (the first kelurahan by code, preferably in the same kecamatan),
// so one can see that an officer reads only the applications of their own unit. Printed once in the
// staff module's format ("Staff (role, unit): email  password: …"), after the staff module's lines.
import { randomInt } from 'node:crypto';
import { recordAudit, systemActor } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { demoKelurahan, insertDemoStaff, staffEmailTaken } from './staff-apps-repo.ts';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export async function layananDemo(ctx: AppContext): Promise<string[]> {
  const [first, ...rest] = await demoKelurahan(ctx.db);
  const other = rest.find((k) => k.parent_id === first?.parent_id) ?? rest[0];
  if (!first || !other) return [];
  const email = `petugas.lain@${(await ctx.region()).slug || 'gapura'}.gapura.test`;
  if (await staffEmailTaken(ctx.db, email)) return [];
  const password = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (tx) => {
    const id = await insertDemoStaff(tx, { name: `Petugas ${other.name} (demo)`, email, passwordHash, role: 'officer', unitId: Number(other.id) });
    await recordAudit(tx, systemActor('demo'), { action: 'layanan.demo_staff.created', subjectType: 'user', subjectId: id, unitId: Number(other.id), after: { role: 'officer' } });
  });
  return [`Staff (officer, ${other.name}): ${email}  password: ${password}`];
}
