/** @jsxImportSource hono/jsx */
// Pages of processing: the officer's queue and one application with its steps (/petugas/permohonan),
// the counter for walk-in citizens (/petugas/permohonan/baru) with its printable receipt, the
// attachments and the issued letter for staff in scope, and for the citizen the letter's download
// (/akun/permohonan/{tracking}/surat.pdf) and the claim of a counter application (/akun/permohonan/klaim).
// Thin: authorize → parse → one service call → render or redirect.
import crypto from 'node:crypto';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { can } from '../../platform/access/can.ts';
import { authorize } from '../../platform/access/guard.ts';
import { actorFromRequest } from '../../platform/audit/audit.ts';
import { serveDocument } from '../../platform/documents/index.ts';
import { serveFile } from '../../platform/files/index.ts';
import type { AppContext, Env } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { parseForm, parseQuery, query, readForm, type FieldErrors, type FormData } from '../../platform/http/input.ts';
import { assertNotLimited, recordFailure } from '../../platform/http/ratelimit.ts';
import { applicationById, applicationByTracking, fileLink } from './applications-repo.ts';
import { normalizeTracking, openPin } from './applications.ts';
import { checkCounterForm, claim, COUNTER, counterFor, counterServices, fileAtCounter } from './counter.ts';
import { detail, mayRead, PROCESS, queuePage, takeStep, type OfficerAction } from './staff-apps.ts';
import { STATES } from './workflow.ts';
import { appHref, ConflictPage, COUNTER_PATH, DetailPage, QUEUE_PATH, QueuePage } from './views/staff-apps.tsx';
import { ChooseServicePage, CLAIM_PATH, ClaimPage, CounterFormPage, MY_APPLICATIONS, ReceiptPage } from './views/staff-apps-counter.tsx';

export const CLAIM = 'layanan.claim';
export const OWN_LETTER = 'layanan.letter.own';
const CLAIM_LIMIT = { free: 5, windowSeconds: 900, baseDelaySeconds: 30 };

