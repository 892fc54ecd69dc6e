// Outgoing messages: the 'notify.deliver' job that sends what sendMessage() stored (SMTP, or kept
// in the outbox), and the outbox page where a platform admin reads every message — in a demo or
// without SMTP, this is where verification codes are read.
import { defineModule } from '../../platform/module.ts';
import { deliverMessage } from '../../platform/notify/deliver.ts';
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
  jobs: {
    'notify.deliver': async (payload, ctx, job) => {
      const id = Number(payload.messageId);
      if (!Number.isInteger(id)) throw new Error('notify.deliver: payload has no messageId');
      await deliverMessage(ctx, id, job);
    },
  },
  routes: messagesRoutes,
});
