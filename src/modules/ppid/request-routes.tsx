/** @jsxImportSource hono/jsx */
// Routes of information requests, public and back office. Thin: parse → authorize → one service
// call → render or redirect (303).
import type { Hono } from 'hono';
import { can, scopePaths } from '../../platform/access/can.ts';
import { overdueList } from './overdue.ts';
import { authorize } from '../../platform/access/guard.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import { randomToken } from '../../platform/crypto.ts';
import { serveDocument } from '../../platform/documents/index.ts';
import { parseUpload, serveFile, UploadError } from '../../platform/files/index.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { noStore } from '../../platform/http/page-cache.ts';
import { parseForm, parseQuery, query, readForm, validate, type FieldErrors, type FormData } from '../../platform/http/input.ts';
import type { Context } from 'hono';
import { extensionAllowed, type ClockStart } from './clock.ts';
import * as repo from './repo.ts';
import * as svc from './requests.ts';
import {
  AnswerForm, CloseForm, DisputeForm, DispositionForm, ExtensionForm, FollowQuery, ObjectionAnswerForm, ObjectionForm, PublishForm, QueueQuery, RedactionForm,
  RegisterQuery, RequesterWithdrawForm, RequestForm, WithdrawForm,
} from './schema.ts';
import * as states from './states.ts';
import { AskPage, ASK_PATH, CheckPage, FollowPage, REGISTER_PATH, RegisterPage, WithdrawPage } from './views/requests.tsx';
import { PublishPage } from './views/staff.tsx';

const OPEN: readonly string[] = ['submitted', 'in_progress', 'extended'];
import { DetailPage, QUEUE_PATH, QueuePage, type QueueRow } from './views/requests-staff.tsx';

const id = (c: Context<Env>) => {
  const n = Number(c.req.param('id'));
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 31) throw new AppError('not_found');
  return n;
};

