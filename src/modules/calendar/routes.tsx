/** @jsxImportSource hono/jsx */
// Back office /petugas/kalender (view: any staff; add/edit/remove: platform_admin) and the public
// /hari-libur list. Thin: parse → authorize → service → render or redirect.
import type { Context, Hono } from 'hono';
import { authorize } from '../../platform/access/guard.ts';
import { can } from '../../platform/access/can.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import { isIsoDate } from '../../platform/calendar/holidays.ts';
import { localDate } from '../../platform/calendar/working-days.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseForm, parseQuery, query, type FormData } from '../../platform/http/input.ts';
import { YearQuery, HolidayFormSchema, MAX_YEAR, MIN_YEAR } from './schema.ts';
import { addHoliday, findHoliday, listYear, removeHoliday, updateHoliday } from './service.ts';
import { HolidayFormPage, HolidayListPage, RemovePage } from './views/pages.tsx';

function currentYear(c: Context<Env>): number {
  return Number(localDate(new Date(), c.get('region').timeZone).slice(0, 4));
}

/** The :date in a URL; anything that is not a real day is simply not found. */
function dateParam(c: Context<Env>): string {
  const d = c.req.param('date') ?? '';
  if (!isIsoDate(d)) throw new AppError('not_found', 'error.not_found');
  return d;
}

const clampYear = (y: number) => Math.min(MAX_YEAR, Math.max(MIN_YEAR, y));

export function calendarRoutes(app: Hono<Env>, ctx: AppContext) {
  app.get('/petugas/kalender', query('tahun', 'pesan'), async (c) => {
    authorize(c, 'calendar.view');
    const q = parseQuery(c, YearQuery);
    const now = currentYear(c);
    const year = q.tahun ?? now;
    const rows = await listYear(ctx.db, year);
    const canManage = can(c.get('actor'), 'calendar.manage');
    return c.html(<HolidayListPage c={c} year={year} currentYear={now} rows={rows} staff canManage={canManage} message={q.pesan} />);
  });

  app.get('/hari-libur', query('tahun'), async (c) => {
    authorize(c, 'calendar.public');
    const q = parseQuery(c, YearQuery.pick({ tahun: true }));
    const now = currentYear(c);
    const year = q.tahun ?? now;
    const rows = await ctx.calendar.holidaysInYear(year);
    return c.html(<HolidayListPage c={c} year={year} currentYear={now} rows={rows} staff={false} canManage={false} />);
  });

  // ---- adding
  app.get('/petugas/kalender/tambah', query('tahun'), (c) => {
    authorize(c, 'calendar.manage');
    const q = parseQuery(c, YearQuery.pick({ tahun: true }));
    const values: FormData = { kind: 'national_holiday' };
    return c.html(<HolidayFormPage c={c} values={values} errors={{}} backYear={q.tahun ?? currentYear(c)} />);
  });

  app.post('/petugas/kalender/tambah', async (c) => {
    authorize(c, 'calendar.manage');
    const r = await parseForm(c, HolidayFormSchema);
    const back = (v: FormData) => clampYear(Number((v.date ?? '').match(/\d{4}/)?.[0] ?? currentYear(c)));
    if (!r.ok) {
      c.status(422);
      return c.html(<HolidayFormPage c={c} values={r.values} errors={r.errors} backYear={back(r.values)} />);
    }
    const saved = await addHoliday(ctx.db, actorFromRequest(c), r.data);
    if (!saved.ok) {
      c.status(422);
      return c.html(<HolidayFormPage c={c} values={r.values} errors={saved.errors} backYear={back(r.values)} />);
    }
    ctx.calendar.invalidate();
    return c.redirect(`/petugas/kalender?tahun=${r.data.date.slice(0, 4)}&pesan=ditambah`, 303);
  });

  // ---- editing
  app.get('/petugas/kalender/:date/ubah', async (c) => {
    authorize(c, 'calendar.manage');
    const row = await findHoliday(ctx.db, dateParam(c));
    if (!row) throw new AppError('not_found', 'error.not_found');
    const values: FormData = { date: row.date, name: row.name, kind: row.kind, ...(row.provisional ? { provisional: '1' } : {}) };
    return c.html(<HolidayFormPage c={c} editing={row.date} values={values} errors={{}} backYear={Number(row.date.slice(0, 4))} />);
  });

  app.post('/petugas/kalender/:date/ubah', async (c) => {
    authorize(c, 'calendar.manage');
    const date = dateParam(c);
    const backYear = Number(date.slice(0, 4));
    const r = await parseForm(c, HolidayFormSchema);
    if (!r.ok) {
      c.status(422);
      return c.html(<HolidayFormPage c={c} editing={date} values={r.values} errors={r.errors} backYear={backYear} />);
    }
    const saved = await updateHoliday(ctx.db, actorFromRequest(c), date, r.data);
    if (!saved.ok) {
      c.status(422);
      return c.html(<HolidayFormPage c={c} editing={date} values={r.values} errors={saved.errors} backYear={backYear} />);
    }
    ctx.calendar.invalidate();
    return c.redirect(`/petugas/kalender?tahun=${r.data.date.slice(0, 4)}&pesan=diubah`, 303);
  });

  // ---- removing: a confirmation page first, then the POST
  app.get('/petugas/kalender/:date/hapus', async (c) => {
    authorize(c, 'calendar.manage');
    const row = await findHoliday(ctx.db, dateParam(c));
    if (!row) throw new AppError('not_found', 'error.not_found');
    return c.html(<RemovePage c={c} row={row} />);
  });

  app.post('/petugas/kalender/:date/hapus', async (c) => {
    authorize(c, 'calendar.manage');
    const date = dateParam(c);
    await removeHoliday(ctx.db, actorFromRequest(c), date);
    ctx.calendar.invalidate();
    return c.redirect(`/petugas/kalender?tahun=${date.slice(0, 4)}&pesan=dihapus`, 303);
  });
}
