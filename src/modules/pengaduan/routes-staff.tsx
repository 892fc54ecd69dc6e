/** @jsxImportSource hono/jsx */
// The officer and operator side of complaints: the unit's queue (/petugas/pengaduan), one
// complaint with the steps its state allows (/petugas/pengaduan/{id}, every step through
// workflow.ts), and operator filing on behalf of a caller (/petugas/pengaduan/baru). Thin: parse →
// authorize → one service call → render or 303.
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { can, scopePaths } from '../../platform/access/can.ts';
import { authorize } from '../../platform/access/guard.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import { parseUpload, saveFiles, serveFile, UploadError } from '../../platform/files/index.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseForm, parseQuery, query, validate, type FieldErrors, type FormData } from '../../platform/http/input.ts';
import { handlerView } from './public.ts';
import * as repo from './repo.ts';
import { createComplaint, PUBLIC_ID } from './service.ts';
import { isOverdue, mayHandle, mayValidate, stepsFrom, takeStep, type Step } from './workflow.ts';
import { NEW_PATH, STAFF_PATH } from './views/staff-common.tsx';
import { QueuePage } from './views/staff-queue.tsx';
import { mapAttribution, mapEnabled, regionMap } from './map/index.ts';
import { DetailPage, STEP_PATHS, type StaffStep } from './views/staff-detail.tsx';
import { NewPage, OPERATOR_CHANNELS } from './views/staff-new.tsx';
import { INBOUND_PREFIX, inboundRoutes, inboundSettings, normalisePhone } from './inbound.ts';
import { ensureEscalateJob, ESCALATE_JOB, escalateJob, escalationSettings, escalationTemplates } from './escalation.ts';
import { staffLocales } from './locales-staff.ts';
import { LAPOR_JOB, laporEnabled, laporForwardJob, laporSettings, queueForLapor } from './lapor/index.ts';

const Key = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'field.invalid');
const text = (max: number) => z.string().trim().max(max, 'field.too_long');
const required = (max: number) => z.string().trim().min(1, 'pengaduan.staff.error.note_required').max(max, 'field.too_long');

const QueueQuery = z.object({
  status: z.enum(['open', 'all', ...repo.STATES]).optional().catch(undefined),
  kategori: z.string().max(60).optional(),
  terlambat: z.enum(['1']).optional().catch(undefined),
});
const DetailQuery = z.object({ templat: z.string().max(60).optional(), pesan: z.enum(['langkah', 'lapor']).optional().catch(undefined) });
const PhotoQuery = z.object({ ukuran: z.enum(['kecil']).optional().catch(undefined) });
const Id = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

const StepForms = {
  verify: z.object({ key: Key, verify_note: text(5000).default('') }),
  reject: z.object({ key: Key, reason: z.enum(['not_complaint', 'duplicate'], 'field.required'), duplicate_of: text(20).default(''), reject_note: required(5000) }),
  disposition: z.object({ key: Key, unit: z.coerce.number({ error: 'field.required' }).int().min(1, 'field.required'), disposition_note: required(5000) }),
  start: z.object({ key: Key, start_note: text(5000).default('') }),
  report_follow_up: z.object({ key: Key, follow_up_note: required(5000) }),
  accept_follow_up: z.object({ key: Key, accept_note: text(5000).default('') }),
  reject_follow_up: z.object({ key: Key, return_note: required(5000) }),
} satisfies Record<StaffStep, z.ZodType>;

const NewForm = z.object({
  key: Key,
  channel: z.enum(OPERATOR_CHANNELS, 'field.required'),
  category: z.string().min(1, 'field.required').max(60),
  kelurahan: z.union([z.literal(''), z.coerce.number().int().min(1)]).default(''),
  address: text(300).default(''),
  description: required(5000).refine((s) => s.length > 0, 'field.required'),
  name: text(120).default(''),
  phone: text(20).default('').refine((s) => !s || normalisePhone(s) !== null, 'pengaduan.staff.error.phone'),
  email: text(200).default('').refine((s) => !s || z.email().safeParse(s).success, 'pengaduan.staff.error.email'),
  anonim: z.enum(['1']).optional(),
  rahasia: z.enum(['1']).optional(),
  lapor: z.enum(['1']).optional(),
});

