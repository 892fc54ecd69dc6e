// Staff accounts: sign-in to the back office (password + authenticator code, or the city's SSO),
// the back-office home, one's own account, and managing staff and their roles per unit.
import { defineModule } from '../../platform/module.ts';
import { USER_ADD_USAGE, runUserAdd } from './cli.ts';
import { staffDemo } from './demo.ts';
import { locales, templates } from './locales.ts';
import { staffRoutes } from './routes.tsx';

export const staffModule = defineModule({
  id: 'staff',
  requires: ['units'],
  paths: {
    signIn: { staff: '/petugas/masuk' },
    // the sign-in steps are open without a staff session; each checks the half-finished one it needs
    staffOpen: [/^\/petugas\/masuk(\/.*)?$/, /^\/petugas\/2fa\/daftar$/, /^\/petugas\/oidc\/(masuk|callback)$/],
  },
  locales,
  templates,
  permissions: {
    // one's own back-office home and account: anyone holding any role
    'staff.self': { anyRole: true, anyUnit: true },
    // add people, grant and revoke roles, disable, reset 2FA — within the units one administers
    'staff.manage': { roles: ['platform_admin', 'unit_admin'] },
    // platform admins manage everyone, wherever their own role is held
    'staff.manage_all': { roles: ['platform_admin'], anyUnit: true },
  },
  nav: {
    staff: [
      { href: '/petugas', label: 'staff.nav.home', order: 0, action: 'staff.self' },
      { href: '/petugas/staf', label: 'staff.nav.manage', order: 90, action: 'staff.manage' },
      { href: '/petugas/akun', label: 'staff.nav.account', order: 99, action: 'staff.self' },
    ],
  },
  routes: staffRoutes,
  cli: {
    'user add': { usage: USER_ADD_USAGE, run: (args, ctx) => runUserAdd(args, ctx) },
  },
  demo: staffDemo,
});
