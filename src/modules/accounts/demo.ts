// A demo citizen for a first start outside production: verified email and phone, a random password
// printed once, and a NIK that passes the checks (a Palembang-style code, a woman born 12 May 1990).
import crypto from 'node:crypto';
import type { AppContext } from '../../platform/http/context.ts';
import { checkNik } from './nik.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { createCitizen, findByVerifiedContact, markContactsVerified } from './service.ts';

export async function accountsDemo(ctx: AppContext): Promise<string[]> {
  const region = await ctx.region();
  const slug = region.slug || 'gapura';
  const email = `warga@${slug}.gapura.test`;
  if (await findByVerifiedContact(ctx.db, { channel: 'email', value: email })) return [];
  const password = crypto.randomBytes(9).toString('base64url');
  // a NIK from the region's own code when it is a regency/city code (e.g. 16.71 → 1671..)
  const regency = region.code.replace(/\D/g, '').slice(0, 4);
  const nikCandidate = `${regency}01` + '520590' + '0001';
  const nik = regency.length === 4 && checkNik(nikCandidate).ok ? nikCandidate : undefined;
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (tx) => {
    const id = await createCitizen(tx, ctx.config.secret, { name: 'Siti Aminah (demo)', email, phone: '+6281200000001', nik, passwordHash, locale: 'id' });
    await markContactsVerified(tx, id);
  });
  return ['Demo citizen account (sign in at /masuk; shown once):', `Citizen: ${email}  password: ${password}`];
}
