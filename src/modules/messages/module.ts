// Outgoing messages: the outbox page where a platform admin reads every message — in a demo or
// without SMTP, this is where verification codes are read.
import { defineModule } from '../../platform/module.ts';
import { locales } from './locales.ts';
import { messagesRoutes } from './routes.tsx';

export const messagesModule = defineModule({
  id: 'messages',
  locales,
  permissions: {
    'messages.view': { roles: ['platform_admin'], anyUnit: true },
    'messages.retry': { roles: ['platform_admin'], anyUnit: true },
  },
  nav: {
    staff: [{ href: '/petugas/outbox', label: 'messages.nav', order: 92, action: 'messages.view' }],
  },
  routes: messagesRoutes,
});
