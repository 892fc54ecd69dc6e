// The citizen's application form as use cases (no HTTP, no HTML): the steps of a service (the unit
// that receives it, then one step per `pages` group), validating a page against the service's own
// field definitions, the draft saved (sealed) after every page, and the submit that turns the draft
// into an application. Name and NIK come from the account (citizenProfile) and are never asked twice.
import { citizenProfile, checkNik } from '../accounts/module.ts';
import type { AuditActor } from '../../platform/audit/audit.ts';
import { decrypt, encrypt } from '../../platform/crypto.ts';
import type { Executor } from '../../platform/db/index.ts';
import { saveFiles, type Upload } from '../../platform/files/index.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { FieldErrors } from '../../platform/http/input.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { sendMessage } from '../../platform/notify/notify.ts';
import * as repo from './applications-repo.ts';
import * as applyRepo from './apply-repo.ts';
import { openAnswers, openPin, sealAnswers, submitApplication, type Answers } from './applications.ts';
import type { ServiceField, ServicePage } from './schema.ts';
import type { ServiceRow } from './service.ts';

export const FILE_KIND = 'attachment';
const TEXT_MAX = 200;
const TEXTAREA_MAX = 2000;

/** A step of the form: the kecamatan, the kelurahan (kelurahan services), one per page group, then the check. */
export type Step = { key: 'kecamatan' } | { key: 'kelurahan' } | { key: 'page'; n: number; page: ServicePage };

export function stepsOf(s: Pick<ServiceRow, 'unitKind' | 'pages'>): Step[] {
  const unit: Step[] = s.unitKind === 'kelurahan' ? [{ key: 'kecamatan' }, { key: 'kelurahan' }] : s.unitKind === 'kecamatan' ? [{ key: 'kecamatan' }] : [];
  return [...unit, ...s.pages.map((page, i): Step => ({ key: 'page', n: i + 1, page }))];
}
/** the URL segment of a step */
export const stepSlug = (st: Step) => (st.key === 'page' ? String(st.n) : st.key);

export interface Profile { name: string; nik?: string; email?: string; phone?: string }

/** A field the account answers: the name (prefill: 'name') and the applicant's own NIK when the account has one. */
export function prefilled(f: ServiceField, profile: Profile): string | undefined {
  if (f.prefill === 'name') return profile.name;
  if (f.type === 'nik' && f.name === 'nik' && profile.nik) return profile.nik;
  return undefined;
}

export interface Draft {
  id: number | null;
  answers: Answers;
  /** steps completed, in order */
  done: number;
  files: { file_id: string; field: string; name: string; type: string; size: number }[];
}

export async function loadDraft(ctx: AppContext, userId: number, s: ServiceRow): Promise<Draft> {
  const d = await repo.draftOf(ctx.db, userId, s.id);
  if (!d) return { id: null, answers: {}, done: 0, files: [] };
  return { id: d.id, answers: openAnswers(ctx.config.secret, d.answers_sealed), done: d.page, files: await repo.filesOf(ctx.db, { draftId: d.id }) };
}

export const profileOf = async (ctx: AppContext, userId: number): Promise<Profile> => (await citizenProfile(ctx, userId)) ?? { name: '' };

/** The first step not yet completed (the check page once all are). */
export function resumeAt(s: ServiceRow, d: Draft): string {
  const steps = stepsOf(s);
  return d.done >= steps.length ? 'periksa' : stepSlug(steps[d.done]);
}

/** Check one page's answers against the service's field definitions; values come back trimmed. */
export function validatePage(page: ServicePage, values: Record<string, string>, opts: { profile: Profile; hasFile: (field: string) => boolean; uploaded: Set<string>; now: Date }): { answers: Answers; errors: FieldErrors } {
  const answers: Answers = {};
  const errors: FieldErrors = {};
  for (const f of page.fields) {
    if (prefilled(f, opts.profile) !== undefined) continue;
    if (f.type === 'file') {
      if (f.required && !opts.uploaded.has(f.name) && !opts.hasFile(f.name)) errors[f.name] = 'layanan.apply.file_required';
      continue;
    }
    const v = (values[f.name] ?? '').trim();
    answers[f.name] = v;
    if (!v) {
      if (f.required) errors[f.name] = f.type === 'select' ? 'layanan.apply.choose' : 'layanan.apply.required';
      continue;
    }
    if (v.length > (f.type === 'textarea' ? TEXTAREA_MAX : TEXT_MAX)) errors[f.name] = 'field.too_long';
    else if (f.type === 'select' && !f.options!.includes(v)) errors[f.name] = 'layanan.apply.choose';
    else if (f.type === 'date' && !realDate(v)) errors[f.name] = 'layanan.apply.date';
    else if (f.type === 'nik') {
      const r = checkNik(v, opts.now);
      if (r.ok) answers[f.name] = r.nik; else errors[f.name] = r.error;
    }
  }
  return { answers, errors };
}

function realDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) && Number(m[1]) >= 1900 && Number(m[1]) <= 2100;
}

/**
 * Save a step's answers into the draft (creating it), with its uploads stored and linked (a new file
 * for a field replaces the old one). `completed`: the step was answered in full (not "Back" with gaps),
 * so the draft's progress may move past it.
 */
