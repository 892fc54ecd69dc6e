// The outbox pages: where a platform admin sees every message Gapura wrote (sending them is the
// platform's: platform/notify), and retries background jobs that failed. One-time codes show here
// only outside production, for messages the outbox itself delivered (no SMTP_URL or SMS_WEBHOOK_URL).
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
