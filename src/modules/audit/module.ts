// The audit trail for people: the list with filters (/petugas/audit), one entry, the integrity
// check, and `gapura audit verify`. Writing entries is the platform's (platform/audit/audit.ts).
import { defineModule } from '../../platform/module.ts';
import { AUDIT_VERIFY_USAGE, runAuditVerify } from './cli.ts';
import { locales } from './locales.ts';
import { auditRoutes } from './routes.tsx';

export const auditModule = defineModule({
  id: 'audit',
  locales,
  permissions: {
    // entries of the units where the role is held and below (see service.ts for unit-less entries)
    'audit.view': { roles: ['auditor', 'platform_admin'] },
    // platform admins (Diskominfo) see every entry, wherever their role is held
    'audit.view_all': { roles: ['platform_admin'], anyUnit: true },
    // the integrity check says only whether the chain holds and where it breaks
    'audit.verify': { roles: ['auditor', 'platform_admin'], anyUnit: true },
  },
  nav: {
    staff: [{ href: '/petugas/audit', label: 'audit.nav', order: 95, action: 'audit.view' }],
  },
  routes: auditRoutes,
  cli: {
    // read-only: no migrations or seeds first (a seed could itself write audit entries)
    'audit verify': { usage: AUDIT_VERIFY_USAGE, boot: 'bare', run: (args, ctx) => runAuditVerify(args, ctx) },
  },
});
