// Citizen accounts: register, verify email or phone, sign in and out, reset a forgotten password,
// keep one's details, and download or erase one's personal data (UU 27/2022 PDP).
import { defineModule } from '../../platform/module.ts';
import { accountsDemo } from './demo.ts';
import { locales, templates } from './locales.ts';
import { accountRoutes } from './routes.tsx';
import * as verifiedContacts from './migrations/001_verified_contacts.ts';

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
