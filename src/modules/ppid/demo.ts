// Demo staff for the PPID roles on a first start outside production: the PPID (ppid_officer of the
// region), a PPID pelaksana (ppid_officer of the first OPD) and the atasan PPID (ppid_atasan of the
// region). Printed once in the staff module's format ("Staff (role, unit): email  password: …").
import { randomInt } from 'node:crypto';
import { recordAudit, systemActor } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import type { AppContext } from '../../platform/http/context.ts';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export async function ppidDemo(ctx: AppContext): Promise<string[]> {
  const { db } = ctx;
  const region = await db.selectFrom('units').select(['id', 'name']).where('kind', '=', 'region').where('active', '=', true).orderBy('id').executeTakeFirst();
  const opd = await db.selectFrom('units').select(['id', 'name']).where('kind', '=', 'opd').where('active', '=', true).orderBy('code').executeTakeFirst();
  if (!region || !opd) return [];
  const slug = (await ctx.region()).slug || 'gapura';
  const people = [
    { key: 'ppid', name: 'PPID Utama (demo)', role: 'ppid_officer', unit: region },
    { key: 'ppid.pelaksana', name: `PPID Pelaksana ${opd.name} (demo)`, role: 'ppid_officer', unit: opd },
    { key: 'atasan.ppid', name: 'Atasan PPID (demo)', role: 'ppid_atasan', unit: region },
  ];
  const lines: string[] = [];
  for (const p of people) {
    const email = `${p.key}@${slug}.gapura.test`;
    if (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) continue;
    const password = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    const passwordHash = await hashPassword(password);
    await db.transaction().execute(async (tx) => {
      const user = await tx.insertInto('users').values({ kind: 'staff', name: p.name, email, password_hash: passwordHash }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('role_grants').values({ user_id: user.id, role: p.role, unit_id: Number(p.unit.id) }).execute();
      await recordAudit(tx, systemActor('demo'), { action: 'ppid.demo_staff.created', subjectType: 'user', subjectId: user.id, unitId: Number(p.unit.id), after: { role: p.role } });
    });
    lines.push(`Staff (${p.role}, ${p.unit.name}): ${email}  password: ${password}`);
  }
  return lines;
}
