/** @jsxImportSource hono/jsx */
// The public and reporter pages of complaints. Thin: parse → authorize → public-flow/public/service
// → render or redirect. Complaints reach a page only through publicComplaint/publicList (public.ts)
// or, for the reporter and handling staff, through public-flow.ts (pageView, byFollowToken).
import type { Context, Hono } from 'hono';
import { authorize } from '../../platform/access/guard.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import { startOfLocalDay, addDays } from '../../platform/calendar/working-days.ts';
import { randomToken } from '../../platform/crypto.ts';
import { parseUpload, saveFiles, serveFile, UploadError } from '../../platform/files/index.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseForm, parseQuery, query, readForm, validate, type FieldErrors, type FormData } from '../../platform/http/input.ts';
import { atomFeed } from './feeds.ts';
import { publicList } from './public.ts';
import * as flow from './public-flow.ts';
import { AnswerForm, FeedQuery, FollowForm, ListQuery, PageQuery, PhotoQuery, TrackQuery, PublicIdParam, StepOneForm, StepTwoForm, TokenParam, parseContact, type StepOne } from './public-schema.ts';
import * as repo from './repo.ts';
import { createComplaint, resolveLocation, type Filed } from './service.ts';
import { similarOpen } from './similar.ts';
import { checkPoint, mapAttribution, mapEnabled, regionMap } from './map/index.ts';
import type { MapConfig } from './map/views.tsx';
import { RatePage, RatedPage, RatingForm, answerInvitation } from '../satisfaction/module.ts';
import { ComplaintPage, FollowPage, type ReporterPart } from './views/public-complaint.tsx';
import { NEW_PATH, SEND_PATH, StepOnePage, StepTwoPage } from './views/public-form.tsx';
import { FEED_PATH, LIST_PATH, ListPage, feedHref } from './views/public-list.tsx';

const PAGE_SIZE = 25;
const FEED_SIZE = 50;
const VIEW = 'pengaduan.view_public';
const FILE = 'pengaduan.file';

