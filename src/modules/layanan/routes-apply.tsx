/** @jsxImportSource hono/jsx */
// The citizen's pages: applying (/layanan/{slug}/ajukan/…, signed-in citizens; others go to the
// sign-in page and come back), an attachment served to its owner (/layanan/berkas/{id}), and the
// tracking and own-applications pages (routes-track.tsx). Thin: parse → authorize → apply.ts → view.
import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { authorize } from '../../platform/access/guard.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import { parseUpload, serveFile, UploadError, type Upload } from '../../platform/files/index.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseForm, type FieldErrors, type FormData } from '../../platform/http/input.ts';
import { updateSessionData } from '../../platform/http/session.ts';
import * as apply from './apply.ts';
import { fileOwner } from './apply-repo.ts';
import { SlugParam } from './schema.ts';
import * as service from './service.ts';
import type { ServiceRow } from './service.ts';
import { applyHref, CheckPage, DoneGonePage, DonePage, FieldsStepPage, UnitStepPage } from './views/apply-form.tsx';

type C = Context<Env>;
const UnitForm = z.object({ unit: z.string().max(20).default(''), aksi: z.string().max(20).optional() });
const PageForm = z.record(z.string(), z.string());
const SubmitForm = z.object({
  kunci: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'field.invalid'),
  pernyataan: z.string('layanan.apply.declaration_required').refine((v) => v === '1', 'layanan.apply.declaration_required'),
});
const DONE = 'layananDone';

