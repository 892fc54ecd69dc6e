/** @jsxImportSource hono/jsx */
// /petugas/pengaduan/open311: platform admins issue and revoke Open311 API keys. Issuing answers
// the key on the page itself (200, never cached) instead of a 303: the value exists only in that
// answer, it is stored nowhere readable to show after a redirect.
import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext, Env } from '../../../platform/http/context.ts';
import { authorize } from '../../../platform/access/guard.ts';
import { actorFromRequest } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { parseForm, parseQuery, query } from '../../../platform/http/input.ts';
import { noStore } from '../../../platform/http/page-cache.ts';
import { issueKey, keysOf, revoke } from './service.ts';
import { KEYS_PATH, KeysPage } from './views/keys.tsx';

const KeyForm = z.object({
  name: z.string().trim().min(1, 'field.required').max(100, 'field.too_long'),
  // one key per form shown: a double click issues one key (see issueKey)
  form: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).optional().catch(undefined),
});
const Message = z.object({ pesan: z.enum(['dicabut']).optional() });


export function keysRoutes(app: Hono<Env>, ctx: AppContext): void {
  app.get(KEYS_PATH, query('pesan'), async (c) => {
    authorize(c, 'pengaduan.open311_keys');
    const { pesan } = parseQuery(c, Message);
    return c.html(<KeysPage c={c} keys={await keysOf(ctx)} message={pesan} />);
  });

  app.post(KEYS_PATH, async (c) => {
    authorize(c, 'pengaduan.open311_keys');
    const r = await parseForm(c, KeyForm);
    if (!r.ok) return c.html(<KeysPage c={c} keys={await keysOf(ctx)} values={r.values} errors={r.errors} />, 422);
    const issued = await issueKey(ctx, actorFromRequest(c), r.data.name, r.data.form ?? null);
    noStore(c);
    if ('repeated' in issued) return c.html(<KeysPage c={c} keys={await keysOf(ctx)} message="sudah" />);
    return c.html(<KeysPage c={c} keys={await keysOf(ctx)} issued={{ name: r.data.name, key: issued.key }} />);
  });

  app.post(`${KEYS_PATH}/:id/cabut`, async (c) => {
    authorize(c, 'pengaduan.open311_keys');
    const id = Number(c.req.param('id'));
    if (!Number.isSafeInteger(id) || id < 1) throw new AppError('not_found', 'error.not_found');
    await revoke(ctx, actorFromRequest(c), id);
    return c.redirect(`${KEYS_PATH}?pesan=dicabut`, 303);
  });
}
