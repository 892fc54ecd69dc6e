/** @jsxImportSource hono/jsx */
// /lacak (number + PIN, no account; POST only, never cached) and the citizen's own applications under
// /akun/permohonan: the list, one application with its timeline, "Perbaiki" while returned, the letter.
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { authorize, authorizeOr404 } from '../../platform/access/guard.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseForm, type FieldErrors, type FormData } from '../../platform/http/input.ts';
import { clientIp } from '../../platform/http/session.ts';
import * as mine from './mine.ts';
import { track, timeline } from './track.ts';
import { ApplicationPage, FixPage, fixableFields, MINE_PATH, mineHref, MyApplicationsPage, replaceableFiles } from './views/my-applications.tsx';
import { parseUpload, UploadError, type Upload } from '../../platform/files/index.ts';
import { FILE_KIND } from './apply.ts';
import { TRACK_PATH, TrackPage } from './views/track.tsx';

type C = Context<Env>;
const TrackForm = z.object({
  nomor: z.string().trim().min(1, 'layanan.track.number_required').max(40, 'field.too_long'),
  pin: z.string().trim().min(1, 'layanan.track.pin_required').max(12, 'field.too_long'),
});
const TrackingParam = z.string().regex(/^LYN-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
const noStore = (c: C) => c.header('cache-control', 'no-store');

export function trackRoutes(app: Hono<Env>, ctx: AppContext) {
  app.get(TRACK_PATH, (c) => {
    authorize(c, 'layanan.track');
    noStore(c);
    return c.html(<TrackPage c={c} values={{}} errors={{}} />);
  });

  app.post(TRACK_PATH, async (c) => {
    authorize(c, 'layanan.track');
    noStore(c);
    const r = await parseForm(c, TrackForm);
    const again = (errors: FieldErrors, status: number, params?: Record<string, string | number>) => {
      c.status(status as 422);
      return c.html(<TrackPage c={c} values={{ nomor: r.values.nomor ?? '' }} errors={errors} params={params} />);
    };
    if (!r.ok) return again(r.errors, 422);
    let found;
    try {
      found = await track(ctx, { tracking: r.data.nomor, pin: r.data.pin, ip: clientIp(c) });
    } catch (e) {
      if (e instanceof AppError && e.code === 'rate_limited') return again({ _: 'error.rate_limited' }, 429, { seconds: Number(e.params.seconds ?? 60) });
      throw e;
    }
    if (!found) return again({ nomor: 'layanan.track.not_found' }, 404);
    return c.html(<TrackPage c={c} values={{}} errors={{}} found={{ app: found, steps: await timeline(ctx, found.id) }} />);
  });

  const own = async (c: C) => {
    authorize(c, 'layanan.mine');
    const tn = TrackingParam.safeParse(c.req.param('tracking'));
    const a = tn.success ? await mine.byTracking(ctx, tn.data) : undefined;
    authorizeOr404(c, 'layanan.own', a && a.user_id !== null ? { ownerId: Number(a.user_id) } : undefined);
    return a!;
  };

  app.get(MINE_PATH, async (c) => {
    authorize(c, 'layanan.mine');
    const actor = c.get('actor');
    if (actor.kind !== 'citizen') throw new AppError('forbidden', 'error.forbidden');
    return c.html(<MyApplicationsPage c={c} apps={await mine.listOf(ctx, actor.userId)} />);
  });

  app.get(`${MINE_PATH}/:tracking`, async (c) => {
    const a = await own(c);
    return c.html(<ApplicationPage c={c} d={await mine.detail(ctx, a)} />);
  });

  // the letter itself, /akun/permohonan/{tracking}/surat.pdf, is served by routes-staff-apps.tsx (registered first)

  const fix = async (c: C, values: FormData | undefined, errors: FieldErrors, status = 200) => {
    const a = await own(c);
    if (a.state !== 'returned') return c.redirect(mineHref(a.tracking_number), 303);
    const d = await mine.detail(ctx, a);
    c.status(status as 200);
    return c.html(<FixPage c={c} d={d} values={values ?? d.answers} errors={errors} />);
  };

  app.get(`${MINE_PATH}/:tracking/perbaiki`, (c) => fix(c, undefined, {}));

  // the corrected answers and, on a service with attachments (a multipart form), any file replaced
  app.post(`${MINE_PATH}/:tracking/perbaiki`, async (c) => {
    const a = await own(c);
    const multipart = (c.req.header('content-type') ?? '').startsWith('multipart/form-data');
    let values: FormData;
    let uploads: Upload[] = [];
    let uploadErrors: FieldErrors = {};
    let uploadStatus = 422;
    if (multipart) {
      try {
        const up = await parseUpload(c, { module: 'layanan', kind: FILE_KIND, action: 'layanan.own', subject: { ownerId: Number(a.user_id) } });
        values = up.fields;
        uploads = up.files;
      } catch (e) {
        if (!(e instanceof UploadError)) throw e;
        values = e.values;
        uploadErrors = e.fields;
        uploadStatus = e.status;
      }
    } else {
      values = (await parseForm(c, z.record(z.string(), z.string()))).values;
    }
    if (a.state !== 'returned') return c.redirect(mineHref(a.tracking_number), 303);
    const d = await mine.detail(ctx, a);
    const fileFields = new Set(replaceableFiles(d.service).map((f) => f.name));
    const res = mine.checkFix(fixableFields(d.service), values, ctx.clock.now());
    const errors = { ...res.errors, ...uploadErrors };
    if (Object.keys(errors).length) return fix(c, values, errors, Object.keys(uploadErrors).length ? uploadStatus : 422);
    await mine.resubmit(ctx, a, { ...d.answers, ...res.answers }, actorFromRequest(c), uploads.filter((u) => fileFields.has(u.field)));
    return c.redirect(mineHref(a.tracking_number), 303);
  });
}