export function applyRoutes(app: Hono<Env>, ctx: AppContext) {
  const citizen = async (c: C) => {
    authorize(c, 'layanan.apply');
    const slug = SlugParam.safeParse(c.req.param('slug'));
    const s = slug.success ? await service.publicService(ctx.db, slug.data) : undefined;
    if (!s) throw new AppError('not_found');
    const actor = c.get('actor');
    if (actor.kind !== 'citizen') throw new AppError('forbidden', 'error.forbidden');
    return { s, userId: actor.userId };
  };

  const stepIndex = (s: ServiceRow, slug: string): number => {
    const i = apply.stepsOf(s).findIndex((st) => apply.stepSlug(st) === slug);
    if (i < 0) throw new AppError('not_found');
    return i;
  };

  const render = async (c: C, s: ServiceRow, userId: number, index: number, over: { values?: FormData; errors?: FieldErrors; params?: Record<string, string | number>; status?: number } = {}) => {
    const steps = apply.stepsOf(s);
    const st = steps[index];
    const d = await apply.loadDraft(ctx, userId, s);
    const errors = over.errors ?? {};
    c.status((over.status ?? 200) as 200);
    if (st.key === 'page') {
      const profile = await apply.profileOf(ctx, userId);
      return c.html(<FieldsStepPage c={c} s={s} steps={steps} index={index} step={st} values={over.values ?? d.answers} profile={profile} files={d.files} errors={errors} params={over.params} />);
    }
    const kec = Number(d.answers._kecamatan ?? 0);
    const options = st.key === 'kecamatan' ? await apply.kecamatanList(ctx) : await apply.kelurahanOf(ctx, kec);
    const value = over.values?.unit ?? (st.key === 'kecamatan' ? d.answers._kecamatan : d.answers._unit) ?? '';
    const kecamatanName = st.key === 'kelurahan' ? (await apply.unitById(ctx, kec))?.name : undefined;
    return c.html(<UnitStepPage c={c} s={s} steps={steps} index={index} kind={st.key} options={options} value={value} kecamatanName={kecamatanName} errors={errors} />);
  };

  /** where a completed step leads: the next one, or the check page when every step is done */
  const next = (s: ServiceRow, d: apply.Draft, index: number) => {
    const steps = apply.stepsOf(s);
    return applyHref(s.slug, index + 1 >= steps.length || d.done >= steps.length ? 'periksa' : apply.stepSlug(steps[index + 1]));
  };
  const back = (s: ServiceRow, index: number) => (index === 0 ? applyHref(s.slug, apply.stepSlug(apply.stepsOf(s)[0])) : applyHref(s.slug, apply.stepSlug(apply.stepsOf(s)[index - 1])));

  app.get('/layanan/:slug/ajukan', async (c) => {
    const { s, userId } = await citizen(c);
    const d = await apply.loadDraft(ctx, userId, s);
    const at = apply.firstIncomplete(s, d, await apply.profileOf(ctx, userId), ctx.clock.now());
    return c.redirect(applyHref(s.slug, at === undefined ? 'periksa' : apply.stepSlug(apply.stepsOf(s)[at])), 303);
  });

  app.get('/layanan/:slug/ajukan/periksa', async (c) => {
    const { s, userId } = await citizen(c);
    return checkPage(c, s, userId, {});
  });

  const checkPage = async (c: C, s: ServiceRow, userId: number, errors: FieldErrors, status = 200) => {
    const d = await apply.loadDraft(ctx, userId, s);
    const profile = await apply.profileOf(ctx, userId);
    const at = apply.firstIncomplete(s, d, profile, ctx.clock.now());
    if (at !== undefined) return c.redirect(applyHref(s.slug, apply.stepSlug(apply.stepsOf(s)[at])), 303);
    const [kec, unit] = await Promise.all([d.answers._kecamatan ? apply.unitById(ctx, Number(d.answers._kecamatan)) : undefined, d.answers._unit ? apply.unitById(ctx, Number(d.answers._unit)) : undefined]);
    c.status(status as 200);
    return c.html(<CheckPage c={c} s={s} steps={apply.stepsOf(s)} draft={d} profile={profile} units={{ kecamatan: kec?.name, unit: unit?.name }} errors={errors} idemKey={randomBytes(18).toString('base64url')} />);
  };

  app.post('/layanan/:slug/ajukan/periksa', async (c) => {
    const { s, userId } = await citizen(c);
    const r = await parseForm(c, SubmitForm);
    if (!r.ok) return checkPage(c, s, userId, r.errors, 422);
    const done = await apply.submitDraft(ctx, s, { userId, key: r.data.kunci, locale: c.get('locale'), actor: actorFromRequest(c) });
    if ('incomplete' in done) return c.redirect(applyHref(s.slug, apply.stepSlug(apply.stepsOf(s)[done.incomplete])), 303);
    await updateSessionData(c, { [DONE]: done.box });
    return c.redirect(applyHref(s.slug, 'selesai'), 303);
  });

  // the number and PIN, once: carried sealed in the session from the submit, removed when shown
  app.get('/layanan/:slug/ajukan/selesai', async (c) => {
    const { s } = await citizen(c);
    const box = (c.get('session')?.data)?.[DONE];
    if (typeof box !== 'string') return c.html(<DoneGonePage c={c} />);
    await updateSessionData(c, { [DONE]: null });
    const v = apply.openDone(ctx.config.secret, box);
    return c.html(<DonePage c={c} s={s} tracking={v.tracking} pin={v.pin} />);
  });

  app.get('/layanan/:slug/ajukan/:step', async (c) => {
    const { s, userId } = await citizen(c);
    const index = stepIndex(s, c.req.param('step'));
    const d = await apply.loadDraft(ctx, userId, s);
    // no skipping ahead: a step after the first unanswered one sends there
    const at = apply.firstIncomplete(s, d, await apply.profileOf(ctx, userId), ctx.clock.now());
    if (at !== undefined && index > at) return c.redirect(applyHref(s.slug, apply.stepSlug(apply.stepsOf(s)[at])), 303);
    return render(c, s, userId, index);
  });

  app.post('/layanan/:slug/ajukan/:step', async (c) => {
    const { s, userId } = await citizen(c);
    const index = stepIndex(s, c.req.param('step'));
    const st = apply.stepsOf(s)[index];
    if (st.key !== 'page') {
      const r = await parseForm(c, UnitForm);
      const goingBack = r.values.aksi === 'kembali';
      const d = await apply.loadDraft(ctx, userId, s);
      const options = st.key === 'kecamatan' ? await apply.kecamatanList(ctx) : await apply.kelurahanOf(ctx, Number(d.answers._kecamatan ?? 0));
      const ok = r.ok && options.some((o) => String(o.id) === r.data.unit);
      if (!ok) {
        if (goingBack) return c.redirect(back(s, index), 303);
        return render(c, s, userId, index, { values: r.values, errors: { unit: `layanan.apply.unit.${st.key}_required` }, status: 422 });
      }
      const unit = r.values.unit;
      const answers = st.key === 'kecamatan' ? { _kecamatan: unit, ...(d.answers._kecamatan !== unit ? { _unit: '' } : {}) } : { _unit: unit };
      const saved = await apply.saveStep(ctx, userId, s, index, answers, { completed: true });
      return c.redirect(goingBack ? back(s, index) : next(s, saved, index), 303);
    }

    const multipart = (c.req.header('content-type') ?? '').startsWith('multipart/form-data');
    let values: FormData;
    let uploads: Upload[] = [];
    let uploadErrors: FieldErrors = {};
    let params: Record<string, string | number> | undefined;
    let uploadStatus = 422;
    if (multipart) {
      try {
        const up = await parseUpload(c, { module: 'layanan', kind: apply.FILE_KIND, action: 'layanan.apply' });
        values = up.fields;
        const fileFields = new Set(st.page.fields.filter((f) => f.type === 'file').map((f) => f.name));
        uploads = up.files.filter((f) => fileFields.has(f.field));
      } catch (e) {
        if (!(e instanceof UploadError)) throw e;
        values = e.values;
        uploadErrors = e.fields;
        params = e.params;
        uploadStatus = e.status;
      }
    } else {
      const r = await parseForm(c, PageForm);
      values = r.values;
    }
    const goingBack = values.aksi === 'kembali';
    const profile = await apply.profileOf(ctx, userId);
    const d = await apply.loadDraft(ctx, userId, s);
    const v = apply.validatePage(st.page, values, { profile, hasFile: (f) => d.files.some((x) => x.field === f), uploaded: new Set(uploads.map((u) => u.field)), now: ctx.clock.now() });
    const errors = { ...v.errors, ...uploadErrors };
    const complete = !Object.keys(errors).length;
    // what was typed is kept (sealed in the draft), also on "Back" with gaps and beside a refused file
    const saved = await apply.saveStep(ctx, userId, s, index, v.answers, { completed: complete, uploads });
    if (goingBack) return c.redirect(back(s, index), 303);
    if (!complete) return render(c, s, userId, index, { values, errors, params, status: Object.keys(uploadErrors).length ? uploadStatus : 422 });
    return c.redirect(next(s, saved, index), 303);
  });

  // an attachment: to the owner of the draft or application (officers: the staff routes add their access)
  app.get('/layanan/berkas/:id', (c) =>
    serveFile(c, c.req.param('id'), 'layanan.file', async (f) => {
      const o = await fileOwner(ctx.db, f.id);
      const owner = o?.draft_user ?? o?.app_user;
      return o && owner ? { ownerId: Number(owner), ...(o.unit_path ? { unitPath: o.unit_path } : {}) } : undefined;
    }));
}