export function staffRoutes(app: Hono<Env>, ctx: AppContext): void {
  const scope = (c: Context<Env>): repo.QueueScope => ({
    handle: scopePaths(c.get('actor'), 'pengaduan.handle'),
    validate: scopePaths(c.get('actor'), 'pengaduan.validate'),
  });

  app.get(STAFF_PATH, query('status', 'kategori', 'terlambat'), async (c) => {
    authorize(c, 'pengaduan.queue');
    const q = parseQuery(c, QueueQuery);
    const s = scope(c);
    const [rows, counts, categories] = await Promise.all([
      repo.queueOf(ctx.db, s, { state: q.status, category: q.kategori || undefined, overdue: q.terlambat === '1', now: ctx.clock.now() }),
      repo.queueCounts(ctx.db, s),
      repo.categories(ctx.db, { all: true }),
    ]);
    // the queue's map: the points of the rows shown (an anonim reporter is never part of a row)
    const points = mapEnabled(ctx) ? await repo.pointsOf(ctx.db, rows.map((r) => r.id)) : new Map<number, { lat: number; lng: number }>();
    const map = points.size ? { region: await regionMap(ctx), attribution: mapAttribution(ctx) } : undefined;
    return c.html(<QueuePage c={c} rows={rows} counts={counts} categories={categories} q={q} canFile={can(c.get('actor'), 'pengaduan.operate')} map={map} points={points} />);
  });

  // ---- operator filing
  const newPage = async (c: Context<Env>, values: FormData, errors: FieldErrors, filed?: string) => {
    const [categories, areas] = await Promise.all([repo.categories(ctx.db), repo.areas(ctx.db)]);
    const kec = new Map(areas.filter((a) => a.kind === 'kecamatan').map((a) => [a.id, a.name]));
    const options = areas.filter((a) => a.kind !== 'kecamatan').map((a) => ({ value: String(a.id), label: a.name, group: kec.get(a.parentId ?? 0) ?? '' }));
    return c.html(<NewPage c={c} categories={categories} areas={options} values={values} errors={errors} filed={filed} lapor={laporEnabled(ctx)} />, Object.keys(errors).length ? 422 : 200);
  };

  app.get(NEW_PATH, query('nomor'), async (c) => {
    authorize(c, 'pengaduan.operate');
    const { nomor } = parseQuery(c, z.object({ nomor: z.string().regex(PUBLIC_ID).optional().catch(undefined) }));
    return newPage(c, {}, {}, nomor);
  });

  app.post(NEW_PATH, async (c) => {
    authorize(c, 'pengaduan.operate');
    const r = await parseForm(c, NewForm);
    if (!r.ok) return newPage(c, r.values, r.errors);
    const d = r.data;
    const actor = c.get('actor');
    // the calendar's first load reads through ctx.db: before createComplaint's transaction
    await ctx.calendar.timeZone();
    try {
      const input = {
        categoryCode: d.category, description: d.description, kelurahanId: d.kelurahan === '' ? null : d.kelurahan, address: d.address,
        reporterName: d.name || null, contactPhone: d.phone ? normalisePhone(d.phone) : null, contactEmail: d.email || null,
        anonim: d.anonim === '1', rahasia: d.rahasia === '1', channel: d.channel, filedBy: actor.kind === 'staff' ? actor.userId : null,
        idempotencyKey: `operator:${d.key}`,
      };
      const audit = actorFromRequest(c);
      const filed = await ctx.db.transaction().execute(async (tx) => {
        const f = await createComplaint(ctx, input, { tx, actor: audit });
        if (f.created && d.lapor === '1' && laporEnabled(ctx)) await queueForLapor(tx, f.id, f.routedUnit.id, audit, ctx.clock.now());
        return f;
      });
      return c.redirect(`${NEW_PATH}?nomor=${filed.publicId}`, 303);
    } catch (e) {
      if (e instanceof AppError && e.code === 'pengaduan.unknown_category') return newPage(c, r.values, { category: 'field.required' });
      if (e instanceof AppError && e.code === 'pengaduan.bad_location') return newPage(c, r.values, { kelurahan: 'pengaduan.error.bad_location' });
      throw e;
    }
  });

  // ---- one complaint
  /** The complaint named in the path as this officer may see it; otherwise 404, as if it did not exist. */
  const visible = async (c: Context<Env>) => {
    authorize(c, 'pengaduan.queue');
    const id = Id.safeParse(c.req.param('id'));
    const k = id.success ? await handlerView(ctx.db, c.get('actor'), id.data) : undefined;
    if (!k) throw new AppError('not_found', 'error.not_found');
    return k;
  };

  const detail = async (c: Context<Env>, id: number, extra: { template?: string; values?: FormData; errors?: FieldErrors; message?: string } = {}) => {
    const actor = c.get('actor');
    const k = (await handlerView(ctx.db, actor, id))!;
    const [categories, timeline, photos, units] = await Promise.all([
      repo.categories(ctx.db, { all: true }), repo.updatesOf(ctx.db, id, { publicOnly: false }), repo.reportPhotos(ctx.db, id), repo.dispositionTargets(ctx.db),
    ]);
    const steps = [...(mayHandle(actor, k) ? stepsFrom(k.state, 'handler') : []), ...(mayValidate(actor, k) ? stepsFrom(k.state, 'supervisor') : [])]
      .filter((s): s is StaffStep => s in STEP_PATHS);
    return c.html(
      <DetailPage c={c} complaint={k} category={categories.find((x) => x.code === k.categoryCode)} timeline={timeline} photos={photos} steps={steps}
        overdue={isOverdue(k, ctx.clock.now())}
        lapor={laporEnabled(ctx) && mayHandle(actor, k) && !k.externalRef && !timeline.some((u) => u.kind === 'lapor_queued') && k.state !== 'rejected' && k.state !== 'closed'} units={units.map((u) => ({ value: String(u.id), label: u.name }))} {...extra} />,
      extra.errors && Object.keys(extra.errors).length ? 422 : 200,
    );
  };

  app.get(`${STAFF_PATH}/:id{[0-9]+}`, query('templat', 'pesan'), async (c) => {
    const k = await visible(c);
    const q = parseQuery(c, DetailQuery);
    return detail(c, k.id, { template: q.templat, message: q.pesan });
  });

  app.get(`${STAFF_PATH}/:id{[0-9]+}/foto/:file`, query('ukuran'), async (c) => {
    const k = await visible(c);
    const q = parseQuery(c, PhotoQuery);
    const file = c.req.param('file');
    const owner = await repo.photoComplaint(ctx.db, file);
    if (owner?.complaintId !== k.id) throw new AppError('not_found', 'error.not_found');
    const handles = mayHandle(c.get('actor'), k);
    return serveFile(c, file, handles ? 'pengaduan.handle' : 'pengaduan.validate', { unitPath: handles ? k.routedUnit.path : k.supervisorUnit.path },
      q.ukuran ? { variant: 'thumb' } : {});
  });

  app.post(`${STAFF_PATH}/:id{[0-9]+}/lapor`, async (c) => {
    const k = await visible(c);
    authorize(c, 'pengaduan.handle', { unitPath: k.routedUnit.path });
    if (!laporEnabled(ctx)) throw new AppError('not_found', 'error.not_found');
    const r = await parseForm(c, z.object({ key: Key }));
    if (!r.ok) throw new AppError('validation_failed', 'error.validation', r.errors);
    const audit = actorFromRequest(c);
    await ctx.db.transaction().execute(async (tx) => {
      const already = (await repo.updatesOf(tx, k.id, { publicOnly: false })).some((u) => u.kind === 'lapor_queued');
      if (!already && (await repo.claimSubmission(tx, `lapor:${r.data.key}`, k.id))) await queueForLapor(tx, k.id, k.routedUnit.id, audit, ctx.clock.now());
    });
    return c.redirect(`${STAFF_PATH}/${k.id}?pesan=lapor`, 303);
  });

  for (const [kind, spec] of Object.entries(STEP_PATHS) as [StaffStep, (typeof STEP_PATHS)[StaffStep]][]) {
    app.post(`${STAFF_PATH}/:id{[0-9]+}/${spec.path}`, async (c) => {
      const k = await visible(c);
      const by = { actor: c.get('actor'), audit: actorFromRequest(c) };
      const again = (values: FormData, errors: FieldErrors) => detail(c, k.id, { values: { ...values, _step: kind }, errors });
      let values: FormData;
      let uploads: Awaited<ReturnType<typeof parseUpload>>['files'] = [];
      if (kind === 'report_follow_up') {
        try {
          const up = await parseUpload(c, { module: 'pengaduan', kind: 'photo', action: 'pengaduan.handle', subject: { unitPath: k.routedUnit.path } });
          values = up.fields;
          uploads = up.files;
        } catch (e) {
          if (e instanceof UploadError) return again(e.values, e.fields);
          throw e;
        }
      } else {
        values = (await parseForm(c, z.any())).values;
      }
      const r = validate(StepForms[kind] as z.ZodType<Record<string, unknown>>, values);
      if (!r.ok) return again(r.values, r.errors);
      const d = r.data as Record<string, string | number>;
      const note = String(d[spec.note] ?? '');
      let step: Step;
      switch (kind) {
        case 'verify': step = { kind, note }; break;
        case 'start': step = { kind, note }; break;
        case 'accept_follow_up': step = { kind, note }; break;
        case 'reject_follow_up': step = { kind, note }; break;
        case 'disposition': {
          if (!(await repo.unitById(ctx.db, Number(d.unit)))) return again(values, { unit: 'pengaduan.error.unknown_unit' });
          step = { kind, note, toUnitId: Number(d.unit) };
          break;
        }
        case 'reject': {
          let duplicateOf: number | undefined;
          if (d.reason === 'duplicate') {
            const ref = String(d.duplicate_of).toUpperCase();
            const orig = PUBLIC_ID.test(ref) ? await repo.complaintByPublicId(ctx.db, ref) : undefined;
            if (!orig || orig.id === k.id) return again(values, { duplicate_of: 'pengaduan.staff.error.duplicate_of' });
            duplicateOf = orig.id;
          }
          step = { kind, reason: d.reason as 'not_complaint' | 'duplicate', note, duplicateOf };
          break;
        }
        case 'report_follow_up': {
          const files = uploads;
          step = {
            kind, note,
            saveUploads: async (tx) => (await saveFiles(ctx, tx, files, { uploadedBy: by.actor.kind === 'staff' ? by.actor.userId : null, unitId: k.routedUnit.id })).map((f) => f.id),
          };
          break;
        }
      }
      await ctx.calendar.timeZone();
      await takeStep(ctx, k.id, step, { ...by, key: String(d.key) });
      // after a hand-over the complaint may be out of this officer's sight: back to the queue then
      const still = await handlerView(ctx.db, by.actor, k.id);
      return c.redirect(still ? `${STAFF_PATH}/${k.id}?pesan=langkah` : STAFF_PATH, 303);
    });
  }
}


