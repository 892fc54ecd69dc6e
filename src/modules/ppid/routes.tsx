/** @jsxImportSource hono/jsx */
// Pages: /ppid (maklumat and DIP) and the back office /petugas/ppid/dip.
// Thin: parse → authorize → one service call → render or redirect.
import type { Hono } from 'hono';
import { authorize } from '../../platform/access/guard.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { parseForm, parseQuery, query } from '../../platform/http/input.ts';
import { initialNoticeDeadline, type ClockStart } from './clock.ts';
import { serveFile } from '../../platform/files/index.ts';
import { AppError } from '../../platform/http/errors.ts';
import { localDate } from '../../platform/calendar/working-days.ts';
import { dipFeed, FEED_PATH } from './feed.ts';
import * as repo from './repo.ts';
import { annualReport, REPORT_PATH, reportCsv, reportPdf } from './report.ts';
import { DipForm, MessageQuery } from './schema.ts';
import { ReportPage } from './views/report.tsx';
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

  // ——— the annual report: /ppid/laporan → this year's, /ppid/laporan/2026[.csv|.pdf] ———
  const thisYear = async () => Number(localDate(ctx.clock.now(), await ctx.calendar.timeZone()).slice(0, 4));
  app.get(REPORT_PATH, async (c) => {
    authorize(c, 'ppid.view');
    return c.redirect(`${REPORT_PATH}/${await thisYear()}`, 302);
  });
  app.get(`${REPORT_PATH}/:file{[0-9]{4}(?:\\.csv|\\.pdf)?}`, async (c) => {
    authorize(c, 'ppid.view');
    const [y, format] = c.req.param('file').split('.');
    const year = Number(y);
    const now = await thisYear();
    if (year < 2008 || year > now) throw new AppError('not_found');
    const [report, years] = await Promise.all([annualReport(ctx, year, settings.clockStart), repo.requestYears(ctx.db)]);
    const t = c.get('t');
    if (format === 'csv') {
      return c.body(`\ufeff${reportCsv(t, report)}`, 200, {
        'content-type': 'text/csv; charset=utf-8; header=present',
        'content-disposition': `attachment; filename="laporan-ppid-${year}.csv"`,
      });
    }
    if (format === 'pdf') {
      const region = c.get('region');
      const pdf = await reportPdf(t, c.get('locale'), report, { regionName: region.name, timeZone: region.timeZone, baseUrl: ctx.config.baseUrl });
      return c.body(new Uint8Array(pdf), 200, {
        'content-type': 'application/pdf', 'content-length': String(pdf.length),
        'content-disposition': `inline; filename="laporan-ppid-${year}.pdf"`,
      });
    }
    const list = [...new Set([now, ...years])].filter((x) => x <= now).sort((a, b) => b - a);
    return c.html(<ReportPage c={c} r={report} years={list} />);
  });

  // ——— the Atom feed of new DIP entries; a released document of an entry ———
  app.get(FEED_PATH, async (c) => {
    authorize(c, 'ppid.view');
    const entries = await repo.newestDip(ctx.db, 30);
    return c.body(dipFeed({ baseUrl: ctx.config.baseUrl.replace(/\/+$/, ''), title: c.get('t')('ppid.feed.title'), entries }), 200, { 'content-type': 'application/atom+xml; charset=utf-8' });
  });
  app.get(`${PUBLIC_PATH}/dip/:id{[0-9]+}/berkas`, async (c) => {
    authorize(c, 'ppid.view');
    const d = await repo.findDip(ctx.db, Number(c.req.param('id')));
    if (!d || !d.fileId) throw new AppError('not_found');
    return serveFile(c, d.fileId, 'ppid.view', {}, { download: true });
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
