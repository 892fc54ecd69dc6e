// Demo staff for a first start outside production: one person per role, placed in the units of
// the loaded region pack (chosen by kind, never by a hard-coded code). Passwords are random and
// printed once, together with the authenticator secret of the two admin accounts, which must use
// a second factor.
import type { Role } from '../../platform/access/can.ts';
import { systemActor } from '../../platform/audit/audit.ts';
import { formatSecret, newTotpSecret, sealSecret, totpUri } from '../../platform/auth/totp.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { createStaff, findStaffByEmail, oneTimePassword } from './service.ts';
import { demoUnits, setEnrolledTotp } from './repo.ts';

interface DemoPerson { key: string; name: string; role: Role; unit: 'region' | 'kecamatan' | 'kelurahan'; totp: boolean }

const PEOPLE: DemoPerson[] = [
  { key: 'admin', name: 'Admin Diskominfo (demo)', role: 'platform_admin', unit: 'region', totp: true },
  { key: 'admin.kecamatan', name: 'Admin Kecamatan (demo)', role: 'unit_admin', unit: 'kecamatan', totp: true },
  { key: 'petugas', name: 'Petugas Kelurahan (demo)', role: 'officer', unit: 'kelurahan', totp: false },
  { key: 'lurah', name: 'Lurah (demo)', role: 'approver', unit: 'kelurahan', totp: false },
  { key: 'pimpinan', name: 'Pimpinan (demo)', role: 'leader', unit: 'region', totp: false },
  { key: 'inspektorat', name: 'Inspektorat (demo)', role: 'auditor', unit: 'region', totp: false },
];

export async function staffDemo(ctx: AppContext): Promise<string[]> {
  const { db, config } = ctx;
  const { region, kel } = await demoUnits(db);
  if (!region || !kel) return [];
  const units = {
    region: { id: Number(region.id), name: region.name },
    kecamatan: { id: Number(kel.parent_id), name: kel.parent_name },
    kelurahan: { id: Number(kel.id), name: kel.name },
  };
  const slug = (await ctx.region()).slug || 'gapura';
  const issuer = (await ctx.region()).name;
  const lines: string[] = [];
  for (const p of PEOPLE) {
    const email = `${p.key}@${slug}.gapura.test`;
    if (await findStaffByEmail(db, email)) continue;
    const password = oneTimePassword();
    const unit = units[p.unit];
    const secret = p.totp ? newTotpSecret() : undefined;
    const passwordHash = await hashPassword(password);
    await db.transaction().execute(async (tx) => {
      const id = await createStaff(tx, systemActor('demo'), { name: p.name, email, passwordHash, mustChange: false, grants: [{ role: p.role, unitId: unit.id }] });
      if (secret) {
        await setEnrolledTotp(tx, id, sealSecret(config.secret, secret));
      }
    });
    lines.push(`Staff (${p.role}, ${unit.name}): ${email}  password: ${password}`);
    if (secret) {
      lines.push(`    authenticator secret: ${formatSecret(secret)}`);
      lines.push(`    ${totpUri(secret, issuer, email)}`);
    }
  }
  if (lines.length) lines.unshift('Demo staff accounts (sign in at /petugas/masuk; shown once):');
  return lines;
}