const Id = z.coerce.number().int().positive().max(2_147_483_647);
const Slug = z.string().regex(/^[a-z0-9-]{1,80}$/);
const QueueQ = z.object({
  status: z.enum(STATES).or(z.literal('')).catch('').default(''),
  layanan: z.string().regex(/^[a-z0-9-]{0,80}$/).catch('').default(''),
  terlambat: z.enum(['1']).optional().catch(undefined),
  hal: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
const Message = z.object({ pesan: z.enum(['verify', 'return', 'reject', 'forward', 'approve', 'sign', 'diklaim']).optional().catch(undefined) });
const ACTIONS = ['verify', 'return', 'reject', 'forward', 'approve', 'sign'] as const satisfies readonly OfficerAction[];
const StepForm = z.object({
  aksi: z.enum(ACTIONS, 'field.invalid'),
  status: z.enum(STATES, 'field.invalid'),
  alasan: z.string().trim().max(1000, 'field.too_long').default(''),
});
const ClaimForm = z.object({
  nomor: z.string().trim().min(1, 'field.required').max(40, 'field.too_long').refine((v) => !!normalizeTracking(v), 'layanan.officer.claim.tracking_invalid'),
  pin: z.string().trim().min(1, 'field.required').max(20, 'field.too_long'),
});

export function staffAppRoutes(app: Hono<Env>, ctx: AppContext) {
  const idParam = (c: Context<Env>) => {
    const r = Id.safeParse(c.req.param('id'));
    if (!r.success) throw new AppError('not_found', 'error.not_found');
    return r.data;
  };
  /** the application, if the officer may read it; else 404 as if it did not exist */
  const readable = async (c: Context<Env>) => {
    authorize(c, PROCESS);
    const d = await detail(ctx, c.get('actor'), idParam(c));
    if (!d) throw new AppError('not_found', 'error.not_found');
    return d;
  };

  // ---- the queue
  app.get(QUEUE_PATH, query('status', 'layanan', 'terlambat', 'hal'), async (c) => {
    authorize(c, PROCESS);
    const raw = parseQuery(c, QueueQ);
    const q = { state: raw.status, service: raw.layanan, overdue: raw.terlambat === '1', page: raw.hal };
    const data = await queuePage(ctx, c.get('actor'), q);
    return c.html(<QueuePage c={c} q={q} data={data} canCounter={can(c.get('actor'), COUNTER)} />);
  });

  // ---- the counter (before /:id)
  app.get(COUNTER_PATH, async (c) => {
    authorize(c, COUNTER);
    return c.html(<ChooseServicePage c={c} services={await counterServices(ctx, c.get('actor'))} />);
  });

  const counterService = async (c: Context<Env>) => {
    authorize(c, COUNTER);
    const slug = Slug.safeParse(c.req.param('slug'));
    const found = slug.success ? await counterFor(ctx, c.get('actor'), slug.data) : undefined;
    if (!found) throw new AppError('not_found', 'error.not_found');
    return found;
  };
  const counterForm = (c: Context<Env>, f: Awaited<ReturnType<typeof counterService>>, values: FormData, errors: FieldErrors, status: 200 | 422 = 200) => {
    c.status(status);
    return c.html(<CounterFormPage c={c} units={f.units} service={f.service} values={values} errors={errors} />);
  };

  app.get(`${COUNTER_PATH}/:slug`, async (c) => {
    const f = await counterService(c);
    return counterForm(c, f, { idem: crypto.randomBytes(12).toString('base64url') }, {});
  });

  app.post(`${COUNTER_PATH}/:slug`, async (c) => {
    const f = await counterService(c);
    const values = await readForm(c);
    const unit = f.units.find((u) => String(u.id) === values.unit);
    const checked = checkCounterForm(f.service, values, ctx.clock.now());
    const errors: FieldErrors = checked.ok ? {} : { ...checked.errors };
    if (!unit) errors.unit = 'field.invalid';
    if (!checked.ok || !unit) return counterForm(c, f, values, errors, 422);
    const actor = c.get('actor');
    if (actor.kind !== 'staff') throw new AppError('forbidden', 'error.forbidden');
    const idem = /^[A-Za-z0-9_-]{8,40}$/.test(values.idem ?? '') ? values.idem : '';
    const s = await fileAtCounter(ctx, actor, actorFromRequest(c), { service: f.service, unitId: unit.id, name: checked.name, nik: checked.nik, answers: checked.answers, idem });
    return c.redirect(`${appHref(s.id)}/tanda-terima`, 303);
  });

  // ---- one application
  app.get(`${QUEUE_PATH}/:id`, query('pesan'), async (c) => {
    const d = await readable(c);
    const m = parseQuery(c, Message);
    return c.html(<DetailPage c={c} d={d} service={d.service} message={m.pesan} />);
  });

  app.post(`${QUEUE_PATH}/:id/langkah`, async (c) => {
    const d = await readable(c);
    const r = await parseForm(c, StepForm);
    if (!r.ok) throw new AppError('validation_failed', 'error.validation', r.errors);
    const done = await takeStep(ctx, c.get('actor'), actorFromRequest(c), { id: d.app.id, action: r.data.aksi, reason: r.data.alasan, seen: r.data.status });
    if (done.ok) return c.redirect(`${appHref(d.app.id)}?pesan=${r.data.aksi}`, 303);
    if (done.code === 'layanan.reason_required') {
      c.status(422);
      const field = `alasan_${r.data.aksi}`;
      return c.html(<DetailPage c={c} d={d} service={d.service} values={{ [field]: r.data.alasan }} errors={{ [field]: 'layanan.error.reason_required' }} />);
    }
    const now = await applicationById(ctx.db, d.app.id);
    c.status(409);
    return c.html(<ConflictPage c={c} id={d.app.id} state={(now?.state ?? d.app.state)} />);
  });

  // the receipt, with the PIN: only for the officer who filed it at the counter
  app.get(`${QUEUE_PATH}/:id/tanda-terima`, async (c) => {
    const d = await readable(c);
    const actor = c.get('actor');
    if (d.app.channel !== 'counter' || actor.kind !== 'staff' || d.app.filed_by !== actor.userId) throw new AppError('not_found', 'error.not_found');
    return c.html(<ReceiptPage c={c} app={d.app} pin={openPin(ctx.config.secret, d.app)} />);
  });

  app.get(`${QUEUE_PATH}/:id/berkas/:fileId`, async (c) => {
    authorize(c, PROCESS);
    const id = idParam(c);
    return serveFile(c, c.req.param('fileId'), PROCESS, async (file) => {
      const link = await fileLink(ctx.db, file.id);
      if (!link || link.application_id !== id) return undefined;
      const a = await applicationById(ctx.db, id);
      if (!a || !mayRead(c.get('actor'), a)) return undefined;
      return { unitPath: can(c.get('actor'), PROCESS, { unitPath: a.current_unit_path }) ? a.current_unit_path : a.unit_path };
    });
  });

  app.get(`${QUEUE_PATH}/:id/surat.pdf`, async (c) => {
    const d = await readable(c);
    if (!d.app.document_id) throw new AppError('not_found', 'error.not_found');
    return serveDocument(c, d.app.document_id, PROCESS, { unitPath: can(c.get('actor'), PROCESS, { unitPath: d.app.current_unit_path }) ? d.app.current_unit_path : d.app.unit_path });
  });

  // ---- the citizen: claim (before /:tracking) and the letter
  const claimPage = (c: Context<Env>, values: FormData, errors: FieldErrors, status: 200 | 422 | 429 = 200, claimed = false) => {
    c.status(status);
    return c.html(<ClaimPage c={c} values={values} errors={errors} claimed={claimed} />);
  };
  app.get(CLAIM_PATH, query('pesan'), (c) => {
    authorize(c, CLAIM);
    return claimPage(c, {}, {}, 200, parseQuery(c, Message).pesan === 'diklaim');
  });

  app.post(CLAIM_PATH, async (c) => {
    authorize(c, CLAIM);
    const actor = c.get('actor');
    if (actor.kind !== 'citizen') throw new AppError('forbidden', 'error.forbidden');
    const r = await parseForm(c, ClaimForm);
    if (!r.ok) return claimPage(c, r.values, r.errors, 422);
    const key = [`layanan.claim:user:${actor.userId}`];
    await assertNotLimited(ctx.db, key);
    const res = await claim(ctx, actor.userId, actorFromRequest(c), r.data.nomor, r.data.pin);
    if (!res.ok) {
      await recordFailure(ctx.db, key, CLAIM_LIMIT);
      return claimPage(c, { nomor: r.values.nomor ?? '' }, { nomor: res.error }, 422);
    }
    return c.redirect(`${CLAIM_PATH}?pesan=diklaim`, 303);
  });

  app.get(`${MY_APPLICATIONS}/:tracking/surat.pdf`, async (c) => {
    authorize(c, CLAIM);
    const tracking = normalizeTracking(c.req.param('tracking'));
    const a = tracking ? await applicationByTracking(ctx.db, tracking) : undefined;
    if (!a?.document_id || a.user_id === null) throw new AppError('not_found', 'error.not_found');
    return serveDocument(c, a.document_id, OWN_LETTER, { ownerId: a.user_id });
  });
}