/**
 * The staff side as the pieces the manifest (module.ts) spreads in: permissions, the operator role,
 * the menu entry, settings, the escalation job and its templates, the gateway paths, the routes.
 */
export const staffSide = {
  permissions: {
    // the queue: anyone who handles or validates complaints somewhere
    'pengaduan.queue': { roles: ['officer', 'approver', 'unit_admin', 'platform_admin'] },
    // operator filing on behalf of a caller (call center, counter, SMS/WA and social-media desks)
    'pengaduan.operate': { roles: ['pengaduan_operator', 'officer', 'unit_admin', 'platform_admin'] },
    // the gateway webhooks: public, the request's signature is checked in the route
    'pengaduan.inbound': { public: true },
  },
  roles: { pengaduan_operator: { label: 'pengaduan.staff.role.operator', hint: 'pengaduan.staff.role.operator.hint' } },
  nav: { href: STAFF_PATH, label: 'pengaduan.staff.nav', order: 30, action: 'pengaduan.queue' },
  settings: { ...inboundSettings, ...escalationSettings, ...laporSettings },
  templates: escalationTemplates,
  jobs: { [ESCALATE_JOB]: escalateJob, [LAPOR_JOB]: laporForwardJob },
  paths: { machine: [INBOUND_PREFIX], json: [INBOUND_PREFIX] },
  locales: staffLocales,
  routes(app: Hono<Env>, ctx: AppContext) {
    staffRoutes(app, ctx);
    inboundRoutes(app, ctx);
  },
  seed: ensureEscalateJob,
};
