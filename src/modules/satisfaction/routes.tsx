/** @jsxImportSource hono/jsx */
// Pages: the citizen's rating page (/penilaian/{id}, signed-in owner only) and /petugas/ikm.
// Thin: parse → authorize → one service call → render or redirect.
import type { Context, Hono } from 'hono';
import { authorize, authorizeOr404 } from '../../platform/access/guard.ts';
import { scopePaths } from '../../platform/access/can.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { parseForm, parseQuery, query } from '../../platform/http/input.ts';
import { DoneQuery, IdParam, RatingForm } from './schema.ts';
import * as service from './service.ts';
import { RATE_PATH, rateHref } from './service.ts';
import { RatedPage, RatePage } from './views/rate.tsx';
import { STAFF_PATH, StaffPage } from './views/staff.tsx';

export function satisfactionRoutes(app: Hono<Env>, ctx: AppContext) {
  /** The invitation in the path, if it is the signed-in citizen's; otherwise 404 (401 when signed out). */
  const own = async (c: Context<Env>) => {
    if (c.get('actor').kind === 'anonymous') authorize(c, 'satisfaction.respond'); // 401: sign in first
    const id = IdParam.safeParse(c.req.param('id'));
    const inv = id.success ? await service.findInvitation(ctx.db, id.data) : undefined;
    authorizeOr404(c, 'satisfaction.respond', inv && inv.user_id !== null ? { ownerId: inv.user_id } : undefined);
    return inv!;
  };

  app.get(`${RATE_PATH}/:id`, query('pesan'), async (c) => {
    const inv = await own(c);
    const q = parseQuery(c, DoneQuery);
    if (inv.response_id) return c.html(<RatedPage c={c} already={q.pesan !== 'terkirim'} />);
    return c.html(<RatePage c={c} reference={inv.reference_label} action={rateHref(inv.id)} values={{}} errors={{}} />);
  });

  app.post(`${RATE_PATH}/:id`, async (c) => {
    const inv = await own(c);
    const r = await parseForm(c, RatingForm);
    if (!r.ok) {
      c.status(422);
      return c.html(<RatePage c={c} reference={inv.reference_label} action={rateHref(inv.id)} values={r.values} errors={r.errors} />);
    }
    const { comment, ...scores } = r.data;
    const stored = await service.answer(ctx.db, inv, scores, comment);
    if (!stored) {
      // a second submit (another tab, a retry): refused clearly, the first answer stands
      c.status(409);
      return c.html(<RatedPage c={c} already />);
    }
    return c.redirect(`${rateHref(inv.id)}?pesan=terkirim`, 303);
  });

  app.get(STAFF_PATH, async (c) => {
    authorize(c, 'satisfaction.view_results');
    const report = await service.staffReport(ctx.db, scopePaths(c.get('actor'), 'satisfaction.view_results'));
    return c.html(<StaffPage c={c} report={report} />);
  });
}