export function requestRoutes(app: Hono<Env>, ctx: AppContext, settings: { clockStart: ClockStart }) {
  const rule = settings.clockStart;

  // ——— asking: the same three steps for the public and for staff (walk-in, letter) ———
  for (const [base, staff, action] of [[ASK_PATH, false, 'ppid.request.create'], [QUEUE_PATH, true, 'ppid.request.manage']] as const) {
    app.get(`${base}/baru`, (c) => {
      authorize(c, action);
      return c.html(<AskPage c={c} base={base} staff={staff} values={{ idem: randomToken(18) }} errors={{}} />);
    });
    app.post(`${base}/baru`, async (c) => {
      authorize(c, action);
      const form = await readForm(c);
      const idem = /^[A-Za-z0-9_-]{16,64}$/.test(form.idem ?? '') ? form.idem : randomToken(18);
      if (form.ubah) return c.html(<AskPage c={c} base={base} staff={staff} values={{ ...form, idem }} errors={{}} />);
      const r = validate(RequestForm, { ...form, idem });
      const errors = { ...svc.checkRequest({ nik: form.nik ?? '', phone: form.phone ?? '' }, ctx.clock.now()), ...(r.ok ? {} : r.errors) };
      if (Object.keys(errors).length) {
        c.status(422);
        return c.html(<AskPage c={c} base={base} staff={staff} values={{ ...form, idem }} errors={errors} />);
      }
      const matches = await svc.searchAhead(ctx.db, `${form.details ?? ''} ${form.purpose ?? ''}`);
      return c.html(<CheckPage c={c} base={base} staff={staff} values={{ ...form, idem }} matches={matches} errors={{}} />);
    });
    app.post(`${base}/kirim`, async (c) => {
      let fields: FormData;
      let deed;
      try {
        const up = await parseUpload(c, { module: 'ppid', kind: 'deed', action });
        fields = up.fields;
        deed = up.files[0];
      } catch (e) {
        if (!(e instanceof UploadError)) throw e;
        c.status(e.status as 422);
        return c.html(<CheckPage c={c} base={base} staff={staff} values={e.values} matches={[]} errors={e.fields} />);
      }
      const again = (errors: FieldErrors) => {
        c.status(422);
        return c.html(<AskPage c={c} base={base} staff={staff} values={fields} errors={errors} />);
      };
      const r = validate(RequestForm, fields);
      if (!r.ok) return again(r.errors);
      const made = await svc.createRequest(ctx, c.get('actor'), actorFromRequest(c), r.data, { staff, deed });
      if (!made.ok) {
        if (made.errors.deed) {
          c.status(422);
          return c.html(<CheckPage c={c} base={base} staff={staff} values={fields} matches={[]} errors={made.errors} />);
        }
        return again(made.errors);
      }
      return c.redirect(staff ? `${QUEUE_PATH}/${made.id}?pesan=dicatat` : `${ASK_PATH}/lacak/${made.token}?baru=1`, 303);
    });
  }

  // ——— the requester's own page, by its secret link ———
  const byToken = async (c: Context<Env>) => {
    // the secret link's page is one person's: never page-cached, never kept by a shared cache
    noStore(c);
    c.header('cache-control', 'no-store');
    const r = await svc.findByToken(ctx.db, c.req.param('token') ?? '');
    if (!r) throw new AppError('not_found');
    return r;
  };
  app.get(`${ASK_PATH}/lacak/:token`, query('baru'), async (c) => {
    authorize(c, 'ppid.view');
    const r = await byToken(c);
    const fresh = parseQuery(c, FollowQuery).baru === '1';
    return c.html(<FollowPage c={c} r={r} clock={await svc.clockOf(ctx, r, rule)} token={c.req.param('token')} fresh={fresh} errors={{}} values={{}} />);
  });
  app.post(`${ASK_PATH}/lacak/:token/keberatan`, async (c) => {
    authorize(c, 'ppid.view');
    const r = await byToken(c);
    const f = await parseForm(c, ObjectionForm);
    if (!f.ok) {
      c.status(422);
      return c.html(<FollowPage c={c} r={r} clock={await svc.clockOf(ctx, r, rule)} token={c.req.param('token')} fresh={false} errors={f.errors} values={f.values} />);
    }
    await svc.object(ctx, r, f.data.ground, f.data.reason, rule);
    return c.redirect(`${ASK_PATH}/lacak/${c.req.param('token')}`, 303);
  });
  app.get(`${ASK_PATH}/lacak/:token/surat`, async (c) => {
    authorize(c, 'ppid.view');
    const r = await byToken(c);
    if (!r.document_id) throw new AppError('not_found');
    return serveDocument(c, r.document_id, 'ppid.view', {});
  });

  // ——— the public register ———
  app.get(REGISTER_PATH, query('halaman'), async (c) => {
    authorize(c, 'ppid.view');
    const q = parseQuery(c, RegisterQuery);
    const [data, ex] = await Promise.all([svc.register(ctx, rule, q.halaman ?? 1), svc.exemptions(ctx.db)]);
    return c.html(<RegisterPage c={c} data={data} exemptions={ex} />);
  });

  // ——— the requester withdraws, through the follow link: one question ———
  app.get(`${ASK_PATH}/lacak/:token/tarik`, async (c) => {
    authorize(c, 'ppid.view');
    const r = await byToken(c);
    if (!OPEN.includes(r.state)) return c.redirect(`${ASK_PATH}/lacak/${c.req.param('token')}`, 303);
    return c.html(<WithdrawPage c={c} r={r} token={c.req.param('token')} errors={{}} values={{}} />);
  });
  app.post(`${ASK_PATH}/lacak/:token/tarik`, async (c) => {
    authorize(c, 'ppid.view');
    const r = await byToken(c);
    const f = await parseForm(c, RequesterWithdrawForm);
    if (!f.ok) {
      c.status(422);
      return c.html(<WithdrawPage c={c} r={r} token={c.req.param('token')} errors={f.errors} values={f.values} />);
    }
    // a second press after it was withdrawn lands on the same page
    if (r.state !== 'withdrawn') await states.withdrawByRequester(ctx, r, f.data.reason);
    return c.redirect(`${ASK_PATH}/lacak/${c.req.param('token')}`, 303);
  });

  // ——— the back office ———
  app.get(QUEUE_PATH, query('pesan'), async (c) => {
    authorize(c, 'ppid.request.view');
    const q = parseQuery(c, QueueQuery);
    const rows: QueueRow[] = await Promise.all((await svc.staffRequests(ctx.db, c.get('actor'))).map(async (r) => ({ r, clock: await svc.clockOf(ctx, r, rule) })));
    // open requests first, by the deadline in force; answered ones after
    rows.sort((a, b) => Number(!!a.r.answered_at) - Number(!!b.r.answered_at) || a.clock.notice.due.getTime() - b.clock.notice.due.getTime());
    // the true number overdue, however many requests there are (overdue.ts: one cut-off per clock length)
    const late = await overdueList(ctx.db, ctx.calendar, rule, ctx.clock.now(), scopePaths(c.get('actor'), 'ppid.request.view'), 1);
    return c.html(<QueuePage c={c} rows={rows} overdue={late.count} message={q.pesan} />);
  });

  const detail = async (c: Context<Env>, opts: { errors?: FieldErrors; values?: FormData; form?: string; message?: string } = {}) => {
    const actor = c.get('actor');
    const reqId = id(c);
    const r = await repo.findRequest(ctx.db, reqId);
    const manage = !!r && can(actor, 'ppid.request.manage', { unitPath: r.unit_path ?? undefined });
    const atasan = !!r && can(actor, 'ppid.objection.answer', { unitPath: r.unit_path ?? undefined });
    if (!r || (!manage && !atasan)) throw new AppError('not_found');
    const [clock, units, ext, dip] = await Promise.all([
      svc.clockOf(ctx, r, rule), repo.unitsWithin(ctx.db, null),
      extensionAllowed(ctx.calendar, { receivedAt: r.received_at, registeredAt: r.registered_at, extendedAt: r.extended_at, answeredAt: r.answered_at }, rule, ctx.clock.now()),
      repo.dipOfRequest(ctx.db, r.id),
    ]);
    if (opts.errors && Object.keys(opts.errors).length) c.status(422);
    return c.html(
      <DetailPage c={c} r={r} clock={clock} contact={svc.openContact(ctx.config.secret, r)} units={units} canManage={manage} canAnswerObjection={atasan}
        extensionOpen={ext.ok} canPublish={states.publishable(actor, r)} publishedDipId={dip?.id ?? null} errors={opts.errors ?? {}} values={opts.values ?? {}} form={opts.form} message={opts.message} />,
    );
  };
  app.get(`${QUEUE_PATH}/:id{[0-9]+}`, query('pesan'), async (c) => {
    authorize(c, 'ppid.request.view');
    const q = parseQuery(c, QueueQuery);
    return detail(c, { message: q.pesan });
  });
  app.get(`${QUEUE_PATH}/:id{[0-9]+}/surat`, async (c) => {
    authorize(c, 'ppid.request.view');
    const r = await svc.loadForStaff(ctx.db, c.get('actor'), id(c), 'ppid.request.view');
    if (!r.document_id) throw new AppError('not_found');
    return serveDocument(c, r.document_id, 'ppid.request.view', { unitPath: r.unit_path ?? undefined });
  });
  app.get(`${QUEUE_PATH}/:id{[0-9]+}/akta`, async (c) => {
    authorize(c, 'ppid.request.view');
    const r = await svc.loadForStaff(ctx.db, c.get('actor'), id(c), 'ppid.request.view');
    if (!r.deed_file_id) throw new AppError('not_found');
    return serveFile(c, r.deed_file_id, 'ppid.request.view', { unitPath: r.unit_path ?? undefined }, { download: true });
  });
  app.post(`${QUEUE_PATH}/:id{[0-9]+}/disposisi`, async (c) => {
    authorize(c, 'ppid.request.manage');
    const f = await parseForm(c, DispositionForm);
    if (!f.ok) return detail(c, { errors: f.errors, values: f.values, form: 'disposisi' });
    const errors = await svc.disposition(ctx, c.get('actor'), actorFromRequest(c), id(c), f.data.unit);
    if (errors) return detail(c, { errors, values: f.values, form: 'disposisi' });
    return c.redirect(`${QUEUE_PATH}/${id(c)}?pesan=disposisi`, 303);
  });
  app.post(`${QUEUE_PATH}/:id{[0-9]+}/perpanjangan`, async (c) => {
    authorize(c, 'ppid.request.manage');
    const f = await parseForm(c, ExtensionForm);
    if (!f.ok) return detail(c, { errors: f.errors, values: f.values, form: 'perpanjangan' });
    await svc.extend(ctx, c.get('actor'), actorFromRequest(c), id(c), f.data.reason, rule);
    return c.redirect(`${QUEUE_PATH}/${id(c)}?pesan=perpanjangan`, 303);
  });
  app.post(`${QUEUE_PATH}/:id{[0-9]+}/jawaban`, async (c) => {
    authorize(c, 'ppid.request.manage');
    const f = await parseForm(c, AnswerForm);
    if (!f.ok) return detail(c, { errors: f.errors, values: f.values, form: 'jawaban' });
    const actor = c.get('actor');
    const errors = await svc.answer(ctx, actor, actorFromRequest(c), id(c), f.data, { name: actor.kind === 'staff' ? actor.name : '' });
    if (errors) return detail(c, { errors, values: f.values, form: 'jawaban' });
    return c.redirect(`${QUEUE_PATH}/${id(c)}?pesan=jawaban`, 303);
  });
  app.post(`${QUEUE_PATH}/:id{[0-9]+}/keberatan`, async (c) => {
    authorize(c, 'ppid.objection.answer');
    const f = await parseForm(c, ObjectionAnswerForm);
    if (!f.ok) return detail(c, { errors: f.errors, values: f.values, form: 'keberatan' });
    await svc.answerObjection(ctx, c.get('actor'), actorFromRequest(c), id(c), f.data.decision, f.data.answer);
    return c.redirect(`${QUEUE_PATH}/${id(c)}?pesan=keberatan`, 303);
  });
  app.post(`${QUEUE_PATH}/:id{[0-9]+}/samarkan`, async (c) => {
    authorize(c, 'ppid.request.manage');
    const f = await parseForm(c, RedactionForm);
    if (!f.ok) return detail(c, { errors: f.errors, values: f.values, form: 'samarkan' });
    const errors = await svc.addRedaction(ctx.db, actorFromRequest(c), c.get('actor'), id(c), f.data.kind, f.data.value, f.data.scope);
    if (errors) return detail(c, { errors, values: f.values, form: 'samarkan' });
    return c.redirect(`${QUEUE_PATH}/${id(c)}?pesan=samarkan`, 303);
  });

  // ——— the remaining states (ADR 036) ———
  app.post(`${QUEUE_PATH}/:id{[0-9]+}/sengketa`, async (c) => {
    authorize(c, 'ppid.request.manage');
    const f = await parseForm(c, DisputeForm);
    if (!f.ok) return detail(c, { errors: f.errors, values: f.values, form: 'sengketa' });
    const errors = await states.recordDispute(ctx, c.get('actor'), actorFromRequest(c), id(c), f.data);
    if (errors) return detail(c, { errors, values: f.values, form: 'sengketa' });
    return c.redirect(`${QUEUE_PATH}/${id(c)}?pesan=sengketa`, 303);
  });
  app.post(`${QUEUE_PATH}/:id{[0-9]+}/tutup`, async (c) => {
    authorize(c, 'ppid.request.manage');
    const f = await parseForm(c, CloseForm);
    if (!f.ok) return detail(c, { errors: f.errors, values: f.values, form: 'tutup' });
    await states.close(ctx, c.get('actor'), actorFromRequest(c), id(c));
    return c.redirect(`${QUEUE_PATH}/${id(c)}?pesan=tutup`, 303);
  });
  app.post(`${QUEUE_PATH}/:id{[0-9]+}/tarik`, async (c) => {
    authorize(c, 'ppid.request.manage');
    const f = await parseForm(c, WithdrawForm);
    if (!f.ok) return detail(c, { errors: f.errors, values: f.values, form: 'tarik' });
    await states.withdrawByStaff(ctx, c.get('actor'), actorFromRequest(c), id(c), f.data.withdraw_reason);
    return c.redirect(`${QUEUE_PATH}/${id(c)}?pesan=tarik`, 303);
  });

  // ——— answer once, publish for all ———
  const publishPage = async (c: Context<Env>, values: FormData | null, errors: FieldErrors) => {
    const actor = c.get('actor');
    const r = await svc.loadForStaff(ctx.db, actor, id(c), 'ppid.request.view');
    if (!states.publishable(actor, r)) throw new AppError('not_found');
    if (Object.keys(errors).length) c.status(422);
    const v = values ?? { ...(await states.publishDefaults(ctx, r)), made_when: String(r.year), made_where: r.unit_name ?? '' };
    return c.html(<PublishPage c={c} action={`${QUEUE_PATH}/${r.id}/dip`} number={r.number} values={v} errors={errors} />);
  };
  app.get(`${QUEUE_PATH}/:id{[0-9]+}/dip`, async (c) => {
    authorize(c, 'ppid.dip.manage');
    return publishPage(c, null, {});
  });
  app.post(`${QUEUE_PATH}/:id{[0-9]+}/dip`, async (c) => {
    let fields: FormData;
    let file;
    try {
      const up = await parseUpload(c, { module: 'ppid', kind: 'released', action: 'ppid.dip.manage' });
      fields = up.fields;
      file = up.files[0];
    } catch (e) {
      if (!(e instanceof UploadError)) throw e;
      return publishPage(c, e.values, e.fields);
    }
    const r = validate(PublishForm, fields);
    if (!r.ok) return publishPage(c, fields, r.errors);
    const made = await states.publishAsDip(ctx, c.get('actor'), actorFromRequest(c), id(c), r.data, file);
    if (!made.ok) return publishPage(c, fields, made.errors);
    return c.redirect(`${QUEUE_PATH}/${id(c)}?pesan=dip`, 303);
  });
}
