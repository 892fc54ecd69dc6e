/** @jsxImportSource hono/jsx */
// Back office /petugas/outbox: the message list, one message with its text, and retrying a failed
// background job. Opening a message (its text) is audited, and so is retrying.
import type { Hono } from 'hono';
import { z } from 'zod';
import { authorize } from '../../platform/access/guard.ts';
import { can } from '../../platform/access/can.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseQuery, query } from '../../platform/http/input.ts';
import { STATUSES, outboxOverview, retryJob, viewMessage } from './service.ts';
import { MessagePage, OutboxPage } from './views/pages.tsx';

const blank = (v: unknown) => (v === '' ? undefined : v);
const OutboxQuery = z.object({
  halaman: z.preprocess(blank, z.coerce.number().int().min(1).max(10_000).default(1)),
  status: z.preprocess(blank, z.enum(STATUSES).optional()),
  diulang: z.preprocess(blank, z.coerce.number().int().positive().optional()),
});

/** A numeric id from the URL, or undefined (then the page is simply not found). */
const idParam = (s: string) => (/^[0-9]{1,15}$/.test(s) ? Number(s) : undefined);

export function messagesRoutes(app: Hono<Env>, ctx: AppContext) {
  app.get('/petugas/outbox', query('halaman', 'status', 'diulang'), async (c) => {
    authorize(c, 'messages.view');
    const q = parseQuery(c, OutboxQuery);
    const { rows, hasNext, state, failed } = await outboxOverview(ctx.db, q.halaman, q.status);
    return c.html(
      <OutboxPage
        c={c}
        rows={rows}
        page={q.halaman}
        status={q.status}
        hasNext={hasNext}
        state={state}
        failed={failed}
        smtp={!!ctx.config.smtpUrl}
        devChannel={!ctx.config.production && (!ctx.config.smtpUrl || !ctx.config.smsWebhook)}
        canRetry={can(c.get('actor'), 'messages.retry')}
        retried={q.diulang}
      />,
    );
  });

  app.get('/petugas/outbox/:id', async (c) => {
    authorize(c, 'messages.view');
    const id = idParam(c.req.param('id'));
    const m = id ? await viewMessage(ctx, actorFromRequest(c), id) : undefined;
    if (!m) throw new AppError('not_found', 'error.not_found');
    return c.html(<MessagePage c={c} m={m} production={ctx.config.production} />);
  });

  app.post('/petugas/outbox/tugas/:id/ulangi', async (c) => {
    authorize(c, 'messages.retry');
    const id = idParam(c.req.param('id'));
    if (!id || !(await retryJob(ctx.db, actorFromRequest(c), id))) throw new AppError('not_found', 'error.not_found');
    return c.redirect(`/petugas/outbox?diulang=${id}`, 303);
  });
}
