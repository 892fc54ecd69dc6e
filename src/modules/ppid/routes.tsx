/** @jsxImportSource hono/jsx */
// Pages: /ppid (maklumat and DIP) and the back office /petugas/ppid/dip.
// Thin: parse → authorize → one service call → render or redirect.
import type { Hono } from 'hono';
import { authorize } from '../../platform/access/guard.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { parseForm, parseQuery, query } from '../../platform/http/input.ts';
import { initialNoticeDeadline, type ClockStart } from './clock.ts';
import { DipForm, MessageQuery } from './schema.ts';
import * as service from './service.ts';
import { HomePage, PUBLIC_PATH } from './views/public.tsx';
import { DipFormPage, DipListPage, STAFF_PATH } from './views/staff.tsx';

export function ppidRoutes(app: Hono<Env>, ctx: AppContext, settings: { clockStart: ClockStart }) {
  app.get(PUBLIC_PATH, async (c) => {
    authorize(c, 'ppid.view');
    const now = ctx.clock.now();
    const [dip, example] = await Promise.all([
      service.publicDip(ctx.db),
      initialNoticeDeadline(ctx.calendar, { receivedAt: now, registeredAt: now }, settings.clockStart),
    ]);
    return c.html(<HomePage c={c} dip={dip} example={example} start={settings.clockStart} />);
  });

  app.get(STAFF_PATH, query('pesan'), async (c) => {
    authorize(c, 'ppid.dip.manage');
    const q = parseQuery(c, MessageQuery);
    return c.html(<DipListPage c={c} rows={await service.staffDip(ctx.db, c.get('actor'))} message={q.pesan} />);
  });

  app.get(`${STAFF_PATH}/baru`, async (c) => {
    authorize(c, 'ppid.dip.manage');
    return c.html(<DipFormPage c={c} values={{}} errors={{}} units={await service.unitOptions(ctx.db, c.get('actor'))} />);
  });

  app.post(`${STAFF_PATH}/baru`, async (c) => {
    authorize(c, 'ppid.dip.manage');
    const actor = c.get('actor');
    const r = await parseForm(c, DipForm);
    const again = async (values: Record<string, string>, errors: Record<string, string>) => {
      c.status(422);
      return c.html(<DipFormPage c={c} values={values} errors={errors} units={await service.unitOptions(ctx.db, actor)} />);
    };
    if (!r.ok) return again(r.values, r.errors);
    const saved = await service.createDip(ctx.db, actor, actorFromRequest(c), r.data);
    if (!saved.ok) return again(r.values, saved.errors);
    return c.redirect(`${STAFF_PATH}?pesan=dibuat`, 303);
  });
}