export function publicRoutes(app: Hono<Env>, ctx: AppContext) {
  const options = (c: Context<Env>) => flow.formOptions(ctx.db, c.get('locale'));
  const signedIn = (c: Context<Env>) => c.get('actor').kind === 'citizen';
  const map = async (): Promise<MapConfig | undefined> => (mapEnabled(ctx) ? { region: await regionMap(ctx), attribution: mapAttribution(ctx) } : undefined);

  // ---- list, feed

  app.get(LIST_PATH, query('kategori', 'kecamatan', 'status', 'dari', 'sampai', 'hal'), async (c) => {
    authorize(c, VIEW);
    const f = parseQuery(c, ListQuery);
    const opts = await options(c);
    const kec = f.kecamatan ? opts.kecamatan.find((k) => k.code === f.kecamatan) : undefined;
    const tz = await ctx.calendar.timeZone();
    const from = f.dari ? startOfLocalDay(f.dari, tz) : undefined;
    const to = f.sampai ? startOfLocalDay(addDays(f.sampai, 1), tz) : undefined;
    const unknown = (f.kecamatan && !kec) || (f.kategori && !opts.categories.some((k) => k.code === f.kategori));
    const rows = unknown ? [] : await publicList(ctx.db, {
      category: f.kategori, kecamatanId: kec?.id, state: f.status, from, to, limit: PAGE_SIZE + 1, offset: (f.hal - 1) * PAGE_SIZE,
    });
    const now = ctx.clock.now();
    const period = { from: from ?? new Date(now.getTime() - 365 * 86_400_000), to: to ?? now };
    const figures = await flow.publicFigures(ctx, period.from, period.to);
    return c.html(
      <ListPage c={c} rows={rows.slice(0, PAGE_SIZE)} hasNext={rows.length > PAGE_SIZE} filter={f} categories={opts.categories}
        kecamatan={opts.kecamatan} figures={figures} period={period} map={await map()} />,
    );
  });

  app.get(FEED_PATH, query('kecamatan', 'kategori'), async (c) => {
    authorize(c, VIEW);
    const f = parseQuery(c, FeedQuery);
    const opts = await options(c);
    const kec = f.kecamatan ? opts.kecamatan.find((k) => k.code === f.kecamatan) : undefined;
    const cat = f.kategori ? opts.categories.find((k) => k.code === f.kategori) : undefined;
    if ((f.kecamatan && !kec) || (f.kategori && !cat)) throw new AppError('not_found');
    const rows = await publicList(ctx.db, { kecamatanId: kec?.id, category: cat?.code, limit: FEED_SIZE });
    const t = c.get('t');
    const what = [cat?.name, kec?.name].filter(Boolean).join(', ');
    const xml = atomFeed({
      baseUrl: ctx.config.baseUrl, self: feedHref({ kecamatan: kec?.code, kategori: cat?.code }),
      title: what ? t('pengaduan.public.feed', { what }) : t('pengaduan.public.feed', { what: t('pengaduan.public.feed_all') }),
      rows, categoryName: (code) => opts.categories.find((k) => k.code === code)?.name ?? code, stateName: (s) => t(`pengaduan.public.state.${s}`),
      epoch: new Date(0),
    });
    return c.body(xml, 200, { 'content-type': 'application/atom+xml; charset=utf-8' });
  });

  // ---- filing: page 1 (what and where), page 2 (similar reports, the rest, submit)

  app.get(NEW_PATH, async (c) => {
    authorize(c, FILE);
    return c.html(<StepOnePage c={c} options={await options(c)} values={{}} errors={{}} />);
  });

  /** Page 1's answers checked against the region's categories and areas: field errors, or none. */
  const checkStepOne = async (c: Context<Env>, values: FormData): Promise<{ ok: true; data: StepOne } | { ok: false; errors: FieldErrors }> => {
    const r = validate(StepOneForm, values);
    if (!r.ok) return r;
    const opts = await options(c);
    if (!opts.categories.some((k) => k.code === r.data.kategori)) return { ok: false, errors: { kategori: 'pengaduan.public.error.category' } };
    try {
      await resolveLocation(ctx.db, r.data.kecamatan, r.data.kelurahan);
    } catch (e) {
      if (e instanceof AppError && e.code === 'pengaduan.bad_location') return { ok: false, errors: { kelurahan: 'pengaduan.error.bad_location' } };
      throw e;
    }
    return r;
  };

  const stepTwo = async (c: Context<Env>, data: StepOne, values: FormData, errors: FieldErrors, status: 200 | 413 | 422, photoNotice = false) => {
    const similar = await similarOpen(ctx.db, { text: data.uraian, kecamatanId: data.kecamatan, categoryCode: data.kategori });
    c.status(status);
    return c.html(
      <StepTwoPage c={c} options={await options(c)} values={values} errors={errors} similar={similar} signedIn={signedIn(c)}
        formKey={values.kunci && /^[A-Za-z0-9_-]{16,64}$/.test(values.kunci) ? values.kunci : randomToken(18)} photoNotice={photoNotice} map={await map()} />,
    );
  };

  app.post(NEW_PATH, async (c) => {
    authorize(c, FILE);
    const values = await readForm(c);
    if (values.ubah) return c.html(<StepOnePage c={c} options={await options(c)} values={values} errors={{}} />);
    const checked = await checkStepOne(c, values);
    if (!checked.ok) {
      c.status(422);
      return c.html(<StepOnePage c={c} options={await options(c)} values={values} errors={checked.errors} />);
    }
    return stepTwo(c, checked.data, { ...values, kunci: '' }, {}, 200);
  });

  app.post(SEND_PATH, async (c) => {
    let up;
    try {
      up = await parseUpload(c, { module: 'pengaduan', kind: 'photo', action: FILE });
    } catch (e) {
      if (!(e instanceof UploadError)) throw e;
      const one = await checkStepOne(c, e.values);
      if (!one.ok) throw e;
      return stepTwo(c, one.data, e.values, { foto: Object.values(e.fields)[0] ?? 'error.validation' }, e.status === 413 ? 413 : 422);
    }
    const one = await checkStepOne(c, up.fields);
    if (!one.ok) {
      c.status(422);
      return c.html(<StepOnePage c={c} options={await options(c)} values={up.fields} errors={one.errors} />);
    }
    const v = validate(StepTwoForm, up.fields);
    const actor = c.get('actor');
    const contact = actor.kind === 'citizen' ? undefined : parseContact(up.fields.kontak ?? '');
    const errors: FieldErrors = v.ok ? {} : { ...v.errors };
    if (actor.kind !== 'citizen' && !contact) errors.kontak ??= 'pengaduan.public.error.contact';
    const point = mapEnabled(ctx) ? checkPoint((await regionMap(ctx)).bounds, up.fields.lintang, up.fields.bujur) : { ok: true as const, point: null };
    if (!point.ok) errors.lintang ??= point.error;
    if (!v.ok || !point.ok || Object.keys(errors).length) return stepTwo(c, one.data, up.fields, errors, 422, up.files.length > 0);
    const d = v.data;
    // the calendar's first load reads through ctx.db: before the transaction (PGlite has one connection)
    await ctx.calendar.timeZone();
    let filed: Filed | { id: number; publicId: string };
    try {
      filed = await ctx.db.transaction().execute(async (tx) => {
        // a repeated submit (double click, reload) answers the first complaint and stores no second set of photos
        const seen = await repo.submissionFor(tx, d.kunci);
        if (seen) return seen;
        const files = await saveFiles(ctx, tx, up.files, { uploadedBy: actor.kind === 'anonymous' ? null : actor.userId });
        return createComplaint(ctx, {
          categoryCode: d.kategori, description: d.uraian, kecamatanId: d.kecamatan, kelurahanId: d.kelurahan ?? null, address: d.alamat, lat: point.point?.lat ?? null, lng: point.point?.lng ?? null,
          anonim: d.privasi === 'anonim', rahasia: d.privasi === 'rahasia',
          reporterUserId: actor.kind === 'citizen' ? actor.userId : null,
          contactEmail: contact && 'email' in contact ? contact.email : null, contactPhone: contact && 'phone' in contact ? contact.phone : null,
          channel: 'web', idempotencyKey: d.kunci, photoFileIds: files.map((f) => f.id),
        }, { tx, actor: actorFromRequest(c) });
      });
    } catch (e) {
      const seen = e instanceof AppError && e.code === 'pengaduan.duplicate_submit' ? await repo.submissionFor(ctx.db, d.kunci) : undefined;
      if (!seen) throw e;
      filed = seen;
    }
    return c.redirect(`${flow.followHref(filed.publicId, flow.followToken(ctx.config.secret, filed))}?baru=1`, 303);
  });

  // ---- the reporter's page by follow link

  const byToken = async (c: Context<Env>) => {
    authorize(c, VIEW);
    const id = PublicIdParam.safeParse(c.req.param('publicId'));
    const token = TokenParam.safeParse(c.req.param('token'));
    const view = id.success && token.success ? await flow.byFollowToken(ctx, id.data, token.data) : undefined;
    if (!view) throw new AppError('not_found');
    // the link is the key: kept out of every cache and out of Referer headers
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    return view;
  };

  const categoryName = async (c: Context<Env>, code: string) => (await options(c)).categories.find((k) => k.code === code)?.name ?? code;

  const reporterPage = async (c: Context<Env>, view: { complaint: flow.ReporterView['complaint']; row: flow.ReporterView['row'] }, part: ReporterPart, message?: string, status: 200 | 422 = 200) => {
    c.status(status);
    return c.html(<ComplaintPage c={c} p={view.complaint} rahasia={view.row.rahasia} categoryName={await categoryName(c, view.row.categoryCode)} reporter={part} message={message} />);
  };

  const tokenPart = (view: flow.ReporterView, justFiled: boolean, values: FormData = {}, errors: FieldErrors = {}): ReporterPart => {
    const href = flow.followHref(view.row.publicId, view.token);
    return { action: href, followUrl: `${ctx.config.baseUrl.replace(/\/$/, '')}${href}`, photoBase: `${href}/foto`, justFiled, verifyDueAt: view.row.verifyDueAt, values, errors };
  };

  app.get('/pengaduan/lacak/:publicId/:token', query('baru', 'pesan'), async (c) => {
    const view = await byToken(c);
    const q = parseQuery(c, TrackQuery);
    const inv = await flow.ratingFor(ctx, view);
    const part = tokenPart(view, q.baru === '1');
    return reporterPage(c, view, inv && !inv.response_id ? { ...part, rateHref: `${part.action}/nilai` } : part, q.pesan);
  });

  // ---- the rating of a confirmed complaint for the follow link's holder (satisfaction, one per complaint)

  const rating = async (c: Context<Env>) => {
    const view = await byToken(c);
    const inv = await flow.ratingFor(ctx, view);
    if (!inv) throw new AppError('not_found');
    return { inv, action: `${flow.followHref(view.row.publicId, view.token)}/nilai` };
  };

  app.get('/pengaduan/lacak/:publicId/:token/nilai', query('pesan'), async (c) => {
    const { inv, action } = await rating(c);
    if (inv.response_id) return c.html(<RatedPage c={c} already={parseQuery(c, PageQuery).pesan !== 'terkirim'} />);
    return c.html(<RatePage c={c} reference={inv.reference_label} action={action} values={{}} errors={{}} />);
  });

  app.post('/pengaduan/lacak/:publicId/:token/nilai', async (c) => {
    const { inv, action } = await rating(c);
    const r = await parseForm(c, RatingForm);
    if (!r.ok) {
      c.status(422);
      return c.html(<RatePage c={c} reference={inv.reference_label} action={action} values={r.values} errors={r.errors} />);
    }
    const { comment, ...scores } = r.data;
    if (!(await answerInvitation(ctx.db, inv, scores, comment))) {
      // a second submit (another tab, a retry): the first rating stands
      c.status(409);
      return c.html(<RatedPage c={c} already />);
    }
    return c.redirect(`${action}?pesan=terkirim`, 303);
  });

  const answer = async (c: Context<Env>, view: { row: flow.ReporterView['row'] }, tokenHolder: boolean, again: (values: FormData, errors: FieldErrors) => Promise<Response>, back: string) => {
    const r = await parseForm(c, AnswerForm);
    if (!r.ok) return again(r.values, r.errors);
    const done = r.data.selesai === 'ya';
    await flow.answerResolved(ctx, view.row, done ? { done: true } : { done: false, reason: r.data.alasan }, { actor: c.get('actor'), audit: actorFromRequest(c), tokenHolder });
    // yes by the follow link: the rating comes next (a signed-in owner is invited to /penilaian)
    if (done && tokenHolder) return c.redirect(`${back}/nilai`, 303);
    return c.redirect(`${back}?pesan=${done ? 'dijawab' : 'dibuka'}`, 303);
  };

  app.post('/pengaduan/lacak/:publicId/:token', async (c) => {
    const view = await byToken(c);
    return answer(c, view, true, (values, errors) => reporterPage(c, view, tokenPart(view, false, values, errors), undefined, 422), flow.followHref(view.row.publicId, view.token));
  });

  /** A photo of this complaint, when it is a report photo or one of a public update. */
  const photo = async (c: Context<Env>, row: { id: number }, mayView: boolean) => {
    const fileId = c.req.param('fileId') ?? '';
    const q = parseQuery(c, PhotoQuery);
    const p = /^[A-Za-z0-9_-]{22}$/.test(fileId) ? await repo.photoPrivacy(ctx.db, fileId) : undefined;
    const ok = mayView && p && p.complaintId === row.id && (p.updateId === null || p.updatePublic === true);
    return serveFile(c, fileId, VIEW, ok ? {} : () => undefined, q.ukuran ? { variant: 'thumb' } : {});
  };

  app.get('/pengaduan/lacak/:publicId/:token/foto/:fileId', query('ukuran'), async (c) => {
    const view = await byToken(c);
    return photo(c, view.row, true);
  });

  // ---- the public page (rahasia: only the signed-in reporter and the handling/validating staff)

  const pageView = async (c: Context<Env>) => {
    authorize(c, VIEW);
    const id = PublicIdParam.safeParse(c.req.param('publicId'));
    const view = id.success ? await flow.pageView(ctx, c.get('actor'), id.data) : undefined;
    if (!view) throw new AppError('not_found');
    if (view.row.rahasia) c.header('cache-control', 'no-store');
    return view;
  };

  const ownerPart = (row: flow.ReporterView['row'], values: FormData = {}, errors: FieldErrors = {}): ReporterPart => ({
    action: `/pengaduan/${row.publicId}/jawab`, photoBase: `/pengaduan/${row.publicId}/foto`, justFiled: false, verifyDueAt: row.verifyDueAt, values, errors,
  });

  app.get('/pengaduan/:publicId', query('pesan'), async (c) => {
    const view = await pageView(c);
    const q = parseQuery(c, PageQuery);
    const owner = flow.isOwner(c.get('actor'), view.row);
    const part = owner ? ownerPart(view.row) : undefined;
    return c.html(<ComplaintPage c={c} p={view.complaint} rahasia={view.row.rahasia} categoryName={await categoryName(c, view.row.categoryCode)}
      reporter={part ? { ...part, photoBase: `/pengaduan/${view.row.publicId}/foto` } : undefined} message={q.pesan} />);
  });

  app.get('/pengaduan/:publicId/foto/:fileId', query('ukuran'), async (c) => {
    const view = await pageView(c);
    return photo(c, view.row, true);
  });

  app.post('/pengaduan/:publicId/jawab', async (c) => {
    const view = await pageView(c);
    if (!flow.isOwner(c.get('actor'), view.row)) throw new AppError('not_found');
    return answer(c, view, false, (values, errors) => reporterPage(c, view, ownerPart(view.row, values, errors), undefined, 422), `/pengaduan/${view.row.publicId}`);
  });

  // "+1 ikuti": follow an open public report instead of filing it again
  app.post('/pengaduan/:publicId/ikuti', async (c) => {
    authorize(c, FILE);
    const id = PublicIdParam.safeParse(c.req.param('publicId'));
    if (!id.success) throw new AppError('not_found');
    const r = await parseForm(c, FollowForm);
    const actor = c.get('actor');
    const contact = actor.kind === 'citizen' ? undefined : parseContact(r.values.kontak ?? '');
    if (actor.kind !== 'citizen' && !contact) {
      if (!(await flow.pageView(ctx, actor, id.data))) throw new AppError('not_found');
      c.status(422);
      return c.html(<FollowPage c={c} publicId={id.data} values={r.values} errors={{ kontak: 'pengaduan.public.error.contact' }} />);
    }
    const who = actor.kind === 'citizen' ? { userId: actor.userId } : { contact: contact && ('email' in contact ? contact.email : contact.phone) };
    const counted = await flow.followPublic(ctx, id.data, who);
    if (counted === undefined) throw new AppError('not_found');
    return c.redirect(`/pengaduan/${id.data}?pesan=diikuti`, 303);
  });
}