export async function saveStep(ctx: AppContext, userId: number, s: ServiceRow, stepIndex: number, answers: Answers, opts: { completed: boolean; uploads?: Upload[] }): Promise<Draft> {
  const d = await loadDraft(ctx, userId, s);
  const merged = { ...d.answers, ...answers };
  const done = opts.completed ? Math.max(d.done, stepIndex + 1) : Math.min(d.done, stepIndex);
  await ctx.db.transaction().execute(async (tx) => {
    const id = await repo.saveDraft(tx, { userId, serviceId: s.id, answersSealed: sealAnswers(ctx.config.secret, merged), page: done, at: ctx.clock.now() });
    for (const u of opts.uploads ?? []) {
      await applyRepo.unlinkDraftField(tx, id, u.field);
      const [saved] = await saveFiles(ctx, tx, [u], { uploadedBy: userId });
      await repo.attachToDraft(tx, id, u.field, saved.id);
    }
  });
  return loadDraft(ctx, userId, s);
}

/** Steps whose answers are missing or no longer valid (a service edited since): the first one to show. */
export function firstIncomplete(s: ServiceRow, d: Draft, profile: Profile, now: Date): number | undefined {
  const steps = stepsOf(s);
  for (let i = 0; i < steps.length; i++) {
    const st = steps[i];
    if (st.key === 'kecamatan' && !d.answers._kecamatan) return i;
    if (st.key === 'kelurahan' && !d.answers._unit) return i;
    if (st.key === 'page') {
      const r = validatePage(st.page, d.answers, { profile, hasFile: (f) => d.files.some((x) => x.field === f), uploaded: new Set(), now });
      if (Object.keys(r.errors).length) return i;
    }
  }
  return d.done >= steps.length ? undefined : d.done;
}

/** The unit that receives the application: the chosen kelurahan or kecamatan; the owner unit for an OPD's service. */
export function receivingUnit(s: ServiceRow, d: Draft): number | undefined {
  if (s.unitKind === 'opd') return s.owner.id;
  const v = s.unitKind === 'kelurahan' ? d.answers._unit : d.answers._kecamatan;
  return v ? Number(v) : undefined;
}

/** The answers as the application stores them: the form's fields, the account's name and NIK filled in. */
export function finalAnswers(s: ServiceRow, d: Draft, profile: Profile): Answers {
  const out: Answers = {};
  for (const p of s.pages) for (const f of p.fields) {
    if (f.type === 'file') continue;
    out[f.name] = prefilled(f, profile) ?? d.answers[f.name] ?? '';
  }
  return out;
}

const sealDone = (secret: string, v: { tracking: string; pin: string }) => encrypt(secret, 'layanan.done', JSON.stringify(v));
export const openDone = (secret: string, box: string) => JSON.parse(decrypt(secret, 'layanan.done', box)) as { tracking: string; pin: string };

export interface Submit { userId: number; key: string; locale: Locale; actor: AuditActor }

/**
 * The draft becomes an application. A key already used by this citizen answers its application (a
 * double click, a retry): the draft is gone by then. The PIN goes to the citizen's verified address in
 * the submit's transaction (sealed: the template declares it secret). Returns the number and PIN, and
 * a box to carry them to the result page once (sealed in the session).
 */
export async function submitDraft(ctx: AppContext, s: ServiceRow, input: Submit): Promise<{ trackingNumber: string; pin: string; box: string } | { incomplete: number }> {
  const seenId = await repo.applicationIdBySubmitKey(ctx.db, input.key);
  if (seenId) {
    const app = (await repo.applicationById(ctx.db, seenId))!;
    if (app.user_id === input.userId) {
      const pin = openPin(ctx.config.secret, app);
      return { trackingNumber: app.tracking_number, pin, box: sealDone(ctx.config.secret, { tracking: app.tracking_number, pin }) };
    }
  }
  const profile = await profileOf(ctx, input.userId);
  const d = await loadDraft(ctx, input.userId, s);
  const missing = firstIncomplete(s, d, profile, ctx.clock.now());
  const unitId = receivingUnit(s, d);
  if (missing !== undefined || !d.id || !unitId) return { incomplete: missing ?? 0 };
  const answers = finalAnswers(s, d, profile);
  const name = answers[s.pages.flatMap((p) => p.fields).find((f) => f.prefill === 'name')?.name ?? ''] || profile.name;
  const nik = profile.nik ?? answers.nik ?? '';
  const r = await submitApplication(ctx, {
    serviceSlug: s.slug, unitId, userId: input.userId, applicant: { name, nik }, answers, channel: 'online',
    idempotencyKey: input.key, draftId: d.id, actor: input.actor,
    notify: async (tx: Executor, sub) => {
      const to = profile.email ? { channel: 'email' as const, to: profile.email } : profile.phone ? { channel: 'sms' as const, to: profile.phone } : undefined;
      if (!to) return;
      await sendMessage(tx, { ...to, template: 'layanan.submitted', locale: input.locale, params: { service: s.name, tracking: sub.trackingNumber, pin: sub.pin } }, { secret: ctx.config.secret });
    },
  });
  return { trackingNumber: r.trackingNumber, pin: r.pin, box: sealDone(ctx.config.secret, { tracking: r.trackingNumber, pin: r.pin }) };
}

export const kecamatanList = (ctx: AppContext) => applyRepo.kecamatanList(ctx.db);
export const kelurahanOf = (ctx: AppContext, id: number) => applyRepo.kelurahanOf(ctx.db, id);
export const unitById = (ctx: AppContext, id: number) => applyRepo.unitById(ctx.db, id);
