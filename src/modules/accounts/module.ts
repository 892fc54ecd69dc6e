// Citizen accounts: register, verify email or phone, sign in and out, reset a forgotten password,
// keep one's details, and download or erase one's personal data (UU 27/2022 PDP).
import { defineModule } from '../../platform/module.ts';
import { accountsDemo } from './demo.ts';
import { locales, templates } from './locales.ts';
import { accountRoutes } from './routes.tsx';
import * as verifiedContacts from './migrations/001_verified_contacts.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { findCitizen, nikHash, openNik } from './service.ts';

export const accountsModule = defineModule({
  id: 'accounts',
  paths: {
    public: ['/masuk', '/daftar', '/lupa-sandi'],
    private: ['/akun', '/keluar'],
    signIn: { citizen: '/masuk' },
  },
  // stored as 'accounts/001_verified_contacts' (was '100_accounts_001_verified_contacts': renamed on migrate)
  migrations: { '001_verified_contacts': verifiedContacts },
  locales,
  templates,
  permissions: {
    // a citizen's own account; staff have theirs under /petugas/akun
    'accounts.self': { citizen: 'any' },
  },
  routes: accountRoutes,
  demo: accountsDemo,
});

// Other modules that take a NIK (PPID requests, counter applications) validate it as registration does.
export { checkNik, maskNik, type NikResult } from './nik.ts';

/**
 * What other modules may prefill from a citizen's own account (Layanan's apply form, PPID requests):
 * the name, the NIK opened from its sealed column, and the VERIFIED contacts only. For the citizen's own
 * pages; never log or list it.
 */
export async function citizenProfile(ctx: Pick<AppContext, 'db' | 'config'>, userId: number): Promise<{ name: string; nik?: string; email?: string; phone?: string } | undefined> {
  const u = await findCitizen(ctx.db, userId);
  if (!u) return undefined;
  return {
    name: u.name,
    ...(u.nik_encrypted ? { nik: openNik(ctx.config.secret, u.nik_encrypted) } : {}),
    ...(u.email && u.email_verified_at ? { email: u.email } : {}),
    ...(u.phone && u.phone_verified_at ? { phone: u.phone } : {}),
  };
}

/** the same keyed hash users.nik_hash holds: find the account of a walk-in citizen's NIK */
export async function citizenIdByNik(ctx: Pick<AppContext, 'db' | 'config'>, nik: string): Promise<number | undefined> {
  const r = await ctx.db.selectFrom('users').select('id').where('kind', '=', 'citizen').where('nik_hash', '=', nikHash(ctx.config.secret, nik)).executeTakeFirst();
  return r ? Number(r.id) : undefined;
}
